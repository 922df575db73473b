/* main.c: the server's command line and its accept loop. */
#include "sys.h"
#include "text.h"
#include "io.h"
#include "net.h"
#include "conn.h"
#include "proc.h"
#include "file.h"
#include "get.h"
#include "errors.h"
#include "allow.h"
#include "target.h"
#include "upload.h"
#include "rules.h"
#include "master.h"
#include "limits.h"
#include "logwrite.h"
#include "drop.h"
#include "sandbox.h"
#include "activate.h"

enum { EXIT_OK = 0, EXIT_FAILURE = 1, EXIT_USAGE = 2 };

struct config {
    unsigned port;          /* -p: TCP port to listen on */
    uint8_t addr[16];       /* -b: address to listen on; IPv4 as mapped */
    unsigned long max_children; /* -c: live children at most */
    const char *docroot;            /* -r: the directory to serve */
    const char *error_pages;        /* -e: custom error pages, or 0 */
    unsigned idle_seconds;          /* -t: close idle connections after */
    int quiet;                      /* -q: no access log */
    int no_listings;                /* -n: 403 for directories without index */
    int writes;                     /* -w: PUT and DELETE allowed */
    uint64_t max_body;              /* -m: bytes in a body at most */
    unsigned workers;               /* -P: worker processes; 0: one per CPU */
    unsigned lifetime;              /* -k: seconds a connection may live */
    const char *user;               /* -u: the account to serve as, or 0 */
    int chroot;                     /* -C: make the docroot the root */
};

static const char usage[] =
    "usage: drongo [OPTION]...\n"
    "  -p PORT   TCP port to listen on, 1-65535 (default 8080)\n"
    "  -b ADDR   IPv4 or IPv6 address to listen on (default 127.0.0.1)\n"
    "  -c N      serve at most N connections at once (default 1024)\n"
    "  -P N      N worker processes, 1-64 (default: one per CPU)\n"
    "  -r DIR    serve the files under DIR (default: .)\n"
    "  -e DIR    custom error pages: DIR/404.html, DIR/500.html, ...\n"
    "  -t SECS   wait SECS seconds for a request head or an idle client;\n"
    "            readers and bodies must move 1 KiB per SECS (default 10)\n"
    "  -k SECS   end a connection after SECS seconds (default 300)\n"
    "  -q        quiet: no access log on standard output\n"
    "  -n        no directory listings (403 instead)\n"
    "  -w        allow writing files: PUT and DELETE (default: off)\n"
    "  -m BYTES  the largest body a PUT may have (default: 1 GiB)\n"
    "  -u USER   started as root, serve as USER[:GROUP] (default nobody)\n"
    "  -C        started as root, make the docroot the root directory\n"
    "  -h        show this help and exit\n";

enum { FLAGS_OK, FLAGS_HELP, FLAGS_BAD };

static int bad_value(const char *flag, const char *value,
                     const char *want)
{
    io_say(STDERR, "drongo: bad value '", value, "' for ", flag,
           " (want ", want, ")\n", (char *)0);
    return FLAGS_BAD;
}

