/* tests/fuzz/slots.c: a worker's table of connections, against a model
 * of it, one operation per byte of the input. */
#include "fuzz.h"
#include "slots.h"

#define MODEL_SLOTS 16          /* slots: few, so that the table fills */
#define SLOT_BYTES 200          /* bytes: not a multiple of 64 */

static unsigned in_order[MODEL_SLOTS], used;    /* oldest first */
static unsigned free_stack[MODEL_SLOTS], free_n;
static uint64_t tag_now[MODEL_SLOTS], tag_old[MODEL_SLOTS];
static uint8_t stale[MODEL_SLOTS];              /* tag_old is set */

static void check_model(void)
{
    long p = slots_oldest();

    require(slots_used() == used, "slots_used counts the slots in use");
    for (unsigned k = 0; k < used; k++) {
        require(p == (long)in_order[k],
                "the list is in the order of last activity");
        require(slots_of_tag(tag_now[p]) == p,
                "a slot in use is found by its tag");
        p = slots_newer((unsigned)p);
    }
    require(p == -1, "the list ends with the newest slot");
    for (unsigned i = 0; i < MODEL_SLOTS; i++)
        require(!stale[i] || slots_of_tag(tag_old[i]) == -1,
                "a tag of an earlier use finds no slot");
}

static void take_slot(void)
{
    long i = slots_take();

    if (free_n == 0) {
        require(i == -1, "a full table gives no slot");
        return;
    }
    require(i == (long)free_stack[--free_n],
            "the slot freed last is taken first");
    in_order[used++] = (unsigned)i;
    tag_now[i] = slots_tag((unsigned)i);
    memset(slots_at((unsigned)i), (int)i, SLOT_BYTES);
}
static void unlist(unsigned k)
{
    memmove(in_order + k, in_order + k + 1,
            (used - k - 1) * sizeof *in_order);
    used--;
}

static void free_slot(unsigned k)
{
    unsigned i = in_order[k];
    const uint8_t *b = slots_at(i);

    for (size_t j = 0; j < SLOT_BYTES; j++)
        require(b[j] == (uint8_t)i, "a slot's bytes are its own");
    slots_free(i);
    unlist(k);
    free_stack[free_n++] = i;
    tag_old[i] = tag_now[i], stale[i] = 1;
}
static void touch_slot(unsigned k)
{
    unsigned i = in_order[k];

    slots_touch(i);
    unlist(k);
    in_order[used++] = i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (free_n + used == 0) {
        require(slots_init(MODEL_SLOTS, SLOT_BYTES) == 0, "the table maps");
        for (unsigned i = MODEL_SLOTS; i-- > 0;)
            free_stack[free_n++] = i;
    }
    for (size_t n = 0; n < size; n++) {
        unsigned op = data[n] & 3, k = used ? (data[n] >> 2) % used : 0;
        if (op < 2 || used == 0)
            take_slot();
        else if (op == 2)
            free_slot(k);
        else
            touch_slot(k);
        check_model();
    }
    while (used > 0)
        free_slot(used - 1);
    check_model();
    return 0;
}
