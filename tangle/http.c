/* http.c: HTTP/1.1 requests and responses, as text.  No system calls. */
#include "http.h"

static int is_tchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9'))
        return 1;
    for (const char *s = "!#$%&'*+-.^_`|~"; *s; s++)
        if (c == (unsigned char)*s)
            return 1;
    return 0;
}

static int is_vchar(unsigned char c)
{
    return c > ' ' && c < 0x7f;
}

static int is_value_char(unsigned char c)
{
    return is_vchar(c) || c == ' ' || c == '\t' || c >= 0x80;
}

enum {
    P_START, P_METHOD, P_TARGET, P_VERSION, P_LINE_LF,
    P_FIELD_START, P_NAME, P_VALUE, P_FIELD_LF, P_END_LF, P_DONE
};

void http_parser_init(struct http_parser *p)
{
    *p = (struct http_parser){ .state = P_START };
}

static int end_request_line(struct http_parser *p,
                            struct http_request *req, const char *buf)
{
    const char *v = buf + p->mark;
    size_t n = p->pos - p->mark;

    req->version = (struct http_span){ v, n };
    if (n != HTTP_VERSION_LEN || v[0] != 'H' || v[1] != 'T' ||
        v[2] != 'T' || v[3] != 'P' || v[4] != '/' || v[6] != '.' ||
        v[5] < '0' || v[5] > '9' || v[7] < '0' || v[7] > '9')
        return ST_BAD_REQUEST;
    if (v[5] != '1')
        return ST_VERSION_NOT_SUPPORTED;    /* a major we do not speak */
    req->minor = v[7] == '0' ? 0 : 1;       /* 1.2 and up: as 1.1 */
    p->fields_start = p->pos + 1;
    return 0;
}

static int connection_has(struct http_span field, const char *token)
{
    size_t i = 0;

    while (i < field.len) {
        size_t start, end;
        while (i < field.len && (field.at[i] == ' ' || field.at[i] == ','
                                 || field.at[i] == '\t'))
            i++;
        start = i;
        while (i < field.len && field.at[i] != ',')
            i++;
        end = i;
        while (end > start && (field.at[end - 1] == ' ' ||
                               field.at[end - 1] == '\t'))
            end--;
        if (end > start && text_span_ieq(field.at + start, end - start,
                                         token))
            return 1;
    }
    return 0;
}

static void note_last_coding(struct http_request *req,
                             struct http_span line)
{
    size_t end = line.len;

    for (;;) {
        size_t start = end;
        while (start > 0 && line.at[start - 1] != ',')
            start--;
        size_t a = start, b = end;      /* the element, without OWS */
        while (a < b && (line.at[a] == ' ' || line.at[a] == '\t'))
            a++;
        while (b > a && (line.at[b - 1] == ' ' || line.at[b - 1] == '\t'))
            b--;
        if (b > a) {
            req->chunked = text_span_ieq(line.at + a, b - a, "chunked");
            return;
        }
        if (start == 0)
            return;                     /* only empty elements */
        end = start - 1;
    }
}

static unsigned count_codings(struct http_span line)
{
    unsigned n = 0;
    size_t i = 0;

    while (i < line.len) {
        while (i < line.len && (line.at[i] == ' ' ||
                                line.at[i] == '\t' || line.at[i] == ','))
            i++;
        if (i < line.len)
            n++;
        while (i < line.len && line.at[i] != ',')
            i++;
    }
    return n;
}

static const struct {
    const char *name;           /* lower case */
    size_t offset;              /* of its span in struct http_request */
} kept_fields[] = {
    { "host", offsetof(struct http_request, host) },
    { "connection", offsetof(struct http_request, connection) },
    { "content-length", offsetof(struct http_request, content_length) },
    { "transfer-encoding",
      offsetof(struct http_request, transfer_encoding) },
    { "if-match", offsetof(struct http_request, if_match) },
    { "if-none-match", offsetof(struct http_request, if_none_match) },
    { "if-modified-since",
      offsetof(struct http_request, if_modified_since) },
    { "if-unmodified-since",
      offsetof(struct http_request, if_unmodified_since) },
    { "referer", offsetof(struct http_request, referer) },
    { "user-agent", offsetof(struct http_request, user_agent) },
    { "range", offsetof(struct http_request, range) },
    { "if-range", offsetof(struct http_request, if_range) },
    { "expect", offsetof(struct http_request, expect) },
    { "content-range", offsetof(struct http_request, content_range) },
};

