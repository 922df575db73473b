/* worker.c: one process, an event loop over many connections. */
#include "sys.h"
#include "text.h"
#include "io.h"
#include "conn.h"
#include "slots.h"
#include "rules.h"
#include "logwrite.h"
#include "worker.h"
#include "sandbox.h"

#define LISTENER_TAG (~(uint64_t)0)    /* the listener's epoll data */

static int epoll_fd = -1, listen_fd = -1;
static int reserve_fd = -1;        /* a spare descriptor, for refusing */
static int accepting;           /* the listener is in the epoll set */
static int64_t resume_at;       /* out of descriptors: listen again */
static int64_t reported_at;     /* ... the last report */
static unsigned long refused_since;   /* ... clients refused since */
static volatile int stop_asked; /* a stop signal arrived */

#include "clock.h"

static int64_t now_ms(void)
{
    return clock_ms();
}

static void listen_to(int on)
{
    struct epoll_event ev = { EPOLLIN | EPOLLEXCLUSIVE, LISTENER_TAG };
    static int nodelay;         /* asked for once, before the filter */
    const int one = 1;

    if (on == accepting)
        return;
    if (on && !nodelay) {       /* inherited by every accepted socket */
        sys_setsockopt(listen_fd, IPPROTO_TCP, TCP_NODELAY, &one,
                       sizeof one);
        nodelay = 1;
    }
    sys_epoll_ctl(epoll_fd, on ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, listen_fd,
                  &ev);
    accepting = on;
}

static long oldest_waiting(int (*which)(const struct conn *))
{
    for (long i = slots_oldest(); i >= 0; i = slots_newer((unsigned)i))
        if (which(slots_at((unsigned)i)))
            return i;
    return -1;
}

static long place_client(void)
{
    long i = slots_take();

    if (i >= 0)
        return i;
    if ((i = oldest_waiting(conn_idle)) < 0 &&
        (i = oldest_waiting(conn_waiting)) < 0)
        return -1;                      /* every slot is busy */
    conn_end(slots_at((unsigned)i));
    slots_free((unsigned)i);
    return slots_take();
}

static void out_of_descriptors(int64_t now)
{
    long fd = -1;

    if (reserve_fd >= 0) {
        sys_close(reserve_fd);
        fd = sys_accept4(listen_fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            conn_refuse((int)fd);
            sys_close((int)fd);
            refused_since++;
        }
        reserve_fd = (int)sys_fcntl(listen_fd, F_DUPFD_CLOEXEC, 0);
    }
    if (fd < 0 || reserve_fd < 0) {
        listen_to(0);
        resume_at = now + WORKER_PAUSE_MS;
    }
    if (now - reported_at >= WORKER_REPORT_MS) {
        char n[24];
        struct text_buf b = TEXT_BUF(n);

        text_put_uint(&b, refused_since);
        text_put_bytes(&b, "", 1);
        io_say(STDERR, "drongo: out of descriptors: ", n,
               " clients refused with 503\n", (char *)0);
        reported_at = now;
        refused_since = 0;
    }
}

static void accept_some(int64_t now)
{
    for (int n = 0; n < WORKER_ACCEPT_BATCH && accepting; n++) {
        long fd = sys_accept4(listen_fd, 0, 0,
                              SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd == -EAGAIN)
            return;
        if (fd == -EMFILE || fd == -ENFILE || fd == -ENOBUFS ||
            fd == -ENOMEM) {
            out_of_descriptors(now);
            continue;
        }
        if (fd < 0)
            continue;                   /* -ECONNABORTED, -EINTR: next */
        long i = place_client();
        struct epoll_event ev = {
            EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, 0 };
        if (i >= 0) {
            ev.data = slots_tag((unsigned)i);
            if (sys_epoll_ctl(epoll_fd, EPOLL_CTL_ADD, (int)fd, &ev) == 0) {
                conn_open(slots_at((unsigned)i), (int)fd, now);
                continue;
            }
            slots_free((unsigned)i);
        }
        conn_refuse((int)fd);           /* every slot busy, or no memory */
        sys_close((int)fd);
    }
}

