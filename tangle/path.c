/* path.c: from a decoded request path to a relative file name.
 * No system calls. */
#include "text.h"
#include "path.h"

static enum status segment_status(const char *seg, size_t n, int first)
{
    for (size_t i = 0; i < n; i++)
        if (seg[i] == '\0')
            return ST_BAD_REQUEST;      /* cannot happen after decoding */
    if (n == 2 && seg[0] == '.' && seg[1] == '.')
        return ST_BAD_REQUEST;
    if (seg[0] == '.' &&
        !(first && text_span_eq(seg, n, ".well-known", 11)))
        return ST_NOT_FOUND;
    return ST_OK;
}

enum status path_relative(const char *path, size_t len, char *rel)
{
    size_t i = 0, n = 0;

    if (len == 0 || path[0] != '/')
        return ST_BAD_REQUEST;
    while (i < len) {
        while (i < len && path[i] == '/')
            i++;
        size_t start = i;
        while (i < len && path[i] != '/')
            i++;
        if (i == start)
            break;
        enum status st = segment_status(path + start, i - start, n == 0);
        if (st != ST_OK)
            return st;
        if (n > 0)
            rel[n++] = '/';
        for (size_t k = start; k < i; k++)
            rel[n++] = path[k];
    }
    if (n == 0)
        rel[n++] = '.';
    rel[n] = '\0';
    return ST_OK;
}
