/* tests/unit/http.c: the parser's rules, one row each. */
#include "unit.h"
#include "http.h"
#include "head.h"

enum { ANY, KEEPS, CLOSES };    /* what a row says of the connection */
#define MORE HTTP_MORE          /* the head is not complete */

struct http_row {
    const char *rule;
    const char *head;
    int status;                 /* MORE, or what parse and check say */
    const char *method, *target, *path, *query, *host; /* NULL: any */
    int close;
    size_t len;                 /* 0: strlen(head); else a NUL inside */
};

#define GET_ "GET / HTTP/1.1\r\n"
#define HOST "Host: x\r\n"
static const struct http_row http_rows[] = {
{ "a request line, a Host field, an empty line",
  "GET /a HTTP/1.1\r\n" HOST "\r\n", ST_OK,
  .method = "GET", .target = "/a", .path = "/a", .host = "x" },
{ "HEAD is served as GET is", "HEAD / HTTP/1.1\r\n" HOST "\r\n", ST_OK,
  .method = "HEAD" },
{ "a method is a token: no (", "G(T / HTTP/1.1\r\n" HOST "\r\n",
  ST_BAD_REQUEST },
{ "methods are case-sensitive", "get / HTTP/1.1\r\n" HOST "\r\n",
  ST_NOT_IMPLEMENTED },
{ "a method drongo never heard of", "BREW / HTTP/1.1\r\n" HOST "\r\n",
  ST_NOT_IMPLEMENTED },
{ "a method over HTTP_METHOD_MAX bytes, at once", "ABCDEFGHIJKLMNOPQ",
  ST_NOT_IMPLEMENTED },
{ "a method known but not served", "POST / HTTP/1.1\r\n" HOST "\r\n",
  ST_METHOD_NOT_ALLOWED, .method = "POST" },
{ "PUT, DELETE and OPTIONS are served (chapter 12)",
  "DELETE /a HTTP/1.1\r\n" HOST "\r\n", ST_OK, .method = "DELETE",
  .path = "/a" },
{ "two spaces after the method", "GET  / HTTP/1.1\r\n" HOST "\r\n",
  ST_BAD_REQUEST },
{ "a tab in the target", "GET /a\tb HTTP/1.1\r\n" HOST "\r\n",
  ST_BAD_REQUEST },
{ "a byte over 127 in the target", "GET /\xc3\xa9 HTTP/1.1\r\n\r\n",
  ST_BAD_REQUEST },
{ "no version (HTTP/0.9)", "GET /\r\n\r\n", ST_BAD_REQUEST },
{ "a version in lower case", "GET / http/1.1\r\n" HOST "\r\n",
  ST_BAD_REQUEST },
{ "a version over eight bytes, at once", "GET / HTTP/1.10",
  ST_BAD_REQUEST },
{ "a major version other than 1", "GET / HTTP/2.0\r\n" HOST "\r\n",
  ST_VERSION_NOT_SUPPORTED },
{ "HTTP/1.0 needs no Host, and closes", "GET / HTTP/1.0\r\n\r\n", ST_OK,
  .close = CLOSES },
{ "a higher minor is served as 1.1", "GET / HTTP/1.2\r\n" HOST "\r\n",
  ST_OK, .close = KEEPS },
{ "... and needs a Host as 1.1 does", "GET / HTTP/1.2\r\n\r\n",
  ST_BAD_REQUEST },
{ "a bare LF ends a line", "GET / HTTP/1.1\nHost: x\n\n", ST_OK },
{ "HTTP_LEADING_EMPTY_MAX line ends before a request are skipped",
  "\r\n\r\n\r\n\r\n" GET_ HOST "\r\n", ST_OK },
{ "... one more is 400", "\r\n\r\n\r\n\r\n\n" GET_, ST_BAD_REQUEST },
{ "a bare CR after the request line", "GET / HTTP/1.1\r" HOST "\r\n",
  ST_BAD_REQUEST },
{ "a bare CR after a field", GET_ "Host: x\rY: z\r\n\r\n",
  ST_BAD_REQUEST },
{ "a head without its empty line", GET_ HOST, MORE },
{ "nothing at all", "", MORE },
{ "field names ignore case", GET_ "hOsT: x\r\n\r\n", ST_OK,
  .host = "x" },
{ "whitespace around a value is not part of it",
  GET_ "Host: \t x \t\r\n\r\n", ST_OK, .host = "x" },
{ "whitespace before the colon", GET_ "Host : x\r\n\r\n",
  ST_BAD_REQUEST },
{ "a folded line", GET_ HOST "X: a\r\n b\r\n\r\n", ST_BAD_REQUEST },
{ "a line without a colon", GET_ HOST "Nothing\r\n\r\n",
  ST_BAD_REQUEST },
{ "a control byte in a value", GET_ HOST "X: a\x01z\r\n\r\n",
  ST_BAD_REQUEST },
{ "a NUL in a value", GET_ HOST "X: a\0z\r\n\r\n", ST_BAD_REQUEST,
  .len = 35 },
{ "a tab or a byte over 127 in a value is fine",
  GET_ HOST "X: a\tb\xff\r\n\r\n", ST_OK },
{ "HTTP/1.1 without Host", GET_ "\r\n", ST_BAD_REQUEST },
{ "two Host fields", GET_ HOST HOST "\r\n", ST_BAD_REQUEST },
{ "an empty Host", GET_ "Host:\r\n\r\n", ST_OK, .host = "" },
{ "a name and a port", GET_ "Host: a.example:8080\r\n\r\n", ST_OK,
  .host = "a.example:8080" },
{ "an IPv6 address, in brackets", GET_ "Host: [::1]:80\r\n\r\n", ST_OK },
{ "... not without them", GET_ "Host: ::1\r\n\r\n", ST_BAD_REQUEST },
{ "a port is digits", GET_ "Host: x:8o\r\n\r\n", ST_BAD_REQUEST },
{ "no userinfo", GET_ "Host: u@x\r\n\r\n", ST_BAD_REQUEST },
{ "a length: served, then closed", GET_ HOST "Content-Length: 5\r\n\r\n",
  ST_OK, .close = CLOSES },
{ "a length of 0 keeps the connection",
  GET_ HOST "Content-Length: 0\r\n\r\n", ST_OK, .close = KEEPS },
{ "a PUT's body is read, and the connection kept",
  "PUT /a HTTP/1.1\r\n" HOST "Content-Length: 5\r\n\r\n", ST_OK,
  .close = KEEPS },
{ "two equal lengths are one",
  GET_ HOST "Content-Length: 5\r\nContent-Length: 5\r\n\r\n", ST_OK },
{ "two lengths that disagree",
  GET_ HOST "Content-Length: 5\r\nContent-Length: 6\r\n\r\n",
  ST_BAD_REQUEST, .close = CLOSES },
{ "a length is digits", GET_ HOST "Content-Length: +5\r\n\r\n",
  ST_BAD_REQUEST },
{ "at most 18 of them",
  GET_ HOST "Content-Length: 1234567890123456789\r\n\r\n",
  ST_BAD_REQUEST },
{ "a coding that is not chunked last",
  GET_ HOST "Transfer-Encoding: gzip\r\n\r\n", ST_BAD_REQUEST },
{ "chunked, in any case: a GET is served, then closed",
  GET_ HOST "Transfer-Encoding: Chunked\r\n\r\n", ST_OK,
  .close = CLOSES },
{ "a coding before chunked, which drongo cannot undo",
  GET_ HOST "Transfer-Encoding: gzip, chunked\r\n\r\n",
  ST_NOT_IMPLEMENTED, .close = CLOSES },
{ "a later line's coding is the last",
  GET_ HOST "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n"
  "\r\n", ST_BAD_REQUEST },
{ "a length and a coding",
  GET_ HOST "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
  ST_BAD_REQUEST, .close = CLOSES },
{ "HTTP/1.1 keeps the connection", GET_ HOST "\r\n", ST_OK,
  .close = KEEPS },
{ "Connection: close, in any case, among others",
  GET_ HOST "Connection: foo, CLOSE\r\n\r\n", ST_OK, .close = CLOSES },
{ "HTTP/1.0 with keep-alive keeps it",
  "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", ST_OK,
  .close = KEEPS },
{ "a query is split from the path", "GET /a?b=c HTTP/1.1\r\n" HOST "\r\n",
  ST_OK, .path = "/a", .query = "b=c" },
{ "escapes are decoded", "GET /a%20b%2Fc HTTP/1.1\r\n" HOST "\r\n",
  ST_OK, .path = "/a b/c" },
{ "%00", "GET /a%00 HTTP/1.1\r\n" HOST "\r\n", ST_BAD_REQUEST },
{ "an escape cut short", "GET /a%4 HTTP/1.1\r\n" HOST "\r\n",
  ST_BAD_REQUEST },
{ "an escape of no hex digits", "GET /%zz HTTP/1.1\r\n" HOST "\r\n",
  ST_BAD_REQUEST },
{ "a fragment", "GET /a#b HTTP/1.1\r\n" HOST "\r\n", ST_BAD_REQUEST },
{ "the absolute form: the path after the authority",
  "GET HTTP://x:80/a HTTP/1.1\r\n" HOST "\r\n", ST_OK, .path = "/a" },
{ "... https too, and no path is /",
  "GET https://x HTTP/1.1\r\n" HOST "\r\n", ST_OK, .path = "/" },
{ "... a query straight after the authority",
  "GET http://x?q HTTP/1.1\r\n" HOST "\r\n", ST_OK, .path = "/",
  .query = "q" },
{ "... not another scheme", "GET ftp://x/ HTTP/1.1\r\n" HOST "\r\n",
  ST_BAD_REQUEST },
{ "... not an empty authority", "GET http:///a HTTP/1.1\r\n" HOST "\r\n",
  ST_BAD_REQUEST },
{ "a target of no form", "GET a HTTP/1.1\r\n" HOST "\r\n",
  ST_BAD_REQUEST },
{ "a bad target is 400 before a method is 405",
  "POST /%zz HTTP/1.1\r\n" HOST "\r\n", ST_BAD_REQUEST },
{ "CONNECT's target is no path", "CONNECT x:443 HTTP/1.1\r\n" HOST "\r\n",
  ST_METHOD_NOT_ALLOWED },
{ "OPTIONS * asks about the server itself",
  "OPTIONS * HTTP/1.1\r\n" HOST "\r\n", ST_OK, .method = "OPTIONS" },
{ "... and * is no target for another method",
  "GET * HTTP/1.1\r\n" HOST "\r\n", ST_BAD_REQUEST },
};

