/* errors.h: every error reply: its page, its fields, the close. */
#ifndef DRONGO_ERRORS_H
#define DRONGO_ERRORS_H

#include "http.h"
#include "reply.h"

void errors_reply(struct reply *r, enum status st);
void errors_use_pages(int dir);         /* before the first errors_reply */
void errors_reply_range(struct reply *r, uint64_t len);    /* 416 */
void errors_reply_unwritable(struct reply *r);  /* 405 for a directory */

#endif
