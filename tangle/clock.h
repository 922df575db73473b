/* clock.h: the time, from the vDSO where the kernel maps one. */
#ifndef DRONGO_CLOCK_H
#define DRONGO_CLOCK_H

#include <stdint.h>

void clock_use_auxv(const unsigned long *auxv); /* from start_c */
int64_t clock_ms(void);         /* the monotonic clock, milliseconds */
int64_t clock_unix(void);       /* the time of day, Unix seconds */
int clock_in_vdso(void);        /* 1: neither makes a system call */

#endif
