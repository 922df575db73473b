/* sys.h: the system call layer.  Every call returns the kernel's
 * result: a value >= 0, or -errno. */
#ifndef DRONGO_SYS_H
#define DRONGO_SYS_H

#include <stddef.h>
#include <stdint.h>

#if defined(__aarch64__)
#include "sys_aarch64.h"
#elif defined(__x86_64__)
#include "sys_x86_64.h"
#else
#error "drongo speaks to Linux on AArch64 and x86-64 only"
#endif

#define EINTR           4       /* a signal arrived first; try again */
#define EBADF           9       /* not an open file descriptor */

#define STDOUT          1
#define STDERR          2
#define AF_INET         2       /* IPv4 */
#define AF_INET6        10      /* IPv6 */
#define SOCK_STREAM     1       /* TCP, for AF_INET and AF_INET6 */
#define SOCK_CLOEXEC    02000000 /* close the fd on execve */
#define SOL_SOCKET      1       /* setsockopt level: the socket */
#define SO_REUSEADDR    2       /* bind despite old TIME_WAIT state */
#define IPPROTO_IPV6    41      /* setsockopt level: IPv6 */
#define IPV6_V6ONLY     26      /* 1: IPv6 only; 0: IPv4 as well */
#define ENOMEM          12      /* out of kernel memory */
#define EACCES          13      /* port < 1024 without privilege */
#define EINVAL          22      /* bad argument */
#define ENFILE          23      /* system file table full */
#define EMFILE          24      /* our descriptor limit reached */
#define EPIPE           32      /* the peer closed; write failed */
#define ENOTSOCK        88      /* not a socket */
#define EAFNOSUPPORT    97      /* this kernel has no IPv6 */
#define EADDRINUSE      98      /* someone else has this port */
#define EADDRNOTAVAIL   99      /* no interface has this address */
#define ECONNABORTED    103     /* the client left before accept */
#define ENOBUFS         105     /* out of socket buffers */
struct timespec {
    long tv_sec;
    long tv_nsec;
};
#define SIGPIPE         13      /* wrote to a connection the peer left */
#define SIGCHLD         17      /* a child stopped or exited */

#define SA_NOCLDSTOP    1       /* no SIGCHLD when a child only stops */
#define SA_RESTORER     0x04000000 /* restorer field is valid */
#define SIG_IGN         ((void (*)(int))1)

struct kernel_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;              /* signals blocked in the handler */
};

void sys_restorer(void);        /* in start.c */
#define WNOHANG         1       /* wait4: do not block */
#define ECHILD          10      /* wait4: no children */
#define EAGAIN          11      /* try again (also: would block) */
#define MSG_DONTWAIT    0x40    /* recvfrom: do not block */
#define SHUT_WR         1       /* shutdown: we send no more */
#define SIG_BLOCK       0       /* rt_sigprocmask: add to the mask */
#define POLLIN          1       /* ppoll: readable (a listener: a
                                   connection waits) */

struct pollfd {
    int fd;
    short events;               /* what to wait for */
    short revents;              /* what happened */
};
struct iovec {
    const void *iov_base;       /* the kernel's void *: writev only reads */
    size_t iov_len;
};
#define SO_RCVTIMEO     20      /* setsockopt: read timeout */
#define SO_SNDTIMEO     21      /* setsockopt: write timeout */
#define ECONNRESET      104     /* the peer reset the connection */

struct timeval {
    long tv_sec;
    long tv_usec;
};
#define O_RDONLY        0
#define O_NOCTTY        0400    /* a terminal never becomes ours */
#define O_NONBLOCK      04000   /* opening a FIFO must not wait */
#define O_CLOEXEC       02000000

#define RESOLVE_NO_MAGICLINKS 0x02
#define RESOLVE_NO_SYMLINKS   0x04
#define RESOLVE_BENEATH       0x08

