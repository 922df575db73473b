/* tests/fuzz/html.c: html_put_escaped, html_put_link_segment and
 * html_put_size, each read back. */
#include "fuzz.h"
#include "html.h"

static const char *const entities[] = {
    "&amp;", "&lt;", "&gt;", "&quot;", "&#39;",
};
static const char entity_chars[] = "&<>\"'";

static int starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);

    return n >= k && memcmp(s, prefix, k) == 0;
}

static void check_escaped(const char *s, size_t n, const char *e,
                          size_t len)
{
    size_t k = 0;

    for (size_t i = 0, step; i < len; i += step, k++) {
        char c = e[i];
        require(c == '\0' || strchr("<>\"'", c) == NULL,
                "no < > \" or ' is left raw");
        step = 1;
        if (c == '&') {
            size_t x = 0;
            while (x < 5 && !starts_with(e + i, len - i, entities[x]))
                x++;
            require(x < 5, "every & begins one of the five entities");
            c = entity_chars[x];
            step = strlen(entities[x]);
        }
        require(k < n && s[k] == c, "the text reads back as the input");
    }
    require(k == n, "the text reads back as all of the input");
}

static int is_unreserved(char c)
{
    return c != '\0' &&
           strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "0123456789-._~", c) != NULL;
}

static int upper_hex(char c)
{
    const char *digits = "0123456789ABCDEF", *d;

    d = c != '\0' ? strchr(digits, c) : NULL;
    return d != NULL ? (int)(d - digits) : -1;
}

static void check_link(const char *s, size_t n, const char *e,
                       size_t len)
{
    size_t i = 0, k = 0;

    while (i < len) {
        char c = e[i++];
        if (c == '%') {
            require(len - i >= 2 && upper_hex(e[i]) >= 0 &&
                    upper_hex(e[i + 1]) >= 0, "an escape is %XX");
            c = (char)(upper_hex(e[i]) * 16 + upper_hex(e[i + 1]));
            i += 2;
        } else {
            require(is_unreserved(c), "only unreserved bytes go raw");
        }
        require(k < n && s[k] == c, "the link reads back as the input");
        k++;
    }
    require(k == n, "the link reads back as all of the input");
}

static void check_size(uint64_t bytes)
{
    static const char *const units[] = {
        "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
    };
    char text[32], *p = text;
    struct text_buf b = { text, 0, sizeof text - 1, 0 };
    int u = 0, tenths = 0;

    html_put_size(&b, bytes);
    text[b.len] = '\0';
    uint64_t whole = strtoull(p, &p, 10);
    int cut = *p == '.';
    if (cut)
        tenths = p[1] - '0', p += 2;
    require(*p++ == ' ', "a size is a number, a space and a unit");
    while (u < 7 && strcmp(p, units[u]) != 0)
        u++;
    require(u < 7, "the unit is one of the seven");
    require(cut == (u > 0) && tenths >= 0 && tenths <= 9,
            "bytes are whole, larger units have one decimal");
    unsigned __int128 unit = (unsigned __int128)1 << (10 * u);
    unsigned __int128 shown = ((unsigned __int128)whole * 10 + tenths) * unit;
    unsigned __int128 ten_times = (unsigned __int128)bytes * 10;
    require(shown <= ten_times && ten_times < shown + (u ? unit : 10),
            "the size shown is the size, cut to a tenth");
    require(u == 6 || whole < 1024, "no smaller number in a larger unit");
    require(u == 0 || whole >= 1, "no larger unit than the size fills");
}

#define ESCAPE_MAX 6            /* bytes: "&quot;", the longest */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char out[ESCAPE_MAX * 4096];
    struct text_buf e = TEXT_BUF(out);
    struct fuzz_bytes in = { data, size };

    if (size > 4096)
        return 0;
    char *s = fuzz_copy(data, size, 0);
    html_put_escaped(&e, s, size);
    require(!e.overflow, "escaped text fits six bytes a byte");
    check_escaped(s, size, out, e.len);
    e = (struct text_buf)TEXT_BUF(out);
    html_put_link_segment(&e, s, size);
    check_link(s, size, out, e.len);
    if (size >= 8)
        check_size(fuzz_take(&in, 8));
    free(s);
    return 0;
}
