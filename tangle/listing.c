/* listing.c: a directory's entries as an HTML page. */
#include "sys.h"
#include "mem.h"
#include "text.h"
#include "http.h"
#include "date.h"
#include "grow.h"
#include "html.h"
#include "reply.h"
#include "errors.h"
#include "precond.h"
#include "listing.h"

#define LISTING_MAX 100000      /* entries; more: 403, never truncated */
#define DENTS_BUF 32768         /* bytes per getdents64 call */
#define LISTING_STYLE \
    "body{font:16px/1.4 sans-serif;margin:1em auto;max-width:60em;" \
    "padding:0 1em}table{border-collapse:collapse;width:100%}" \
    "td,th{text-align:left;padding:.2em .6em;" \
    "border-bottom:1px solid #ddd}td+td,th+th{white-space:nowrap}" \
    "td:nth-child(2),th:nth-child(2){text-align:right}" \
    "a{word-break:break-all}"
#define LISTINGS_AT_ONCE 4      /* per worker, being sent; more: 503 */
#define LISTING_WINDOW 65536    /* bytes of page made per step */
#define LISTING_ROW_MAX 8192    /* bytes: a row, every byte escaped */
#define LISTING_BOTTOM "</table>\n</body></html>\n"

struct entry {
    size_t name;                /* offset in the names buffer */
    size_t name_len;
    int is_dir;
    uint64_t size;
    int64_t mtime;
};

static int read_entries(int dir, struct grow *names, struct grow *list)
{
    static char buf[DENTS_BUF];
    long n;

    while ((n = sys_getdents64(dir, buf, sizeof buf)) > 0) {
        for (long at = 0; at < n;) {
            unsigned short reclen;
            const char *name = buf + at + 19;   /* ino, off, len, type */
            memcpy(&reclen, buf + at + 16, sizeof reclen);
            at += reclen;
            struct stat st;
            struct entry e;
            long err;

            if (name[0] == '.')
                continue;
            err = sys_fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW);
            if (err == -ENOENT)
                continue;                   /* removed since getdents64 saw it */
            if (err < 0)
                return -1;
            if ((st.st_mode & S_IFMT) != S_IFREG && (st.st_mode & S_IFMT) != S_IFDIR)
                continue;
            if (list->len / sizeof e >= LISTING_MAX)
                return -1;
            e = (struct entry){ names->len, text_len(name),
                                (st.st_mode & S_IFMT) == S_IFDIR,
                                (uint64_t)st.st_size, st.st_mtime };
            grow_put(names, name, e.name_len);
            grow_put(list, &e, sizeof e);
        }
    }
    return n < 0 || names->failed || list->failed ? -1 : 0;
}

static int entry_before(const struct entry *a, const struct entry *b,
                        const char *names)
{
    size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
    int c;

    if (a->is_dir != b->is_dir)
        return a->is_dir;
    c = memcmp(names + a->name, names + b->name, n);
    return c < 0 || (c == 0 && a->name_len < b->name_len);
}

static void sift_down(struct entry *e, size_t root, size_t n,
                      const char *names)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && entry_before(&e[child], &e[child + 1], names))
            child++;
        if (!entry_before(&e[root], &e[child], names))
            return;
        struct entry t = e[root];
        e[root] = e[child];
        e[child] = t;
    }
}

static void sort_entries(struct entry *e, size_t n, const char *names)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(e, i, n, names);
    for (size_t end = n; end-- > 1;) {
        struct entry t = e[0];
        e[0] = e[end];
        e[end] = t;
        sift_down(e, 0, end, names);
    }
}

static void put_listing_top(struct grow *page,
                            const struct http_request *req)
{
    static char top[2 * HTTP_TARGET_MAX * 17 + 1024];
    struct text_buf b = TEXT_BUF(top);

    text_put(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                 "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                 "content=\"width=device-width, initial-scale=1\">\n"
                 "<title>Index of ");
    html_put_visible(&b, req->path, req->path_len, 0);
    text_put(&b, "</title>\n<style>" LISTING_STYLE "</style></head>\n"
                 "<body><h1>Index of ");
    html_put_visible(&b, req->path, req->path_len, 1);
    text_put(&b, "</h1>\n<table>\n<tr><th>Name</th><th>Size</th>"
                 "<th>Modified (UTC)</th></tr>\n");
    if (req->path_len > 1)
        text_put(&b, "<tr><td><a href=\"../\">../</a></td><td></td>"
                     "<td></td></tr>\n");
    grow_put_text(page, &b);
    if (b.overflow)
        page->failed = 1;
}