struct open_how {
    uint64_t flags, mode, resolve;
};
#define EPERM           1
#define ENOENT          2
#define EXDEV           18      /* openat2: would leave the root */
#define ENXIO           6       /* a socket file: nothing to open */
#define ENODEV          19      /* a device with no driver */
#define ENOTDIR         20
#define ENAMETOOLONG    36
#define ENOSYS          38      /* no such system call here */
#define ELOOP           40      /* a symlink where none may be */
#define S_IFMT          0170000 /* st_mode: the type bits */
#define S_IFREG         0100000 /* a regular file */
#define S_IFDIR         0040000 /* a directory */
#define AT_FDCWD        -100    /* openat: relative to the cwd */
#define CLOCK_REALTIME  0
#define AT_SYMLINK_NOFOLLOW 0x100 /* fstatat: a link as itself */
#define PROT_READ       1
#define PROT_WRITE      2
#define MAP_PRIVATE     2
#define MAP_ANONYMOUS   0x20    /* memory, not a file */
#define MREMAP_MAYMOVE  1       /* mremap may move the mapping */
#define O_WRONLY        1
#define O_TMPFILE       (020000000 | O_DIRECTORY) /* a file, no name */
#define AT_SYMLINK_FOLLOW 0x400 /* linkat: follow a /proc/self/fd link */
#define AT_EMPTY_PATH   0x1000  /* linkat: "" names the descriptor */
#define LOCK_EX         2       /* flock: exclusive, waiting for it */
#define LOCK_UN         8       /* flock: release */
#define EEXIST          17      /* link: the name is taken */
#define EISDIR          21      /* rename: the name is a directory */
#define EFBIG           27      /* over the largest file allowed */
#define ENOSPC          28      /* the file system is full */
#define EROFS           30      /* a read-only file system */
#define ENOTEMPTY       39      /* rename: a directory with entries */
#define EOPNOTSUPP      95      /* O_TMPFILE: not on this file system */
#define EDQUOT          122     /* the owner's quota is used up */
#define EPOLL_CLOEXEC   02000000 /* the instance closes on execve */
#define EPOLL_CTL_ADD   1
#define EPOLL_CTL_DEL   2
#define EPOLLIN         0x001   /* readable, or a connection waits */
#define EPOLLOUT        0x004   /* writable: the send buffer has room */
#define EPOLLERR        0x008
#define EPOLLHUP        0x010
#define EPOLLRDHUP      0x2000  /* the peer shut its side down */
#define EPOLLEXCLUSIVE  (1u << 28) /* wake one waiter, not every one */
#define EPOLLET         (1u << 31) /* report changes, not states */
#define SOCK_NONBLOCK   04000   /* accept4: the new socket never waits */
#define F_SETFL         4       /* fcntl: set O_NONBLOCK and the like */
#define F_DUPFD_CLOEXEC 1030    /* fcntl: a copy, the lowest free fd */
#define PR_SET_PDEATHSIG 1      /* prctl: a signal when the parent dies */
#define RLIMIT_CORE     4       /* bytes of a core dump */
#define RLIMIT_NOFILE   7       /* open descriptors */
#define CLOCK_MONOTONIC 1       /* never set back: for deadlines */
#define SIGHUP          1       /* the terminal hung up */
#define SIGINT          2       /* Ctrl-C */
#define SIGQUIT         3       /* Ctrl-\ */
#define SIGKILL         9       /* cannot be caught */
#define SIGTERM         15      /* please stop */
#define SIG_DFL         ((void (*)(int))0)
#define S_IFIFO         0010000 /* a pipe or FIFO */
#define S_IFCHR         0020000 /* a character device: a terminal */
#define S_IFSOCK        0140000 /* a socket */
#define ESRCH           3       /* kill: no such process */

struct rlimit64 {
    uint64_t cur, max;          /* the soft limit, and its ceiling */
};
#define IPPROTO_TCP     6       /* setsockopt level: TCP */
#define TCP_NODELAY     1       /* TCP: send small segments at once */
#define TCP_CORK        3       /* TCP: hold partial segments back */
#define SO_TYPE         3       /* getsockopt: SOCK_STREAM, ... */
#define SO_ACCEPTCONN   30      /* getsockopt: 1 once listen was called */
#define SO_PROTOCOL     38      /* getsockopt: IPPROTO_TCP, ... */
#define SO_DOMAIN       39      /* getsockopt: AF_INET, AF_INET6, ... */
#define IPPROTO_TCP     6       /* SO_PROTOCOL of a TCP socket */
#define F_SETFD         2       /* fcntl: set the descriptor's flags */
#define FD_CLOEXEC      1       /* ... this one: close on execve */
#define ESOCKTNOSUPPORT 94      /* not the kind of socket asked for */

