/* tests/fuzz/path.c: path_relative, from a decoded path to a name
 * beneath the docroot. */
#include "fuzz.h"
#include "path.h"

static int expected_name(const char *path, size_t n, char *want)
{
    int refused = n == 0 || path[0] != '/';
    size_t w = 0;

    for (size_t i = 0; i < n; i++) {
        size_t start = i;
        while (i < n && path[i] != '/')
            i++;
        if (i == start)
            continue;                   /* an empty segment: no name */
        const char *seg = path + start;
        size_t len = i - start;
        refused |= memchr(seg, '\0', len) != NULL;
        refused |= seg[0] == '.' && !(w == 0 && len == 11 &&
                                      memcmp(seg, ".well-known", 11) == 0);
        if (w > 0)
            want[w++] = '/';
        memcpy(want + w, seg, len);
        w += len;
    }
    if (w == 0)
        want[w++] = '.';                /* the docroot itself */
    want[w] = '\0';
    return refused;
}

static void check_name(const char *rel)
{
    size_t n = strlen(rel);

    require(n > 0 && rel[0] != '/', "the name is relative");
    if (strcmp(rel, ".") == 0)
        return;
    for (size_t i = 0; i <= n; ) {
        size_t end = i + strcspn(rel + i, "/");
        require(end > i, "the name has no empty segment");
        require(!(end - i == 2 && rel[i] == '.' && rel[i + 1] == '.'),
                "the name has no .. segment");
        require(rel[i] != '.' || (i == 0 && end == 11 &&
                                  strncmp(rel, ".well-known", 11) == 0),
                "the name has no dotfile but a first .well-known");
        i = end + 1;
    }
}

static char name[PATH_REL_MAX], want[PATH_REL_MAX];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > HTTP_TARGET_MAX)
        return 0;
    char *path = fuzz_copy(data, size, 0);
    int refused = expected_name(path, size, want);
    enum status st = path_relative(path, size, name);

    require(st == ST_OK || st == ST_BAD_REQUEST || st == ST_NOT_FOUND,
            "path_relative returns 200, 400 or 404");
    require((st != ST_OK) == refused,
            "a path is refused exactly when one of its segments must be");
    if (st == ST_OK) {
        check_name(name);
        require(strcmp(name, want) == 0,
                "the name is the path's segments, in order");
    }
    free(path);
    return 0;
}
