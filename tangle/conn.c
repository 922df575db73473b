/* conn.c: serving one client connection. */
#include "sys.h"
#include "text.h"
#include "http.h"
#include "head.h"
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
#include "rules.h"
#include "logwrite.h"
#include "clock.h"

#define REQUEST_HEAD_MAX 16384  /* bytes; stop reading and answer */
#define CONN_BUF_MAX (HTTP_HEAD_MAX + 1024) /* bytes; a head fits */
#define LINGER_SECONDS 2        /* waiting for a client to hang up */

struct conn {
    int fd;
    size_t len;                 /* bytes in buf */
    char client[NET_ADDR_TEXT_MAX]; /* the peer's address, for the log */
    int state;                      /* CONN_HEAD, _BODY, _SEND, _LINGER */
    int64_t deadline;               /* ms on the monotonic clock */
    int64_t born;                   /* ms: when it was accepted */
    unsigned requests;              /* begun on it so far */
    uint64_t mark;                  /* sending: bytes out as the window began */
    struct http_parser p;           /* the head being read */
    struct http_request req;        /* ... and what it says so far */
    size_t end;                     /* where in buf this request ends */
    struct upload up;               /* a PUT's body, being received */
    int drained;                    /* the last read left the socket empty */
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
    logwrite_line(b.data, b.len);
}

const size_t conn_size = sizeof(struct conn);

enum { CONN_HEAD, CONN_BODY, CONN_SEND, CONN_LINGER };
enum { STEP_WAIT, STEP_GONE, STEP_NEXT };   /* what a step found */

static unsigned life_seconds = KEEPALIVE_SECONDS_MAX;
static int conn_stopping;            /* the server is stopping */

void conn_use_lifetime(unsigned seconds)
{
    life_seconds = seconds;
}

void conn_stop(void)
{
    conn_stopping = 1;
}

static int64_t patience(void)   /* ms: -t */
{
    return (int64_t)idle.tv_sec * 1000;
}

static void wait_for_head(struct conn *c, int64_t now)
{
    c->state = CONN_HEAD;
    c->deadline = now + patience();
    http_parser_init(&c->p);
    c->req.referer = c->req.user_agent = (struct http_span){ 0, 0 };
    c->req.method_text = (struct http_span){ 0, 0 };
}

void conn_open(struct conn *c, int fd, int64_t now)
{
    c->fd = fd;
    c->len = 0;
    c->client[0] = '\0';
    c->born = now;
    c->requests = 0;
    c->drained = 0;                 /* nothing read yet */
    reply_init(&c->reply, 0, 1);        /* nothing to finish yet */
    wait_for_head(c, now);
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
        if (c->drained) {
            c->drained = 0;             /* the next event brings more */
            return HTTP_MORE;
        }
        if (c->len == sizeof c->buf)
            return ST_FIELDS_TOO_LARGE; /* the limits make it unreachable */
        size_t room = sizeof c->buf - c->len;
        long n = sys_read(c->fd, c->buf + c->len, room);
        if (n == -EINTR)
            continue;
        if (n == -EAGAIN)
            return HTTP_MORE;           /* nothing more yet */
        if (n <= 0)
            return CONN_GONE;
        c->len += (size_t)n;
        c->drained = (size_t)n < room;
    }
}

static int linger_step(struct conn *c)
{
    char scrap[4096];

    for (;;) {
        long n = sys_read(c->fd, scrap, sizeof scrap);
        if (n == -EINTR)
            continue;
        if (n == -EAGAIN)
            return STEP_WAIT;
        if (n <= 0)
            return STEP_GONE;           /* the client hung up */
    }
}

