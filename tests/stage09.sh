#!/usr/bin/env bash
# Stage 9: the access log.  After each response (a file, a 304, a 301, an
# error) the child writes one line to standard output in the Combined Log
# Format:
#   CLIENT - - [DD/Mon/YYYY:HH:MM:SS +0000] "METHOD TARGET VERSION" STATUS
#   BYTES "REFERER" "USER-AGENT"
# CLIENT is an IPv4 client's dotted quad, also when it reached an IPv6
# socket (-b ::) as ::ffff:a.b.c.d, or an IPv6 client's address as RFC 5952
# writes it (::1).  The time is UTC; the request line is as received; BYTES counts the body
# sent, or is - when none was; absent fields are -; the quoted parts escape
# '"' and '\' with a backslash and every other byte outside printable ASCII
# as \xNN.  A line is written whole, at most 4096 bytes, so lines from many
# children never mix, in a file or a pipe; what is too long is cut and
# marked "...".  -q turns the log off, and a closed or abandoned standard
# output does not stop the serving.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

H='Host: x\r\n'
R=$T/root            # the docroot
mkdir -p "$R/docs"
printf 'a legitimate file\n' >"$R/a.txt"
printf '<!doctype html><title>docs</title>\n' >"$R/docs/index.html"
A_LEN=$(wc -c <"$R/a.txt")

# --- one log line ---------------------------------------------------------------

# A quoted part: printable bytes other than '"' and '\', and the three
# escapes.  The whole line, with the groups entry() reads:
#   1 client, 2 time, 4 request line, 6 status, 7 bytes, 8 referer, 10 agent.
QUOTED='(([^"\\]|\\["\\]|\\x[0-9a-f]{2})*)'
MONTHS='(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)'
LINE_RE='^([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|[0-9a-f]*:[0-9a-f:]*) - - '
LINE_RE+='\[([0-3][0-9]/'$MONTHS'/[0-9]{4}:[0-2][0-9]:[0-5][0-9]:[0-6][0-9]) \+0000] '
LINE_RE+='"'$QUOTED'" ([1-5][0-9][0-9]) (-|[1-9][0-9]*) "'$QUOTED'" "'$QUOTED'"$'

# entry LINE: LINE is a whole log line (without its newline); sets
# L_CLIENT, L_TIME, L_REQ, L_STATUS, L_BYTES, L_REF and L_UA.
entry() {
    if [[ $1 == *[^\ -~]* ]]; then
        WHY="bytes outside printable ASCII in $(printf '%q' "${1:0:120}")"; return 1
    fi
    if ! [[ $1 =~ $LINE_RE ]]; then
        WHY="not a Combined Log Format line: $(printf '%q' "${1:0:160}")"; return 1
    fi
    L_CLIENT=${BASH_REMATCH[1]} L_TIME=${BASH_REMATCH[2]} L_REQ=${BASH_REMATCH[4]}
    L_STATUS=${BASH_REMATCH[6]} L_BYTES=${BASH_REMATCH[7]}
    L_REF=${BASH_REMATCH[8]} L_UA=${BASH_REMATCH[10]}
}

# field NAME GOT WANT: one field of the last entry is as wanted.
field() {
    [ "$2" = "$3" ] && return 0
    WHY="$1 $(printf '%q' "${2:0:100}"), want $(printf '%q' "${3:0:100}")"; return 1
}

# entry_is LINE REQUEST STATUS BYTES REFERER AGENT: LINE is a log line from
# 127.0.0.1 with these fields, REFERER and AGENT as they appear escaped.
entry_is() {
    entry "$1" &&
        field client "$L_CLIENT" 127.0.0.1 &&
        field "request line" "$L_REQ" "$2" &&
        field status "$L_STATUS" "$3" &&
        field bytes "$L_BYTES" "$4" &&
        field referer "$L_REF" "$5" &&
        field user-agent "$L_UA" "$6"
}

