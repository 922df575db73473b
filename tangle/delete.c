/* delete.c: answering DELETE: a regular file removed, under the lock. */
#include "sys.h"
#include "http.h"
#include "reply.h"
#include "errors.h"
#include "precond.h"
#include "target.h"
#include "allow.h"
#include "delete.h"

static enum status remove_file(const struct target *t,
                               const struct http_request *req, int64_t now)
{
    struct validators v;
    enum status st = target_lock(t);
    int kind;

    if (st != ST_OK)
        return st;
    kind = target_look(t, &v, now);
    if (kind < 0)
        st = target_status(kind);
    else if (kind == TARGET_DIRECTORY)
        st = ST_METHOD_NOT_ALLOWED;
    else if (kind != TARGET_FILE)
        st = ST_NOT_FOUND;              /* nothing, or a link: not ours */
    else
        st = precond_evaluate(req, &v);
    if (st == ST_OK) {
        long e = sys_unlinkat(t->dir, t->name, 0);
        st = e < 0 ? target_status(e) : ST_NO_CONTENT;
    }
    target_unlock(t);
    return st;
}

void delete_reply(struct reply *r, const struct http_request *req)
{
    struct target t = { .dir = -1 };
    enum status st = allow_writes() ? target_open(&t, req)
                                    : ST_METHOD_NOT_ALLOWED;

    if (st == ST_OK)
        st = remove_file(&t, req, r->now);
    target_close(&t);
    if (st == ST_CONFLICT)
        st = ST_NOT_FOUND;              /* no such directory: no file */
    if (st == ST_NO_CONTENT) {
        reply_head(r, st);
        reply_end_head(r);
    } else if (st == ST_METHOD_NOT_ALLOWED) {
        errors_reply_unwritable(r);
    } else {
        errors_reply(r, st);
    }
}
