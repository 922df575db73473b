/* limits.h: the resource limits drongo sets before serving. */
#ifndef DRONGO_LIMITS_H
#define DRONGO_LIMITS_H

#define LIMITS_FDS_PER_CONN 2   /* its socket, and a file being sent */
#define LIMITS_FDS_SPARE 32     /* listener, epoll, docroot, pages, ... */

unsigned long limits_apply(unsigned long conns);
#endif
