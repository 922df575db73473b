/* tests/unit/chunked.c: the chunked coding's rules. */
#include "unit.h"
#include "chunked.h"

#define HELLO "5\r\nhello\r\n"
#define END "0\r\n\r\n"

static const struct {
    const char *body;
    uint64_t max;
    int verdict;
    const char *data;
    size_t used;                /* 0: not checked */
} chunked_rows[] = {
    { HELLO END, 0, CHUNKED_DONE, "hello", 0 },
    { "a\r\n0123456789\r\nA\r\nabcdefghij\r\n" END, 0, CHUNKED_DONE,
      "0123456789abcdefghij", 0 },              /* hex, either case */
    { "5;name=value\r\nhello\r\n" END, 0, CHUNKED_DONE, "hello", 0 },
    { "5 ;x\r\nhello\r\n" END, 0, CHUNKED_DONE, "hello", 0 },
    { "0\r\nChecksum: 1\r\n\r\n", 0, CHUNKED_DONE, "", 0 }, /* trailers */
    { HELLO END "GET", 0, CHUNKED_DONE, "hello", 15 }, /* next request */
    { HELLO, 0, CHUNKED_MORE, "hello", 0 },      /* not ended */
    { "0\r\nX: y\r\n", 0, CHUNKED_MORE, "", 0 },
    { "5\nhello\n0\n\n", 0, CHUNKED_BAD, "", 0 },
    { "5;a\nb\r\nhello\r\n" END, 0, CHUNKED_BAD, "", 0 },
    { "5\r\nhello0\r\n\r\n", 0, CHUNKED_BAD, "hello", 0 },
    { "x\r\n", 0, CHUNKED_BAD, "", 0 },
    { ";x\r\n", 0, CHUNKED_BAD, "", 0 },
    { "5;a\x01z\r\n", 0, CHUNKED_BAD, "", 0 },
    { "0\r\n X: y\r\n\r\n", 0, CHUNKED_BAD, "", 0 },
    { "65\r\n", 100, CHUNKED_TOO_LARGE, "", 0 },  /* 101 > 100 */
    { "64\r\n", 100, CHUNKED_MORE, "", 0 },       /* 100 is fine */
    { "10000000000000000\r\n", 0, CHUNKED_TOO_LARGE, "", 0 },
};

int unit_chunked(void)
{
    struct unit u = { "the chunked coding's rules", 0, 0 };

    for (size_t i = 0; i < sizeof chunked_rows / sizeof *chunked_rows;
         i++) {
        const char *b = chunked_rows[i].body;
        size_t n = strlen(b), pos = 0, len = 0, used;
        char data[64];
        struct chunked_decoder c;
        struct http_span d;
        int v;
        chunked_init(&c, chunked_rows[i].max ? chunked_rows[i].max
                                             : UINT64_MAX);
        do {
            v = chunked_decode(&c, b + pos, n - pos, &used, &d);
            memcpy(data + len, d.at ? d.at : "", d.len);
            len += d.len, pos += used;
        } while (v == CHUNKED_DATA);
        int ok = v == chunked_rows[i].verdict &&
                 len == strlen(chunked_rows[i].data) &&
                 memcmp(data, chunked_rows[i].data, len) == 0 &&
                 (chunked_rows[i].used == 0 || pos == chunked_rows[i].used);
        unit_row(&u, ok, b, "verdict %d (want %d), %zu bytes of data, %zu used",
                 v, chunked_rows[i].verdict, len, pos);
    }
    return unit_done(&u);
}
