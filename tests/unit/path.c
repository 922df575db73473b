/* tests/unit/path.c: the path layer's rules. */
#include "unit.h"
#include "path.h"

static const struct {
    const char *path;
    enum status status;
    const char *name;
} path_rows[] = {
    { "/", ST_OK, "." },                        /* the docroot */
    { "/a/b.txt", ST_OK, "a/b.txt" },
    { "//a///b/", ST_OK, "a/b" },               /* empty segments */
    { "/a..b/c.", ST_OK, "a..b/c." },           /* dots inside */
    { "/a/../b", ST_BAD_REQUEST, NULL },        /* never up */
    { "/..", ST_BAD_REQUEST, NULL },
    { "/.git/config", ST_NOT_FOUND, NULL },     /* dotfiles hidden */
    { "/a/.htaccess", ST_NOT_FOUND, NULL },
    { "/./a", ST_NOT_FOUND, NULL },             /* "." too */
    { "/.well-known/acme", ST_OK, ".well-known/acme" },
    { "/a/.well-known", ST_NOT_FOUND, NULL },   /* only at the top */
    { "a", ST_BAD_REQUEST, NULL },              /* not from the root */
    { "", ST_BAD_REQUEST, NULL },
};

int unit_path(void)
{
    struct unit u = { "the path layer's rules", 0, 0 };
    char name[PATH_REL_MAX];

    for (size_t i = 0; i < sizeof path_rows / sizeof *path_rows; i++) {
        const char *p = path_rows[i].path;
        enum status st = path_relative(p, strlen(p), name);
        int ok = st == path_rows[i].status &&
                 (st != ST_OK || strcmp(name, path_rows[i].name) == 0);
        unit_row(&u, ok, p, "status %d (want %d), name %s", st,
                 path_rows[i].status, st == ST_OK ? name : "-");
    }
    return unit_done(&u);
}
