/* upload.c: a PUT body, received into a temporary file and moved into
 * place only when it is complete. */
#include "sys.h"
#include "text.h"
#include "http.h"
#include "reply.h"
#include "errors.h"
#include "precond.h"
#include "chunked.h"
#include "target.h"
#include "allow.h"
#include "upload.h"

#define UPLOAD_MODE 0644        /* rw-r--r--, less the umask: no x */
#define UPLOAD_HIDDEN ".drongo-upload"  /* a replacement, for a moment */

static uint64_t limit = UPLOAD_MAX_DEFAULT;

void upload_use_limit(uint64_t bytes)
{
    limit = bytes;
}

static uint64_t length_of(struct http_span v)
{
    uint64_t n = 0;

    for (size_t i = 0; i < v.len; i++)
        n = n * 10 + (uint64_t)(v.at[i] - '0');
    return n;
}

static enum status check_framing(struct upload *u,
                                 const struct http_request *req)
{
    if (!allow_writes())
        return ST_METHOD_NOT_ALLOWED;
    if (req->content_range.at)
        return ST_BAD_REQUEST;          /* RFC 9110, 9.3.4 */
    if (req->chunked) {
        u->chunked = 1;
        chunked_init(&u->chunks, limit);
        return ST_OK;
    }
    if (!req->content_length.at)
        return ST_LENGTH_REQUIRED;
    u->left = length_of(req->content_length);
    u->done = u->left == 0;
    return u->left > limit ? ST_CONTENT_TOO_LARGE : ST_OK;
}

static enum status check_current(struct upload *u, int64_t now,
                                 int *kind)
{
    struct validators v;

    *kind = target_look(&u->t, &v, now);
    if (*kind < 0)
        return target_status(*kind);
    if (*kind == TARGET_DIRECTORY)
        return ST_METHOD_NOT_ALLOWED;
    if (*kind == TARGET_OTHER)
        return ST_FORBIDDEN;            /* a link, a FIFO, a device */
    return precond_evaluate(u->req, &v);
}

static enum status open_temporary(struct upload *u)
{
    long fd = sys_openat(u->t.dir, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC,
                         UPLOAD_MODE);

    if (fd < 0)
        return target_status(fd);
    u->fd = (int)fd;
    return ST_OK;
}

static int expects_continue(const struct http_request *req)
{
    return req->minor >= 1 && req->expect.at &&
           text_span_ieq(req->expect.at, req->expect.len,
                         "100-continue");
}

enum status upload_begin(struct upload *u, const struct http_request *req,
                         int64_t now, int *send_continue)
{
    int kind;

    *u = (struct upload){ .status = ST_OK, .req = req, .fd = -1 };
    u->t.dir = -1;
    u->status = check_framing(u, req);
    if (u->status == ST_OK)
        u->status = target_open(&u->t, req);
    if (u->status == ST_OK)
        u->status = check_current(u, now, &kind);
    if (u->status == ST_OK)
        u->status = open_temporary(u);
    *send_continue = u->status == ST_OK && expects_continue(req);
    return u->status;
}

static void store(struct upload *u, const char *p, size_t n)
{
    u->received += n;
    while (n > 0 && u->status == ST_OK) {
        long w = sys_write(u->fd, p, n);

        if (w == -EINTR)
            continue;
        if (w <= 0)
            u->status = target_status(w);   /* ENOSPC: 507 */
        else
            p += w, n -= (size_t)w;
    }
}

static enum upload_step feed_length(struct upload *u, const char *data,
                                    size_t n, size_t *used)
{
    size_t k = n < u->left ? n : (size_t)u->left;

    store(u, data, k);
    u->left -= k;
    *used = k;
    return u->left == 0 ? UPLOAD_DONE : UPLOAD_MORE;
}

static enum upload_step feed_chunks(struct upload *u, const char *data,
                                    size_t n, size_t *used)
{
    for (;;) {
        struct http_span piece;
        size_t k;
        int v = chunked_decode(&u->chunks, data + *used, n - *used, &k,
                               &piece);

        *used += k;
        store(u, piece.at, piece.len);
        if (v == CHUNKED_BAD)
            u->status = ST_BAD_REQUEST;
        if (v == CHUNKED_TOO_LARGE)
            u->status = ST_CONTENT_TOO_LARGE;
        if (u->status != ST_OK || v == CHUNKED_MORE)
            return UPLOAD_MORE;         /* upload_feed tells which */
        if (v == CHUNKED_DONE)
            return UPLOAD_DONE;
    }
}

