/* upload.h: a PUT body, received into a temporary file and moved into
 * place only when it is complete. */
#ifndef DRONGO_UPLOAD_H
#define DRONGO_UPLOAD_H

#include <stddef.h>
#include <stdint.h>
#include "http.h"
#include "reply.h"
#include "chunked.h"
#include "target.h"

#define UPLOAD_MAX_DEFAULT (1ull << 30) /* bytes: -m, 1 GiB */
#define UPLOAD_MAX_LIMIT 999999999999999999ull /* bytes: 18 digits */

struct upload {
    enum status status;         /* ST_OK until something fails */
    const struct http_request *req; /* the PUT, until upload_finish */
    struct target t;            /* the directory and the name */
    int fd;                     /* the file without a name, or -1 */
    int chunked;                /* framed by chunks, not a length */
    int done;                   /* the whole body is stored */
    uint64_t left;              /* a length: bytes still to come */
    uint64_t received;          /* bytes of the body, for the log */
    struct chunked_decoder chunks; /* chunks: the decoder */
};

enum upload_step { UPLOAD_MORE, UPLOAD_DONE, UPLOAD_FAILED };

void upload_use_limit(uint64_t bytes);  /* -m, before the first PUT */
enum status upload_begin(struct upload *u, const struct http_request *req,
                         int64_t now, int *send_continue);
enum upload_step upload_feed(struct upload *u, const char *data, size_t n,
                             size_t *used);
void upload_finish(struct upload *u, struct reply *r);
void upload_abort(struct upload *u);

#endif
