/* drop.h: root given up, the docroot made the root, and checked. */
#ifndef DRONGO_DROP_H
#define DRONGO_DROP_H
#include <stdint.h>

#define DROP_USER_DEFAULT "nobody"  /* an account that owns nothing */
#define DROP_PASSWD "/etc/passwd"
#define DROP_GROUP "/etc/group"
#define ACCOUNT_NAME_SHOWN 64   /* bytes of a name said in a message */

struct drop_ids { uint32_t uid, gid; };

int drop_wanted(int user_given, int chroot);
int drop_lookup(const char *spec, struct drop_ids *ids);
int drop_privileges(int docroot, int chroot, const struct drop_ids *ids);
#endif
