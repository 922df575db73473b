/* conn.h: serving one client connection. */
#ifndef DRONGO_CONN_H
#define DRONGO_CONN_H

void conn_serve(int fd);        /* read a request, answer it */
void conn_refuse(int fd);       /* 503, never blocking the caller */
void conn_use_docroot(int fd);  /* before the first conn_serve */
void conn_use_error_pages(int fd);      /* before the first conn_serve */
void conn_use_idle_timeout(unsigned seconds);
void conn_use_access_log(int on);       /* 1: log to standard output */
void conn_use_listings(int on);         /* 0: 403 for bare directories */

#endif
