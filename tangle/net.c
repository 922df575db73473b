/* net.c: listening TCP sockets. */
#include "sys.h"
#include "net.h"

struct net_sockaddr_in {
    uint16_t family;    /* AF_INET, in the machine's byte order */
    uint8_t port[2];    /* big-endian: high byte first */
    uint8_t addr[4];    /* a.b.c.d as the bytes a, b, c, d */
    uint8_t zero[8];    /* padding the kernel ignores */
};
_Static_assert(sizeof(struct net_sockaddr_in) == 16,
               "struct sockaddr_in is 16 bytes");

long net_listen(const uint8_t addr[4], unsigned port)
{
    struct net_sockaddr_in sa = {
        .family = AF_INET,
        .port = { (uint8_t)(port / 256), (uint8_t)(port % 256) },
        .addr = { addr[0], addr[1], addr[2], addr[3] },
    };
    int one = 1;
    long fd = sys_socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    long err;

    if (fd < 0)
        return fd;
    err = sys_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (err == 0)
        err = sys_bind(fd, &sa, sizeof sa);
    if (err == 0)
        err = sys_listen(fd, NET_BACKLOG);
    if (err < 0) {
        sys_close(fd);
        return err;
    }
    return fd;
}

#include "text.h"       /* for net_peer, below */

void net_peer(int fd, char text[16])
{
    struct net_sockaddr_in sa = { 0 };
    unsigned len = sizeof sa;
    struct text_buf b = { text, 0, 16, 0 };

    if (sys_getpeername(fd, &sa, &len) < 0 || sa.family != AF_INET) {
        text[0] = '-', text[1] = '\0';
        return;
    }
    for (int i = 0; i < 4; i++) {
        text_put_uint(&b, sa.addr[i]);
        if (i < 3)
            text_put(&b, ".");
    }
    text[b.len] = '\0';             /* at most 15 characters */
}
