/* sandbox.c: no new privileges; the files the server may open; the
 * system calls a worker may make. */
#include "sys.h"
#include "io.h"
#include "text.h"
#include "sandbox.h"

struct sock_filter { uint16_t code; uint8_t jt, jf; uint32_t k; };
struct sock_fprog { unsigned short len; struct sock_filter *filter; };

#define BPF_LD_W_ABS    0x20    /* A = 32 bits of seccomp_data at k */
#define BPF_JEQ_K       0x15    /* if A == k skip jt, else skip jf */
#define BPF_JGE_K       0x35    /* if A >= k skip jt, else skip jf */
#define BPF_RET_K       0x06    /* the verdict is k */
#define SECCOMP_DATA_NR 0       /* offsetof(struct seccomp_data, nr) */
#define SECCOMP_DATA_ARCH 4     /* offsetof(struct seccomp_data, arch) */
#define SECCOMP_RET_KILL_PROCESS 0x80000000u
#define SECCOMP_RET_ALLOW 0x7fff0000u
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_GET_ACTION_AVAIL 2
#define PR_SET_NO_NEW_PRIVS 38
#define X32_SYSCALL_BIT 0x40000000u /* x86-64: the x32 ABI's numbers */
struct landlock_ruleset_attr {
    uint64_t handled_access_fs;     /* ABI 1 */
    uint64_t handled_access_net;    /* ABI 4 */
};
struct landlock_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

#define LANDLOCK_CREATE_RULESET_VERSION 1
#define LANDLOCK_RULE_PATH_BENEATH 1
#define LL_WRITE_FILE   (1u << 1)
#define LL_READ_FILE    (1u << 2)
#define LL_READ_DIR     (1u << 3)
#define LL_REMOVE_FILE  (1u << 5)
#define LL_MAKE_REG     (1u << 8)
#define LL_FS_ABI1      ((1u << 13) - 1)    /* EXECUTE .. MAKE_SYM */
#define LL_FS_ABI2      ((1u << 14) - 1)    /* and REFER */
#define LL_FS_ABI3      ((1u << 15) - 1)    /* and TRUNCATE */
#define LL_FS_ABI5      ((1u << 16) - 1)    /* and IOCTL_DEV */
#define LL_NET_ABI4     3u                  /* BIND_TCP, CONNECT_TCP */

static const uint32_t worker_calls[] = {
    NR_epoll_pwait, NR_epoll_ctl,   /* the loop; clients in and out */
    NR_accept4,                     /* new clients */
    NR_read, NR_recvfrom,           /* requests, bodies, lingering */
    NR_write, NR_writev, NR_sendfile, /* replies; stderr */
    NR_sendto,                      /* the log, when it is a socket */
    NR_shutdown, NR_close,          /* ends of connections and files */
    NR_getpeername,                 /* the client's address, for the log */
    NR_clock_gettime,               /* deadlines, Date */
    NR_fcntl,                       /* the reserve descriptor */
    NR_openat2, NR_openat,          /* files, the O_NOFOLLOW walk, PUT */
    NR_fstat, NR_newfstatat,        /* sizes, validators, listings */
    NR_getdents64,                  /* listings */
    NR_mmap, NR_mremap, NR_munmap,  /* listing memory */
    NR_flock, NR_linkat, NR_renameat2, /* PUT into place */
    NR_unlinkat, NR_fdatasync,      /* DELETE; PUT made durable */
    NR_pread64,                     /* small files, read into the cache */
    NR_rt_sigreturn,                /* the end of the stop handler */
    NR_exit_group,                  /* the end */
};

#define WORKER_CALLS (sizeof worker_calls / sizeof *worker_calls)
#define FILTER_MAX (WORKER_CALLS + 6)   /* instructions, below */

#define CHECKED_STEPS 5         /* setsockopt, for TCP_CORK only */
#define SECCOMP_DATA_ARG(i) (16 + 8 * (i)) /* its low half, LE */

static struct sock_filter worker_filter[FILTER_MAX + CHECKED_STEPS];
static unsigned short worker_filter_len;   /* 0: no filter on this kernel */

#define BPF_STEP(c, t, f, v) ((struct sock_filter){ (c), (t), (f), (v) })

