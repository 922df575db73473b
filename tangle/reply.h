/* reply.h: a response, described first, then sent. */
#ifndef DRONGO_REPLY_H
#define DRONGO_REPLY_H

#include <stddef.h>
#include <stdint.h>
#include "text.h"
#include "http.h"
#include "grow.h"

#define REPLY_TEXT_MAX (HTTP_TARGET_MAX + 2048) /* bytes: a head, a page */
#define REPLY_PARTS_MAX 40      /* the head and the pieces of a body */
#define REPLY_IOV_MAX 16        /* pieces sent by one writev */

enum reply_kind {
    PART_TEXT,                  /* bytes of the reply's own text */
    PART_FILE,                  /* bytes of the file r->fd */
    PART_MEMORY,                /* bytes of mem */
    PART_STREAM,                /* bytes made by r->stream as they go */
};

struct reply_part {
    enum reply_kind kind;
    uint64_t at, len;           /* where in its source; how many bytes */
};

struct reply {
    enum status status;
    int close;                  /* the connection ends after it */
    int head_only;              /* HEAD: the body described, not sent */
    uint64_t body_len;          /* bytes in the body's parts */
    struct reply_part part[REPLY_PARTS_MAX];    /* [0]: the head */
    size_t parts;
    int fd;                     /* a file the reply closes, or -1 */
    size_t at;                  /* sending: the part under way */
    uint64_t sent;              /* sending: its bytes already out */
    int64_t now;                /* the time of the request, Unix seconds */
    struct grow mem;            /* memory the reply owns: a page */
    uint64_t received;          /* the request body's bytes, for the log */
    struct reply_stream *stream;    /* the maker of a PART_STREAM, or 0 */
    const char *piece;          /* sending a stream: its latest piece */
    size_t piece_len, piece_sent;
    const char *file_bytes;         /* the file in memory, or 0: on disk */
    struct filecache_entry *cached; /* ... the entry held for it */
    struct text_buf text;       /* the head and small bodies, in buf */
    char buf[REPLY_TEXT_MAX];
};

enum { REPLY_DONE, REPLY_MORE, REPLY_WOULD_BLOCK, REPLY_CUT };

void reply_init(struct reply *r, int head_only, int close);
void reply_add_text(struct reply *r, size_t from);
void reply_head(struct reply *r, enum status st);
void reply_end_head(struct reply *r);
int reply_push(int sock, struct reply *r);
int reply_send(int sock, struct reply *r);      /* 0 | -1: cut short */
void reply_finish(struct reply *r);
void reply_add_file(struct reply *r, uint64_t at, uint64_t len);
void reply_add_memory(struct reply *r, struct grow *g);

struct reply_stream {
    /* the next piece: its address in *at, its length; 0: no more */
    size_t (*next)(struct reply_stream *s, const char **at);
    void (*release)(struct reply_stream *s);    /* when finished */
};

void reply_add_stream(struct reply *r, uint64_t len,
                      struct reply_stream *s);

#endif
