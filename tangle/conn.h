/* conn.h: serving one client connection. */
#ifndef DRONGO_CONN_H
#define DRONGO_CONN_H

void conn_serve(int fd);        /* read a request, answer it */
void conn_refuse(int fd);       /* 503, never blocking the caller */
void conn_use_idle_timeout(unsigned seconds);
void conn_use_access_log(int on);       /* 1: log to standard output */

#endif
