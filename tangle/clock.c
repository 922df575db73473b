/* clock.c: the time, from the vDSO where the kernel maps one. */
#include "sys.h"
#include "text.h"
#include "clock.h"

struct elf_header {
    unsigned char ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;       /* phoff: the program headers */
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf_segment { uint32_t type, flags;
                     uint64_t offset, vaddr, paddr, filesz, memsz, align; };
struct elf_dynamic { int64_t tag; uint64_t value; };
struct elf_symbol { uint32_t name; unsigned char info, other;
                    uint16_t shndx; uint64_t value, size; };

#define PT_LOAD 1               /* a segment mapped from the file */
#define PT_DYNAMIC 2            /* ... the dynamic section */
#define DT_NULL 0               /* the dynamic section's last entry */
#define DT_HASH 4               /* the System V hash table */
#define DT_STRTAB 5             /* the symbols' names */
#define DT_SYMTAB 6             /* the symbols */
#define STT_FUNC 2              /* a symbol's type: a function */
#define AT_NULL 0               /* the auxiliary vector's end */
#define AT_SYSINFO_EHDR 33      /* ... the vDSO's ELF header */

static uint64_t vdso_symbol(const struct elf_header *h, const char *want)
{
    const char *base = (const char *)h;
    const struct elf_segment *seg = (const void *)(base + h->phoff);
    const struct elf_dynamic *d = 0;
    const uint32_t *hash = 0;
    const struct elf_symbol *sym = 0;
    const char *names = 0;
    uint64_t bias = 0;

    for (unsigned i = h->phnum; i-- > 0;)
        if (seg[i].type == PT_LOAD)     /* the first one, at the end */
            bias = (uint64_t)base + seg[i].offset - seg[i].vaddr;
        else if (seg[i].type == PT_DYNAMIC)
            d = (const void *)(base + seg[i].offset);
    for (; d && d->tag != DT_NULL; d++)
        if (d->tag == DT_HASH)
            hash = (const void *)(d->value + bias);
        else if (d->tag == DT_SYMTAB)
            sym = (const void *)(d->value + bias);
        else if (d->tag == DT_STRTAB)
            names = (const char *)(d->value + bias);
    if (!hash || !sym || !names)
        return 0;
    for (uint32_t i = 0; i < hash[1]; i++) {
        const char *name = names + sym[i].name;
        if ((sym[i].info & 0xf) == STT_FUNC && sym[i].shndx != 0 &&
            text_span_eq(name, text_len(name), want, text_len(want)))
            return sym[i].value + bias;
    }
    return 0;
}

#if defined(__aarch64__)
#define VDSO_CLOCK_GETTIME "__kernel_clock_gettime"
#elif defined(__x86_64__)
#define VDSO_CLOCK_GETTIME "__vdso_clock_gettime"
#endif

typedef long (*clock_gettime_fn)(int clock, struct timespec *t);
static clock_gettime_fn vdso_clock_gettime;     /* 0: no vDSO */

void clock_use_auxv(const unsigned long *auxv)
{
    for (; auxv[0] != AT_NULL; auxv += 2)
        if (auxv[0] == AT_SYSINFO_EHDR && auxv[1] != 0)
            vdso_clock_gettime = (clock_gettime_fn)vdso_symbol(
                (const struct elf_header *)auxv[1], VDSO_CLOCK_GETTIME);
}

int clock_in_vdso(void)
{
    return vdso_clock_gettime != 0;
}

static struct timespec read_clock(int clock)
{
    struct timespec t = { 0, 0 };

    if (vdso_clock_gettime)
        vdso_clock_gettime(clock, &t);
    else
        sys_clock_gettime(clock, &t);
    return t;
}

int64_t clock_ms(void)
{
    struct timespec t = read_clock(CLOCK_MONOTONIC);

    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int64_t clock_unix(void)
{
    return read_clock(CLOCK_REALTIME).tv_sec;
}
