#!/usr/bin/env bash
# Stage 6: drongo serves the files under its docroot (-r DIR).  A regular
# file gets 200 with its content type, Content-Length, Last-Modified and a
# strong ETag; HEAD the same head without the body; If-None-Match and
# If-Modified-Since can turn a 200 into a 304, If-Match and
# If-Unmodified-Since into a 412, in the order of RFC 9110, section 13.2.2.
# A directory is served by its index.html, and a directory named without
# its final slash gets a 301 to the name with it.  Every response carries
# Date and Server: drongo.
# The path rules of stage 5 still hold, and the body goes out with
# sendfile, whole, however large the file.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

H='Host: x\r\n'
R=$T/root            # the docroot

# --- reading a raw response --------------------------------------------------
#
# complete, has_status, has_field, body_is, length_matches and the date
# checks (date_now, stamped) are in tests/http.sh.

# fetch METHOD TARGET [FIELDS]: one raw request (printf %b) with Host and
# the extra header lines FIELDS (each ending in \r\n); then complete.
fetch() {
    raw "$P" "$T/r" "$1 $2 HTTP/1.1\r\n$H${3-}\r\n"
    complete "$T/r" || { WHY="$1 $2: $WHY"; return 1; }
}

# mtime_date FILE: the file's mtime as date -R prints it, +0000 as GMT.
mtime_date() {
    local d; d=$(date -u -R -d "@$(stat -c %Y "$1")"); printf '%s' "${d%+0000}GMT"
}

# --- the checks on one exchange ----------------------------------------------

# serves NAME TYPE: GET /NAME gets 200 with Content-Type TYPE and exactly
# the content of the file $R/NAME.
serves() {
    local want; want=$(cat "$R/$1"; printf x); want=${want%x}
    fetch GET "/$1" && has_status "HTTP/1.1 200 OK" &&
        has_field Content-Type "$2" && length_matches && body_is "$want"
}

# mime NAME TYPE: HEAD /NAME says Content-Type TYPE.
mime() {
    fetch HEAD "/$1" && has_status "HTTP/1.1 200 OK" && has_field Content-Type "$2"
}

