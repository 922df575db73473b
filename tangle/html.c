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

static size_t utf8_at(const unsigned char *s, size_t n, uint32_t *cp)
{
    static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 :
                 s[0] >= 0xe0 && s[0] < 0xf0 ? 3 :
                 s[0] >= 0xf0 && s[0] < 0xf5 ? 4 : 0;
    uint32_t c;

    if (len == 0 || len > n)
        return 0;
    c = len == 1 ? s[0] : s[0] & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3f);
    }
    if (c < least[len] || c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
        return 0;
    *cp = c;
    return len;
}

static int is_invisible(uint32_t c)
{
    return (c >= 0x80 && c < 0xa0) ||           /* C1 controls */
           c == 0x61c ||                        /* Arabic letter mark */
           (c >= 0x200b && c <= 0x200f) ||      /* zero widths, LRM, RLM */
           (c >= 0x2028 && c <= 0x202e) ||      /* separators, embeddings,
                                                   overrides */
           (c >= 0x2060 && c <= 0x2069) ||      /* joiners, isolates */
           c == 0xfeff;                         /* byte-order mark */
}

static void put_code(struct text_buf *b, const char *prefix, uint32_t c,
                     int digits, int marked)
{
    char hex[8];

    for (int i = digits; i-- > 0; c >>= 4)
        hex[i] = "0123456789ABCDEF"[c & 15];
    text_put(b, marked ? "<mark>" : "");
    text_put(b, prefix);
    text_put_bytes(b, hex, (size_t)digits);
    text_put(b, marked ? "</mark>" : "");
}

void html_put_visible(struct text_buf *b, const char *s, size_t n,
                      int marked)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c;

    for (size_t i = 0, len; i < n; i += len) {
        len = utf8_at(u + i, n - i, &c);
        if (len == 0 || c < 0x20 || c == 0x7f)
            put_code(b, "\\x", u[i], 2, marked), len = 1;
        else if (is_invisible(c))
            put_code(b, "U+", c, 4, marked);
        else
            html_put_escaped(b, s + i, len);
    }
}
