/* conn.c: serving one client connection. */
#include "sys.h"
#include "text.h"
#include "io.h"
#include "http.h"
#include "conn.h"
#include "path.h"
#include "file.h"
#include "date.h"
#include "mime.h"
#include "mem.h"
#include "net.h"
#include "log.h"
#include "range.h"
#include "grow.h"
#include "html.h"

#define REQUEST_HEAD_MAX 16384  /* bytes; stop reading and answer */
#define CONN_BUF_MAX (HTTP_HEAD_MAX + 1024) /* bytes; a head fits */
#define CONN_OUT_MAX 2048       /* bytes; any response head fits */
#define LINGER_SECONDS 2        /* waiting for a client to hang up */

struct conn {
    int fd;
    size_t len;                 /* bytes in buf */
    int head_only;              /* a HEAD request: heads, no bodies */
    int broken;                 /* a response was cut short: close */
    enum status status;         /* of the last response */
    uint64_t body_bytes;        /* in the last response's body */
    char client[NET_ADDR_TEXT_MAX]; /* the peer's address, for the log */
    char buf[CONN_BUF_MAX];
};

static int docroot = -1;

void conn_use_docroot(int fd)
{
    docroot = fd;
}

static void put_date_field(struct text_buf *out)
{
    struct timespec now = { 0, 0 };

    sys_clock_gettime(CLOCK_REALTIME, &now);
    text_put(out, "Date: ");
    date_put_http(out, now.tv_sec);
    text_put(out, "\r\n");
}

static void put_head_end(struct text_buf *out,
                         const struct http_request *req)
{
    http_put_field(out, "Server", "drongo");
    put_date_field(out);
    http_put_field(out, "Connection", req->close ? "close" : "keep-alive");
    text_put(out, "\r\n");
}

static int error_pages = -1;

void conn_use_error_pages(int fd)
{
    error_pages = fd;
}

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
    struct timespec now = { 0, 0 };

    if (c->client[0] == '\0')
        net_peer(c->fd, c->client);
    sys_clock_gettime(CLOCK_REALTIME, &now);
    struct log_entry e = {
        c->client, now.tv_sec, first_line(c), req->referer,
        req->user_agent, c->status, c->body_bytes,
    };
    log_format(&b, &e);
    while (sys_write(STDOUT, b.data, b.len) == -EINTR)
        ;
}

static void send_listing(struct conn *c, const struct http_request *req,
                         int dir);

static int listings = 1;

void conn_use_listings(int on)
{
    listings = on;
}

static void put_status_words(struct text_buf *body, enum status st)
{
    text_put_uint(body, (uint64_t)st);
    text_put(body, " ");
    text_put(body, http_reason(st));
}

static void put_builtin_page(struct text_buf *body, enum status st)
{
    text_put(body, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                   "<meta charset=\"utf-8\"><title>");
    put_status_words(body, st);
    text_put(body, "</title></head>\n<body><h1>");
    put_status_words(body, st);
    text_put(body, "</h1></body></html>\n");
}

static void put_error_head(struct text_buf *out, enum status st,
                           uint64_t body_len)
{
    http_put_status_line(out, st);
    http_put_field(out, "Content-Type", "text/html; charset=utf-8");
    http_put_field_uint(out, "Content-Length", body_len);
    if (st == ST_METHOD_NOT_ALLOWED)
        http_put_field(out, "Allow", "GET, HEAD");
    if (st == ST_SERVICE_UNAVAILABLE)
        http_put_field(out, "Retry-After", "1");
    http_put_field(out, "Server", "drongo");
    put_date_field(out);
    http_put_field(out, "Connection", "close");
    text_put(out, "\r\n");
}

static size_t put_error(struct text_buf *out, enum status st,
                        int with_body)
{
    char page[512];
    struct text_buf body = TEXT_BUF(page);

    put_builtin_page(&body, st);
    put_error_head(out, st, body.len);
    if (with_body)
        text_put_bytes(out, body.data, body.len);
    return with_body ? body.len : 0;
}

static int copy_body(int out, int in, uint64_t size);

