/*
 * nwpandoc -- a noweb back end that prepares the HTML edition of the book.
 *
 * It reads the pipeline markup of every chapter at once (the output of
 * noweb's `markup` stage run over all chapter files) and writes, into
 * the directory named by its only argument:
 *
 *   pages.tsv        one line per page: name, chapter number, plain title,
 *                    whether it has a \chapter
 *   labels.tsv       \label names: label, page, section number
 *   idents.tsv       identifier definitions: name, page, anchor
 *   NN-name.tex      the documentation of each chapter, as LaTeX for
 *                    pandoc; every code chunk is replaced by a line
 *                    \nwchunk{cNNNN} that pandoc keeps as raw TeX
 *   frag-cNNNN.html  each code chunk, highlighted and cross-referenced,
 *                    as an HTML fragment
 *   indexes.tex      the index page, whose two lists are the fragments
 *   frag-index-chunks.html and frag-index-idents.html
 *   index.tex        the stub of the contents page
 *
 * A pandoc Lua filter (book/html/chunks.lua) later puts the fragments
 * in place of the placeholders.  Quoted code [[x]] in the prose becomes
 * \verb, which pandoc reads as inline code.
 *
 * Anchors are derived from names, never from noweb's labels: the first
 * definition of a chunk gets "chunk-" plus a slug of its name, later
 * definitions get "-2", "-3", ...; an identifier x from "@ %def x" gets
 * "id-x".
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LANGLE "\xe2\x9f\xa8"   /* U+27E8, the chunk name brackets */
#define RANGLE "\xe2\x9f\xa9"   /* U+27E9 */
#define EQUIV "\xe2\x89\xa1"    /* U+2261 */

/* ---------------------------------------------------------------- */
/* Small utilities                                                    */

static const char *progname = "nwpandoc";

static void die(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xrealloc(NULL, n);
    memcpy(p, s, n);
    return p;
}

/* A growable string. */
struct buf {
    char *s;
    size_t len, cap;
};

static void buf_grow(struct buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (b->len + extra + 1 > cap)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
}

static void buf_addn(struct buf *b, const char *s, size_t n)
{
    buf_grow(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_add(struct buf *b, const char *s)
{
    buf_addn(b, s, strlen(s));
}

static void buf_addc(struct buf *b, char c)
{
    buf_addn(b, &c, 1);
}

static void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        die("vsnprintf failed");
    buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static const char *buf_str(const struct buf *b)
{
    return b->s ? b->s : "";
}

static void buf_clear(struct buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

/* HTML-escape n bytes of s. */
static void buf_escn(struct buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': buf_add(b, "&amp;"); break;
        case '<': buf_add(b, "&lt;"); break;
        case '>': buf_add(b, "&gt;"); break;
        case '"': buf_add(b, "&quot;"); break;
        default: buf_addc(b, s[i]); break;
        }
    }
}

static void buf_esc(struct buf *b, const char *s)
{
    buf_escn(b, s, strlen(s));
}

/* Growable arrays of ints. */
struct ints {
    int *v;
    int n, cap;
};

static void ints_push(struct ints *a, int x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 8;
        a->v = xrealloc(a->v, (size_t)a->cap * sizeof a->v[0]);
    }
    a->v[a->n++] = x;
}

static int ints_has(const struct ints *a, int x)
{
    for (int i = 0; i < a->n; i++)
        if (a->v[i] == x)
            return 1;
    return 0;
}

static void ints_push_unique(struct ints *a, int x)
{
    if (!ints_has(a, x))
        ints_push(a, x);
}

#define GROW(arr, n, cap)                                                  \
    do {                                                                   \
        if ((n) == (cap)) {                                                \
            (cap) = (cap) ? 2 * (cap) : 16;                                \
            (arr) = xrealloc((arr), (size_t)(cap) * sizeof *(arr));        \
        }                                                                  \
    } while (0)

/* A set of strings, for anchors already handed out.  Linear search is
   plenty for a book. */
static char **taken;
static int ntaken, captaken;

static int is_taken(const char *s)
{
    for (int i = 0; i < ntaken; i++)
        if (strcmp(taken[i], s) == 0)
            return 1;
    return 0;
}

static void take(const char *s)
{
    GROW(taken, ntaken, captaken);
    taken[ntaken++] = xstrdup(s);
}

/* ---------------------------------------------------------------- */
/* The book's model                                                   */

struct chapter {
    char *page;        /* "01-syscalls" */
    int num;           /* 1 */
    struct buf tex;    /* LaTeX for pandoc */
    struct buf plain;  /* the docs, quotes marked by \1 ... \2 */
    int nchunks;       /* code chunks so far */
    int has_chapter;   /* a \chapter command was seen */
    int sec, subsec;   /* sectioning counters, as LaTeX keeps them */
    int fig;           /* figures so far in the chapter */
    char number[32];   /* number of the current (sub)section */
};

struct label {         /* \label{name} in the prose */
    char *name;
    int chapter;
    char *number;      /* "2.3" */
};

static struct label *labels;
static int nlabels, caplabels;

enum item_kind { IT_TEXT, IT_USE, IT_NL };

struct item {
    enum item_kind kind;
    char *text;        /* IT_TEXT */
    int name;          /* IT_USE */
};

struct piece {         /* one code chunk: a definition or continuation */
    int chapter;
    int name;
    int base;          /* the name without " (stage K)": what readers see */
    int version;       /* index in versions[] */
    int seq;           /* 1 for the first definition of its name, ... */
    char label[16];    /* "6.14": chapter 6, its 14th chunk */
    char *anchor;      /* "chunk-foo-2" */
    struct item *items;
    int nitems, capitems;
    struct ints defs;  /* identifier definitions made here (indices) */
    struct ints uses;  /* names used here, in order, unique */
    struct ints idents_used; /* identifiers used here, unique */
};

struct name {
    char *name;
    struct ints pieces;   /* definitions in book order */
    struct ints users;    /* pieces that use this name, book order */
    char *anchor;         /* of the first definition; NULL if undefined */
    int base;             /* for "X (stage K)": the name X; else itself */
    int stage;            /* K, or 0 */
    struct ints versions; /* of a base name: indices in versions[], in order */
};

/* The chunks of a name X fall into versions: the original X with what is
   appended to it, then each replacement "X (stage K)" with the X appended
   after it, up to the next replacement (book/stage-filter builds a stage
   the same way).  The newest version is what the newest stage builds; every
   use of X leads there, and each version names the one it replaces. */
struct version {
    int base;
    int stage;
    int chapter;          /* of its first piece */
    struct ints pieces;
};

struct idef {          /* one definition of an identifier */
    int ident;
    int piece;
    char *anchor;      /* "id-sys_write", "id-sys_write-2" */
    int placed;        /* anchor already attached to a token */
};

struct ident {
    char *name;
    struct ints defs;  /* idef indices */
    struct ints users; /* pieces */
};

static struct chapter *chapters;
static int nchapters, capchapters;
static struct piece *pieces;
static int npieces, cappieces;
static struct name *names;
static int nnames, capnames;
static struct idef *idefs;
static int nidefs, capidefs;
static struct ident *idents;
static int nidents, capidents;
static struct version *versions;
static int nversions, capversions;

static int find_name(const char *s)
{
    for (int i = 0; i < nnames; i++)
        if (strcmp(names[i].name, s) == 0)
            return i;
    return -1;
}

static int intern_name(const char *s)
{
    int i = find_name(s);
    if (i >= 0)
        return i;
    GROW(names, nnames, capnames);
    memset(&names[nnames], 0, sizeof names[nnames]);
    names[nnames].name = xstrdup(s);
    names[nnames].base = nnames;
    return nnames++;
}

