/* precond.c: validators, and the conditional requests of RFC 9110,
 * section 13.  No system calls. */
#include "text.h"
#include "date.h"
#include "http.h"
#include "precond.h"

void precond_file(struct validators *v, uint64_t inode, uint64_t size,
                  int64_t mtime, uint64_t mtime_nsec, int64_t now)
{
    struct text_buf b = TEXT_BUF(v->tag);

    text_put(&b, "\"");
    text_put_hex(&b, inode);
    text_put(&b, "-");
    text_put_hex(&b, size);
    text_put(&b, "-");
    text_put_hex(&b, (uint64_t)mtime * 1000000000u + mtime_nsec);
    text_put(&b, "\"");
    v->tag_len = b.len;
    v->exists = 1;
    v->dated = 1;
    v->modified = mtime < now ? mtime : now;
}

void precond_put(struct text_buf *b, const struct validators *v)
{
    if (v->dated) {
        text_put(b, "Last-Modified: ");
        date_put_http(b, v->modified);
        text_put(b, "\r\n");
    }
    if (v->tag_len > 0) {
        text_put(b, "ETag: ");
        text_put_bytes(b, v->tag, v->tag_len);
        text_put(b, "\r\n");
    }
}

enum { COMPARE_WEAK, COMPARE_STRONG };

static int tag_listed(struct http_span list, const struct validators *v,
                      int how)
{
    size_t i = 0;

    while (i < list.len) {
        while (i < list.len && (list.at[i] == ' ' || list.at[i] == ',' ||
                                list.at[i] == '\t'))
            i++;
        size_t start = i;
        while (i < list.len && list.at[i] != ',')
            i++;
        size_t end = i;
        while (end > start && (list.at[end - 1] == ' ' ||
                               list.at[end - 1] == '\t'))
            end--;
        if (end - start == 1 && list.at[start] == '*')
            return v->exists;
        if (end - start > 2 && list.at[start] == 'W' &&
            list.at[start + 1] == '/') {
            if (how == COMPARE_STRONG)
                continue;               /* weak never matches strongly */
            start += 2;
        }
        if (v->tag_len > 0 && text_span_eq(list.at + start, end - start,
                                           v->tag, v->tag_len))
            return 1;
    }
    return 0;
}

static int valid_date(struct http_span field, const struct validators *v,
                      int64_t *t)
{
    return v->dated && field.at &&
           date_parse_http(field.at, field.len, t) == 0;
}

enum status precond_evaluate(const struct http_request *req,
                             const struct validators *v)
{
    int safe = req->method == M_GET || req->method == M_HEAD;
    int64_t t;

    if (req->if_match.at) {                                     /* 1 */
        if (!tag_listed(req->if_match, v, COMPARE_STRONG))
            return ST_PRECONDITION_FAILED;
    } else if (valid_date(req->if_unmodified_since, v, &t) &&   /* 2 */
               v->modified > t) {
        return ST_PRECONDITION_FAILED;
    }
    if (req->if_none_match.at) {                                /* 3 */
        if (tag_listed(req->if_none_match, v, COMPARE_WEAK))
            return safe ? ST_NOT_MODIFIED : ST_PRECONDITION_FAILED;
    } else if (safe && valid_date(req->if_modified_since, v, &t) &&
               v->modified <= t) {                              /* 4 */
        return ST_NOT_MODIFIED;
    }
    return ST_OK;
}

int precond_if_range(const struct http_request *req,
                     const struct validators *v)
{
    struct http_span f = req->if_range;
    int64_t t;

    if (!f.at)
        return 1;
    if (f.len > 0 && f.at[0] == '"')
        return v->tag_len > 0 &&
               text_span_eq(f.at, f.len, v->tag, v->tag_len);
    if (f.len > 1 && f.at[0] == 'W' && f.at[1] == '/')
        return 0;                       /* weak: never for ranges */
    return valid_date(f, v, &t) && t == v->modified;
}
