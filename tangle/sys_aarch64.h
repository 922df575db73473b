/* sys_aarch64.h: Linux system calls on AArch64 (svc #0, x8, x0-x5). */
#ifndef DRONGO_SYS_AARCH64_H
#define DRONGO_SYS_AARCH64_H

#define NR_write        64
#define NR_exit_group   94
#define NR_read         63
#define NR_close        57
#define NR_socket       198
#define NR_bind         200
#define NR_listen       201
#define NR_setsockopt   208
#define NR_accept4      242
#define NR_nanosleep    101
#define NR_clone        220
#define NR_wait4        260
#define NR_rt_sigaction 134
#define NR_rt_sigreturn 139
#define NR_rt_sigprocmask 135
#define NR_ppoll        73
#define NR_recvfrom     207
#define NR_shutdown     210
#define NR_writev       66
#define NR_openat       56
#define NR_fstat        80
#define NR_openat2      437

#define O_DIRECTORY     040000
#define O_NOFOLLOW      0100000
struct stat {                   /* the generic layout, 128 bytes */
    unsigned long st_dev, st_ino;
    unsigned int st_mode, st_nlink, st_uid, st_gid;
    unsigned long st_rdev, pad1;
    long st_size;
    int st_blksize, pad2;
    long st_blocks;
    long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec;
    long st_ctime, st_ctime_nsec;
    unsigned int unused[2];
};
#define NR_clock_gettime 113
#define NR_sendfile     71
#define NR_getpeername  205
#define NR_getdents64   61
#define NR_newfstatat   79
#define NR_munmap       215
#define NR_mremap       216
#define NR_mmap         222
#define NR_unlinkat     35
#define NR_linkat       37
#define NR_flock        32
#define NR_fdatasync    83
#define NR_renameat2    276
#define NR_epoll_create1 20
#define NR_epoll_ctl    21
#define NR_epoll_pwait  22
#define NR_dup3         24
#define NR_fcntl        25
#define NR_sched_getaffinity 123
#define NR_kill         129
#define NR_prctl        167
#define NR_getpid       172
#define NR_getppid      173
#define NR_sendto       206
#define NR_prlimit64    261
struct epoll_event {            /* natural layout: 16 bytes */
    uint32_t events;
    uint64_t data;              /* the caller's own: drongo's slot */
};
_Static_assert(sizeof(struct epoll_event) == 16, "16 bytes on AArch64");
#define NR_fchdir       50
#define NR_chroot       51
#define NR_setgid       144
#define NR_setuid       146
#define NR_getresuid    148
#define NR_getresgid    150
#define NR_getgroups    158
#define NR_setgroups    159
#define NR_geteuid      175
#define NR_seccomp      277
#define NR_landlock_create_ruleset 444
#define NR_landlock_add_rule 445
#define NR_landlock_restrict_self 446
#define AUDIT_ARCH_SELF 0xc00000b7u /* AUDIT_ARCH_AARCH64: EM 183 */
#define NR_pread64      67
#define NR_getsockname  204
#define NR_getsockopt   209

static inline long syscall6(long nr, long a, long b, long c,
                            long d, long e, long f)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;

    __asm__ volatile("svc #0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4),
                       "r"(x5)
                     : "memory");
    return x0;
}

#endif
