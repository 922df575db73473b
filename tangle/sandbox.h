/* sandbox.h: no new privileges; the files the server may open; the
 * system calls a worker may make. */
#ifndef DRONGO_SANDBOX_H
#define DRONGO_SANDBOX_H

void sandbox_master(int docroot, int pages, int writes);
void sandbox_worker(void);
#endif
