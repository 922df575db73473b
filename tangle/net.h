/* net.h: listening TCP sockets. */
#ifndef DRONGO_NET_H
#define DRONGO_NET_H

#include <stdint.h>

#define NET_BACKLOG 128 /* connections queued before accept; more wait */

long net_listen(const uint8_t addr[4], unsigned port); /* fd | -errno */
void net_peer(int fd, char text[16]);   /* "a.b.c.d", or "-" */

#endif
