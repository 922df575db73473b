/* drop.c: root given up, the docroot made the root, and checked. */
#include "sys.h"
#include "text.h"
#include "io.h"
#include "account.h"
#include "drop.h"

static long find_account(const char *file, const char *name, size_t len,
                         int (*parse)(const char *, size_t,
                                      struct account_entry *),
                         struct drop_ids *out)
{
    struct stat st;
    long fd = sys_openat(AT_FDCWD, file, O_RDONLY | O_CLOEXEC, 0), e;
    const char *map;

    if (fd < 0)
        return fd;
    e = sys_fstat((int)fd, &st);
    map = e < 0 || st.st_size == 0 ? 0 : (const char *)sys_mmap(
              0, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, (int)fd, 0);
    sys_close((int)fd);
    if (e < 0 || (long)map < 0)
        return e < 0 ? e : (long)map;
    e = -ENOENT;
    for (size_t at = 0, end; map && at < (size_t)st.st_size; at = end + 1) {
        struct account_entry a;

        for (end = at; end < (size_t)st.st_size && map[end] != '\n'; end++)
            ;
        if (parse(map + at, end - at, &a) == 0 &&
            account_named(&a, name, len)) {
            out->uid = a.id;
            out->gid = a.gid;
            e = 0;
            break;
        }
    }
    if (map)
        sys_munmap((void *)map, (size_t)st.st_size);
    return e;
}

static int account_missing(const char *what, const char *name,
                           size_t len, const char *file, long e)
{
    char shown[ACCOUNT_NAME_SHOWN + 1];
    size_t n = len < ACCOUNT_NAME_SHOWN ? len : ACCOUNT_NAME_SHOWN;

    for (size_t i = 0; i < n; i++)
        shown[i] = name[i];
    shown[n] = '\0';
    if (e == -ENOENT)
        io_say(STDERR, "drongo: no ", what, " '", shown, "' in ", file,
               " (give -u USER[:GROUP] that exists)\n", (char *)0);
    else
        io_say(STDERR, "drongo: cannot read ", file, "\n", (char *)0);
    return 2;
}

int drop_lookup(const char *spec, struct drop_ids *ids)
{
    size_t user = 0;
    long e;

    while (spec[user] && spec[user] != ':')
        user++;
    e = find_account(DROP_PASSWD, spec, user, account_passwd_line, ids);
    if (e < 0)
        return account_missing("user", spec, user, DROP_PASSWD, e);
    if (spec[user] == ':') {
        struct drop_ids g;
        const char *group = spec + user + 1;

        e = find_account(DROP_GROUP, group, text_len(group),
                         account_group_line, &g);
        if (e < 0)
            return account_missing("group", group, text_len(group),
                                   DROP_GROUP, e);
        ids->gid = g.gid;
    }
    if (ids->uid == 0) {
        io_say(STDERR, "drongo: will not serve as root: give -u an "
               "unprivileged USER (default " DROP_USER_DEFAULT ")\n",
               (char *)0);
        return 2;
    }
    return 0;
}

static int step_refused(const char *step, long e, const char *cap)
{
    char n[24];
    struct text_buf b = TEXT_BUF(n);

    text_put_uint(&b, (uint64_t)-e);
    text_put_bytes(&b, "", 1);
    if (e == -EPERM)
        io_say(STDERR, "drongo: ", step, ": not permitted (needs ", cap,
               "; start as root, or leave out -u and -C)\n", (char *)0);
    else
        io_say(STDERR, "drongo: ", step, ": error ", n, "\n", (char *)0);
    return 2;
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static int drop_held(int docroot, int chroot,
                     const struct drop_ids *ids, int changed)
{
    uint32_t u[3] = { 0, 0, 0 }, g[3] = { 0, 0, 0 };
    struct stat top, up, root;
    int ok = sys_getresuid(u, u + 1, u + 2) == 0 &&
             sys_getresgid(g, g + 1, g + 2) == 0 &&
             u[0] == ids->uid && u[1] == ids->uid && u[2] == ids->uid &&
             sys_setuid(0) == -EPERM && sys_setgid(0) == -EPERM;

    if (ok && changed)
        ok = g[0] == ids->gid && g[1] == ids->gid && g[2] == ids->gid &&
             sys_getgroups(0, 0) == 0;
    if (ok && chroot)
        ok = sys_fstat(docroot, &root) == 0 &&
             sys_fstatat(AT_FDCWD, "/", &top, 0) == 0 &&
             sys_fstatat(AT_FDCWD, "/..", &up, 0) == 0 &&
             same_file(&top, &root) && same_file(&up, &root);
    if (!ok)
        io_say(STDERR, "drongo: the privilege drop did not hold; "
               "not serving\n", (char *)0);
    return ok;
}

int drop_wanted(int user_given, int chroot)
{
    return sys_geteuid() == 0 || user_given || chroot;
}

int drop_privileges(int docroot, int chroot, const struct drop_ids *ids)
{
    int changed = sys_geteuid() != ids->uid;
    long e = 0;

    if (chroot && ((e = sys_fchdir(docroot)) < 0 ||
                   (e = sys_chroot(".")) < 0))
        return step_refused("chroot into the docroot", e, "CAP_SYS_CHROOT");
    if (changed && (e = sys_setgroups(0, 0)) < 0)
        return step_refused("setgroups", e, "CAP_SETGID");
    if (changed && (e = sys_setgid(ids->gid)) < 0)
        return step_refused("setgid", e, "CAP_SETGID");
    if (changed && (e = sys_setuid(ids->uid)) < 0)
        return step_refused("setuid", e, "CAP_SETUID");
    return drop_held(docroot, chroot, ids, changed) ? 0 : 1;
}
