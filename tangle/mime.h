/* mime.h: content types from file names.  No system calls. */
#ifndef DRONGO_MIME_H
#define DRONGO_MIME_H

#include <stddef.h>

const char *mime_type(const char *name, size_t len);

#endif
