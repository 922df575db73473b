/* log.c: access log lines in the Combined Log Format.  No system
 * calls. */
#include "date.h"
#include "log.h"

#define LOG_REQUEST_MAX 2048    /* escaped bytes of the request line */
#define LOG_FIELD_MAX 800       /* escaped bytes of Referer, User-Agent */
_Static_assert(LOG_REQUEST_MAX + 2 * LOG_FIELD_MAX + 200 <= LOG_LINE_MAX,
               "a log line must fit in one atomic write");

static void put_escaped(struct text_buf *b, struct http_span s,
                        size_t max)
{
    size_t start = b->len;

    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.at[i];
        char esc[4] = { '\\', 'x', "0123456789abcdef"[c >> 4],
                        "0123456789abcdef"[c & 15] };
        if (b->len - start + 4 > max - 3) {
            text_put(b, "...");
            return;
        }
        if (c == '"' || c == '\\')
            text_put_bytes(b, esc, 1), text_put_bytes(b, (char *)&c, 1);
        else if (c < 0x20 || c >= 0x7f)
            text_put_bytes(b, esc, 4);
        else
            text_put_bytes(b, (char *)&c, 1);
    }
}

static void put_quoted(struct text_buf *b, struct http_span s, size_t max)
{
    text_put(b, "\"");
    if (s.len == 0)
        text_put(b, "-");
    else
        put_escaped(b, s, max);
    text_put(b, "\"");
}

void log_format(struct text_buf *b, const struct log_entry *e)
{
    text_put(b, e->client);
    text_put(b, " - - [");
    date_put_clf(b, e->time);
    text_put(b, "] ");
    put_quoted(b, e->request_line, LOG_REQUEST_MAX);
    text_put(b, " ");
    text_put_uint(b, (uint64_t)e->status);
    text_put(b, " ");
    if (e->body_bytes)
        text_put_uint(b, e->body_bytes);
    else
        text_put(b, "-");
    text_put(b, " ");
    put_quoted(b, e->referer, LOG_FIELD_MAX);
    text_put(b, " ");
    put_quoted(b, e->user_agent, LOG_FIELD_MAX);
    if (e->shows_received) {
        text_put(b, " ");
        text_put_uint(b, e->received);
    }
    text_put(b, "\n");
}
