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

int text_parse_ipv4(const char *s, uint8_t addr[4])
{
    for (int i = 0; i < 4; i++) {
        const char *start = s;
        unsigned n = 0;

        while (*s >= '0' && *s <= '9' && s - start < 3)
            n = n * 10 + (unsigned)(*s++ - '0');
        if (s == start || n > 255 || (*start == '0' && s - start > 1))
            return -1;
        addr[i] = (uint8_t)n;
        if (i < 3 && *s++ != '.')
            return -1;
    }
    return *s == '\0' ? 0 : -1;
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