/* write(fd, buf, len) -> bytes written | -EINTR -EBADF -EPIPE ... */
static inline long sys_write(int fd, const void *buf, size_t len)
{
    return syscall6(NR_write, fd, (long)buf, (long)len, 0, 0, 0);
}
/* exit_group(status): ends every thread of the process; no return. */
__attribute__((noreturn))
static inline void sys_exit_group(int status)
{
    syscall6(NR_exit_group, status, 0, 0, 0, 0, 0);
    __builtin_unreachable();
}
/* read(fd, buf, len) -> bytes read, 0 at end | -EINTR -EBADF ... */
static inline long sys_read(int fd, void *buf, size_t len)
{
    return syscall6(NR_read, fd, (long)buf, (long)len, 0, 0, 0);
}

/* close(fd) -> 0 | -EBADF -EINTR */
static inline long sys_close(int fd)
{
    return syscall6(NR_close, fd, 0, 0, 0, 0, 0);
}
/* socket(domain, type, protocol) -> fd | -EACCES -EMFILE ... */
static inline long sys_socket(int domain, int type, int protocol)
{
    return syscall6(NR_socket, domain, type, protocol, 0, 0, 0);
}

/* setsockopt(fd, level, name, value, len) -> 0 | -EINVAL ... */
static inline long sys_setsockopt(int fd, int level, int name,
                                  const void *value, unsigned len)
{
    return syscall6(NR_setsockopt, fd, level, name, (long)value,
                    len, 0);
}
/* bind(fd, addr, len) -> 0 | -EADDRINUSE -EACCES -EADDRNOTAVAIL */
static inline long sys_bind(int fd, const void *addr, unsigned len)
{
    return syscall6(NR_bind, fd, (long)addr, len, 0, 0, 0);
}

/* listen(fd, backlog) -> 0 | -EADDRINUSE */
static inline long sys_listen(int fd, int backlog)
{
    return syscall6(NR_listen, fd, backlog, 0, 0, 0, 0);
}
/* accept4(fd, addr, addrlen, flags) -> new fd | -EINTR -EMFILE
 *   -ECONNABORTED ... (addr may be 0: we do not ask who called) */
static inline long sys_accept4(int fd, void *addr, unsigned *addrlen,
                               int flags)
{
    return syscall6(NR_accept4, fd, (long)addr, (long)addrlen, flags,
                    0, 0);
}
/* nanosleep(req, rem) -> 0 | -EINTR (rem may be 0) */
static inline long sys_nanosleep(const struct timespec *req,
                                 struct timespec *rem)
{
    return syscall6(NR_nanosleep, (long)req, (long)rem, 0, 0, 0, 0);
}
/* clone(flags, 0, 0, 0, 0): a new process.  Returns the child's pid
 * in the parent, 0 in the child | -EAGAIN -ENOMEM */
static inline long sys_clone(unsigned long flags)
{
    return syscall6(NR_clone, (long)flags, 0, 0, 0, 0, 0);
}

/* wait4(pid, status, options, rusage) -> pid | 0 (WNOHANG, none
 * ready) | -ECHILD (no children) -EINTR */
static inline long sys_wait4(int pid, int *status, int options,
                             void *rusage)
{
    return syscall6(NR_wait4, pid, (long)status, options, (long)rusage,
                    0, 0);
}
/* rt_sigaction(sig, act, oldact, sizeof mask) -> 0 | -EINVAL */
static inline long sys_rt_sigaction(int sig,
                                    const struct kernel_sigaction *act,
                                    struct kernel_sigaction *old)
{
    return syscall6(NR_rt_sigaction, sig, (long)act, (long)old,
                    sizeof act->mask, 0, 0);
}
/* rt_sigprocmask(how, set, oldset, sizeof mask) -> 0 | -EINVAL */
static inline long sys_rt_sigprocmask(int how, const uint64_t *set,
                                      uint64_t *old)
{
    return syscall6(NR_rt_sigprocmask, how, (long)set, (long)old,
                    sizeof *set, 0, 0);
}

/* ppoll(fds, n, timeout, mask, sizeof mask) -> ready | -EINTR
 * -ENOMEM; the mask holds only while it sleeps */
