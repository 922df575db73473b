/* conn.h: serving one client connection. */
#ifndef DRONGO_CONN_H
#define DRONGO_CONN_H

#include <stddef.h>
#include <stdint.h>

struct conn;                    /* one client connection, in conn.c */
extern const size_t conn_size;  /* bytes of a struct conn */
enum { CONN_OPEN, CONN_ENDED };

void conn_open(struct conn *c, int fd, int64_t now);
int conn_step(struct conn *c, int64_t now);
int conn_expire(struct conn *c, int64_t now);
int conn_idle(const struct conn *c);
int conn_waiting(const struct conn *c);
void conn_end(struct conn *c);
void conn_stop(void);
void conn_refuse(int fd);       /* 503, never blocking the caller */
void conn_use_idle_timeout(unsigned seconds);
void conn_use_lifetime(unsigned seconds);
void conn_use_access_log(int on);       /* 1: log to standard output */

#endif
