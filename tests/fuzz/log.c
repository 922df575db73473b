/* tests/fuzz/log.c: log_format, and a reader for the line it writes. */
#include "fuzz.h"
#include "log.h"

#define LOG_DATE_LEN 26         /* 06/Nov/1994:08:49:37 +0000 */

static int lower_hex(char c)
{
    const char *digits = "0123456789abcdef", *d;

    d = c != '\0' ? strchr(digits, c) : NULL;
    return d != NULL ? (int)(d - digits) : -1;
}

static const char *read_quoted(const char *p, const char *end, char *out,
                               size_t *n)
{
    *n = 0;
    if (p == end || *p++ != '"')
        return NULL;
    while (p < end && *p != '"') {
        unsigned char c = (unsigned char)*p++;
        if (c < 0x20 || c >= 0x7f)
            return NULL;
        if (c == '\\') {
            if (p < end && (*p == '"' || *p == '\\'))
                c = (unsigned char)*p++;
            else if (end - p >= 3 && p[0] == 'x' && lower_hex(p[1]) >= 0 &&
                     lower_hex(p[2]) >= 0)
                c = (unsigned char)(lower_hex(p[1]) * 16 + lower_hex(p[2])),
                p += 3;
            else
                return NULL;
        }
        out[(*n)++] = (char)c;
    }
    return p < end ? p + 1 : NULL;
}

static void same_field(const char *got, size_t n, struct http_span sent)
{
    if (sent.len == 0) {
        require(n == 1 && got[0] == '-', "an empty field is logged as -");
        return;
    }
    if (n == sent.len && memcmp(got, sent.at, n) == 0)
        return;
    require(n >= 3 && memcmp(got + n - 3, "...", 3) == 0 &&
            n - 3 < sent.len && memcmp(got, sent.at, n - 3) == 0,
            "a field reads back as what was sent, or its start and ...");
}

static int skip(const char **p, const char *end, const char *s)
{
    size_t n = strlen(s);

    if ((size_t)(end - *p) < n || memcmp(*p, s, n) != 0)
        return 0;
    *p += n;
    return 1;
}

static void check_line(const char *line, size_t len,
                       const struct log_entry *e)
{
    static char field[LOG_LINE_MAX];
    const char *p = line, *end;
    char number[32];
    size_t n;

    require(len > 0, "an entry is not empty");
    end = line + len - 1;
    require(memchr(line, '\n', len) == end,
            "an entry is one line, ending in its newline");
    for (size_t i = 0; i + 1 < len; i++)
        require(line[i] >= 0x20 && line[i] < 0x7f,
                "a log line is printable ASCII");
    require(skip(&p, end, e->client) && skip(&p, end, " - - [") &&
            end - p > LOG_DATE_LEN, "the line starts with the client");
    p += LOG_DATE_LEN;
    require(skip(&p, end, "] "), "the time is in brackets");
    require((p = read_quoted(p, end, field, &n)) != NULL,
            "the request line is one quoted field");
    same_field(field, n, e->request_line);
    snprintf(number, sizeof number, " %d ", (int)e->status);
    require(skip(&p, end, number), "the status follows the request line");
    if (e->body_bytes > 0)
        snprintf(number, sizeof number, "%llu ",
                 (unsigned long long)e->body_bytes);
    require(skip(&p, end, e->body_bytes > 0 ? number : "- "),
            "the body's length, or - for none");
    require((p = read_quoted(p, end, field, &n)) != NULL,
            "the Referer is one quoted field");
    same_field(field, n, e->referer);
    require(skip(&p, end, " ") &&
            (p = read_quoted(p, end, field, &n)) != NULL,
            "the User-Agent is one quoted field");
    same_field(field, n, e->user_agent);
    if (e->shows_received) {
        snprintf(number, sizeof number, " %llu",
                 (unsigned long long)e->received);
        require(skip(&p, end, number),
                "a PUT or DELETE ends with the body's bytes received");
    }
    require(p == end, "nothing follows the last field");
}

static const enum status some_statuses[] = {
    ST_OK, ST_PARTIAL_CONTENT, ST_NOT_MODIFIED, ST_BAD_REQUEST,
    ST_NOT_FOUND, ST_INTERNAL_ERROR,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char line[LOG_LINE_MAX];
    struct fuzz_bytes in = { data, size };
    struct text_buf b = TEXT_BUF(line);
    struct log_entry e;

    uint8_t addr[16];
    char client[64];
    struct text_buf c = { client, 0, sizeof client - 1, 0 };
    for (int i = 0; i < 16; i++)
        addr[i] = (uint8_t)fuzz_take(&in, 1);
    text_put_ip(&c, addr);
    client[c.len] = '\0';
    e.client = client;
    e.time = (int64_t)fuzz_take(&in, 8);
    e.status = some_statuses[fuzz_take(&in, 1) % 6];
    e.body_bytes = fuzz_take(&in, (unsigned)(fuzz_take(&in, 1) % 9));
    e.shows_received = (int)(fuzz_take(&in, 1) & 1);
    e.received = fuzz_take(&in, (unsigned)(fuzz_take(&in, 1) % 9));
    size_t request = (size_t)fuzz_take(&in, 2);
    size_t referer = (size_t)fuzz_take(&in, 2);
    request %= in.left + 1;
    referer %= in.left - request + 1;
    char *text = fuzz_copy(in.at, in.left, 0);
    e.request_line = (struct http_span){ text, request };
    e.referer = (struct http_span){ text + request, referer };
    e.user_agent = (struct http_span){ text + request + referer,
                                       in.left - request - referer };
    log_format(&b, &e);
    require(!b.overflow, "a log line fits LOG_LINE_MAX");
    check_line(line, b.len, &e);
    free((char *)e.request_line.at);
    return 0;
}
