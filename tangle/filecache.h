/* filecache.h: small files kept in memory, checked on every use. */
#ifndef DRONGO_FILECACHE_H
#define DRONGO_FILECACHE_H

#include "sys.h"

#define FILECACHE_FILE_MAX 16384 /* bytes; a larger file is sent by
                                    sendfile from the disk */
#define FILECACHE_SLOTS 32      /* files one process keeps: 512 KiB */
#define FILECACHE_NAME_MAX 256  /* bytes of a name kept, with its NUL */
#define FILECACHE_SETTLE_S 2    /* seconds since a file last changed */

struct filecache_entry;

struct filecache_entry *filecache_find(int root, const char *rel,
                                       struct stat *st);
struct filecache_entry *filecache_keep(int fd, const char *rel,
                                       const struct stat *st,
                                       int64_t now);
const char *filecache_bytes(const struct filecache_entry *e);
void filecache_release(struct filecache_entry *e);

#endif
