/* tests/unit/html.c: text for HTML, for links, and sizes. */
#include "unit.h"
#include "html.h"

static const struct {
    const char *text, *escaped, *link;
} html_rows[] = {
    { "a.txt", "a.txt", "a.txt" },
    { "<b>&\"'", "&lt;b&gt;&amp;&quot;&#39;", "%3Cb%3E%26%22%27" },
    { "a b/c?d#e%", "a b/c?d#e%", "a%20b%2Fc%3Fd%23e%25" },
    { "javascript:x", "javascript:x", "javascript%3Ax" },
    { "caf\xc3\xa9", "caf\xc3\xa9", "caf%C3%A9" },
    { "-._~", "-._~", "-._~" },
};
static const struct {
    uint64_t bytes;
    const char *text;
} size_rows[] = {
    { 0, "0 B" }, { 1023, "1023 B" }, { 1024, "1.0 KiB" },
    { 1536, "1.5 KiB" }, { 1048575, "1023.9 KiB" },
    { 6710887, "6.4 MiB" },                     /* found by fuzzing */
    { 5368709120, "5.0 GiB" }, { UINT64_MAX, "15.9 EiB" },
};
static const struct {
    const char *name, *shown;
} visible_rows[] = {
    { "caf\xc3\xa9 <b>", "caf\xc3\xa9 &lt;b&gt;" },
    { "a\rb\x7f", "a<mark>\\x0D</mark>b<mark>\\x7F</mark>" },
    { "\xc3(", "<mark>\\xC3</mark>(" },
    { "\xc0\xaf", "<mark>\\xC0</mark><mark>\\xAF</mark>" },
    { "\xed\xa0\x80",
      "<mark>\\xED</mark><mark>\\xA0</mark><mark>\\x80</mark>" },
    { "x_\xe2\x80\xae" "fdp.exe", "x_<mark>U+202E</mark>fdp.exe" },
    { "\xef\xbb\xbf" "a", "<mark>U+FEFF</mark>a" },
};

static int text_is(const struct text_buf *b, const char *want)
{
    return b->len == strlen(want) && memcmp(b->data, want, b->len) == 0;
}

static void run_html_rows(struct unit *u)
{
    char e[128], l[128];

    for (size_t i = 0; i < sizeof html_rows / sizeof *html_rows; i++) {
        const char *s = html_rows[i].text;
        struct text_buf be = TEXT_BUF(e), bl = TEXT_BUF(l);
        html_put_escaped(&be, s, strlen(s));
        html_put_link_segment(&bl, s, strlen(s));
        unit_row(u, text_is(&be, html_rows[i].escaped) &&
                 text_is(&bl, html_rows[i].link), s, "%.*s and %.*s",
                 (int)be.len, e, (int)bl.len, l);
    }
}

int unit_html(void)
{
    struct unit u = { "HTML, links and sizes", 0, 0 };
    char e[128];

    run_html_rows(&u);
    for (size_t i = 0; i < sizeof visible_rows / sizeof *visible_rows;
         i++) {
        const char *s = visible_rows[i].name;
        struct text_buf b = TEXT_BUF(e);
        html_put_visible(&b, s, strlen(s), 1);
        unit_row(&u, text_is(&b, visible_rows[i].shown), s,
                 "shown as %.*s", (int)b.len, e);
    }
    for (size_t i = 0; i < sizeof size_rows / sizeof *size_rows; i++) {
        struct text_buf b = TEXT_BUF(e);
        html_put_size(&b, size_rows[i].bytes);
        unit_row(&u, text_is(&b, size_rows[i].text), size_rows[i].text,
                 "%llu bytes shown as %.*s",
                 (unsigned long long)size_rows[i].bytes, (int)b.len, e);
    }
    return unit_done(&u);
}
