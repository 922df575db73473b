/* precond.h: validators, and the conditional requests of RFC 9110,
 * section 13.  No system calls. */
#ifndef DRONGO_PRECOND_H
#define DRONGO_PRECOND_H

#include <stddef.h>
#include <stdint.h>
#include "text.h"
#include "http.h"

#define PRECOND_TAG_MAX 64      /* bytes: a quoted entity tag */

struct validators {
    int exists;                 /* 0: no current representation */
    char tag[PRECOND_TAG_MAX];  /* its strong entity tag, quoted */
    size_t tag_len;             /* 0: it has none */
    int dated;                  /* 0: it has no modification date */
    int64_t modified;           /* Last-Modified, never after now */
};

void precond_file(struct validators *v, uint64_t inode, uint64_t size,
                  int64_t mtime, uint64_t mtime_nsec, int64_t now);
void precond_put(struct text_buf *b, const struct validators *v);
enum status precond_evaluate(const struct http_request *req,
                             const struct validators *v);
int precond_if_range(const struct http_request *req,
                     const struct validators *v);

#endif
