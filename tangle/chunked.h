/* chunked.h: the chunked transfer coding of RFC 9112, section 7.1,
 * decoded as it arrives.  No system calls. */
#ifndef DRONGO_CHUNKED_H
#define DRONGO_CHUNKED_H

#include <stddef.h>
#include <stdint.h>
#include "http.h"

#define CHUNKED_LINE_MAX 4096   /* bytes: a size line, extensions too */
#define CHUNKED_TRAILER_MAX HTTP_FIELDS_BYTES_MAX /* bytes of trailers */

struct chunked_decoder {
    int state;
    uint64_t size;              /* the size being read, then data left */
    uint64_t total;             /* data bytes announced so far */
    uint64_t max;               /* total may not exceed it */
    size_t line;                /* bytes of the size line, or trailers */
};

enum { CHUNKED_MORE, CHUNKED_DATA, CHUNKED_DONE, CHUNKED_BAD,
       CHUNKED_TOO_LARGE };

void chunked_init(struct chunked_decoder *c, uint64_t max);
int chunked_decode(struct chunked_decoder *c, const char *in, size_t n,
                   size_t *used, struct http_span *data);

#endif
