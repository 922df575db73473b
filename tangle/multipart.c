/* multipart.c: the body of a multipart/byteranges reply.  No system
 * calls. */
#include "text.h"
#include "http.h"
#include "range.h"
#include "reply.h"
#include "multipart.h"

#define PART_HEAD_MAX 256       /* bytes: boundary, type, range */

_Static_assert(RANGES_MAX * PART_HEAD_MAX + 2048 <= REPLY_TEXT_MAX,
               "sixteen part heads and a head fit in a reply's text");
_Static_assert(2 * RANGES_MAX + 2 <= REPLY_PARTS_MAX,
               "two parts a range, the closing line and the head fit");

static void put_part_head(struct text_buf *b, const char *boundary,
                          const char *type, const struct range *rg,
                          uint64_t len)
{
    text_put(b, "\r\n--");
    text_put(b, boundary);
    text_put(b, "\r\n");
    http_put_field(b, "Content-Type", type);
    range_put_content_range(b, rg, len);
    text_put(b, "\r\n");
}

void multipart_body(struct reply *r, const struct range *rg, size_t count,
                    const char *type, uint64_t len, uint64_t seed,
                    char ctype[MULTIPART_TYPE_MAX])
{
    char boundary[40];
    struct text_buf bb = TEXT_BUF(boundary);
    struct text_buf t = { ctype, 0, MULTIPART_TYPE_MAX, 0 };
    size_t from;

    text_put(&bb, "drongo-");
    text_put_hex(&bb, seed * 2654435761u ^ (uint64_t)r->now);
    text_put_bytes(&bb, "", 1);
    for (size_t i = 0; i < count; i++) {
        from = r->text.len;
        put_part_head(&r->text, boundary, type, &rg[i], len);
        reply_add_text(r, from);
        reply_add_file(r, rg[i].first, rg[i].last - rg[i].first + 1);
    }
    from = r->text.len;
    text_put(&r->text, "\r\n--");
    text_put(&r->text, boundary);
    text_put(&r->text, "--\r\n");
    reply_add_text(r, from);
    text_put(&t, "multipart/byteranges; boundary=");
    text_put(&t, boundary);
    text_put_bytes(&t, "", 1);
}
