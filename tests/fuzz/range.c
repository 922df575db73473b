/* tests/fuzz/range.c: range_parse, for a file of any length. */
#include "fuzz.h"
#include <strings.h>
#include "range.h"

static void check_ranges(const struct range *r, size_t count,
                         uint64_t len)
{
    require(count >= 1 && count <= RANGES_MAX,
            "a satisfiable field has 1 to RANGES_MAX ranges");
    for (size_t x = 0; x < count; x++) {
        require(r[x].first <= r[x].last && r[x].last < len,
                "every range lies inside the file");
        for (size_t y = x + 1; y < count; y++)
            require(r[x].last < r[y].first || r[y].last < r[x].first,
                    "no two ranges overlap");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_bytes in = { data, size };
    uint64_t len = fuzz_take(&in, (unsigned)(fuzz_take(&in, 1) % 9));
    char *field = fuzz_copy(in.at, in.left, 0);
    struct http_span span = { field, in.left };
    struct range r[RANGES_MAX];
    size_t count = RANGES_MAX + 1;
    int verdict = range_parse(span, len, r, &count);

    require(verdict == RANGE_OK || verdict == RANGE_IGNORE ||
            verdict == RANGE_UNSATISFIABLE, "a verdict of the three");
    if (verdict == RANGE_OK)
        check_ranges(r, count, len);
    else
        require(count == 0, "only a satisfiable field has ranges");
    if (in.left < 6 || strncasecmp(field, "bytes=", 6) != 0)
        require(verdict == RANGE_IGNORE, "a unit but bytes is ignored");
    free(field);
    return 0;
}
