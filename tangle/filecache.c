/* filecache.c: small files kept in memory, checked on every use. */
#include "sys.h"
#include "text.h"
#include "filecache.h"

struct filecache_entry {
    char rel[FILECACHE_NAME_MAX];       /* "": empty */
    struct stat st;                     /* the file when it was read */
    unsigned holders;                   /* replies sending its bytes */
    char bytes[FILECACHE_FILE_MAX];
};

#define FNV_OFFSET 2166136261u    /* FNV-1a, 32 bits: the start */
#define FNV_PRIME 16777619u       /* ... and the multiplier */

static struct filecache_entry kept[FILECACHE_SLOTS];

static struct filecache_entry *slot_of(const char *rel)
{
    uint32_t h = FNV_OFFSET;

    for (; *rel; rel++)
        h = (h ^ (unsigned char)*rel) * FNV_PRIME;
    return &kept[h % FILECACHE_SLOTS];
}

const char *filecache_bytes(const struct filecache_entry *e)
{
    return e->bytes;
}

static int unchanged(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
           a->st_mode == b->st_mode && a->st_size == b->st_size &&
           a->st_mtime == b->st_mtime &&
           a->st_mtime_nsec == b->st_mtime_nsec &&
           a->st_ctime == b->st_ctime &&
           a->st_ctime_nsec == b->st_ctime_nsec;
}

struct filecache_entry *filecache_find(int root, const char *rel,
                                       struct stat *st)
{
    struct filecache_entry *e = slot_of(rel);

    if (e->rel[0] == '\0' || !text_span_eq(e->rel, text_len(e->rel),
                                           rel, text_len(rel)))
        return 0;
    if (sys_fstatat(root, rel, st, AT_SYMLINK_NOFOLLOW) < 0 ||
        !unchanged(st, &e->st))
        return 0;
    e->holders++;
    return e;
}

void filecache_release(struct filecache_entry *e)
{
    if (e)
        e->holders--;
}

struct filecache_entry *filecache_keep(int fd, const char *rel,
                                       const struct stat *st,
                                       int64_t now)
{
    struct filecache_entry *e = slot_of(rel);
    size_t len = text_len(rel);

    if ((st->st_mode & S_IFMT) != S_IFREG ||
        st->st_size > FILECACHE_FILE_MAX || len >= FILECACHE_NAME_MAX ||
        now - st->st_ctime < FILECACHE_SETTLE_S || e->holders > 0)
        return 0;
    e->rel[0] = '\0';
    if (sys_pread64(fd, e->bytes, (size_t)st->st_size, 0) != st->st_size)
        return 0;
    for (size_t i = 0; i <= len; i++)
        e->rel[i] = rel[i];
    e->st = *st;
    e->holders = 1;
    return e;
}