static int find_ident(const char *s, size_t n)
{
    for (int i = 0; i < nidents; i++)
        if (strlen(idents[i].name) == n && memcmp(idents[i].name, s, n) == 0)
            return i;
    return -1;
}

static int intern_ident(const char *s)
{
    int i = find_ident(s, strlen(s));
    if (i >= 0)
        return i;
    GROW(idents, nidents, capidents);
    memset(&idents[nidents], 0, sizeof idents[nidents]);
    idents[nidents].name = xstrdup(s);
    return nidents++;
}

static void piece_add(struct piece *p, enum item_kind kind, const char *text, int name)
{
    GROW(p->items, p->nitems, p->capitems);
    p->items[p->nitems].kind = kind;
    p->items[p->nitems].text = text ? xstrdup(text) : NULL;
    p->items[p->nitems].name = name;
    p->nitems++;
}

/* ---------------------------------------------------------------- */
/* Reading the markup                                                 */

/* Base name of a path without directory and without ".nw" or ".tex"
   (the preface and the bibliography are pages too, but not chapters). */
static char *page_of_file(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".nw") == 0)
        n -= 3;
    else if (n > 4 && strcmp(base + n - 4, ".tex") == 0)
        n -= 4;
    char *p = xrealloc(NULL, n + 1);
    memcpy(p, base, n);
    p[n] = '\0';
    return p;
}

/* Write quoted code for pandoc: \verb with a delimiter that does not
   occur in the text, or, inside a verbatim environment, the bare text. */
static void emit_quote(struct chapter *c, const char *q, int in_verbatim)
{
    static const char delims[] = "|!+=;:/,.@?^\"'-";
    if (in_verbatim) {
        buf_add(&c->tex, q);
        return;
    }
    for (const char *d = delims; *d; d++) {
        if (!strchr(q, *d)) {
            buf_add(&c->tex, "\\verb");
            buf_addc(&c->tex, *d);
            buf_add(&c->tex, q);
            buf_addc(&c->tex, *d);
            return;
        }
    }
    /* Every delimiter occurs: fall back on \texttt with escapes. */
    buf_add(&c->tex, "\\texttt{");
    for (const char *s = q; *s; s++) {
        switch (*s) {
        case '\\': buf_add(&c->tex, "\\textbackslash{}"); break;
        case '~': buf_add(&c->tex, "\\textasciitilde{}"); break;
        case '^': buf_add(&c->tex, "\\textasciicircum{}"); break;
        case '{': case '}': case '$': case '&': case '#': case '_': case '%':
            buf_addc(&c->tex, '\\');
            buf_addc(&c->tex, *s);
            break;
        default: buf_addc(&c->tex, *s); break;
        }
    }
    buf_addc(&c->tex, '}');
}

/* Follow the sectioning commands and \label in a line of prose, so that
   \ref can be resolved across pages.  The numbers are the ones the
   filter gives the headings: the chapter's, then section, subsection. */
static void scan_prose(struct chapter *c, const char *s)
{
    while ((s = strchr(s, '\\')) != NULL) {
        const char *w = ++s;
        while (isalpha((unsigned char)*s))
            s++;
        size_t n = (size_t)(s - w);
        if (n == 0) {
            if (*s)
                s++;            /* \\, \{, ... */
            continue;
        }
        int star = *s == '*';
        if (n == 7 && memcmp(w, "chapter", 7) == 0) {
            c->has_chapter = 1;
            if (!star) {
                c->sec = c->subsec = c->fig = 0;
                snprintf(c->number, sizeof c->number, "%d", c->num);
            }
        } else if (n == 7 && memcmp(w, "section", 7) == 0 && !star) {
            c->sec++;
            c->subsec = 0;
            snprintf(c->number, sizeof c->number, "%d.%d", c->num, c->sec);
        } else if (n == 10 && memcmp(w, "subsection", 10) == 0 && !star) {
            c->subsec++;
            snprintf(c->number, sizeof c->number, "%d.%d.%d", c->num, c->sec, c->subsec);
        } else if (n == 12 && memcmp(w, "drongofigure", 12) == 0) {
            /* \drongofigure{NAME}{caption} is labelled fig:NAME and
               numbered within its chapter, as LaTeX numbers figures. */
            const char *a = s;
            const char *e = *a == '{' ? strchr(a, '}') : NULL;
            if (e) {
                GROW(labels, nlabels, caplabels);
                struct label *l = &labels[nlabels++];
                char num[32];
                l->name = xrealloc(NULL, (size_t)(e - a) + 4);
                memcpy(l->name, "fig:", 4);
                memcpy(l->name + 4, a + 1, (size_t)(e - a - 1));
                l->name[e - a + 3] = '\0';
                l->chapter = (int)(c - chapters);
                snprintf(num, sizeof num, "%d.%d", c->num, ++c->fig);
                l->number = xstrdup(num);
                s = e + 1;
            }
        } else if (n == 5 && memcmp(w, "label", 5) == 0) {
            const char *a = s;
            while (*a == ' ')
                a++;
            const char *e = *a == '{' ? strchr(a, '}') : NULL;
            if (e) {
                GROW(labels, nlabels, caplabels);
                struct label *l = &labels[nlabels++];
                l->name = xrealloc(NULL, (size_t)(e - a));
                memcpy(l->name, a + 1, (size_t)(e - a - 1));
                l->name[e - a - 1] = '\0';
                l->chapter = (int)(c - chapters);
                l->number = xstrdup(c->number);
                s = e + 1;
            }
        }
    }
}

