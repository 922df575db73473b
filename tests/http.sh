# tests/http.sh -- talking HTTP to the server under test, and judging its
# answers.  Sourced by tests/lib.sh, whose T, CURL_MAX, RAW_MAX and show
# it uses.
#
# Two ways to talk:
#   curl      get URL PREFIX: the head in PREFIX.h, the body in PREFIX.b;
#             the v_* checks judge them.
#   raw TCP   raw, raw_once: the bytes the server sent, in a file, and
#             RAW_RC, how the exchange ended; complete (or split_raw)
#             splits them into RAW_HEAD, STATUS and RAW_BODY, which
#             has_status, has_field, body_is ... judge.
# Every check returns 0 for success, or sets WHY and returns non-zero.

# shellcheck shell=bash disable=SC2016,SC2034
# (SC2016: the bash -c programs expand their own arguments; SC2034: the
# stage scripts read the variables set here.)

# --- curl ------------------------------------------------------------------

# get URL PREFIX [CURL ARGS...]: one request with curl.  Headers go to
# PREFIX.h, the body to PREFIX.b, curl's complaints to PREFIX.e.  Sets
# CURL_RC and CODE.
get() {
    local url=$1 p=$2; shift 2
    CODE=$(curl -q --noproxy '*' -sS --max-time "$CURL_MAX" \
        -D "$p.h" -o "$p.b" -w '%{http_code}' "$@" "$url" 2>"$p.e")
    CURL_RC=$?
}

# header FILE NAME: the values of header NAME (any case) in the header
# block FILE, one a line, without the CR and surrounding blanks.
header() {
    awk -v n="$2" 'BEGIN { n = tolower(n) }
        NR > 1 { sub(/\r$/, ""); if ($0 == "") exit
                 i = index($0, ":")
                 if (i && tolower(substr($0, 1, i - 1)) == n) {
                     v = substr($0, i + 1); sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
                     print v } }' "$1"
}

# The v_* checks look at PREFIX.{h,b} from get; they set WHY on failure.
v_curl() {
    [ "$CURL_RC" -eq 0 ] && return 0
    WHY="curl exit $CURL_RC: $(head -c 120 "$1.e" | tr '\n' ' ')"; return 1
}
v_status() { # PREFIX "HTTP/1.1 200 OK"
    local line
    IFS= read -r line 2>/dev/null <"$1.h"
    [ "$line" = "$2"$'\r' ] && return 0
    WHY="status line $(printf '%q' "$line"), want '$2' + CRLF"; return 1
}
v_ctype() {
    local v; v=$(header "$1.h" Content-Type)
    [ "$v" = "text/plain; charset=utf-8" ] && return 0
    WHY="Content-Type $(printf '%q' "$v")"; return 1
}
v_clen() {
    local v n; v=$(header "$1.h" Content-Length); n=$(wc -c 2>/dev/null <"$1.b")
    if ! [[ $v =~ ^[0-9]+$ ]]; then WHY="Content-Length $(printf '%q' "$v")"; return 1; fi
    [ "$v" -eq "$n" ] && return 0
    WHY="Content-Length $v but body has $n bytes"; return 1
}
v_conn() {
    local v; v=$(header "$1.h" Connection)
    [ "${v,,}" = close ] && return 0
    WHY="Connection $(printf '%q' "$v"), want close"; return 1
}
v_body() {
    [ -s "$1.b" ] && return 0
    WHY="empty body"; return 1
}

# v_text200 PREFIX: curl got HTTP/1.1 200 OK, text/plain; charset=utf-8, a
# Content-Length that counts the body, and Connection: close.
v_text200() {
    v_curl "$1" && v_status "$1" "HTTP/1.1 200 OK" && v_ctype "$1" &&
        v_clen "$1" && v_conn "$1"
}

# fixed200 PREFIX [REFERENCE_BODY]: the whole fixed response, and the same
# body as REFERENCE_BODY when given.
fixed200() {
    v_text200 "$1" && v_body "$1" || return 1
    if [ -n "${2-}" ] && ! cmp -s "$1.b" "$2"; then
        WHY="body $(show "$1.b") differs from the first response's"; return 1
    fi
}

# get200 URL PREFIX [REFERENCE_BODY]: get, then fixed200.
get200() { get "$1" "$2"; fixed200 "$2" "${3-}"; }

# --- raw connections ---------------------------------------------------------

