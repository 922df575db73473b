/* listing.h: a directory's entries as an HTML page. */
#ifndef DRONGO_LISTING_H
#define DRONGO_LISTING_H

#include "http.h"
#include "reply.h"

void listing_reply(struct reply *r, const struct http_request *req,
                   int dir);

#endif
