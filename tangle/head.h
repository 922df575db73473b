/* head.h: the rules that need a complete request head.  No system calls. */
#ifndef DRONGO_HEAD_H
#define DRONGO_HEAD_H

#include "http.h"

enum status head_check(struct http_request *req);

#endif
