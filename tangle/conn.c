/* conn.c: serving one client connection. */
#include "sys.h"
#include "text.h"
#include "io.h"
#include "http.h"
#include "conn.h"
#include "path.h"
#include "file.h"

#define REQUEST_HEAD_MAX 16384  /* bytes; stop reading and answer */
#define CONN_BUF_MAX (HTTP_HEAD_MAX + 1024) /* bytes; a head fits */
#define CONN_OUT_MAX 2048       /* bytes; any response head fits */
#define LINGER_SECONDS 2        /* waiting for a client to hang up */

struct conn {
    int fd;
    size_t len;                 /* bytes in buf */
    
    char buf[CONN_BUF_MAX];
};

static int docroot = -1;

void conn_use_docroot(int fd)
{
    docroot = fd;
}

static void put_error(struct text_buf *out, enum status st)
{
    char page[512];
    struct text_buf body = TEXT_BUF(page);

    text_put(&body, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                    "<meta charset=\"utf-8\"><title>");
    text_put_uint(&body, (uint64_t)st);
    text_put(&body, " ");
    text_put(&body, http_reason(st));
    text_put(&body, "</title></head>\n<body><h1>");
    text_put_uint(&body, (uint64_t)st);
    text_put(&body, " ");
    text_put(&body, http_reason(st));
    text_put(&body, "</h1></body></html>\n");
    http_put_status_line(out, st);
    http_put_field(out, "Content-Type", "text/html; charset=utf-8");
    http_put_field_uint(out, "Content-Length", body.len);
    if (st == ST_METHOD_NOT_ALLOWED)
        http_put_field(out, "Allow", "GET, HEAD");
    if (st == ST_SERVICE_UNAVAILABLE)
        http_put_field(out, "Retry-After", "1");
    http_put_field(out, "Server", "drongo");
    http_put_field(out, "Connection", "close");
    text_put(out, "\r\n");
    text_put_bytes(out, body.data, body.len);
}

static void send_error(struct conn *c, enum status st)
{
    char out[CONN_OUT_MAX];
    struct text_buf b = TEXT_BUF(out);

    put_error(&b, st);
    io_write_all(c->fd, b.data, b.len);
}

enum { CONN_GONE = -1 };

static int read_head(struct conn *c, struct http_parser *p,
                     struct http_request *req)
{
    for (;;) {
        int r = http_parse(p, req, c->buf, c->len);
        if (r != HTTP_MORE)
            return r;
        if (c->len == sizeof c->buf)
            return ST_FIELDS_TOO_LARGE; /* cannot happen: limits */
        long n = sys_read(c->fd, c->buf + c->len, sizeof c->buf - c->len);
        if (n == -EINTR)
            continue;
        if (n <= 0)
            return CONN_GONE;
        c->len += (size_t)n;
    }
}

static void linger_close(struct conn *c)
{
    struct timeval limit = { LINGER_SECONDS, 0 };
    char scrap[4096];

    sys_shutdown(c->fd, SHUT_WR);
    sys_setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    for (int i = 0; i < 64; i++) {              /* at most 256 KiB */
        long n = sys_read(c->fd, scrap, sizeof scrap);
        if (n == -EINTR)
            continue;
        if (n <= 0)
            break;
    }
}

static enum status open_request_file(const struct http_request *req,
                                     long *fd, struct stat *st)
{
    char rel[PATH_REL_MAX];
    enum status status = path_relative(req->path, req->path_len, rel);

    if (status != ST_OK)
        return status;
    *fd = file_open_beneath(docroot, rel);
    if (*fd < 0)
        return file_status(*fd);
    if (sys_fstat((int)*fd, st) < 0 || (st->st_mode & S_IFMT) != S_IFREG) {
        sys_close((int)*fd);
        return ST_NOT_FOUND;
    }
    return ST_OK;
}

static void copy_body(int out, int in, uint64_t size)
{
    static char chunk[65536];

    while (size > 0) {
        long n = sys_read(in, chunk, size < sizeof chunk ? size
                                                         : sizeof chunk);
        if (n == -EINTR)
            continue;
        if (n <= 0 || io_write_all(out, chunk, (size_t)n) != 0)
            return;
        size -= (uint64_t)n;
    }
}

static void respond(struct conn *c, const struct http_request *req)
{
    char out[CONN_OUT_MAX];
    struct text_buf b = TEXT_BUF(out);
    struct stat st;
    long fd;
    enum status status = open_request_file(req, &fd, &st);

    if (status != ST_OK) {
        send_error(c, status);
        return;
    }
    http_put_status_line(&b, ST_OK);
    http_put_field(&b, "Content-Type", "application/octet-stream");
    http_put_field_uint(&b, "Content-Length", (uint64_t)st.st_size);
    http_put_field(&b, "Server", "drongo");
    http_put_field(&b, "Connection", "close");
    text_put(&b, "\r\n");
    if (io_write_all(c->fd, b.data, b.len) == 0 && req->method == M_GET)
        copy_body(c->fd, (int)fd, (uint64_t)st.st_size);
    sys_close((int)fd);
}

void conn_serve(int fd)
{
    static struct conn c;               /* large: keep it off the stack */
    struct http_parser p;
    struct http_request req;
    int st;

    c.fd = fd;
    c.len = 0;
    http_parser_init(&p);
    st = read_head(&c, &p, &req);
    if (st == CONN_GONE)
        return;
    if (st == HTTP_DONE)
        st = http_check(&req);
    if (st == ST_OK)
        respond(&c, &req);
    else
        send_error(&c, (enum status)st);
    linger_close(&c);
}

void conn_refuse(int fd)
{
    char out[CONN_OUT_MAX], scrap[1024];
    struct text_buf b = TEXT_BUF(out);

    for (int i = 0; i < 16; i++)
        if (sys_recvfrom(fd, scrap, sizeof scrap, MSG_DONTWAIT) <= 0)
            break;
    put_error(&b, ST_SERVICE_UNAVAILABLE);
    sys_write(fd, b.data, b.len);
    sys_shutdown(fd, SHUT_WR);
}
