/* proc.c: child processes, one per connection. */
#include "sys.h"
#include "proc.h"

static int own_pids[PROC_CHILDREN_MAX]; /* the first own_count in use */
static unsigned long own_count;         /* children not yet reaped */

static void forget_child(long pid)
{
    for (unsigned long i = 0; i < own_count; i++) {
        if (own_pids[i] == pid) {
            own_pids[i] = own_pids[--own_count];
            return;
        }
    }
    /* not in the table: inherited from whoever started drongo */
}

static void on_sigchld(int sig)
{
    (void)sig;
}

static void reap(void)
{
    long pid;

    while ((pid = sys_wait4(-1, 0, WNOHANG, 0)) > 0)
        forget_child(pid);
}

static uint64_t sleeping_mask;  /* the signal mask inside ppoll */

void proc_init(void)
{
    static const struct kernel_sigaction ignore = {
        .handler = SIG_IGN,
    };
    static const struct kernel_sigaction wake = {
        .handler = on_sigchld,
        .flags = SA_NOCLDSTOP | SA_RESTORER,
        .restorer = sys_restorer,
    };
    const uint64_t sigchld = 1ull << (SIGCHLD - 1);

    sys_rt_sigaction(SIGPIPE, &ignore, 0);
    sys_rt_sigaction(SIGCHLD, &wake, 0);
    sys_rt_sigprocmask(SIG_BLOCK, &sigchld, &sleeping_mask);
    sleeping_mask &= ~sigchld;
    reap();
}

void proc_wait_for_client(int listener)
{
    struct pollfd client = { .fd = listener, .events = POLLIN };

    for (;;) {
        long r = sys_ppoll(&client, 1, 0, &sleeping_mask);
        reap();
        if (r != -EINTR)
            return;
    }
}

long proc_spawn(void)
{
    long pid;

    if (own_count == PROC_CHILDREN_MAX)
        return -EAGAIN;                 /* no room to remember it */
    pid = sys_clone(SIGCHLD);
    if (pid > 0)
        own_pids[own_count++] = (int)pid;
    return pid;
}

unsigned long proc_live(void)
{
    return own_count;
}
