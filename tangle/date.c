/* date.c: HTTP dates and Unix time.  No system calls. */
#include "date.h"

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned mp = m > 2 ? m - 3 : m + 9;            /* March is 0 */
    unsigned doy = (153 * mp + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m,
                            unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static unsigned days_in_month(unsigned y, unsigned m)
{
    static const unsigned char days[12] = {
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

static const char *const day_names[7] = {
    "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed",   /* 1970-01-01 on */
};
static const char *const month_names[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

struct civil {
    int64_t year;
    unsigned month, day, hour, minute, second, weekday;
};

static struct civil civil_of(int64_t t)
{
    int64_t days = t / 86400, secs = t % 86400;
    struct civil c;

    if (secs < 0) {
        secs += 86400;
        days--;
    }
    civil_from_days(days, &c.year, &c.month, &c.day);
    c.hour = (unsigned)(secs / 3600);
    c.minute = (unsigned)(secs / 60 % 60);
    c.second = (unsigned)(secs % 60);
    c.weekday = (unsigned)((days % 7 + 7) % 7);
    return c;
}

static void put_2(struct text_buf *b, unsigned n)
{
    char s[2] = { (char)('0' + n / 10 % 10), (char)('0' + n % 10) };
    text_put_bytes(b, s, 2);
}

static void put_year(struct text_buf *b, int64_t y)
{
    put_2(b, (unsigned)(y / 100 % 100));
    put_2(b, (unsigned)(y % 100));
}

static void put_clock(struct text_buf *b, struct civil c, int seconds)
{
    put_2(b, c.hour);
    text_put(b, ":");
    put_2(b, c.minute);
    if (seconds) {
        text_put(b, ":");
        put_2(b, c.second);
    }
}

void date_put_http(struct text_buf *b, int64_t t)
{
    struct civil c = civil_of(t);

    text_put(b, day_names[c.weekday]);
    text_put(b, ", ");
    put_2(b, c.day);
    text_put(b, " ");
    text_put(b, month_names[c.month - 1]);
    text_put(b, " ");
    put_year(b, c.year);
    text_put(b, " ");
    put_clock(b, c, 1);
    text_put(b, " GMT");
}

struct cursor {
    const char *s;
    size_t n, i;
    int ok;
};

static void expect(struct cursor *c, const char *lit)
{
    for (; *lit; lit++, c->i++)
        if (c->i >= c->n || c->s[c->i] != *lit)
            c->ok = 0;
}

static unsigned digits(struct cursor *c, int count, int space_ok)
{
    unsigned v = 0;
    for (int k = 0; k < count; k++, c->i++) {
        char ch = c->i < c->n ? c->s[c->i] : 0;
        if (ch == ' ' && space_ok && k == 0)
            continue;
        if (ch < '0' || ch > '9')
            c->ok = 0;
        else
            v = v * 10 + (unsigned)(ch - '0');
    }
    return v;
}

static unsigned month(struct cursor *c)
{
    for (unsigned k = 0; k < 12; k++)
        if (c->i + 3 <= c->n &&
            text_span_eq(c->s + c->i, 3, month_names[k], 3)) {
            c->i += 3;
            return k + 1;
        }
    c->ok = 0;
    return 1;
}

static void weekday(struct cursor *c)
{
    size_t start = c->i;
    while (c->i < c->n && ((c->s[c->i] >= 'a' && c->s[c->i] <= 'z') ||
                           (c->s[c->i] >= 'A' && c->s[c->i] <= 'Z')))
        c->i++;
    if (c->i - start < 3)
        c->ok = 0;
}

int date_parse_http(const char *s, size_t n, int64_t *t)
{
    struct cursor c = { s, n, 0, 1 };
    unsigned y = 0, m = 0, d = 0, hh, mm, ss;
    int asctime = 0;

    weekday(&c);
    if (c.i < n && s[c.i] == ',' && c.i == 3) {         /* IMF-fixdate */
        expect(&c, ", "); d = digits(&c, 2, 0); expect(&c, " ");
        m = month(&c); expect(&c, " "); y = digits(&c, 4, 0);
    } else if (c.i < n && s[c.i] == ',') {              /* RFC 850 */
        expect(&c, ", "); d = digits(&c, 2, 0); expect(&c, "-");
        m = month(&c); expect(&c, "-"); y = digits(&c, 2, 0);
        y += y < 70 ? 2000 : 1900;
    } else {                                            /* asctime */
        expect(&c, " "); m = month(&c); expect(&c, " ");
        d = digits(&c, 2, 1);
        asctime = 1;
    }
    expect(&c, " "); hh = digits(&c, 2, 0); expect(&c, ":");
    mm = digits(&c, 2, 0); expect(&c, ":"); ss = digits(&c, 2, 0);
    if (asctime) {
        expect(&c, " ");
        y = digits(&c, 4, 0);                           /* year last */
    } else {
        expect(&c, " GMT");
    }
    if (!c.ok || c.i != n || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m) || hh > 23 || mm > 59 || ss > 60)
        return -1;
    *t = days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
    return 0;
}

void date_put_clf(struct text_buf *b, int64_t t)
{
    struct civil c = civil_of(t);

    put_2(b, c.day);
    text_put(b, "/");
    text_put(b, month_names[c.month - 1]);
    text_put(b, "/");
    put_year(b, c.year);
    text_put(b, ":");
    put_clock(b, c, 1);
    text_put(b, " +0000");
}

void date_put_iso(struct text_buf *b, int64_t t)
{
    struct civil c = civil_of(t);

    put_year(b, c.year);
    text_put(b, "-");
    put_2(b, c.month);
    text_put(b, "-");
    put_2(b, c.day);
    text_put(b, " ");
    put_clock(b, c, 0);
}