static void read_markup(FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    struct chapter *c = NULL;
    struct piece *p = NULL;     /* the code chunk being read */
    int in_quote = 0, in_verbatim = 0, after_defn = 0;
    struct buf q = {0};

    for (;;) {
        /* getline is POSIX, not C11: read by hand. */
        size_t len = 0;
        int ch;
        while ((ch = fgetc(in)) != EOF && ch != '\n') {
            if (len + 2 > cap) {
                cap = cap ? 2 * cap : 256;
                line = xrealloc(line, cap);
            }
            line[len++] = (char)ch;
        }
        if (ch == EOF && len == 0)
            break;
        if (!line)
            line = xrealloc(NULL, cap = 256);
        line[len] = '\0';
        lineno++;

        char *arg = strchr(line, ' ');
        if (arg)
            *arg++ = '\0';
        else
            arg = line + len;

        if (strcmp(line, "@file") == 0) {
            GROW(chapters, nchapters, capchapters);
            c = &chapters[nchapters++];
            memset(c, 0, sizeof *c);
            c->page = page_of_file(arg);
            c->num = isdigit((unsigned char)c->page[0]) ? atoi(c->page) : 0;
            snprintf(c->number, sizeof c->number, "%d", c->num);
            buf_printf(&c->tex, "\\nwpage{%s}\n", c->page);
            in_quote = in_verbatim = 0;
            continue;
        }
        if (strcmp(line, "@fatal") == 0)
            die("markup reported a fatal error: %s", arg);
        if (!c) {
            if (strcmp(line, "@begin") == 0)
                die("line %ld: chunk before any @file", lineno);
            continue;
        }
        if (strcmp(line, "@begin") == 0) {
            if (strncmp(arg, "code", 4) == 0) {
                GROW(pieces, npieces, cappieces);
                p = &pieces[npieces++];
                memset(p, 0, sizeof *p);
                p->chapter = (int)(c - chapters);
                p->name = -1;
                c->nchunks++;
                /* 6.14: the 14th chunk of chapter 6, as in the PDF */
                snprintf(p->label, sizeof p->label, "%d.%d", c->num, c->nchunks);
            }
        } else if (strcmp(line, "@end") == 0) {
            if (p && strncmp(arg, "code", 4) == 0) {
                if (p->name < 0)
                    die("line %ld: code chunk without a name", lineno);
                buf_printf(&c->tex, "\n\n\\nwchunk{c%04d}\n\n", (int)(p - pieces) + 1);
                p = NULL;
            }
            in_quote = 0;
        } else if (strcmp(line, "@defn") == 0) {
            if (!p)
                die("line %ld: @defn outside code", lineno);
            p->name = intern_name(arg);
            struct name *nm = &names[p->name];
            ints_push(&nm->pieces, (int)(p - pieces));
            p->seq = nm->pieces.n;
            after_defn = 1;
        } else if (strcmp(line, "@nl") == 0) {
            if (p) {
                if (after_defn)
                    after_defn = 0;
                else
                    piece_add(p, IT_NL, NULL, -1);
            } else if (in_quote) {
                /* Quoted code does not span lines; close it here. */
                emit_quote(c, buf_str(&q), in_verbatim);
                buf_clear(&q);
                buf_addc(&c->tex, '\n');
                buf_addc(&c->plain, '\n');
            } else {
                buf_addc(&c->tex, '\n');
                buf_addc(&c->plain, '\n');
            }
        } else if (strcmp(line, "@text") == 0) {
            if (p) {
                piece_add(p, IT_TEXT, arg, -1);
            } else if (in_quote) {
                buf_add(&q, arg);
                buf_add(&c->plain, arg);
            } else {
                buf_add(&c->tex, arg);
                buf_add(&c->plain, arg);
                if (!in_verbatim)
                    scan_prose(c, arg);
                if (strstr(arg, "\\begin{verbatim}"))
                    in_verbatim = 1;
                if (strstr(arg, "\\end{verbatim}"))
                    in_verbatim = 0;
            }
        } else if (strcmp(line, "@use") == 0) {
            if (p) {
                int n = intern_name(arg);
                piece_add(p, IT_USE, NULL, n);
                ints_push_unique(&p->uses, n);
                ints_push_unique(&names[n].users, (int)(p - pieces));
            } else {
                /* A chunk name quoted in the prose: show it as text. */
                struct buf t = {0};
                buf_add(&t, LANGLE);
                buf_add(&t, arg);
                buf_add(&t, RANGLE);
                if (in_quote)
                    buf_add(&q, buf_str(&t));
                else
                    emit_quote(c, buf_str(&t), in_verbatim);
                free(t.s);
            }
        } else if (strcmp(line, "@quote") == 0) {
            in_quote = 1;
            buf_clear(&q);
            buf_addc(&c->plain, '\1');
        } else if (strcmp(line, "@endquote") == 0) {
            if (in_quote)
                emit_quote(c, buf_str(&q), in_verbatim);
            buf_clear(&q);
            buf_addc(&c->plain, '\2');
            in_quote = 0;
        } else if (strcmp(line, "@index") == 0) {
            if (p && strncmp(arg, "defn ", 5) == 0) {
                GROW(idefs, nidefs, capidefs);
                struct idef *d = &idefs[nidefs];
                memset(d, 0, sizeof *d);
                d->ident = intern_ident(arg + 5);
                d->piece = (int)(p - pieces);
                ints_push(&idents[d->ident].defs, nidefs);
                ints_push(&p->defs, nidefs);
                nidefs++;
            }
        }
        /* @xref, @line, @language, @header, @trailer, @literal: unused */
    }
    free(line);
    free(q.s);
}

/* ---------------------------------------------------------------- */
/* Names, slugs and anchors                                           */

/* The slug of a chunk name: lower case, runs of other characters
   become one '-', trimmed. */
static void slugify(struct buf *out, const char *s)
{
    int dash = 0;
    size_t start = out->len;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch < 128 && isalnum(ch)) {
            if (dash && out->len > start)
                buf_addc(out, '-');
            dash = 0;
            buf_addc(out, (char)tolower(ch));
        } else {
            dash = 1;
        }
    }
    if (out->len == start)
        buf_add(out, "unnamed");
}

/* Does a candidate anchor leave room for n definitions? */
static int anchors_free(const char *base, int n)
{
    char tmp[32];
    struct buf b = {0};
    int ok = !is_taken(base);
    for (int k = 2; ok && k <= n; k++) {
        buf_clear(&b);
        buf_add(&b, base);
        snprintf(tmp, sizeof tmp, "-%d", k);
        buf_add(&b, tmp);
        ok = !is_taken(buf_str(&b));
    }
    free(b.s);
    return ok;
}

static void assign_anchors(void)
{
    /* Chunk names, in order of their first definition. */
    for (int i = 0; i < npieces; i++) {
        struct piece *p = &pieces[i];
        struct name *nm = &names[p->name];
        if (p->seq == 1) {
            struct buf base = {0}, cand = {0};
            buf_add(&base, "chunk-");
            slugify(&base, nm->name);
            buf_add(&cand, buf_str(&base));
            for (int k = 2; !anchors_free(buf_str(&cand), nm->pieces.n); k++) {
                buf_clear(&cand);
                buf_printf(&cand, "%s-%d", buf_str(&base), k);
            }
            nm->anchor = xstrdup(buf_str(&cand));
            take(nm->anchor);
            p->anchor = xstrdup(nm->anchor);
            free(base.s);
            free(cand.s);
        } else {
            struct buf a = {0};
            buf_printf(&a, "%s-%d", nm->anchor, p->seq);
            take(buf_str(&a));
            p->anchor = a.s;
        }
    }
    /* Identifiers, in order of definition. */
    for (int i = 0; i < nidefs; i++) {
        struct idef *d = &idefs[i];
        struct buf base = {0}, cand = {0};
        buf_add(&base, "id-");
        for (const char *s = idents[d->ident].name; *s; s++) {
            unsigned char ch = (unsigned char)*s;
            buf_addc(&base, (ch < 128 && (isalnum(ch) || ch == '_')) ? (char)ch : '-');
        }
        buf_add(&cand, buf_str(&base));
        for (int k = 2; is_taken(buf_str(&cand)); k++) {
            buf_clear(&cand);
            buf_printf(&cand, "%s-%d", buf_str(&base), k);
        }
        take(buf_str(&cand));
        d->anchor = cand.s;
        free(base.s);
    }
}

/* "X (stage K)": its base name X and K; versions of every base name. */
static void assign_versions(void)
{
    int n = nnames;            /* intern_name may add base names */
    for (int i = 0; i < n; i++) {
        const char *s = names[i].name;
        size_t len = strlen(s);
        const char *open = strrchr(s, '(');
        if (!open || len < 2 || s[len - 1] != ')' || open == s || open[-1] != ' ')
            continue;
        if (strncmp(open, "(stage ", 7) != 0)
            continue;
        const char *d = open + 7;
        if (!isdigit((unsigned char)*d))
            continue;
        int k = atoi(d);
        while (isdigit((unsigned char)*d))
            d++;
        if (d != s + len - 1)
            continue;
        char *base = xrealloc(NULL, (size_t)(open - s));
        memcpy(base, s, (size_t)(open - s - 1));
        base[open - s - 1] = '\0';
        int x = intern_name(base);
        free(base);
        names[i].base = x;
        names[i].stage = k;
    }
    for (int i = 0; i < npieces; i++) {
        struct piece *p = &pieces[i];
        struct name *nm = &names[p->name];
        struct name *b = &names[nm->base];
        p->base = nm->base;
        int last = b->versions.n ? b->versions.v[b->versions.n - 1] : -1;
        if (last < 0 || (nm->stage > 0 && versions[last].stage != nm->stage)) {
            GROW(versions, nversions, capversions);
            struct version *v = &versions[nversions];
            memset(v, 0, sizeof *v);
            v->base = nm->base;
            v->stage = nm->stage;
            v->chapter = p->chapter;
            last = nversions++;
            ints_push(&b->versions, last);
        }
        p->version = last;
        ints_push(&versions[last].pieces, i);
    }
    /* A use of a stage name counts as a use of its base. */
    for (int i = 0; i < nnames; i++) {
        if (names[i].base == i)
            continue;
        for (int j = 0; j < names[i].users.n; j++)
            ints_push_unique(&names[names[i].base].users, names[i].users.v[j]);
    }
}

