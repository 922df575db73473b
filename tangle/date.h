/* date.h: HTTP dates and Unix time.  No system calls. */
#ifndef DRONGO_DATE_H
#define DRONGO_DATE_H

#include <stdint.h>
#include "text.h"

void date_put_http(struct text_buf *b, int64_t t);
int date_parse_http(const char *s, size_t n, int64_t *t); /* 0 | -1 */

#endif

void date_put_clf(struct text_buf *b, int64_t t);  /* for the log */

void date_put_iso(struct text_buf *b, int64_t t);  /* YYYY-MM-DD HH:MM */
