/* activate.h: the listening socket a service manager hands over, as
 * sd_listen_fds(3) describes it.  No system calls. */
#ifndef DRONGO_ACTIVATE_H
#define DRONGO_ACTIVATE_H

#define ACTIVATE_FD 3   /* SD_LISTEN_FDS_START: the first socket passed */

enum activate_result {
    ACTIVATE_NONE,      /* no LISTEN_PID, or another process's: bind */
    ACTIVATE_ONE,       /* one socket, at ACTIVATE_FD: serve on it */
    ACTIVATE_BAD,       /* LISTEN_PID or LISTEN_FDS not a number, or 0 */
    ACTIVATE_MANY,      /* more than one socket: drongo serves one */
};

/* envp: the environment as main has it; pid: this process's.  Removes
 * LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES from envp, whatever the
 * result, as sd_listen_fds(3) does when asked to. */
enum activate_result activate_take(char **envp, long pid);

#endif
