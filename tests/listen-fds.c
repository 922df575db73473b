/* tests/listen-fds.c: start a program the way systemd starts a
 * socket-activated service, without systemd (sd_listen_fds(3)).
 *
 *   listen-fds [-k KIND] [-n COUNT] [-p PID] PORT PROGRAM [ARG]...
 *
 * Puts a socket on 127.0.0.1:PORT at descriptor 3, sets LISTEN_FDS=1 and
 * LISTEN_PID to its own pid, and executes PROGRAM in place, so that
 * PROGRAM (or qemu-user running it) has that pid.  For the refusals:
 *   -k KIND   what descriptor 3 is: tcp (listening; the default), tcp6
 *             (listening on ::1), bound (TCP, bound, not listening), udp,
 *             unix (a listening Unix socket), file (/dev/null), none
 *             (closed)
 *   -n COUNT  LISTEN_FDS as given, any text
 *   -p PID    LISTEN_PID as given ("parent": the pid of our parent)
 * A hosted program, built by the stage tests with the host's cc. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void die(const char *what)
{
    perror(what);
    exit(125);
}

static int make_socket(const char *kind, int port)
{
    struct sockaddr_in in = { .sin_family = AF_INET,
                              .sin_port = htons((unsigned short)port) };
    int one = 1, fd;

    in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (strcmp(kind, "file") == 0)
        return open("/dev/null", O_RDONLY);
    if (strcmp(kind, "tcp6") == 0) {
        struct sockaddr_in6 in6 = { .sin6_family = AF_INET6,
                                    .sin6_port = htons((unsigned short)port),
                                    .sin6_addr = IN6ADDR_LOOPBACK_INIT };
        fd = socket(AF_INET6, SOCK_STREAM, 0);
        if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
                                 sizeof one) < 0 ||
            bind(fd, (struct sockaddr *)&in6, sizeof in6) < 0 ||
            listen(fd, 128) < 0)
            die("tcp6 socket");
        return fd;
    }
    if (strcmp(kind, "unix") == 0) {
        struct sockaddr_un un = { .sun_family = AF_UNIX };
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        snprintf(un.sun_path, sizeof un.sun_path, "@listen-fds-%d", port);
        un.sun_path[0] = '\0';          /* abstract: nothing to clean up */
        if (fd < 0 || bind(fd, (struct sockaddr *)&un, sizeof un) < 0 ||
            listen(fd, 16) < 0)
            die("unix socket");
        return fd;
    }
    fd = socket(AF_INET, strcmp(kind, "udp") == 0 ? SOCK_DGRAM
                                                  : SOCK_STREAM, 0);
    if (fd < 0)
        die("socket");
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&in, sizeof in) < 0)
        die("bind");
    if (strcmp(kind, "tcp") == 0 && listen(fd, 128) < 0)
        die("listen");
    return fd;
}

int main(int argc, char **argv)
{
    const char *kind = "tcp", *count = "1", *pid = 0;
    char mine[32];
    int c, fd;

    while ((c = getopt(argc, argv, "+k:n:p:")) != -1) {
        if (c == 'k') kind = optarg;
        else if (c == 'n') count = optarg;
        else if (c == 'p') pid = optarg;
        else return 125;
    }
    if (argc - optind < 2) {
        fprintf(stderr, "usage: listen-fds [-k KIND] [-n COUNT] "
                        "[-p PID] PORT PROGRAM [ARG]...\n");
        return 125;
    }
    close(3);
    if (strcmp(kind, "none") != 0) {
        fd = make_socket(kind, atoi(argv[optind]));
        if (fd != 3 && (dup2(fd, 3) < 0 || close(fd) < 0))
            die("dup2");
    }
    if (pid && strcmp(pid, "parent") == 0)
        snprintf(mine, sizeof mine, "%ld", (long)getppid());
    else
        snprintf(mine, sizeof mine, "%ld", (long)getpid());
    setenv("LISTEN_PID", pid && strcmp(pid, "parent") != 0 ? pid : mine, 1);
    setenv("LISTEN_FDS", count, 1);
    setenv("LISTEN_FDNAMES", "http", 1);
    execvp(argv[optind + 1], argv + optind + 1);
    die(argv[optind + 1]);
}