static long open_error_page(enum status st, struct stat *page)
{
    char name[16];
    struct text_buf n = TEXT_BUF(name);
    long fd;

    if (error_pages < 0)
        return -ENOENT;
    text_put_uint(&n, (uint64_t)st);
    text_put(&n, ".html");
    text_put_bytes(&n, "", 1);
    fd = file_open_beneath(error_pages, name);
    if (fd >= 0 && (sys_fstat((int)fd, page) < 0 ||
                    (page->st_mode & S_IFMT) != S_IFREG)) {
        sys_close((int)fd);
        fd = -ENOENT;
    }
    return fd;
}

static void send_error(struct conn *c, enum status st)
{
    char out[CONN_OUT_MAX];
    struct text_buf b = TEXT_BUF(out);
    struct stat page;
    long fd = open_error_page(st, &page);

    c->status = st;
    c->broken = 1;                      /* an error ends the connection */
    if (fd < 0) {
        c->body_bytes = put_error(&b, st, !c->head_only);
        io_write_all(c->fd, b.data, b.len);
        return;
    }
    c->body_bytes = c->head_only ? 0 : (uint64_t)page.st_size;
    put_error_head(&b, st, (uint64_t)page.st_size);
    if (io_write_all(c->fd, b.data, b.len) == 0 && !c->head_only)
        copy_body(c->fd, (int)fd, (uint64_t)page.st_size);
    sys_close((int)fd);
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

static void put_hex(struct text_buf *b, uint64_t n)
{
    char s[16];
    size_t i = sizeof s;

    do
        s[--i] = "0123456789abcdef"[n % 16];
    while (n /= 16);
    text_put_bytes(b, s + i, sizeof s - i);
}

static void put_etag(struct text_buf *b, const struct stat *st)
{
    text_put(b, "\"");
    put_hex(b, st->st_ino);
    text_put(b, "-");
    put_hex(b, (uint64_t)st->st_size);
    text_put(b, "-");
    put_hex(b, (uint64_t)st->st_mtime * 1000000000u +
               (uint64_t)st->st_mtime_nsec);
    text_put(b, "\"");
}

static int64_t last_modified(const struct stat *st)
{
    struct timespec now = { 0, 0 };

    sys_clock_gettime(CLOCK_REALTIME, &now);
    return st->st_mtime < now.tv_sec ? st->st_mtime : now.tv_sec;
}

static void put_file_fields(struct text_buf *out, const struct stat *st,
                            struct http_span etag)
{
    text_put(out, "Last-Modified: ");
    date_put_http(out, last_modified(st));
    text_put(out, "\r\nETag: ");
    text_put_bytes(out, etag.at, etag.len);
    text_put(out, "\r\n");
    http_put_field(out, "Accept-Ranges", "bytes");
}

static int etag_listed(struct http_span list, struct http_span tag)
{
    size_t i = 0;

    while (i < list.len) {
        while (i < list.len && (list.at[i] == ' ' || list.at[i] == ',' ||
                                list.at[i] == '\t'))
            i++;
        size_t start = i;
        while (i < list.len && list.at[i] != ',')
            i++;
        size_t end = i;
        while (end > start && (list.at[end - 1] == ' ' ||
                               list.at[end - 1] == '\t'))
            end--;
        if (end - start == 1 && list.at[start] == '*')
            return 1;
        if (end - start > 2 && list.at[start] == 'W' &&
            list.at[start + 1] == '/')
            start += 2;
        if (text_span_eq(list.at + start, end - start, tag.at, tag.len))
            return 1;
    }
    return 0;
}

static int not_modified(const struct http_request *req,
                        const struct stat *st, struct http_span etag)
{
    int64_t since;

    if (req->if_none_match.at)
        return etag_listed(req->if_none_match, etag);
    if (req->if_modified_since.at &&
        date_parse_http(req->if_modified_since.at,
                        req->if_modified_since.len, &since) == 0)
        return last_modified(st) <= since;
    return 0;
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

static void send_redirect(struct conn *c, const struct http_request *req)
{
    char out[CONN_OUT_MAX + HTTP_TARGET_MAX];
    struct text_buf b = TEXT_BUF(out);
    struct http_span path = req->path_raw;

    while (path.len > 0 && (path.at[0] == '/' || path.at[0] == '\\'))
        path.at++, path.len--;          /* "//host" would leave the site */
    static const char page[] = "<!DOCTYPE html>\n<title>301 Moved "
        "Permanently</title><h1>301 Moved Permanently</h1>\n";

    http_put_status_line(&b, ST_MOVED_PERMANENTLY);
    text_put(&b, "Location: /");
    text_put_bytes(&b, path.at, path.len);
    text_put(&b, "/");
    if (req->query.at) {
        text_put(&b, "?");
        text_put_bytes(&b, req->query.at, req->query.len);
    }
    text_put(&b, "\r\n");
    http_put_field(&b, "Content-Type", "text/html; charset=utf-8");
    http_put_field_uint(&b, "Content-Length", sizeof page - 1);
    put_head_end(&b, req);
    c->status = ST_MOVED_PERMANENTLY;
    c->body_bytes = 0;
    if (req->method == M_GET) {
        c->body_bytes = sizeof page - 1;
        text_put(&b, page);
    }
    if (io_write_all(c->fd, b.data, b.len) != 0)
        c->broken = 1;
}

#define SENDFILE_MAX 0x7ffff000 /* bytes; the kernel's cap per call */

/* 0: length bytes from offset first sent; -1: cut short */
static int copy_range(int out, int in, uint64_t first, uint64_t length)
{
    int64_t offset = (int64_t)first;
    uint64_t end = first + length;

    while ((uint64_t)offset < end) {
        uint64_t left = end - (uint64_t)offset;
        long n = sys_sendfile(out, in, &offset,
                              left < SENDFILE_MAX ? left : SENDFILE_MAX);
        if (n == -EINTR)
            continue;
        if (n <= 0)
            return -1;
    }
    return 0;
}

static int copy_body(int out, int in, uint64_t size)
{
    return copy_range(out, in, 0, size);
}

static int if_range_holds(const struct http_request *req,
                          const struct stat *st, struct http_span etag)
{
    struct http_span v = req->if_range;
    int64_t when;

    if (!v.at)
        return 1;
    if (v.len > 0 && v.at[0] == '"')
        return text_span_eq(v.at, v.len, etag.at, etag.len);
    if (v.len > 1 && v.at[0] == 'W' && v.at[1] == '/')
        return 0;                       /* weak: never for ranges */
    return date_parse_http(v.at, v.len, &when) == 0 &&
           when == last_modified(st);
}

static void put_content_range(struct text_buf *b, struct range r,
                              uint64_t len)
{
    text_put(b, "Content-Range: bytes ");
    text_put_uint(b, r.first);
    text_put(b, "-");
    text_put_uint(b, r.last);
    text_put(b, "/");
    text_put_uint(b, len);
    text_put(b, "\r\n");
}

static void send_unsatisfiable(struct conn *c, uint64_t len)
{
    char page[512], head[CONN_OUT_MAX];
    struct text_buf body = TEXT_BUF(page), b = TEXT_BUF(head);
    struct text_buf *out = &b;
    enum status st = ST_RANGE_NOT_SATISFIABLE;

    put_builtin_page(&body, st);
    http_put_status_line(&b, st);
    http_put_field(&b, "Content-Type", "text/html; charset=utf-8");
    http_put_field_uint(&b, "Content-Length", body.len);
    text_put(&b, "Content-Range: bytes */");
    text_put_uint(&b, len);
    text_put(&b, "\r\n");
    http_put_field(out, "Server", "drongo");
    put_date_field(out);
    http_put_field(&b, "Connection", "close");
    text_put(&b, "\r\n");
    if (!c->head_only)
        text_put_bytes(&b, body.data, body.len);
    c->status = st;
    c->body_bytes = c->head_only ? 0 : body.len;
    c->broken = 1;
    io_write_all(c->fd, b.data, b.len);
}

#define PART_HEAD_MAX 256       /* bytes: boundary, type, range */

static void put_part_head(struct text_buf *b, const char *boundary,
                          const char *type, struct range r, uint64_t len)
{
    text_put(b, "\r\n--");
    text_put(b, boundary);
    text_put(b, "\r\n");
    http_put_field(b, "Content-Type", type);
    put_content_range(b, r, len);
    text_put(b, "\r\n");
}

static void send_parts(struct conn *c, const struct http_request *req,
                       long fd, const struct stat *st, const char *rel,
                       struct http_span tag, const struct range *r,
                       size_t count)
{
    char heads[RANGES_MAX * PART_HEAD_MAX], end[64], boundary[40];
    size_t at[RANGES_MAX + 1];
    struct text_buf h = TEXT_BUF(heads), e = TEXT_BUF(end);
    uint64_t total;

    struct timespec now = { 0, 0 };
    struct text_buf bb = TEXT_BUF(boundary);

    sys_clock_gettime(CLOCK_REALTIME, &now);
    text_put(&bb, "drongo-");
    put_hex(&bb, ((uint64_t)now.tv_nsec * 2654435761u) ^ st->st_ino ^
                 (uint64_t)now.tv_sec);
    text_put_bytes(&bb, "", 1);
    total = 0;
    for (size_t i = 0; i < count; i++) {
        at[i] = h.len;
        put_part_head(&h, boundary, mime_type(rel, text_len(rel)), r[i],
                      (uint64_t)st->st_size);
        total += r[i].last - r[i].first + 1;
    }
    at[count] = h.len;
    text_put(&e, "\r\n--");
    text_put(&e, boundary);
    text_put(&e, "--\r\n");
    total += h.len + e.len;
    char out[CONN_OUT_MAX];
    struct text_buf b = TEXT_BUF(out);

    http_put_status_line(&b, ST_PARTIAL_CONTENT);
    text_put(&b, "Content-Type: multipart/byteranges; boundary=");
    text_put(&b, boundary);
    text_put(&b, "\r\n");
    http_put_field_uint(&b, "Content-Length", total);
    put_file_fields(&b, st, tag);
    put_head_end(&b, req);
    c->status = ST_PARTIAL_CONTENT;
    c->body_bytes = c->head_only ? 0 : total;
    if (io_write_all(c->fd, b.data, b.len) != 0) {
        c->broken = 1;
        return;
    }
    if (c->head_only)
        return;
    for (size_t i = 0; i < count; i++)
        if (io_write_all(c->fd, heads + at[i], at[i + 1] - at[i]) != 0 ||
            copy_range(c->fd, (int)fd, r[i].first,
                       r[i].last - r[i].first + 1) != 0) {
            c->broken = 1;
            return;
        }
    if (io_write_all(c->fd, e.data, e.len) != 0)
        c->broken = 1;
}

static void respond(struct conn *c, const struct http_request *req)
{
    char rel[PATH_REL_MAX + sizeof "/" INDEX_FILE];
    char tag[64], out[CONN_OUT_MAX];
    struct text_buf etag = TEXT_BUF(tag), b = TEXT_BUF(out);
    struct range r[RANGES_MAX];
    size_t count = 0;
    struct stat st;
    long fd;
    enum status status = find_file(req, rel, &fd, &st);

    if (status == ST_MOVED_PERMANENTLY) {
        send_redirect(c, req);
        return;
    }
    if (status != ST_OK) {
        send_error(c, status);
        return;
    }
    if ((st.st_mode & S_IFMT) == S_IFDIR) {
        send_listing(c, req, (int)fd);
        sys_close((int)fd);
        return;
    }
    put_etag(&etag, &st);
    struct http_span tagspan = { tag, etag.len };
    status = not_modified(req, &st, tagspan) ? ST_NOT_MODIFIED : ST_OK;
    if (status == ST_OK && req->range.at && if_range_holds(req, &st, tagspan))
        switch (range_parse(req->range, (uint64_t)st.st_size, r, &count)) {
        case RANGE_UNSATISFIABLE:
            send_unsatisfiable(c, (uint64_t)st.st_size);
            sys_close((int)fd);
            return;
        case RANGE_OK:
            status = ST_PARTIAL_CONTENT;
            break;
        }
    if (count > 1)
        send_parts(c, req, fd, &st, rel, tagspan, r, count);
    else
        {
            uint64_t first = count ? r[0].first : 0;
            uint64_t length = count ? r[0].last - r[0].first + 1
                                    : (uint64_t)st.st_size;

            http_put_status_line(&b, status);
            if (status != ST_NOT_MODIFIED)
                http_put_field(&b, "Content-Type", mime_type(rel, text_len(rel)));
            http_put_field_uint(&b, "Content-Length", length);
            if (status == ST_PARTIAL_CONTENT)
                put_content_range(&b, r[0], (uint64_t)st.st_size);
            put_file_fields(&b, &st, tagspan);
            put_head_end(&b, req);
            c->status = status;
            c->body_bytes = req->method == M_GET && status != ST_NOT_MODIFIED
                                ? length : 0;
            if (io_write_all(c->fd, b.data, b.len) != 0 ||
                (c->body_bytes &&
                 copy_range(c->fd, (int)fd, first, length) != 0))
                c->broken = 1;
        }
    sys_close((int)fd);
}

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

static void send_listing(struct conn *c, const struct http_request *req,
                         int dir)
{
    struct grow names = { 0 }, list = { 0 }, page = { 0 };

    if (read_entries(dir, &names, &list) != 0) {
        send_error(c, list.len / sizeof(struct entry) >= LISTING_MAX
                          ? ST_FORBIDDEN : ST_INTERNAL_ERROR);
    } else {
        struct entry *e = (struct entry *)list.data;
        size_t n = list.len / sizeof *e;

        sort_entries(e, n, names.data);
        put_listing_top(&page, req);
        for (size_t i = 0; i < n; i++)
            put_listing_row(&page, &e[i], names.data);
        grow_put(&page, "</table>\n</body></html>\n", 24);
        if (page.failed) {
            send_error(c, ST_INTERNAL_ERROR);
        } else {
            char out[CONN_OUT_MAX];
            struct text_buf b = TEXT_BUF(out);

            http_put_status_line(&b, ST_OK);
            http_put_field(&b, "Content-Type", "text/html; charset=utf-8");
            http_put_field_uint(&b, "Content-Length", page.len);
            http_put_field(&b, "Cache-Control", "no-cache");
            put_head_end(&b, req);
            c->status = ST_OK;
            c->body_bytes = c->head_only ? 0 : page.len;
            if (io_write_all(c->fd, b.data, b.len) != 0 ||
                (!c->head_only && io_write_all(c->fd, page.data, page.len) != 0))
                c->broken = 1;
        }
    }
    grow_free(&names);
    grow_free(&list);
    grow_free(&page);
}

void conn_serve(int fd)
{
    static struct conn c;

    c.fd = fd;
    c.len = 0;
    c.broken = 0;
    sys_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof idle);
    sys_setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &idle, sizeof idle);
    for (;;) {
        struct http_parser p;
        struct http_request req;
        int st;

        http_parser_init(&p);
        st = read_head(&c, &p, &req);
        if (st == CONN_GONE)
            return;
        if (st == HTTP_DONE)
            st = http_check(&req);
        c.head_only = is_head(&req);
        if (st != ST_OK) {
            send_error(&c, (enum status)st);
            if (access_log)
                log_exchange(&c, &req);
            break;
        }
        respond(&c, &req);
        if (access_log)
            log_exchange(&c, &req);
        if (req.close || c.broken)
            break;
        memmove(c.buf, c.buf + p.pos, c.len - p.pos);
        c.len -= p.pos;
    }
    linger_close(&c);
}

void conn_refuse(int fd)
{
    char out[CONN_OUT_MAX], scrap[1024];
    struct text_buf b = TEXT_BUF(out);

    for (int i = 0; i < 16; i++)
        if (sys_recvfrom(fd, scrap, sizeof scrap, MSG_DONTWAIT) <= 0)
            break;
    put_error(&b, ST_SERVICE_UNAVAILABLE, 1);
    sys_write(fd, b.data, b.len);
    sys_shutdown(fd, SHUT_WR);
}
