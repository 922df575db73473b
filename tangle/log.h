/* log.h: access log lines in the Combined Log Format.  No system
 * calls. */
#ifndef DRONGO_LOG_H
#define DRONGO_LOG_H

#include <stdint.h>
#include "http.h"

#define LOG_LINE_MAX 4096       /* bytes: PIPE_BUF, one atomic write */

struct log_entry {
    const char *client;         /* the peer's address, as text */
    int64_t time;               /* Unix seconds */
    struct http_span request_line, referer, user_agent;
    enum status status;
    uint64_t body_bytes;
    int shows_received;         /* 1: the line ends with received */
    uint64_t received;          /* bytes of the request's body */
};

void log_format(struct text_buf *b, const struct log_entry *e);

#endif
