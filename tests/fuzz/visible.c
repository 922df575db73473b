/* tests/fuzz/visible.c: html_put_visible, a name shown so that nothing
 * in it can hide. */
#include "fuzz.h"
#include "html.h"

static size_t put_utf8(uint32_t c, unsigned char *out)
{
    size_t len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    static const unsigned char lead[] = { 0, 0, 0xc0, 0xe0, 0xf0 };

    for (size_t i = len; i-- > 1; c >>= 6)
        out[i] = (unsigned char)(0x80 | (c & 0x3f));
    out[0] = (unsigned char)(lead[len] | c);
    return len;
}
static size_t char_at(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len = 0;
    unsigned char again[4];

    while (len < 5 && (s[0] << len & 0x80))
        len++;
    len = len == 0 ? 1 : len == 1 || len > 4 ? 0 : len;
    if (len == 0 || len > n)
        return 0;
    uint32_t c = s[0] & (len == 1 ? 0x7f : 0xff >> (len + 1));
    for (size_t i = 1; i < len; i++)
        c = c << 6 | (s[i] & 0x3f);
    if (c > 0x10ffff || (c >= 0xd800 && c < 0xe000) ||
        put_utf8(c, again) != len || memcmp(again, s, len) != 0)
        return 0;
    *cp = c;
    return len;
}

static int must_show(uint32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
           c == 0x61c || (c >= 0x200b && c <= 0x200f) ||
           (c >= 0x2028 && c <= 0x202e) ||
           (c >= 0x2060 && c <= 0x2069) || c == 0xfeff;
}

static size_t read_mark(const char *o, size_t len, unsigned char *out,
                        size_t *used)
{
    unsigned v = 0;
    int hex = len >= 17 && memcmp(o, "<mark>\\x", 8) == 0;
    int code = len >= 19 && memcmp(o, "<mark>U+", 8) == 0;
    size_t digits = hex ? 2 : 4, end = 8 + digits;

    require(hex || code, "a mark holds \\xNN or U+NNNN");
    for (size_t i = 8; i < end; i++) {
        const char *d = strchr("0123456789ABCDEF", o[i]);
        require(o[i] && d, "a number in a mark is in upper-case hex");
        v = v * 16 + (unsigned)(d - "0123456789ABCDEF");
    }
    require(memcmp(o + end, "</mark>", 7) == 0, "a mark is closed");
    *used = end + 7;
    if (hex)
        out[0] = (unsigned char)v;
    else
        require(must_show(v), "only a character that hides is a U+");
    return hex ? 1 : put_utf8(v, out);
}
static const char *const entities[] = {
    "&amp;", "&lt;", "&gt;", "&quot;", "&#39;",
};

static size_t read_entity(const char *o, size_t len, unsigned char *out)
{
    for (int e = 0; e < 5; e++) {
        size_t k = strlen(entities[e]);
        if (len >= k && memcmp(o, entities[e], k) == 0)
            return out[0] = (unsigned char)"&<>\"'"[e], k;
    }
    require(0, "an & starts one of the five entities");
    return 0;
}
static size_t read_raw(const char *o, size_t len, unsigned char *out)
{
    uint32_t c;
    size_t got = char_at((const unsigned char *)o, len, &c);

    require(got > 0, "the output is valid UTF-8");
    require(!must_show(c) && c != '>' && c != '"' && c != '\'',
            "nothing raw can hide or make markup");
    memcpy(out, o, got);
    return got;
}
static void read_visible(const unsigned char *in, size_t n,
                         const char *o, size_t len)
{
    size_t k = 0;

    for (size_t i = 0, used = 0; i < len; i += used) {
        unsigned char b[4];
        size_t got;
        uint32_t c;
        if (o[i] == '<') {
            got = read_mark(o + i, len - i, b, &used);
            require(used != 17 || k >= n || !char_at(in + k, n - k, &c) ||
                    c < 0x20 || c == 0x7f,
                    "a byte shown as \\x could not be shown raw");
        } else if (o[i] == '&') {
            used = read_entity(o + i, len - i, b), got = 1;
        } else {
            got = used = read_raw(o + i, len - i, b);
        }
        require(k + got <= n && memcmp(in + k, b, got) == 0,
                "the marked name reads back as the input");
        k += got;
    }
    require(k == n, "the marked name reads back as all of the input");
}

#define VISIBLE_MAX 17          /* bytes: "<mark>\xNN</mark>" a byte */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char out[VISIBLE_MAX * 4096];
    struct text_buf b = TEXT_BUF(out);

    if (size > 4096)
        return 0;
    char *s = fuzz_copy(data, size, 0);
    html_put_visible(&b, s, size, 1);
    require(!b.overflow, "a marked name fits 17 bytes a byte");
    read_visible(data, size, out, b.len);
    b = (struct text_buf)TEXT_BUF(out);
    html_put_visible(&b, s, size, 0);
    require(!b.overflow && memchr(out, '<', b.len) == NULL,
            "an unmarked name holds no markup");
    free(s);
    return 0;
}
