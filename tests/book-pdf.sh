#!/usr/bin/env bash
# tests/book-pdf.sh: the printed edition, read back with poppler's tools.
# Assumes build/book/drongo.pdf is built.  Prints ok/not ok lines.
cd "$(dirname "$0")/.." || exit 0
pdf=build/book/drongo.pdf
log=build/book/drongo.log
t(){ if eval "$2"; then echo "ok - $1"; else echo "not ok - $1${3:+: $3}"; fi; }

if ! command -v pdftotext >/dev/null; then
    echo "skip - PDF checks (pdftotext missing: install poppler-utils)"; exit 0
fi
[ -f "$pdf" ] || { echo "not ok - PDF exists"; exit 0; }
text=$(mktemp); pdftotext -layout "$pdf" "$text"
first=$(mktemp); pdftotext -f 1 -l 1 "$pdf" "$first"

t "PDF opens with the cover (title and publisher on page 1)" \
  "grep -q 'drongo' $first && grep -q 'EINTR' $first"
t "PDF has a table of contents" "grep -q '^[[:space:][:cntrl:]]*Contents *$' $text"
for ch in $(ls chapters/[0-9][0-9]-*.nw); do
    title=$(sed -n 's/^\\chapter{\(.*\)}.*/\1/p' "$ch" | head -1 | sed 's/\\texttt{\([^}]*\)}/\1/g')
    t "PDF contains chapter '$title'" "grep -qF \"$title\" $text"
