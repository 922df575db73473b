/* allow.h: the methods drongo allows, and the Allow field that names
 * them.  No system calls. */
#ifndef DRONGO_ALLOW_H
#define DRONGO_ALLOW_H

#include "text.h"
#include "http.h"
#include "reply.h"

void allow_use_writes(int on);  /* -w: PUT and DELETE as well */
int allow_writes(void);         /* 1: with -w */
void allow_put(struct text_buf *b, int writable);
void allow_reply(struct reply *r, const struct http_request *req);

#endif
