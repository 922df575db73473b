/* conn.c: serving one client connection. */
#include "sys.h"
#include "text.h"
#include "http.h"
#include "reply.h"
#include "errors.h"
#include "conn.h"
#include "get.h"
#include "mem.h"
#include "net.h"
#include "log.h"
#include "io.h"
#include "allow.h"
#include "delete.h"
#include "upload.h"

#define REQUEST_HEAD_MAX 16384  /* bytes; stop reading and answer */
#define CONN_BUF_MAX (HTTP_HEAD_MAX + 1024) /* bytes; a head fits */
#define LINGER_SECONDS 2        /* waiting for a client to hang up */

struct conn {
    int fd;
    size_t len;                 /* bytes in buf */
    char client[NET_ADDR_TEXT_MAX]; /* the peer's address, for the log */
    struct reply reply;         /* the answer to the current request */
    char buf[CONN_BUF_MAX];
};


static struct timeval idle = { 10, 0 };

void conn_use_idle_timeout(unsigned seconds)
{
    idle.tv_sec = seconds;
}

static int access_log = 1;

void conn_use_access_log(int on)
{
    access_log = on;
}

static struct http_span first_line(const struct conn *c)
{
    size_t i = 0, start;

    while (i < c->len && (c->buf[i] == '\r' || c->buf[i] == '\n'))
        i++;
    start = i;
    while (i < c->len && c->buf[i] != '\r' && c->buf[i] != '\n')
        i++;
    return (struct http_span){ c->buf + start, i - start };
}

static void log_exchange(struct conn *c, const struct http_request *req)
{
    static char line[LOG_LINE_MAX];
    struct text_buf b = TEXT_BUF(line);
    const struct reply *r = &c->reply;

    if (c->client[0] == '\0')
        net_peer(c->fd, c->client);
    struct log_entry e = {
        .client = c->client, .time = r->now,
        .request_line = first_line(c), .referer = req->referer,
        .user_agent = req->user_agent, .status = r->status,
        .body_bytes = r->head_only ? 0 : r->body_len,
    };
    e.shows_received = req->method == M_PUT || req->method == M_DELETE;
    e.received = r->received;
    log_format(&b, &e);
    while (sys_write(STDOUT, b.data, b.len) == -EINTR)
        ;
}

static int is_head(const struct http_request *req)
{
    return text_span_eq(req->method_text.at, req->method_text.len,
                        "HEAD", 4);
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
            return ST_FIELDS_TOO_LARGE; /* the limits make it unreachable */
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

static void start_reply(struct reply *r, int head_only, int close)
{
    reply_init(r, head_only, close);
    struct timespec now = { 0, 0 };

    sys_clock_gettime(CLOCK_REALTIME, &now);
    r->now = now.tv_sec;
}

static void answer(struct reply *r, const struct http_request *req,
                   int st)
{
    if (st != ST_OK)
        errors_reply(r, (enum status)st);
    else if (req->method == M_OPTIONS)
        allow_reply(r, req);
    else if (req->method == M_DELETE)
        delete_reply(r, req);
    else
        get_reply(r, req);
}

static int read_body(struct conn *c, struct upload *u, size_t *end)
{
    size_t head = *end, used;
    enum upload_step s = upload_feed(u, c->buf + head, c->len - head,
                                     &used);

    while (s == UPLOAD_MORE) {
        long n;

        c->len = head;                  /* all of it went to the upload */
        n = sys_read(c->fd, c->buf + head, sizeof c->buf - head);
        if (n == -EINTR)
            continue;
        if (n <= 0)
            return CONN_GONE;           /* gone, or silent for -t */
        c->len += (size_t)n;
        s = upload_feed(u, c->buf + head, (size_t)n, &used);
    }
    *end = head + used;
    return 0;
}

static void say_continue(const struct conn *c)
{
    char line[32];
    struct text_buf b = TEXT_BUF(line);

    http_put_status_line(&b, ST_CONTINUE);
    text_put(&b, "\r\n");
    io_write_all(c->fd, b.data, b.len);
}

static int receive(struct conn *c, const struct http_request *req,
                   size_t *end)
{
    static struct upload u;
    int send_continue;

    if (upload_begin(&u, req, c->reply.now, &send_continue) == ST_OK) {
        if (send_continue)
            say_continue(c);
        if (read_body(c, &u, end) == CONN_GONE) {
            upload_abort(&u);
            return CONN_GONE;
        }
    }
    upload_finish(&u, &c->reply);
    return 0;
}

void conn_serve(int fd)
{
    static struct conn c;

    c.fd = fd;
    c.len = 0;
    sys_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof idle);
    sys_setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &idle, sizeof idle);
    for (;;) {
        struct http_parser p;
        struct http_request req;
        size_t end;
        int st, cut;

        http_parser_init(&p);
        st = read_head(&c, &p, &req);
        if (st == CONN_GONE)
            return;
        if (st == HTTP_DONE)
            st = http_check(&req);
        start_reply(&c.reply, is_head(&req), req.close);
        end = p.pos;
        if (st == ST_OK && req.method == M_PUT) {
            if (receive(&c, &req, &end) == CONN_GONE)
                return;                         /* the upload is dropped */
        } else {
            answer(&c.reply, &req, st);
        }
        cut = reply_send(c.fd, &c.reply) != 0;
        reply_finish(&c.reply);
        if (access_log)
            log_exchange(&c, &req);
        if (c.reply.close || cut)
            break;
        memmove(c.buf, c.buf + end, c.len - end);
        c.len -= end;
    }
    linger_close(&c);
}

void conn_refuse(int fd)
{
    static struct reply busy;           /* over 10 KiB: off the stack */
    char scrap[1024];

    for (int i = 0; i < 16; i++)
        if (sys_recvfrom(fd, scrap, sizeof scrap, MSG_DONTWAIT) <= 0)
            break;
    start_reply(&busy, 0, 1);
    errors_reply(&busy, ST_SERVICE_UNAVAILABLE);
    reply_push(fd, &busy);              /* one writev, never a wait */
    reply_finish(&busy);
    sys_shutdown(fd, SHUT_WR);
}
