/* sys_x86_64.h: Linux system calls on x86-64 (syscall, rax, rdi...). */
#ifndef DRONGO_SYS_X86_64_H
#define DRONGO_SYS_X86_64_H

#define NR_write        1
#define NR_exit_group   231
#define NR_read         0
#define NR_close        3
#define NR_socket       41
#define NR_bind         49
#define NR_listen       50
#define NR_setsockopt   54
#define NR_accept4      288
#define NR_nanosleep    35
#define NR_clone        56
#define NR_wait4        61
#define NR_rt_sigaction 13
#define NR_rt_sigreturn 15
#define NR_rt_sigprocmask 14
#define NR_ppoll        271
#define NR_recvfrom     45
#define NR_shutdown     48
#define NR_writev       20
#define NR_openat       257
#define NR_fstat        5
#define NR_openat2      437

#define O_DIRECTORY     0200000
#define O_NOFOLLOW      0400000
struct stat {                   /* the x86-64 layout, 144 bytes */
    unsigned long st_dev, st_ino, st_nlink;
    unsigned int st_mode, st_uid, st_gid, pad0;
    unsigned long st_rdev;
    long st_size, st_blksize, st_blocks;
    long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec;
    long st_ctime, st_ctime_nsec;
    long unused[3];
};
#define NR_clock_gettime 228
#define NR_sendfile     40
#define NR_getpeername  52
#define NR_getdents64   217
#define NR_newfstatat   262
#define NR_munmap       11
#define NR_mremap       25
#define NR_mmap         9
#define NR_unlinkat     263
#define NR_linkat       265
#define NR_flock        73
#define NR_fdatasync    75
#define NR_renameat2    316
#define NR_epoll_create1 291
#define NR_epoll_ctl    233
#define NR_epoll_pwait  281
#define NR_dup3         292
#define NR_fcntl        72
#define NR_sched_getaffinity 204
#define NR_kill         62
#define NR_prctl        157
#define NR_getpid       39
#define NR_getppid      110
#define NR_sendto       44
#define NR_prlimit64    302
struct epoll_event {            /* packed: 12 bytes, data at offset 4 */
    uint32_t events;
    uint64_t data;              /* the caller's own: drongo's slot */
} __attribute__((packed));
_Static_assert(sizeof(struct epoll_event) == 12, "12 bytes on x86-64");
#define NR_fchdir       81
#define NR_chroot       161
#define NR_setgid       106
#define NR_setuid       105
#define NR_getresuid    118
#define NR_getresgid    120
#define NR_getgroups    115
#define NR_setgroups    116
#define NR_geteuid      107
#define NR_seccomp      317
#define NR_landlock_create_ruleset 444
#define NR_landlock_add_rule 445
#define NR_landlock_restrict_self 446
#define AUDIT_ARCH_SELF 0xc000003eu /* AUDIT_ARCH_X86_64: EM 62 */
#define NR_pread64      17
#define NR_getsockname  51
#define NR_getsockopt   55

static inline long syscall6(long nr, long a, long b, long c,
                            long d, long e, long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10),
                       "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

#endif