enum upload_step upload_feed(struct upload *u, const char *data, size_t n,
                             size_t *used)
{
    enum upload_step s;

    *used = 0;
    if (u->status != ST_OK)
        return UPLOAD_FAILED;
    s = u->chunked ? feed_chunks(u, data, n, used)
                   : feed_length(u, data, n, used);
    if (u->status != ST_OK)
        return UPLOAD_FAILED;
    u->done = s == UPLOAD_DONE;
    return s;
}

static long link_temporary(const struct upload *u, const char *name)
{
    char proc[32];
    struct text_buf b = TEXT_BUF(proc);
    long e = sys_linkat(u->fd, "", u->t.dir, name, AT_EMPTY_PATH);

    if (e != -ENOENT)
        return e;
    text_put(&b, "/proc/self/fd/");
    text_put_uint(&b, (uint64_t)u->fd);
    text_put_bytes(&b, "", 1);
    return sys_linkat(AT_FDCWD, proc, u->t.dir, name, AT_SYMLINK_FOLLOW);
}

static enum status replace(const struct upload *u)
{
    long e;

    sys_unlinkat(u->t.dir, UPLOAD_HIDDEN, 0);   /* a writer killed here */
    e = link_temporary(u, UPLOAD_HIDDEN);
    if (e == 0) {
        e = sys_renameat2(u->t.dir, UPLOAD_HIDDEN, u->t.dir, u->t.name,
                          0);
        if (e < 0)
            sys_unlinkat(u->t.dir, UPLOAD_HIDDEN, 0);
    }
    return e < 0 ? target_status(e) : ST_OK;
}

static int conditional(const struct http_request *req)
{
    return req->if_match.at || req->if_none_match.at ||
           req->if_unmodified_since.at;
}

static enum status create(const struct upload *u, int *created)
{
    long e = link_temporary(u, u->t.name);

    if (e == 0) {
        *created = 1;
        return ST_OK;
    }
    if (e != -EEXIST)
        return target_status(e);
    if (conditional(u->req))
        return ST_PRECONDITION_FAILED;  /* a file came meanwhile */
    return replace(u);
}

static enum status place(struct upload *u, int64_t now, int *created)
{
    enum status st = target_lock(&u->t);
    int kind;

    if (st != ST_OK)
        return st;
    st = check_current(u, now, &kind);
    if (st == ST_OK && kind == TARGET_NONE)
        st = create(u, created);
    else if (st == ST_OK)
        st = replace(u);
    target_unlock(&u->t);
    return st;
}

static void put_location(struct text_buf *b, const struct http_request *req)
{
    struct http_span path = req->path_raw;

    while (path.len > 0 && (path.at[0] == '/' || path.at[0] == '\\'))
        path.at++, path.len--;          /* "//host" would leave the site */
    text_put(b, "Location: /");
    text_put_bytes(b, path.at, path.len);
    text_put(b, "\r\n");
}

static void describe(const struct upload *u, struct reply *r, int created)
{
    struct validators v = { 0 };
    struct stat st;

    if (u->status == ST_METHOD_NOT_ALLOWED) {
        errors_reply_unwritable(r);     /* -w off, or a directory */
        return;
    }
    if (u->status != ST_OK) {
        errors_reply(r, u->status);
        return;
    }
    if (sys_fstat(u->fd, &st) == 0)
        precond_file(&v, st.st_ino, (uint64_t)st.st_size, st.st_mtime,
                     (uint64_t)st.st_mtime_nsec, r->now);
    reply_head(r, created ? ST_CREATED : ST_NO_CONTENT);
    if (created) {
        put_location(&r->text, u->req);
        http_put_field_uint(&r->text, "Content-Length", 0);
    }
    precond_put(&r->text, &v);
    reply_end_head(r);
}

void upload_finish(struct upload *u, struct reply *r)
{
    int created = 0;
    long e;

    if (u->status == ST_OK && !u->done)
        u->status = ST_BAD_REQUEST;     /* finished early */
    if (u->status == ST_OK && (e = sys_fdatasync(u->fd)) < 0)
        u->status = target_status(e);
    if (u->status == ST_OK)
        u->status = place(u, r->now, &created);
    describe(u, r, created);
    r->received = u->received;
    upload_abort(u);
}

void upload_abort(struct upload *u)
{
    if (u->fd >= 0)
        sys_close(u->fd);
    u->fd = -1;
    target_close(&u->t);
}