static void put_listing_row(struct text_buf *b, const struct entry *e,
                            const char *names)
{
    const char *name = names + e->name;

    text_put(b, "<tr><td><a href=\"");
    html_put_link_segment(b, name, e->name_len);
    text_put(b, e->is_dir ? "/\">" : "\">");
    html_put_visible(b, name, e->name_len, 1);
    text_put(b, e->is_dir ? "/</a></td><td>-</td><td>" : "</a></td><td>");
    if (!e->is_dir) {
        html_put_size(b, e->size);
        text_put(b, "</td><td>");
    }
    date_put_iso(b, e->mtime);
    text_put(b, "</td></tr>\n");
}

struct listing_stream {
    struct reply_stream base;   /* first: what the reply sees */
    struct grow names, list, top;
    size_t next;                /* the entry to make a row of next */
    int top_out, bottom_out;    /* those pieces have been made */
    char window[LISTING_WINDOW];
};

static unsigned listings_open;  /* being sent now, by this process */

static void listing_release(struct reply_stream *s)
{
    struct listing_stream *l = (struct listing_stream *)s;

    grow_free(&l->names);
    grow_free(&l->list);
    grow_free(&l->top);
    sys_munmap(l, sizeof *l);
    listings_open--;
}

static size_t listing_next(struct reply_stream *s, const char **at)
{
    struct listing_stream *l = (struct listing_stream *)s;
    const struct entry *e = (const struct entry *)l->list.data;
    size_t n = l->list.len / sizeof *e;
    struct text_buf b = TEXT_BUF(l->window);

    *at = l->window;
    if (!l->top_out) {
        l->top_out = 1;
        *at = l->top.data;
        return l->top.len;
    }
    for (; l->next < n; l->next++) {
        size_t mark = b.len;
        put_listing_row(&b, &e[l->next], l->names.data);
        if (b.overflow) {
            b.len = mark;               /* next time */
            return b.len;
        }
    }
    if (!l->bottom_out && b.cap - b.len >= sizeof LISTING_BOTTOM - 1) {
        text_put(&b, LISTING_BOTTOM);
        l->bottom_out = 1;
    }
    return b.len;
}

static uint64_t listing_length(const struct listing_stream *l)
{
    static char row[LISTING_ROW_MAX];
    const struct entry *e = (const struct entry *)l->list.data;
    uint64_t len = l->top.len + sizeof LISTING_BOTTOM - 1;

    for (size_t i = 0; i < l->list.len / sizeof *e; i++) {
        struct text_buf b = TEXT_BUF(row);
        put_listing_row(&b, &e[i], l->names.data);
        len += b.len;
    }
    return len;
}

static void page_reply(struct reply *r, const struct http_request *req,
                       int dir)
{
    long p = listings_open >= LISTINGS_AT_ONCE ? -ENOMEM :
             sys_mmap(0, sizeof(struct listing_stream),
                      PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct listing_stream *l = (struct listing_stream *)p;

    if (p < 0 && p > -4096) {
        errors_reply(r, ST_SERVICE_UNAVAILABLE);
        return;
    }
    l->base = (struct reply_stream){ listing_next, listing_release };
    listings_open++;
    if (read_entries(dir, &l->names, &l->list) != 0) {
        enum status st = l->list.len / sizeof(struct entry) >= LISTING_MAX
                             ? ST_FORBIDDEN : ST_INTERNAL_ERROR;
        listing_release(&l->base);
        errors_reply(r, st);
        return;
    }
    sort_entries((struct entry *)l->list.data,
                 l->list.len / sizeof(struct entry), l->names.data);
    put_listing_top(&l->top, req);
    if (l->top.failed) {
        listing_release(&l->base);
        errors_reply(r, ST_INTERNAL_ERROR);
        return;
    }
    reply_add_stream(r, listing_length(l), &l->base);
    reply_head(r, ST_OK);
    http_put_field(&r->text, "Content-Type", "text/html; charset=utf-8");
    http_put_field_uint(&r->text, "Content-Length", r->body_len);
    http_put_field(&r->text, "Cache-Control", "no-cache");
    reply_end_head(r);
}

void listing_reply(struct reply *r, const struct http_request *req,
                   int dir)
{
    struct validators none = { .exists = 1 };   /* no tag, no date */
    enum status status = precond_evaluate(req, &none);

    if (status == ST_OK) {
        page_reply(r, req, dir);
    } else if (status == ST_NOT_MODIFIED) {
        reply_head(r, status);
        http_put_field(&r->text, "Cache-Control", "no-cache");
        reply_end_head(r);
    } else {
        errors_reply(r, status);
    }
}
