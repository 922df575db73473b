/* tests/unit/precond.c: the preconditions, in RFC 9110's order. */
#include "unit.h"
#include "precond.h"

#define RFC_EXAMPLE 784111777   /* Sun, 06 Nov 1994 08:49:37 GMT */
#define BEFORE "Sun, 06 Nov 1994 08:49:36 GMT"
#define AT     "Sun, 06 Nov 1994 08:49:37 GMT"  /* the change */
#define AFTER  "Sun, 06 Nov 1994 08:49:38 GMT"

struct precond_row {
    const char *rule;
    enum http_method method;
    const char *if_match, *if_unmodified_since;
    const char *if_none_match, *if_modified_since, *if_range;
    int missing;                /* no current representation */
    int status;                 /* of precond_evaluate */
    int range;                  /* of precond_if_range */
};
#define ROW(rule, m, im, ius, inm, ims, missing, status) \
    { rule, m, im, ius, inm, ims, NULL, missing, status, 1 }
static const struct precond_row precond_rows[] = {
ROW("no preconditions", M_GET, 0, 0, 0, 0, 0, ST_OK),
ROW("If-Match: its tag", M_GET, "\"t\"", 0, 0, 0, 0, ST_OK),
ROW("If-Match: another", M_GET, "\"u\"", 0, 0, 0, 0,
    ST_PRECONDITION_FAILED),
ROW("If-Match compares strongly", M_GET, "W/\"t\"", 0, 0, 0, 0,
    ST_PRECONDITION_FAILED),
ROW("If-Match: a list", M_PUT, "\"u\", \"t\"", 0, 0, 0, 0, ST_OK),
ROW("If-Match: * when it exists", M_PUT, "*", 0, 0, 0, 0, ST_OK),
ROW("If-Match: * when it does not", M_PUT, "*", 0, 0, 0, 1,
    ST_PRECONDITION_FAILED),
ROW("If-Unmodified-Since before the change", M_GET, 0, BEFORE, 0, 0, 0,
    ST_PRECONDITION_FAILED),
ROW("If-Unmodified-Since at the change", M_GET, 0, AT, 0, 0, 0, ST_OK),
ROW("If-Match overrides If-Unmodified-Since", M_GET, "\"t\"", BEFORE,
    0, 0, 0, ST_OK),
ROW("an invalid date is ignored", M_GET, 0, "yesterday", 0, 0, 0, ST_OK),
ROW("If-None-Match: its tag, GET", M_GET, 0, 0, "\"t\"", 0, 0,
    ST_NOT_MODIFIED),
ROW("If-None-Match: its tag, PUT", M_PUT, 0, 0, "\"t\"", 0, 0,
    ST_PRECONDITION_FAILED),
ROW("If-None-Match compares weakly", M_HEAD, 0, 0, "W/\"t\"", 0, 0,
    ST_NOT_MODIFIED),
ROW("If-None-Match: another", M_GET, 0, 0, "\"u\"", 0, 0, ST_OK),
ROW("If-None-Match: * creates", M_PUT, 0, 0, "*", 0, 1, ST_OK),
ROW("If-Match fails before If-None-Match", M_GET, "\"u\"", 0, "\"t\"",
    0, 0, ST_PRECONDITION_FAILED),
ROW("If-Modified-Since at the change", M_GET, 0, 0, 0, AT, 0,
    ST_NOT_MODIFIED),
ROW("If-Modified-Since after it", M_GET, 0, 0, 0, AFTER, 0,
    ST_NOT_MODIFIED),
ROW("If-Modified-Since before it", M_GET, 0, 0, 0, BEFORE, 0, ST_OK),
ROW("If-Modified-Since is for GET and HEAD", M_PUT, 0, 0, 0, AT, 0,
    ST_OK),
ROW("If-None-Match overrides If-Modified-Since", M_GET, 0, 0, "\"u\"",
    AT, 0, ST_OK),
{ "If-Range: its tag", M_GET, 0, 0, 0, 0, "\"t\"", 0, ST_OK, 1 },
{ "If-Range: a weak tag never", M_GET, 0, 0, 0, 0, "W/\"t\"", 0, ST_OK,
  0 },
{ "If-Range: its date", M_GET, 0, 0, 0, 0, AT, 0, ST_OK, 1 },
{ "If-Range: another date", M_GET, 0, 0, 0, 0, AFTER, 0, ST_OK, 0 },
};

static struct http_span field(const char *s)
{
    return (struct http_span){ s, s ? strlen(s) : 0 };
}

static void run_precond_row(struct unit *u, const struct precond_row *r)
{
    static struct http_request req;
    struct validators v = { 1, "\"t\"", 3, 1, RFC_EXAMPLE };

    if (r->missing)
        v = (struct validators){ 0, "", 0, 0, 0 };
    req.method = r->method;
    req.if_match = field(r->if_match);
    req.if_unmodified_since = field(r->if_unmodified_since);
    req.if_none_match = field(r->if_none_match);
    req.if_modified_since = field(r->if_modified_since);
    req.if_range = field(r->if_range);
    enum status st = precond_evaluate(&req, &v);
    int range = precond_if_range(&req, &v);
    unit_row(u, (int)st == r->status && range == r->range, r->rule,
             "status %d (want %d), If-Range %d", st, r->status, range);
}

int unit_precond(void)
{
    struct unit u = { "the preconditions", 0, 0 };

    for (size_t i = 0; i < sizeof precond_rows / sizeof *precond_rows; i++)
        run_precond_row(&u, &precond_rows[i]);
    return unit_done(&u);
}
