/* range.c: the Range field of RFC 9110, section 14.  No system calls. */
#include "text.h"
#include "range.h"

static int read_position(const char *s, size_t n, size_t *i, uint64_t *v)
{
    size_t start = *i;

    *v = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        unsigned d = (unsigned)(s[*i] - '0');
        *v = *v > (UINT64_MAX - d) / 10 ? UINT64_MAX : *v * 10 + d;
        (*i)++;
    }
    return *i > start ? 0 : -1;
}

static int read_range(const char *s, size_t n, size_t *i, uint64_t len,
                      struct range *r)
{
    uint64_t a, b;

    if (*i < n && s[*i] == '-') {                       /* -n */
        (*i)++;
        if (read_position(s, n, i, &b) != 0)
            return -1;
        if (b == 0 || len == 0)
            return 0;
        *r = (struct range){ b >= len ? 0 : len - b, len - 1 };
        return 1;
    }
    if (read_position(s, n, i, &a) != 0 || *i >= n || s[(*i)++] != '-')
        return -1;
    b = UINT64_MAX;                                     /* a- */
    if (*i < n && s[*i] >= '0' && s[*i] <= '9' &&
        (read_position(s, n, i, &b) != 0 || b < a))     /* a-b */
        return -1;
    if (a >= len)
        return 0;
    *r = (struct range){ a, b >= len ? len - 1 : b };
    return 1;
}

static void skip_ows(const char *s, size_t n, size_t *i)
{
    while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
        (*i)++;
}

static int parse_ranges(struct http_span field, uint64_t len,
                        struct range r[RANGES_MAX], size_t *count)
{
    const char *s = field.at;
    size_t n = field.len, i = 6, requested = 0;

    *count = 0;
    if (n < 6 || !text_span_ieq(s, 6, "bytes="))
        return RANGE_IGNORE;
    while (i < n) {
        struct range one;
        int got;

        skip_ows(s, n, &i);
        if (i < n && s[i] == ',') {
            i++;
            continue;
        }
        got = read_range(s, n, &i, len, &one);
        if (got < 0 || ++requested > RANGES_MAX)
            return RANGE_IGNORE;
        if (got > 0)
            r[(*count)++] = one;
        skip_ows(s, n, &i);
        if (i < n && s[i++] != ',')
            return RANGE_IGNORE;
    }
    if (requested == 0)
        return RANGE_IGNORE;
    if (*count == 0)
        return RANGE_UNSATISFIABLE;
    for (size_t x = 0; x < *count; x++)
        for (size_t y = x + 1; y < *count; y++)
            if (r[x].first <= r[y].last && r[y].first <= r[x].last)
                return RANGE_IGNORE;
    return RANGE_OK;
}

int range_parse(struct http_span field, uint64_t len,
                struct range r[RANGES_MAX], size_t *count)
{
    int verdict = parse_ranges(field, len, r, count);

    if (verdict != RANGE_OK)
        *count = 0;
    return verdict;
}

void range_put_content_range(struct text_buf *b, const struct range *r,
                             uint64_t len)
{
    text_put(b, "Content-Range: bytes ");
    if (r) {
        text_put_uint(b, r->first);
        text_put(b, "-");
        text_put_uint(b, r->last);
    } else {
        text_put(b, "*");
    }
    text_put(b, "/");
    text_put_uint(b, len);
    text_put(b, "\r\n");
}
