/* text.h: strings and numbers, without libc.  No system calls. */
#ifndef DRONGO_TEXT_H
#define DRONGO_TEXT_H

#include <stddef.h>
#include <stdint.h>

size_t text_len(const char *s);
int text_eq(const char *a, const char *b);
int text_parse_uint(const char *s, uint64_t max, uint64_t *out);
struct text_buf {
    char *data;
    size_t len, cap;
    int overflow;       /* a put did not fit; data holds what did */
};
#define TEXT_BUF(array) { (array), 0, sizeof(array), 0 }

void text_put_bytes(struct text_buf *b, const char *s, size_t n);
void text_put(struct text_buf *b, const char *s);
void text_put_uint(struct text_buf *b, uint64_t n);
/* addr: 16 bytes, network order; IPv4 as ::ffff:a.b.c.d */
int text_parse_ip(const char *s, uint8_t addr[16]);     /* 0 | -1 */
int text_ipv4_mapped(const uint8_t addr[16]);           /* 1: IPv4 */
void text_put_ip(struct text_buf *b, const uint8_t addr[16]);
int text_span_eq(const char *a, size_t alen, const char *b, size_t blen);
int text_span_ieq(const char *s, size_t n, const char *lower);
void text_put_hex(struct text_buf *b, uint64_t n);

#endif
