/* errors.c: every error reply: its page, its fields, the close. */
#include "text.h"
#include "http.h"
#include "reply.h"
#include "errors.h"
#include "file.h"
#include "range.h"
#include "allow.h"

static void put_status_words(struct text_buf *body, enum status st)
{
    text_put_uint(body, (uint64_t)st);
    text_put(body, " ");
    text_put(body, http_reason(st));
}

static void builtin_body(struct reply *r, enum status st)
{
    struct text_buf *body = &r->text;
    size_t from = body->len;

    text_put(body, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                   "<meta charset=\"utf-8\"><title>");
    put_status_words(body, st);
    text_put(body, "</title></head>\n<body><h1>");
    put_status_words(body, st);
    text_put(body, "</h1></body></html>\n");
    reply_add_text(r, from);
}

static int pages = -1;

void errors_use_pages(int dir)
{
    pages = dir;
}

static long open_page(enum status st, struct stat *page)
{
    char name[16];
    struct text_buf n = TEXT_BUF(name);
    long fd;

    if (pages < 0 || st == ST_SERVICE_UNAVAILABLE)
        return -ENOENT;                 /* the parent's 503: built in */
    text_put_uint(&n, (uint64_t)st);
    text_put(&n, ".html");
    text_put_bytes(&n, "", 1);
    fd = file_open_beneath(pages, name);
    if (fd >= 0 && (sys_fstat((int)fd, page) < 0 ||
                    (page->st_mode & S_IFMT) != S_IFREG)) {
        sys_close((int)fd);
        fd = -ENOENT;
    }
    return fd;
}

static void begin_error(struct reply *r, enum status st)
{
    struct text_buf *out = &r->text;

    reply_finish(r);                    /* what was begun is dropped */
    reply_init(r, r->head_only, 1);     /* an error ends the connection */
    struct stat page;
    long fd = open_page(st, &page);

    if (fd < 0) {
        builtin_body(r, st);
    } else {
        r->fd = (int)fd;                    /* the reply closes it */
        reply_add_file(r, 0, (uint64_t)page.st_size);
    }
    reply_head(r, st);
    http_put_field(out, "Content-Type", "text/html; charset=utf-8");
    http_put_field_uint(out, "Content-Length", r->body_len);
    
    if (st == ST_SERVICE_UNAVAILABLE)
        http_put_field(out, "Retry-After", "1");
}

void errors_reply(struct reply *r, enum status st)
{
    begin_error(r, st);
    if (st == ST_METHOD_NOT_ALLOWED)
        allow_put(&r->text, 1);
    reply_end_head(r);
}

void errors_reply_unwritable(struct reply *r)
{
    begin_error(r, ST_METHOD_NOT_ALLOWED);
    allow_put(&r->text, 0);
    reply_end_head(r);
}

void errors_reply_range(struct reply *r, uint64_t len)
{
    begin_error(r, ST_RANGE_NOT_SATISFIABLE);
    range_put_content_range(&r->text, 0, len);
    reply_end_head(r);
}
