/* mem.h: the functions of mem.c, for code that calls them by name. */
#ifndef DRONGO_MEM_H
#define DRONGO_MEM_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