/* The first piece of the newest version of base name b, or -1. */
static int newest_piece(int b)
{
    struct name *nm = &names[b];
    if (nm->versions.n == 0)
        return -1;
    return versions[nm->versions.v[nm->versions.n - 1]].pieces.v[0];
}

/* ---------------------------------------------------------------- */
/* HTML helpers                                                       */

/* An href to anchor `anchor` on the page of chapter `ch`, as seen from
   page `from` (a chapter index, or -1 for a page of its own). */
static void href(struct buf *b, int from, int ch, const char *anchor)
{
    buf_add(b, "href=\"");
    if (from != ch) {
        buf_esc(b, chapters[ch].page);
        buf_add(b, ".html");
    }
    buf_addc(b, '#');
    buf_esc(b, anchor);
    buf_addc(b, '"');
}

/* A chunk name with its [[quoted code]] as <code>. */
static void name_html(struct buf *b, const char *s)
{
    while (*s) {
        const char *open = strstr(s, "[[");
        const char *close = open ? strstr(open + 2, "]]") : NULL;
        if (!open || !close) {
            buf_esc(b, s);
            return;
        }
        /* "]]]" closes after the first ']' that leaves "]]" */
        while (close[2] == ']')
            close++;
        buf_escn(b, s, (size_t)(open - s));
        buf_add(b, "<code>");
        buf_escn(b, open + 2, (size_t)(close - open - 2));
        buf_add(b, "</code>");
        s = close + 2;
    }
}

/* The same name as plain text (for sorting and titles). */
static char *name_plain(const char *s)
{
    struct buf b = {0};
    while (*s) {
        if ((s[0] == '[' && s[1] == '[') || (s[0] == ']' && s[1] == ']')) {
            s += 2;
            continue;
        }
        buf_addc(&b, *s++);
    }
    if (!b.s)
        buf_add(&b, "");
    return b.s;
}


/* <a ...>⟨name⟩</a> linking to piece `pi`, with its label after it. */
static void piece_ref(struct buf *b, int from, int pi, int with_name)
{
    struct piece *p = &pieces[pi];
    buf_add(b, "<a class=\"xref\" ");
    href(b, from, p->chapter, p->anchor);
    buf_add(b, ">");
    if (with_name) {
        buf_add(b, "<span class=\"cn\">" LANGLE);
        name_html(b, names[p->base].name);
        buf_add(b, RANGLE "</span>&#160;");
    }
    buf_add(b, "<span class=\"cl\">");
    buf_esc(b, p->label);
    buf_add(b, "</span></a>");
}

static void comma_list_sep(struct buf *b, int i, int n)
{
    if (i > 0)
        buf_add(b, i == n - 1 ? (n > 2 ? ", and " : " and ") : ", ");
}

/* ---------------------------------------------------------------- */
/* A small C lexer for highlighting                                   */

static const char *const keywords[] = {
    "auto", "break", "case", "const", "continue", "default", "do", "else",
    "enum", "extern", "for", "goto", "if", "inline", "register", "restrict",
    "return", "sizeof", "static", "struct", "switch", "typedef", "union",
    "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Generic",
    "_Noreturn", "_Static_assert", "_Thread_local", "alignas", "alignof",
    "static_assert", "thread_local", "asm", "__asm", "__asm__", "__volatile__",
    "__attribute__", "__inline", "__inline__", "__restrict", "__restrict__",
    "typeof", "__typeof__", "__extension__", "noreturn", NULL,
};

static const char *const types[] = {
    "void", "char", "short", "int", "long", "float", "double", "signed",
    "unsigned", "_Bool", "bool", "_Complex", "__builtin_va_list", "va_list",
    "__int128", NULL,
};

static const char *const constants[] = {
    "NULL", "true", "false", "nullptr", NULL,
};

static int in_list(const char *const *list, const char *s, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, s, n) == 0)
            return 1;
    return 0;
}

static int is_type(const char *s, size_t n)
{
    if (in_list(types, s, n))
        return 1;
    /* size_t, uint8_t, ... */
    return n > 2 && s[n - 2] == '_' && s[n - 1] == 't';
}

struct lexer {
    int in_comment;    /* inside a block comment */
    int line_start;    /* only blanks so far on this line */
    int pp_include;    /* after #include: <...> is a header name */
    int piece;         /* piece being rendered */
};

static void span_open(struct buf *b, const char *cls)
{
    buf_add(b, "<span class=\"");
    buf_add(b, cls);
    buf_add(b, "\">");
}

static void span(struct buf *b, const char *cls, const char *s, size_t n)
{
    span_open(b, cls);
    buf_escn(b, s, n);
    buf_add(b, "</span>");
}

/* The definition of identifier `id` that a use in piece `pi` refers to:
   the last one at or before it in the book, else the first one later in
   the same chapter (code may use what its chapter defines further on).
   -1 when there is none: a chapter cannot use what only a later
   chapter defines, so a name there is something else. */
static int idef_for(int id, int pi)
{
    struct ints *d = &idents[id].defs;
    int best = -1;
    for (int i = 0; i < d->n; i++)
        if (idefs[d->v[i]].piece <= pi)
            best = d->v[i];
    if (best >= 0)
        return best;
    for (int i = 0; i < d->n; i++)
        if (pieces[idefs[d->v[i]].piece].chapter == pieces[pi].chapter)
            return d->v[i];
    return -1;
}

/* An identifier token: keyword, type, a defined identifier, or plain. */
static void lex_ident(struct buf *b, struct lexer *lx, const char *s, size_t n)
{
    const char *cls = NULL;
    if (in_list(keywords, s, n))
        cls = "kw";
    else if (is_type(s, n))
        cls = "ty";
    else if (in_list(constants, s, n))
        cls = "nu";

    int id = find_ident(s, n);
    if (id >= 0) {
        struct piece *p = &pieces[lx->piece];
        /* Is it defined right here?  Then the first such token carries
           the anchor of the definition. */
        for (int i = 0; i < p->defs.n; i++) {
            struct idef *d = &idefs[p->defs.v[i]];
            if (d->ident == id) {
                if (!d->placed) {
                    d->placed = 1;
                    buf_add(b, "<span class=\"def");
                    if (cls) {
                        buf_addc(b, ' ');
                        buf_add(b, cls);
                    }
                    buf_add(b, "\" id=\"");
                    buf_esc(b, d->anchor);
                    buf_add(b, "\">");
                    buf_escn(b, s, n);
                    buf_add(b, "</span>");
                } else if (cls) {
                    span(b, cls, s, n);
                } else {
                    buf_escn(b, s, n);
                }
                return;
            }
        }
        int which = idef_for(id, lx->piece);
        if (which < 0) {
            if (cls)
                span(b, cls, s, n);
            else
                buf_escn(b, s, n);
            return;
        }
        struct idef *d = &idefs[which];
        ints_push_unique(&p->idents_used, id);
        ints_push_unique(&idents[id].users, lx->piece);
        buf_add(b, "<a class=\"id");
        if (cls) {
            buf_addc(b, ' ');
            buf_add(b, cls);
        }
        buf_add(b, "\" ");
        href(b, p->chapter, pieces[d->piece].chapter, d->anchor);
        buf_addc(b, '>');
        buf_escn(b, s, n);
        buf_add(b, "</a>");
        return;
    }
    if (cls)
        span(b, cls, s, n);
    else
        buf_escn(b, s, n);
}