static const struct size_row {
    const char *rule;
    size_t target, fields, section;
    int status;
} size_rows[] = {
    { "a target of HTTP_TARGET_MAX bytes", HTTP_TARGET_MAX, 1, 0, ST_OK },
    { "... one more", HTTP_TARGET_MAX + 1, 1, 0, ST_URI_TOO_LONG },
    { "HTTP_FIELDS_MAX fields", 1, HTTP_FIELDS_MAX, 0, ST_OK },
    { "... one more", 1, HTTP_FIELDS_MAX + 1, 0, ST_FIELDS_TOO_LARGE },
    { "a section of HTTP_FIELDS_BYTES_MAX bytes", 1, 2,
      HTTP_FIELDS_BYTES_MAX, ST_OK },
    { "... one more", 1, 2, HTTP_FIELDS_BYTES_MAX + 1,
      ST_FIELDS_TOO_LARGE },
};

static char big[HTTP_HEAD_MAX + 64];

static size_t build_head(const struct size_row *r)
{
    size_t n = (size_t)sprintf(big, "GET /");
    memset(big + n, 'a', r->target - 1);
    n += r->target - 1;
    n += (size_t)sprintf(big + n, " HTTP/1.1\r\n");
    size_t section = n;
    n += (size_t)sprintf(big + n, "Host: x\r\n");
    for (size_t f = 1; f + (r->section > 0) < r->fields; f++)
        n += (size_t)sprintf(big + n, "X: y\r\n");
    if (r->section > 0) {               /* "F: vvv...\r\n", then "\r\n" */
        size_t fill = r->section - (n - section) - 2 - 5;
        n += (size_t)sprintf(big + n, "F: ");
        memset(big + n, 'v', fill);
        n += fill + (size_t)sprintf(big + n + fill, "\r\n");
    }
    return n + (size_t)sprintf(big + n, "\r\n");
}