static void record_field(struct http_request *req, const char *name,
                         size_t name_len, const char *value, size_t len)
{
    while (len > 0 && (*value == ' ' || *value == '\t'))
        value++, len--;
    while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t'))
        len--;
    for (size_t i = 0; i < sizeof kept_fields / sizeof *kept_fields; i++) {
        if (!text_span_ieq(name, name_len, kept_fields[i].name))
            continue;
        struct http_span *span = (struct http_span *)
            ((char *)req + kept_fields[i].offset);
        if (span == &req->host)
            req->hosts++;
        if (span == &req->connection) {
            struct http_span v = { value, len };
            req->says_close |= connection_has(v, "close");
            req->says_keep_alive |= connection_has(v, "keep-alive");
        }
        if (span == &req->content_length && span->at &&
            !text_span_eq(span->at, span->len, value, len))
            req->length_conflict = 1;
        if (span == &req->transfer_encoding)
            note_last_coding(req, (struct http_span){ value, len });
        if (span == &req->transfer_encoding)
            req->codings += count_codings((struct http_span){ value, len });
        *span = (struct http_span){ value, len };
    }
}

static void clear_request(struct http_request *req)
{
    unsigned char *b = (unsigned char *)req;
    const size_t from = offsetof(struct http_request, path);
    const size_t to = from + sizeof req->path;

    for (size_t i = 0; i < from; i++)
        b[i] = 0;
    for (size_t i = to; i < sizeof *req; i++)
        b[i] = 0;
    req->path[0] = '\0';                /* the path's bytes: path_len */
}

int http_parse(struct http_parser *p, struct http_request *req,
               const char *buf, size_t len)
{
    if (p->state == P_START && p->pos == 0)
        clear_request(req);
    for (; p->pos < len; p->pos++) {
        unsigned char c = (unsigned char)buf[p->pos];

        if (p->state >= P_FIELD_START &&
            p->pos - p->fields_start >= HTTP_FIELDS_BYTES_MAX)
            return ST_FIELDS_TOO_LARGE;
        switch (p->state) {
        case P_START:
            if (c == '\r' || c == '\n') {
                if (p->pos >= HTTP_LEADING_EMPTY_MAX)
                    return ST_BAD_REQUEST;
                break;
            }
            p->mark = p->pos;
            p->state = P_METHOD;
            __attribute__((fallthrough));       /* the byte starts the method */
        case P_METHOD:
            if (c == ' ' && p->pos > p->mark) {
                req->method_text = (struct http_span){ buf + p->mark,
                                                       p->pos - p->mark };
                p->mark = p->pos + 1;
                p->state = P_TARGET;
            } else if (!is_tchar(c)) {
                return ST_BAD_REQUEST;
            } else if (p->pos - p->mark >= HTTP_METHOD_MAX) {
                return ST_NOT_IMPLEMENTED;
            }
            break;
        case P_TARGET:
            if (c == ' ' && p->pos > p->mark) {
                req->target = (struct http_span){ buf + p->mark,
                                                  p->pos - p->mark };
                p->mark = p->pos + 1;
                p->state = P_VERSION;
            } else if (!is_vchar(c)) {
                return ST_BAD_REQUEST;
            } else if (p->pos - p->mark >= HTTP_TARGET_MAX) {
                return ST_URI_TOO_LONG;
            }
            break;
        case P_VERSION:
            if (c == '\r' || c == '\n') {
                int st = end_request_line(p, req, buf);
                if (st != 0)
                    return st;
                p->state = c == '\r' ? P_LINE_LF : P_FIELD_START;
            } else if (p->pos - p->mark >= HTTP_VERSION_LEN) {
                return ST_BAD_REQUEST;
            }
            break;
        case P_LINE_LF:
            if (c != '\n')
                return ST_BAD_REQUEST;          /* a bare CR */
            p->fields_start = p->pos + 1;       /* the section starts after LF */
            p->state = P_FIELD_START;
            break;
        case P_FIELD_START:
            if (c == '\r') {
                p->state = P_END_LF;
            } else if (c == '\n') {
                p->state = P_DONE;
                p->pos++;
                return HTTP_DONE;
            } else if (is_tchar(c)) {
                if (++p->fields > HTTP_FIELDS_MAX)
                    return ST_FIELDS_TOO_LARGE;
                p->mark = p->pos;
                p->state = P_NAME;
            } else {
                return ST_BAD_REQUEST;          /* folding, or garbage */
            }
            break;
        case P_NAME:
            if (c == ':') {
                p->name_end = p->pos;
                p->state = P_VALUE;
            } else if (!is_tchar(c)) {
                return ST_BAD_REQUEST;
            }
            break;
        case P_VALUE:
            if (c == '\r' || c == '\n') {
                record_field(req, buf + p->mark, p->name_end - p->mark,
                             buf + p->name_end + 1, p->pos - p->name_end - 1);
                p->state = c == '\r' ? P_FIELD_LF : P_FIELD_START;
            } else if (!is_value_char(c)) {
                return ST_BAD_REQUEST;
            }
            break;
        case P_FIELD_LF:
        case P_END_LF:
            if (c != '\n')
                return ST_BAD_REQUEST;          /* a bare CR */
            if (p->state == P_END_LF) {
                p->state = P_DONE;
                p->pos++;
                return HTTP_DONE;
            }
            p->state = P_FIELD_START;
            break;
        }
    }
    return HTTP_MORE;
}

