/* tests/fuzz/http.c: the request parser, and head_check after it. */
#include "fuzz.h"
#include "http.h"
#include "head.h"

#define SPAN(field) { #field, offsetof(struct http_request, field) }
static const struct {
    const char *name;
    size_t offset;
} request_spans[] = {
    SPAN(method_text), SPAN(target), SPAN(version), SPAN(host),
    SPAN(connection), SPAN(content_length), SPAN(transfer_encoding),
    SPAN(path_raw), SPAN(query), SPAN(if_match), SPAN(if_none_match),
    SPAN(if_modified_since), SPAN(if_unmodified_since), SPAN(referer),
    SPAN(user_agent), SPAN(range), SPAN(if_range), SPAN(expect),
    SPAN(content_range),
};
#define SPANS (sizeof request_spans / sizeof *request_spans)

static struct http_span span_at(const struct http_request *req, size_t i)
{
    return *(const struct http_span *)
        ((const char *)req + request_spans[i].offset);
}

static void spans_inside(const struct http_request *req, const char *buf,
                         size_t size)
{
    uintptr_t lo = (uintptr_t)buf, hi = lo + size;

    for (size_t i = 0; i < SPANS; i++) {
        struct http_span s = span_at(req, i);
        uintptr_t at = (uintptr_t)s.at;
        int inside = s.at == NULL
                         ? s.len == 0
                         : at >= lo && at <= hi && s.len <= hi - at;
        if (!inside)
            fprintf(stderr, "span %s\n", request_spans[i].name);
        require(inside, "every span lies inside the buffer");
    }
}

static int same_request(const struct http_request *a,
                        const struct http_request *b)
{
    for (size_t i = 0; i < SPANS; i++) {
        struct http_span x = span_at(a, i), y = span_at(b, i);
        if (x.at != y.at || x.len != y.len)
            return 0;
    }
    return a->minor == b->minor && a->hosts == b->hosts &&
           a->says_close == b->says_close &&
           a->says_keep_alive == b->says_keep_alive &&
           a->length_conflict == b->length_conflict &&
           a->chunked == b->chunked && a->codings == b->codings;
}

static int parse_in_two(struct http_parser *p, struct http_request *req,
                        const char *buf, size_t cut, size_t size)
{
    int verdict;

    http_parser_init(p);
    verdict = http_parse(p, req, buf, cut);
    if (verdict == HTTP_MORE)
        verdict = http_parse(p, req, buf, size);
    return verdict;
}

#define CUT_EVERYWHERE_MAX 64   /* bytes: shorter heads, every cut */
#define CUTS_IN_LONG 8          /* cuts tried in a longer head */

static struct http_request whole, pieces;

static void check_cuts(const char *buf, size_t size, int verdict,
                       const struct http_parser *p)
{
    uint32_t h = 2166136261u;               /* FNV-1a of the bytes */
    int every = size <= CUT_EVERYWHERE_MAX;
    struct http_parser q;

    for (size_t i = 0; i < size; i++)
        h = (h ^ (unsigned char)buf[i]) * 16777619u;
    for (size_t i = 0; i < (every ? size : CUTS_IN_LONG); i++) {
        size_t cut = every ? i : (h = h * 1103515245u + 12345u) % size;
        int again = parse_in_two(&q, &pieces, buf, cut, size);
        require(again == verdict && q.pos == p->pos &&
                q.state == p->state,
                "the verdict does not depend on where the head is cut");
        require(same_request(&whole, &pieces),
                "the request does not depend on where the head is cut");
    }
}

static int hex_digit(char c)
{
    const char *digits = "0123456789abcdef", *d;

    if (c >= 'A' && c <= 'F')
        c = (char)(c - 'A' + 'a');
    d = c != '\0' ? strchr(digits, c) : NULL;
    return d != NULL ? (int)(d - digits) : -1;
}

static void check_decoded(const struct http_request *req)
{
    static char want[HTTP_TARGET_MAX + 1];
    const char *raw = req->path_raw.at;
    size_t n = 0, len = req->path_raw.len;

    for (size_t i = 0; i < len; i++) {
        want[n] = raw[i];
        if (raw[i] == '%') {
            require(i + 2 < len && hex_digit(raw[i + 1]) >= 0 &&
                    hex_digit(raw[i + 2]) >= 0,
                    "an escape let through is complete");
            want[n] = (char)(hex_digit(raw[i + 1]) * 16 +
                             hex_digit(raw[i + 2]));
            i += 2;
        }
        n++;
    }
    if (n == 0)
        want[n++] = '/';
    require(req->path_len == n && memcmp(req->path, want, n) == 0,
            "the path is the raw path, percent-decoded");
    require(req->path[0] == '/' && req->path[n] == '\0' &&
            memchr(req->path, '\0', n) == NULL,
            "the path starts with / and holds no NUL");
}

static const int parse_verdicts[] = {
    HTTP_MORE, HTTP_DONE, ST_BAD_REQUEST, ST_URI_TOO_LONG,
    ST_FIELDS_TOO_LARGE, ST_NOT_IMPLEMENTED, ST_VERSION_NOT_SUPPORTED,
};
static const int check_verdicts[] = {
    ST_OK, ST_BAD_REQUEST, ST_METHOD_NOT_ALLOWED, ST_NOT_IMPLEMENTED,
};

static int one_of(int v, const int *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == v)
            return 1;
    return 0;
}
#define ONE_OF(v, set) one_of((v), (set), sizeof (set) / sizeof *(set))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_copy(data, size, 0);
    struct http_parser p;
    int verdict = parse_in_two(&p, &whole, buf, size, size);

    require(ONE_OF(verdict, parse_verdicts),
            "http_parse returns MORE, DONE or an error it documents");
    require(p.pos <= size, "the parser stops inside the buffer");
    spans_inside(&whole, buf, size);
    check_cuts(buf, size, verdict, &p);
    if (verdict == HTTP_DONE) {
        enum status st = head_check(&whole);
        require(ONE_OF((int)st, check_verdicts),
                "head_check returns a status it documents");
        spans_inside(&whole, buf, size);
        if (st == ST_OK && !(whole.method == M_OPTIONS &&
                             text_span_eq(whole.target.at,
                                          whole.target.len, "*", 1)))
            check_decoded(&whole);
    }
    free(buf);
    return 0;
}
