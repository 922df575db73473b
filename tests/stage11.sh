#!/usr/bin/env bash
# Stage 11: directory listings.  A directory asked for with its trailing
# slash and without an index.html is answered with an HTML5 page listing
# its regular files and subdirectories: directories first, then files,
# each group in byte order; dotfiles, symbolic links and FIFOs left out;
# every name HTML-escaped where shown and percent-encoded where linked;
# sizes in binary units and times in UTC.  A listing has no validators:
# If-Match with tags is a 412, If-None-Match: * a 304.  With -n such a
# directory is a 403 instead.  Everything of stage 10 still holds.
#
# The listings are also loaded in headless Chromium, which runs their
# scripts: names built to inject markup must stay text.  Screenshots go to
# build/test/listing.png and build/test/listing-phone.png.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

shopt -u patsub_replacement 2>/dev/null   # '&' in ${s//x/y} is literal

R=$T/root                       # the docroot
SRC_ROOT=$(cd "${BASH_SOURCE[0]%/*}/.." && pwd)
SHOTS=${SHOT_DIR:-$SRC_ROOT/build/test}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
BROWSER_MAX=40                  # seconds for one browser run
WHEN='2001-02-03 04:05 UTC'     # the mtime of (nearly) everything listed
SHOWN='2001-02-03 04:05'        # ... as a listing shows it

# --- helpers -------------------------------------------------------------------

# esc NAME: NAME escaped for HTML, the five characters, into ESC.
esc() {
    local s=$1
    s=${s//'&'/'&amp;'}; s=${s//'<'/'&lt;'}; s=${s//'>'/'&gt;'}
    s=${s//'"'/'&quot;'}; s=${s//"'"/'&#39;'}
    ESC=$s
}
# pct NAME: NAME percent-encoded, every byte but A-Za-z0-9-._~, into PCT.
# (LC_ALL=C: the string is indexed by bytes.)
pct() {
    local s=$1 o='' c h i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        if [[ $c == [A-Za-z0-9._~-] ]]; then o+=$c
        else printf -v h '%%%02X' "'$c"; o+=$h; fi
    done
    PCT=$o
}
# row HREF SHOWN SIZE TIME: one expected line of a listing.
row() { printf '<tr><td><a href="%s">%s</a></td><td>%s</td><td>%s</td></tr>' "$@"; }
# file_row NAME SIZE [TIME] / dir_row NAME [TIME]: the expected row of an
# entry, with the encodings from esc and pct.
file_row() { esc "$1"; pct "$1"; ROW=$(row "$PCT" "$ESC" "$2" "${3:-$SHOWN}"); }
dir_row()  { esc "$1"; pct "$1"; ROW=$(row "$PCT/" "$ESC/" - "${2:-$SHOWN}"); }

# rows BODY: the table rows of a listing, one a line (the header row of
# <th> cells left out), whatever line breaks the page itself has.
rows() { tr -d '\n' <"$1" | sed 's/<tr>/\n<tr>/g' | grep '^<tr><td>' | sed 's|</tr>.*|</tr>|'; }
PARENT_HREF='href="../"'
# is_parent ROW: ROW is the parent link's, href and text ../
is_parent() { [[ $1 == "<tr><td><a $PARENT_HREF>../</a>"* ]]; }
# entry_rows BODY: the rows but the parent link's.
entry_rows() { rows "$1" | grep -vF "<tr><td><a $PARENT_HREF>"; }
# row_names BODY: the names the entry rows show, unescaped, one a line.
row_names() {
    entry_rows "$1" | sed -e 's|^<tr><td><a href="[^"]*">||' -e 's|</a></td>.*||' \
        -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e 's/&amp;/\&/g'
}

U() { printf 'http://127.0.0.1:%s%s' "$P" "$1"; }

# listing200 URL PREFIX: a whole listing response: 200, HTML, exact length,
# no-cache, an HTML5 page.
listing200() {
    get "$1" "$2" --path-as-is -g
    v_curl "$2" && v_status "$2" "HTTP/1.1 200 OK" && v_clen "$2" || return 1
    local v
    v=$(header "$2.h" Content-Type)
    [ "$v" = "text/html; charset=utf-8" ] || { WHY="Content-Type $(printf '%q' "$v")"; return 1; }
    v=$(header "$2.h" Cache-Control)
    [ "$v" = "no-cache" ] || { WHY="Cache-Control $(printf '%q' "$v"), want no-cache"; return 1; }
    head -c 15 "$2.b" | grep -qi '^<!DOCTYPE html>' || { WHY="body does not start with <!DOCTYPE html>: $(show "$2.b")"; return 1; }
}

# titled PREFIX TEXT: the page's <title> and <h1> are both exactly TEXT.
titled() {
    local b; b=$(tr -d '\n' <"$1.b")
    [[ $b == *"<title>$2</title>"* ]] || {
        WHY="no <title>$2</title>; title is $(printf '%q' "$(sed -n 's|.*<title>\(.*\)</title>.*|\1|p' <<<"$b" | head -c 100)")"; return 1; }
    [[ $b == *"<h1>$2</h1>"* ]] || {
        WHY="no <h1>$2</h1>; h1 is $(printf '%q' "$(sed -n 's|.*<h1>\(.*\)</h1>.*|\1|p' <<<"$b" | head -c 100)")"; return 1; }
}

# has_row PREFIX ROW: the listing PREFIX.b has exactly that row.
has_row() {
    rows "$1.b" | grep -qxF -- "$2" && return 0
    local near; near=$(rows "$1.b" | grep -F -- "${3:-@@none@@}" | head -n 1)
    WHY="no row $(printf '%q' "$2")${near:+; the row there is $(printf '%q' "$near")}"; return 1
}

# follow DIR NAME: the link the listing of DIR gives NAME, followed as a
# browser would (DIR + href), yields 200 and the file's exact bytes.
follow() {
    local href
    pct "$2"; href=$PCT
    get "$(U "$1$href")" "$T/fl" --path-as-is -g
    v_curl "$T/fl" || return 1
    [ "$CODE" = 200 ] || { WHY="$1$href gave $CODE"; return 1; }
    cmp -s "$T/fl.b" "$R$1$2" || { WHY="$1$href gave $(show "$T/fl.b"), not the file's content"; return 1; }
}

# conv OUT DATA [PAUSE DATA2]: one raw connection; DATA (printf %b) in one
# write, then after PAUSE seconds DATA2; read until the server closes.
# Sets CONV_RC (0 closed, 97 no connection, 124 still open).
conv() {
    local out=$1; shift
    timeout -k 1 "$RAW_MAX" bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        printf "%b" "$2" >&3
        if [ $# -ge 4 ]; then sleep "$3"; printf "%b" "$4" >&3 2>/dev/null; fi
        exec cat <&3' _ "$P" "$@" >"$out" 2>/dev/null
    CONV_RC=$?
}
conv_text() {
    case $CONV_RC in
    0) printf 'server closed' ;; 97) printf 'no connection' ;;
    124) printf 'connection still open after %ss' "$RAW_MAX" ;; *) printf 'client status %s' "$CONV_RC" ;;
    esac
}

