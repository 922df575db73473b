/* http.h: HTTP/1.1 requests and responses, as text.  No system calls. */
#ifndef DRONGO_HTTP_H
#define DRONGO_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include "text.h"

#define HTTP_METHOD_MAX 16      /* bytes; longer: 501, no such method */
#define HTTP_TARGET_MAX 8192    /* bytes; longer: 414 URI Too Long */
#define HTTP_VERSION_LEN 8      /* "HTTP/1.1" */
#define HTTP_FIELDS_BYTES_MAX 16384 /* header section; more: 431 */
#define HTTP_FIELDS_MAX 100     /* header fields; more: 431 */
#define HTTP_LEADING_EMPTY_MAX 8 /* CR/LF bytes before a request; 400 */
/* The longest head the limits allow, with its line ends. */
#define HTTP_HEAD_MAX (HTTP_LEADING_EMPTY_MAX + HTTP_METHOD_MAX + \
                       HTTP_TARGET_MAX + HTTP_VERSION_LEN + 4 + \
                       HTTP_FIELDS_BYTES_MAX)

enum status {
    ST_OK = 200,
    ST_MOVED_PERMANENTLY = 301,
    ST_NOT_MODIFIED = 304,
    ST_BAD_REQUEST = 400,
    ST_FORBIDDEN = 403,
    ST_NOT_FOUND = 404,
    ST_METHOD_NOT_ALLOWED = 405,
    ST_URI_TOO_LONG = 414,
    ST_FIELDS_TOO_LARGE = 431,
    ST_INTERNAL_ERROR = 500,
    ST_NOT_IMPLEMENTED = 501,
    ST_SERVICE_UNAVAILABLE = 503,
    ST_VERSION_NOT_SUPPORTED = 505,
    ST_PRECONDITION_FAILED = 412,
    ST_PARTIAL_CONTENT = 206,
    ST_RANGE_NOT_SATISFIABLE = 416,
    ST_CONTINUE = 100,
    ST_CREATED = 201,
    ST_NO_CONTENT = 204,
    ST_CONFLICT = 409,
    ST_LENGTH_REQUIRED = 411,
    ST_CONTENT_TOO_LARGE = 413,
    ST_INSUFFICIENT_STORAGE = 507,
    ST_REQUEST_TIMEOUT = 408,
};

struct http_span {
    const char *at;
    size_t len;
};

enum http_method {
    M_UNKNOWN, M_GET, M_HEAD,
    M_POST, M_PUT, M_DELETE, M_CONNECT, M_OPTIONS, M_TRACE, M_PATCH,
};

struct http_request {
    struct http_span method_text, target, version;
    enum http_method method;
    unsigned minor;             /* 0: HTTP/1.0; 1: HTTP/1.1 and up */
    struct http_span host, connection, content_length, transfer_encoding;
    unsigned hosts;                 /* Host fields seen */
    int says_close, says_keep_alive; /* tokens of the Connection fields */
    int length_conflict;            /* two different Content-Lengths */
    int chunked;                    /* Transfer-Encoding ends in chunked */
    int close;                      /* the connection ends after this */
    struct http_span path_raw;      /* target path, still %-encoded */
    struct http_span query;         /* after '?', without it */
    char path[HTTP_TARGET_MAX + 1]; /* decoded, NUL-free, from '/' */
    size_t path_len;
    struct http_span if_match, if_none_match;
    struct http_span if_modified_since, if_unmodified_since;
    struct http_span referer, user_agent;
    struct http_span range, if_range;
    struct http_span expect, content_range;
    unsigned codings;               /* members of Transfer-Encoding */
};

struct http_parser {
    int state;
    size_t pos;                 /* next byte to look at */
    size_t mark;                /* where the current token began */
    size_t name_end;            /* end of the current field name */
    size_t fields_start;        /* where the header section began */
    unsigned fields;            /* header fields so far */
};

enum { HTTP_MORE = 0, HTTP_DONE = 1 };

void http_parser_init(struct http_parser *p);
int http_parse(struct http_parser *p, struct http_request *req,
               const char *buf, size_t len);
const char *http_reason(enum status st);
void http_put_status_line(struct text_buf *b, enum status st);
void http_put_field(struct text_buf *b, const char *name,
                    const char *value);
void http_put_field_uint(struct text_buf *b, const char *name,
                         uint64_t n);

#endif
