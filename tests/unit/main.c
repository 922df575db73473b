/* tests/unit/main.c: every table, one line of verdict each. */
#include <stdarg.h>
#include "unit.h"

void unit_row(struct unit *u, int ok, const char *row, const char *fmt,
              ...)
{
    va_list ap;

    u->rows++;
    if (ok)
        return;
    u->failed++;
    printf("#   %s: ", row);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

int unit_done(const struct unit *u)
{
    if (u->failed)
        printf("not ok - unit: %s: %u of %u rows failed\n", u->table,
               u->failed, u->rows);
    else
        printf("ok - unit: %s (%u rows)\n", u->table, u->rows);
    return u->failed > 0;
}

int main(void)
{
    int failed = unit_http() + unit_chunked() + unit_path() +
                 unit_range() + unit_date() + unit_text() + unit_html() +
                 unit_log() + unit_mime() + unit_precond() +
                 unit_reason();
    return failed ? 1 : 0;
}
