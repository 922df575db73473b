/* activate.c: LISTEN_PID and LISTEN_FDS, read by hand. */
#include <stdint.h>
#include "text.h"
#include "activate.h"

static const char *env_value(char **envp, const char *name)
{
    for (; *envp; envp++) {
        const char *e = *envp, *n = name;

        while (*n && *e == *n)
            e++, n++;
        if (*n == '\0' && *e == '=')
            return e + 1;
    }
    return 0;
}

static void env_remove(char **envp, const char *name)
{
    char **to = envp;

    for (; *envp; envp++) {
        const char *v = env_value((char *[]){ *envp, 0 }, name);

        if (v == 0)
            *to++ = *envp;
    }
    *to = 0;
}

enum activate_result activate_take(char **envp, long pid)
{
    const char *p = env_value(envp, "LISTEN_PID");
    const char *n = env_value(envp, "LISTEN_FDS");
    uint64_t for_pid = 0, fds = 0;
    enum activate_result r = ACTIVATE_NONE;

    if (p && (text_parse_uint(p, INT32_MAX, &for_pid) != 0 ||
              for_pid == 0))
        r = ACTIVATE_BAD;
    else if (p && for_pid == (uint64_t)pid)
        r = !n || text_parse_uint(n, INT32_MAX, &fds) != 0 || fds == 0
                ? ACTIVATE_BAD
                : fds == 1 ? ACTIVATE_ONE : ACTIVATE_MANY;
    env_remove(envp, "LISTEN_PID");
    env_remove(envp, "LISTEN_FDS");
    env_remove(envp, "LISTEN_FDNAMES");
    return r;
}
