/* account.c: one line of /etc/passwd or /etc/group, read. */
#include "account.h"

#define FIELDS_MAX 8            /* one more than passwd's seven */

struct field_span { const char *at; size_t len; };

static int split_fields(const char *line, size_t len, struct field_span *f)
{
    int n = 0;
    size_t start = 0;

    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != ':')
            continue;
        if (n == FIELDS_MAX)
            return -1;
        f[n++] = (struct field_span){ line + start, i - start };
        start = i + 1;
    }
    return n;
}

static int parse_id(struct field_span s, uint32_t *out)
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

static int take_name(struct field_span *f, struct account_entry *a)
{
    if (f[0].len == 0 || f[0].at[0] == '+' || f[0].at[0] == '-')
        return -1;                      /* empty, or NIS compat */
    a->name = f[0].at;
    a->name_len = f[0].len;
    return 0;
}

int account_passwd_line(const char *line, size_t len,
                        struct account_entry *a)
{
    struct field_span f[FIELDS_MAX];

    if (split_fields(line, len, f) != 7 || take_name(f, a) != 0)
        return -1;
    return parse_id(f[2], &a->id) == 0 && parse_id(f[3], &a->gid) == 0
               ? 0 : -1;
}

int account_group_line(const char *line, size_t len,
                       struct account_entry *a)
{
    struct field_span f[FIELDS_MAX];

    if (split_fields(line, len, f) != 4 || take_name(f, a) != 0 ||
        parse_id(f[2], &a->id) != 0)
        return -1;
    a->gid = a->id;
    return 0;
}

int account_named(const struct account_entry *a, const char *name,
                  size_t name_len)
{
    if (a->name_len != name_len)
        return 0;
    for (size_t i = 0; i < name_len; i++)
        if (a->name[i] != name[i])
            return 0;
    return 1;
}