static inline long sys_ppoll(struct pollfd *fds, unsigned long n,
                             const struct timespec *timeout,
                             const uint64_t *mask)
{
    return syscall6(NR_ppoll, (long)fds, (long)n, (long)timeout,
                    (long)mask, sizeof *mask, 0);
}
/* recvfrom(fd, buf, len, flags, 0, 0) -> bytes | -EAGAIN -EINTR ... */
static inline long sys_recvfrom(int fd, void *buf, size_t len,
                                int flags)
{
    return syscall6(NR_recvfrom, fd, (long)buf, (long)len, flags, 0, 0);
}

/* shutdown(fd, how) -> 0 | -ENOTCONN */
static inline long sys_shutdown(int fd, int how)
{
    return syscall6(NR_shutdown, fd, how, 0, 0, 0, 0);
}
/* writev(fd, iov, count) -> bytes written | -EINTR -EPIPE -EAGAIN ... */
static inline long sys_writev(int fd, const struct iovec *iov, int count)
{
    return syscall6(NR_writev, fd, (long)iov, count, 0, 0, 0);
}
/* openat(dirfd, path, flags, mode) -> fd | -ENOENT -ELOOP -EACCES ... */
static inline long sys_openat(int dirfd, const char *path, int flags,
                              int mode)
{
    return syscall6(NR_openat, dirfd, (long)path, flags, mode, 0, 0);
}

/* openat2(dirfd, path, how, size) -> fd | -EXDEV -ELOOP -ENOSYS ... */
static inline long sys_openat2(int dirfd, const char *path,
                               const struct open_how *how)
{
    return syscall6(NR_openat2, dirfd, (long)path, (long)how,
                    sizeof *how, 0, 0);
}
/* fstat(fd, st) -> 0 | -EBADF */
static inline long sys_fstat(int fd, struct stat *st)
{
    return syscall6(NR_fstat, fd, (long)st, 0, 0, 0, 0);
}
/* clock_gettime(clock, ts) -> 0 | -EINVAL */
static inline long sys_clock_gettime(int clock, struct timespec *ts)
{
    return syscall6(NR_clock_gettime, clock, (long)ts, 0, 0, 0, 0);
}

/* sendfile(out, in, offset, count) -> bytes sent | -EINTR -EPIPE
 *   -EAGAIN (a send timeout) ... ; advances *offset */
static inline long sys_sendfile(int out, int in, int64_t *offset,
                                size_t count)
{
    return syscall6(NR_sendfile, out, in, (long)offset, (long)count,
                    0, 0);
}
/* getpeername(fd, addr, addrlen) -> 0 | -ENOTCONN -ENOTSOCK */
static inline long sys_getpeername(int fd, void *addr, unsigned *addrlen)
{
    return syscall6(NR_getpeername, fd, (long)addr, (long)addrlen, 0, 0,
                    0);
}
/* getdents64(fd, buf, len) -> bytes of records, 0 at end | -ENOTDIR */
static inline long sys_getdents64(int fd, void *buf, size_t len)
{
    return syscall6(NR_getdents64, fd, (long)buf, (long)len, 0, 0, 0);
}

/* newfstatat(dirfd, name, st, flags) -> 0 | -ENOENT -EACCES ... */
static inline long sys_fstatat(int dirfd, const char *name,
                               struct stat *st, int flags)
{
    return syscall6(NR_newfstatat, dirfd, (long)name, (long)st, flags,
                    0, 0);
}
/* mmap(addr, len, prot, flags, fd, off) -> address | -ENOMEM ... */
static inline long sys_mmap(void *addr, size_t len, int prot, int flags,
                            int fd, long off)
{
    return syscall6(NR_mmap, (long)addr, (long)len, prot, flags, fd, off);
}

/* mremap(old, oldlen, newlen, flags) -> new address | -ENOMEM */
static inline long sys_mremap(void *old, size_t oldlen, size_t newlen,
                              int flags)
{
    return syscall6(NR_mremap, (long)old, (long)oldlen, (long)newlen,
                    flags, 0, 0);
}

/* munmap(addr, len) -> 0 | -EINVAL */
static inline long sys_munmap(void *addr, size_t len)
{
    return syscall6(NR_munmap, (long)addr, (long)len, 0, 0, 0, 0);
}
/* linkat(fromdir, from, todir, to, flags) -> 0 | -EEXIST -ENOENT ... */
static inline long sys_linkat(int fromdir, const char *from, int todir,
                              const char *to, int flags)
{
    return syscall6(NR_linkat, fromdir, (long)from, todir, (long)to,
                    flags, 0);
}

