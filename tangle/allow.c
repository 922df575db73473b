/* allow.c: the methods drongo allows, and the Allow field that names
 * them.  No system calls. */
#include "text.h"
#include "http.h"
#include "reply.h"
#include "errors.h"
#include "path.h"
#include "allow.h"

static int writes;

void allow_use_writes(int on)
{
    writes = on;
}

int allow_writes(void)
{
    return writes;
}

void allow_put(struct text_buf *b, int writable)
{
    http_put_field(b, "Allow", writes && writable
                   ? "GET, HEAD, OPTIONS, PUT, DELETE"
                   : "GET, HEAD, OPTIONS");
}

void allow_reply(struct reply *r, const struct http_request *req)
{
    char rel[PATH_REL_MAX];
    int writable = 1;

    if (!text_span_eq(req->target.at, req->target.len, "*", 1)) {
        enum status st = path_relative(req->path, req->path_len, rel);
        if (st != ST_OK) {
            errors_reply(r, st);
            return;
        }
        writable = req->path[req->path_len - 1] != '/';
    }
    reply_head(r, ST_OK);
    allow_put(&r->text, writable);
    http_put_field_uint(&r->text, "Content-Length", 0);
    reply_end_head(r);
}
