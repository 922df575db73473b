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
    static char top[2 * HTTP_TARGET_MAX * 6 + 1024];
    struct text_buf b = TEXT_BUF(top);

    text_put(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                 "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                 "content=\"width=device-width, initial-scale=1\">\n"
                 "<title>Index of ");
    html_put_escaped(&b, req->path, req->path_len);
    text_put(&b, "</title>\n<style>" LISTING_STYLE "</style></head>\n"
                 "<body><h1>Index of ");
    html_put_escaped(&b, req->path, req->path_len);
    text_put(&b, "</h1>\n<table>\n<tr><th>Name</th><th>Size</th>"
                 "<th>Modified (UTC)</th></tr>\n");
    if (req->path_len > 1)
        text_put(&b, "<tr><td><a href=\"../\">../</a></td><td></td>"
                     "<td></td></tr>\n");
    grow_put_text(page, &b);
    if (b.overflow)
        page->failed = 1;
}

static void put_listing_row(struct grow *page, const struct entry *e,
                            const char *names)
{
    char row[256 * 9 + 256];
    struct text_buf b = TEXT_BUF(row);
    const char *name = names + e->name;

    text_put(&b, "<tr><td><a href=\"");
    html_put_link_segment(&b, name, e->name_len);
    text_put(&b, e->is_dir ? "/\">" : "\">");
    html_put_escaped(&b, name, e->name_len);
    text_put(&b, e->is_dir ? "/</a></td><td>-</td><td>" : "</a></td><td>");
    if (!e->is_dir) {
        html_put_size(&b, e->size);
        text_put(&b, "</td><td>");
    }
    date_put_iso(&b, e->mtime);
    text_put(&b, "</td></tr>\n");
    grow_put_text(page, &b);
}

static int render(struct grow *page, const struct http_request *req,
                  const struct grow *names, struct grow *list)
{
    struct entry *e = (struct entry *)list->data;
    size_t n = list->len / sizeof *e;

    sort_entries(e, n, names->data);
    put_listing_top(page, req);
    for (size_t i = 0; i < n; i++)
        put_listing_row(page, &e[i], names->data);
    grow_put(page, "</table>\n</body></html>\n", 24);
    return page->failed ? -1 : 0;
}

static void page_reply(struct reply *r, const struct http_request *req,
                       int dir)
{
    struct grow names = { 0 }, list = { 0 }, page = { 0 };

    if (read_entries(dir, &names, &list) != 0) {
        errors_reply(r, list.len / sizeof(struct entry) >= LISTING_MAX
                            ? ST_FORBIDDEN : ST_INTERNAL_ERROR);
    } else if (render(&page, req, &names, &list) != 0) {
        errors_reply(r, ST_INTERNAL_ERROR);
    } else {
        reply_add_memory(r, &page);             /* the reply owns it now */
        reply_head(r, ST_OK);
        http_put_field(&r->text, "Content-Type", "text/html; charset=utf-8");
        http_put_field_uint(&r->text, "Content-Length", r->body_len);
        http_put_field(&r->text, "Cache-Control", "no-cache");
        reply_end_head(r);
    }
    grow_free(&names);
    grow_free(&list);
    grow_free(&page);
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
