/* path.h: from a decoded request path to a relative file name.
 * No system calls. */
#ifndef DRONGO_PATH_H
#define DRONGO_PATH_H

#include <stddef.h>
#include "http.h"

#define PATH_REL_MAX (HTTP_TARGET_MAX + 2) /* bytes, with the NUL */

enum status path_relative(const char *path, size_t len, char *rel);

#endif
