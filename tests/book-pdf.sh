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
rm -f "$text" "$first"