static unsigned short build_filter(void)
{
    struct sock_filter *f = worker_filter;
    unsigned short n = 0, c = WORKER_CALLS, k = CHECKED_STEPS;

    f[n++] = BPF_STEP(BPF_LD_W_ABS, 0, 0, SECCOMP_DATA_ARCH);
    f[n++] = BPF_STEP(BPF_JEQ_K, 0, (uint8_t)(c + k + 2), AUDIT_ARCH_SELF);
    f[n++] = BPF_STEP(BPF_LD_W_ABS, 0, 0, SECCOMP_DATA_NR);
    f[n++] = BPF_STEP(BPF_JGE_K, (uint8_t)(c + k), 0, X32_SYSCALL_BIT);
    for (unsigned short i = 0; i < c; i++)
        f[n++] = BPF_STEP(BPF_JEQ_K, (uint8_t)(c + k - i), 0,
                          worker_calls[i]);
    f[n++] = BPF_STEP(BPF_JEQ_K, 0, 4, NR_setsockopt);
    f[n++] = BPF_STEP(BPF_LD_W_ABS, 0, 0, SECCOMP_DATA_ARG(1));
    f[n++] = BPF_STEP(BPF_JEQ_K, 0, 2, IPPROTO_TCP);
    f[n++] = BPF_STEP(BPF_LD_W_ABS, 0, 0, SECCOMP_DATA_ARG(2));
    f[n++] = BPF_STEP(BPF_JEQ_K, 1, 0, TCP_CORK);
    f[n++] = BPF_STEP(BPF_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS);
    f[n++] = BPF_STEP(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW);
    return n;
}

static void say_missing(const char *what, long e, const char *instead)
{
    char n[24];
    struct text_buf b = TEXT_BUF(n);

    text_put_uint(&b, (uint64_t)-e);
    text_put_bytes(&b, "", 1);
    io_say(STDERR, "drongo: no ", what, " here (",
           e == -ENOSYS ? "no such system call: an old kernel, or qemu-user"
           : e == -EOPNOTSUPP ? "turned off in this kernel" : "error ",
           e == -ENOSYS || e == -EOPNOTSUPP ? "" : n, "); ", instead, "\n",
           (char *)0);
}

static long try_filter(void)
{
    struct sock_fprog prog = { worker_filter_len, worker_filter };
    int status = 0;
    long pid = sys_clone(SIGCHLD);

    if (pid == 0)
        sys_exit_group((int)-sys_seccomp(SECCOMP_SET_MODE_FILTER, 0,
                                         &prog));
    if (pid < 0)
        return pid;
    if (sys_wait4((int)pid, &status, 0, 0) < 0)
        return -ECHILD;
    return -(long)(status >> 8 & 0xff);     /* 0, or -errno */
}

static long allow_beneath(long set, int dir, uint64_t rights)
{
    struct landlock_path_beneath_attr rule = { rights, dir };

    return dir < 0 ? 0 : sys_landlock_add_rule((int)set,
                                               LANDLOCK_RULE_PATH_BENEATH,
                                               &rule);
}

static long landlock_confine(int docroot, int pages, int writes)
{
    long abi = sys_landlock_create_ruleset(0, 0,
                                           LANDLOCK_CREATE_RULESET_VERSION);
    struct landlock_ruleset_attr attr = {
        abi >= 5 ? LL_FS_ABI5 : abi >= 3 ? LL_FS_ABI3 :
        abi >= 2 ? LL_FS_ABI2 : LL_FS_ABI1, LL_NET_ABI4 };
    const uint64_t read = LL_READ_FILE | LL_READ_DIR;
    const uint64_t write = LL_WRITE_FILE | LL_MAKE_REG | LL_REMOVE_FILE;
    long set, e;

    if (abi < 0)
        return abi;
    set = sys_landlock_create_ruleset(&attr, abi >= 4 ? sizeof attr
                                      : sizeof attr.handled_access_fs, 0);
    if (set < 0)
        return set;
    e = allow_beneath(set, docroot, read | (writes ? write : 0));
    if (e == 0 && (e = allow_beneath(set, pages, read)) == 0)
        e = sys_landlock_restrict_self((int)set, 0);
    sys_close((int)set);
    return e;
}

void sandbox_master(int docroot, int pages, int writes)
{
    const uint32_t kill = SECCOMP_RET_KILL_PROCESS;
    long e = sys_prctl(PR_SET_NO_NEW_PRIVS, 1);

    if (e < 0) {
        say_missing("PR_SET_NO_NEW_PRIVS", e, "no sandbox either");
        return;
    }
    if ((e = landlock_confine(docroot, pages, writes)) < 0)
        say_missing("Landlock", e, "files confined by openat2 alone");
    e = sys_seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &kill);
    if (e == 0) {
        worker_filter_len = build_filter();
        e = try_filter();
    }
    if (e != 0) {
        worker_filter_len = 0;
        say_missing("seccomp filter", e, "workers run unfiltered");
    }
}

void sandbox_worker(void)
{
    struct sock_fprog prog = { worker_filter_len, worker_filter };
    long e;

    if (worker_filter_len == 0)
        return;
    e = sys_seccomp(SECCOMP_SET_MODE_FILTER, 0, &prog);
    if (e < 0) {
        say_missing("seccomp filter for this worker", e, "exiting");
        sys_exit_group(1);
    }
}
