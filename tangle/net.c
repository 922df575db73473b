/* net.c: listening TCP sockets. */
#include "sys.h"
#include "text.h"
#include "net.h"

struct net_sockaddr_in {
    uint16_t family;    /* AF_INET, in the machine's byte order */
    uint8_t port[2];    /* big-endian: high byte first */
    uint8_t addr[4];    /* a.b.c.d as the bytes a, b, c, d */
    uint8_t zero[8];    /* padding the kernel ignores */
};
_Static_assert(sizeof(struct net_sockaddr_in) == 16,
               "struct sockaddr_in is 16 bytes");

struct net_sockaddr_in6 {
    uint16_t family;    /* AF_INET6, in the machine's byte order */
    uint8_t port[2];    /* big-endian: high byte first */
    uint8_t flow[4];    /* flow information: 0, none */
    uint8_t addr[16];   /* the address, high byte first */
    uint32_t scope_id;  /* interface of a link-local address, or 0 */
};
_Static_assert(sizeof(struct net_sockaddr_in6) == 28,
               "struct sockaddr_in6 is 28 bytes");

union net_sockaddr {
    uint16_t family;            /* the first field of both forms */
    struct net_sockaddr_in in;
    struct net_sockaddr_in6 in6;
};

static unsigned sockaddr_of(union net_sockaddr *sa,
                            const uint8_t addr[16], unsigned port)
{
    uint8_t hi = (uint8_t)(port / 256), lo = (uint8_t)(port % 256);

    if (text_ipv4_mapped(addr)) {
        sa->in = (struct net_sockaddr_in){
            .family = AF_INET, .port = { hi, lo },
            .addr = { addr[12], addr[13], addr[14], addr[15] },
        };
        return sizeof sa->in;
    }
    sa->in6 = (struct net_sockaddr_in6){
        .family = AF_INET6, .port = { hi, lo },
    };
    for (int i = 0; i < 16; i++)
        sa->in6.addr[i] = addr[i];
    return sizeof sa->in6;
}

long net_listen(const uint8_t addr[16], unsigned port)
{
    union net_sockaddr sa;
    unsigned len = sockaddr_of(&sa, addr, port);
    int one = 1, zero = 0;
    long fd = sys_socket(sa.family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    long err;

    if (fd < 0)
        return fd;
    err = sys_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (err == 0 && sa.family == AF_INET6)
        err = sys_setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero,
                             sizeof zero);
    if (err == 0)
        err = sys_bind(fd, &sa, len);
    if (err == 0)
        err = sys_listen(fd, NET_BACKLOG);
    if (err < 0) {
        sys_close(fd);
        return err;
    }
    return fd;
}

void net_peer(int fd, char text[NET_ADDR_TEXT_MAX])
{
    union net_sockaddr sa = { 0 };
    unsigned len = sizeof sa;
    uint8_t addr[16] = { [10] = 0xff, 0xff };   /* ::ffff:, for IPv4 */
    struct text_buf b = { text, 0, NET_ADDR_TEXT_MAX - 1, 0 };

    if (sys_getpeername(fd, &sa, &len) < 0 ||
        (sa.family != AF_INET && sa.family != AF_INET6)) {
        text[0] = '-', text[1] = '\0';
        return;
    }
    for (int i = 0; i < 4 && sa.family == AF_INET; i++)
        addr[12 + i] = sa.in.addr[i];
    for (int i = 0; i < 16 && sa.family == AF_INET6; i++)
        addr[i] = sa.in6.addr[i];
    text_put_ip(&b, addr);          /* a mapped address as a.b.c.d */
    text[b.len] = '\0';             /* at most 39 characters */
}

static long socket_int(int fd, int name, int *value)
{
    unsigned len = sizeof *value;

    return sys_getsockopt(fd, SOL_SOCKET, name, value, &len);
}

long net_adopt(int fd, uint8_t addr[16], unsigned *port)
{
    int domain = 0, type = 0, protocol = 0, listening = 0;
    long err = socket_int(fd, SO_DOMAIN, &domain);

    if (err == 0)
        err = socket_int(fd, SO_TYPE, &type);
    if (err == 0)
        err = socket_int(fd, SO_PROTOCOL, &protocol);
    if (err == 0 && ((domain != AF_INET && domain != AF_INET6) ||
                     type != SOCK_STREAM || protocol != IPPROTO_TCP))
        err = -ESOCKTNOSUPPORT;
    if (err == 0)
        err = socket_int(fd, SO_ACCEPTCONN, &listening);
    if (err == 0 && !listening)
        err = -EINVAL;
    union net_sockaddr sa = { 0 };
    unsigned len = sizeof sa;

    if (err == 0)
        err = sys_getsockname(fd, &sa, &len);
    for (int i = 0; err == 0 && i < 16; i++)
        addr[i] = domain == AF_INET6 ? sa.in6.addr[i]
                  : i == 10 || i == 11 ? 0xff
                  : i >= 12 ? sa.in.addr[i - 12] : 0;
    if (err == 0)
        *port = sa.in.port[0] * 256u + sa.in.port[1];
    if (err == 0)
        err = sys_fcntl(fd, F_SETFD, FD_CLOEXEC);
    return err < 0 ? err : fd;
}