static int ident_start(int c)
{
    return isalpha(c) || c == '_' || c == '$';
}

static int ident_char(int c)
{
    return isalnum(c) || c == '_' || c == '$';
}

/* Highlight one stretch of code text (no newline inside). */
static void lex_text(struct buf *b, struct lexer *lx, const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (lx->in_comment) {
            const char *end = strstr(s + i, "*/");
            size_t j = end ? (size_t)(end - s) + 2 : n;
            buf_escn(b, s + i, j - i);
            if (end) {
                buf_add(b, "</span>");
                lx->in_comment = 0;
            }
            i = j;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r') {
            buf_addc(b, (char)c);
            i++;
            continue;
        }
        int at_start = lx->line_start;
        lx->line_start = 0;
        if (c == '/' && s[i + 1] == '*') {
            span_open(b, "co");
            lx->in_comment = 1;
            buf_add(b, "/*");
            i += 2;
            continue;
        }
        if (c == '/' && s[i + 1] == '/') {
            span(b, "co", s + i, n - i);
            i = n;
            continue;
        }
        if (c == '#' && at_start) {
            size_t j = i + 1;
            while (j < n && (s[j] == ' ' || s[j] == '\t'))
                j++;
            size_t w = j;
            while (j < n && isalpha((unsigned char)s[j]))
                j++;
            lx->pp_include = (j - w == 7 && memcmp(s + w, "include", 7) == 0);
            span(b, "pp", s + i, j - i);
            i = j;
            continue;
        }
        if (c == '<' && lx->pp_include) {
            const char *end = strchr(s + i, '>');
            size_t j = end ? (size_t)(end - s) + 1 : n;
            span(b, "st", s + i, j - i);
            i = j;
            lx->pp_include = 0;
            continue;
        }
        if (c == '"' || c == '\'') {
            size_t j = i + 1;
            while (j < n && (unsigned char)s[j] != c) {
                if (s[j] == '\\' && j + 1 < n)
                    j++;
                j++;
            }
            if (j < n)
                j++;
            span(b, c == '"' ? "st" : "ch", s + i, j - i);
            i = j;
            continue;
        }
        if (isdigit(c) || (c == '.' && isdigit((unsigned char)s[i + 1]))) {
            int hex = c == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X');
            size_t j = i + 1;
            while (j < n) {
                char d = s[j], e = s[j - 1];
                if ((d == '+' || d == '-') &&
                    (e == 'p' || e == 'P' || (!hex && (e == 'e' || e == 'E')))) {
                    j++;
                    continue;
                }
                if (!ident_char((unsigned char)d) && d != '.')
                    break;
                j++;
            }
            span(b, "nu", s + i, j - i);
            i = j;
            continue;
        }
        if (ident_start(c)) {
            size_t j = i + 1;
            while (j < n && ident_char((unsigned char)s[j]))
                j++;
            /* L"..", u8"..", U'..' */
            if (j < n && (s[j] == '"' || s[j] == '\'') &&
                ((j - i == 1 && strchr("LuU", s[i])) ||
                 (j - i == 2 && s[i] == 'u' && s[i + 1] == '8'))) {
                char q = s[j];
                size_t k = j + 1;
                while (k < n && s[k] != q) {
                    if (s[k] == '\\' && k + 1 < n)
                        k++;
                    k++;
                }
                if (k < n)
                    k++;
                span(b, q == '"' ? "st" : "ch", s + i, k - i);
                i = k;
                continue;
            }
            lex_ident(b, lx, s + i, j - i);
            i = j;
            continue;
        }
        buf_escn(b, s + i, 1);
        i++;
    }
}

/* ---------------------------------------------------------------- */
/* Rendering a code chunk                                             */

/* A chunk defined empty, for later chapters to extend: one line with its
   name, where it is used, and the chunks that extend it. */
static void render_hook(struct buf *b, int pi, struct version *v, int seq)
{
    struct piece *p = &pieces[pi];
    struct name *nm = &names[p->base];
    int from = p->chapter, k = v->pieces.n - seq - 1;

    buf_add(b, "<div class=\"chunk hook\">\n<p class=\"chunk-name\" id=\"");
    buf_esc(b, p->anchor);
    buf_add(b, "\"><span class=\"chunk-title\">" LANGLE);
    name_html(b, nm->name);
    buf_add(b, RANGLE "</span> <span class=\"hook-note\">empty here; ");
    if (k == 0) {
        buf_add(b, "nothing is added to it yet");
    } else {
        buf_add(b, "later chapters extend this point: ");
        for (int i = 0; i < k; i++) {
            comma_list_sep(b, i, k);
            piece_ref(b, from, v->pieces.v[seq + 1 + i], 0);
        }
    }
    if (nm->users.n > 0) {
        buf_add(b, "; used in ");
        for (int i = 0; i < nm->users.n; i++) {
            comma_list_sep(b, i, nm->users.n);
            piece_ref(b, from, nm->users.v[i], 0);
        }
    }
    buf_add(b, ".</span> <a class=\"chunk-label\" href=\"#");
    buf_esc(b, p->anchor);
    buf_add(b, "\" title=\"Link to this chunk\">");
    buf_esc(b, p->label);
    buf_add(b, "</a></p>\n</div>\n");
}

/* A replacement defined empty removes the code it replaces: one line with
   its name, where it is used, and the version it empties. */
static void render_emptied(struct buf *b, int pi, struct version *pv)
{
    struct piece *p = &pieces[pi];
    struct name *nm = &names[p->base];
    int from = p->chapter;

    buf_add(b, "<div class=\"chunk hook\">\n<p class=\"chunk-name\" id=\"");
    buf_esc(b, p->anchor);
    buf_add(b, "\"><span class=\"chunk-title\">" LANGLE);
    name_html(b, nm->name);
    buf_add(b, RANGLE "</span> <span class=\"emptied-note\">emptied here");
    if (nm->users.n > 0) {
        buf_add(b, ", where ");
        for (int i = 0; i < nm->users.n; i++) {
            comma_list_sep(b, i, nm->users.n);
            piece_ref(b, from, nm->users.v[i], 0);
        }
        buf_add(b, nm->users.n > 1 ? " use it" : " uses it");
    }
    buf_add(b, ".</span> <a class=\"chunk-label\" href=\"#");
    buf_esc(b, p->anchor);
    buf_add(b, "\" title=\"Link to this chunk\">");
    buf_esc(b, p->label);
    buf_add(b, "</a></p>\n<div class=\"chunk-xref\">\n<p class=\"replaces\">Replaces ");
    piece_ref(b, from, pv->pieces.v[0], 1);
    buf_printf(b, " from chapter %d.</p>\n</div>\n</div>\n", chapters[pv->chapter].num);
}

