/* proc.h: child processes, one per connection. */
#ifndef DRONGO_PROC_H
#define DRONGO_PROC_H

void proc_init(void);           /* ignore SIGPIPE, reap children */
long proc_spawn(void);          /* 0 in the child, pid, or -errno */
unsigned long proc_live(void);  /* children not yet reaped */

#endif