/* renameat2(fromdir, from, todir, to, flags) -> 0 | -EISDIR ... */
static inline long sys_renameat2(int fromdir, const char *from,
                                 int todir, const char *to, int flags)
{
    return syscall6(NR_renameat2, fromdir, (long)from, todir, (long)to,
                    flags, 0);
}

/* unlinkat(dir, name, flags) -> 0 | -ENOENT -EISDIR -EACCES ... */
static inline long sys_unlinkat(int dir, const char *name, int flags)
{
    return syscall6(NR_unlinkat, dir, (long)name, flags, 0, 0, 0);
}
/* flock(fd, operation) -> 0 | -EINTR -ENOLCK -EBADF */
static inline long sys_flock(int fd, int operation)
{
    return syscall6(NR_flock, fd, operation, 0, 0, 0, 0);
}

/* fdatasync(fd) -> 0 | -EIO -ENOSPC -EDQUOT */
static inline long sys_fdatasync(int fd)
{
    return syscall6(NR_fdatasync, fd, 0, 0, 0, 0, 0);
}
/* epoll_create1(flags) -> fd | -EMFILE -ENOMEM */
static inline long sys_epoll_create1(int flags)
{
    return syscall6(NR_epoll_create1, flags, 0, 0, 0, 0, 0);
}

/* epoll_ctl(ep, op, fd, event) -> 0 | -EEXIST -ENOENT -ENOMEM ... */
static inline long sys_epoll_ctl(int ep, int op, int fd,
                                 struct epoll_event *ev)
{
    return syscall6(NR_epoll_ctl, ep, op, fd, (long)ev, 0, 0);
}

/* epoll_pwait(ep, events, max, ms, mask, sizeof mask) -> ready | -EINTR;
 * ms -1: no time limit; the mask holds only while it sleeps */
static inline long sys_epoll_pwait(int ep, struct epoll_event *ev,
                                   int max, int ms, const uint64_t *mask)
{
    return syscall6(NR_epoll_pwait, ep, (long)ev, max, ms, (long)mask,
                    sizeof *mask);
}

/* kill(pid, sig) -> 0 | -ESRCH -EPERM */
static inline long sys_kill(int pid, int sig)
{
    return syscall6(NR_kill, pid, sig, 0, 0, 0, 0);
}

/* getpid() and getppid() -> a pid; they cannot fail */
static inline long sys_getpid(void)
{
    return syscall6(NR_getpid, 0, 0, 0, 0, 0, 0);
}

static inline long sys_getppid(void)
{
    return syscall6(NR_getppid, 0, 0, 0, 0, 0, 0);
}

/* prctl(option, arg) -> 0 | -EINVAL */
static inline long sys_prctl(int option, unsigned long arg)
{
    return syscall6(NR_prctl, option, (long)arg, 0, 0, 0, 0);
}

/* prlimit64(0, resource, new, old): this process's limit -> 0 | -EPERM
 * (a soft limit above the hard one, or a hard one raised) -EINVAL */
static inline long sys_prlimit(int resource, const struct rlimit64 *new,
                               struct rlimit64 *old)
{
    return syscall6(NR_prlimit64, 0, resource, (long)new, (long)old, 0, 0);
}

/* sched_getaffinity(0, len, mask) -> bytes of mask filled | -EINVAL */
static inline long sys_sched_getaffinity(size_t len, uint64_t *mask)
{
    return syscall6(NR_sched_getaffinity, 0, (long)len, (long)mask, 0, 0,
                    0);
}

/* fcntl(fd, cmd, arg) -> depends on cmd | -EBADF -EMFILE ... */
static inline long sys_fcntl(int fd, int cmd, long arg)
{
    return syscall6(NR_fcntl, fd, cmd, arg, 0, 0, 0);
}

/* dup3(old, new, flags) -> new | -EBADF -EINVAL (old == new) */
static inline long sys_dup3(int old, int new, int flags)
{
    return syscall6(NR_dup3, old, new, flags, 0, 0, 0);
}

