/* tests/unit/reason.c: every status code's phrase, and the codes that
   have none. */
#include "unit.h"
#include "http.h"

static const struct {
    int status;
    const char *phrase;
} reason_rows[] = {
    { 100, "Continue" }, { 200, "OK" }, { 201, "Created" },
    { 204, "No Content" }, { 206, "Partial Content" },
    { 301, "Moved Permanently" }, { 304, "Not Modified" },
    { 400, "Bad Request" }, { 403, "Forbidden" }, { 404, "Not Found" },
    { 405, "Method Not Allowed" }, { 408, "Request Timeout" },
    { 409, "Conflict" }, { 411, "Length Required" },
    { 412, "Precondition Failed" }, { 413, "Content Too Large" },
    { 414, "URI Too Long" }, { 416, "Range Not Satisfiable" },
    { 431, "Request Header Fields Too Large" },
    { 500, "Internal Server Error" }, { 501, "Not Implemented" },
    { 503, "Service Unavailable" }, { 505, "HTTP Version Not Supported" },
    { 507, "Insufficient Storage" },
    { 0, "Unknown" }, { 99, "Unknown" }, { 132, "Unknown" },
    { 202, "Unknown" }, { 299, "Unknown" }, { 432, "Unknown" },
    { 499, "Unknown" }, { 600, "Unknown" }, { 700, "Unknown" },
    { -1, "Unknown" },
};

int unit_reason(void)
{
    struct unit u = { "the reason phrases", 0, 0 };

    for (size_t i = 0; i < sizeof reason_rows / sizeof *reason_rows; i++) {
        const char *got = http_reason((enum status)reason_rows[i].status);
        char row[16];

        snprintf(row, sizeof row, "%d", reason_rows[i].status);
        unit_row(&u, strcmp(got, reason_rows[i].phrase) == 0, row,
                 "\"%s\" (want \"%s\")", got, reason_rows[i].phrase);
    }
    return unit_done(&u);
}
