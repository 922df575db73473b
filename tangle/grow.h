/* grow.h: byte buffers that grow, in memory from mmap. */
#ifndef DRONGO_GROW_H
#define DRONGO_GROW_H

#include <stddef.h>
#include "text.h"

#define GROW_FIRST 65536        /* bytes of the first mapping */

struct grow {
    char *data;
    size_t len, cap;
    int failed;                 /* out of memory: contents incomplete */
};

void grow_put(struct grow *g, const void *p, size_t n);
void grow_put_text(struct grow *g, const struct text_buf *b);
void grow_free(struct grow *g);

#endif