static void start_reply(struct reply *r, int head_only, int close)
{
    reply_init(r, head_only, close);
    r->now = clock_unix();
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

static void last_or_not(struct conn *c, int64_t now)
{
    if (++c->requests >= KEEPALIVE_REQUESTS_MAX || conn_stopping ||
        now - c->born >= (int64_t)life_seconds * 1000)
        c->req.close = 1;               /* the last on this connection */
}

static void begin_sending(struct conn *c, int64_t now)
{
    c->state = CONN_SEND;
    c->deadline = now + patience();
    c->mark = 0;
}

static void begin_reply(struct conn *c, int st, int64_t now)
{
    last_or_not(c, now);
    start_reply(&c->reply, is_head(&c->req), c->req.close);
    answer(&c->reply, &c->req, st);
    c->end = c->p.pos;
    begin_sending(c, now);
}

static int begin_upload(struct conn *c, int64_t now);

static int head_step(struct conn *c, int64_t now)
{
    int st = read_head(c, &c->p, &c->req);

    if (st == HTTP_MORE)
        return conn_stopping && c->len == 0 ? STEP_GONE : STEP_WAIT;
    if (st == CONN_GONE)
        return STEP_GONE;
    if (st == HTTP_DONE)
        st = head_check(&c->req);
    if (st == ST_OK && c->req.method == M_PUT)
        return begin_upload(c, now);
    begin_reply(c, st, now);
    return STEP_NEXT;
}

static int send_step(struct conn *c, int64_t now)
{
    int s, cut;

    while ((s = reply_push(c->fd, &c->reply)) == REPLY_MORE)
        ;
    if (s == REPLY_WOULD_BLOCK)
        return STEP_WAIT;
    cut = s == REPLY_CUT;
    reply_finish(&c->reply);
    if (access_log)
        log_exchange(c, &c->req);
    if (c->reply.close || cut) {
        sys_shutdown(c->fd, SHUT_WR);
        c->state = CONN_LINGER;
        c->deadline = now + LINGER_SECONDS * 1000;
        return STEP_NEXT;
    }
    memmove(c->buf, c->buf + c->end, c->len - c->end);
    c->len -= c->end;
    wait_for_head(c, now);
    return STEP_NEXT;
}

static int say_continue(const struct conn *c)
{
    char line[32];
    struct text_buf b = TEXT_BUF(line);
    long n;

    http_put_status_line(&b, ST_CONTINUE);
    text_put(&b, "\r\n");
    while ((n = sys_write(c->fd, b.data, b.len)) == -EINTR)
        ;
    return n == (long)b.len || n == -EAGAIN ? 0 : -1;
}

static int begin_upload(struct conn *c, int64_t now)
{
    int send_continue = 0;

    last_or_not(c, now);
    start_reply(&c->reply, 0, c->req.close);
    c->end = c->p.pos;
    c->state = CONN_BODY;
    if (upload_begin(&c->up, &c->req, c->reply.now, &send_continue) !=
        ST_OK) {
        c->state = CONN_HEAD;           /* no upload to abort */
        upload_finish(&c->up, &c->reply);
        begin_sending(c, now);
        return STEP_NEXT;
    }
    if (send_continue && say_continue(c) != 0)
        return STEP_GONE;               /* the stream would be broken */
    c->deadline = now + patience();
    c->mark = 0;
    return STEP_NEXT;
}

static int body_step(struct conn *c, int64_t now)
{
    size_t used = 0;
    enum upload_step s = upload_feed(&c->up, c->buf + c->end,
                                     c->len - c->end, &used);

    while (s == UPLOAD_MORE) {
        long n;

        c->len = c->end;                /* all of it went to the upload */
        n = sys_read(c->fd, c->buf + c->end, sizeof c->buf - c->end);
        if (n == -EINTR)
            continue;
        if (n == -EAGAIN)
            return STEP_WAIT;
        if (n <= 0)
            return STEP_GONE;           /* conn_end drops the upload */
        c->len += (size_t)n;
        s = upload_feed(&c->up, c->buf + c->end, (size_t)n, &used);
    }
    c->end += used;                     /* the next request starts here */
    c->state = CONN_SEND;               /* the upload is over */
    upload_finish(&c->up, &c->reply);
    begin_sending(c, now);
    return STEP_NEXT;
}

void conn_end(struct conn *c)
{
    if (c->state == CONN_BODY)
        upload_abort(&c->up);           /* nothing is stored */
    reply_finish(&c->reply);
    sys_close(c->fd);
}

int conn_step(struct conn *c, int64_t now)
{
    int r;

    do {
        if (c->state == CONN_HEAD)
            r = head_step(c, now);
        else if (c->state == CONN_BODY)
            r = body_step(c, now);
        else if (c->state == CONN_SEND)
            r = send_step(c, now);
        else
            r = linger_step(c);
    } while (r == STEP_NEXT);
    if (r == STEP_WAIT)
        return CONN_OPEN;
    conn_end(c);
    return CONN_ENDED;
}

static uint64_t sent_so_far(const struct reply *r)
{
    uint64_t n = r->sent;

    for (size_t i = 0; i < r->at; i++)
        n += r->part[i].len;
    return n;
}

int conn_expire(struct conn *c, int64_t now)
{
    if (now < c->deadline)
        return CONN_OPEN;
    if (c->state == CONN_BODY && c->up.received - c->mark >=
                                 BODY_MIN_BYTES) {
        c->mark = c->up.received;
        c->deadline = now + patience();
        return CONN_OPEN;
    }
    if (c->state == CONN_BODY)
        upload_abort(&c->up);           /* too slow: nothing is stored */
    if (c->state == CONN_BODY || (c->state == CONN_HEAD && c->len > 0)) {
        c->req.close = 1;
        begin_reply(c, ST_REQUEST_TIMEOUT, now);
        return conn_step(c, now);
    }
    if (c->state == CONN_SEND && sent_so_far(&c->reply) - c->mark >=
                                 SEND_MIN_BYTES) {
        c->mark = sent_so_far(&c->reply);
        c->deadline = now + patience();
        return CONN_OPEN;
    }
    if (c->state == CONN_SEND && access_log)
        log_exchange(c, &c->req);       /* as a reply cut short */
    conn_end(c);
    return CONN_ENDED;
}

int conn_waiting(const struct conn *c)
{
    return c->state == CONN_HEAD;
}

int conn_idle(const struct conn *c)
{
    return c->state == CONN_HEAD && c->len == 0;
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
