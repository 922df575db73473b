/* proc.h: child processes, one per connection. */
#ifndef DRONGO_PROC_H
#define DRONGO_PROC_H

#define PROC_CHILDREN_MAX 65535 /* alive at once; the most -c allows */

void proc_init(void);           /* ignore SIGPIPE, catch SIGCHLD */
void proc_wait_for_client(int listener);    /* reaping meanwhile */
long proc_spawn(void);          /* 0 in the child, pid, or -errno */
unsigned long proc_live(void);  /* own children not yet reaped */

#endif
