/* html.h: text made safe for HTML and for URLs.  No system calls. */
#ifndef DRONGO_HTML_H
#define DRONGO_HTML_H

#include <stddef.h>
#include <stdint.h>
#include "text.h"

void html_put_escaped(struct text_buf *b, const char *s, size_t n);
void html_put_link_segment(struct text_buf *b, const char *s, size_t n);
void html_put_size(struct text_buf *b, uint64_t bytes);

#endif

void html_put_visible(struct text_buf *b, const char *s, size_t n,
                      int marked);
