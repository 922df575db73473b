/* net.h: listening TCP sockets. */
#ifndef DRONGO_NET_H
#define DRONGO_NET_H

#include <stdint.h>

#define NET_BACKLOG 128 /* connections queued before accept; more wait */
#define NET_ADDR_TEXT_MAX 46    /* bytes: any address as text, and NUL */

/* addr: 16 bytes, network order; IPv4 as ::ffff:a.b.c.d */
long net_listen(const uint8_t addr[16], unsigned port); /* fd | -errno */
void net_peer(int fd, char text[NET_ADDR_TEXT_MAX]);   /* or "-" */
/* fd: a socket another process made; on success its address and port
 * are filled in, and it closes on execve.  fd | -EBADF (not open)
 * -ENOTSOCK -ESOCKTNOSUPPORT (not TCP over IP) -EINVAL (not listening) */
long net_adopt(int fd, uint8_t addr[16], unsigned *port);

#endif
