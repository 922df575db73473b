/* account.c: one line of /etc/passwd or /etc/group, read. */
#include "account.h"

#define FIELDS_MAX 8            /* one more than passwd's seven */

struct span { const char *at; size_t len; };

static int fields(const char *line, size_t len, struct span *f)
{
    int n = 0;
    size_t start = 0;

    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != ':')
            continue;
        if (n == FIELDS_MAX)
            return -1;
        f[n++] = (struct span){ line + start, i - start };
        start = i + 1;
    }
    return n;
}

static int number(struct span s, uint32_t *out)
{
    uint64_t v = 0;

    if (s.len == 0 || s.len > 10)
        return -1;
    for (size_t i = 0; i < s.len; i++) {
        if (s.at[i] < '0' || s.at[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s.at[i] - '0');
    }
    if (v > ACCOUNT_ID_MAX)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

static int named(struct span *f, struct account *a)
{
    if (f[0].len == 0 || f[0].at[0] == '+' || f[0].at[0] == '-')
        return -1;                      /* empty, or NIS compat */
    a->name = f[0].at;
    a->name_len = f[0].len;
    return 0;
}

int account_passwd_line(const char *line, size_t len, struct account *a)
{
    struct span f[FIELDS_MAX];

    if (fields(line, len, f) != 7 || named(f, a) != 0)
        return -1;
    return number(f[2], &a->id) == 0 && number(f[3], &a->gid) == 0
               ? 0 : -1;
}

int account_group_line(const char *line, size_t len, struct account *a)
{
    struct span f[FIELDS_MAX];

    if (fields(line, len, f) != 4 || named(f, a) != 0 ||
        number(f[2], &a->id) != 0)
        return -1;
    a->gid = a->id;
    return 0;
}

int account_named(const struct account *a, const char *name,
                  size_t name_len)
{
    if (a->name_len != name_len)
        return 0;
    for (size_t i = 0; i < name_len; i++)
        if (a->name[i] != name[i])
            return 0;
    return 1;
}
