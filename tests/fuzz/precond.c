/* tests/fuzz/precond.c: precond_evaluate and precond_if_range, against
 * RFC 9110, section 13, written out as a model. */
#include "fuzz.h"
#include <time.h>
#include "precond.h"
#include "date.h"

enum tag { TAG_SAME, TAG_SAME_WEAK, TAG_OTHER, TAG_OTHER_WEAK, TAGS };
enum when { WHEN_BEFORE, WHEN_SAME, WHEN_AFTER, WHEN_INVALID, WHENS };
#define LISTED_MAX 3            /* tags in one list */
#define DATE_FORMATS 3          /* IMF-fixdate, RFC 850, asctime */

struct tags {                   /* If-Match, If-None-Match */
    int present, star;
    size_t count;
    enum tag tag[LISTED_MAX];
};
struct when_field {             /* If-(Un)Modified-Since, If-Range */
    int present, format, is_tag;
    enum when when;
    enum tag tag;               /* If-Range only, when is_tag */
};
struct conditions {
    struct tags match, none_match;
    struct when_field unmodified_since, modified_since, if_range;
};

static void put_tag(struct text_buf *b, enum tag t,
                    const struct validators *v)
{
    if (t == TAG_SAME_WEAK || t == TAG_OTHER_WEAK)
        text_put(b, "W/");
    if ((t == TAG_SAME || t == TAG_SAME_WEAK) && v->tag_len > 0)
        text_put_bytes(b, v->tag, v->tag_len);
    else
        text_put(b, "\"elsewhere\"");
}

static void put_tags(struct text_buf *b, const struct tags *t,
                     const struct validators *v)
{
    if (t->star)
        text_put(b, "*");
    for (size_t i = 0; i < t->count; i++) {
        text_put(b, i == 0 ? "" : i % 2 ? ", " : ",");
        put_tag(b, t->tag[i], v);
    }
}

static void put_date(struct text_buf *b, const struct when_field *w,
                     int64_t modified)
{
    static const char *const formats[DATE_FORMATS] = {
        "%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT",
        "%a %b %e %H:%M:%S %Y",
    };
    time_t t = (time_t)(modified + (int64_t)w->when - WHEN_SAME);
    char text[64];
    struct tm tm;

    if (w->when == WHEN_INVALID) {
        text_put(b, "yesterday");
        return;
    }
    gmtime_r(&t, &tm);
    strftime(text, sizeof text, formats[w->format], &tm);
    text_put(b, text);
}

static void describe_tags(struct fuzz_bytes *in, struct tags *t)
{
    unsigned c = (unsigned)fuzz_take(in, 1);

    t->present = c & 1;
    t->star = (c >> 1 & 3) == 0;
    t->count = t->star ? 0 : (c >> 3) % (LISTED_MAX + 1);
    for (size_t i = 0; i < t->count; i++)
        t->tag[i] = (enum tag)(fuzz_take(in, 1) % TAGS);
}

static void describe_when(struct fuzz_bytes *in, struct when_field *w)
{
    unsigned c = (unsigned)fuzz_take(in, 1);

    w->present = c & 1;
    w->is_tag = c >> 1 & 1;
    w->when = (enum when)((c >> 2) % WHENS);
    w->tag = (enum tag)((c >> 4) % TAGS);
    w->format = (int)((c >> 6) % DATE_FORMATS);
}

static void describe_resource(struct fuzz_bytes *in, struct validators *v)
{
    unsigned shape = (unsigned)fuzz_take(in, 1);
    int64_t mtime = 1000000000 + (int64_t)fuzz_take(in, 3);
    int64_t now = mtime + (int64_t)fuzz_take(in, 1) - 128;
    uint64_t inode = fuzz_take(in, 2), size = fuzz_take(in, 2);

    precond_file(v, inode, size, mtime, fuzz_take(in, 4), now);
    if (shape & 1)
        v->exists = 0, v->tag_len = 0, v->dated = 0;    /* none yet */
    if (shape & 2)
        v->tag_len = 0;                                 /* no tag */
    if (shape & 4)
        v->dated = 0;                                   /* no date */
}

static int listed(const struct tags *t, const struct validators *v,
                  int strong)
{
    if (t->star)
        return v->exists;
    for (size_t i = 0; i < t->count; i++) {
        enum tag g = t->tag[i];
        int same = (g == TAG_SAME || g == TAG_SAME_WEAK) && v->tag_len;
        int weak = g == TAG_SAME_WEAK || g == TAG_OTHER_WEAK;
        if (same && !(strong && weak))
            return 1;
    }
    return 0;
}

static int date_counts(const struct when_field *w,
                       const struct validators *v)
{
    return w->present && w->when != WHEN_INVALID && v->dated;
}

