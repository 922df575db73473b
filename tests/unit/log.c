/* tests/unit/log.c: the access log's escaping. */
#include "unit.h"
#include "log.h"

#define REQUEST_SHARE 2048      /* log.c's share for the request line */

static const struct {
    const char *sent, *logged;
} log_rows[] = {
    { "GET / HTTP/1.1", "GET / HTTP/1.1" },
    { "", "-" },                                  /* nothing: a dash */
    { "a\"b", "a\\\"b" },                         /* a quote */
    { "a\\b", "a\\\\b" },                         /* a backslash */
    { "a\nb\r", "a\\x0ab\\x0d" },                  /* no new line */
    { "\x1b[31m", "\\x1b[31m" },                  /* no terminal codes */
    { "\x7f\xff", "\\x7f\\xff" },                 /* only ASCII */
};

static void logged_as(struct unit *u, const char *sent, size_t n,
                      const char *want, size_t want_len)
{
    static char line[LOG_LINE_MAX];
    struct text_buf b = TEXT_BUF(line);
    struct log_entry e = { "192.0.2.1", 0, { sent, n }, { 0, 0 },
                           { 0, 0 }, ST_OK, 0 };
    const char *head = "192.0.2.1 - - [01/Jan/1970:00:00:00 +0000] \"";
    const char *tail = "\" 200 - \"-\" \"-\"\n";
    size_t h = strlen(head), t = strlen(tail);

    log_format(&b, &e);
    int ok = b.len == h + want_len + t && memcmp(line, head, h) == 0 &&
             memcmp(line + h, want, want_len) == 0 &&
             memcmp(line + h + want_len, tail, t) == 0;
    unit_row(u, ok, want_len < 40 ? want : "a long request line",
             "logged as %.*s", (int)b.len, line);
}

int unit_log(void)
{
    struct unit u = { "the log's escaping", 0, 0 };
    static char sent[700], want[LOG_LINE_MAX];
    size_t n = 0;

    for (size_t i = 0; i < sizeof log_rows / sizeof *log_rows; i++)
        logged_as(&u, log_rows[i].sent, strlen(log_rows[i].sent),
                  log_rows[i].logged, strlen(log_rows[i].logged));
    memset(sent, '\x01', sizeof sent);
    while (n + 4 <= REQUEST_SHARE - 3)     /* whole escapes, and "..." */
        memcpy(want + n, "\\x01", 4), n += 4;
    memcpy(want + n, "...", 3);
    logged_as(&u, sent, sizeof sent, want, n + 3);
    return unit_done(&u);
}
