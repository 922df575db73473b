/* tests/fuzz/date.c: date_parse_http and date_put_http, each other's
 * inverse, refereed by libc's strptime and timegm. */
#include "fuzz.h"
#include <time.h>
#include "date.h"

#define YEAR_0 (-62167219200LL)     /* 0000-01-01 00:00:00 UTC, seconds */
#define YEAR_10000 253402300800LL   /* 10000-01-01: five digits */
#define HTTP_DATE_LEN 29            /* Sun, 06 Nov 1994 08:49:37 GMT */
#define CLF_DATE_LEN 26             /* 06/Nov/1994:08:49:37 +0000 */
#define ISO_DATE_LEN 16             /* 1994-11-06 08:49 */

static void check_parsed(const char *s, size_t n, int64_t t)
{
    char out[HTTP_DATE_LEN];
    struct text_buf b = TEXT_BUF(out);
    int64_t again;

    require(t >= YEAR_0 && t <= YEAR_10000,
            "a date read lies in the years 0 to 9999");
    if (t == YEAR_10000)
        return;                 /* 9999-12-31 23:59:60: see below */
    date_put_http(&b, t);
    require(date_parse_http(out, b.len, &again) == 0 && again == t,
            "a date read, written, reads back as the same time");
    if (n == HTTP_DATE_LEN && s[3] == ',' && memcmp(s + 23, "60", 2) != 0)
        require(memcmp(out + 3, s + 3, n - 3) == 0,
                "an IMF-fixdate is written back as itself, but its day");
}

static void check_written(int64_t t)
{
    char out[HTTP_DATE_LEN + 1], clf[64], iso[64];
    struct text_buf b = { out, 0, HTTP_DATE_LEN, 0 };
    struct text_buf c = TEXT_BUF(clf), i = TEXT_BUF(iso);
    struct tm tm = { 0 };
    int64_t again;

    date_put_http(&b, t);
    require(!b.overflow && b.len == HTTP_DATE_LEN,
            "a written date has 29 bytes");
    require(date_parse_http(out, b.len, &again) == 0 && again == t,
            "a date written reads back as the same time");
    out[b.len] = '\0';
    const char *end = strptime(out, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    int weekday = tm.tm_wday;
    require(end != NULL && *end == '\0' && timegm(&tm) == t &&
            tm.tm_wday == weekday, "libc reads the same time and day");
    date_put_clf(&c, t);
    date_put_iso(&i, t);
    require(c.len == CLF_DATE_LEN && i.len == ISO_DATE_LEN,
            "the log's and the listing's dates have fixed widths");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_copy(data, size, 0);
    struct fuzz_bytes in = { data, size };
    int64_t t;

    if (date_parse_http(s, size, &t) == 0)
        check_parsed(s, size, t);
    free(s);
    if (size >= 8) {
        uint64_t years = (uint64_t)(YEAR_10000 - YEAR_0);
        check_written(YEAR_0 + (int64_t)(fuzz_take(&in, 8) % years));
    }
    return 0;
}