static void sweep(int64_t now)
{
    long next;

    for (long i = slots_oldest(); i >= 0; i = next) {
        next = slots_newer((unsigned)i);
        if (conn_expire(slots_at((unsigned)i), now) == CONN_ENDED)
            slots_free((unsigned)i);
    }
    if (!accepting && resume_at && now >= resume_at) {
        resume_at = 0;
        listen_to(1);
    }
}

static void stop_serving(void)
{
    long next;

    listen_to(0);
    sys_close(listen_fd);
    if (reserve_fd >= 0)
        sys_close(reserve_fd);
    resume_at = 0;
    conn_stop();
    for (long i = slots_oldest(); i >= 0; i = next) {
        next = slots_newer((unsigned)i);
        struct conn *c = slots_at((unsigned)i);
        if (conn_idle(c)) {
            conn_end(c);
            slots_free((unsigned)i);
        }
    }
}

static void on_stop(int sig)
{
    (void)sig;
    stop_asked = 1;
}

static void worker_signals(int hup)
{
    static const struct kernel_sigaction stop = {
        .handler = on_stop, .flags = SA_RESTORER,
        .restorer = sys_restorer,
    };
    const uint64_t stops = 1ull << (SIGTERM - 1) | 1ull << (SIGINT - 1) |
                           1ull << (SIGHUP - 1);

    sys_rt_sigprocmask(SIG_BLOCK, &stops, 0);
    sys_rt_sigaction(SIGTERM, &stop, 0);
    sys_rt_sigaction(SIGINT, &stop, 0);
    if (hup)
        sys_rt_sigaction(SIGHUP, &stop, 0);
}

void worker_run(int l, unsigned slots, int master, int hup)
{
    static struct epoll_event ev[WORKER_EVENTS_MAX];
    const uint64_t sleeping = 0;        /* nothing blocked while asleep */
    int64_t stop_at = 0, next_sweep = 0;

    sys_prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (sys_getppid() != master)
        sys_exit_group(0);              /* the master is already gone */
    listen_fd = l;
    worker_signals(hup);
    epoll_fd = (int)sys_epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd < 0 || slots_init(slots, conn_size) < 0) {
        io_say(STDERR, "drongo: a worker has no memory to start\n",
               (char *)0);
        sys_exit_group(1);
    }
    reserve_fd = (int)sys_fcntl(listen_fd, F_DUPFD_CLOEXEC, 0);
    listen_to(1);
    sandbox_worker();
    for (;;) {
        int ms = slots_used() || resume_at ? WORKER_SWEEP_MS : -1;
        long n = sys_epoll_pwait(epoll_fd, ev, WORKER_EVENTS_MAX, ms,
                                 &sleeping);
        int64_t now = now_ms();

        if (stop_asked && !stop_at) {
            stop_serving();
            stop_at = now + GRACE_SECONDS * 1000;
        }
        for (long k = 0; k < n; k++)
            {
                uint64_t tag = ev[k].data;
                long i = tag == LISTENER_TAG ? -1 : slots_of_tag(tag);

                if (tag == LISTENER_TAG)
                    accept_some(now);
                else if (i >= 0 && conn_step(slots_at((unsigned)i), now) == CONN_ENDED)
                    slots_free((unsigned)i);
                else if (i >= 0)
                    slots_touch((unsigned)i);
            }
        if (now >= next_sweep) {
            sweep(now);
            next_sweep = now + WORKER_SWEEP_MS;
        }
        if (stop_at && (slots_used() == 0 || now >= stop_at))
            break;
    }
    for (long i = slots_oldest(); i >= 0; i = slots_oldest()) {
        conn_end(slots_at((unsigned)i));
        slots_free((unsigned)i);
    }
    logwrite_report();
    sys_exit_group(0);
}