#define CLASSES 5               /* 1xx to 5xx */
#define PER_CLASS 32            /* x00 to x31 */
#define PHRASE(st) [(st) / 100 - 1][(st) % 100]

static const char *const reasons[CLASSES][PER_CLASS] = {
    PHRASE(ST_OK) = "OK",
    PHRASE(ST_MOVED_PERMANENTLY) = "Moved Permanently",
    PHRASE(ST_NOT_MODIFIED) = "Not Modified",
    PHRASE(ST_BAD_REQUEST) = "Bad Request",
    PHRASE(ST_FORBIDDEN) = "Forbidden",
    PHRASE(ST_NOT_FOUND) = "Not Found",
    PHRASE(ST_METHOD_NOT_ALLOWED) = "Method Not Allowed",
    PHRASE(ST_URI_TOO_LONG) = "URI Too Long",
    PHRASE(ST_FIELDS_TOO_LARGE) = "Request Header Fields Too Large",
    PHRASE(ST_INTERNAL_ERROR) = "Internal Server Error",
    PHRASE(ST_NOT_IMPLEMENTED) = "Not Implemented",
    PHRASE(ST_SERVICE_UNAVAILABLE) = "Service Unavailable",
    PHRASE(ST_VERSION_NOT_SUPPORTED) = "HTTP Version Not Supported",
    PHRASE(ST_PRECONDITION_FAILED) = "Precondition Failed",
    PHRASE(ST_PARTIAL_CONTENT) = "Partial Content",
    PHRASE(ST_RANGE_NOT_SATISFIABLE) = "Range Not Satisfiable",
    PHRASE(ST_CONTINUE) = "Continue",
    PHRASE(ST_CREATED) = "Created",
    PHRASE(ST_NO_CONTENT) = "No Content",
    PHRASE(ST_CONFLICT) = "Conflict",
    PHRASE(ST_LENGTH_REQUIRED) = "Length Required",
    PHRASE(ST_CONTENT_TOO_LARGE) = "Content Too Large",
    PHRASE(ST_INSUFFICIENT_STORAGE) = "Insufficient Storage",
    PHRASE(ST_REQUEST_TIMEOUT) = "Request Timeout",
};

const char *http_reason(enum status st)
{
    unsigned code = (unsigned)st;

    if (code >= 100 && code < 100 * (CLASSES + 1) &&
        code % 100 < PER_CLASS && reasons[code / 100 - 1][code % 100])
        return reasons[code / 100 - 1][code % 100];
    return "Unknown";
}

void http_put_status_line(struct text_buf *b, enum status st)
{
    text_put(b, "HTTP/1.1 ");
    text_put_uint(b, (uint64_t)st);
    text_put(b, " ");
    text_put(b, http_reason(st));
    text_put(b, "\r\n");
}

void http_put_field(struct text_buf *b, const char *name,
                    const char *value)
{
    text_put(b, name);
    text_put(b, ": ");
    text_put(b, value);
    text_put(b, "\r\n");
}

void http_put_field_uint(struct text_buf *b, const char *name,
                         uint64_t n)
{
    text_put(b, name);
    text_put(b, ": ");
    text_put_uint(b, n);
    text_put(b, "\r\n");
}