# raw PORT OUT DATA [PAUSE DATA2]: talk HTTP over bash's /dev/tcp.  Send
# DATA (printf %b escapes); with PAUSE and DATA2, then wait PAUSE seconds,
# requiring silence from the server, and send DATA2.  Then read until the
# server closes.  Sets RAW_RC: 0 the server closed, 124 it did not close in
# time, 97 no connection, 98 it answered during the pause, 99 it closed
# during the pause.
raw() {
    local port=$1 out=$2; shift 2
    timeout -k 1 "$RAW_MAX" bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        printf "%b" "$2" >&3
        if [ $# -ge 4 ]; then
            IFS= read -r -N 1 -t "$3" -u 3 c; r=$?
            [ $r -eq 0 ] && exit 98
            [ $r -le 128 ] && exit 99
            printf "%b" "$4" >&3
        fi
        exec cat <&3' _ "$port" "$@" >"$out" 2>/dev/null
    RAW_RC=$?
}

# raw_once PORT OUT DATA: like raw without the pause, but DATA (printf %b)
# goes out in one write, as curl sends a request (bash's printf writes a
# line at a time): several requests in it arrive together.
raw_once() {
    printf '%b' "$3" >"$T/once"
    timeout -k 1 "$RAW_MAX" bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        cat "$2" >&3 || exit 1
        exec cat <&3' _ "$1" "$T/once" >"$2" 2>/dev/null
    RAW_RC=$?
}

# rude PORT N DATA [READ1]: N clients in turn that send DATA (printf %b)
# and close at once.  With READ1, each first waits for one byte of the
# answer and closes with the rest unread, so that its kernel resets the
# connection; a server that writes on has its write fail (SIGPIPE).
rude() {
    local _
    for _ in $(seq 1 "$2"); do
        timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit
            printf "%b" "$2" >&3
            [ -n "$3" ] && IFS= read -r -N 1 -t 4 -u 3 c
            exit 0' _ "$1" "$3" "${4-}" 2>/dev/null
    done
}

# raw_rc_text: RAW_RC in words.
raw_rc_text() {
    case $RAW_RC in
    0) printf 'server closed' ;;
    124) printf 'server did not close the connection within %ss' "$RAW_MAX" ;;
    97) printf 'could not connect' ;;
    98) printf 'server answered before the blank line' ;;
    99) printf 'server closed before the blank line' ;;
    1) printf 'connection reset or read error' ;;
    141) printf 'server closed before the request was sent (SIGPIPE)' ;;
    *) printf 'client status %s' "$RAW_RC" ;;
    esac
}

# raw_closed FILE: the last raw exchange, whose answer is FILE, ended with
# the server closing the connection.
raw_closed() {
    [ "$RAW_RC" -eq 0 ] && return 0
    WHY="$(raw_rc_text); got $(show "$1")"; return 1
}

# --- one raw response ----------------------------------------------------------