static void render_piece(struct buf *b, int pi)
{
    struct piece *p = &pieces[pi];
    struct name *nm = &names[p->base];
    struct version *v = &versions[p->version];
    int from = p->chapter;
    int vi = 0, seq = 0;       /* which version of the name, which piece of it */
    while (nm->versions.v[vi] != p->version)
        vi++;
    while (v->pieces.v[seq] != pi)
        seq++;

    /* Drop trailing empty lines. */
    int end = p->nitems;
    while (end > 0 && (p->items[end - 1].kind == IT_NL ||
                       (p->items[end - 1].kind == IT_TEXT &&
                        strspn(p->items[end - 1].text, " \t") ==
                            strlen(p->items[end - 1].text))))
        end--;
    if (end == 0 && vi > 0 && seq == 0) {
        render_emptied(b, pi, &versions[nm->versions.v[vi - 1]]);
        return;
    }
    if (end == 0) {
        render_hook(b, pi, v, seq);
        return;
    }

    buf_add(b, "<div class=\"chunk\">\n<p class=\"chunk-name\" id=\"");
    buf_esc(b, p->anchor);
    buf_add(b, "\"><span class=\"chunk-title\">" LANGLE);
    name_html(b, nm->name);
    buf_add(b, RANGLE "<span class=\"chunk-op\">");
    buf_add(b, seq > 0 ? "+" EQUIV : EQUIV);
    buf_add(b, "</span></span> <a class=\"chunk-label\" href=\"#");
    buf_esc(b, p->anchor);
    buf_add(b, "\" title=\"Link to this chunk\">");
    buf_esc(b, p->label);
    /* Each line is a span of its own, so that a phone can wrap a long one
       and mark where it continues (book/html/drongo.css). */
    buf_add(b, "</a></p>\n<pre class=\"chunk-code\"><code><span class=\"ln\">");

    struct lexer lx = {0, 1, 0, pi};
    for (int i = 0; i < end; i++) {
        struct item *it = &p->items[i];
        if (it->kind == IT_NL) {
            if (lx.in_comment)
                buf_add(b, "</span>");
            buf_add(b, "\n</span><span class=\"ln\">");
            if (lx.in_comment)
                span_open(b, "co");
            lx.line_start = 1;
            lx.pp_include = 0;
        } else if (it->kind == IT_TEXT) {
            lex_text(b, &lx, it->text);
        } else {
            /* a use leads to the version the newest stage builds */
            struct name *u = &names[names[it->name].base];
            int fp = newest_piece(names[it->name].base);
            if (lx.in_comment)
                buf_add(b, "</span>");
            if (fp >= 0) {
                buf_add(b, "<a class=\"use\" ");
                href(b, from, pieces[fp].chapter, pieces[fp].anchor);
                buf_add(b, " title=\"");
                buf_esc(b, pieces[fp].label);
                buf_add(b, "\">" LANGLE);
            } else {
                buf_add(b, "<span class=\"use undefined\" title=\"not defined\">" LANGLE);
            }
            name_html(b, u->name);
            buf_add(b, fp >= 0 ? RANGLE "</a>" : RANGLE "</span>");
            if (lx.in_comment)
                span_open(b, "co");
            lx.line_start = 0;
        }
    }
    if (lx.in_comment)
        buf_add(b, "</span>");
    buf_add(b, "</span></code></pre>\n");

    /* Cross-references under the code. */
    buf_add(b, "<div class=\"chunk-xref\">\n");
    if (vi > 0 && seq == 0) {
        struct version *pv = &versions[nm->versions.v[vi - 1]];
        buf_add(b, "<p class=\"replaces\">Replaces ");
        piece_ref(b, from, pv->pieces.v[0], 1);
        buf_printf(b, " from chapter %d.</p>\n", chapters[pv->chapter].num);
    }
    if (vi + 1 < nm->versions.n) {
        struct version *nv = &versions[nm->versions.v[vi + 1]];
        buf_printf(b, "<p class=\"replaced\">Replaced in chapter %d (", chapters[nv->chapter].num);
        piece_ref(b, from, nv->pieces.v[0], 0);
        buf_add(b, ").</p>\n");
    }
    if (seq > 0) {
        buf_add(b, "<p>Continues ");
        for (int i = 0; i < seq; i++) {
            comma_list_sep(b, i, seq);
            piece_ref(b, from, v->pieces.v[i], 0);
        }
        buf_add(b, ".</p>\n");
    }
    if (seq + 1 < v->pieces.n) {
        int k = v->pieces.n - seq - 1;
        buf_add(b, "<p>Continued in ");
        for (int i = 0; i < k; i++) {
            comma_list_sep(b, i, k);
            piece_ref(b, from, v->pieces.v[seq + 1 + i], 0);
        }
        buf_add(b, ".</p>\n");
    }
    if (nm->users.n > 0) {
        buf_add(b, "<p>Used in ");
        for (int i = 0; i < nm->users.n; i++) {
            comma_list_sep(b, i, nm->users.n);
            piece_ref(b, from, nm->users.v[i], 1);
        }
        buf_add(b, ".</p>\n");
    } else if (seq == 0 && vi == 0) {
        if (strchr(nm->name, '.') && !strchr(nm->name, ' ')) {
            buf_add(b, "<p>Root chunk: the file <code>");
            buf_esc(b, nm->name);
            buf_add(b, "</code>.</p>\n");
        } else {
            buf_add(b, "<p>Root chunk (not used in another chunk).</p>\n");
        }
    }
    if (p->defs.n > 0) {
        buf_add(b, "<p>Defines ");
        for (int i = 0; i < p->defs.n; i++) {
            struct idef *d = &idefs[p->defs.v[i]];
            struct ident *id = &idents[d->ident];
            comma_list_sep(b, i, p->defs.n);
            if (!d->placed) {
                d->placed = 1;
                buf_add(b, "<code class=\"def\" id=\"");
                buf_esc(b, d->anchor);
                buf_add(b, "\">");
            } else {
                buf_add(b, "<code>");
            }
            buf_esc(b, id->name);
            buf_add(b, "</code>");
            /* uses that refer to this very definition */
            struct ints u = {0};
            for (int j = 0; j < id->users.n; j++)
                if (idef_for(d->ident, id->users.v[j]) == p->defs.v[i])
                    ints_push(&u, id->users.v[j]);
            if (u.n > 0) {
                buf_add(b, " (used in ");
                for (int j = 0; j < u.n; j++) {
                    comma_list_sep(b, j, u.n);
                    piece_ref(b, from, u.v[j], 0);
                }
                buf_add(b, ")");
            }
            free(u.v);
        }
        buf_add(b, ".</p>\n");
    }
    buf_add(b, "</div>\n</div>\n");
}

/* ---------------------------------------------------------------- */
/* Plain titles for navigation                                        */

/* Convert a brace-balanced LaTeX argument to plain text (UTF-8). */
static void latex_plain(struct buf *out, const char *s, size_t n)
{
    size_t i = 0;
    int quoted = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\1') { quoted = 1; i++; continue; }
        if (c == '\2') { quoted = 0; i++; continue; }
        if (quoted) { buf_addc(out, c); i++; continue; }
        if (c == '\\') {
            i++;
            if (i < n && isalpha((unsigned char)s[i])) {
                while (i < n && isalpha((unsigned char)s[i]))
                    i++;
                while (i < n && s[i] == ' ')
                    i++;
            } else if (i < n) {
                if (s[i] == ' ')
                    buf_addc(out, ' ');
                else if (s[i] != '\\' && s[i] != ',' && s[i] != '/')
                    buf_addc(out, s[i]);
                else if (s[i] == ',')
                    buf_addc(out, ' ');
                i++;
            }
            continue;
        }
        if (c == '{' || c == '}' || c == '$') { i++; continue; }
        if (c == '~') { buf_addc(out, ' '); i++; continue; }
        if (c == '\n') { buf_addc(out, ' '); i++; continue; }
        if (c == '-' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == '-') {
            buf_add(out, "\xe2\x80\x94"); i += 3; continue;
        }
        if (c == '-' && i + 1 < n && s[i + 1] == '-') {
            buf_add(out, "\xe2\x80\x93"); i += 2; continue;
        }
        if (c == '`' && i + 1 < n && s[i + 1] == '`') {
            buf_add(out, "\xe2\x80\x9c"); i += 2; continue;
        }
        if (c == '\'' && i + 1 < n && s[i + 1] == '\'') {
            buf_add(out, "\xe2\x80\x9d"); i += 2; continue;
        }
        if (c == '\t') c = ' ';
        buf_addc(out, c);
        i++;
    }
}

