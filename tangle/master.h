/* master.h: the first process: starts the workers, restarts them,
 * stops them. */
#ifndef DRONGO_MASTER_H
#define DRONGO_MASTER_H

#define MASTER_WORKERS_MAX 64   /* -P at most */
#define MASTER_RESTART_MS 1000  /* a worker younger than this that dies
                                   is replaced only after this long */
#define MASTER_KILL_MARGIN 2    /* seconds after the grace: SIGKILL */
#define MASTER_BACKLOG 4096     /* connections queued before accept */

unsigned master_cpus(void);     /* processors this process may use */
int master_run(int shared_listener, unsigned workers, unsigned slots);
#endif