done
t "PDF has the chunk index" "grep -q 'Index of chunks' $text"
t "PDF has the identifier index" "grep -q 'Index of identifiers' $text"
t "underscores survive copy and paste (T1 fonts)" "grep -q 'sys_write' $text"
t "PDF carries the parody disclaimer" "grep -qi 'parody' $text"
# Internal links, as poppler sees them: contents entries, chunk references
# (defined, used, continued) and index entries all jump within the book.
links=$(pdftohtml -xml -stdout -i -q "$pdf" | grep -c '<a href="[^"]*#[0-9]')
chunks=$(grep -c '^<<.*>>=$' chapters/*.nw | awk -F: '{n+=$2} END{print n}')
t "chunk cross-references are hyperlinks ($links links, $chunks chunks)" \
  "[ ${links:-0} -gt $((chunks * 3)) ]"
over=$(grep -c 'Overfull \\hbox' "$log" 2>/dev/null)
t "no overfull lines in the PDF ($over found)" "[ ${over:-1} -eq 0 ]" "see $log"
width=$(awk '/^<<.*>>=$/{c=1;next} /^@/{c=0} c && length($0) > 76 {n++} END{print n+0}' chapters/*.nw)
t "no code line wider than 76 columns ($width found)" "[ $width -eq 0 ]"
wide=$(awk '/^\\begin\{verbatim\}/{v=1;next} /^\\end\{verbatim\}/{v=0} v && length($0) > 72 {n++} END{print n+0}' chapters/*.nw)
t "no diagram or session line wider than 72 columns ($wide found)" "[ $wide -eq 0 ]"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')
t "PDF has a real length ($pages pages)" "[ ${pages:-0} -gt 40 ]"

# Pages that fill.  Every word's box, as poppler reads it, gives the lowest
# line of the text block on each page; the block is the geometry of
# book/drongo.tex (top 0.8in, bottom 0.85in), so the fill of a page is how
# far down that block its last line reaches.  From the first chapter on, no
# page may be less than two-thirds full, except a chapter's last page (the
# next page opens a chapter or an index: it carries a title in type over
# 20pt, where a section heading stays under it; or the next page is the
# blank one \cleardoublepage leaves before the bibliography, and the page
# after it has the title) and a page whose last lines are a figure's
# caption.
fill=$(pdftotext -bbox "$pdf" - | awk -v top=57.6 -v bot=600.48 '
    function pc(y) { return int(100 * (y - top) / (bot - top) + 0.5) }
    function done() { if (!n) return
        f[n] = maxy ? pc(maxy) : 0; b[n] = big; c[n] = capy ? pc(capy) : -1 }
    /<page / { done(); n++; maxy = 0; big = 0; capy = 0; prev = "" }
    /<word / {
        match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
        match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
        w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
        if (y0 < top - 5 || y0 > bot + 2) next     # running head, foot
        if (y1 > maxy) maxy = y1
        if (y1 - y0 > 20.5) big = big ? big : 1      # a chapter title (Huge)
        if (y1 - y0 > 17.5 && w == "Chapter") big = 2 # "Chapter N" (huge)
        if (prev == "Figure" && w ~ /^[0-9]+\.[0-9]+:$/) capy = py0
        prev = w; py0 = y0
    }
    END { done()
        for (i = 1; i <= n && b[i] != 2; i++) ;
        for (; i <= n; i++) {
            if (i == n || b[i + 1] || (i + 2 <= n && !f[i + 1] && b[i + 2]))
                continue
            if (c[i] >= 0 && f[i] - c[i] < 12) continue
            checked++
            if (f[i] < 67) { short++; if (short <= 12) list = list " " i "(" f[i] "%)" }
        }
        print checked + 0, short + 0, list
    }')
read -r checked short list <<<"$fill"

# The table of contents: chapters and sections only, and every section
# number clear of its title (from the page headed Contents to the first
# chapter).
toc=$(pdftotext -bbox "$pdf" - | awk '
    /<page / { p++ }
    /<word / {
        match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
        match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
        match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
        match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
        w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
        if (y1 - y0 > 18) { intoc = (w == "Contents"); if (w == "Chapter") exit }
        if (!intoc) next
        if (num != "" && y0 == ny) {
            gap = x0 - nx
            if (gap < mingap) { mingap = gap; worst = num }
        }
        num = ""
        if (w ~ /^[0-9]+\.[0-9]+$/) { num = w; nx = x1; ny = y0; n++ }
        if (w ~ /^[0-9]+\.[0-9]+[^0-9.]/) { mingap = 0; worst = w }   # run together
        if (w ~ /^[0-9]+\.[0-9]+\.[0-9]+$/) deep++
    }
    BEGIN { mingap = 99 }
    END { printf "%d %d %.1f %s\n", n, deep, mingap, worst }')
read -r tocn deep gap worst <<<"$toc"
t "contents list chapters and sections, not subsections ($deep subsections)" \
  "[ ${tocn:-0} -gt 20 ] && [ ${deep:-1} -eq 0 ]"
t "section numbers in the contents clear their titles (narrowest: $worst, ${gap}pt)" \
  "awk 'BEGIN { exit !(${gap:-0} >= 3) }'"
t "pages are at least two-thirds full ($short of $checked pages short)" \
  "[ ${checked:-0} -gt 40 ] && [ ${short:-1} -eq 0 ]" "PDF pages:$list"
# Replaced chunks (X (stage K) in the sources): the suffix is not shown, each
# replacement names what it replaces, each replaced chunk says where, and
# every use of X shows the label of the version the newest stage builds
# (the last chunk headed X with a plain definition sign).
bases=$(mktemp)
sed -n 's/^<<\(.*\) (stage [0-9]*)>>=$/\1/p' chapters/*.nw | sed 's/\[\[//g; s/\]\]//g' | sort -u >"$bases"
nrep=$(grep -c '^<<.* (stage [0-9]*)>>=$' chapters/*.nw | awk -F: '{n+=$2} END{print n+0}')
repl=$(LC_ALL=C awk -v L="⟨" -v R="⟩" '
    # the text inside the brackets that open before position k of s
    function inside(s, k,    j, p) {
        p = 0
        for (j = k - 1; j > 0; j--) if (substr(s, j, length(L)) == L) { p = j; break }
        return p ? substr(s, p + length(L), k - p - length(L)) : ""
    }
    function label(t) { sub(/.* /, "", t); return t }
    function name(t) { sub(/ [^ ]*$/, "", t); sub(/ \(stage [0-9]+\)$/, "", t); return t }
    FILENAME == ARGV[1] { base[$0] = 1; next }
    FNR == 1 { pass++ }
    pass == 1 {
        if ((k = index($0, R "≡")) > 0 && (t = inside($0, k)) != "" && name(t) in base)
            newest[name(t)] = label(t)
        if ($0 ~ /\(stage [0-9]+\) [0-9.]+[a-z]*⟩/) leak++
        if (index($0, "Replaces " L)) replaces++
        if ($0 ~ /Replaced in chapter [0-9]+/) replaced++
        next
    }
    index($0, R "≡") || index($0, R "+≡") || index($0, "Replaces " L) || index($0, "empty here") { next }
    {
        s = $0
        while ((k = index(s, R)) > 0) {
            t = inside(s, k); s = substr(s, k + length(R))
            if (t != "" && name(t) in base && label(t) != newest[name(t)]) {
                old++; if (old <= 3) ex = ex " " L t R "(not " newest[name(t)] ")"
            }
        }
    }
    END { print leak + 0, replaces + 0, replaced + 0, old + 0, ex }' "$bases" "$text" "$text")
read -r leak replaces replaced old ex <<<"$repl"
t "no chunk name shows its (stage N) ($leak do)" "[ ${leak:-1} -eq 0 ]"
t "each of the $nrep replacements names the chunk it replaces ($replaces notes)" \
  "[ ${replaces:-0} -ge $nrep ]"
t "each replaced chunk says where it is replaced ($replaced notes)" \
  "[ ${replaced:-0} -ge $nrep ]"
t "uses of replaced chunks refer to the newest version ($old do not)" \
  "[ ${old:-1} -eq 0 ]" "$ex"

# Hooks: a chunk defined empty, for later chapters to extend, is shown as a
# one-line note, not as a name over nothing.
hooks=$(awk -f tests/hooks.awk chapters/*.nw)
notes=$(grep -cE ':[[:space:]]+empty here;' "$text")
t "the $hooks empty hook chunks read as notes ($notes notes)" "[ $notes -eq $hooks ]"

# Front and back matter: a preface that tells how to build and test each
# stage, and a bibliography of the works cited, every citation resolved.
t "PDF has a preface that says how to run a stage's tests" \
  "grep -q '^[[:space:][:cntrl:]]*Preface *\$' $text && grep -q 'tests/run' $text && grep -q 'tests/stage' $text"
missing=
for w in 'RFC 9110' 'RFC 9112' 'RFC 3986' 'man-pages' 'C Interfaces and Implementations' \
         'Computer Systems' 'UNIX Network' 'Arm 64-bit Architecture' \
         'AMD64' ymawky darkhttpd quark nginx lighttpd; do
    sed -n '/^[[:space:][:cntrl:]]*Bibliography *$/,$p' "$text" | grep -q "$w" || missing+=" '$w'"
done
t "PDF has a bibliography of the works cited" "[ -z \"$missing\" ]" "missing:$missing"
undef=$(grep -c "Citation .* undefined" "$log" 2>/dev/null)
cites=$(grep -o '\\cite' chapters/*.nw book/*.tex | wc -l)
t "every citation resolves ($cites citations, ${undef:-?} undefined)" \
  "[ $cites -gt 0 ] && [ ${undef:-1} -eq 0 ] && ! grep -q '\[?\]' $text"
rm -f "$text" "$first" "$bases"
