#!/usr/bin/env bash
# tests/book-html.sh -- the HTML edition, as a browser sees it.
#
# Assumes build/html is built (make html).  Loads every page in headless
# Chromium, checks internal links and anchors against the parsed DOMs,
# checks the chunk headers and chunk uses, that the cover image loads,
# that no page is wider than a phone, and takes screenshots into
# build/test/.
#
# Every check prints exactly one line:
#   ok - DESCRIPTION
#   not ok - DESCRIPTION: REASON
#   skip - DESCRIPTION (REASON)
# and the script exits 0 whatever the outcome; the driver counts the lines.

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 0
export LC_ALL=C.UTF-8

HTML=${HTML_DIR:-build/html}
SHOTS=${SHOT_DIR:-build/test}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
PHONE=412,915
DESKTOP=1280,1000
LIMIT=40            # seconds for one browser run
JOBS=${JOBS:-4}     # browsers at once

ok()     { printf 'ok - %s\n' "$1"; }
not_ok() { printf 'not ok - %s: %s\n' "$1" "$2"; }
skip()   { printf 'skip - %s (%s)\n' "$1" "$2"; }

if [ ! -x "$CHROMIUM" ]; then
    skip "html pages load in chromium" "chromium is not installed"
    exit 0
fi
if [ ! -f "$HTML/index.html" ]; then
    not_ok "build/html is built" "no $HTML/index.html (run make html)"
    exit 0
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/drongo-html.XXXXXX") || exit 0
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$T"
    true
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
mkdir -p "$T/dom" "$T/probe" "$SHOTS"

# browser OUT ARGS...: one headless run, its own profile, stdout to OUT.
# With NEED set, a run whose output lacks that string is tried once more
# (on a loaded machine a page can be dumped before it has finished).
browser() {
    local out=$1 try; shift
    for try in 1 2; do
        timeout -k 5 "$LIMIT" "$CHROMIUM" --headless --no-sandbox --disable-gpu \
            --disable-quic --no-first-run --disable-background-networking \
            --disable-component-update --disable-sync --hide-scrollbars \
            --allow-file-access-from-files \
            --user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" "$@" \
            >"$out" 2>/dev/null </dev/null
        [ -z "${NEED-}" ] || grep -q -- "$NEED" "$out" 2>/dev/null && return 0
    done
}

# shot FILE WxH URL: a screenshot, tried twice.
shot() {
    local try
    for try in 1 2; do
        browser /dev/null --window-size="$2" --screenshot="$1" "$3"
        [ -s "$1" ] && return 0
    done
}

# throttle: wait until fewer than JOBS browsers run.
throttle() {
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
}

url() { case $1 in /*) printf 'file://%s' "$1" ;; *) printf 'file://%s/%s' "$PWD" "$1" ;; esac; }
BASE=$(url "$HTML")/

pages=()
for f in "$HTML"/*.html; do pages+=("${f##*/}"); done
chapters=()
for p in "${pages[@]}"; do [[ $p =~ ^[0-9][0-9]-.*\.html$ ]] && chapters+=("$p"); done
first_chapter=${chapters[0]:-index.html}