# file_head NAME: a GET of /NAME: 200 with Date, Server, exact
# Content-Length, a strong ETag, Last-Modified equal to the mtime.
file_head() {
    local v
    fetch GET "/$1" && has_status "HTTP/1.1 200 OK" && stamped &&
        has_field Content-Length "$(stat -c %s "$R/$1")" && length_matches || return 1
    v=$(rhdr ETag)
    if ! [[ $v =~ ^\"[^\"]+\"$ ]]; then WHY="ETag $(printf '%q' "$v"), want a strong \"...\" tag"; return 1; fi
    has_field Last-Modified "$(mtime_date "$R/$1")"
}

# last_modified NAME WHEN WANT: after touch -d WHEN, Last-Modified is WANT.
last_modified() {
    if ! touch -d "$2" "$R/$1" 2>/dev/null; then WHY="touch -d '$2' failed"; return 1; fi
    fetch GET "/$1" && has_status "HTTP/1.1 200 OK" && has_field Last-Modified "$3"
}

# etag NAME: sets TAG to the ETag of /NAME.
etag() {
    fetch HEAD "/$1" && has_status "HTTP/1.1 200 OK" || return 1
    TAG=$(rhdr ETag)
    [ -n "$TAG" ] || { WHY="no ETag"; return 1; }
}

# head_like_get NAME: HEAD /NAME has the same header fields as GET /NAME,
# Date aside, and no body; the GET has one.
head_like_get() {
    local g h
    fetch GET "$1" && has_status "HTTP/1.1 200 OK" || return 1
    [ -n "$RAW_BODY" ] || { WHY="GET $1 has no body"; return 1; }
    g=$(head_sans_date)
    fetch HEAD "$1" && has_status "HTTP/1.1 200 OK" && stamped && body_is "" || return 1
    h=$(head_sans_date)
    [ "$g" = "$h" ] && return 0
    WHY="HEAD fields $(printf '%q' "$h"), GET fields $(printf '%q' "$g")"; return 1
}

# unmodified FIELDS: GET /cond.txt with FIELDS gets 304, no body, the
# file's ETag and Last-Modified, and a Date.
unmodified() {
    fetch GET /cond.txt "$1" && has_status "HTTP/1.1 304 Not Modified" &&
        body_is "" && has_field ETag "$CTAG" &&
        has_field Last-Modified "$CDATE" && stamped
}

# modified FIELDS: GET /cond.txt with FIELDS gets 200 and the whole file.
modified() {
    fetch GET /cond.txt "$1" && has_status "HTTP/1.1 200 OK" &&
        length_matches && body_is "$COND"
}

# failed FIELDS [METHOD]: GET (or METHOD) /cond.txt with FIELDS gets the
# 412 error: its HTML page (for HEAD only the head, with the page's
# length), Date, Server and Connection: close.
failed() {
    fetch "${2:-GET}" /cond.txt "$1" && has_status "HTTP/1.1 412 Precondition Failed" &&
        has_field Content-Type "text/html; charset=utf-8" && stamped || return 1
    if [ "${2:-GET}" = HEAD ]; then
        body_is "" || return 1
        [[ $(rhdr Content-Length) =~ ^[1-9][0-9]*$ ]] && return 0
        WHY="Content-Length $(printf '%q' "$(rhdr Content-Length)"), want the page's"; return 1
    fi
    length_matches || return 1
    [[ $RAW_BODY == *412* ]] && return 0
    WHY="body does not name 412: $(printf '%q' "${RAW_BODY:0:80}")"; return 1
}

# after412: a failing If-Match, then a good request, in one write: only
# the 412 comes back, and the server closes.
after412() {
    raw_once "$P" "$T/r" "GET /cond.txt HTTP/1.1\r\n${H}If-Match: \"nope\"\r\n\r\nGET /hello.txt HTTP/1.1\r\n$H\r\n"
    complete "$T/r" && has_status "HTTP/1.1 412 Precondition Failed" && length_matches || return 1
    [[ $RAW_BODY != *HTTP/1.1* ]] && return 0
    WHY="a second response followed the 412"; return 1
}

# moved TARGET LOCATION: GET TARGET gets 301 with exactly LOCATION.
moved() {
    fetch GET "$1" && has_status "HTTP/1.1 301 Moved Permanently" &&
        has_field Location "$2" && length_matches && stamped
}

# error TARGET CODE REASON [METHOD]: the request gets the HTML error page
# CODE.
error() {
    fetch "${4:-GET}" "$1" && has_status "HTTP/1.1 $2 $3" &&
        has_field Content-Type "text/html; charset=utf-8" && length_matches || return 1
    [[ $RAW_BODY == *"$2"* ]] && return 0
    WHY="body does not name $2: $(printf '%q' "${RAW_BODY:0:80}")"; return 1
}

# --- the docroot -------------------------------------------------------------

mkdir -p "$R"/{dir,dir/sub,empty,"my dir",linkidx,sub,.well-known,.hidden,v1.txt,mime}
put() { printf 'file %s\n' "$1" >"$R/$1"; }
for f in index.html hello.txt style.css app.js notes.txt data.json img.png \
         photo.jpg PHOTO.JPEG pic.svg doc.pdf font.woff2 movie.mp4 mod.wasm \
         A.TXT README x.unknownext name. dir/index.html dir/sub/index.html \
         "my dir/index.html" sub/.secret .hidden/x.txt .well-known/x.txt \
         sub/.well-known v1.txt/README cond.txt etag.txt; do
    put "$f"
done
printf 'hi\n' >"$R/old.txt"
ln -s hello.txt "$R/link.txt"
ln -s dir "$R/linkdir"
ln -s /etc/passwd "$R/passwd"
ln -s ../hello.txt "$R/linkidx/index.html"
mkfifo "$R/fifo"
touch -d '2001-02-03 04:05:06 UTC' "$R/cond.txt"
COND=$(cat "$R/cond.txt"; printf x); COND=${COND%x}

# --- flags -------------------------------------------------------------------

check "-h prints a usage line and exits 0" help_flag
new_port PB
check "-r with a missing directory is refused" usage_error -p "$PB" -r "$T/nonexistent"

# --- one server for the small files ------------------------------------------

new_port P
start_server main -p "$P" -r "$R"
if ! check "server starts with -r DIR" wait_ready "$P"; then
    skip "every stage 6 request" "server did not start"
    exit 0
fi

# Content types.
check "GET /hello.txt: 200, text/plain; charset=utf-8, exact body" \
    serves hello.txt "text/plain; charset=utf-8"
while read -r name type; do
    check "/$name: Content-Type $type" mime "$name" "$type"
done <<'EOF'
style.css text/css; charset=utf-8
app.js text/javascript; charset=utf-8
notes.txt text/plain; charset=utf-8
index.html text/html; charset=utf-8
data.json application/json
img.png image/png
photo.jpg image/jpeg
PHOTO.JPEG image/jpeg
pic.svg image/svg+xml
doc.pdf application/pdf
font.woff2 font/woff2
movie.mp4 video/mp4
mod.wasm application/wasm
A.TXT text/plain; charset=utf-8
README application/octet-stream
x.unknownext application/octet-stream
name. application/octet-stream
v1.txt/README application/octet-stream
EOF

# 60+ extensions: of these common ones, at least 60 get a type of their own.
many_types() {
    local e urls=() n
    for e in $EXTS; do : >"$R/mime/t.$e"; urls+=("http://127.0.0.1:$P/mime/t.$e"); done
    curl -q --noproxy '*' -s --max-time 60 -I -o /dev/null \
        -w '%{http_code} %{content_type}\n' "${urls[@]}" >"$T/types" 2>/dev/null
    n=$(grep -c '^200 ' "$T/types")
    [ "$n" -eq "${#urls[@]}" ] || { WHY="$n of ${#urls[@]} HEAD requests got 200"; return 1; }
    n=$(grep -c '^200 [a-z]' "$T/types")
    n=$((n - $(grep -c '^200 application/octet-stream' "$T/types")))
    [ "$n" -ge 60 ] && return 0
    WHY="only $n of ${#urls[@]} common extensions have a type other than application/octet-stream"
    return 1
}
EXTS='html htm css js mjs txt md csv xml json jsonld map webmanifest rss atom
      xhtml png jpg jpeg gif webp avif svg ico bmp tif tiff woff woff2 ttf otf
      eot mp3 ogg oga opus wav flac m4a aac mid midi mp4 m4v webm ogv mov mkv
      avi mpeg mpg 3gp pdf epub zip gz tgz bz2 xz zst tar 7z rar wasm iso deb
      rpm odt ods odp doc docx xls xlsx ppt pptx rtf ics vtt srt yaml yml toml'
check "at least 60 of $(echo "$EXTS" | wc -w) common extensions have their own Content-Type" many_types

# The head of a file response.
check "GET /hello.txt: Date (IMF-fixdate, within a minute), Server, Content-Length, strong ETag, Last-Modified = mtime" \
    file_head hello.txt
check "Last-Modified after touch -d '2001-02-03 04:05:06 UTC': Sat, 03 Feb 2001 04:05:06 GMT" \
    last_modified old.txt '2001-02-03 04:05:06 UTC' 'Sat, 03 Feb 2001 04:05:06 GMT'
check "Last-Modified before 1970 (touch -d '1969-07-20 20:17:40 UTC'): Sun, 20 Jul 1969 20:17:40 GMT" \
    last_modified old.txt '1969-07-20 20:17:40 UTC' 'Sun, 20 Jul 1969 20:17:40 GMT'

# ETags.
etag_stable() {
    etag etag.txt || return 1; local a=$TAG
    etag etag.txt || return 1
    [ "$TAG" = "$a" ] && return 0
    WHY="two requests of an unchanged file: $a then $TAG"; return 1
}
etag_content() {
    etag etag.txt || return 1; local a=$TAG
    printf 'more\n' >>"$R/etag.txt"
    etag etag.txt || return 1
    [ "$TAG" != "$a" ] && return 0
    WHY="still $TAG after the content changed"; return 1
}
etag_mtime() {
    touch -d '2001-02-03 04:05:06 UTC' "$R/etag.txt"
    etag etag.txt || return 1; local a=$TAG
    touch -d '2002-02-03 04:05:06 UTC' "$R/etag.txt"
    etag etag.txt || return 1
    [ "$TAG" != "$a" ] && return 0
    WHY="still $TAG after only the mtime changed"; return 1
}
etag_stale() {
    etag etag.txt || return 1; local a=$TAG
    printf 'again\n' >>"$R/etag.txt"
    fetch GET /etag.txt "If-None-Match: $a\r\n" && has_status "HTTP/1.1 200 OK" &&
        length_matches || return 1
    [ -n "$RAW_BODY" ] || { WHY="empty body"; return 1; }
}
check "the ETag of an unchanged file stays the same" etag_stable
check "the ETag changes when the content changes" etag_content
check "the ETag changes when only the mtime changes" etag_mtime
check "If-None-Match with the ETag from before a change: 200" etag_stale

# HEAD.
check "HEAD /hello.txt: the same fields as GET (Date aside), no body" head_like_get /hello.txt
check "HEAD /dir/: the same fields as GET (Date aside), no body" head_like_get /dir/

# Conditional requests, against cond.txt, last modified 2001-02-03 04:05:06.
if etag cond.txt; then
    CTAG=$TAG CDATE=$(rhdr Last-Modified)
    check "If-None-Match with the ETag: 304, no body, ETag, Last-Modified, Date" \
        unmodified "If-None-Match: $CTAG\r\n"
    check "If-None-Match W/ + the ETag: 304" unmodified "If-None-Match: W/$CTAG\r\n"
    check "If-None-Match list \"x\", <etag>: 304" unmodified "If-None-Match: \"x\", $CTAG\r\n"
    check "If-None-Match *: 304" unmodified "If-None-Match: *\r\n"
    check "If-None-Match with another tag: 200" modified "If-None-Match: \"nope\"\r\n"
    check "If-Modified-Since equal to Last-Modified: 304" \
        unmodified "If-Modified-Since: $CDATE\r\n"
    check "If-Modified-Since a day later: 304" \
        unmodified "If-Modified-Since: Sun, 04 Feb 2001 04:05:06 GMT\r\n"
    check "If-Modified-Since one second earlier: 200" \
        modified "If-Modified-Since: Sat, 03 Feb 2001 04:05:05 GMT\r\n"
    check "If-Modified-Since in 1994: 200" \
        modified "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
    check "If-Modified-Since: garbage is ignored: 200" modified "If-Modified-Since: garbage\r\n"
    check "If-Modified-Since on the 32nd is ignored: 200" \
        modified "If-Modified-Since: Sun, 32 Nov 1994 08:49:37 GMT\r\n"
    check "a non-matching If-None-Match wins over a matching If-Modified-Since: 200" \
        modified "If-None-Match: \"nope\"\r\nIf-Modified-Since: $CDATE\r\n"
    check "If-Modified-Since in RFC 850 form, later: 304" \
        unmodified "If-Modified-Since: Sunday, 04-Feb-01 04:05:06 GMT\r\n"
    check "If-Modified-Since in RFC 850 form, earlier (Sunday, 06-Nov-94): 200" \
        modified "If-Modified-Since: Sunday, 06-Nov-94 08:49:37 GMT\r\n"
    check "If-Modified-Since in asctime form, later: 304" \
        unmodified "If-Modified-Since: Sun Feb  4 04:05:06 2001\r\n"
    check "If-Modified-Since in asctime form, earlier (Sun Nov  6 1994): 200" \
        modified "If-Modified-Since: Sun Nov  6 08:49:37 1994\r\n"

    # If-Match and If-Unmodified-Since (RFC 9110, 13.1.1 and 13.1.4), and
    # the order of all four (13.2.2): the tag fields first, each date
    # field only without its tag field; the first false one decides.
    check "If-Match with the ETag: 200" modified "If-Match: $CTAG\r\n"
    check "If-Match list \"x\", <etag>: 200" modified "If-Match: \"x\", $CTAG\r\n"
    check "If-Match *: 200 (the file exists)" modified "If-Match: *\r\n"
    check "If-Match with another tag: 412 page, Connection: close" \
        failed "If-Match: \"nope\"\r\n"
    check "If-Match W/ + the ETag: 412 (a weak tag never matches strongly)" \
        failed "If-Match: W/$CTAG\r\n"
    check "HEAD with If-Match another tag: the 412 head, no body" \
        failed "If-Match: \"nope\"\r\n" HEAD
    check "If-Unmodified-Since equal to Last-Modified: 200" \
        modified "If-Unmodified-Since: $CDATE\r\n"
    check "If-Unmodified-Since a day later: 200" \
        modified "If-Unmodified-Since: Sun, 04 Feb 2001 04:05:06 GMT\r\n"
    check "If-Unmodified-Since one second earlier: 412" \
        failed "If-Unmodified-Since: Sat, 03 Feb 2001 04:05:05 GMT\r\n"
    check "If-Unmodified-Since in RFC 850 form, earlier: 412" \
        failed "If-Unmodified-Since: Sunday, 06-Nov-94 08:49:37 GMT\r\n"
    check "If-Unmodified-Since: garbage is ignored: 200" \
        modified "If-Unmodified-Since: garbage\r\n"
    check "If-Unmodified-Since on the 32nd is ignored: 200" \
        modified "If-Unmodified-Since: Sun, 32 Nov 1994 08:49:37 GMT\r\n"
    check "If-Unmodified-Since, a list of two dates, is ignored: 200" \
        modified "If-Unmodified-Since: $CDATE, Sun, 06 Nov 1994 08:49:37 GMT\r\n"
    check "If-Unmodified-Since earlier is ignored beside a matching If-Match: 200" \
        modified "If-Match: $CTAG\r\nIf-Unmodified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
    check "If-Unmodified-Since earlier is ignored beside If-Match *: 200" \
        modified "If-Unmodified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\nIf-Match: *\r\n"
    check "a failing If-Match beats a matching If-None-Match: 412, not 304" \
        failed "If-None-Match: $CTAG\r\nIf-Match: \"nope\"\r\n"
    check "a failing If-Unmodified-Since beats a matching If-None-Match: 412, not 304" \
        failed "If-None-Match: $CTAG\r\nIf-Unmodified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
    check "a failing If-Match beats a matching If-Modified-Since: 412" \
        failed "If-Modified-Since: $CDATE\r\nIf-Match: \"nope\"\r\n"
    check "a matching If-Match, then a matching If-None-Match: 304" \
        unmodified "If-Match: $CTAG\r\nIf-None-Match: $CTAG\r\n"
    check "If-Match * and If-None-Match *: 304" \
        unmodified "If-Match: *\r\nIf-None-Match: *\r\n"
    check "a passing If-Unmodified-Since, then a matching If-Modified-Since: 304" \
        unmodified "If-Unmodified-Since: $CDATE\r\nIf-Modified-Since: $CDATE\r\n"
    check "a failing If-Match on a missing file: 404, the preconditions ignored" \
        eval 'fetch GET /missing.txt "If-Match: \"nope\"\r\n" &&
              has_status "HTTP/1.1 404 Not Found"'
    check "If-Match * on a missing file: 404, not 412" \
        eval 'fetch GET /missing.txt "If-Match: *\r\n" && has_status "HTTP/1.1 404 Not Found"'
    check "a failing If-Match on a directory without its slash: 301, the preconditions ignored" \
        eval 'fetch GET /dir "If-Match: \"nope\"\r\n" &&
              has_status "HTTP/1.1 301 Moved Permanently"'
    check "a 412 ends the connection: a request pipelined after it is not answered" \
        after412
else
    not_ok "HEAD /cond.txt for its ETag" "$WHY"
    skip "conditional requests" "no ETag"
fi

# Directories.
check "GET /dir/: 200, its index.html as text/html; charset=utf-8" \
    eval 'serves dir/index.html "text/html; charset=utf-8" &&
          fetch GET /dir/ && has_status "HTTP/1.1 200 OK" &&
          has_field Content-Type "text/html; charset=utf-8" &&
          length_matches && body_is "file dir/index.html"$'"'\n'"
check "GET /: 200, the root's index.html" \
    eval 'fetch GET / && has_status "HTTP/1.1 200 OK" &&
          has_field Content-Type "text/html; charset=utf-8" &&
          length_matches && body_is "file index.html"$'"'\n'"
check "GET /dir/sub/: 200, its index.html" \
    eval 'fetch GET /dir/sub/ && has_status "HTTP/1.1 200 OK" &&
          length_matches && body_is "file dir/sub/index.html"$'"'\n'"
check "GET /dir: 301, Location: /dir/, Date, Server" moved /dir /dir/
check "GET /dir/sub: 301, Location: /dir/sub/" moved /dir/sub /dir/sub/
check "GET /my%20dir?a=1: 301, Location: /my%20dir/?a=1 (raw path and query kept)" \
    moved '/my%20dir?a=1' '/my%20dir/?a=1'
check "GET /my%20dir/: 200, its index.html" \
    eval 'fetch GET /my%20dir/ && has_status "HTTP/1.1 200 OK" &&
          body_is "file my dir/index.html"$'"'\n'"
check "a directory without index.html: 404" error /empty/ 404 "Not Found"
check "an index.html that is a symlink: 404" error /linkidx/ 404 "Not Found"

# Path safety, as in stage 5.
check "/../hello.txt: 400 page with Date and Server" \
    eval 'error /../hello.txt 400 "Bad Request" && stamped'
check "/sub/%2e%2e/hello.txt: 400" error /sub/%2e%2e/hello.txt 400 "Bad Request"
check "a missing file: 404 page with Date and Server" \
    eval 'error /missing.txt 404 "Not Found" && stamped'
check "a dot-file /sub/.secret: 404" error /sub/.secret 404 "Not Found"
check "a file in a dot-directory /.hidden/x.txt: 404" error /.hidden/x.txt 404 "Not Found"
check "/.well-known/x.txt: 200" serves .well-known/x.txt "text/plain; charset=utf-8"
check "a .well-known below the root (/sub/.well-known): 404" error /sub/.well-known 404 "Not Found"
check "a symlink to a file: 404" error /link.txt 404 "Not Found"
check "a path through a symlinked directory: 404" error /linkdir/index.html 404 "Not Found"
check "a symlink out of the docroot (to /etc/passwd): 404" error /passwd 404 "Not Found"
check "a FIFO: 404" error /fifo 404 "Not Found"

# Other errors, as in stage 4.
check "POST /hello.txt: 405, Allow: GET, HEAD, Date, Server" \
    eval 'error /hello.txt 405 "Method Not Allowed" POST && has_field Allow "GET, HEAD" &&
          stamped'
check "HTTP/1.1 without Host: 400 with Date and Server" \
    eval 'raw "$P" "$T/r" "GET /hello.txt HTTP/1.1\r\n\r\n" && complete "$T/r" &&
          has_status "HTTP/1.1 400 Bad Request" && stamped'

# curl sees the same file.
curl_file() {
    get "http://127.0.0.1:$P/hello.txt" "$T/c"
    v_text200 "$T/c" || return 1
    cmp -s "$T/c.b" "$R/hello.txt" && return 0
    WHY="body $(show "$T/c.b")"; return 1
}
check "curl GET /hello.txt: 200, the file" curl_file
check "the server is still up" still_up
stop_server "$SRV_TPID"

# --- large files, on a server of their own -----------------------------------

# big_random: a 100 MiB file of random bytes downloads whole and unchanged.
big_random() {
    local got want n
    if ! head -c 100M /dev/urandom >"$R/big.bin" 2>/dev/null; then
        WHY="could not write a 100 MiB file"; return 1
    fi
    want=$(sha256sum <"$R/big.bin"); want=${want%% *}
    get "http://127.0.0.1:$P/big.bin" "$T/big" --max-time 60
    rm -f "$R/big.bin"
    if ! { v_curl "$T/big" && v_status "$T/big" "HTTP/1.1 200 OK" && v_clen "$T/big"; }; then
        rm -f "$T/big.b"; return 1
    fi
    n=$(stat -c %s "$T/big.b"); got=$(sha256sum <"$T/big.b"); got=${got%% *}
    rm -f "$T/big.b"
    [ "$n" -eq 104857600 ] || { WHY="$n bytes, want 104857600"; return 1; }
    [ "$got" = "$want" ] && return 0
    WHY="SHA-256 $got, the file's $want"; return 1
}

# sparse_head: HEAD of a 5 GiB sparse file reports its whole length.
sparse_head() {
    fetch HEAD /sparse.bin && has_status "HTTP/1.1 200 OK" &&
        has_field Content-Length 5368709120 && body_is ""
}

# sparse_get: a GET of it delivers every byte.
sparse_get() {
    local out rc
    out=$(curl -q --noproxy '*' -sS --max-time 120 -o /dev/null \
        -w '%{http_code} %{size_download}' "http://127.0.0.1:$P/sparse.bin" 2>"$T/sp.e")
    rc=$?
    [ "$rc" -eq 0 ] && [ "$out" = "200 5368709120" ] && return 0
    WHY="curl exit $rc, status and bytes '$out', want '200 5368709120'"
    [ -s "$T/sp.e" ] && WHY="$WHY: $(head -c 120 "$T/sp.e" | tr '\n' ' ')"
    return 1
}

new_port P
SERVER_LIFE=300 start_server big -p "$P" -r "$R"
if check "a second server starts" wait_ready "$P"; then
    check "a 100 MiB random file downloads whole, with the same SHA-256" big_random
    if truncate -s 5G "$R/sparse.bin" 2>/dev/null; then
        check "HEAD of a 5 GiB sparse file: Content-Length: 5368709120" sparse_head
        check "GET of a 5 GiB sparse file delivers exactly 5368709120 bytes" sparse_get
    else
        skip "a 5 GiB sparse file" "truncate -s 5G failed"
    fi
    rm -f "$R/sparse.bin"
    check "the server is still up after the large files" still_up
else
    skip "large files" "server did not start"
fi
stop_server "$SRV_TPID"
rm -f "$R/big.bin" "$R/sparse.bin" "$T/big.b"

# --- the shared attack suite -------------------------------------------------

traversal_suite

exit 0