static enum status model(const struct conditions *c,
                         const struct validators *v, int safe)
{
    if (c->match.present) {                                   /* 1 */
        if (!listed(&c->match, v, 1))
            return ST_PRECONDITION_FAILED;
    } else if (date_counts(&c->unmodified_since, v)) {        /* 2 */
        if (c->unmodified_since.when == WHEN_BEFORE)
            return ST_PRECONDITION_FAILED;  /* changed since */
    }
    if (c->none_match.present) {                              /* 3 */
        if (listed(&c->none_match, v, 0))
            return safe ? ST_NOT_MODIFIED : ST_PRECONDITION_FAILED;
    } else if (safe && date_counts(&c->modified_since, v)) {  /* 4 */
        if (c->modified_since.when != WHEN_BEFORE)
            return ST_NOT_MODIFIED;         /* not changed since */
    }
    return ST_OK;
}

static int model_if_range(const struct when_field *r,
                          const struct validators *v)
{
    if (!r->present)
        return 1;
    if (r->is_tag)
        return r->tag == TAG_SAME && v->tag_len > 0;
    return r->when == WHEN_SAME && v->dated;
}

#define FIELD(name) offsetof(struct http_request, name)

static struct http_request less;

static void same_without(const struct http_request *req,
                         const struct validators *v, size_t field,
                         const char *rule)
{
    less = *req;
    *(struct http_span *)((char *)&less + field) =
        (struct http_span){ NULL, 0 };
    require(precond_evaluate(&less, v) == precond_evaluate(req, v), rule);
}

static void check_raw(struct http_request *req, const struct validators *v)
{
    int safe = req->method == M_GET || req->method == M_HEAD;
    enum status st = precond_evaluate(req, v);
    int range = precond_if_range(req, v);

    require(st == ST_OK || st == ST_PRECONDITION_FAILED ||
            (st == ST_NOT_MODIFIED && safe),
            "200, 412, or 304 for a GET or a HEAD");
    require(range == 0 || range == 1, "If-Range holds or does not");
    if (req->if_match.at)
        same_without(req, v, FIELD(if_unmodified_since),
                     "If-Match overrides If-Unmodified-Since");
    if (req->if_none_match.at || !safe)
        same_without(req, v, FIELD(if_modified_since),
                     "If-Modified-Since counts for GET, HEAD, alone");
    if (!v->dated) {
        same_without(req, v, FIELD(if_modified_since),
                     "no date: If-Modified-Since does not count");
        same_without(req, v, FIELD(if_unmodified_since),
                     "no date: If-Unmodified-Since does not count");
    }
}

static const enum http_method methods[] = {
    M_GET, M_HEAD, M_PUT, M_DELETE, M_POST,
};
static struct http_request req;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_bytes in = { data, size };
    struct validators v;
    int raw = fuzz_take(&in, 1) & 1;

    describe_resource(&in, &v);
    memset(&req, 0, sizeof req);
    req.method = methods[fuzz_take(&in, 1) % 5];
    if (raw)
        {
            struct http_span *fields[] = {
                &req.if_match, &req.if_unmodified_since, &req.if_none_match,
                &req.if_modified_since, &req.if_range,
            };
            char *text = fuzz_copy(in.at, in.left, 0), *p = text;
            char *end = text + in.left;

            for (size_t f = 0; f < 5 && (f == 0 || p < end); f++) {
                char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
                *fields[f] = (struct http_span){ p, n };
                p += n + (nl != NULL);
            }
            check_raw(&req, &v);
            free(text);
        }
    else
        {
            static char text[5][256];
            struct conditions c;
            int safe = req.method == M_GET || req.method == M_HEAD;

            describe_tags(&in, &c.match);
            describe_when(&in, &c.unmodified_since);
            describe_tags(&in, &c.none_match);
            describe_when(&in, &c.modified_since);
            describe_when(&in, &c.if_range);
            struct text_buf b[5];
            for (int f = 0; f < 5; f++)
                b[f] = (struct text_buf)TEXT_BUF(text[f]);
            put_tags(&b[0], &c.match, &v);
            put_date(&b[1], &c.unmodified_since, v.modified);
            put_tags(&b[2], &c.none_match, &v);
            put_date(&b[3], &c.modified_since, v.modified);
            if (c.if_range.is_tag)
                put_tag(&b[4], c.if_range.tag, &v);
            else
                put_date(&b[4], &c.if_range, v.modified);
            struct http_span *spans[] = {
                &req.if_match, &req.if_unmodified_since, &req.if_none_match,
                &req.if_modified_since, &req.if_range,
            };
            int present[] = {
                c.match.present, c.unmodified_since.present, c.none_match.present,
                c.modified_since.present, c.if_range.present,
            };
            for (int f = 0; f < 5; f++)
                if (present[f])
                    *spans[f] = (struct http_span){ text[f], b[f].len };
            require(precond_evaluate(&req, &v) == model(&c, &v, safe),
                    "the preconditions are RFC 9110's, section 13.2.2");
            require(precond_if_range(&req, &v) == model_if_range(&c.if_range, &v),
                    "If-Range is RFC 9110's, section 13.1.5");
        }
    return 0;
}
