/* chunked.c: the chunked transfer coding of RFC 9112, section 7.1,
 * decoded as it arrives.  No system calls. */
#include "chunked.h"

enum {
    C_SIZE, C_SIZE_MORE, C_SIZE_END, C_EXT, C_SIZE_LF,  /* size line */
    C_DATA, C_DATA_CR, C_DATA_LF,                       /* data */
    C_TRAILER, C_TRAILER_LINE, C_TRAILER_LF, C_END_LF,  /* trailers */
    C_DONE,
};

void chunked_init(struct chunked_decoder *c, uint64_t max)
{
    *c = (struct chunked_decoder){ .state = C_SIZE, .max = max };
}

static int is_control(unsigned char ch)
{
    return (ch < ' ' && ch != '\t') || ch == 0x7f;
}

static int hex_digit(unsigned char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

static int add_digit(struct chunked_decoder *c, unsigned d)
{
    uint64_t room = c->max - c->total;

    if (c->size > room / 16 || c->size * 16 + d > room)
        return CHUNKED_TOO_LARGE;
    c->size = c->size * 16 + d;
    c->state = C_SIZE_MORE;
    return CHUNKED_MORE;
}

static int end_size_line(struct chunked_decoder *c)
{
    c->line = 0;
    if (c->size == 0) {
        c->state = C_TRAILER;
    } else {
        c->total += c->size;
        c->state = C_DATA;
    }
    return CHUNKED_MORE;
}

static int size_line(struct chunked_decoder *c, unsigned char ch)
{
    int d = hex_digit(ch);

    if (++c->line > CHUNKED_LINE_MAX)
        return CHUNKED_BAD;
    if ((c->state == C_SIZE || c->state == C_SIZE_MORE) && d >= 0)
        return add_digit(c, (unsigned)d);
    if (c->state == C_SIZE)
        return CHUNKED_BAD;             /* a size needs a digit */
    if (c->state == C_SIZE_LF)
        return ch == '\n' ? end_size_line(c) : CHUNKED_BAD;
    if (ch == '\r')
        c->state = C_SIZE_LF;
    else if (c->state == C_EXT)
        return is_control(ch) ? CHUNKED_BAD : CHUNKED_MORE;
    else if (ch == ';')
        c->state = C_EXT;
    else if (ch == ' ' || ch == '\t')
        c->state = C_SIZE_END;
    else
        return CHUNKED_BAD;
    return CHUNKED_MORE;
}

static int after_data(struct chunked_decoder *c, unsigned char ch)
{
    if (c->state == C_DATA_CR && ch == '\r')
        c->state = C_DATA_LF;
    else if (c->state == C_DATA_LF && ch == '\n')
        c->state = C_SIZE;
    else
        return CHUNKED_BAD;
    return CHUNKED_MORE;
}

static int trailer(struct chunked_decoder *c, unsigned char ch)
{
    if (++c->line > CHUNKED_TRAILER_MAX)
        return CHUNKED_BAD;
    if (c->state == C_TRAILER && ch == '\r')
        c->state = C_END_LF;
    else if (c->state == C_TRAILER && ch > ' ' && ch < 0x7f)
        c->state = C_TRAILER_LINE;
    else if (c->state == C_TRAILER_LINE && ch == '\r')
        c->state = C_TRAILER_LF;
    else if (c->state == C_TRAILER_LINE && !is_control(ch))
        return CHUNKED_MORE;
    else if (c->state == C_TRAILER_LF && ch == '\n')
        c->state = C_TRAILER;
    else if (c->state == C_END_LF && ch == '\n')
        c->state = C_DONE;
    else
        return CHUNKED_BAD;
    return CHUNKED_MORE;
}

static int framing(struct chunked_decoder *c, unsigned char ch)
{
    if (c->state <= C_SIZE_LF)
        return size_line(c, ch);
    if (c->state <= C_DATA_LF)
        return after_data(c, ch);
    return trailer(c, ch);
}

int chunked_decode(struct chunked_decoder *c, const char *in, size_t n,
                   size_t *used, struct http_span *data)
{
    size_t i = 0;
    int verdict = CHUNKED_MORE;

    *data = (struct http_span){ 0, 0 };
    while (i < n && c->state != C_DONE && verdict == CHUNKED_MORE) {
        if (c->state == C_DATA) {
            size_t k = n - i < c->size ? n - i : (size_t)c->size;

            *data = (struct http_span){ in + i, k };
            c->size -= k;
            if (c->size == 0)
                c->state = C_DATA_CR;
            *used = i + k;
            return CHUNKED_DATA;
        }
        verdict = framing(c, (unsigned char)in[i++]);
    }
    *used = i;
    if (verdict == CHUNKED_MORE && c->state == C_DONE)
        return CHUNKED_DONE;
    return verdict;
}
