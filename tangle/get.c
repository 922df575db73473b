/* get.c: answering GET and HEAD from the docroot. */
#include "sys.h"
#include "text.h"
#include "http.h"
#include "path.h"
#include "file.h"
#include "reply.h"
#include "errors.h"
#include "get.h"
#include "mime.h"
#include "precond.h"
#include "range.h"
#include "multipart.h"
#include "listing.h"
#include "filecache.h"

static int docroot = -1;

void get_use_docroot(int fd)
{
    docroot = fd;
}

static int listings = 1;

void get_use_listings(int on)
{
    listings = on;
}

#define INDEX_FILE "index.html"

static enum status find_file(const struct http_request *req, char *rel,
                             long *fd, struct stat *st)
{
    enum status status = path_relative(req->path, req->path_len, rel);

    if (status != ST_OK)
        return status;
    *fd = file_open_beneath(docroot, rel);
    if (*fd < 0)
        return file_status(*fd);
    if (sys_fstat((int)*fd, st) < 0)
        return sys_close((int)*fd), ST_INTERNAL_ERROR;
    if ((st->st_mode & S_IFMT) == S_IFREG &&
        req->path[req->path_len - 1] == '/')    /* "a.txt/" is no dir */
        return sys_close((int)*fd), ST_NOT_FOUND;
    if ((st->st_mode & S_IFMT) == S_IFDIR) {
        sys_close((int)*fd);
        if (req->path[req->path_len - 1] != '/')
            return ST_MOVED_PERMANENTLY;
        size_t n = text_len(rel), dir_len = n;
        int top = n == 1 && rel[0] == '.';
        if (top)
            n = 0;
        else
            rel[n++] = '/';
        for (const char *s = INDEX_FILE; *s; s++)
            rel[n++] = *s;
        rel[n] = '\0';
        *fd = file_open_beneath(docroot, rel);
        if (*fd == -ENOENT) {
            if (top)
                rel[0] = '.';                   /* "index.html" overwrote it */
            rel[dir_len] = '\0';
            if (!listings)
                return ST_FORBIDDEN;
            *fd = file_open_beneath(docroot, rel);
            if (*fd < 0)
                return file_status(*fd);
            if (sys_fstat((int)*fd, st) < 0)
                return sys_close((int)*fd), ST_INTERNAL_ERROR;
            return ST_OK;
        }
        if (*fd < 0)
            return file_status(*fd);
        if (sys_fstat((int)*fd, st) < 0)
            return sys_close((int)*fd), ST_INTERNAL_ERROR;
    }
    if ((st->st_mode & S_IFMT) != S_IFREG)
        return sys_close((int)*fd), ST_NOT_FOUND;
    return ST_OK;
}

static void redirect(struct reply *r, const struct http_request *req)
{
    static const char page[] = "<!DOCTYPE html>\n<title>301 Moved "
        "Permanently</title><h1>301 Moved Permanently</h1>\n";
    struct text_buf *out = &r->text;
    struct http_span path = req->path_raw;
    size_t from = out->len;

    while (path.len > 0 && (path.at[0] == '/' || path.at[0] == '\\'))
        path.at++, path.len--;          /* "//host" would leave the site */
    text_put(out, page);
    reply_add_text(r, from);
    reply_head(r, ST_MOVED_PERMANENTLY);
    text_put(out, "Location: /");
    text_put_bytes(out, path.at, path.len);
    text_put(out, "/");
    if (req->query.at) {
        text_put(out, "?");
        text_put_bytes(out, req->query.at, req->query.len);
    }
    text_put(out, "\r\n");
    http_put_field(out, "Content-Type", "text/html; charset=utf-8");
    http_put_field_uint(out, "Content-Length", r->body_len);
    reply_end_head(r);
}

static void file_head(struct reply *r, enum status status,
                      const char *type, const struct validators *v,
                      uint64_t size, const struct range *one)
{
    struct text_buf *out = &r->text;

    reply_head(r, status);
    if (status != ST_NOT_MODIFIED)
        http_put_field(out, "Content-Type", type);
    http_put_field_uint(out, "Content-Length",
                        status == ST_NOT_MODIFIED ? size : r->body_len);
    if (one)
        range_put_content_range(out, one, size);
    precond_put(out, v);
    http_put_field(out, "Accept-Ranges", "bytes");
    reply_end_head(r);
}

static enum status choose_ranges(const struct http_request *req,
                                 const struct validators *v,
                                 uint64_t size, struct range *rg,
                                 size_t *count)
{
    *count = 0;
    if (req->method != M_GET || !req->range.at ||
        !precond_if_range(req, v))
        return ST_OK;
    switch (range_parse(req->range, size, rg, count)) {
    case RANGE_UNSATISFIABLE:
        return ST_RANGE_NOT_SATISFIABLE;
    case RANGE_OK:
        return ST_PARTIAL_CONTENT;
    default:
        return ST_OK;
    }
}

static void file_reply(struct reply *r, const struct http_request *req,
                       const char *rel, const struct stat *st)
{
    const char *type = mime_type(rel, text_len(rel));
    uint64_t size = (uint64_t)st->st_size;
    struct range rg[RANGES_MAX];
    size_t count = 0;
    struct validators v;
    enum status status;

    precond_file(&v, st->st_ino, size, st->st_mtime,
                 (uint64_t)st->st_mtime_nsec, r->now);
    status = precond_evaluate(req, &v);
    if (status == ST_OK)
        status = choose_ranges(req, &v, size, rg, &count);
    if (status == ST_PRECONDITION_FAILED) {
        errors_reply(r, status);
    } else if (status == ST_RANGE_NOT_SATISFIABLE) {
        errors_reply_range(r, size);
    } else if (status == ST_PARTIAL_CONTENT && count > 1) {
        char ctype[MULTIPART_TYPE_MAX];

        multipart_body(r, rg, count, type, size,
                       (uint64_t)st->st_mtime_nsec ^ st->st_ino, ctype);
        file_head(r, status, ctype, &v, size, 0);
    } else {
        int one = status == ST_PARTIAL_CONTENT;

        if (status != ST_NOT_MODIFIED)
            reply_add_file(r, one ? rg[0].first : 0,
                           one ? rg[0].last - rg[0].first + 1 : size);
        file_head(r, status, type, &v, size, one ? &rg[0] : 0);
    }
}

static struct filecache_entry *cached(const struct http_request *req,
                                      char *rel, struct stat *st)
{
    if (req->path[req->path_len - 1] == '/' ||
        path_relative(req->path, req->path_len, rel) != ST_OK)
        return 0;
    return filecache_find(docroot, rel, st);
}

static void use_cached(struct reply *r, struct filecache_entry *e)
{
    r->cached = e;
    r->file_bytes = filecache_bytes(e);
}

void get_reply(struct reply *r, const struct http_request *req)
{
    char rel[PATH_REL_MAX + sizeof "/" INDEX_FILE];
    struct stat st;
    long fd;
    struct filecache_entry *e = cached(req, rel, &st);

    if (!e) {
        enum status status = find_file(req, rel, &fd, &st);
        if (status == ST_MOVED_PERMANENTLY)
            redirect(r, req);
        else if (status != ST_OK)
            errors_reply(r, status);
        if (status != ST_OK)
            return;
        r->fd = (int)fd;                /* the reply closes it */
        e = filecache_keep(r->fd, rel, &st, r->now);
    }
    if (e)
        use_cached(r, e);
    if ((st.st_mode & S_IFMT) == S_IFDIR)
        listing_reply(r, req, r->fd);
    else
        file_reply(r, req, rel, &st);
}
