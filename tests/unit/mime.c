/* tests/unit/mime.c: content types from names. */
#include "unit.h"
#include "mime.h"

static const struct {
    const char *name, *type;
} mime_rows[] = {
    { "index.html", "text/html; charset=utf-8" },
    { "PHOTO.JPG", "image/jpeg" },                 /* any case */
    { "a/b.tar.gz", "application/gzip" },          /* the last one */
    { "README", "application/octet-stream" },      /* none */
    { "dir.d/README", "application/octet-stream" },/* not a directory's */
    { "notes.", "application/octet-stream" },
    { ".bashrc", "application/octet-stream" },
    { "app.js", "text/javascript; charset=utf-8" },
};

int unit_mime(void)
{
    struct unit u = { "content types", 0, 0 };

    for (size_t i = 0; i < sizeof mime_rows / sizeof *mime_rows; i++) {
        const char *t = mime_type(mime_rows[i].name,
                                  strlen(mime_rows[i].name));
        unit_row(&u, strcmp(t, mime_rows[i].type) == 0,
                 mime_rows[i].name, "typed %s", t);
    }
    return unit_done(&u);
}
