/* slots.c: a worker's connections, in the order they were last active. */
#include "sys.h"
#include "slots.h"

static char *slot_table;             /* n slots of size bytes */
static size_t slot_stride;
static unsigned slot_count, slots_in_use;
static int32_t link_newer[SLOTS_MAX], link_older[SLOTS_MAX]; /* -1: none */
static uint32_t slot_uses[SLOTS_MAX];
static int32_t free_top = -1, oldest_slot = -1, newest_slot = -1;

long slots_init(unsigned n, size_t size)
{
    long p;

    slot_stride = (size + 63) / 64 * 64; /* each slot on its own lines */
    p = sys_mmap(0, n * slot_stride, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p < 0 && p > -4096)
        return p;
    slot_table = (char *)p;
    slot_count = n;
    for (unsigned i = n; i-- > 0;) {
        link_newer[i] = free_top;       /* the free stack uses newer[] */
        free_top = (int32_t)i;
    }
    return 0;
}

void *slots_at(unsigned i)
{
    return slot_table + i * slot_stride;
}

unsigned slots_used(void)
{
    return slots_in_use;
}

static void unlink_slot(unsigned i)
{
    if (link_older[i] >= 0) link_newer[link_older[i]] = link_newer[i];
    else oldest_slot = link_newer[i];
    if (link_newer[i] >= 0) link_older[link_newer[i]] = link_older[i];
    else newest_slot = link_older[i];
}

static void link_newest(unsigned i)
{
    link_older[i] = newest_slot;
    link_newer[i] = -1;
    if (newest_slot >= 0) link_newer[newest_slot] = (int32_t)i;
    else oldest_slot = (int32_t)i;
    newest_slot = (int32_t)i;
}

void slots_touch(unsigned i)
{
    unlink_slot(i);
    link_newest(i);
}

long slots_oldest(void)
{
    return oldest_slot;
}

long slots_newer(unsigned i)
{
    return link_newer[i];
}

long slots_take(void)
{
    int32_t i = free_top;

    if (i < 0)
        return -1;
    free_top = link_newer[i];
    slot_uses[i]++;
    slots_in_use++;
    link_newest((unsigned)i);
    return i;
}

void slots_free(unsigned i)
{
    unlink_slot(i);
    link_newer[i] = free_top;
    free_top = (int32_t)i;
    slot_uses[i]++;                          /* its old tags go stale */
    slots_in_use--;
}

uint64_t slots_tag(unsigned i)
{
    return (uint64_t)slot_uses[i] << 32 | i;
}

long slots_of_tag(uint64_t tag)
{
    uint32_t i = (uint32_t)tag;

    return i < slot_count && slot_uses[i] == (uint32_t)(tag >> 32)
               ? (long)i : -1;
}
