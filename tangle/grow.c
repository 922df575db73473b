/* grow.c: byte buffers that grow, in memory from mmap. */
#include "sys.h"
#include "mem.h"
#include "grow.h"

static int grow_reserve(struct grow *g, size_t n)
{
    size_t cap = g->cap ? g->cap : GROW_FIRST;
    long p;

    if (g->failed)
        return -1;
    while (cap - g->len < n)
        cap *= 2;
    if (cap == g->cap)
        return 0;
    p = g->cap ? sys_mremap(g->data, g->cap, cap, MREMAP_MAYMOVE)
               : sys_mmap(0, cap, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p < 0 && p > -4096) {
        g->failed = 1;
        return -1;
    }
    g->data = (char *)p;
    g->cap = cap;
    return 0;
}

void grow_put(struct grow *g, const void *p, size_t n)
{
    if (grow_reserve(g, n) == 0) {
        memcpy(g->data + g->len, p, n);
        g->len += n;
    }
}

void grow_put_text(struct grow *g, const struct text_buf *b)
{
    grow_put(g, b->data, b->len);
}

void grow_free(struct grow *g)
{
    if (g->cap)
        sys_munmap(g->data, g->cap);
    *g = (struct grow){ 0 };
}