static int parse_flags(int argc, char **argv, struct config *cfg)
{
    for (int i = 1; i < argc; i++) {
        const char *flag = argv[i];

        if (text_eq(flag, "-h"))
            return FLAGS_HELP;
        if (text_eq(flag, "-q")) {
            cfg->quiet = 1;
            continue;
        }
        if (text_eq(flag, "-n")) {
            cfg->no_listings = 1;
            continue;
        }
        if (text_eq(flag, "-w")) {
            cfg->writes = 1;
            continue;
        }
        if (text_eq(flag, "-C")) {
            cfg->chroot = 1;
            continue;
        }
        if (flag[0] != '-' || flag[1] == '\0' || flag[2] != '\0') {
            io_say(STDERR, "drongo: unexpected argument '", flag,
                   "' (try -h)\n", (char *)0);
            return FLAGS_BAD;
        }
        if (i + 1 == argc) {
            io_say(STDERR, "drongo: ", flag, " needs a value (try -h)\n",
                   (char *)0);
            return FLAGS_BAD;
        }
        const char *value = argv[++i];
        uint64_t n;

        switch (flag[1]) {
        case 'p':
            if (text_parse_uint(value, 65535, &n) != 0 || n == 0)
                return bad_value(flag, value, "a port from 1 to 65535");
            cfg->port = (unsigned)n;
            break;
        case 'b':
            if (text_parse_ip(value, cfg->addr) != 0)
                return bad_value(flag, value,
                                 "an IPv4 or IPv6 address like 127.0.0.1 or ::1");
            break;
        case 'c':
            if (text_parse_uint(value, PROC_CHILDREN_MAX, &n) != 0 || n == 0)
                return bad_value(flag, value, "a number from 1 to 65535");
            cfg->max_children = n;
            break;
        case 'r':
            cfg->docroot = value;
            break;
        case 'e':
            cfg->error_pages = value;
            break;
        case 't':
            if (text_parse_uint(value, 3600, &n) != 0 || n == 0)
                return bad_value(flag, value, "seconds from 1 to 3600");
            cfg->idle_seconds = (unsigned)n;
            break;
        case 'm':
            if (text_parse_uint(value, UPLOAD_MAX_LIMIT, &n) != 0)
                return bad_value(flag, value, "bytes, at most 18 digits");
            cfg->max_body = n;
            break;
        case 'P':
            if (text_parse_uint(value, MASTER_WORKERS_MAX, &n) != 0 || n == 0)
                return bad_value(flag, value, "a number from 1 to 64");
            cfg->workers = (unsigned)n;
            break;
        case 'k':
            if (text_parse_uint(value, 86400, &n) != 0 || n == 0)
                return bad_value(flag, value, "seconds from 1 to 86400");
            cfg->lifetime = (unsigned)n;
            break;
        case 'u':
            cfg->user = value;
            break;
        default:
            io_say(STDERR, "drongo: unknown option '", flag, "' (try -h)\n",
                   (char *)0);
            return FLAGS_BAD;
        }
    }
    return FLAGS_OK;
}

static void put_endpoint(struct text_buf *b, const struct config *cfg)
{
    int v6 = !text_ipv4_mapped(cfg->addr);

    text_put(b, v6 ? "[" : "");         /* http://[::1]:8080/ */
    text_put_ip(b, cfg->addr);
    text_put(b, v6 ? "]:" : ":");
    text_put_uint(b, cfg->port);
    text_put_bytes(b, "", 1);           /* the terminating NUL */
}


static void describe_listen_error(struct text_buf *b, long err)
{
    switch (-err) {
    case EADDRINUSE:
        text_put(b, "address already in use");
        break;
    case EACCES:
        text_put(b, "permission denied (ports below 1024 need "
                    "CAP_NET_BIND_SERVICE)");
        break;
    case EADDRNOTAVAIL:
        text_put(b, "no interface has that address");
        break;
    case EAFNOSUPPORT:
        text_put(b, "this system has IPv6 turned off");
        break;
    default:
        text_put(b, "error ");
        text_put_uint(b, (uint64_t)-err);
    }
    text_put_bytes(b, "", 1);
}

static long open_directory(const char *what, const char *dir)
{
    long fd = file_open_docroot(dir);

    if (fd < 0)
        io_say(STDERR, "drongo: cannot open the ", what, " '", dir, "' (",
               fd == -ENOENT ? "no such directory" :
               fd == -ENOTDIR ? "not a directory" :
               fd == -EACCES ? "permission denied" : "unexpected error",
               ")\n", (char *)0);
    return fd;
}

static void describe_adopt_error(struct text_buf *b, long err)
{
    switch (-err) {
    case EBADF:
        text_put(b, "it is not open");
        break;
    case ENOTSOCK:
        text_put(b, "it is not a socket");
        break;
    case ESOCKTNOSUPPORT:
        text_put(b, "it is not a TCP socket over IPv4 or IPv6");
        break;
    case EINVAL:
        text_put(b, "the socket is not listening");
        break;
    default:
        text_put(b, "error ");
        text_put_uint(b, (uint64_t)-err);
    }
    text_put_bytes(b, "", 1);
}

