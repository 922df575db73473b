/* worker.h: one process, an event loop over many connections. */
#ifndef DRONGO_WORKER_H
#define DRONGO_WORKER_H

#define WORKER_EVENTS_MAX 64    /* events taken from epoll per wake-up */
#define WORKER_ACCEPT_BATCH 16  /* connections accepted per wake-up */
#define WORKER_SWEEP_MS 100     /* deadlines are checked this often */
#define WORKER_PAUSE_MS 100     /* out of descriptors: accept again after */
#define WORKER_REPORT_MS 1000   /* ... and say so at most this often */

__attribute__((noreturn))
void worker_run(int listen_fd, unsigned slots, int master, int hup);
#endif
