/* proc.c: child processes, one per connection. */
#include "sys.h"
#include "proc.h"

static unsigned long spawned;           /* written by the main loop */
static volatile unsigned long reaped;   /* written by on_sigchld */

static void on_sigchld(int sig)
{
    (void)sig;
    while (sys_wait4(-1, 0, WNOHANG, 0) > 0)
        reaped++;
}

void proc_init(void)
{
    static const struct kernel_sigaction ignore = {
        .handler = SIG_IGN,
    };
    static const struct kernel_sigaction reap = {
        .handler = on_sigchld,
        .flags = SA_NOCLDSTOP | SA_RESTORER,
        .restorer = sys_restorer,
    };

    sys_rt_sigaction(SIGPIPE, &ignore, 0);
    sys_rt_sigaction(SIGCHLD, &reap, 0);
}

long proc_spawn(void)
{
    long pid = sys_clone(SIGCHLD);

    if (pid > 0)
        spawned++;
    return pid;
}

unsigned long proc_live(void)
{
    return spawned - reaped;
}