/* The plain title of a chapter: the argument of its first \chapter. */
static char *chapter_title(struct chapter *c)
{
    const char *s = buf_str(&c->plain);
    const char *at = s;
    struct buf out = {0};
    while ((at = strstr(at, "\\chapter")) != NULL) {
        /* skip matches inside quoted code */
        int quoted = 0;
        for (const char *t = s; t < at; t++)
            quoted = *t == '\1' ? 1 : *t == '\2' ? 0 : quoted;
        if (quoted || isalpha((unsigned char)at[8])) {
            at += 8;
            continue;
        }
        const char *p = at + 8;
        if (*p == '*')
            p++;
        while (*p == ' ' || *p == '\n')
            p++;
        if (*p == '[') {
            int depth = 0;
            for (; *p; p++) {
                if (*p == '[') depth++;
                else if (*p == ']' && --depth == 0) { p++; break; }
            }
            while (*p == ' ' || *p == '\n')
                p++;
        }
        if (*p != '{')
            break;
        int depth = 0;
        const char *q = p;
        int quoted2 = 0;
        for (; *q; q++) {
            if (*q == '\1') quoted2 = 1;
            else if (*q == '\2') quoted2 = 0;
            else if (quoted2) continue;
            else if (*q == '\\' && q[1]) q++;
            else if (*q == '{') depth++;
            else if (*q == '}' && --depth == 0) break;
        }
        latex_plain(&out, p + 1, (size_t)(q - p - (*q ? 1 : 0)));
        break;
    }
    /* squeeze blanks */
    struct buf t = {0};
    int space = 1;
    for (const char *r = buf_str(&out); *r; r++) {
        if (*r == ' ') {
            if (!space)
                buf_addc(&t, ' ');
            space = 1;
        } else {
            buf_addc(&t, *r);
            space = 0;
        }
    }
    while (t.len > 0 && t.s[t.len - 1] == ' ')
        t.s[--t.len] = '\0';
    free(out.s);
    if (t.len == 0) {          /* "bibliography": "Bibliography" */
        buf_add(&t, c->page);
        t.s[0] = (char)toupper((unsigned char)t.s[0]);
    }
    return t.s;
}

/* ---------------------------------------------------------------- */
/* The index page                                                     */

static int sort_key_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
}

static int cmp_names(const void *a, const void *b)
{
    const struct name *x = &names[*(const int *)a], *y = &names[*(const int *)b];
    char *px = name_plain(x->name), *py = name_plain(y->name);
    int r = sort_key_cmp(px, py);
    if (r == 0)
        r = strcmp(x->name, y->name);
    free(px);
    free(py);
    return r;
}

static int cmp_idents(const void *a, const void *b)
{
    const char *x = idents[*(const int *)a].name, *y = idents[*(const int *)b].name;
    /* ignore leading underscores so _start sorts with s */
    while (*x == '_') x++;
    while (*y == '_') y++;
    int r = sort_key_cmp(x, y);
    return r ? r : strcmp(idents[*(const int *)a].name, idents[*(const int *)b].name);
}

static void render_index_chunks(struct buf *b)
{
    int *order = xrealloc(NULL, (size_t)nnames * sizeof *order);
    for (int i = 0; i < nnames; i++)
        order[i] = i;
    qsort(order, (size_t)nnames, sizeof *order, cmp_names);
    buf_add(b, "<dl class=\"xindex chunk-index\">\n");
    for (int k = 0; k < nnames; k++) {
        struct name *nm = &names[order[k]];
        if (nm->base != order[k])
            continue;          /* "X (stage K)": listed under X */
        int fp = newest_piece(order[k]);
        buf_add(b, "<dt>");
        if (fp >= 0) {
            buf_add(b, "<a class=\"cn\" ");
            href(b, -1, pieces[fp].chapter, pieces[fp].anchor);
            buf_add(b, ">" LANGLE);
        } else {
            buf_add(b, "<span class=\"cn undefined\">" LANGLE);
        }
        name_html(b, nm->name);
        buf_add(b, fp >= 0 ? RANGLE "</a>" : RANGLE "</span>");
        buf_add(b, "</dt>\n<dd>");
        if (fp < 0) {
            buf_add(b, "Not defined");
        } else {
            struct ints all = {0};
            for (int i = 0; i < nm->versions.n; i++) {
                struct version *v = &versions[nm->versions.v[i]];
                for (int j = 0; j < v->pieces.n; j++)
                    ints_push(&all, v->pieces.v[j]);
            }
            buf_add(b, "Defined in ");
            for (int i = 0; i < all.n; i++) {
                comma_list_sep(b, i, all.n);
                piece_ref(b, -1, all.v[i], 0);
            }
            free(all.v);
        }
        if (nm->users.n > 0) {
            buf_add(b, "; used in ");
            for (int i = 0; i < nm->users.n; i++) {
                comma_list_sep(b, i, nm->users.n);
                piece_ref(b, -1, nm->users.v[i], 1);
            }
        } else {
            buf_add(b, "; root chunk");
        }
        buf_add(b, ".</dd>\n");
    }
    buf_add(b, "</dl>\n");
    free(order);
}

static void render_index_idents(struct buf *b)
{
    if (nidents == 0) {
        buf_add(b, "<p>No identifiers are marked as defined.</p>\n");
        return;
    }
    int *order = xrealloc(NULL, (size_t)nidents * sizeof *order);
    for (int i = 0; i < nidents; i++)
        order[i] = i;
    qsort(order, (size_t)nidents, sizeof *order, cmp_idents);
    buf_add(b, "<dl class=\"xindex ident-index\">\n");
    for (int k = 0; k < nidents; k++) {
        struct ident *id = &idents[order[k]];
        struct idef *d0 = &idefs[id->defs.v[0]];
        buf_add(b, "<dt><a ");
        href(b, -1, pieces[d0->piece].chapter, d0->anchor);
        buf_add(b, "><code>");
        buf_esc(b, id->name);
        buf_add(b, "</code></a></dt>\n<dd>Defined in ");
        for (int i = 0; i < id->defs.n; i++) {
            struct idef *d = &idefs[id->defs.v[i]];
            struct piece *p = &pieces[d->piece];
            comma_list_sep(b, i, id->defs.n);
            buf_add(b, "<a class=\"xref\" ");
            href(b, -1, p->chapter, d->anchor);
            buf_add(b, "><span class=\"cn\">" LANGLE);
            name_html(b, names[p->base].name);
            buf_add(b, RANGLE "</span>&#160;<span class=\"cl\">");
            buf_esc(b, p->label);
            buf_add(b, "</span></a>");
        }
        if (id->users.n > 0) {
            buf_add(b, "; used in ");
            for (int i = 0; i < id->users.n; i++) {
                comma_list_sep(b, i, id->users.n);
                piece_ref(b, -1, id->users.v[i], 1);
            }
        } else {
            buf_add(b, "; not used in other chunks");
        }
        buf_add(b, ".</dd>\n");
    }
    buf_add(b, "</dl>\n");
    free(order);
}

/* ---------------------------------------------------------------- */
/* Output                                                             */

static const char *outdir;

/* A JSON string. */
static void buf_json(struct buf *b, const char *s)
{
    buf_addc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            buf_addc(b, '\\');
            buf_addc(b, (char)c);
        } else if (c < 0x20) {
            buf_addc(b, ' ');
        } else {
            buf_addc(b, (char)c);
        }
    }
    buf_addc(b, '"');
}