# A copy of a page that reports, once loaded, the size of each image and
# whether the page is wider than the window.  <base> keeps its relative
# addresses pointing into the pages' directory.
PROBE_SCRIPT='<script>
window.addEventListener("load", function () {
  var r = [];
  document.querySelectorAll("img").forEach(function (i) {
    r.push("img " + i.getAttribute("src") + " " + i.naturalWidth + "x" + i.naturalHeight);
  });
  r.push("width " + document.documentElement.scrollWidth + " " + window.innerWidth);
  // The cover as the page shows it: drawn at its displayed size, how dark
  // is the bird (the middle of its body and wing)?  0 is black, 255 white.
  var cov = document.querySelector("img[src=\"cover.svg\"]");
  if (cov) {
    try {
      var cw = cov.clientWidth, ch = cov.clientHeight, cv = document.createElement("canvas");
      cv.width = cw; cv.height = ch;
      var g = cv.getContext("2d");
      g.fillStyle = "#fff"; g.fillRect(0, 0, cw, ch);
      g.drawImage(cov, 0, 0, cw, ch);
      var px = g.getImageData(Math.round(cw * 0.36), Math.round(ch * 0.17),
                              Math.round(cw * 0.14), Math.round(ch * 0.16)).data, lum = 0;
      for (var i = 0; i < px.length; i += 4)
        lum += 0.2126 * px[i] + 0.7152 * px[i + 1] + 0.0722 * px[i + 2];
      r.push("coverdark " + Math.round(lum / (px.length / 4)) + " " + cw + "x" + ch);
    } catch (e) { r.push("coverdark error " + e.name); }
  }
  var cut = 0, codes = document.querySelectorAll("pre.chunk-code");
  codes.forEach(function (c) { if (c.scrollWidth > c.clientWidth + 1) cut++; });
  r.push("codecut " + cut + " " + codes.length);
  var ln = document.querySelector("pre.chunk-code .ln");
  if (ln) r.push("wrapmark " + (getComputedStyle(ln).backgroundImage.indexOf("svg") >= 0 ? 1 : 0));
  var id = document.querySelector("pre.chunk-code a.id");
  if (id) r.push("idlink " + getComputedStyle(id).textDecorationLine.replace(/ /g, "_"));
  var p = document.createElement("pre");
  p.id = "probe-report";
  p.textContent = "\n" + r.join("\n") + "\n";
  document.body.appendChild(p);
});
</script>'
make_probe() {
    local html
    html=$(<"$HTML/$1")
    html=${html/<head>/<head><base href=\"$BASE\">}
    html=${html/<\/body>/$PROBE_SCRIPT<\/body>}
    printf '%s\n' "$html" >"$2"
}

# --- run the browser: DOM dumps, phone-width probes, screenshots ---------

rm -f "$SHOTS"/html-*.png
throttle; shot "$SHOTS/html-index.png" $DESKTOP "$(url "$HTML/index.html")" &
PIDS+=($!)
throttle; shot "$SHOTS/html-chapter.png" $DESKTOP "$(url "$HTML/$first_chapter")" &
PIDS+=($!)
throttle; shot "$SHOTS/html-index-phone.png" $PHONE "$(url "$HTML/index.html")" &
PIDS+=($!)
throttle; shot "$SHOTS/html-chapter-phone.png" $PHONE "$(url "$HTML/$first_chapter")" &
PIDS+=($!)
for p in "${pages[@]}"; do
    throttle
    NEED='</html>' browser "$T/dom/$p" --dump-dom "$(url "$HTML/$p")" &
    PIDS+=($!)
    make_probe "$p" "$SHOTS/probe-$p"
    throttle
    NEED='probe-report' browser "$T/probe/$p" --window-size=$PHONE --virtual-time-budget=5000 \
        --dump-dom "$(url "$SHOTS/probe-$p")" &
    PIDS+=($!)
done
# The search box, driven as a reader would: type "sendfile" into it on a
# chapter page and report what it lists.  (No "&" in the script: bash would
# put the matched text there.)
SEARCH_SCRIPT='<script>
window.addEventListener("load", function () {
  var box = document.getElementById("search-box"), tries = 0;
  box.value = "sendfile";
  box.dispatchEvent(new Event("input"));
  var t = setInterval(function () {
    var hits = document.querySelectorAll("#search-results li");
    if (hits.length === 0) { if (++tries < 80) return; }
    clearInterval(t);
    var r = [];
    hits.forEach(function (li) {
      r.push("hit " + li.querySelector("a").getAttribute("href") + " " + li.querySelector(".where").textContent);
    });
    var p = document.createElement("pre");
    p.id = "search-report";
    p.textContent = "\n" + r.join("\n") + "\n";
    document.body.appendChild(p);
  }, 50);
});
</script>'
html=$(<"$HTML/$first_chapter")
html=${html/<head>/<head><base href=\"$BASE\">}
html=${html/<\/body>/$SEARCH_SCRIPT<\/body>}
printf '%s\n' "$html" >"$SHOTS/probe-search.html"
throttle
NEED='search-report' browser "$T/search" --window-size=$DESKTOP --virtual-time-budget=15000 \
    --dump-dom "$(url "$SHOTS/probe-search.html")" &
PIDS+=($!)
wait
PIDS=()
rm -f "$SHOTS"/probe-*.html

# The contents page once more at a desktop's width, for the cover.
make_probe index.html "$SHOTS/probe-desk-index.html"
NEED='probe-report' browser "$T/probe-desk-index" --window-size=$DESKTOP --virtual-time-budget=5000 \
    --dump-dom "$(url "$SHOTS/probe-desk-index.html")"
rm -f "$SHOTS/probe-desk-index.html"

# --- every page parses -----------------------------------------------------

parsed=()
for p in "${pages[@]}"; do
    if grep -q '</html>' "$T/dom/$p" 2>/dev/null && grep -q '<main' "$T/dom/$p"; then
        ok "$p loads in chromium"
        parsed+=("$p")
    else
        not_ok "$p loads in chromium" "no DOM dumped"
    fi
done

# --- ids and links from the DOMs -----------------------------------------

# One line per id: PAGE TAB ID; one line per link: PAGE TAB HREF.
# Only real tags count: text such as an HTML example inside a code block
# (escaped as &lt;a href="..."&gt;) must not be taken for a link.  Put each
# tag on a line of its own and keep it up to its closing '>'.
tags_of() { sed 's/</\n</g' "$1" | grep '^<' | sed 's/>.*//'; }
for p in "${parsed[@]}"; do
    tags_of "$T/dom/$p" | grep -o ' id="[^"]*"' | sed -e 's/^ id="//' -e 's/"$//' \
        -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' |
        awk -v p="$p" '{ print p "\t" $0 }'
done >"$T/ids"
for p in "${parsed[@]}"; do
    tags_of "$T/dom/$p" | grep -o ' href="[^"]*"' | sed -e 's/^ href="//' -e 's/"$//' \
        -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' |
        awk -v p="$p" '{ print p "\t" $0 }'
done >"$T/links"
(cd "$HTML" && find . -type f | sed 's#^\./##') >"$T/files"

# Resolve every internal link; print PAGE TAB COUNT TAB BROKEN... per page.
awk -F '\t' '
    function unescape(s,    out, i, c, h) {
        out = ""
        for (i = 1; i <= length(s); i++) {
            c = substr(s, i, 1)
            if (c == "%" && substr(s, i + 1, 2) ~ /^[0-9A-Fa-f][0-9A-Fa-f]$/) {
                h = toupper(substr(s, i + 1, 2))
                out = out sprintf("%c", (index("0123456789ABCDEF", substr(h, 1, 1)) - 1) * 16 + index("0123456789ABCDEF", substr(h, 2, 1)) - 1)
                i += 2
            } else out = out c
        }
        return out
    }
    FILENAME == ARGV[1] { file[$0] = 1; next }
    FILENAME == ARGV[2] { id[$1 "\t" $2] = 1; next }
    {
        page = $1; href = $2
        if (!(page in count)) { count[page] = 0; nbad[page] = 0; bad[page] = ""; order[++n] = page }
        if (href ~ /^[A-Za-z][A-Za-z0-9+.-]*:/ || href ~ /^\/\//) next   # external
        count[page]++
        target = href; frag = ""
        if ((k = index(href, "#")) > 0) { target = substr(href, 1, k - 1); frag = substr(href, k + 1) }
        sub(/\?.*/, "", target)
        if (target == "") target = page
        target = unescape(target)
        if (!(target in file)) {
            if (nbad[page]++ < 100 && !((page, href) in seen)) { seen[page, href] = 1; bad[page] = bad[page] " " href " (no such file)" }
            next
        }
        if (frag != "" && !((target "\t" unescape(frag)) in id))
            if (nbad[page]++ < 100 && !((page, href) in seen)) { seen[page, href] = 1; bad[page] = bad[page] " " href " (no such anchor)" }
    }
    END {
        for (i = 1; i <= n; i++)
            print order[i] "\t" count[order[i]] "\t" nbad[order[i]] "\t" bad[order[i]]
    }
' "$T/files" "$T/ids" "$T/links" >"$T/linkcheck"

for p in "${parsed[@]}"; do
    line=$(awk -F '\t' -v p="$p" '$1 == p { print; exit }' "$T/linkcheck")
    IFS=$'\t' read -r _ count nbad broken <<<"$line"
    if [ -z "$line" ]; then
        not_ok "internal links of $p resolve" "no links found"
    elif [ "$nbad" -eq 0 ]; then
        ok "internal links of $p resolve ($count links)"
    else
        not_ok "internal links of $p resolve" "$nbad of $count broken:$broken"
    fi
done

# Ids are unique within each page.
dups=$(sort "$T/ids" | uniq -d | head -n 5 | tr '\t\n' ': ')
if [ -z "$dups" ]; then ok "ids are unique on every page"; else not_ok "ids are unique on every page" "$dups"; fi

# --- code chunks -------------------------------------------------------------

total_chunks=0
for p in "${parsed[@]}"; do
    [[ $p =~ ^[0-9][0-9]- ]] || continue
    heads=$(grep -o '<p class="chunk-name"[^>]*>' "$T/dom/$p")
    n=$(grep -c . <<<"$heads")
    [ -z "$heads" ] && n=0
    total_chunks=$((total_chunks + n))
    missing=$(grep -v ' id="chunk-[^"]' <<<"$heads" | grep -c .)
    if [ "$missing" -eq 0 ]; then
        ok "every chunk header of $p has its anchor ($n chunks)"
    else
        not_ok "every chunk header of $p has its anchor" "$missing of $n without id=\"chunk-...\""
    fi
    # Inside the code, every chunk name in angle brackets must be a link.
    read -r names links undef < <(awk '
        /<pre class="chunk-code">/ { inside = 1 }
        inside {
            line = $0
            names += gsub(/⟨/, "&", line)
            links += gsub(/<a class="use" href="[^"]+"[^>]*>⟨/, "&", line)
            undef += gsub(/class="use undefined"/, "&", line)
        }
        /<\/pre>/ { inside = 0 }
        END { print names + 0, links + 0, undef + 0 }' "$T/dom/$p")
    if [ "$names" -eq "$links" ]; then
        ok "every chunk use in the code of $p is a link ($links uses)"
    else
        not_ok "every chunk use in the code of $p is a link" \
            "$((names - links)) of $names are not links ($undef of them use undefined chunks)"
    fi
done
if [ "$total_chunks" -gt 0 ]; then
    ok "the chapters show code chunks ($total_chunks)"
else
    not_ok "the chapters show code chunks" "no chunk headers found"
fi

# Replaced chunks ("X (stage K)" in the sources): no title shows the
# suffix, every replacement names what it replaces, every replaced chunk
# says where, and no use of a chunk leads to a replaced version.
nrep=$(grep -c '^<<.* (stage [0-9]*)>>=$' chapters/*.nw | awk -F: '{n+=$2} END{print n+0}')
for p in "${parsed[@]}"; do
    [[ $p =~ ^[0-9][0-9]- ]] || continue
    awk -v p="$p" '
        /class="chunk-name"/ {
            match($0, /id="[^"]*"/); cur = substr($0, RSTART + 4, RLENGTH - 5)
            t = $0; sub(/.*class="chunk-title">/, "", t)
            op = t; sub(/.*class="chunk-op">/, "", op); sub(/<.*/, "", op)
            sub(/<span class="chunk-op">.*/, "", t); gsub(/<[^>]*>/, "", t)
            if (t ~ /\(stage [0-9]+\)/) print "leak\t" p "#" cur
            sub(/ \(stage [0-9]+\)/, "", t)
            print "chunk\t" p "#" cur "\t" t "\t" (op ~ /^\+/ ? "+" : "=")
        }
        /class="replaces"/ { print "replaces\t" p "#" cur }
        /class="replaced"/ { print "replaced\t" p "#" cur }
        { s = $0
          while (match(s, /<a class="use" href="[^"]*"/)) {
              h = substr(s, RSTART + 21, RLENGTH - 22); s = substr(s, RSTART + RLENGTH)
              if (h ~ /^#/) h = p h
              print "use\t" h "\t" p "#" cur
          } }' "$T/dom/$p"
done >"$T/versions"
# The newest version of a name is the last chunk of that title that starts
# a definition (not a continuation): every use must lead there.
read -r leak replaces replaced stale ex < <(awk -F '\t' '
    $1 == "leak" { leak++ } $1 == "replaces" { rs++ } $1 == "replaced" { rd++ }
    $1 == "chunk" { title[$2] = $3; if ($4 == "=") newest[$3] = $2 }
    $1 == "use" { use[++n] = $2; from[n] = $3 }
    END { for (i = 1; i <= n; i++) {
              u = use[i]
              if ((u in title) && newest[title[u]] != u) {
                  bad++; if (bad <= 3) ex = ex " " from[i] "->" u
              } }
          print leak + 0, rs + 0, rd + 0, bad + 0, ex }' "$T/versions")
if [ "$leak" -eq 0 ]; then ok "no chunk title shows its (stage N)"
else not_ok "no chunk title shows its (stage N)" "$leak do"; fi
if [ "$replaces" -ge "$nrep" ] && [ "$replaced" -ge "$nrep" ]; then
    ok "the $nrep replacements name what they replace, the replaced say where ($replaces, $replaced notes)"
else
    not_ok "the $nrep replacements name what they replace, the replaced say where" \
        "$replaces replaces-notes, $replaced replaced-notes"
fi
if [ "$stale" -eq 0 ]; then ok "every chunk use leads to the newest version"
else not_ok "every chunk use leads to the newest version" "$stale lead to replaced chunks:$ex"; fi

# Chunk labels a reader can follow: 6.14 is the 14th chunk of chapter 6, and
# the printed edition labels the same chunks the same way.
for p in "${parsed[@]}"; do
    [[ $p =~ ^[0-9][0-9]- ]] || continue
    grep -o 'class="chunk-label"[^>]*>[^<]*<' "$T/dom/$p" | sed 's/.*>\([^<]*\)<$/\1/'
done >"$T/labels"
nlab=$(grep -c . "$T/labels")
odd=$(grep -cvE '^[0-9]+\.[0-9]+$' "$T/labels")
seqbad=$(awk -F. '{ if ($1 != ch) { ch = $1; k = 0 } if ($2 != ++k) bad++ } END { print bad + 0 }' "$T/labels")
if [ "$nlab" -gt 0 ] && [ "$odd" -eq 0 ] && [ "$seqbad" -eq 0 ]; then
    ok "chunks are labelled chapter.number, in order ($nlab labels)"
else
    not_ok "chunks are labelled chapter.number, in order" \
        "$odd of $nlab labels are not N.M, $seqbad out of sequence ($(head -n 3 "$T/labels" | tr '\n' ' '))"
fi
if command -v pdftotext >/dev/null && [ -f build/book/drongo.pdf ]; then
    pdftotext -layout build/book/drongo.pdf - | LC_ALL=C awk '
        /⟩\+?≡/ || /⟩.*: empty here;/ { if (match($0, /^ *[0-9]+\.[0-9]+ /)) { t = substr($0, RSTART, RLENGTH); gsub(/ /, "", t); print t } }' \
        >"$T/pdflabels"
    if cmp -s "$T/labels" "$T/pdflabels"; then
        ok "the PDF labels the same chunks the same way ($(grep -c . "$T/pdflabels") labels)"
    else
        not_ok "the PDF labels the same chunks the same way" \
            "$(grep -c . "$T/pdflabels") PDF labels, $nlab HTML labels; first difference: $(diff "$T/labels" "$T/pdflabels" | grep '^[<>]' | head -n 2 | tr '\n' ' ')"
    fi
else
    skip "the PDF labels the same chunks the same way" "no PDF or no pdftotext"
fi

# Hooks: a chunk defined empty, for later chapters to extend, is a one-line
# note with links to its extensions, never an empty box of code.
hooks=$(awk -f tests/hooks.awk chapters/*.nw)
notes=0 empty=0
for p in "${parsed[@]}"; do
    [[ $p =~ ^[0-9][0-9]- ]] || continue
    notes=$((notes + $(grep -c 'class="hook-note"' "$T/dom/$p")))
    empty=$((empty + $(grep -c '<pre class="chunk-code"><code></code></pre>' "$T/dom/$p")))
done
if [ "$notes" -eq "$hooks" ] && [ "$empty" -eq 0 ]; then
    ok "the $hooks empty hook chunks read as notes, no code box is empty"
else
    not_ok "the $hooks empty hook chunks read as notes, no code box is empty" \
        "$notes notes, $empty empty code boxes"
fi

# The index page lists chunks and identifiers.
if [ -f "$T/dom/indexes.html" ]; then
    nc=$(grep -c '<dt>' "$T/dom/indexes.html")
    if grep -q 'chunk-index' "$T/dom/indexes.html" && [ "$nc" -gt 0 ]; then
        ok "indexes.html lists chunks and identifiers ($nc entries)"
    else
        not_ok "indexes.html lists chunks and identifiers" "no entries"
    fi
else
    not_ok "indexes.html lists chunks and identifiers" "no indexes.html"
fi

# --- navigation ------------------------------------------------------------

for p in "${parsed[@]}"; do
    [[ $p =~ ^[0-9][0-9]- ]] || continue
    top=$(awk '/<header/,/<\/header>/' "$T/dom/$p")
    bottom=$(awk '/<footer/,/<\/footer>/' "$T/dom/$p")
    why=
    for part in top bottom; do
        text=${!part}
        grep -q 'href="index.html"' <<<"$text" || why+=" no home link at the $part;"
        if [ "$p" != "${chapters[0]}" ]; then
            grep -q 'rel="prev"' <<<"$text" || why+=" no previous link at the $part;"
        fi
        grep -q 'rel="next"' <<<"$text" || why+=" no next link at the $part;"
    done
    if [ -z "$why" ]; then ok "$p has home, previous and next links, top and bottom"
    else not_ok "$p has home, previous and next links, top and bottom" "${why%;}"; fi
done

# --- contents page -----------------------------------------------------------

dom=$T/dom/index.html
if [ -f "$dom" ]; then
    why=
    for c in "${chapters[@]}"; do
        grep -q "href=\"$c\"" "$dom" || why+=" $c"
    done
    if [ -z "$why" ]; then ok "index.html links every chapter"
    else not_ok "index.html links every chapter" "missing:$why"; fi
    if grep -q 'href="[0-9][0-9]-[^"#]*\.html#' "$dom"; then
        ok "index.html lists sections"
    else
        not_ok "index.html lists sections" "no links to sections"
    fi
    if grep -qi 'class="colophon"[^<]*parody' "$dom"; then
        ok "index.html carries the parody disclaimer"
    else
        not_ok "index.html carries the parody disclaimer" "no colophon naming the parody"
    fi
fi

report=$T/probe/index.html
cover=$(grep -m 1 '^img cover.svg ' "$report" 2>/dev/null)
size=${cover##* }
if [ -z "$cover" ]; then
    not_ok "the cover image loads on index.html" "no <img src=\"cover.svg\"> reported"
elif [[ $size =~ ^[1-9][0-9]*x[1-9][0-9]*$ ]]; then
    ok "the cover image loads on index.html ($size)"
else
    not_ok "the cover image loads on index.html" "natural size $size"
fi

# The bird on the cover must read black, not as a grey wash of fine lines,
# at the sizes the contents page shows it (a phone's and a desktop's).
why= seen=
for f in "$T/probe/index.html" "$T/probe-desk-index"; do
    read -r _ lum size < <(grep -m 1 '^coverdark ' "$f" 2>/dev/null)
    if ! [[ ${lum:-x} =~ ^[0-9]+$ ]]; then why+=" no measure ($lum);"
    elif [ "$lum" -gt 90 ]; then why+=" at $size the bird is grey ($lum of 255);"
    else seen+="${seen:+, }$size: $lum"; fi
done
if [ -z "$why" ]; then ok "the cover's bird reads dark on the contents page ($seen of 255)"
else not_ok "the cover's bird reads dark on the contents page" "${why%;} (0 black, 255 white; at most 90)"; fi

# Every figure (an <img> under figures/) loads in the page that shows it.
nfig=0 bad=
for p in "${parsed[@]}"; do
    while read -r _ src size; do
        nfig=$((nfig + 1))
        [[ $size =~ ^[1-9][0-9]*x[1-9][0-9]*$ ]] || bad+=" $p:$src($size)"
    done < <(grep '^img figures/' "$T/probe/$p" 2>/dev/null)
done
want=$(ls "$HTML"/figures/*.svg 2>/dev/null | wc -l)
if [ -n "$bad" ]; then
    not_ok "every figure loads" "broken:$bad"
elif [ "$nfig" -lt "$want" ]; then
    not_ok "every figure loads" "$nfig figures shown, $want in $HTML/figures"
else
    ok "every figure loads ($nfig shown)"
fi

# --- search, and what every page offers ------------------------------------

want_pages=$(grep -l sendfile chapters/[0-9][0-9]-*.nw | sed 's#.*/##; s#\.nw$#.html#')
want_chunks=$(awk '/^<<.*>>=$/ { c = 1; h = 0; next } /^@( |$)/ { if (c && h) n++; c = 0 }
    c && /sendfile/ { h = 1 } END { print n + 0 }' chapters/[0-9][0-9]-*.nw)
if ! grep -q '^hit ' "$T/search" 2>/dev/null; then
    not_ok "typing sendfile into the search box finds it" "no results listed"
else
    why=
    for w in $want_pages; do grep -q "^hit $w#" "$T/search" || why+=" no hit in $w;"; done
    got=$(grep -c '^hit [^ ]* chunk' "$T/search")
    [ "$got" -ge "$want_chunks" ] || why+=" $got chunks listed, $want_chunks use it;"
    if [ -z "$why" ]; then
        ok "typing sendfile into the search box finds its chapters and chunks ($(grep -c '^hit ' "$T/search") hits, $got chunks)"
    else
        not_ok "typing sendfile into the search box finds its chapters and chunks" "${why%;}"
    fi
fi

why=
for p in "${parsed[@]}"; do
    top=$(awk '/<header/,/<\/header>/' "$T/dom/$p")
    grep -q 'id="search-box"' <<<"$top" || why+=" $p:search"
    grep -q 'href="indexes.html"' <<<"$top" || why+=" $p:index"
    grep -q 'href="drongo.pdf"' <<<"$top" || why+=" $p:pdf"
done
if [ -z "$why" ]; then ok "every page has the search box and links to the index and the PDF"
else not_ok "every page has the search box and links to the index and the PDF" "missing:$why"; fi

why=
for p in "${chapters[@]}"; do
    [ -f "$T/dom/$p" ] || continue
    n=$(awk '/<details class="chapter-toc"/,/<\/details>/' "$T/dom/$p" | grep -c 'href="#')
    secs=$(grep -c '<h2' "$T/dom/$p")
    [ "$n" -gt 0 ] && [ "$n" -ge "$((secs - 0))" ] || why+=" $p($n of $secs sections listed)"
    stage=${p%%-*}
    tarball="src/drongo-stage$stage.tar.gz"
    grep -q "href=\"$tarball\"" "$T/dom/$p" || { why+=" $p(no $tarball link)"; continue; }
    files=$(grep -o "href=\"src/stage$stage/[^\"]*\"" "$T/dom/$p" | wc -l)
    listed=$(tar -tzf "$HTML/$tarball" 2>/dev/null | grep -c '\.[ch]$')
    [ "$files" -gt 0 ] && [ "$files" -eq "$listed" ] || why+=" $p($files files linked, $listed in $tarball)"
    if tar -xzOf "$HTML/$tarball" "drongo-stage$stage/main.c" 2>/dev/null | grep -q '^#line'; then
        why+=" $p(#line in its sources)"
    fi
done
if [ -z "$why" ]; then ok "each chapter lists its sections and links its stage's sources and archive"
else not_ok "each chapter lists its sections and links its stage's sources and archive" "$why"; fi

# The preface and the bibliography are pages of their own; citations link
# to their entries.
why=
grep -q 'href="preface.html"' "$T/dom/index.html" 2>/dev/null || why+=" index.html does not link the preface;"
grep -q 'tests/run' "$T/dom/preface.html" 2>/dev/null || why+=" preface.html does not say how to run the tests;"
items=$(grep -c '^\\bibitem' book/bibliography.tex 2>/dev/null); items=${items:-0}
shown=$(grep -c 'class="bibitem"' "$T/dom/bibliography.html" 2>/dev/null)
[ "$items" -gt 0 ] && [ "${shown:-0}" -eq "$items" ] || why+=" bibliography.html shows ${shown:-0} of $items entries;"
ncite=$(cat "$T"/dom/*.html | grep -o 'class="cite"' | wc -l)
[ "$ncite" -gt 0 ] || why+=" no citation links;"
if [ -z "$why" ]; then ok "preface and bibliography pages, citations linked ($ncite citations, $items works)"
else not_ok "preface and bibliography pages, citations linked" "${why%;}"; fi

# --- phone width -------------------------------------------------------------

for p in "${parsed[@]}"; do
    w=$(grep -m 1 '^width ' "$T/probe/$p" 2>/dev/null)
    read -r _ scroll inner <<<"$w"
    if [ -z "$w" ]; then
        not_ok "$p fits a ${PHONE%,*} px wide screen" "the probe did not report"
    elif [ "$scroll" -le "$inner" ]; then
        ok "$p fits a ${PHONE%,*} px wide screen"
    else
        not_ok "$p fits a ${PHONE%,*} px wide screen" "page is $scroll px wide"
    fi
done

# On a phone, code wraps (no chunk scrolls sideways) and marks where a line
# continues; identifier links in code show without a hover.
cut=0 codes=0 nomark= plain=
for p in "${parsed[@]}"; do
    [[ $p =~ ^[0-9][0-9]- ]] || continue
    read -r _ c n < <(grep -m 1 '^codecut ' "$T/probe/$p" 2>/dev/null)
    cut=$((cut + ${c:-0})); codes=$((codes + ${n:-0}))
    grep -q '^wrapmark 1' "$T/probe/$p" 2>/dev/null || nomark+=" $p"
    grep -q '^idlink .*underline' "$T/probe/$p" 2>/dev/null || plain+=" $p"
done
if [ "$codes" -gt 0 ] && [ "$cut" -eq 0 ] && [ -z "$nomark" ]; then
    ok "on a phone no chunk is cut off: long lines wrap, marked ($codes chunks)"
else
    not_ok "on a phone no chunk is cut off: long lines wrap, marked" "$cut of $codes chunks scroll sideways; no mark on:$nomark"
fi
if [ -z "$plain" ]; then ok "identifier links in code are underlined without a hover"
else not_ok "identifier links in code are underlined without a hover" "plain on:$plain"; fi

# --- screenshots -------------------------------------------------------------

for s in html-index html-chapter html-index-phone html-chapter-phone; do
    f=$SHOTS/$s.png
    if [ -s "$f" ] && [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '211PNG' ]; then
        ok "screenshot $f"
    else
        not_ok "screenshot $f" "not written"
    fi
done
exit 0
