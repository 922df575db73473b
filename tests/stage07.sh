#!/usr/bin/env bash
# Stage 7: error pages.  Every error drongo sends (400, 404, 405, 412, 414,
# 431, 501, 505 from a child, 503 from the parent) has the right status line,
# Content-Type: text/html; charset=utf-8, an exact Content-Length, Date,
# Server: drongo and Connection: close, and the server closes.  The body
# never repeats the request path, the docroot or a system error.  With
# -e DIR, DIR/NNN.html replaces the built-in page for status NNN, with
# the status unchanged; a page that is a symbolic link or not a regular
# file is ignored, and the parent's 503 always stays built in.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

H='Host: x\r\n'
R=$T/root            # the docroot
E=$T/errors          # the custom error pages, outside the docroot
# Every error request carries MARK in its target: no page may echo it.
# The check lines call it MARKER.
MARK="zz-marker-$$-$RANDOM$RANDOM"
# The custom pages' texts, each its own, so a page is known by its text.
CUSTOM=drongo-custom
C400="$CUSTOM-400-$RANDOM$RANDOM"
C404="$CUSTOM-404-$RANDOM$RANDOM"
C414="$CUSTOM-414-$RANDOM$RANDOM"
C431="$CUSTOM-431-$RANDOM$RANDOM"
C412="$CUSTOM-412-$RANDOM$RANDOM"
C503="$CUSTOM-503-$RANDOM$RANDOM"
# An error connection must end this soon, although the client keeps its
# side open.
CLOSE_MAX=5

# --- reading a raw response --------------------------------------------------

# has_status, has_field, length_matches and the date checks (date_now,
# stamped) are in tests/http.sh.

# exchange REQUEST [SEND]: REQUEST (printf %b) over a new connection to
# $P, kept in $T/r; SEND names the function that talks (default raw).
# The client gives up after CLOSE_MAX seconds without an end of file.
# Sets STATUS (without its CR), RAW_HEAD and RAW_BODY when a head came.
exchange() {
    STATUS='' RAW_HEAD='' RAW_BODY=''
    RAW_MAX=$CLOSE_MAX "${2:-raw}" "$P" "$T/r" "$1"
    split_raw "$T/r" && STATUS=${RAW_HEAD%%$'\r\n'*}
}

# got_head: the last exchange brought a head.
got_head() {
    [ -n "$STATUS" ] && return 0
    WHY="no response head ($(RAW_MAX=$CLOSE_MAX raw_rc_text)); got $(show "$T/r")"; return 1
}

# closed_whole: the last exchange is a whole response the server closed
# after: header lines ending in CRLF, CRLF CRLF, Connection: close.
closed_whole() {
    got_head && RAW_MAX=$CLOSE_MAX raw_closed "$T/r" && closing_head
}

