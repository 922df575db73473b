/* io.c: writing whole buffers and whole lines. */
#include <stdarg.h>
#include "sys.h"
#include "text.h"
#include "io.h"

long io_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        long n = sys_write(fd, p, len);
        if (n == -EINTR)
            continue;
        if (n < 0)
            return n;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

void io_say(int fd, ...)
{
    char line[IO_LINE_MAX];
    struct text_buf b = TEXT_BUF(line);
    const char *s;
    va_list ap;

    va_start(ap, fd);
    while ((s = va_arg(ap, const char *)) != 0)
        text_put(&b, s);
    va_end(ap);
    if (b.overflow) {
        b.len = b.cap - 4;
        text_put(&b, "...\n");
    }
    io_write_all(fd, b.data, b.len);
}
