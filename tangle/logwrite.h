/* logwrite.h: writing log lines without ever waiting. */
#ifndef DRONGO_LOGWRITE_H
#define DRONGO_LOGWRITE_H

#include <stddef.h>

void logwrite_setup(void);      /* before the workers start */
void logwrite_line(const char *line, size_t len);
void logwrite_report(void);     /* at exit: the count, on stderr */
#endif
