/* tests/unit/range.c: the Range field's rules. */
#include "unit.h"
#include "range.h"

static const struct {
    const char *field;
    uint64_t len;
    int verdict;
    const char *ranges;
} range_rows[] = {
    { "bytes=2-5", 10, RANGE_OK, "2-5" },
    { "bytes=7-99", 10, RANGE_OK, "7-9" },           /* clamped */
    { "bytes=-3", 10, RANGE_OK, "7-9" },             /* a suffix */
    { "bytes=-99", 10, RANGE_OK, "0-9" },            /* the whole */
    { "bytes=5-", 10, RANGE_OK, "5-9" },
    { "bytes=0-1, 4-5 ,-1", 10, RANGE_OK, "0-1 4-5 9-9" },
    { "Bytes=0-1", 10, RANGE_OK, "0-1" },            /* unit: any case */
    { "bytes=0-1,10-20", 10, RANGE_OK, "0-1" },      /* one is enough */
    { "bytes=10-", 10, RANGE_UNSATISFIABLE, "" },
    { "bytes=-0", 10, RANGE_UNSATISFIABLE, "" },
    { "bytes=0-", 0, RANGE_UNSATISFIABLE, "" },      /* an empty file */
    { "bytes=99999999999999999999-", 10, RANGE_UNSATISFIABLE, "" },
    { "bytes=5-2", 10, RANGE_IGNORE, "" },           /* b < a */
    { "bytes=0-5,3-8", 10, RANGE_IGNORE, "" },       /* overlapping */
    { "items=0-1", 10, RANGE_IGNORE, "" },
    { "bytes=", 10, RANGE_IGNORE, "" },
    { "bytes=0-1;x", 10, RANGE_IGNORE, "" },
    { "bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,"
      "12-12,13-13,14-14,15-15", 100, RANGE_OK,
      "0-0 1-1 2-2 3-3 4-4 5-5 6-6 7-7 8-8 9-9 10-10 11-11 12-12 13-13 "
      "14-14 15-15" },                               /* RANGES_MAX */
    { "bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,"
      "12-12,13-13,14-14,15-15,16-16", 100, RANGE_IGNORE, "" },
};

int unit_range(void)
{
    struct unit u = { "the Range field's rules", 0, 0 };

    for (size_t i = 0; i < sizeof range_rows / sizeof *range_rows; i++) {
        const char *f = range_rows[i].field;
        struct range r[RANGES_MAX];
        size_t count;
        char got[512] = "";
        int v = range_parse((struct http_span){ f, strlen(f) },
                            range_rows[i].len, r, &count);
        for (size_t k = 0; k < count; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got),
                     "%s%llu-%llu", k ? " " : "",
                     (unsigned long long)r[k].first,
                     (unsigned long long)r[k].last);
        unit_row(&u, v == range_rows[i].verdict &&
                 strcmp(got, range_rows[i].ranges) == 0, f,
                 "verdict %d (want %d), ranges '%s'", v,
                 range_rows[i].verdict, got);
    }
    return unit_done(&u);
}
