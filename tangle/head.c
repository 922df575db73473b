/* head.c: the rules that need a complete request head.  No system calls. */
#include "head.h"

static const char *const method_names[] = {
    [M_GET] = "GET", [M_HEAD] = "HEAD", [M_POST] = "POST",
    [M_PUT] = "PUT", [M_DELETE] = "DELETE", [M_CONNECT] = "CONNECT",
    [M_OPTIONS] = "OPTIONS", [M_TRACE] = "TRACE", [M_PATCH] = "PATCH",
};

static int is_length(struct http_span v)
{
    if (v.len == 0 || v.len > 18)
        return 0;
    for (size_t i = 0; i < v.len; i++)
        if (v.at[i] < '0' || v.at[i] > '9')
            return 0;
    return 1;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int is_unreserved(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

static int is_sub_delim(char c)
{
    for (const char *s = "!$&'()*+,;="; *s; s++)
        if (c == *s)
            return 1;
    return 0;
}

static int is_ipv4(const char *s, size_t n)
{
    size_t i = 0;

    for (int part = 0; part < 4; part++) {
        size_t start;
        unsigned v = 0;

        if (part > 0 && (i == n || s[i++] != '.'))
            return 0;
        start = i;
        while (i < n && i - start < 3 && s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (unsigned)(s[i++] - '0');
        if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
            return 0;
    }
    return i == n;
}

static int is_ipv6(const char *s, size_t n)
{
    size_t i = 0;
    int groups = 0, gap = n >= 2 && s[0] == ':' && s[1] == ':';

    if (gap)
        i = 2;
    while (i < n) {
        size_t start = i;
        while (i < n && i - start < 4 && hex_value(s[i]) >= 0)
            i++;
        if (i < n && s[i] == '.') {     /* the last 32 bits, as IPv4 */
            if (!is_ipv4(s + start, n - start))
                return 0;
            groups += 2;
            break;
        }
        if (i == start || ++groups > 8)
            return 0;                   /* an empty group, or a ninth */
        if (i == n)
            break;
        if (s[i++] != ':' || i == n)
            return 0;                   /* not a colon, or one at the end */
        if (s[i] == ':') {
            if (gap)
                return 0;               /* a second "::" */
            gap = 1;
            i++;
        }
    }
    return gap ? groups <= 7 : groups == 8;
}

static int is_ip_literal(const char *s, size_t n)
{
    size_t i = 1;

    if (n == 0 || (s[0] != 'v' && s[0] != 'V'))
        return is_ipv6(s, n);
    while (i < n && hex_value(s[i]) >= 0)
        i++;
    if (i == 1 || i + 1 >= n || s[i] != '.')
        return 0;                       /* no version, or nothing after */
    for (i++; i < n; i++)
        if (!is_unreserved(s[i]) && !is_sub_delim(s[i]) && s[i] != ':')
            return 0;
    return 1;
}

static int is_host_port(const char *s, size_t n)
{
    size_t i = 0;

    if (n > 0 && s[0] == '[') {
        while (i < n && s[i] != ']')
            i++;
        if (i == n || !is_ip_literal(s + 1, i - 1))
            return 0;
        i++;                            /* past the ']' */
    } else {
        while (i < n && s[i] != ':') {
            if (s[i] == '%' && i + 2 < n && hex_value(s[i + 1]) >= 0 &&
                hex_value(s[i + 2]) >= 0)
                i += 3;
            else if (is_unreserved(s[i]) || is_sub_delim(s[i]))
                i++;
            else
                return 0;
        }
    }
    if (i < n && s[i++] != ':')
        return 0;                       /* after a literal, only a port */
    for (; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int skip_authority(struct http_span *t)
{
    static const char *const schemes[] = { "http://", "https://" };
    size_t i, n = 0, end;

    if (t->len > 0 && t->at[0] == '/')
        return 1;                       /* origin-form */
    for (i = 0; i < 2 && n == 0; i++) {
        size_t k = text_len(schemes[i]);
        if (t->len > k && text_span_ieq(t->at, k, schemes[i]))
            n = k;
    }
    if (n == 0)
        return 0;                       /* no scheme we serve */
    for (end = n; end < t->len; end++)
        if (t->at[end] == '/' || t->at[end] == '?')
            break;
    if (end == n || t->at[n] == ':' ||
        !is_host_port(t->at + n, end - n))
        return 0;                       /* an empty host, or not a host */
    t->at += end;
    t->len -= end;
    return 1;
}

static enum status decode_target(struct http_request *req)
{
    struct http_span t = req->target;

    if (!skip_authority(&t))
        return ST_BAD_REQUEST;
    req->path_raw = t;
    req->query = (struct http_span){ 0, 0 };
    for (size_t i = 0; i < t.len; i++) {
        if (t.at[i] == '#')
            return ST_BAD_REQUEST;          /* fragments stay in the client */
        if (t.at[i] == '?') {
            req->path_raw.len = i;
            req->query = (struct http_span){ t.at + i + 1, t.len - i - 1 };
            break;
        }
    }
    size_t n = 0;
    const char *s = req->path_raw.at;
    for (size_t i = 0; i < req->path_raw.len; i++) {
        char c = s[i];
        if (c == '%') {
            int hi, lo;
            if (i + 2 >= req->path_raw.len)
                return ST_BAD_REQUEST;      /* cut short */
            hi = hex_value(s[i + 1]);
            lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return ST_BAD_REQUEST;      /* bad escape, or %00 */
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        req->path[n++] = c;
    }
    if (n == 0)
        req->path[n++] = '/';
    req->path[n] = '\0';
    req->path_len = n;
    return ST_OK;
}

enum status head_check(struct http_request *req)
{
    enum status st;

    req->method = M_UNKNOWN;
    for (int m = M_GET; m <= M_PATCH; m++)
        if (text_span_eq(req->method_text.at, req->method_text.len,
                         method_names[m], text_len(method_names[m])))
            req->method = (enum http_method)m;
    if (req->method == M_UNKNOWN)
        return ST_NOT_IMPLEMENTED;
    if ((req->minor == 1 && req->hosts == 0) || req->hosts > 1 ||
        (req->host.at && !is_host_port(req->host.at, req->host.len)))
        return ST_BAD_REQUEST;
    if ((req->transfer_encoding.at &&
         (req->content_length.at || !req->chunked)) ||
        req->length_conflict ||
        (req->content_length.at && !is_length(req->content_length))) {
        req->close = 1;
        return ST_BAD_REQUEST;
    }
    if (req->codings > 1) {
        req->close = 1;
        return ST_NOT_IMPLEMENTED;          /* a coding before chunked */
    }
    if (req->method != M_PUT &&
        (req->transfer_encoding.at ||
         (req->content_length.at &&
          !text_span_eq(req->content_length.at, req->content_length.len,
                        "0", 1))))
        req->close = 1;                     /* a body drongo will not read */
    if (req->says_close)
        req->close = 1;
    if (req->minor == 0 && !req->says_keep_alive)
        req->close = 1;
    if (req->method == M_CONNECT)
        return ST_METHOD_NOT_ALLOWED;       /* an authority, not a path */
    if (req->method == M_OPTIONS &&
        text_span_eq(req->target.at, req->target.len, "*", 1))
        return ST_OK;                       /* the server itself */
    st = decode_target(req);
    if (st != ST_OK)
        return st;
    if (req->method != M_GET && req->method != M_HEAD &&
        req->method != M_PUT && req->method != M_DELETE &&
        req->method != M_OPTIONS)
        return ST_METHOD_NOT_ALLOWED;
    return ST_OK;
}