# split_raw FILE: split a raw response into RAW_HEAD (up to, not including,
# the first CRLF CRLF) and RAW_BODY; fails if there is no CRLF CRLF.
split_raw() {
    local data
    data=$(cat "$1"; printf x); data=${data%x}
    RAW_HEAD=${data%%$'\r\n\r\n'*}
    RAW_BODY=${data#*$'\r\n\r\n'}
    [ "$RAW_HEAD" != "$data" ]
}

# rhdr NAME: the values of header NAME in RAW_HEAD, one a line.
rhdr() { printf '%s\r\n' "$RAW_HEAD" | header /dev/stdin "$1"; }

# status_of FILE: the status code on the first line of the raw answer
# FILE, if that line starts "HTTP/1.1 NNN ".
status_of() {
    local line
    IFS= read -r line 2>/dev/null <"$1"
    [[ $line =~ ^HTTP/1\.1\ ([0-9]{3})\  ]] && printf '%s' "${BASH_REMATCH[1]}"
}

# closing_head: RAW_HEAD is the head of a response the server closes
# after: every header line ends in CRLF, and Connection is close.  Sets
# STATUS, the status line without its CR.
closing_head() {
    local rest v
    STATUS=${RAW_HEAD%%$'\r\n'*}
    rest=${RAW_HEAD//$'\r\n'/}
    if [[ $rest == *[$'\r\n']* ]]; then
        WHY="a header line does not end in CRLF: $(printf '%q' "$RAW_HEAD")"; return 1
    fi
    v=$(rhdr Connection)
    if [ "${v,,}" != close ]; then
        WHY="Connection $(printf '%q' "$v"), want close"; return 1
    fi
}

# complete FILE: FILE is a whole response the server closed after: a
# status line, header lines ending in CRLF, CRLF CRLF, Connection: close.
# Sets STATUS (without its CR), RAW_HEAD and RAW_BODY.
complete() {
    raw_closed "$1" || return 1
    if ! split_raw "$1"; then WHY="no CRLF CRLF in $(show "$1")"; return 1; fi
    closing_head
}

# has_status LINE: the status line is LINE.
has_status() {
    [ "$STATUS" = "$1" ] && return 0
    WHY="status line $(printf '%q' "$STATUS"), want '$1'"; return 1
}

# has_field NAME VALUE: exactly one NAME field, and it is VALUE.
has_field() {
    local v; v=$(rhdr "$1")
    [ "$v" = "$2" ] && return 0
    WHY="$1 $(printf '%q' "$v"), want '$2'"; return 1
}

# length_matches: Content-Length counts RAW_BODY.
length_matches() { has_field Content-Length "${#RAW_BODY}"; }

# body_is TEXT: RAW_BODY is exactly TEXT.
body_is() {
    [ "$RAW_BODY" = "$1" ] && return 0
    WHY="body $(printf '%q' "${RAW_BODY:0:80}"), want $(printf '%q' "${1:0:80}")"
    [ ${#1} -gt 80 ] && WHY="$WHY (${#RAW_BODY} bytes, want ${#1})"
    return 1
}

# head_sans_date: the lines of RAW_HEAD without their CRs, the Date field
# left out, sorted: what a HEAD must share with the GET of the same target.
head_sans_date() { printf '%s\n' "${RAW_HEAD//$'\r'/}" | grep -vi '^date:' | sort; }

# raw200 FILE: FILE is a complete fixed 200 response, closed by the server:
# exact status line, every header line ends in CRLF, the block ends in
# CRLF CRLF, Content-Length counts the bytes after it.
raw200() {
    local first rest len
    raw_closed "$1" || return 1
    if ! split_raw "$1"; then WHY="no CRLF CRLF in $(show "$1")"; return 1; fi
    first=${RAW_HEAD%%$'\r\n'*}
    if [ "$first" != "HTTP/1.1 200 OK" ]; then
        WHY="status line $(printf '%q' "$first")"; return 1
    fi
    rest=${RAW_HEAD//$'\r\n'/}
    if [[ $rest == *[$'\r\n']* ]]; then
        WHY="a header line does not end in CRLF: $(printf '%q' "$RAW_HEAD")"; return 1
    fi
    len=$(rhdr Content-Length)
    if [ "$len" != "${#RAW_BODY}" ]; then
        WHY="Content-Length '$len' but ${#RAW_BODY} bytes follow the headers"; return 1
    fi
}

# --- dates -------------------------------------------------------------------

FIXDATE='^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$'

# imf T: Unix time T as an IMF-fixdate.
imf() { date -u -d "@$1" '+%a, %d %b %Y %H:%M:%S GMT'; }

# fixdate NAME VALUE: VALUE is an IMF-fixdate naming a real instant, its
# weekday included (it reads back the same).
fixdate() {
    local s
    if ! [[ $2 =~ $FIXDATE ]]; then
        WHY="$1 $(printf '%q' "$2") is not an IMF-fixdate"; return 1
    fi
    s=$(date -u -d "$2" +%s 2>/dev/null) && [ "$(imf "$s")" = "$2" ] && return 0
    WHY="$1 '$2' is not a valid date (it reads back as '$(imf "${s:-0}" 2>/dev/null)')"; return 1
}

# date_now: exactly one Date field, an IMF-fixdate within a minute of now.
date_now() {
    local v s now
    v=$(rhdr Date)
    fixdate Date "$v" || return 1
    s=$(date -u -d "$v" +%s); now=$(date -u +%s)
    [ $((s - now)) -le 60 ] && [ $((now - s)) -le 60 ] && return 0
    WHY="Date '$v' is $((s - now)) s from now ($(imf "$now"))"; return 1
}

# stamped: Date is now and Server is drongo.
stamped() { date_now && has_field Server drongo; }

# --- requests ----------------------------------------------------------------

# fields N: N-1 header lines "X-Fi: v" (printf %b), to follow a Host field:
# N fields in all.
fields() {
    local i s=
    for ((i = 1; i < $1; i++)); do s+="X-F$i: v\r\n"; done
    printf '%s' "$s"
}
