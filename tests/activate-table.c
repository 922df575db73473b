/* tests/activate-table.c: activate_take (chapter 17) against a table of
 * environments, compiled hosted with the stage's activate.c and text.c.
 * Prints one line per case, "ok - ..." or "not ok - ...: why". */
#include <stdio.h>
#include <string.h>
#include "activate.h"

struct row {
    const char *what;
    const char *env[6];         /* the environment, ending with 0 */
    long pid;
    enum activate_result want;
    const char *left;           /* what must remain, joined by spaces */
};

static const struct row rows[] = {
    { "no variables: bind", { "PATH=/bin", 0 }, 7, ACTIVATE_NONE,
      "PATH=/bin" },
    { "ours, one socket", { "LISTEN_PID=7", "LISTEN_FDS=1", 0 }, 7,
      ACTIVATE_ONE, "" },
    { "another process's: bind, variables removed",
      { "A=1", "LISTEN_PID=8", "LISTEN_FDS=1", "B=2", 0 }, 7,
      ACTIVATE_NONE, "A=1 B=2" },
    { "LISTEN_FDS without LISTEN_PID: bind", { "LISTEN_FDS=1", 0 }, 7,
      ACTIVATE_NONE, "" },
    { "ours, LISTEN_FDS missing", { "LISTEN_PID=7", 0 }, 7,
      ACTIVATE_BAD, "" },
    { "ours, LISTEN_FDS=0", { "LISTEN_PID=7", "LISTEN_FDS=0", 0 }, 7,
      ACTIVATE_BAD, "" },
    { "ours, LISTEN_FDS=1x", { "LISTEN_PID=7", "LISTEN_FDS=1x", 0 }, 7,
      ACTIVATE_BAD, "" },
    { "ours, LISTEN_FDS=+1", { "LISTEN_PID=7", "LISTEN_FDS=+1", 0 }, 7,
      ACTIVATE_BAD, "" },
    { "ours, LISTEN_FDS over INT32_MAX",
      { "LISTEN_PID=7", "LISTEN_FDS=2147483648", 0 }, 7, ACTIVATE_BAD, "" },
    { "ours, three sockets", { "LISTEN_PID=7", "LISTEN_FDS=3", 0 }, 7,
      ACTIVATE_MANY, "" },
    { "LISTEN_PID not a number", { "LISTEN_PID=7a", "LISTEN_FDS=1", 0 }, 7,
      ACTIVATE_BAD, "" },
    { "LISTEN_PID=0", { "LISTEN_PID=0", "LISTEN_FDS=1", 0 }, 7,
      ACTIVATE_BAD, "" },
    { "LISTEN_PID empty", { "LISTEN_PID=", "LISTEN_FDS=1", 0 }, 7,
      ACTIVATE_BAD, "" },
    { "names that only begin alike are other variables",
      { "LISTEN_PIDX=7", "LISTEN_FDSX=1", "LISTEN_PID=7", "LISTEN_FDS=1",
        0 }, 7, ACTIVATE_ONE, "LISTEN_PIDX=7 LISTEN_FDSX=1" },
    { "LISTEN_FDNAMES removed, the rest kept in order",
      { "Z=0", "LISTEN_FDNAMES=http", "LISTEN_PID=7", "LISTEN_FDS=1",
        "Y=9", 0 }, 7, ACTIVATE_ONE, "Z=0 Y=9" },
    { "a variable set twice: the first counts, both go",
      { "LISTEN_PID=7", "LISTEN_FDS=1", "LISTEN_FDS=2", 0 }, 7,
      ACTIVATE_ONE, "" },
};

int main(void)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        char *env[6], left[200] = "";
        size_t n = 0;

        for (; r->env[n]; n++)
            env[n] = (char *)r->env[n];
        env[n] = 0;
        enum activate_result got = activate_take(env, r->pid);
        for (char **e = env; *e; e++)
            snprintf(left + strlen(left), sizeof left - strlen(left),
                     "%s%s", *left ? " " : "", *e);
        if (got == r->want && strcmp(left, r->left) == 0)
            printf("ok - activate_take: %s\n", r->what);
        else
            printf("not ok - activate_take: %s: result %d, want %d; left "
                   "'%s', want '%s'\n", r->what, got, r->want, left,
                   r->left);
    }
    return 0;
}