int main(int argc, char **argv, char **envp)
{
    struct config cfg = {
        .port = 8080, .addr = { [10] = 0xff, 0xff, 127, 0, 0, 1 },
        .max_children = 1024,           /* now: connections, in all workers */
        .docroot = ".",
        .error_pages = 0,
        .idle_seconds = 10,
        .quiet = 0,
        .no_listings = 0,
        .writes = 0,
        .max_body = UPLOAD_MAX_DEFAULT,
        .workers = 0,
        .lifetime = KEEPALIVE_SECONDS_MAX,
        .user = 0,
        .chroot = 0,
    };
    char where[NET_ADDR_TEXT_MAX + sizeof "[]:65535"], why[96];
    struct text_buf at = TEXT_BUF(where), reason = TEXT_BUF(why);
    long listener;

    (void)envp;
    switch (parse_flags(argc, argv, &cfg)) {
    case FLAGS_HELP:
        return io_write_all(STDOUT, usage, sizeof usage - 1) == 0
                   ? EXIT_OK : EXIT_FAILURE;
    case FLAGS_BAD:
        return EXIT_USAGE;
    }
    put_endpoint(&at, &cfg);
    int handed = 0;

    switch (activate_take(envp, sys_getpid())) {
    case ACTIVATE_ONE:
        handed = 1;
        listener = net_adopt(ACTIVATE_FD, cfg.addr, &cfg.port);
        break;
    case ACTIVATE_BAD:
        io_say(STDERR, "drongo: LISTEN_PID and LISTEN_FDS must be numbers, "
               "LISTEN_FDS at least 1\n", (char *)0);
        return EXIT_USAGE;
    case ACTIVATE_MANY:
        io_say(STDERR, "drongo: LISTEN_FDS: drongo serves one socket; give "
               "its .socket unit one ListenStream=\n", (char *)0);
        return EXIT_USAGE;
    case ACTIVATE_NONE:
    default:
        listener = net_listen(cfg.addr, cfg.port);
    }
    if (handed && listener < 0) {
        describe_adopt_error(&reason, listener);
        io_say(STDERR, "drongo: cannot serve on descriptor 3 (LISTEN_FDS): ",
               why, "\n", (char *)0);
        return EXIT_USAGE;
    }
    if (handed) {
        at.len = 0;
        put_endpoint(&at, &cfg);
        io_say(STDERR, "drongo: serving the socket passed in LISTEN_FDS; "
               "-p and -b do not apply\n", (char *)0);
    }
    if (listener < 0) {
        describe_listen_error(&reason, listener);
        io_say(STDERR, "drongo: cannot listen on ", where, ": ", why, "\n",
               (char *)0);
        return EXIT_USAGE;
    }
    proc_init();
    long docroot = open_directory("docroot", cfg.docroot);
    if (docroot < 0)
        return EXIT_USAGE;
    get_use_docroot((int)docroot);
    if (cfg.error_pages) {
        long pages = open_directory("error page directory", cfg.error_pages);
        if (pages < 0)
            return EXIT_USAGE;
        errors_use_pages((int)pages);
    }
    conn_use_idle_timeout(cfg.idle_seconds);
    conn_use_access_log(!cfg.quiet);
    get_use_listings(!cfg.no_listings);
    target_use_docroot((int)docroot);
    allow_use_writes(cfg.writes);
    upload_use_limit(cfg.max_body);
    io_say(STDERR, "drongo: listening on http://", where, "/\n", (char *)0);
    unsigned workers = cfg.workers ? cfg.workers : master_cpus();
    unsigned long conns = limits_apply(cfg.max_children);
    long pages = cfg.error_pages ? file_open_docroot(cfg.error_pages) : -1;

    if (workers > MASTER_WORKERS_MAX)
        workers = MASTER_WORKERS_MAX;
    conn_use_lifetime(cfg.lifetime);
    logwrite_setup();
    if (drop_wanted(cfg.user != 0, cfg.chroot)) {
        struct drop_ids ids;
        int status = drop_lookup(cfg.user ? cfg.user : DROP_USER_DEFAULT,
                                 &ids);

        if (status == 0)
            status = drop_privileges((int)docroot, cfg.chroot, &ids);
        if (status != 0)
            return status;
    }
    sandbox_master((int)docroot, (int)pages, cfg.writes);
    return master_run((int)listener, workers,
                      (unsigned)((conns + workers - 1) / workers));
}
