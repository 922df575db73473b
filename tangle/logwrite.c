/* logwrite.c: writing log lines without ever waiting. */
#include "sys.h"
#include "text.h"
#include "io.h"
#include "logwrite.h"

static int by_send;             /* standard output is a socket */
static uint64_t dropped_pending;    /* lines dropped since the report */
static uint64_t dropped_total;      /* ... and in all */

static void reopen_nonblocking(int fd, const char *name)
{
    struct stat st;
    long again;

    if (sys_fstat(fd, &st) < 0)
        return;                         /* closed: nothing to write to */
    if ((st.st_mode & S_IFMT) == S_IFSOCK) {
        by_send |= fd == STDOUT;
        return;
    }
    if ((st.st_mode & S_IFMT) != S_IFIFO &&
        (st.st_mode & S_IFMT) != S_IFCHR)
        return;                         /* a file: writes do not wait */
    again = sys_openat(AT_FDCWD, name, O_WRONLY | O_NONBLOCK | O_NOCTTY |
                                       O_CLOEXEC, 0);
    if (again < 0) {
        io_say(STDERR, "drongo: cannot reopen ", name, " without waiting;"
               " a stalled reader will stall drongo\n", (char *)0);
        return;
    }
    sys_dup3((int)again, fd, 0);
    sys_close((int)again);
}

void logwrite_setup(void)
{
    reopen_nonblocking(STDOUT, "/proc/self/fd/1");
    reopen_nonblocking(STDERR, "/proc/self/fd/2");
}

static int log_put(const char *s, size_t n)
{
    long w;

    do
        w = by_send ? sys_sendto(STDOUT, s, n, MSG_DONTWAIT)
                    : sys_write(STDOUT, s, n);
    while (w == -EINTR);
    return w == (long)n ? 0 : -1;
}

void logwrite_line(const char *line, size_t len)
{
    if (dropped_pending) {
        char note[80];
        struct text_buf b = TEXT_BUF(note);

        text_put(&b, "drongo: ");
        text_put_uint(&b, dropped_pending);
        text_put(&b, dropped_pending == 1 ? " access log line dropped\n"
                                  : " access log lines dropped\n");
        if (log_put(b.data, b.len) == 0)
            dropped_pending = 0;
    }
    if (dropped_pending || log_put(line, len) != 0) {
        dropped_pending++;
        dropped_total++;
    }
}

void logwrite_report(void)
{
    char n[24];
    struct text_buf b = TEXT_BUF(n);

    if (dropped_total == 0)
        return;
    text_put_uint(&b, dropped_total);
    text_put_bytes(&b, "", 1);
    io_say(STDERR, "drongo: ", n, " access log lines dropped in all\n",
           (char *)0);
}
