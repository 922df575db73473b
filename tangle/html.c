/* html.c: text made safe for HTML and for URLs.  No system calls. */
#include "html.h"

void html_put_escaped(struct text_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        switch (s[i]) {
        case '&':  text_put(b, "&amp;"); break;
        case '<':  text_put(b, "&lt;"); break;
        case '>':  text_put(b, "&gt;"); break;
        case '"':  text_put(b, "&quot;"); break;
        case '\'': text_put(b, "&#39;"); break;
        default:   text_put_bytes(b, s + i, 1);
        }
}

void html_put_link_segment(struct text_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
            c == '~') {
            text_put_bytes(b, s + i, 1);
        } else {
            char esc[3] = { '%', "0123456789ABCDEF"[c >> 4],
                            "0123456789ABCDEF"[c & 15] };
            text_put_bytes(b, esc, 3);
        }
    }
}

void html_put_size(struct text_buf *b, uint64_t bytes)
{
    static const char *const units[] = {
        "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
    };
    unsigned u = 0;

    while (u < 6 && bytes >> (10 * (u + 1)) != 0)
        u++;
    uint64_t whole = bytes >> (10 * u);
    uint64_t rest = bytes - (whole << (10 * u));   /* dropped bytes */
    text_put_uint(b, whole);
    if (u > 0) {
        text_put(b, ".");
        text_put_uint(b, rest * 10 >> (10 * u));   /* tenths, cut */
    }
    text_put(b, " ");
    text_put(b, units[u]);
}
