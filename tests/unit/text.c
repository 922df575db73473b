/* tests/unit/text.c: numbers and addresses, read and written. */
#include "unit.h"
#include "text.h"

static const struct {
    const char *text;
    uint64_t max;
    int ok;
    uint64_t value;
} uint_rows[] = {
    { "0", UINT64_MAX, 1, 0 },
    { "007", UINT64_MAX, 1, 7 },
    { "18446744073709551615", UINT64_MAX, 1, UINT64_MAX },
    { "18446744073709551616", UINT64_MAX, 0, 0 },     /* one over */
    { "65535", 65535, 1, 65535 },
    { "65536", 65535, 0, 0 },
    { "", UINT64_MAX, 0, 0 },
    { "+1", UINT64_MAX, 0, 0 },
    { " 1", UINT64_MAX, 0, 0 },
    { "1a", UINT64_MAX, 0, 0 },
};

static const struct {
    const char *text, *written;
} ip_rows[] = {
    { "192.0.2.1", "192.0.2.1" },
    { "::ffff:192.0.2.1", "192.0.2.1" },           /* IPv4, mapped */
    { "::", "::" },
    { "::1", "::1" },
    { "[::1]", "::1" },
    { "2001:0DB8:0:0:0:0:0:1", "2001:db8::1" },
    { "1:0:0:1:0:0:0:1", "1:0:0:1::1" },           /* the longest run */
    { "1:0:0:2:0:0:3:4", "1::2:0:0:3:4" },         /* the first of two */
    { "1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0" },      /* one 0: no :: */
    { "64:ff9b::192.0.2.33", "64:ff9b::c000:221" },
    { "01.2.3.4", NULL }, { "256.1.1.1", NULL }, { "1.2.3", NULL },
    { "1::2::3", NULL }, { ":1::", NULL }, { "1:2:3:4:5:6:7:8:9", NULL },
    { "1:2:3:4:5:6:7::8", NULL },                  /* :: of nothing */
    { "12345::", NULL }, { "[1.2.3.4]", NULL }, { "[::1", NULL },
    { "", NULL },
};

static void run_uint_rows(struct unit *u)
{
    for (size_t i = 0; i < sizeof uint_rows / sizeof *uint_rows; i++) {
        uint64_t v = 12345;
        int ok = text_parse_uint(uint_rows[i].text, uint_rows[i].max,
                                 &v) == 0;
        unit_row(u, ok == uint_rows[i].ok &&
                 (!ok || v == uint_rows[i].value), uint_rows[i].text,
                 "%s %llu", ok ? "read as" : "refused",
                 (unsigned long long)v);
    }
}

static void run_ip_rows(struct unit *u)
{
    for (size_t i = 0; i < sizeof ip_rows / sizeof *ip_rows; i++) {
        uint8_t addr[16];
        char out[64];
        struct text_buf b = { out, 0, sizeof out - 1, 0 };
        int ok = text_parse_ip(ip_rows[i].text, addr) == 0;
        if (ok)
            text_put_ip(&b, addr);
        out[b.len] = '\0';
        unit_row(u, ip_rows[i].written ? ok && strcmp(out,
                 ip_rows[i].written) == 0 : !ok, ip_rows[i].text,
                 "%s %s", ok ? "written as" : "refused", out);
    }
}

int unit_text(void)
{
    struct unit u = { "numbers and addresses", 0, 0 };

    run_uint_rows(&u);
    run_ip_rows(&u);
    return unit_done(&u);
}
