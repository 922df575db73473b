/* tests/fuzz/chunked.c: chunked_decode, fed a body as it arrives. */
#include "fuzz.h"
#include "chunked.h"

struct decoding {
    int verdict;                /* what chunked_decode said last */
    size_t used;                /* bytes of the body consumed */
    size_t len;                 /* bytes of data, in data */
    uint64_t total;             /* what the chunks announced */
    char *data;
};

static void decode_body(const char *in, size_t n, size_t cut,
                        uint64_t max, struct decoding *d)
{
    struct chunked_decoder c;
    size_t pos = 0, end = cut;

    chunked_init(&c, max);
    d->len = 0;
    for (;;) {
        struct http_span data;
        size_t used = n + 1;
        int v = chunked_decode(&c, in + pos, end - pos, &used, &data);
        require(used <= end - pos, "the decoder uses only the bytes it is given");
        if (v == CHUNKED_DATA) {
            require(data.len > 0 && data.at >= in + pos &&
                    data.at + data.len <= in + pos + used,
                    "data is a span of the bytes used, never empty");
            memcpy(d->data + d->len, data.at, data.len);
            d->len += data.len;
        } else {
            require(data.at == NULL && data.len == 0, "only DATA gives data");
        }
        require(v != CHUNKED_MORE || used == end - pos,
                "MORE means every byte given was used");
        require(c.total <= max, "the chunks never announce more than max");
        pos += used;
        d->verdict = v;
        if (v == CHUNKED_MORE && end < n)
            end = n;                    /* the rest of the body arrives */
        else if (v != CHUNKED_DATA)
            break;
    }
    d->used = pos;
    d->total = c.total;
}

static int same_decoding(const struct decoding *a,
                         const struct decoding *b)
{
    return a->verdict == b->verdict && a->used == b->used &&
           a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

static size_t encode_body(struct fuzz_bytes *in, char *out, char *data,
                          size_t *len, size_t *end)
{
    size_t n = 0;

    *len = 0;
    while (in->left > 0) {
        unsigned how = (unsigned)fuzz_take(in, 1);
        size_t size = 1 + how % 16;
        if (size > in->left)
            size = in->left;
        if (size == 0)
            break;
        n += (size_t)sprintf(out + n, how & 16 ? "%s%zX" : "%s%zx",
                             how & 32 ? "00" : "", size);
        if (how & 64)
            n += (size_t)sprintf(out + n, ";name=\"value\"");
        n += (size_t)sprintf(out + n, "\r\n");
        memcpy(out + n, in->at, size);
        memcpy(data + *len, in->at, size);
        in->at += size, in->left -= size;
        n += size, *len += size;
        n += (size_t)sprintf(out + n, "\r\n");
    }
    n += (size_t)sprintf(out + n, "0\r\n");
    if (*len % 2)
        n += (size_t)sprintf(out + n, "Checksum: %zu\r\n", *len);
    n += (size_t)sprintf(out + n, "\r\n");
    *end = n;
    n += (size_t)sprintf(out + n, "GET / HTTP/1.1\r\n");
    return n;
}

#define ENCODED_PER_BYTE 24     /* bytes; a one-byte chunk takes 21 */
#define ENCODED_EXTRA 64        /* bytes: the end of an encoded body */

static const uint64_t caps[] = { UINT64_MAX, 1 << 30, 100, 0 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_bytes in = { data, size };
    int encode = fuzz_take(&in, 1) & 1;
    uint64_t max = caps[fuzz_take(&in, 1) % 4];
    size_t cap = in.left * ENCODED_PER_BYTE + ENCODED_EXTRA;
    char *body = malloc(cap), *plain = malloc(cap);
    struct decoding whole = { .data = malloc(cap) };
    struct decoding cut = { .data = malloc(cap) };

    if (encode)
        {
            size_t len, end, n = encode_body(&in, body, plain, &len, &end);

            decode_body(body, n, n / 2, UINT64_MAX, &whole);
            require(whole.verdict == CHUNKED_DONE && whole.used == end &&
                    whole.len == len && memcmp(whole.data, plain, len) == 0,
                    "an encoded body decodes to its data, and ends at its end");
            if (len > 0) {
                decode_body(body, n, n, len - 1, &cut);
                require(cut.verdict == CHUNKED_TOO_LARGE,
                        "a body over the cap is too large");
            }
        }
    else
        {
            size_t n = in.left, cuts = n <= 64 ? n : 8;

            memcpy(body, in.at, n);
            decode_body(body, n, n, max, &whole);
            if (whole.verdict == CHUNKED_DONE)
                require(whole.len == whole.total,
                        "a body that ended gave all the data it announced");
            for (size_t i = 0; i < cuts; i++) {
                size_t at = n <= 64 ? i
                                    : (n / cuts * i + (unsigned char)body[i]) % n;
                decode_body(body, n, at, max, &cut);
                require(same_decoding(&whole, &cut),
                        "the decoding does not depend on where the body is cut");
            }
        }
    free(body), free(plain), free(whole.data), free(cut.data);
    return 0;
}