# --- the lines an exchange wrote --------------------------------------------------

# lines FILE: the number of whole lines in FILE.
lines() { local n; n=$(wc -l <"$1" 2>/dev/null); printf '%s' "${n:-0}"; }

# mark: the lines from here on are the next exchange's.
mark() { BASE=$(lines "$LOG"); }

# settle: the server has no child left, so every line is written.
settle() { all_gone; }

# have_lines: LOG holds at least WANT lines.
have_lines() { [ "$(lines "$LOG")" -ge "$WANT" ]; }

# logged N: once the children have ended, exactly N lines have been added
# to LOG since mark; they are in NEW.  (Through a pipe they may lag behind
# the children a little.)
logged() {
    local n
    settle || return 1
    WANT=$((BASE + $1))
    poll 3 have_lines
    mapfile -t NEW < <(tail -n +"$((BASE + 1))" "$LOG")
    n=${#NEW[@]}
    [ "$n" -eq "$1" ] && return 0
    WHY="$n new log lines, want $1"
    [ "$n" -gt 0 ] && WHY+="; the first $(printf '%q' "${NEW[0]:0:120}")"
    return 1
}

# ask URL [CURL ARGS...]: mark, one curl exchange on a connection of its
# own, then one log line in LINE1.  Sets CODE and GOT (body bytes
# received) from the response.
ask() {
    local url=$1; shift
    mark
    get "$url" "$T/c" "$@"
    v_curl "$T/c" || return 1
    GOT=$(wc -c <"$T/c.b")
    logged 1 || return 1
    LINE1=${NEW[0]}
}

# dash_or N: N, or - when N is 0: the BYTES the log should show.
dash_or() { if [ "$1" -eq 0 ]; then printf -; else printf '%s' "$1"; fi; }

# tell REQUEST N: mark, send REQUEST (printf %b) in one write on one
# connection, read until the server closes, and expect N log lines in NEW.
tell() {
    mark
    raw_once "$P" "$T/r" "$1"
    raw_closed "$T/r" && logged "$2"
}

# whole_log FILE: every line of FILE is a log line, and FILE ends with a
# newline.
whole_log() {
    local line i=0
    if ! [ -s "$1" ]; then WHY="the log is empty"; return 1; fi
    if [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" != '\n' ]; then
        WHY="the log does not end with a newline"; return 1
    fi
    while IFS= read -r line; do
        i=$((i + 1))
        entry "$line" || { WHY="line $i: $WHY"; return 1; }
    done <"$1"
}

# --- the checks on one exchange -----------------------------------------------------

# a_file: curl GET /a.txt gives one line with every field right.
a_file() {
    ask "http://127.0.0.1:$P/a.txt" || return 1
    field "HTTP status" "$CODE" 200 || return 1
    entry_is "$LINE1" "GET /a.txt HTTP/1.1" 200 "$A_LEN" - "$(curl_agent)"
}
curl_agent() { curl -q -V | awk 'NR == 1 { print $1 "/" $2; exit }'; }

# utc_now: the logged time is UTC and within a minute of the clock.
utc_now() {
    local t0 t1 d s
    t0=$(date -u +%s)
    ask "http://127.0.0.1:$P/a.txt" && entry "$LINE1" || return 1
    t1=$(date -u +%s)
    d=${L_TIME/:/ }; d=${d//\// }
    if ! s=$(date -u -d "$d UTC" +%s 2>/dev/null); then
        WHY="the time [$L_TIME] is not a date"; return 1
    fi
    [ "$s" -ge $((t0 - 60)) ] && [ "$s" -le $((t1 + 60)) ] && return 0
    WHY="logged [$L_TIME +0000], but date -u says $(date -u -d "@$t1" +%d/%b/%Y:%H:%M:%S)"; return 1
}

# no_fields: without Referer and User-Agent both are -.
no_fields() {
    ask "http://127.0.0.1:$P/a.txt" -H 'User-Agent:' &&
        entry_is "$LINE1" "GET /a.txt HTTP/1.1" 200 "$A_LEN" - -
}

# both_fields: curl -e and -A put their texts in the line.
both_fields() {
    ask "http://127.0.0.1:$P/a.txt" -e 'http://example.org/from?x=1' -A 'agent/1.0 (test)' &&
        entry_is "$LINE1" "GET /a.txt HTTP/1.1" 200 "$A_LEN" \
            'http://example.org/from?x=1' 'agent/1.0 (test)'
}

# one_raw REQUEST REQLINE STATUS BYTES REFERER AGENT: REQUEST (printf %b,
# one connection) gets one line with these fields.  BYTES "=" means the
# body length the response's Content-Length gave.
one_raw() {
    local bytes=$4 len
    tell "$1" 1 || return 1
    field "HTTP status" "$(status_of "$T/r")" "$3" || return 1
    if [ "$bytes" = = ]; then
        split_raw "$T/r" || { WHY="no CRLF CRLF in $(show "$T/r")"; return 1; }
        len=$(rhdr Content-Length)
        bytes=$(dash_or "${len:-0}")
    fi
    entry_is "${NEW[0]}" "$2" "$3" "$bytes" "$5" "$6"
}

# head_dash: HEAD sends no body: BYTES is -.
head_dash() {
    ask "http://127.0.0.1:$P/a.txt" -I -H 'User-Agent:' &&
        entry_is "$LINE1" "HEAD /a.txt HTTP/1.1" 200 - - -
}

# not_modified: a 304 sends no body: BYTES is -.
not_modified() {
    local tag
    get "http://127.0.0.1:$P/a.txt" "$T/e" -I
    tag=$(header "$T/e.h" ETag)
    [ -n "$tag" ] || { WHY="no ETag on HEAD /a.txt"; return 1; }
    settle || return 1
    ask "http://127.0.0.1:$P/a.txt" -H "If-None-Match: $tag" -H 'User-Agent:' || return 1
    field "HTTP status" "$CODE" 304 || return 1
    entry_is "$LINE1" "GET /a.txt HTTP/1.1" 304 - - -
}

# moved: /docs gets a 301, logged with the bytes of its body.
moved() {
    ask "http://127.0.0.1:$P/docs" -H 'User-Agent:' || return 1
    field "HTTP status" "$CODE" 301 || return 1
    entry_is "$LINE1" "GET /docs HTTP/1.1" 301 "$(dash_or "$GOT")" - -
}

# missing: a 404 is logged with the size of the page sent.
missing() {
    ask "http://127.0.0.1:$P/missing.txt" -H 'User-Agent:' || return 1
    field "HTTP status" "$CODE" 404 || return 1
    [ "$GOT" -gt 0 ] || { WHY="the 404 has no body"; return 1; }
    entry_is "$LINE1" "GET /missing.txt HTTP/1.1" 404 "$GOT" - -
}

# pipelined: three requests in one write, one connection: three lines, in
# order.
pipelined() {
    local nf
    get "http://127.0.0.1:$P/missing.txt" "$T/m"
    v_curl "$T/m" && field "HTTP status" "$CODE" 404 || return 1
    nf=$(wc -c <"$T/m.b")
    settle || return 1
    tell "GET /a.txt HTTP/1.1\r\n${H}User-Agent: one\r\n\r\n\
HEAD /a.txt?two HTTP/1.1\r\n${H}User-Agent: two\r\n\r\n\
GET /missing.txt HTTP/1.1\r\n${H}User-Agent: three\r\nConnection: close\r\n\r\n" 3 || return 1
    entry_is "${NEW[0]}" "GET /a.txt HTTP/1.1" 200 "$A_LEN" - one || { WHY="line 1: $WHY"; return 1; }
    entry_is "${NEW[1]}" "HEAD /a.txt?two HTTP/1.1" 200 - - two || { WHY="line 2: $WHY"; return 1; }
    entry_is "${NEW[2]}" "GET /missing.txt HTTP/1.1" 404 "$nf" - three || { WHY="line 3: $WHY"; return 1; }
}

# other_peer: curl from 127.0.0.2 is logged as 127.0.0.2.
other_peer() {
    mark
    get "http://127.0.0.1:$P/a.txt" "$T/c" --interface 127.0.0.2
    if [ "$CURL_RC" -eq 45 ]; then WHY=skip; return 1; fi
    v_curl "$T/c" && logged 1 && entry "${NEW[0]}" && field client "$L_CLIENT" 127.0.0.2
}

# --- many at once ----------------------------------------------------------------------

# agent I: client I's User-Agent, about 1000 bytes, its own.
agent() {
    local a="client-$1:"
    while [ ${#a} -lt 1000 ]; do a+="$1-"; done
    printf '%s' "$a"
}

# one_of_many I: client I fetches /a.txt?c=I with its own User-Agent.
one_of_many() {
    local p=$T/j$1
    get "http://127.0.0.1:$P/a.txt?c=$1" "$p" -A "$(agent "$1")"
    v_curl "$p" && field "HTTP status" "$CODE" 200
}

# many_whole N: the last N lines (in NEW) are one per client, each whole:
# client I's target and client I's agent on the same line, the agent whole
# or cut and marked "...".
many_whole() {
    local n=$1 line i ua want seen=' '
    for line in "${NEW[@]}"; do
        entry "$line" || return 1
        if ! [[ $L_REQ =~ ^GET\ /a\.txt\?c=([0-9]+)\ HTTP/1\.1$ ]]; then
            WHY="request line $(printf '%q' "${L_REQ:0:80}")"; return 1
        fi
        i=${BASH_REMATCH[1]}
        [[ $seen == *" $i "* ]] && { WHY="client $i logged twice"; return 1; }
        seen+="$i "
        want=$(agent "$i")
        ua=$L_UA
        [ "$ua" = "$want" ] && continue
        ua=${ua%...}
        if [ "$ua" = "$L_UA" ] || [ -z "$ua" ] || [[ $want != "$ua"* ]]; then
            WHY="client $i's line has the agent $(printf '%q' "${L_UA:0:60}")..., not its own"
            return 1
        fi
    done
    for ((i = 1; i <= n; i++)); do
        [[ $seen == *" $i "* ]] || { WHY="client $i not logged"; return 1; }
    done
}

# crowd N: N clients at once, then exactly N whole lines, one each.
crowd() {
    mark
    concurrently "$1" one_of_many || return 1
    logged "$1" && many_whole "$1"
}

# --- cut lines -----------------------------------------------------------------------------

# too_long: a target of 8000 bytes and an agent of 8000 '"' make one line
# of at most 4096 bytes, both parts cut and marked "...".
too_long() {
    local q ua len
    q=$(printf '%07991d' 0 | tr 0 q)
    ua=$(printf '%08000d' 0 | tr 0 '"')
    ask "http://127.0.0.1:$P/a.txt?q=$q" -A "$ua" || return 1
    len=$(( ${#LINE1} + 1 ))
    if [ "$len" -gt 4096 ]; then WHY="the line has $len bytes with its newline"; return 1; fi
    entry "$LINE1" || return 1
    field status "$L_STATUS" "$CODE" || return 1
    if [[ $L_REQ != "GET /a.txt?q=qqqq"*...* ]]; then
        WHY="request line $(printf '%q' "${L_REQ:0:40}")...$(printf '%q' "${L_REQ: -40}"), want it cut and marked ..."
        return 1
    fi
    if ! [[ $L_UA =~ ^(\\\")+\.\.\.$ ]]; then
        WHY="user-agent $(printf '%q' "${L_UA:0:20}")...$(printf '%q' "${L_UA: -20}"), want \\\" repeated, cut and marked ..."
        return 1
    fi
}

# --- the main server: the log in a file -------------------------------------------------

new_port P
start_server main -p "$P" -r "$R"
LOG=$T/main.out
if ! check "server starts with -r DOCROOT, standard output to a file" wait_ready "$P"; then
    skip "every access log check" "server did not start"
    exit 0
fi
settle

check "the readiness probe itself is logged: one line in the log" \
    eval '[ "$(lines "$LOG")" -eq 1 ] || { WHY="$(lines "$LOG") lines"; false; }'
check "curl GET /a.txt: one line, 127.0.0.1, \"GET /a.txt HTTP/1.1\" 200 $A_LEN \"-\" \"curl/VERSION\"" a_file
check "the time is UTC, [DD/Mon/YYYY:HH:MM:SS +0000], within a minute of date -u" utc_now
check "no Referer, no User-Agent: both logged as \"-\"" no_fields
check "Referer and User-Agent logged as sent" both_fields
check "HTTP/1.0 request line logged as received" \
    one_raw "GET /a.txt HTTP/1.0\r\n\r\n" "GET /a.txt HTTP/1.0" 200 "$A_LEN" - -
check "target logged still percent-encoded, with its query" \
    one_raw "GET /%61.txt?x=%41&y=%2F HTTP/1.1\r\n${H}Connection: close\r\n\r\n" \
        "GET /%61.txt?x=%41&y=%2F HTTP/1.1" 200 "$A_LEN" - -
check "absolute-form target logged as received" \
    one_raw "GET http://x/a.txt HTTP/1.1\r\n${H}Connection: close\r\n\r\n" \
        "GET http://x/a.txt HTTP/1.1" 200 "$A_LEN" - -

# Escaping.
check "User-Agent a\"b\\c é logged as a\\\"b\\\\c \\xc3\\xa9" \
    one_raw "GET /a.txt HTTP/1.1\r\n${H}User-Agent: a\"b\\\\c \xc3\xa9\r\nConnection: close\r\n\r\n" \
        "GET /a.txt HTTP/1.1" 200 "$A_LEN" - 'a\"b\\c \xc3\xa9'
check "a tab and byte 0xff in User-Agent: \\x09 and \\xff" \
    one_raw "GET /a.txt HTTP/1.1\r\n${H}User-Agent: t\tu\xffv\r\nConnection: close\r\n\r\n" \
        "GET /a.txt HTTP/1.1" 200 "$A_LEN" - 't\x09u\xffv'
check "Referer escaped the same way: x\"y\\z é" \
    one_raw "GET /a.txt HTTP/1.1\r\n${H}Referer: x\"y\\\\z \xc3\xa9\r\nConnection: close\r\n\r\n" \
        "GET /a.txt HTTP/1.1" 200 "$A_LEN" 'x\"y\\z \xc3\xa9' -

# Every kind of response.
check "HEAD: status 200, bytes -" head_dash
check "304 Not Modified: status 304, bytes -" not_modified
check "301 for /docs: status 301, bytes = the body sent" moved
check "404: status 404, bytes = the built-in page's size" missing
check "400 for a request without Host: logged with status 400 and the page's size" \
    one_raw "GET /a.txt HTTP/1.1\r\nUser-Agent: nohost\r\n\r\n" \
        "GET /a.txt HTTP/1.1" 400 = - nohost
check "400 for a malformed request line: one line, status 400" \
    eval 'tell "GARBAGE\r\n\r\n" 1 && entry "${NEW[0]}" && field status "$L_STATUS" 400'
check "a target with ESC and DEL bytes: one line, printable ASCII only, status 400" \
    eval 'tell "GET /\x1b[31m\x7f HTTP/1.1\r\n$H\r\n" 1 && entry "${NEW[0]}" && field status "$L_STATUS" 400'
check "3 pipelined requests on one connection: 3 lines, in order" pipelined

WHY=
if other_peer; then
    ok "a client at 127.0.0.2 is logged as 127.0.0.2"
elif [ "$WHY" = skip ]; then
    skip "a client at 127.0.0.2 is logged as 127.0.0.2" "curl cannot bind 127.0.0.2"
else
    not_ok "a client at 127.0.0.2 is logged as 127.0.0.2" "$WHY"
fi

check "8000-byte target and 8000-'\"' User-Agent: one line of at most 4096 bytes, cut with ..." too_long
check "40 concurrent clients, ~1000-byte agents, log in a file: 40 whole lines, one each" crowd 40
check "server still up after all that" still_up
check "every line of the log matches the format, printable ASCII, ends with a newline" whole_log "$LOG"
stop_server "$SRV_TPID"

# --- the log through a pipe -----------------------------------------------------------

# start_server sends standard output to $T/NAME.out; a FIFO there makes it
# a pipe, which cat empties into a file.
new_port P
mkfifo "$T/piped.out"
cat "$T/piped.out" >"$T/piped.log" &
start_server piped -p "$P" -r "$R"
LOG=$T/piped.log
if check "server starts with standard output a pipe" wait_ready "$P"; then
    settle
    check "40 concurrent clients, ~1000-byte agents, log a pipe: 40 whole lines, one each" crowd 40
    check "through the pipe too, every line matches, printable ASCII, ends with a newline" whole_log "$LOG"
else
    skip "the log through a pipe" "server did not start"
fi
stop_server "$SRV_TPID"

# --- -q --------------------------------------------------------------------------

# quiet: the server just started serves /a.txt, and after its children
# have ended, has written nothing on standard output.
quiet() {
    get200_file || return 1
    settle || return 1
    [ -s "$LOG" ] || return 0
    WHY="standard output has $(lines "$LOG") lines: $(show "$LOG")"; return 1
}
# get200_file: GET /a.txt gets 200 and the file.
get200_file() {
    get "http://127.0.0.1:$P/a.txt" "$T/q"
    v_curl "$T/q" && field "HTTP status" "$CODE" 200 || return 1
    cmp -s "$T/q.b" "$R/a.txt" && return 0
    WHY="body $(show "$T/q.b")"; return 1
}

for order in first last; do
    new_port P
    if [ $order = first ]; then
        start_server "quiet-$order" -q -p "$P" -r "$R"
    else
        start_server "quiet-$order" -p "$P" -r "$R" -q
    fi
    LOG=$T/quiet-$order.out
    if check "-q $order among the flags: server starts" wait_ready "$P"; then
        check "-q $order among the flags: 200 and no log line at all" quiet
    fi
    stop_server "$SRV_TPID"
done

# --- standard output closed or abandoned ------------------------------------------

# two_on_one: two GETs of /a.txt on one connection both get 200 and the
# file, and nothing else arrives (no stray bytes between them).
two_on_one() {
    local out codes
    out=$(curl -q --noproxy '*' -sS --max-time "$CURL_MAX" \
        -o "$T/t1" -o "$T/t2" -w '%{http_code} %{num_connects}\n' \
        "http://127.0.0.1:$P/a.txt" "http://127.0.0.1:$P/a.txt" 2>"$T/t.e")
    CURL_RC=$?
    v_curl "$T/t" || return 1
    codes=$(printf '%s' "$out" | tr '\n' ' ')
    field "status and connections made" "$codes" "200 1 200 0" || return 1
    cmp -s "$T/t1" "$R/a.txt" || { WHY="first body $(show "$T/t1")"; return 1; }
    cmp -s "$T/t2" "$R/a.txt" || { WHY="second body $(show "$T/t2")"; return 1; }
}

# whole_404: a 404 on a connection of its own: status 404, and exactly
# Content-Length bytes follow the head before the server closes.
whole_404() {
    local len
    raw_once "$P" "$T/r" "GET /missing.txt HTTP/1.1\r\n$H\r\n"
    raw_closed "$T/r" || return 1
    field "HTTP status" "$(status_of "$T/r")" 404 || return 1
    split_raw "$T/r" || { WHY="no CRLF CRLF in $(show "$T/r")"; return 1; }
    len=$(rhdr Content-Length)
    [ "$len" = "${#RAW_BODY}" ] && return 0
    WHY="Content-Length '$len' but ${#RAW_BODY} bytes follow the head"; return 1
}

# start_closed ARGS...: start_server, but with standard output closed.
# (RUN may be several words, split on purpose.)
# shellcheck disable=SC2086
start_closed() {
    timeout -k 3 "$SERVER_LIFE" $RUN "$DRONGO" "$@" \
        </dev/null >&- 2>"$T/closed.err" &
    started closed
}

new_port P
start_closed -p "$P" -r "$R"
if check "standard output closed (>&-): server starts" wait_ready "$P"; then
    check "standard output closed: two requests on one connection both get 200 and the file" two_on_one
    check "standard output closed: a 404 is answered whole, nothing after its body" \
        whole_404
    check "standard output closed: server still up" still_up
else
    skip "standard output closed" "server did not start"
fi
stop_server "$SRV_TPID"

# A pipe whose reader has gone: the reader opens the FIFO, which waits for
# the server to open it, and closes it at once.
new_port P
mkfifo "$T/gone.out"
timeout 10 bash -c 'exec 4<"$1"' _ "$T/gone.out" &
reader=$!
start_server gone -p "$P" -r "$R"
wait "$reader" 2>/dev/null
if check "standard output a pipe nobody reads: server starts" wait_ready "$P"; then
    check "a pipe nobody reads: two requests on one connection both get 200 and the file" two_on_one
    check "a pipe nobody reads: a new connection still gets 200" get200_file
    check "a pipe nobody reads: server still up" still_up
else
    skip "a pipe nobody reads" "server did not start"
fi
stop_server "$SRV_TPID"

# --- IPv6 ----------------------------------------------------------------------------

# client_is URL WANT [CURL ARGS...]: a GET of URL (which may hold an IPv6
# address in brackets) gets 200, and its log line, whole, starts with the
# client WANT: "WANT - - [".
client_is() {
    local url=$1 want=$2; shift 2
    ask "$url" -g "$@" || return 1
    field "HTTP status" "$CODE" 200 || return 1
    if [[ $LINE1 != "$want - - ["* ]]; then
        WHY="the line starts $(printf '%q' "${LINE1:0:40}"), want '$want - - ['"
        return 1
    fi
    entry "$LINE1" && field client "$L_CLIENT" "$want"
}

if ! ipv6_loopback; then
    skip "IPv6 access log checks" "no IPv6 loopback"
else
    new_port P
    start_server v6 -b ::1 -p "$P" -r "$R"
    LOG=$T/v6.out
    if check "server starts with -b ::1" wait_ready "$P" '[::1]'; then
        settle
        check "-b ::1: a request over ::1 is logged as '::1 - - [...'" \
            client_is "http://[::1]:$P/a.txt" ::1
    else
        skip "the log of a request over ::1" "server did not start"
    fi
    stop_server "$SRV_TPID"

    new_port P
    start_server dual -b :: -p "$P" -r "$R"
    LOG=$T/dual.out
    if check "server starts with -b :: (both families)" wait_ready "$P"; then
        settle
        check "-b :: server, a request over IPv4 is logged as 127.0.0.1, not ::ffff:127.0.0.1" \
            client_is "http://127.0.0.1:$P/a.txt" 127.0.0.1
        check "-b :: server, a request over ::1 is logged as '::1 - - [...'" \
            client_is "http://[::1]:$P/a.txt" ::1
    else
        skip "the log of a -b :: server" "server did not start"
    fi
    stop_server "$SRV_TPID"
fi

# --- the shared attack suite -------------------------------------------------

traversal_suite

exit 0
