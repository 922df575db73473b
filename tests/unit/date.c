/* tests/unit/date.c: HTTP dates, read and written. */
#include "unit.h"
#include "date.h"

#define RFC_EXAMPLE 784111777   /* Sun, 06 Nov 1994 08:49:37 GMT */

static const struct {
    const char *text;
    int ok;
    int64_t t;
} read_rows[] = {
    { "Sun, 06 Nov 1994 08:49:37 GMT", 1, RFC_EXAMPLE }, /* IMF */
    { "Sunday, 06-Nov-94 08:49:37 GMT", 1, RFC_EXAMPLE }, /* RFC 850 */
    { "Sun Nov  6 08:49:37 1994", 1, RFC_EXAMPLE },       /* asctime */
    { "Mon, 06 Nov 1994 08:49:37 GMT", 1, RFC_EXAMPLE }, /* day unread */
    { "Sun, 06 Nov 1994 08:49:60 GMT", 1, RFC_EXAMPLE + 23 }, /* leap */
    { "Thu, 01 Jan 1970 00:00:00 GMT", 1, 0 },
    { "Tue, 29 Feb 2000 00:00:00 GMT", 1, 951782400 },   /* leap day */
    { "Fri, 31 Dec 9999 23:59:60 GMT", 1, 253402300800 }, /* year 10000 */
    { "Thursday, 01-Jan-70 00:00:00 GMT", 1, 0 },        /* 70: 1970 */
    { "Tuesday, 01-Jan-69 00:00:00 GMT", 1, 3124224000 },  /* 2069 */
    { "Wed, 29 Feb 2023 00:00:00 GMT", 0, 0 },           /* no such day */
    { "Sun, 31 Nov 1994 08:49:37 GMT", 0, 0 },
    { "Sun, 06 Nov 1994 24:00:00 GMT", 0, 0 },
    { "Sun, 06 nov 1994 08:49:37 GMT", 0, 0 },           /* case */
    { "Sun, 6 Nov 1994 08:49:37 GMT", 0, 0 },            /* 2 digits */
    { "Sun, 06 Nov 1994 08:49:37 UTC", 0, 0 },
    { "Sun, 06 Nov 1994 08:49:37 GMT ", 0, 0 },          /* trailing */
    { "", 0, 0 },
};

static const struct {
    int64_t t;
    const char *http, *clf, *iso;
} write_rows[] = {
    { RFC_EXAMPLE, "Sun, 06 Nov 1994 08:49:37 GMT",
      "06/Nov/1994:08:49:37 +0000", "1994-11-06 08:49" },
    { 0, "Thu, 01 Jan 1970 00:00:00 GMT", "01/Jan/1970:00:00:00 +0000",
      "1970-01-01 00:00" },
    { -1, "Wed, 31 Dec 1969 23:59:59 GMT", "31/Dec/1969:23:59:59 +0000",
      "1969-12-31 23:59" },
    { 951782400, "Tue, 29 Feb 2000 00:00:00 GMT",
      "29/Feb/2000:00:00:00 +0000", "2000-02-29 00:00" },
    { 253402300799, "Fri, 31 Dec 9999 23:59:59 GMT",
      "31/Dec/9999:23:59:59 +0000", "9999-12-31 23:59" },
};

static int text_is(const struct text_buf *b, const char *want)
{
    return b->len == strlen(want) && memcmp(b->data, want, b->len) == 0;
}

static void check_written_row(struct unit *u, size_t i)
{
    char h[64], c[64], d[64];
    struct text_buf bh = TEXT_BUF(h), bc = TEXT_BUF(c), bd = TEXT_BUF(d);

    date_put_http(&bh, write_rows[i].t);
    date_put_clf(&bc, write_rows[i].t);
    date_put_iso(&bd, write_rows[i].t);
    unit_row(u, text_is(&bh, write_rows[i].http) &&
             text_is(&bc, write_rows[i].clf) &&
             text_is(&bd, write_rows[i].iso),
             write_rows[i].http, "written as %.*s, %.*s, %.*s",
             (int)bh.len, h, (int)bc.len, c, (int)bd.len, d);
}

int unit_date(void)
{
    struct unit u = { "dates, read and written", 0, 0 };

    for (size_t i = 0; i < sizeof read_rows / sizeof *read_rows; i++) {
        int64_t t = -12345;
        const char *s = read_rows[i].text;
        int ok = date_parse_http(s, strlen(s), &t) == 0;
        unit_row(&u, ok == read_rows[i].ok && (!ok || t == read_rows[i].t),
                 s, "%s %lld", ok ? "read as" : "refused", (long long)t);
    }
    for (size_t i = 0; i < sizeof write_rows / sizeof *write_rows; i++)
        check_written_row(&u, i);
    return unit_done(&u);
}
