/* io.h: writing whole buffers and whole lines. */
#ifndef DRONGO_IO_H
#define DRONGO_IO_H

#include <stddef.h>

#define IO_LINE_MAX 512         /* bytes; a longer message is cut */

long io_write_all(int fd, const void *buf, size_t len); /* 0 | -errno */
__attribute__((sentinel))
void io_say(int fd, ...);       /* strings, then (char *)0 */

#endif