# body_file OUT: the body of the last exchange, byte for byte, into OUT.
body_file() { tail -c +$((${#RAW_HEAD} + 5)) "$T/r" >"$1"; }

# --- the checks on one error response ----------------------------------------

# error_head CODE REASON: the last exchange is a whole error response for
# CODE, closed by the server, with every field an error needs.
error_head() {
    closed_whole && has_status "HTTP/1.1 $1 $2" &&
        has_field Content-Type "text/html; charset=utf-8" &&
        length_matches && stamped || return 1
    if [ "$1" = 405 ]; then has_field Allow "GET, HEAD" || return 1; fi
    if [ "$1" = 503 ]; then has_field Retry-After 1 || return 1; fi
}

# builtin_page CODE REASON: the body is the built-in page: a small HTML
# document naming CODE and REASON, and none of the custom pages.
builtin_page() {
    got_head || return 1
    if [[ ${RAW_BODY,,} != *"<html"* ]]; then
        WHY="body is not an HTML document: $(printf '%q' "${RAW_BODY:0:80}")"; return 1
    fi
    if [[ $RAW_BODY != *"$1"* || $RAW_BODY != *"$2"* ]]; then
        WHY="body does not name '$1' and '$2': $(printf '%q' "${RAW_BODY:0:120}")"; return 1
    fi
    if [ "${#RAW_BODY}" -gt 4096 ]; then
        WHY="the built-in page has ${#RAW_BODY} bytes, not a small page"; return 1
    fi
    if [[ $RAW_BODY == *"$CUSTOM"* ]]; then
        WHY="body is a custom page, not the built-in one: $(printf '%q' "${RAW_BODY:0:80}")"; return 1
    fi
}

# custom_page FILE: the body is FILE byte for byte, and Content-Length
# is its size.
custom_page() {
    got_head || return 1
    has_field Content-Length "$(stat -c %s "$1")" || return 1
    body_file "$T/body"
    cmp -s "$T/body" "$1" && return 0
    WHY="body $(show "$T/body") is not $(show "$1")"; return 1
}

# no_leak: the body says nothing of the request, the files or the system.
no_leak() {
    local s
    got_head || return 1
    for s in "$MARK" "$R" "$E" "$T" errno ENOENT 'No such file'; do
        [[ ${RAW_BODY,,} == *"${s,,}"* ]] || continue
        WHY="body contains '$s': $(printf '%q' "${RAW_BODY:0:120}")"; return 1
    done
}

# error_case LABEL CODE REASON REQUEST PAGE [NOTE [SEND]]: send REQUEST
# (printf %b) with SEND (default raw) and check the head (NOTE: the extra
# field it needs, for the message), the body (PAGE: "builtin", or the
# custom page's file) and that nothing leaks; three lines.
error_case() {
    local label=$1 code=$2 reason=$3 req=$4 page=$5
    exchange "$req" "${7-}"
    check "$label: $code $reason, text/html, exact Content-Length, Date, Server, Connection: close, closed${6:+, $6}" \
        error_head "$code" "$reason"
    if [ "$page" = builtin ]; then
        check "$label: the built-in page, an HTML document naming $code $reason" \
            builtin_page "$code" "$reason"
    else
        check "$label: the custom page ${page##*/}, byte for byte, with status $code" \
            custom_page "$page"
    fi
    check "$label: the body has no request path, docroot, errno or system message" no_leak
}

# head_like_get TARGET CODE REASON [PAGE]: HEAD TARGET gets the head GET
# TARGET gets (Date aside), with the same status and Content-Length, and
# no body; with PAGE, that length is PAGE's size.  EXTRA (printf %b) holds
# header lines both requests carry.
head_like_get() {
    local g h
    exchange "GET $1 HTTP/1.1\r\n$H${EXTRA-}\r\n"
    if ! { closed_whole && has_status "HTTP/1.1 $2 $3" && length_matches; }; then
        WHY="GET: $WHY"; return 1
    fi
    if [ -n "${4-}" ]; then
        has_field Content-Length "$(stat -c %s "$4")" || { WHY="GET: $WHY"; return 1; }
    fi
    g=$(head_sans_date)
    exchange "HEAD $1 HTTP/1.1\r\n$H${EXTRA-}\r\n"
    if ! { closed_whole && has_status "HTTP/1.1 $2 $3" && date_now; }; then
        WHY="HEAD: $WHY"; return 1
    fi
    if [ -n "$RAW_BODY" ]; then
        WHY="HEAD has a body of ${#RAW_BODY} bytes: $(printf '%q' "${RAW_BODY:0:60}")"; return 1
    fi
    h=$(head_sans_date)
    [ "$g" = "$h" ] && return 0
    WHY="HEAD fields $(printf '%q' "$h"), GET fields $(printf '%q' "$g")"; return 1
}

# head_like_get_with FIELDS TARGET CODE REASON [PAGE]: head_like_get with
# the header lines FIELDS in both requests.
head_like_get_with() { EXTRA=$1 head_like_get "${@:2}"; }

# serves_hello: GET /hello.txt gets 200 and the file, as in stage 6.
serves_hello() {
    exchange "GET /hello.txt HTTP/1.1\r\n$H\r\n"
    closed_whole && has_status "HTTP/1.1 200 OK" && length_matches || return 1
    [ "$RAW_BODY" = $'hello\n' ] && return 0
    WHY="body $(printf '%q' "${RAW_BODY:0:80}")"; return 1
}

# --- the requests ------------------------------------------------------------

LONG="/$MARK$(printf '%09000d' 0 | tr 0 a)"; LONG=${LONG:0:9000}   # 9000 bytes

REQ_400="GET /$MARK/../b HTTP/1.1\r\n$H\r\n"
REQ_404="GET /$MARK/missing HTTP/1.1\r\n$H\r\n"
REQ_405="PUT /$MARK HTTP/1.1\r\n${H}Content-Length: 0\r\n\r\n"
REQ_412="GET /hello.txt HTTP/1.1\r\n${H}If-Match: \"$MARK\"\r\n\r\n"
REQ_414="GET $LONG HTTP/1.1\r\n$H\r\n"
REQ_431="GET /$MARK HTTP/1.1\r\n$H$(fields 101)\r\n"
REQ_501="BREW /$MARK HTTP/1.1\r\n$H\r\n"
REQ_505="GET /$MARK HTTP/2.0\r\n$H\r\n"

# --- the docroot and the error pages -----------------------------------------

mkdir -p "$R/dir" "$E/431.html"
printf 'file index.html\n' >"$R/index.html"
printf 'hello\n' >"$R/hello.txt"
# 404.html: some 25 KB, CRLF and LF line ends, UTF-8, no final newline.
{
    printf '<!DOCTYPE html>\r\n<html><head><title>%s</title></head>\r\n<body>\n' "$C404"
    for i in $(seq 1 600); do
        printf '<p>line %04d: caf\xc3\xa9 \xe2\x86\x92\tnot here</p>\n' "$i"
    done
    printf '<p>%s</p></body></html>' "$C404"
} >"$E/404.html"
printf '<!DOCTYPE html>\n<html><body><h1>%s</h1></body></html>\n' "$C400" >"$E/400.html"
printf '<!DOCTYPE html>\n<html><body><h1>%s</h1></body></html>\n' "$C503" >"$E/503.html"
printf '<!DOCTYPE html>\n<html><body><h1>%s</h1></body></html>\n' "$C412" >"$E/412.html"
# 414.html is a symbolic link to a real page in the same directory.
printf '<!DOCTYPE html>\n<html><body><h1>%s</h1></body></html>\n' "$C414" >"$E/target-414.html"
ln -s target-414.html "$E/414.html"
# 431.html is a directory, with an index.html a careless server might send.
printf '<!DOCTYPE html>\n<html><body><h1>%s</h1></body></html>\n' "$C431" >"$E/431.html/index.html"
# 505.html is a FIFO: neither a page nor anything to wait on.
mkfifo "$E/505.html"
printf 'not a directory\n' >"$T/plainfile"

# --- flags -------------------------------------------------------------------

new_port PB
check "-e with a missing directory is refused" usage_error -p "$PB" -r "$R" -e "$T/nonexistent"
check "-e with a regular file is refused" usage_error -p "$PB" -r "$R" -e "$T/plainfile"
check "-e without a value is refused" usage_error -p "$PB" -r "$R" -e

# --- built-in pages ----------------------------------------------------------

new_port P
start_server plain -p "$P" -r "$R"
if check "server starts with -r DIR" wait_ready "$P"; then
    L="built-in"
    error_case "$L: GET /MARKER/../b"           400 "Bad Request" "$REQ_400" builtin
    error_case "$L: GET of a missing file"      404 "Not Found" "$REQ_404" builtin
    error_case "$L: PUT"                        405 "Method Not Allowed" "$REQ_405" builtin "Allow: GET, HEAD"
    error_case "$L: If-Match naming another tag" 412 "Precondition Failed" "$REQ_412" builtin
    error_case "$L: a 9000-byte target"         414 "URI Too Long" "$REQ_414" builtin
    error_case "$L: 101 header fields"          431 "Request Header Fields Too Large" "$REQ_431" builtin
    error_case "$L: BREW"                       501 "Not Implemented" "$REQ_501" builtin
    error_case "$L: HTTP/2.0"                   505 "HTTP Version Not Supported" "$REQ_505" builtin
    check "$L: HEAD of a missing file: the GET's head (status, Content-Length), no body" \
        head_like_get "/$MARK/missing" 404 "Not Found"
    check "$L: the server is still up" still_up
else
    skip "every built-in page request" "server did not start"
fi
stop_server "$SRV_TPID"

# --- custom pages ------------------------------------------------------------

new_port P
start_server custom -p "$P" -r "$R" -e "$E"
if check "server starts with -r DIR -e DIR" wait_ready "$P"; then
    L="-e"
    check "$L: GET /hello.txt still serves the file" serves_hello
    error_case "$L: GET /MARKER/../b"           400 "Bad Request" "$REQ_400" "$E/400.html"
    error_case "$L: GET of a missing file"      404 "Not Found" "$REQ_404" "$E/404.html"
    error_case "$L: PUT (no 405.html)"          405 "Method Not Allowed" "$REQ_405" builtin "Allow: GET, HEAD"
    error_case "$L: If-Match naming another tag" 412 "Precondition Failed" "$REQ_412" "$E/412.html"
    check "$L: HEAD with If-Match naming another tag: the GET's head (status, 412.html's length), no body" \
        head_like_get_with "If-Match: \"$MARK\"\r\n" /hello.txt 412 "Precondition Failed" "$E/412.html"
    error_case "$L: a 9000-byte target (414.html a symlink)" \
        414 "URI Too Long" "$REQ_414" builtin
    error_case "$L: 101 header fields (431.html a directory)" \
        431 "Request Header Fields Too Large" "$REQ_431" builtin
    error_case "$L: BREW (no 501.html)"         501 "Not Implemented" "$REQ_501" builtin
    error_case "$L: HTTP/2.0 (505.html a FIFO)" 505 "HTTP Version Not Supported" "$REQ_505" builtin
    error_case "$L: HTTP/1.1 without Host"      400 "Bad Request" "GET /$MARK HTTP/1.1\r\n\r\n" "$E/400.html"
    error_case "$L: GET /404.html (the page is not in the docroot)" \
        404 "Not Found" "GET /404.html HTTP/1.1\r\n$H\r\n" "$E/404.html"
    check "$L: HEAD of a missing file: the GET's head (status, 404.html's length), no body" \
        head_like_get "/$MARK/missing" 404 "Not Found" "$E/404.html"
    check "$L: HEAD of /MARKER/../b: the GET's head (status, 400.html's length), no body" \
        head_like_get "/$MARK/../b" 400 "Bad Request" "$E/400.html"
    check "$L: the server is still up" still_up
else
    skip "every custom page request" "server did not start"
fi
stop_server "$SRV_TPID"

# --- the parent's 503 stays built in -----------------------------------------

new_port P
start_server capped -c 1 -p "$P" -r "$R" -e "$E"
if check "server starts with -c 1 -e DIR" wait_ready "$P" && check "its pid is known" known_pid; then
    # The server answers over the cap without waiting for the request, so
    # the request goes out in one write: later writes could meet a reset.
    if check "an idle connection gets the one child" one_idle_child "$P"; then
        error_case "over the cap with -e (503.html present)" 503 "Service Unavailable" \
            "GET /$MARK/missing HTTP/1.1\r\n$H\r\n" builtin "Retry-After: 1" raw_once
    else
        skip "503 over the cap" "the cap was not filled"
    fi
    release "$HOLD_PID"
else
    skip "503 over the cap" "server did not start"
fi
stop_server "$SRV_TPID"

# --- the shared attack suite -------------------------------------------------

# It has its own servers and docroot; it gets the upper half of our ports,
# and our error pages, so the attacks also meet the custom pages.  Hence
# not traversal_suite (lib.sh): this run passes -e and allows 300 s, and
# an overrun is not reported.
if [ -f "${BASH_SOURCE[0]%/*}/traversal.sh" ]; then
    DRONGO=$DRONGO RUN=$RUN ARCH=$ARCH PORT_BASE=$((PORT_BASE + 50)) EXTRA_ARGS="-e $E" \
        timeout -k 5 300 bash "${BASH_SOURCE[0]%/*}/traversal.sh" </dev/null 2>&1 |
        grep -E '^(ok|not ok|skip) - '
fi

exit 0
