/* get.h: answering GET and HEAD from the docroot. */
#ifndef DRONGO_GET_H
#define DRONGO_GET_H

#include "http.h"
#include "reply.h"

void get_use_docroot(int fd);   /* before the first get_reply */
void get_reply(struct reply *r, const struct http_request *req);
void get_use_listings(int on);  /* 0: 403 for bare directories */

#endif
