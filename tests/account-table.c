/* tests/account-table.c: chapter 14's account lines, as a table.
 * Built hosted against a stage's account.c:
 *   cc -Ibuild/stage14/src tests/account-table.c build/stage14/src/account.c
 * Prints one "ok - " or "not ok - " line per row. */
#include <stdio.h>
#include <string.h>
#include "account.h"

enum file { PASSWD, GROUP };

static const struct row {
    enum file file;
    const char *line;
    int result;                 /* 0: well-formed; -1: refused */
    const char *name;
    unsigned long id, gid;
} rows[] = {
    { PASSWD, "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
      0, "nobody", 65534, 65534 },
    { PASSWD, "root:x:0:0:root:/root:/bin/bash", 0, "root", 0, 0 },
    { PASSWD, "www:x:33:33:::", 0, "www", 33, 33 },          /* empty fields */
    { PASSWD, "big:x:4294967294:1:::", 0, "big", 4294967294ul, 1 },
    { PASSWD, "neg:x:4294967295:1:::", -1, 0, 0, 0 },        /* (uid_t)-1 */
    { PASSWD, "huge:x:99999999999:1:::", -1, 0, 0, 0 },
    { PASSWD, "sign:x:+5:1:::", -1, 0, 0, 0 },
    { PASSWD, "minus:x:-5:1:::", -1, 0, 0, 0 },
    { PASSWD, "space:x: 5:1:::", -1, 0, 0, 0 },
    { PASSWD, "empty:x::1:::", -1, 0, 0, 0 },
    { PASSWD, ":x:5:5:::", -1, 0, 0, 0 },                    /* no name */
    { PASSWD, "+nis::0:0:::", -1, 0, 0, 0 },                 /* NIS compat */
    { PASSWD, "-bad::0:0:::", -1, 0, 0, 0 },
    { PASSWD, "six:x:1:1::/home", -1, 0, 0, 0 },             /* 6 fields */
    { PASSWD, "eight:x:1:1::/h:/sh:extra", -1, 0, 0, 0 },    /* 8 fields */
    { PASSWD, "", -1, 0, 0, 0 },
    { PASSWD, "# a comment", -1, 0, 0, 0 },
    { PASSWD, "nogroup:x:65534:", -1, 0, 0, 0 },             /* a group line */
    { GROUP, "nogroup:x:65534:", 0, "nogroup", 65534, 65534 },
    { GROUP, "sudo:x:27:alice,bob", 0, "sudo", 27, 27 },
    { GROUP, "g:x:1", -1, 0, 0, 0 },                         /* 3 fields */
    { GROUP, "g:x:1::", -1, 0, 0, 0 },                       /* 5 fields */
    { GROUP, "g:x:one:", -1, 0, 0, 0 },
    { GROUP, "+:::", -1, 0, 0, 0 },
    { GROUP, "root:x:0:0:root:/root:/bin/bash", -1, 0, 0, 0 },
};

int main(void)
{
    int bad = 0;

    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const struct row *r = &rows[i];
        struct account_entry a = { 0, 0, 0, 0 };
        int got = r->file == PASSWD
                      ? account_passwd_line(r->line, strlen(r->line), &a)
                      : account_group_line(r->line, strlen(r->line), &a);
        int right = got == r->result;

        if (right && got == 0)
            right = account_named(&a, r->name, strlen(r->name)) &&
                    !account_named(&a, r->name, strlen(r->name) - 1) &&
                    a.id == r->id && a.gid == r->gid;
        printf("%s - account table: %s line \"%s\" %s\n",
               right ? "ok" : "not ok", r->file == PASSWD ? "passwd" : "group",
               r->line, r->result == 0 ? "is read" : "is refused");
        bad += !right;
    }
    return bad != 0;
}
