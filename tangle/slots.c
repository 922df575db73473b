/* slots.c: a worker's connections, in the order they were last active. */
#include "sys.h"
#include "slots.h"

static char *table;             /* n slots of size bytes */
static size_t stride;
static unsigned count, used;
static int32_t newer[SLOTS_MAX], older[SLOTS_MAX]; /* -1: none */
static uint32_t uses[SLOTS_MAX];
static int32_t free_top = -1, oldest = -1, newest = -1;

long slots_init(unsigned n, size_t size)
{
    long p;

    stride = (size + 63) / 64 * 64;     /* each slot on its own lines */
    p = sys_mmap(0, n * stride, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p < 0 && p > -4096)
        return p;
    table = (char *)p;
    count = n;
    for (unsigned i = n; i-- > 0;) {
        newer[i] = free_top;            /* the free stack uses newer[] */
        free_top = (int32_t)i;
    }
    return 0;
}

void *slots_at(unsigned i)
{
    return table + i * stride;
}

unsigned slots_used(void)
{
    return used;
}

static void unlink_slot(unsigned i)
{
    if (older[i] >= 0) newer[older[i]] = newer[i];
    else oldest = newer[i];
    if (newer[i] >= 0) older[newer[i]] = older[i];
    else newest = older[i];
}

static void link_newest(unsigned i)
{
    older[i] = newest;
    newer[i] = -1;
    if (newest >= 0) newer[newest] = (int32_t)i;
    else oldest = (int32_t)i;
    newest = (int32_t)i;
}

void slots_touch(unsigned i)
{
    unlink_slot(i);
    link_newest(i);
}

long slots_oldest(void)
{
    return oldest;
}

long slots_newer(unsigned i)
{
    return newer[i];
}

long slots_take(void)
{
    int32_t i = free_top;

    if (i < 0)
        return -1;
    free_top = newer[i];
    uses[i]++;
    used++;
    link_newest((unsigned)i);
    return i;
}

void slots_free(unsigned i)
{
    unlink_slot(i);
    newer[i] = free_top;
    free_top = (int32_t)i;
    uses[i]++;                          /* its old tags go stale */
    used--;
}

uint64_t slots_tag(unsigned i)
{
    return (uint64_t)uses[i] << 32 | i;
}

long slots_of_tag(uint64_t tag)
{
    uint32_t i = (uint32_t)tag;

    return i < count && uses[i] == (uint32_t)(tag >> 32) ? (long)i : -1;
}
