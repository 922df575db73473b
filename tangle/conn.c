/* conn.c: serving one client connection. */
#include "sys.h"
#include "io.h"
#include "conn.h"

#define REQUEST_HEAD_MAX 16384  /* bytes; stop reading and answer */

#define STR_(x) #x
#define STR(x) STR_(x)

#define HELLO_BODY "Hello from drongo.\n"
#define HELLO_BODY_LEN 19
_Static_assert(sizeof HELLO_BODY - 1 == HELLO_BODY_LEN,
               "HELLO_BODY_LEN must be the body's length");

static const char hello[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: " STR(HELLO_BODY_LEN) "\r\n"
    "Connection: close\r\n"
    "\r\n"
    HELLO_BODY;

/* 0: the head has ended (or is too long); < 0: the client is gone. */
static long read_request_head(int fd)
{
    char buf[1024];
    size_t total = 0;
    int newlines = 0;

    while (total < REQUEST_HEAD_MAX) {
        long n = sys_read(fd, buf, sizeof buf);
        if (n == -EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? n : -1;      /* error, or end of file */
        for (long i = 0; i < n; i++) {
            if (buf[i] == '\n' && ++newlines == 2)
                return 0;
            if (buf[i] != '\n' && buf[i] != '\r')
                newlines = 0;
        }
        total += (size_t)n;
    }
    return 0;
}

void conn_serve(int fd)
{
    if (read_request_head(fd) == 0)
        io_write_all(fd, hello, sizeof hello - 1);
}

#define BUSY_BODY "Too many connections; try again shortly.\n"
#define BUSY_BODY_LEN 41
_Static_assert(sizeof BUSY_BODY - 1 == BUSY_BODY_LEN,
               "BUSY_BODY_LEN must be the body's length");

static const char busy[] =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: " STR(BUSY_BODY_LEN) "\r\n"
    "Retry-After: 1\r\n"
    "Connection: close\r\n"
    "\r\n"
    BUSY_BODY;

void conn_refuse(int fd)
{
    char scrap[1024];

    for (int i = 0; i < REQUEST_HEAD_MAX / (int)sizeof scrap; i++)
        if (sys_recvfrom(fd, scrap, sizeof scrap, MSG_DONTWAIT) <= 0)
            break;
    sys_write(fd, busy, sizeof busy - 1);
    sys_shutdown(fd, SHUT_WR);
}
