/* reply.c: a response, described first, then sent. */
#include "sys.h"
#include "reply.h"
#include "date.h"
#include "filecache.h"

void reply_init(struct reply *r, int head_only, int close)
{
    r->status = ST_OK;
    r->close = close;
    r->head_only = head_only;
    r->body_len = 0;
    r->part[0] = (struct reply_part){ PART_TEXT, 0, 0 };
    r->parts = 1;
    r->fd = -1;
    r->at = 0;
    r->sent = 0;
    r->text = (struct text_buf)TEXT_BUF(r->buf);
    r->mem = (struct grow){ 0 };
    r->received = 0;
    r->stream = 0;
    r->piece = 0;
    r->piece_len = r->piece_sent = 0;
    r->file_bytes = 0;
    r->cached = 0;
}

static void add_part(struct reply *r, enum reply_kind kind, uint64_t at,
                     uint64_t len)
{
    if (len == 0 || r->parts == REPLY_PARTS_MAX)
        return;
    r->part[r->parts++] = (struct reply_part){ kind, at, len };
    r->body_len += len;
}

void reply_add_text(struct reply *r, size_t from)
{
    add_part(r, PART_TEXT, from, r->text.len - from);
}

void reply_add_file(struct reply *r, uint64_t at, uint64_t len)
{
    add_part(r, PART_FILE, at, len);
}

void reply_add_memory(struct reply *r, struct grow *g)
{
    r->mem = *g;
    *g = (struct grow){ 0 };
    add_part(r, PART_MEMORY, 0, r->mem.len);
}

void reply_add_stream(struct reply *r, uint64_t len,
                      struct reply_stream *s)
{
    r->stream = s;
    add_part(r, PART_STREAM, 0, len);
}

void reply_head(struct reply *r, enum status st)
{
    r->status = st;
    r->part[0].at = r->text.len;
    http_put_status_line(&r->text, st);
}

void reply_end_head(struct reply *r)
{
    struct text_buf *out = &r->text;

    http_put_field(out, "Server", "drongo");
    text_put(out, "Date: ");
    date_put_http(out, r->now);
    text_put(out, "\r\n");
    http_put_field(out, "Connection", r->close ? "close" : "keep-alive");
    text_put(out, "\r\n");
    r->part[0].len = out->len - r->part[0].at;
}

static const char *part_bytes(const struct reply *r,
                              const struct reply_part *p)
{
    if (p->kind == PART_TEXT)
        return r->buf + p->at;
    if (p->kind == PART_MEMORY)
        return r->mem.data + p->at;
    if (p->kind == PART_FILE && r->file_bytes)
        return r->file_bytes + p->at;
    return 0;
}

static long push_memory(int sock, struct reply *r, size_t last)
{
    struct iovec iov[REPLY_IOV_MAX];
    uint64_t skip = r->sent;
    int n = 0;

    for (size_t i = r->at; i < last && n < REPLY_IOV_MAX &&
                           part_bytes(r, &r->part[i]); i++, skip = 0)
        iov[n++] = (struct iovec){ part_bytes(r, &r->part[i]) + skip,
                                   r->part[i].len - skip };
    return sys_writev(sock, iov, n);
}

#define SENDFILE_MAX 0x7ffff000 /* bytes; the kernel's cap per call */

static void cork(int sock, int on)
{
    sys_setsockopt(sock, IPPROTO_TCP, TCP_CORK, &on, sizeof on);
}

static long push_file(int sock, struct reply *r)
{
    const struct reply_part *p = &r->part[r->at];
    int64_t offset = (int64_t)(p->at + r->sent);
    uint64_t left = p->len - r->sent;
    long n;

    if (r->sent == 0)
        cork(sock, 1);                  /* full segments from here */
    n = sys_sendfile(sock, r->fd, &offset,
                     left < SENDFILE_MAX ? left : SENDFILE_MAX);
    if (n == (long)left || n == 0)
        cork(sock, 0);                  /* the last segment, now */
    return n;
}

static long push_stream(int sock, struct reply *r)
{
    uint64_t left = r->part[r->at].len - r->sent;
    size_t n;
    long w;

    if (r->piece_sent == r->piece_len) {
        r->piece_len = r->stream->next(r->stream, &r->piece);
        r->piece_sent = 0;
        if (r->piece_len == 0)
            return 0;                   /* ended early: cut short */
    }
    n = r->piece_len - r->piece_sent;
    w = sys_write(sock, r->piece + r->piece_sent, n < left ? n : left);
    if (w > 0)
        r->piece_sent += (size_t)w;
    return w;
}

static void advance(struct reply *r, uint64_t n)
{
    while (n > 0) {
        uint64_t left = r->part[r->at].len - r->sent;
        if (n < left) {
            r->sent += n;
            return;
        }
        n -= left;
        r->at++;
        r->sent = 0;
    }
}

int reply_push(int sock, struct reply *r)
{
    size_t last = r->head_only ? 1 : r->parts;
    long n;

    if (r->at == last)
        return REPLY_DONE;
    if (r->part[r->at].kind == PART_STREAM)
        n = push_stream(sock, r);
    else if (part_bytes(r, &r->part[r->at]))
        n = push_memory(sock, r, last);
    else
        n = push_file(sock, r);
    if (n == -EINTR)
        return REPLY_MORE;
    if (n == -EAGAIN)
        return REPLY_WOULD_BLOCK;
    if (n <= 0)
        return REPLY_CUT;
    advance(r, (uint64_t)n);
    return r->at == last ? REPLY_DONE : REPLY_MORE;
}

int reply_send(int sock, struct reply *r)
{
    int s;

    while ((s = reply_push(sock, r)) == REPLY_MORE)
        ;
    return s == REPLY_DONE ? 0 : -1;
}

void reply_finish(struct reply *r)
{
    if (r->fd >= 0)
        sys_close(r->fd);
    r->fd = -1;
    grow_free(&r->mem);
    if (r->stream)
        r->stream->release(r->stream);
    r->stream = 0;
    filecache_release(r->cached);
    r->cached = 0;
    r->file_bytes = 0;
}