static int verdict(const char *head, size_t n, int bytewise,
                   struct http_request *req)
{
    struct http_parser p;
    int r = HTTP_MORE;

    http_parser_init(&p);
    for (size_t len = bytewise ? 0 : n; len <= n && r == HTTP_MORE; len++)
        r = http_parse(&p, req, head, len);
    return r == HTTP_DONE ? (int)head_check(req) : r;
}

static int span_is(struct http_span s, const char *want)
{
    return want == NULL || (s.len == strlen(want) &&
                            (s.len == 0 || memcmp(s.at, want, s.len) == 0));
}

static void run_row(struct unit *u, const struct http_row *row,
                    int bytewise)
{
    static struct http_request req;
    size_t n = row->len ? row->len : strlen(row->head);
    int st = verdict(row->head, n, bytewise, &req);
    int spans = span_is(req.method_text, row->method) &&
                span_is(req.target, row->target) &&
                span_is(req.query, row->query) &&
                span_is(req.host, row->host) &&
                (row->path == NULL ||
                 (req.path_len == strlen(row->path) &&
                  memcmp(req.path, row->path, req.path_len) == 0));
    int close = row->close == ANY || req.close == (row->close == CLOSES);

    unit_row(u, st == row->status && spans && close, row->rule,
             "%s: status %d (want %d), spans %s, close %d",
             bytewise ? "a byte at a time" : "in one piece", st,
             row->status, spans ? "as wanted" : "differ", req.close);
}

int unit_http(void)
{
    struct unit u = { "the parser's rules", 0, 0 };
    static struct http_request req;

    for (size_t i = 0; i < sizeof http_rows / sizeof *http_rows; i++) {
        run_row(&u, &http_rows[i], 0);
        run_row(&u, &http_rows[i], 1);
    }
    for (size_t i = 0; i < sizeof size_rows / sizeof *size_rows; i++) {
        size_t n = build_head(&size_rows[i]);
        int st = verdict(big, n, 0, &req);
        unit_row(&u, st == size_rows[i].status, size_rows[i].rule,
                 "status %d (want %d)", st, size_rows[i].status);
    }
    return unit_done(&u);
}
