/* limits.c: the resource limits drongo sets before serving. */
#include "sys.h"
#include "text.h"
#include "io.h"
#include "limits.h"

unsigned long limits_apply(unsigned long conns)
{
    static const struct rlimit64 no_cores = { 0, 0 };
    struct rlimit64 fds = { 0, 0 };
    uint64_t need = conns * LIMITS_FDS_PER_CONN + LIMITS_FDS_SPARE;

    sys_prlimit(RLIMIT_CORE, &no_cores, 0);
    if (sys_prlimit(RLIMIT_NOFILE, 0, &fds) < 0)
        return conns;
    if (fds.cur < need) {
        fds.cur = need < fds.max ? need : fds.max;
        sys_prlimit(RLIMIT_NOFILE, &fds, 0);
    }
    if (fds.cur >= need)
        return conns;
    unsigned long can = fds.cur > LIMITS_FDS_SPARE + LIMITS_FDS_PER_CONN ?
        (fds.cur - LIMITS_FDS_SPARE) / LIMITS_FDS_PER_CONN : 1;
    char n[24], m[24];
    struct text_buf bn = TEXT_BUF(n), bm = TEXT_BUF(m);

    text_put_uint(&bn, fds.cur);
    text_put_bytes(&bn, "", 1);
    text_put_uint(&bm, can);
    text_put_bytes(&bm, "", 1);
    io_say(STDERR, "drongo: the open file limit is ", n, "; serving at most ",
           m, " connections at once\n", (char *)0);
    return can;
}
