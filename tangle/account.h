/* account.h: one line of /etc/passwd or /etc/group, read.  Pure. */
#ifndef DRONGO_ACCOUNT_H
#define DRONGO_ACCOUNT_H
#include <stddef.h>
#include <stdint.h>

#define ACCOUNT_ID_MAX 4294967294u  /* (uid_t)-1 means "no change" */

struct account_entry {
    const char *name;           /* the first field, in the line */
    size_t name_len;
    uint32_t id;                /* passwd: the uid; group: the gid */
    uint32_t gid;               /* passwd: the primary group */
};

int account_passwd_line(const char *line, size_t len,
                        struct account_entry *a);
int account_group_line(const char *line, size_t len,
                       struct account_entry *a);
int account_named(const struct account_entry *a, const char *name,
                  size_t name_len);
#endif