# responses FILE [HEAD...]: split a stream of responses, each framed by
# its Content-Length (0 for those named HEAD by position), into N_RESP,
# R_HEAD[i], R_BODY[i]; R_REST is what follows the last.
responses() {
    local s len i=0 hd
    s=$(cat "$1"; printf x); s=${s%x}; shift
    N_RESP=0 R_HEAD=() R_BODY=() R_REST=
    while [[ $s == 'HTTP/1.1 '*$'\r\n\r\n'* ]]; do
        i=$((i + 1))
        hd=${s%%$'\r\n\r\n'*}
        s=${s#*$'\r\n\r\n'}
        len=$(printf '%s\r\n\r\n' "$hd" | header /dev/stdin Content-Length)
        [[ $len =~ ^[0-9]+$ ]] || len=0
        [ "${1-}" = HEAD ] && len=0
        [ $# -gt 0 ] && shift
        R_HEAD[i]=$hd R_BODY[i]=${s:0:len}
        s=${s:len}
        N_RESP=$i
    done
    R_REST=$s
}
# rhead I NAME: field NAME of response I.
rhead() { printf '%s\r\n\r\n' "${R_HEAD[$1]}" | header /dev/stdin "$2"; }
rstatus() { printf '%s' "${R_HEAD[$1]%%$'\r\n'*}"; }
# slurp FILE: its bytes, trailing newlines too, in SLURP.
slurp() { local s; s=$(cat "$1"; printf x); SLURP=${s%x}; }

# req PATH [FIELDS]: a GET request, as escapes for printf %b (a command
# substitution would strip a real trailing newline).
req() { printf 'GET %s HTTP/1.1\\r\\nHost: x\\r\\n%s\\r\\n' "$1" "${2-}"; }
CLOSE='Connection: close\r\n'

# --- the docroot ---------------------------------------------------------------
#
#   /readme.txt, /withindex/index.html, /empty/
#   /sort/      the order, and what is left out
#   /sizes/     sizes and times
#   /names/     names that need escaping, with the links they must get
#   /xss/       names made to inject markup, for the browser
#   /long/      255-byte names, and /long/'''.../&&&.../ for a long title
#   /many/      10,000 files
#   /q <&>"'é/  a directory whose path needs escaping in the title

mkdir -p "$R"/{withindex,empty,sort,sizes,names,xss,long,many} "$R/q <&>\"'é"
printf 'readme\n' >"$R/readme.txt"
printf '<!DOCTYPE html><title>with index</title><p>index of withindex</p>\n' >"$R/withindex/index.html"

# /sort/: directories and files whose byte order differs from any
# case-folding or numeric order; names that are prefixes of others.
SORT_DIRS=(Bdir Zdir _u adir b)
SORT_FILES=(10.txt 9.txt B.txt Z _x a a.txt ab '~t' 'é.txt')
for d in "${SORT_DIRS[@]}"; do mkdir "$R/sort/$d"; done
for f in "${SORT_FILES[@]}"; do printf '%s\n' "$f" >"$R/sort/$f"; done
mkdir "$R/sort/.hdir"
printf 'hidden\n' >"$R/sort/.hidden"
printf 'hidden\n' >"$R/sort/..weird"
ln -s a.txt "$R/sort/link-file"
ln -s adir "$R/sort/link-dir"
ln -s nowhere "$R/sort/dangling"
FIFO_OK=0
mkfifo "$R/sort/fifo" 2>/dev/null && FIFO_OK=1
touch -h -d "$WHEN" "$R/sort"/* "$R/sort/.hdir" "$R/sort/.hidden" "$R/sort/..weird" 2>/dev/null

# /sizes/: every unit, and a sparse 5 GiB file.
head -c 0 /dev/zero >"$R/sizes/s0"
head -c 1023 /dev/zero >"$R/sizes/s1023"
head -c 1024 /dev/zero >"$R/sizes/s1024"
head -c 1536 /dev/zero >"$R/sizes/s1536"
head -c 1048576 /dev/zero >"$R/sizes/s1m"
# 6.4000006 MiB: tenths from every byte below the unit, not only the KiBs.
truncate -s 6710887 "$R/sizes/s6m" 2>/dev/null ||
    head -c 6710887 /dev/zero >"$R/sizes/s6m"
SPARSE_OK=0
truncate -s 5G "$R/sizes/s5g" 2>/dev/null && SPARSE_OK=1
mkdir "$R/sizes/subdir"
touch -d "$WHEN" "$R/sizes"/s* "$R/sizes/subdir"
touch -d '2024-12-31 23:59:59 UTC' "$R/sizes/s1023"
touch -d '1999-12-31 23:58:30 UTC' "$R/sizes/subdir"

# /names/: NAME, the link it must get, and how it must be shown.
NAMES=(
    '<script>alert(1)<.txt'      '%3Cscript%3Ealert%281%29%3C.txt'  '&lt;script&gt;alert(1)&lt;.txt'
    "say \"hi\" & 'bye'.txt"     'say%20%22hi%22%20%26%20%27bye%27.txt' 'say &quot;hi&quot; &amp; &#39;bye&#39;.txt'
    '100% done'                  '100%25%20done'                    '100% done'
    'a%20b'                      'a%2520b'                          'a%20b'
    '#hash.txt'                  '%23hash.txt'                      '#hash.txt'
    'what?x=1.txt'               'what%3Fx%3D1.txt'                 'what?x=1.txt'
    'café.txt'                   'caf%C3%A9.txt'                    'café.txt'
    '日本.txt'                   '%E6%97%A5%E6%9C%AC.txt'           '日本.txt'
    '-rf.txt'                    '-rf.txt'                          '-rf.txt'
    'javascript:alert(1)'        'javascript%3Aalert%281%29'        'javascript:alert(1)'
    'plus+comma,semi;at@eq=$.txt' 'plus%2Bcomma%2Csemi%3Bat%40eq%3D%24.txt' 'plus+comma,semi;at@eq=$.txt'
    '~tilde_ok-1.2'              '~tilde_ok-1.2'                    '~tilde_ok-1.2'
    '&amp;already.txt'           '%26amp%3Balready.txt'             '&amp;amp;already.txt'
)
for ((i = 0; i < ${#NAMES[@]}; i += 3)); do
    printf 'file %d: %s\n' "$((i / 3))" "${NAMES[i]}" >"$R/names/${NAMES[i]}"
done
touch -d "$WHEN" "$R/names"/*

# /xss/: names that are markup; none may become an element.
XSS=(
    "<img src=x onerror=\"document.title='PWNED'\">.txt"
    "<svg onload=\"document.title='PWNED'\">"
    "<script>document.title='PWNED'<"
    "\"><img src=x onerror=document.title='PWNED'>"
    "'><svg onload=document.title='PWNED'>"
    "<body onload=document.title='PWNED'>"
    "<iframe src=x onload=document.title='PWNED'>"
    "<b>bold<"
    "javascript:document.title='PWNED'"
)
for ((i = 0; i < ${#XSS[@]}; i++)); do printf 'xss %d\n' "$i" >"$R/xss/${XSS[i]}"; done
touch -d "$WHEN" "$R/xss"/*

# /long/: 255-byte names, each byte escaped both ways.
LONG_Q=$(printf '"%.0s' $(seq 255))
LONG_LT=$(printf '<%.0s' $(seq 255))
LONG_E="$(printf 'é%.0s' $(seq 127))x"
LONG_A=$(printf "'%.0s" $(seq 255))
LONG_AMP=$(printf '&%.0s' $(seq 255))
for f in "$LONG_Q" "$LONG_LT" "$LONG_E"; do printf 'long\n' >"$R/long/$f"; done
mkdir -p "$R/long/$LONG_A/$LONG_AMP"
touch -d "$WHEN" "$R/long"/* "$R/long/$LONG_A"

# /many/: 10,000 files.
MANY_OK=0
(cd "$R/many" && seq 1 10000 | sed 's/^/f-/' | xargs touch) && MANY_OK=1

# --- the main server -----------------------------------------------------------

new_port P
start_server main -q -p "$P" -r "$R"
if ! check "server starts with -q -r DIR" wait_ready "$P"; then
    skip "every stage 11 request" "server did not start"
    exit 0
fi
MAIN_TPID=$SRV_TPID

# The browser runs alongside the other checks; its results are read at the
# end.  browser OUT ARGS...: one headless run with its own profile.
# timeout(1) leads a process group holding the browser and its helpers;
# each running one is named by a file $T/browser.PID, so that an early exit
# can end them.
BROWSER_PIDS=()
browsers_down() {
    local f
    for f in "$T"/browser.*; do
        [ -f "$f" ] && kill -KILL -- "-$(cat "$f")" 2>/dev/null
    done
}
LIB_EXIT=$(trap -p EXIT); LIB_EXIT=${LIB_EXIT#"trap -- '"}; LIB_EXIT=${LIB_EXIT%"' EXIT"}
trap 'browsers_down; eval "${LIB_EXIT:-:}"' EXIT   # then lib.sh's own
browser() {
    local out=$1 tp; shift
    for _ in 1 2; do
        timeout -k 5 "$BROWSER_MAX" "$CHROMIUM" --headless --no-sandbox --disable-gpu \
            --disable-quic --no-first-run --disable-background-networking \
            --disable-component-update --disable-sync --no-proxy-server --hide-scrollbars \
            --user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" "$@" \
            >"$out" 2>/dev/null </dev/null &
        tp=$!
        echo "$tp" >"$T/browser.$tp"
        wait "$tp"
        rm -f "$T/browser.$tp"
        [ -n "${NEED-}" ] && ! grep -q -- "$NEED" "$out" 2>/dev/null && continue
        [ -n "${SHOT-}" ] && ! [ -s "$SHOT" ] && continue
        return 0
    done
}
HAVE_CHROMIUM=0
if [ -x "$CHROMIUM" ]; then
    HAVE_CHROMIUM=1
    mkdir -p "$SHOTS"
    rm -f "$SHOTS/listing.png" "$SHOTS/listing-phone.png"
    # The control: the same names put into a page unescaped.  The browser
    # must turn that title to PWNED, or the check below could not see an
    # attack.
    {
        printf '<!DOCTYPE html><html><head><title>Index of /xss/</title></head><body><table>\n'
        for n in "${XSS[@]}"; do printf '<tr><td><a href="x">%s</a></td></tr>\n' "$n"; done
        printf '</table></body></html>\n'
    } >"$T/control.html"
    NEED='</html>' browser "$T/dom-xss.html" --virtual-time-budget=3000 --dump-dom "$(U /xss/)" &
    BROWSER_PIDS+=($!)
    NEED='</html>' browser "$T/dom-control.html" --virtual-time-budget=3000 --dump-dom "file://$T/control.html" &
    BROWSER_PIDS+=($!)
fi

# --- the listing as HTTP -------------------------------------------------------

check "GET / (no index.html): 200, text/html; charset=utf-8, exact Content-Length, Cache-Control: no-cache, <!DOCTYPE html>" \
    listing200 "$(U /)" "$T/root"
check "  / is titled 'Index of /' (title and h1) and has no ../ link" \
    eval 'titled "$T/root" "Index of /" &&
          { ! grep -qF "$PARENT_HREF" "$T/root.b" || { WHY="a ../ link at the top"; false; }; }'
root_rows() {
    local want=() d
    for d in empty long many names "q <&>\"'é" sizes sort withindex xss; do
        dir_row "$d" "$(date -u -d "@$(stat -c %Y "$R/$d")" '+%Y-%m-%d %H:%M')"; want+=("$ROW")
    done
    file_row readme.txt "7 B" "$(date -u -d "@$(stat -c %Y "$R/readme.txt")" '+%Y-%m-%d %H:%M')"; want+=("$ROW")
    printf '%s\n' "${want[@]}" >"$T/root.want"
    entry_rows "$T/root.b" >"$T/root.got"
    cmp -s "$T/root.want" "$T/root.got" && return 0
    WHY="rows differ: $(diff "$T/root.want" "$T/root.got" | grep '^[<>]' | head -n 2 | tr '\n' ' ')"; return 1
}
check "  / lists its 10 directories (with a directory's mtime) then readme.txt, each row exact" root_rows

check "GET /sort/: a listing (200, HTML, exact length, no-cache)" listing200 "$(U /sort/)" "$T/sort"
check "  /sort/ is titled 'Index of /sort/' and has the ../ row first" \
    eval 'titled "$T/sort" "Index of /sort/" &&
          { is_parent "$(rows "$T/sort.b" | head -n 1)" ||
            { WHY="first row $(printf "%q" "$(rows "$T/sort.b" | head -n 1)"), want a link to ../"; false; }; }'
sort_order() {
    local want got
    want=$(printf '%s/\n' "${SORT_DIRS[@]}"; printf '%s\n' "${SORT_FILES[@]}")
    got=$(row_names "$T/sort.b")
    [ "$want" = "$got" ] && return 0
    WHY="order $(tr '\n' ' ' <<<"$got"), want $(tr '\n' ' ' <<<"$want")"; return 1
}
check "  sorted: directories first (Bdir/ Zdir/ _u/ adir/ b/), then files in byte order (10.txt 9.txt B.txt Z _x a a.txt ab ~t é.txt)" sort_order
sort_rows() {
    local d f want=()
    for d in "${SORT_DIRS[@]}"; do dir_row "$d"; want+=("$ROW"); done
    for f in "${SORT_FILES[@]}"; do file_row "$f" "$(( ${#f} + 1 )) B"; want+=("$ROW"); done
    printf '%s\n' "${want[@]}" >"$T/sort.want"
    entry_rows "$T/sort.b" >"$T/sort.got"
    cmp -s "$T/sort.want" "$T/sort.got" && return 0
    WHY="rows differ: $(diff "$T/sort.want" "$T/sort.got" | grep '^[<>]' | head -n 2 | tr '\n' ' ')"; return 1
}
check "  every row exact: directories with a trailing / in link and name and - as size; sizes; times" sort_rows
left_out() {
    local n bad=
    v_status "$T/sort" "HTTP/1.1 200 OK" || return 1
    for n in .hdir/ .hidden ..weird . .. link-file link-dir/ link-dir dangling fifo; do
        row_names "$T/sort.b" | grep -qxF -- "$n" && bad+=" $n"
    done
    entry_rows "$T/sort.b" | grep -q 'href="\.' && bad+=" (a link starting with a dot)"
    [ -z "$bad" ] && return 0
    WHY="listed:$bad"; return 1
}
if [ "$FIFO_OK" = 1 ]; then
    check "  dotfiles (.hidden, .hdir, ..weird, . and ..), symlinks (to a file, to a directory, dangling) and a FIFO are not listed" left_out
else
    check "  dotfiles (.hidden, .hdir, ..weird, . and ..) and symlinks (to a file, to a directory, dangling) are not listed" left_out
    skip "  a FIFO is not listed" "mkfifo failed"
fi

check "GET /empty/: a listing with the ../ row and no entry" \
    eval 'listing200 "$(U /empty/)" "$T/empty" &&
          { [ "$(rows "$T/empty.b" | wc -l)" -eq 1 ] && is_parent "$(rows "$T/empty.b")" ||
            { WHY="rows: $(rows "$T/empty.b" | head -c 200)"; false; }; }'

check "GET /sort (no slash): still 301 with Location: /sort/" \
    eval 'get "$(U /sort)" "$T/r" && v_curl "$T/r" && v_status "$T/r" "HTTP/1.1 301 Moved Permanently" &&
          { [ "$(header "$T/r.h" Location)" = /sort/ ] || { WHY="Location $(header "$T/r.h" Location)"; false; }; }'
check "GET /withindex/: its index.html, not a listing" \
    eval 'get "$(U /withindex/)" "$T/r" && v_curl "$T/r" && v_status "$T/r" "HTTP/1.1 200 OK" && v_clen "$T/r" &&
          { cmp -s "$T/r.b" "$R/withindex/index.html" || { WHY="body $(show "$T/r.b")"; false; }; }'
check "GET /withindex (no slash): 301 with Location: /withindex/" \
    eval 'get "$(U /withindex)" "$T/r" && v_curl "$T/r" && v_status "$T/r" "HTTP/1.1 301 Moved Permanently" &&
          { [ "$(header "$T/r.h" Location)" = /withindex/ ] || { WHY="Location $(header "$T/r.h" Location)"; false; }; }'

not_listed() {   # URL: any answer but a 200
    get "$(U "$1")" "$T/r" --path-as-is -g
    v_curl "$T/r" || return 1
    case $CODE in 400|403|404) return 0 ;; esac
    WHY="status $CODE: $(show "$T/r.b")"; return 1
}
check "GET /sort/.hdir/ (a hidden directory): refused (400/403/404), not listed" not_listed /sort/.hdir/
check "GET /sort/link-dir/ (a symlink to a directory): refused (400/403/404), not listed" not_listed /sort/link-dir/

# --- sizes and times -----------------------------------------------------------

check "GET /sizes/: a listing" listing200 "$(U /sizes/)" "$T/sizes"
check "  0 bytes: 0 B"                   has_row "$T/sizes" "$(row s0 s0 '0 B' "$SHOWN")" '"s0"'
check "  1023 bytes: 1023 B, and its mtime 2024-12-31 23:59:59 UTC as 2024-12-31 23:59" \
    has_row "$T/sizes" "$(row s1023 s1023 '1023 B' '2024-12-31 23:59')" '"s1023"'
check "  1024 bytes: 1.0 KiB"            has_row "$T/sizes" "$(row s1024 s1024 '1.0 KiB' "$SHOWN")" '"s1024"'
check "  1536 bytes: 1.5 KiB"            has_row "$T/sizes" "$(row s1536 s1536 '1.5 KiB' "$SHOWN")" '"s1536"'
check "  1048576 bytes: 1.0 MiB"         has_row "$T/sizes" "$(row s1m s1m '1.0 MiB' "$SHOWN")" '"s1m"'
check "  6710887 bytes: 6.4 MiB (cut, from every byte under the unit)" \
    has_row "$T/sizes" "$(row s6m s6m '6.4 MiB' "$SHOWN")" '"s6m"'
if [ "$SPARSE_OK" = 1 ]; then
    check "  a sparse 5 GiB file: 5.0 GiB" has_row "$T/sizes" "$(row s5g s5g '5.0 GiB' "$SHOWN")" '"s5g"'
else
    skip "  a sparse 5 GiB file: 5.0 GiB" "truncate -s 5G failed"
fi
check "  touch -d '$WHEN' shows as $SHOWN (UTC); a directory's mtime 1999-12-31 23:58:30 UTC as 1999-12-31 23:58, size -" \
    has_row "$T/sizes" "$(row subdir/ subdir/ - '1999-12-31 23:58')" '"subdir/"'

# --- names ---------------------------------------------------------------------

check "GET /names/: a listing of $((${#NAMES[@]} / 3)) names, all of them" \
    eval 'listing200 "$(U /names/)" "$T/names" &&
          { [ "$(entry_rows "$T/names.b" | wc -l)" -eq $((${#NAMES[@]} / 3)) ] ||
            { WHY="$(entry_rows "$T/names.b" | wc -l) rows"; false; }; }'
name_ok() {   # NAME HREF SHOWN
    local size
    size=$(stat -c %s "$R/names/$1")
    has_row "$T/names" "$(row "$2" "$3" "$size B" "$SHOWN")" "\"$2\"" || return 1
    get "$(U "/names/$2")" "$T/fl" --path-as-is -g
    v_curl "$T/fl" || return 1
    [ "$CODE" = 200 ] || { WHY="following the link: /names/$2 gave $CODE"; return 1; }
    cmp -s "$T/fl.b" "$R/names/$1" || { WHY="following the link: body $(show "$T/fl.b"), not the file's"; return 1; }
}
for ((i = 0; i < ${#NAMES[@]}; i += 3)); do
    check "  '${NAMES[i]}': href=\"${NAMES[i+1]}\", shown as ${NAMES[i+2]}; the link gives 200 and the file" \
        name_ok "${NAMES[i]}" "${NAMES[i+1]}" "${NAMES[i+2]}"
done

check "GET /xss/: a listing" listing200 "$(U /xss/)" "$T/xssl"
xss_rows() {
    local n bad=0 first=
    for n in "${XSS[@]}"; do
        file_row "$n" "$(stat -c %s "$R/xss/$n") B"
        if ! rows "$T/xssl.b" | grep -qxF -- "$ROW"; then
            bad=$((bad + 1)); [ -n "$first" ] || first=$ROW
        elif ! follow /xss/ "$n"; then
            bad=$((bad + 1)); [ -n "$first" ] || first="link: $WHY"
        fi
    done
    [ "$bad" -eq 0 ] && return 0
    WHY="$bad of ${#XSS[@]} wrong, first: $(printf '%q' "$first")"; return 1
}
check "  each of the ${#XSS[@]} markup names has its escaped, percent-encoded row, and its link gives the file" xss_rows
no_markup() {
    local found
    v_status "$T/xssl" "HTTP/1.1 200 OK" || return 1
    found=$(grep -oiE '<(img|svg|script|iframe|b>|body )[^>]{0,30}' "$T/xssl.b" | head -n 1)
    [ -z "$found" ] && return 0
    WHY="found $(printf '%q' "$found")"; return 1
}
check "  no raw markup from a name: no '<img', '<svg', '<script', '<iframe', '<b>' in the body" no_markup

check "GET /long/: a listing" listing200 "$(U /long/)" "$T/long"
long_rows() {
    local n
    for n in "$LONG_Q" "$LONG_LT" "$LONG_E"; do
        file_row "$n" "5 B"
        has_row "$T/long" "$ROW" || { WHY="255-byte name ${n:0:3}...: $WHY"; WHY=${WHY:0:300}; return 1; }
        follow /long/ "$n" || { WHY="255-byte name ${n:0:3}...: $WHY"; return 1; }
    done
    dir_row "$LONG_A"
    has_row "$T/long" "$ROW" || { WHY="255-byte directory name '''...: ${WHY:0:300}"; return 1; }
}
check "  255-byte names of \", <, é (each byte escaped) and a directory of ': rows whole, links work" long_rows
check "  /long/'''...(255)/&&&...(255)/: listed, title and h1 whole (every ' and & escaped)" \
    eval 'pct "$LONG_A"; a=$PCT; pct "$LONG_AMP";
          listing200 "$(U "/long/$a/$PCT/")" "$T/deep" &&
          esc "/long/$LONG_A/$LONG_AMP/" && titled "$T/deep" "Index of $ESC"'

# The path in the title: decoded, then escaped.
# shellcheck disable=SC2034 # used in the eval below
QDIR="q <&>\"'é"
check "GET /q%20%3C%26%3E%22%27%C3%A9/: a listing" listing200 "$(U '/q%20%3C%26%3E%22%27%C3%A9/')" "$T/q"
check "  titled with the decoded path, escaped: Index of /q &lt;&amp;&gt;&quot;&#39;é/ (title and h1)" \
    titled "$T/q" "Index of /q &lt;&amp;&gt;&quot;&#39;é/"
check "  / links it as href=\"q%20%3C%26%3E%22%27%C3%A9/\", and following that link gives the same listing" \
    eval 'has_row "$T/root" "$(row "q%20%3C%26%3E%22%27%C3%A9/" "q &lt;&amp;&gt;&quot;&#39;é/" - \
              "$(date -u -d "@$(stat -c %Y "$R/$QDIR")" "+%Y-%m-%d %H:%M")")" "q%20" &&
          listing200 "$(U /q%20%3C%26%3E%22%27%C3%A9/)" "$T/q2" && cmp -s "$T/q.b" "$T/q2.b"'

# --- 10,000 entries --------------------------------------------------------------

if [ "$MANY_OK" = 1 ]; then
    check "GET /many/ (10,000 files): a listing, Content-Length exact" \
        eval 'CURL_MAX=60 listing200 "$(U /many/)" "$T/many"'
    check "  10,000 rows, one for each file" \
        eval 'n=$(entry_rows "$T/many.b" | wc -l); [ "$n" -eq 10000 ] || { WHY="$n rows"; false; }'
    many_order() {
        local first
        seq 1 10000 | sed 's/^/f-/' | sort >"$T/many.want"
        row_names "$T/many.b" >"$T/many.got"
        cmp -s "$T/many.want" "$T/many.got" && return 0
        first=$(diff "$T/many.want" "$T/many.got" | grep '^[<>]' | head -n 2 | tr '\n' ' ')
        WHY="names differ from the sorted file list: $first"; return 1
    }
    check "  every name, in byte order (f-1 f-10 f-100 f-1000 f-10000 f-1001 ...), nothing missing or repeated" many_order
    check "  the page is complete: it ends with </table> ... </html>" \
        eval 'tail -c 40 "$T/many.b" | tr -d "\n" | grep -q "</table>.*</html>" || { WHY="ends $(tail -c 40 "$T/many.b" | od -An -c | tr -s " \n" " " | head -c 160)"; false; }'
    rm -f "$T"/many.*
else
    skip "a directory of 10,000 files" "could not create them"
fi

# --- HEAD and keep-alive -----------------------------------------------------------

head_same() {
    local g h
    conv "$T/hg" "$(req /sort/ "$CLOSE")"
    [ "$CONV_RC" = 0 ] || { WHY="GET: $(conv_text)"; return 1; }
    conv "$T/hh" "HEAD /sort/ HTTP/1.1\r\nHost: x\r\n$CLOSE\r\n"
    [ "$CONV_RC" = 0 ] || { WHY="HEAD: $(conv_text)"; return 1; }
    split_raw "$T/hg" || { WHY="GET: no head"; return 1; }
    g=$(grep -v '^Date:' <<<"$RAW_HEAD")
    split_raw "$T/hh" || { WHY="HEAD: no head in $(show "$T/hh")"; return 1; }
    h=$(grep -v '^Date:' <<<"$RAW_HEAD")
    [ "${h%%$'\r'*}" = "HTTP/1.1 200 OK" ] || { WHY="HEAD status $(printf '%q' "${h%%$'\r'*}")"; return 1; }
    [ "$g" = "$h" ] || { WHY="heads differ: GET $(printf '%q' "$g") HEAD $(printf '%q' "$h")"; return 1; }
    [ -z "$RAW_BODY" ] || { WHY="HEAD has ${#RAW_BODY} bytes of body"; return 1; }
}
check "HEAD /sort/: the same head as GET (but Date), no body" head_same

ka() {   # PAUSE: the listing, then a file on the same connection
    if [ "$1" = 0 ]; then conv "$T/ka" "$(req /sort/)$(req /sort/a.txt "$CLOSE")"
    else conv "$T/ka" "$(req /sort/)" "$1" "$(req /sort/a.txt "$CLOSE")"; fi
    [ "$CONV_RC" = 0 ] || { WHY="$(conv_text)"; return 1; }
    responses "$T/ka"
    [ "$N_RESP" -eq 2 ] || { WHY="$N_RESP responses: $(show "$T/ka")"; return 1; }
    if [ "$(rstatus 1)" != "HTTP/1.1 200 OK" ] || [ "$(rstatus 2)" != "HTTP/1.1 200 OK" ]; then
        WHY="status lines $(rstatus 1) / $(rstatus 2)"; return 1
    fi
    [ "$(rhead 1 Connection)" = keep-alive ] || { WHY="listing says Connection: $(rhead 1 Connection)"; return 1; }
    slurp "$T/sort.b"
    [ "${R_BODY[1]}" = "$SLURP" ] || { WHY="listing body differs from the one GET /sort/ gave"; return 1; }
    slurp "$R/sort/a.txt"
    [ "${R_BODY[2]}" = "$SLURP" ] || { WHY="file body $(printf '%q' "${R_BODY[2]}")"; return 1; }
    [ -z "$R_REST" ] || { WHY="bytes after the file: $(printf '%q' "${R_REST:0:60}")"; return 1; }
}
check "keep-alive: GET /sort/ then GET /sort/a.txt in one write: both answered, the listing framed by its length" ka 0
check "keep-alive: GET /sort/, then 0.5 s later GET /sort/a.txt on the same connection: both answered" ka 0.5
curl_reuse() {
    curl -q --noproxy '*' -sv --max-time "$CURL_MAX" -o "$T/u1" "$(U /names/)" \
        -o "$T/u2" "$(U /sort/a.txt)" 2>"$T/u.e"
    local rc=$?
    [ "$rc" -eq 0 ] || { WHY="curl exit $rc"; return 1; }
    grep -q 'Re-using existing connection' "$T/u.e" || { WHY="curl opened a new connection"; return 1; }
    cmp -s "$T/u1" "$T/names.b" || { WHY="listing $(show "$T/u1")"; return 1; }
    cmp -s "$T/u2" "$R/sort/a.txt" || { WHY="file $(show "$T/u2")"; return 1; }
}
check "curl with two URLs (a listing, then a file) re-uses the connection; both bodies right" curl_reuse

# --- preconditions on a listing (RFC 9110, section 13.1) ---------------------------
#
# A listing exists but has no entity tag and no date: If-Match with tags
# fails, * passes; If-None-Match * is a 304; the date fields are ignored.

# lst FIELD CODE REASON: GET /sort/ with the header FIELD gets CODE.
lst() {
    rm -f "$T/pc.h" "$T/pc.b"   # curl writes no body file for a 304
    get "$(U /sort/)" "$T/pc" -H "$1" && v_curl "$T/pc" && v_status "$T/pc" "HTTP/1.1 $2 $3"
}
# lst_page FIELD: ... gets 200 and the same listing as a plain GET.
lst_page() {
    lst "$1" 200 OK || return 1
    cmp -s "$T/pc.b" "$T/sort.b" && return 0
    WHY="body $(show "$T/pc.b") is not the listing"; return 1
}
check "GET /sort/ with If-Match: \"x\": 412 (a listing has no entity tag), Connection: close" \
    eval 'lst "If-Match: \"x\"" 412 "Precondition Failed" && v_conn "$T/pc" && v_clen "$T/pc"'
check "GET /sort/ with If-Match: *: 200, the listing" lst_page 'If-Match: *'
check "GET /sort/ with If-None-Match: *: 304, no body, Cache-Control: no-cache" \
    eval 'lst "If-None-Match: *" 304 "Not Modified" && [ ! -s "$T/pc.b" ] &&
          [ "$(header "$T/pc.h" Cache-Control)" = no-cache ] ||
          { WHY=${WHY:-"body $(show "$T/pc.b"), Cache-Control $(header "$T/pc.h" Cache-Control)"}; false; }'
check "GET /sort/ with If-None-Match: \"x\": 200, the listing" lst_page 'If-None-Match: "x"'
check "GET /sort/ with If-Modified-Since in 2100: 200, the listing (no date to compare)" \
    lst_page 'If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT'
check "GET /sort/ with If-Unmodified-Since in 1990: 200, the listing (no date to compare)" \
    lst_page 'If-Unmodified-Since: Mon, 01 Jan 1990 00:00:00 GMT'

# --- stage 10 still holds ----------------------------------------------------------

check "a range of a file in a listed directory: 206, Content-Range, the bytes" \
    eval 'get "$(U /names/-rf.txt)" "$T/rg" -H "Range: bytes=2-5" && v_curl "$T/rg" &&
          v_status "$T/rg" "HTTP/1.1 206 Partial Content" &&
          { [ "$(header "$T/rg.h" Content-Range)" = "bytes 2-5/$(stat -c %s "$R/names/-rf.txt")" ] ||
            { WHY="Content-Range $(header "$T/rg.h" Content-Range)"; false; }; } &&
          { [ "$(cat "$T/rg.b")" = "$(head -c 6 "$R/names/-rf.txt" | tail -c 4)" ] || { WHY="body $(show "$T/rg.b")"; false; }; }'
check "a missing file in a listed directory: 404" \
    eval 'get "$(U /sort/missing.txt)" "$T/r" && v_curl "$T/r" && v_status "$T/r" "HTTP/1.1 404 Not Found"'
check "a dotfile in a listed directory is not served: /sort/.hidden refused" not_listed /sort/.hidden

# --- the browser -------------------------------------------------------------------

if [ "$HAVE_CHROMIUM" = 1 ]; then
    SHOT="$SHOTS/listing.png" browser /dev/null --window-size=1000,800 \
        --screenshot="$SHOTS/listing.png" "$(U /names/)" &
    BROWSER_PIDS+=($!)
    SHOT="$SHOTS/listing-phone.png" browser /dev/null --window-size=412,915 \
        --screenshot="$SHOTS/listing-phone.png" "$(U /names/)" &
    BROWSER_PIDS+=($!)
    wait "${BROWSER_PIDS[@]}" 2>/dev/null
    DOM=$T/dom-xss.html
    check "chromium: the control page (the same names, unescaped) does get the title PWNED" \
        eval 'grep -q "<title>PWNED</title>" "$T/dom-control.html" ||
              { WHY="control title $(sed -n "s|.*<title>\(.*\)</title>.*|\1|p" "$T/dom-control.html" | head -n 1)"; false; }'
    if grep -q '</html>' "$DOM" 2>/dev/null; then
        ok "chromium: /xss/ loads, scripts enabled, and its DOM is dumped"
        check "chromium: the DOM's title is still 'Index of /xss/', not PWNED" \
            eval 'grep -q "<title>Index of /xss/</title>" "$DOM" ||
                  { WHY="title $(sed -n "s|.*<title>\(.*\)</title>.*|\1|p" "$DOM" | head -n 1)"; false; }'
        no_elements() {
            local found n
            grep -q '<table' "$DOM" || { WHY="no table in the DOM: not a listing"; return 1; }
            found=$(grep -oiE '<(img|svg|script|iframe|b)[ >][^>]{0,40}' "$DOM" | head -n 2 | tr '\n' ' ')
            [ -z "$found" ] || { WHY="elements: $found"; return 1; }
            n=$(grep -oi '<body' "$DOM" | wc -l)
            [ "$n" -eq 1 ] || { WHY="$n <body> tags"; return 1; }
            # Only real tags, each up to its '>': none has an event handler.
            found=$(sed 's/</\n</g' "$DOM" | grep '^<' | sed 's/>.*//' | grep -iE '[[:space:]]on[a-z]+=' | head -n 1)
            [ -z "$found" ] || { WHY="an event handler: $(printf '%q' "${found:0:120}")"; return 1; }
        }
        check "chromium: no <img>, <svg>, <script>, <iframe> or <b> element, and no event handler attribute, made from a name" no_elements
        check "chromium: $(( ${#XSS[@]} + 1 )) links, one per file plus ../" \
            eval 'n=$(grep -o "<a " "$DOM" | wc -l); [ "$n" -eq $(( ${#XSS[@]} + 1 )) ] || { WHY="$n links"; false; }'
        xss_text() {
            local n s bad=
            for n in "${XSS[@]}"; do
                s=${n//'&'/'&amp;'}; s=${s//'<'/'&lt;'}; s=${s//'>'/'&gt;'}
                grep -qF -- ">$s</a>" "$DOM" || bad+=" $(printf '%q' "$n")"
            done
            [ -z "$bad" ] && return 0
            WHY="not shown as link text:${bad:0:200}"; return 1
        }
        check "chromium: every name is shown as the text of its link" xss_text
        check "chromium: every href is ../ or percent-encoded (no scheme such as javascript:)" \
            eval 'bad=$(grep -o " href=\"[^\"]*\"" "$DOM" | grep -vE "^ href=\"(\.\./|([A-Za-z0-9._~-]|%[0-9A-F]{2})+/?)\"$" | head -n 2);
                  [ -z "$bad" ] || { WHY="$bad"; false; }'
    else
        not_ok "chromium: /xss/ loads, scripts enabled, and its DOM is dumped" "no DOM: $(show "$DOM")"
        skip "chromium: the checks of the /xss/ DOM" "no DOM"
    fi
    for s in listing listing-phone; do
        f=$SHOTS/$s.png
        sz=$(stat -c %s "$f" 2>/dev/null || echo 0)
        if [ "$(head -c 4 "$f" 2>/dev/null | od -An -c | tr -d ' ')" = '211PNG' ] && [ "$sz" -gt 5120 ]; then
            ok "chromium: screenshot of /names/ in $f ($sz bytes)"
        else
            not_ok "chromium: screenshot of /names/ in $f" "$sz bytes, or not a PNG"
        fi
    done
else
    skip "chromium: names cannot inject markup into a listing" "no $CHROMIUM"
    skip "chromium: screenshots of a listing" "no $CHROMIUM"
fi
stop_server "$MAIN_TPID"

# --- -n ------------------------------------------------------------------------

new_port P
start_server nolist -q -n -p "$P" -r "$R"
if check "server starts with -n" wait_ready "$P"; then
    forbidden() {
        get "$(U "$1")" "$T/n" && v_curl "$T/n" && v_status "$T/n" "HTTP/1.1 403 Forbidden" &&
            v_clen "$T/n" && v_conn "$T/n" && v_body "$T/n" || return 1
        local v; v=$(header "$T/n.h" Content-Type)
        [ "$v" = "text/html; charset=utf-8" ] || { WHY="Content-Type $(printf '%q' "$v")"; return 1; }
        if ! grep -qi '<html' "$T/n.b" || ! grep -q 403 "$T/n.b"; then WHY="body $(show "$T/n.b")"; return 1; fi
        ! grep -q 'href=' "$T/n.b" || { WHY="the 403 page has links: $(show "$T/n.b")"; return 1; }
    }
    check "-n: GET /sort/ is 403: an HTML page, exact length, Connection: close, no listing" forbidden /sort/
    check "-n: GET / (no index.html) is 403" forbidden /
    check "-n: GET /empty/ is 403" forbidden /empty/
    check "-n: the 403 ends the connection: a request pipelined after it is not answered" \
        eval 'conv "$T/nc" "$(req /sort/)$(req /sort/a.txt)" && responses "$T/nc" &&
              [ "$N_RESP" -eq 1 ] && [ "$(rstatus 1)" = "HTTP/1.1 403 Forbidden" ] && [ -z "$R_REST" ] ||
              { WHY="$(conv_text); $N_RESP responses: $(show "$T/nc")"; false; }'
    check "-n: GET /withindex/ still serves its index.html" \
        eval 'get "$(U /withindex/)" "$T/r" && v_curl "$T/r" && v_status "$T/r" "HTTP/1.1 200 OK" &&
              { cmp -s "$T/r.b" "$R/withindex/index.html" || { WHY="body $(show "$T/r.b")"; false; }; }'
    check "-n: files are still served (/sort/a.txt, /names/caf%C3%A9.txt)" \
        eval 'get "$(U /sort/a.txt)" "$T/r" && v_curl "$T/r" && v_status "$T/r" "HTTP/1.1 200 OK" &&
              { cmp -s "$T/r.b" "$R/sort/a.txt" || { WHY="body $(show "$T/r.b")"; false; }; } &&
              get "$(U /names/caf%C3%A9.txt)" "$T/r" && v_curl "$T/r" && v_status "$T/r" "HTTP/1.1 200 OK" &&
              { cmp -s "$T/r.b" "$R/names/café.txt" || { WHY="body $(show "$T/r.b")"; false; }; }'
    check "-n: the server is still up" still_up
else
    skip "-n: the 403 and the files still served" "the server did not start"
fi
stop_server "$SRV_TPID"
rm -rf "$R"

# --- the shared attack suite ---------------------------------------------------

traversal_suite

exit 0
