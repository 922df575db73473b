/* text.c: strings and numbers, without libc.  No system calls. */
#include "text.h"

size_t text_len(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int text_eq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

int text_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
    uint64_t n = 0;

    if (*s == '\0')
        return -1;
    for (; *s; s++) {
        unsigned digit = (unsigned)(*s - '0');
        if (digit > 9)
            return -1;
        if (digit > max || n > (max - digit) / 10)
            return -1;                  /* n * 10 + digit > max */
        n = n * 10 + digit;
    }
    *out = n;
    return 0;
}

void text_put_bytes(struct text_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b->len == b->cap) {
            b->overflow = 1;
            return;
        }
        b->data[b->len++] = s[i];
    }
}

void text_put(struct text_buf *b, const char *s)
{
    text_put_bytes(b, s, text_len(s));
}

void text_put_uint(struct text_buf *b, uint64_t n)
{
    char digits[20];
    size_t i = sizeof digits;

    do
        digits[--i] = (char)('0' + n % 10);
    while (n /= 10);
    text_put_bytes(b, digits + i, sizeof digits - i);
}

static const char *ipv4_at(const char *s, uint8_t addr[4])
{
    for (int i = 0; i < 4; i++) {
        const char *start = s;
        unsigned n = 0;

        while (*s >= '0' && *s <= '9' && s - start < 3)
            n = n * 10 + (unsigned)(*s++ - '0');
        if (s == start || n > 255 || (*start == '0' && s - start > 1))
            return 0;
        addr[i] = (uint8_t)n;
        if (i < 3 && *s++ != '.')
            return 0;
    }
    return s;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static const char *ipv6_at(const char *s, uint8_t addr[16])
{
    uint8_t got[16];            /* the groups read, the :: left out */
    int n = 0, gap = -1;        /* bytes in got; where :: stood */

    if (s[0] == ':' && s[1] == ':')
        gap = 0, s += 2;
    while (n < 16 && hex_digit(*s) >= 0) {
        const char *start = s;
        unsigned v = 0;

        while (hex_digit(*s) >= 0 && s - start < 4)
            v = v * 16 + (unsigned)hex_digit(*s++);
        if (*s == '.') {
            if (n > 12 || (s = ipv4_at(start, got + n)) == 0)
                return 0;
            n += 4;
            break;
        }
        got[n++] = (uint8_t)(v >> 8);
        got[n++] = (uint8_t)v;
        if (s[0] != ':')
            break;
        if (hex_digit(s[1]) >= 0)
            s++;
        else if (s[1] == ':' && gap < 0)
            gap = n, s += 2;
        else
            return 0;                   /* a lone colon, or a second :: */
    }
    if (gap < 0 ? n != 16 : n > 14)
        return 0;
    for (int i = 0, j = 0; i < 16; i++) {
        int zero = gap >= 0 && i >= gap && i < gap + (16 - n);
        addr[i] = zero ? 0 : got[j++];
    }
    return s;
}

int text_parse_ip(const char *s, uint8_t addr[16])
{
    const char *end = ipv4_at(s, addr + 12);

    if (end && *end == '\0') {
        for (int i = 0; i < 12; i++)
            addr[i] = i < 10 ? 0 : 0xff;        /* ::ffff:a.b.c.d */
        return 0;
    }
    if (*s == '[') {
        end = ipv6_at(s + 1, addr);
        if (end && *end++ != ']')
            end = 0;
    } else {
        end = ipv6_at(s, addr);
    }
    return end && *end == '\0' ? 0 : -1;
}

int text_ipv4_mapped(const uint8_t addr[16])
{
    for (int i = 0; i < 10; i++)
        if (addr[i] != 0)
            return 0;
    return addr[10] == 0xff && addr[11] == 0xff;
}

static void put_dotted_quad(struct text_buf *b, const uint8_t a[4])
{
    for (int i = 0; i < 4; i++) {
        if (i > 0)
            text_put(b, ".");
        text_put_uint(b, a[i]);
    }
}

static void put_group(struct text_buf *b, unsigned v)
{
    char hex[4];
    size_t n = 0;

    for (int shift = 12; shift >= 0; shift -= 4)
        if (v >> shift != 0 || shift == 0)     /* no leading zeros */
            hex[n++] = "0123456789abcdef"[v >> shift & 15];
    text_put_bytes(b, hex, n);
}

void text_put_ip(struct text_buf *b, const uint8_t addr[16])
{
    int zeros_at = -1, zeros = 1;   /* the run :: stands for */

    if (text_ipv4_mapped(addr)) {
        put_dotted_quad(b, addr + 12);
        return;
    }
    for (int g = 0; g < 8; g++) {
        int run = 0;

        while (g + run < 8 && (addr[2 * (g + run)] |
                               addr[2 * (g + run) + 1]) == 0)
            run++;
        if (run > zeros)
            zeros_at = g, zeros = run;
        g += run;
    }
    for (int g = 0; g < 8; g++) {
        if (g == zeros_at) {
            text_put(b, "::");
            g += zeros - 1;
            continue;
        }
        if (g > 0 && g != zeros_at + zeros)
            text_put(b, ":");
        put_group(b, (unsigned)(addr[2 * g] << 8 | addr[2 * g + 1]));
    }
}

int text_span_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return 0;
    for (size_t i = 0; i < alen; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

int text_span_ieq(const char *s, size_t n, const char *lower)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
        if (lower[i] == '\0' || c != lower[i])
            return 0;
    }
    return lower[n] == '\0';
}

void text_put_hex(struct text_buf *b, uint64_t n)
{
    char s[16];
    size_t i = sizeof s;

    do
        s[--i] = "0123456789abcdef"[n % 16];
    while (n /= 16);
    text_put_bytes(b, s + i, sizeof s - i);
}
