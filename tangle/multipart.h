/* multipart.h: the body of a multipart/byteranges reply.  No system
 * calls. */
#ifndef DRONGO_MULTIPART_H
#define DRONGO_MULTIPART_H

#include <stddef.h>
#include <stdint.h>
#include "range.h"
#include "reply.h"

#define MULTIPART_TYPE_MAX 80   /* bytes: Content-Type with boundary */

void multipart_body(struct reply *r, const struct range *rg, size_t count,
                    const char *type, uint64_t len, uint64_t seed,
                    char ctype[MULTIPART_TYPE_MAX]);

#endif
