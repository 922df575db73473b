/* target.c: the file a PUT or DELETE names: the directory it is in,
 * opened beneath the docroot as chapter 5 opens files, and its name. */
#include "sys.h"
#include "text.h"
#include "http.h"
#include "path.h"
#include "file.h"
#include "precond.h"
#include "target.h"

static int docroot = -1;

void target_use_docroot(int fd)
{
    docroot = fd;
}

static enum status split_name(char *rel, struct target *t)
{
    size_t n = text_len(rel), slash = n;

    while (slash > 0 && rel[slash - 1] != '/')
        slash--;
    if (n - slash > TARGET_NAME_MAX)
        return ST_URI_TOO_LONG;
    for (size_t i = slash; i <= n; i++)
        t->name[i - slash] = rel[i];
    if (slash == 0) {
        rel[0] = '.';
        rel[1] = '\0';
    } else {
        rel[slash - 1] = '\0';
    }
    return ST_OK;
}

static enum status open_parent(const char *rel, struct target *t)
{
    struct stat st;
    long fd = file_open_beneath(docroot, rel);

    if (fd < 0)
        return target_status(fd);
    if (sys_fstat((int)fd, &st) < 0 || (st.st_mode & S_IFMT) != S_IFDIR) {
        sys_close((int)fd);
        return ST_CONFLICT;             /* a file where a directory is */
    }
    t->dir = (int)fd;
    return ST_OK;
}

enum status target_open(struct target *t, const struct http_request *req)
{
    char rel[PATH_REL_MAX];
    enum status st = path_relative(req->path, req->path_len, rel);

    t->dir = -1;
    t->name[0] = '\0';
    if (st == ST_NOT_FOUND)
        return ST_FORBIDDEN;            /* a dotfile: never written */
    if (st != ST_OK)
        return st;
    if (req->path[req->path_len - 1] == '/')
        return ST_METHOD_NOT_ALLOWED;   /* a directory */
    st = split_name(rel, t);
    if (st == ST_OK)
        st = open_parent(rel, t);
    return st;
}

int target_look(const struct target *t, struct validators *v,
                int64_t now)
{
    struct stat st;
    long e = sys_fstatat(t->dir, t->name, &st, AT_SYMLINK_NOFOLLOW);

    *v = (struct validators){ 0 };
    if (e == -ENOENT)
        return TARGET_NONE;
    if (e < 0)
        return (int)e;
    if ((st.st_mode & S_IFMT) == S_IFDIR)
        return TARGET_DIRECTORY;
    if ((st.st_mode & S_IFMT) != S_IFREG)
        return TARGET_OTHER;
    precond_file(v, st.st_ino, (uint64_t)st.st_size, st.st_mtime,
                 (uint64_t)st.st_mtime_nsec, now);
    return TARGET_FILE;
}

enum status target_lock(const struct target *t)
{
    long e;

    while ((e = sys_flock(t->dir, LOCK_EX)) == -EINTR)
        ;
    return e < 0 ? ST_INTERNAL_ERROR : ST_OK;
}

void target_unlock(const struct target *t)
{
    sys_flock(t->dir, LOCK_UN);
}

void target_close(struct target *t)
{
    if (t->dir >= 0)
        sys_close(t->dir);
    t->dir = -1;
}

enum status target_status(long err)
{
    switch (-err) {
    case ENOENT:                /* no such directory, or it vanished */
    case ENOTDIR:
    case ELOOP:                 /* a link where a directory must be */
    case EXDEV:                 /* RESOLVE_BENEATH: it would escape */
    case EEXIST:                /* the name became something else */
    case EISDIR:
    case ENOTEMPTY:
        return ST_CONFLICT;
    case ENAMETOOLONG:
        return ST_URI_TOO_LONG;
    case EACCES:
    case EPERM:
    case EROFS:
        return ST_FORBIDDEN;
    case ENOSPC:
    case EDQUOT:
        return ST_INSUFFICIENT_STORAGE;
    case EFBIG:
        return ST_CONTENT_TOO_LARGE;
    default:                    /* EOPNOTSUPP: no O_TMPFILE here */
        return ST_INTERNAL_ERROR;
    }
}
