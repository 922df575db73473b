/* slots.h: a worker's connections, in the order they were last active. */
#ifndef DRONGO_SLOTS_H
#define DRONGO_SLOTS_H

#include <stddef.h>
#include <stdint.h>

#define SLOTS_MAX 65536         /* per worker: the most -c allows */

long slots_init(unsigned n, size_t size);       /* 0 | -ENOMEM */
long slots_take(void);          /* a free slot, the newest | -1: full */
void slots_free(unsigned i);
void *slots_at(unsigned i);
uint64_t slots_tag(unsigned i); /* the slot and its use, for epoll */
long slots_of_tag(uint64_t tag);        /* the slot | -1: a stale tag */
void slots_touch(unsigned i);   /* active now: it becomes the newest */
long slots_oldest(void);        /* the slot active longest ago | -1 */
long slots_newer(unsigned i);   /* the next newer in use | -1 */
unsigned slots_used(void);
#endif
