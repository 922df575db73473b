/* tests/unit/unit.h: table-driven tests of the pure modules.  Hosted. */
#ifndef DRONGO_UNIT_H
#define DRONGO_UNIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct unit {
    const char *table;          /* what the table checks */
    unsigned rows, failed;
};

void unit_row(struct unit *u, int ok, const char *row, const char *fmt,
              ...) __attribute__((format(printf, 4, 5)));
int unit_done(const struct unit *u);

int unit_http(void), unit_path(void), unit_range(void), unit_date(void);
int unit_text(void), unit_html(void), unit_log(void), unit_mime(void);
int unit_precond(void), unit_chunked(void), unit_reason(void);

#endif
