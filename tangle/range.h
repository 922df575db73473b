/* range.h: the Range field of RFC 9110, section 14.  No system calls. */
#ifndef DRONGO_RANGE_H
#define DRONGO_RANGE_H

#include <stddef.h>
#include <stdint.h>
#include "http.h"

#define RANGES_MAX 16           /* ranges in one request; more: ignored */

struct range {
    uint64_t first, last;       /* inclusive, within the file */
};

enum { RANGE_IGNORE, RANGE_UNSATISFIABLE, RANGE_OK };

int range_parse(struct http_span field, uint64_t len,
                struct range r[RANGES_MAX], size_t *count);
void range_put_content_range(struct text_buf *b, const struct range *r,
                             uint64_t len);

#endif
