/* master.c: the first process: starts the workers, restarts them,
 * stops them. */
#include "sys.h"
#include "text.h"
#include "io.h"
#include "rules.h"
#include "worker.h"
#include "master.h"

unsigned master_cpus(void)
{
    uint64_t mask[16] = { 0 };          /* room for 1024 processors */
    long n = sys_sched_getaffinity(sizeof mask, mask);
    unsigned cpus = 0;

    for (long i = 0; i < n / 8; i++)
        for (uint64_t m = mask[i]; m; m &= m - 1)
            cpus++;
    return cpus ? cpus : 1;
}

static struct {
    int pid;                    /* 0: not running */
    int64_t started;            /* ms */
    int64_t restart_at;         /* ms; 0: nothing to do */
} worker_row[MASTER_WORKERS_MAX];
static unsigned worker_rows;
static int shared_listener, master_pid, hup_stops;
static unsigned slots_each;

static volatile int got_stop, got_child;

static void on_signal(int sig)
{
    if (sig == SIGCHLD)
        got_child = 1;
    else
        got_stop = 1;
}

static void master_signals(void)
{
    static const struct kernel_sigaction act = {
        .handler = on_signal, .flags = SA_NOCLDSTOP | SA_RESTORER,
        .restorer = sys_restorer,
    };
    static const struct kernel_sigaction dfl = { .handler = SIG_DFL };
    struct kernel_sigaction old = { 0 };
    uint64_t all = 0;

    sys_rt_sigaction(SIGHUP, 0, &old);
    hup_stops = old.handler != SIG_IGN;       /* nohup: leave it ignored */
    for (int s = SIGHUP; s <= SIGCHLD; s++)
        if (s == SIGTERM || s == SIGINT || s == SIGCHLD ||
            (s == SIGHUP && hup_stops))
            all |= 1ull << (s - 1);
    sys_rt_sigprocmask(SIG_BLOCK, &all, 0);
    for (int s = SIGHUP; s <= SIGCHLD; s++)
        if (all & 1ull << (s - 1))
            sys_rt_sigaction(s, &act, 0);
    sys_rt_sigaction(SIGQUIT, &dfl, 0);
}

static int64_t clock_ms(void)
{
    struct timespec t = { 0, 0 };

    sys_clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void spawn(unsigned w)
{
    long pid = sys_clone(SIGCHLD);

    if (pid == 0)
        worker_run(shared_listener, slots_each, master_pid, hup_stops);
    worker_row[w].restart_at = 0;
    if (pid < 0) {
        io_say(STDERR, "drongo: cannot start a worker; trying again\n",
               (char *)0);
        worker_row[w].restart_at = clock_ms() + MASTER_RESTART_MS;
        return;
    }
    worker_row[w].pid = (int)pid;
    worker_row[w].started = clock_ms();
}

static void say_ended(int pid, int status)
{
    char what[64];
    struct text_buf b = TEXT_BUF(what);

    text_put_uint(&b, (uint64_t)pid);
    text_put(&b, (status & 0x7f) ? " was killed by signal " :
                                   " exited with status ");
    text_put_uint(&b, (status & 0x7f) ? (uint64_t)(status & 0x7f)
                                      : (uint64_t)(status >> 8 & 0xff));
    text_put_bytes(&b, "", 1);
    io_say(STDERR, "drongo: worker ", what, "; starting another\n",
           (char *)0);
}

static void reap_workers(int stopping, int64_t now)
{
    int status;
    long pid;

    while ((pid = sys_wait4(-1, &status, WNOHANG, 0)) > 0)
        for (unsigned w = 0; w < worker_rows; w++) {
            if (worker_row[w].pid != pid)
                continue;
            worker_row[w].pid = 0;
            if (stopping)
                break;
            say_ended((int)pid, status);
            worker_row[w].restart_at =
                now - worker_row[w].started < MASTER_RESTART_MS
                    ? now + MASTER_RESTART_MS : now;
        }
}

static void signal_all(int sig)
{
    for (unsigned w = 0; w < worker_rows; w++)
        if (worker_row[w].pid > 0)
            sys_kill(worker_row[w].pid, sig);
}

static unsigned workers_alive(void)
{
    unsigned n = 0;

    for (unsigned w = 0; w < worker_rows; w++)
        n += worker_row[w].pid > 0;
    return n;
}

static int64_t next_restart(void)
{
    int64_t t = 0;

    for (unsigned w = 0; w < worker_rows; w++)
        if (worker_row[w].restart_at &&
            (!t || worker_row[w].restart_at < t))
            t = worker_row[w].restart_at;
    return t;
}

static void sleep_until(int64_t when, int64_t now)
{
    const uint64_t nothing = 0;         /* every signal let through */
    struct timespec t = { 0, 0 };

    if (when > now)
        t = (struct timespec){ (when - now) / 1000,
                               (when - now) % 1000 * 1000000 };
    sys_ppoll(0, 0, when ? &t : 0, &nothing);
}

int master_run(int l, unsigned workers, unsigned slots)
{
    int64_t kill_at = 0;

    shared_listener = l;
    slots_each = slots;
    worker_rows = workers < MASTER_WORKERS_MAX ? workers
                                               : MASTER_WORKERS_MAX;
    master_pid = (int)sys_getpid();
    sys_fcntl(shared_listener, F_SETFL, O_NONBLOCK);
    sys_listen(shared_listener, MASTER_BACKLOG);
    master_signals();
    for (unsigned w = 0; w < worker_rows; w++)
        spawn(w);
    for (;;) {
        int64_t now = clock_ms();
        if (got_stop) {
            got_stop = 0;
            signal_all(kill_at ? SIGKILL : SIGTERM);
            if (!kill_at)
                kill_at = now + (GRACE_SECONDS + MASTER_KILL_MARGIN) * 1000;
        }
        if (got_child) {
            got_child = 0;
            reap_workers(kill_at != 0, now);
        }
        if (kill_at && now >= kill_at) {
            signal_all(SIGKILL);
            kill_at = now + MASTER_RESTART_MS;  /* and again, until reaped */
        }
        for (unsigned w = 0; w < worker_rows && !kill_at; w++)
            if (worker_row[w].restart_at && now >= worker_row[w].restart_at)
                spawn(w);
        if (kill_at && !workers_alive())
            return 0;
        sleep_until(kill_at ? kill_at : next_restart(), now);
    }
}