/* One search document: where it is, its title, what kind of thing it is
   and where, and the text to search. */
static void search_doc(struct buf *b, const char *page, const char *anchor,
                       const char *title, const char *where, const char *body)
{
    struct buf id = {0};
    buf_printf(&id, "%s.html#%s", page, anchor);
    buf_add(b, "{\"id\":");
    buf_json(b, buf_str(&id));
    buf_add(b, ",\"title\":");
    buf_json(b, title);
    buf_add(b, ",\"where\":");
    buf_json(b, where);
    buf_add(b, ",\"body\":");
    buf_json(b, body);
    buf_add(b, "}\n");
    free(id.s);
}

static void write_file(const char *name, const char *text)
{
    struct buf path = {0};
    buf_printf(&path, "%s/%s", outdir, name);
    FILE *f = fopen(buf_str(&path), "w");
    if (!f)
        die("cannot write %s: %s", buf_str(&path), strerror(errno));
    fputs(text, f);
    if (fclose(f) != 0)
        die("cannot write %s: %s", buf_str(&path), strerror(errno));
    free(path.s);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR < markup\n", progname);
        return 2;
    }
    outdir = argv[1];
    read_markup(stdin);
    if (nchapters == 0)
        die("no @file in the input");
    assign_anchors();
    assign_versions();

    struct buf b = {0};
    char name[64];

    /* Render every chunk twice: the first pass collects the uses of
       identifiers (its output is thrown away), the second has complete
       lists for the "Defines" lines; the index needs them too. */
    struct buf *frags = xrealloc(NULL, (size_t)(npieces ? npieces : 1) * sizeof *frags);
    memset(frags, 0, (size_t)(npieces ? npieces : 1) * sizeof *frags);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < nidefs; i++)
            idefs[i].placed = 0;
        for (int i = 0; i < npieces; i++) {
            buf_clear(&frags[i]);
            render_piece(&frags[i], i);
        }
    }
    for (int i = 0; i < npieces; i++) {
        snprintf(name, sizeof name, "frag-c%04d.html", i + 1);
        write_file(name, buf_str(&frags[i]));
        free(frags[i].s);
    }
    free(frags);

    /* Chapters and the page list. */
    buf_clear(&b);
    for (int i = 0; i < nchapters; i++) {
        struct chapter *c = &chapters[i];
        struct buf fn = {0};
        buf_printf(&fn, "%s.tex", c->page);
        write_file(buf_str(&fn), buf_str(&c->tex));
        free(fn.s);
        char *title = chapter_title(c);
        for (char *t = title; *t; t++)
            if (*t == '\t' || *t == '\n' || *t == '\1' || *t == '\2')
                *t = ' ';
        /* a page that is not a chapter has no number */
        if (c->num > 0)
            buf_printf(&b, "%s\t%d\t%s\t%d\n", c->page, c->num, title, c->has_chapter);
        else
            buf_printf(&b, "%s\t\t%s\t%d\n", c->page, title, c->has_chapter);
        free(title);
    }
    write_file("pages.tsv", buf_str(&b));

    buf_clear(&b);
    for (int i = 0; i < nlabels; i++) {
        const char *l = labels[i].name;
        if (strpbrk(l, "\t\n"))
            continue;
        buf_printf(&b, "%s\t%s\t%s\n", l, chapters[labels[i].chapter].page, labels[i].number);
    }
    write_file("labels.tsv", buf_str(&b));

    /* Identifier definitions in book order, for links from the prose. */
    buf_clear(&b);
    for (int i = 0; i < nidefs; i++) {
        const char *n = idents[idefs[i].ident].name;
        if (strpbrk(n, "\t\n"))
            continue;
        buf_printf(&b, "%s\t%s\t%s\n", n, chapters[pieces[idefs[i].piece].chapter].page,
                   idefs[i].anchor);
    }
    write_file("idents.tsv", buf_str(&b));

    /* What the search box searches (book/html/search-index.js): one JSON
       object a line for every chunk and every identifier; the prose is
       added per page by book/html/chunks.lua. */
    buf_clear(&b);
    for (int i = 0; i < npieces; i++) {
        struct piece *p = &pieces[i];
        struct buf t = {0}, body = {0}, w = {0};
        char *plain = name_plain(names[p->base].name);
        buf_printf(&t, "%s %s", p->label, plain);
        buf_printf(&w, "chunk, chapter %d", chapters[p->chapter].num);
        buf_add(&body, plain);
        for (int k = 0; k < p->nitems; k++) {
            struct item *it = &p->items[k];
            if (it->kind == IT_TEXT)
                buf_add(&body, it->text);
            else if (it->kind == IT_NL)
                buf_addc(&body, ' ');
            else {
                char *u = name_plain(names[names[it->name].base].name);
                buf_printf(&body, " %s ", u);
                free(u);
            }
        }
        search_doc(&b, chapters[p->chapter].page, p->anchor, buf_str(&t), buf_str(&w),
                   buf_str(&body));
        free(plain); free(t.s); free(body.s); free(w.s);
    }
    for (int i = 0; i < nidefs; i++) {
        struct idef *d = &idefs[i];
        struct piece *p = &pieces[d->piece];
        struct buf w = {0};
        char *plain = name_plain(names[p->base].name);
        buf_printf(&w, "identifier, chunk %s %s", p->label, plain);
        search_doc(&b, chapters[p->chapter].page, d->anchor, idents[d->ident].name,
                   buf_str(&w), idents[d->ident].name);
        free(plain); free(w.s);
    }
    write_file("search-chunks.jsonl", buf_str(&b));

    /* The files of each stage: the file roots of chapters 1..N. */
    buf_clear(&b);
    for (int c = 0; c < nchapters; c++) {
        if (chapters[c].num == 0)
            continue;          /* the preface, the bibliography */
        buf_printf(&b, "%s\t%d\t", chapters[c].page, chapters[c].num);
        int *order = xrealloc(NULL, (size_t)nnames * sizeof *order), n = 0;
        for (int i = 0; i < nnames; i++) {
            const char *nm = names[i].name;
            size_t len = strlen(nm);
            if (names[i].base != i || len < 3 || strchr(nm, ' ') ||
                strchr(nm, '/') ||      /* tests/...: not the server's */
                (strcmp(nm + len - 2, ".c") != 0 && strcmp(nm + len - 2, ".h") != 0))
                continue;
            int here = 0;
            for (int v = 0; v < names[i].versions.n; v++)
                if (versions[names[i].versions.v[v]].chapter <= c)
                    here = 1;
            if (here)
                order[n++] = i;
        }
        qsort(order, (size_t)n, sizeof *order, cmp_names);
        for (int i = 0; i < n; i++)
            buf_printf(&b, "%s%s", i ? " " : "", names[order[i]].name);
        buf_addc(&b, '\n');
        free(order);
    }
    write_file("stages.tsv", buf_str(&b));

    /* The index page. */
    buf_clear(&b);
    render_index_chunks(&b);
    write_file("frag-index-chunks.html", buf_str(&b));
    buf_clear(&b);
    render_index_idents(&b);
    write_file("frag-index-idents.html", buf_str(&b));
    write_file("indexes.tex",
               "\\nwpage{indexes}\n"
               "\\chapter*{Index}\n\n"
               "\\section*{Code chunks}\n\n\\nwchunk{index-chunks}\n\n"
               "\\section*{Identifiers}\n\n\\nwchunk{index-idents}\n");
    write_file("index.tex", "\\nwpage{index}\n");
    free(b.s);
    return 0;
}