/* sendto(fd, buf, len, flags, 0, 0) -> bytes | -EAGAIN -EPIPE ... */
static inline long sys_sendto(int fd, const void *buf, size_t len,
                              int flags)
{
    return syscall6(NR_sendto, fd, (long)buf, (long)len, flags, 0, 0);
}

/* chroot(path), fchdir(fd) -> 0 | -EPERM (no CAP_SYS_CHROOT) -ENOTDIR */
static inline long sys_chroot(const char *path)
{
    return syscall6(NR_chroot, (long)path, 0, 0, 0, 0, 0);
}

static inline long sys_fchdir(int fd)
{
    return syscall6(NR_fchdir, fd, 0, 0, 0, 0, 0);
}

/* setgroups(n, list), setgid(g), setuid(u) -> 0 | -EPERM -EINVAL */
static inline long sys_setgroups(long n, const uint32_t *list)
{
    return syscall6(NR_setgroups, n, (long)list, 0, 0, 0, 0);
}

static inline long sys_setgid(uint32_t gid)
{
    return syscall6(NR_setgid, gid, 0, 0, 0, 0, 0);
}

static inline long sys_setuid(uint32_t uid)
{
    return syscall6(NR_setuid, uid, 0, 0, 0, 0, 0);
}

/* getgroups(0, 0) -> how many supplementary groups */
static inline long sys_getgroups(long n, uint32_t *list)
{
    return syscall6(NR_getgroups, n, (long)list, 0, 0, 0, 0);
}

/* getresuid(r, e, s), getresgid(r, e, s) -> 0; geteuid() -> the uid */
static inline long sys_getresuid(uint32_t *r, uint32_t *e, uint32_t *s)
{
    return syscall6(NR_getresuid, (long)r, (long)e, (long)s, 0, 0, 0);
}

static inline long sys_getresgid(uint32_t *r, uint32_t *e, uint32_t *s)
{
    return syscall6(NR_getresgid, (long)r, (long)e, (long)s, 0, 0, 0);
}

static inline long sys_geteuid(void)
{
    return syscall6(NR_geteuid, 0, 0, 0, 0, 0, 0);
}

/* seccomp(op, flags, arg) -> 0 | -EINVAL -ENOSYS -EOPNOTSUPP -EACCES */
static inline long sys_seccomp(unsigned op, unsigned flags,
                               const void *arg)
{
    return syscall6(NR_seccomp, op, flags, (long)arg, 0, 0, 0);
}

/* landlock_create_ruleset(attr, size, flags) -> fd | ABI | -ENOSYS
 * -EOPNOTSUPP (built in, turned off at boot) */
static inline long sys_landlock_create_ruleset(const void *attr,
                                               size_t size, unsigned flags)
{
    return syscall6(NR_landlock_create_ruleset, (long)attr, (long)size,
                    flags, 0, 0, 0);
}

/* landlock_add_rule(set, type, rule, 0), landlock_restrict_self(set, 0)
 * -> 0 | -EINVAL -EPERM (no PR_SET_NO_NEW_PRIVS) */
static inline long sys_landlock_add_rule(int set, int type,
                                         const void *rule)
{
    return syscall6(NR_landlock_add_rule, set, type, (long)rule, 0, 0, 0);
}

static inline long sys_landlock_restrict_self(int set, unsigned flags)
{
    return syscall6(NR_landlock_restrict_self, set, flags, 0, 0, 0, 0);
}
/* pread64(fd, buf, count, offset) -> bytes read, 0 at end | -EIO ... */
static inline long sys_pread64(int fd, void *buf, size_t count,
                               int64_t offset)
{
    return syscall6(NR_pread64, fd, (long)buf, (long)count, offset, 0, 0);
}

/* getsockname(fd, addr, &len) -> 0 | -EBADF -ENOTSOCK */
static inline long sys_getsockname(int fd, void *addr, unsigned *len)
{
    return syscall6(NR_getsockname, fd, (long)addr, (long)len, 0, 0, 0);
}

/* getsockopt(fd, level, name, value, &len) -> 0 | -EBADF -ENOTSOCK
 * -ENOPROTOOPT */
static inline long sys_getsockopt(int fd, int level, int name,
                                  void *value, unsigned *len)
{
    return syscall6(NR_getsockopt, fd, level, name, (long)value,
                    (long)len, 0);
}

#endif
