/* tests/fuzz/fuzz.h: what every harness shares.  Hosted: the harnesses
 * link libc, libFuzzer and the sanitizers. */
#ifndef DRONGO_FUZZ_H
#define DRONGO_FUZZ_H

#define _GNU_SOURCE             /* strptime, timegm, gmtime_r */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define require(cond, property) \
    ((cond) ? (void)0 : fuzz_failed(property, __FILE__, __LINE__))

static inline void fuzz_failed(const char *property, const char *file,
                               int line)
{
    fprintf(stderr, "%s:%d: property failed: %s\n", file, line,
            property);
    abort();
}

static inline char *fuzz_copy(const uint8_t *data, size_t size, int nul)
{
    char *s = malloc(size + (nul ? 1 : 0));

    if (s == NULL)
        abort();
    if (size > 0)
        memcpy(s, data, size);
    if (nul)
        s[size] = '\0';
    return s;
}

struct fuzz_bytes {
    const uint8_t *at;
    size_t left;
};

static inline uint64_t fuzz_take(struct fuzz_bytes *b, unsigned bytes)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < bytes && b->left > 0; i++, b->left--)
        v = v * 256 + *b->at++;
    return v;
}

#endif
