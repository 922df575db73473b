/* tests/fuzz/text.c: the numbers and addresses of text.c, against
 * libc's strtoull and inet_pton, and against their own inverses. */
#include "fuzz.h"
#include <arpa/inet.h>
#include <errno.h>
#include "text.h"

static void check_uint(const char *s, uint64_t max)
{
    size_t n = strlen(s);
    int digits = n > 0 && strspn(s, "0123456789") == n, fits = 0;
    unsigned long long want = 0;
    uint64_t got = 0;

    if (digits) {
        errno = 0;
        want = strtoull(s, NULL, 10);
        fits = errno == 0 && want <= max;
    }
    require((text_parse_uint(s, max, &got) == 0) == fits,
            "a number is read exactly when it is digits, at most max");
    require(!fits || got == want, "a number has strtoull's value");
}

static void check_uint_written(uint64_t v)
{
    char text[24];
    struct text_buf b = { text, 0, sizeof text - 1, 0 };
    uint64_t again = 0;

    text_put_uint(&b, v);
    text[b.len] = '\0';
    require(text_parse_uint(text, UINT64_MAX, &again) == 0 && again == v,
            "a number written reads back as itself");
}

static int libc_parse_ip(const char *s, uint8_t addr[16])
{
    static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
    char inner[64];
    size_t n = strlen(s);

    if (inet_pton(AF_INET, s, addr + 12) == 1) {
        memcpy(addr, mapped, sizeof mapped);
        return 0;
    }
    if (inet_pton(AF_INET6, s, addr) == 1)
        return 0;
    if (n >= 2 && s[0] == '[' && s[n - 1] == ']' && n - 2 < sizeof inner) {
        memcpy(inner, s + 1, n - 2);
        inner[n - 2] = '\0';
        if (inet_pton(AF_INET6, inner, addr) == 1)
            return 0;
    }
    return -1;
}

static void check_ip(const char *s)
{
    uint8_t got[16], want[16], again[16];
    char text[64];
    struct text_buf b = { text, 0, sizeof text - 1, 0 };
    int verdict = text_parse_ip(s, got);

    require(verdict == libc_parse_ip(s, want),
            "an address is read exactly when inet_pton reads it");
    if (verdict != 0)
        return;
    require(memcmp(got, want, 16) == 0,
            "an address is read as inet_pton reads it");
    text_put_ip(&b, got);
    text[b.len] = '\0';
    require(text_parse_ip(text, again) == 0 && memcmp(again, got, 16) == 0,
            "an address read, then written, reads back the same");
}

static void check_ip_written(const uint8_t addr[16])
{
    static const uint8_t zeros[12];
    char text[64], ref[64];
    struct text_buf b = { text, 0, sizeof text - 1, 0 };
    uint8_t again[16];

    text_put_ip(&b, addr);
    text[b.len] = '\0';
    require(!b.overflow && text_parse_ip(text, again) == 0 &&
            memcmp(again, addr, 16) == 0,
            "any address, written, reads back as itself");
    if (memcmp(addr, zeros, 12) == 0)
        return;                         /* IPv4-compatible: retired */
    if (text_ipv4_mapped(addr))
        inet_ntop(AF_INET, addr + 12, ref, sizeof ref);
    else
        inet_ntop(AF_INET6, addr, ref, sizeof ref);
    require(strcmp(text, ref) == 0, "an address is written as libc does");
}

static const uint64_t maxima[] = { UINT64_MAX, 65535, 3600 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_copy(data, size, 1);
    struct fuzz_bytes in = { data, size };

    check_uint(s, maxima[size % 3]);
    check_ip(s);
    if (size >= 16) {
        check_ip_written(data);
        check_uint_written(fuzz_take(&in, 8));
    }
    free(s);
    return 0;
}
