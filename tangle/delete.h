/* delete.h: answering DELETE: a regular file removed, under the lock. */
#ifndef DRONGO_DELETE_H
#define DRONGO_DELETE_H

#include "http.h"
#include "reply.h"

void delete_reply(struct reply *r, const struct http_request *req);

#endif
