/* target.h: the file a PUT or DELETE names: the directory it is in,
 * opened beneath the docroot as chapter 5 opens files, and its name. */
#ifndef DRONGO_TARGET_H
#define DRONGO_TARGET_H

#include <stdint.h>
#include "http.h"
#include "precond.h"

#define TARGET_NAME_MAX 255     /* bytes in a file name; more: 414 */

struct target {
    int dir;                        /* the parent directory, or -1 */
    char name[TARGET_NAME_MAX + 1]; /* the last segment, NUL-ended */
};

enum { TARGET_NONE, TARGET_FILE, TARGET_DIRECTORY, TARGET_OTHER };

void target_use_docroot(int fd);        /* before the first target */
enum status target_open(struct target *t, const struct http_request *req);
int target_look(const struct target *t, struct validators *v,
                int64_t now);
enum status target_lock(const struct target *t);
void target_unlock(const struct target *t);
void target_close(struct target *t);
enum status target_status(long err);

#endif
