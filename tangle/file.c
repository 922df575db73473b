/* file.c: opening files beneath the docroot. */
#include "file.h"

long file_open_docroot(const char *dir)
{
    return sys_openat(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC,
                      0);
}

#define NAME_MAX 255            /* bytes in one file name */

static long open_by_walking(int root, const char *rel, int flags)
{
    char name[NAME_MAX + 1];
    int dir = root;

    for (;;) {
        size_t n = 0;
        while (rel[n] && rel[n] != '/')
            n++;
        if (n > NAME_MAX) {
            if (dir != root)
                sys_close(dir);
            return -ENAMETOOLONG;
        }
        for (size_t i = 0; i < n; i++)
            name[i] = rel[i];
        name[n] = '\0';
        int last = rel[n] == '\0';
        long fd = sys_openat(dir, name, last ? flags | O_NOFOLLOW
                             : O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC,
                             0);
        if (dir != root)
            sys_close(dir);
        if (fd < 0 || last)
            return fd;
        dir = (int)fd;
        rel += n + 1;
    }
}

#define FILE_OPEN_FLAGS (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)

static int have_openat2 = 1;

long file_open_beneath(int root, const char *rel)
{
    if (have_openat2) {
        struct open_how how = {
            .flags = FILE_OPEN_FLAGS,
            .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
                       RESOLVE_NO_MAGICLINKS,
        };
        long fd = sys_openat2(root, rel, &how);
        if (fd != -ENOSYS && fd != -EPERM)
            return fd;
        have_openat2 = 0;
    }
    return open_by_walking(root, rel, FILE_OPEN_FLAGS);
}

enum status file_status(long err)
{
    switch (-err) {
    case ENOENT:
    case ENOTDIR:
    case ENAMETOOLONG:
    case ENXIO:                 /* a socket file, or no such device */
    case ENODEV:
        return ST_NOT_FOUND;
    case ELOOP:                 /* a symlink, which we never follow */
    case EXDEV:                 /* RESOLVE_BENEATH: it would escape */
        return ST_NOT_FOUND;
    case EACCES:
    case EPERM:
        return ST_FORBIDDEN;
    case EMFILE:                /* out of descriptors: for now */
    case ENFILE:
        return ST_SERVICE_UNAVAILABLE;
    default:
        return ST_INTERNAL_ERROR;
    }
}
