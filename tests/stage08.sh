#!/usr/bin/env bash
# Stage 8: connections persist.  An HTTP/1.1 response says
# "Connection: keep-alive" and the server reads the next request on the
# same connection, unless the request said "Connection: close"; HTTP/1.0
# is the other way round.  Requests may be pipelined, several in one
# write or split anywhere across writes, and are answered in order, each
# response framed by its Content-Length.  After an error, after a request
# with a body, and after -t seconds of silence the server closes.
# Everything of stages 6 and 7 still holds.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

R=$T/root            # the docroot
E=$T/errors          # the custom error pages (-e)
IDLE=2               # -t for the main server, in seconds
FAST_MS=1500         # a close the request asked for comes before this,
                     # well before the idle timeout could have closed

# Request heads, for printf %b.
H='Host: x\r\n'
CLOSE='Connection: close\r\n'
req()  { printf '%s %s HTTP/1.1\\r\\n%s%s\\r\\n' GET "$1" "$H" "${2-}"; }
head_req() { printf '%s %s HTTP/1.1\\r\\n%s%s\\r\\n' HEAD "$1" "$H" "${2-}"; }

# --- talking over one connection ---------------------------------------------

TALK_MAX=${TALK_MAX:-$RAW_MAX}

# talk OUT DATA [PAUSE DATA]...: one raw connection.  Each DATA (printf
# %b) goes out in a single write; before each later DATA the client
# sleeps PAUSE seconds.  Then it reads until the server closes.  The bytes
# read go to OUT.  With PEEK=1 the client waits, after the first DATA, up
# to 5 s for the first byte of the answer before it goes on, and OUT.peek
# says whether that byte came.  Sets TALK_OUT, TALK_RC (0 the server
# closed, 1 a read error, 97 no connection, 124 still open after
# TALK_MAX s) and TALK_MS (milliseconds from the first write to the end);
# OUT.wfail lists the writes that failed.
talk() {
    local out=$1 args=() i=0; shift
    rm -f "$out" "$out".*
    printf '%b' "$1" >"$out.d0"; args+=("$out.d0"); shift
    while [ $# -ge 2 ]; do
        i=$((i + 1))
        printf '%b' "$2" >"$out.d$i"; args+=("$1" "$out.d$i"); shift 2
    done
    timeout -k 1 "$TALK_MAX" bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        out=$2 peek=$3; shift 3
        t0=$EPOCHREALTIME
        {
            cat "$1" >&3 2>/dev/null || echo 0 >>"$out.wfail"
            shift
            if [ "$peek" = 1 ]; then
                if IFS= read -r -N 1 -t 5 -u 3 c; then
                    printf "%s" "$c"; echo yes >"$out.peek"
                else
                    echo no >"$out.peek"
                fi
            fi
            while [ $# -ge 2 ]; do
                sleep "$1"
                cat "$2" >&3 2>/dev/null || echo "$2" >>"$out.wfail"
                shift 2
            done
            cat <&3
        } >"$out" 2>/dev/null
        r=$?
        t1=$EPOCHREALTIME
        echo $(( (${t1/./} - ${t0/./}) / 1000 )) >"$out.ms"
        exit $r' _ "$P" "$out" "${PEEK:-0}" "${args[@]}" 2>/dev/null
    echo $? >"$out.rc"
    echo "$TALK_MAX" >"$out.max"
    talk_load "$out"
}

# talk_load OUT: TALK_OUT, TALK_RC, TALK_MS and TALK_LIMIT (the TALK_MAX it
# ran under) of a talk, also one that ran in the background.
talk_load() {
    TALK_OUT=$1
    TALK_RC=$(cat "$1.rc" 2>/dev/null); TALK_RC=${TALK_RC:-124}
    TALK_MS=$(cat "$1.ms" 2>/dev/null); TALK_MS=${TALK_MS:-}
    TALK_LIMIT=$(cat "$1.max" 2>/dev/null); TALK_LIMIT=${TALK_LIMIT:-$TALK_MAX}
}

talk_rc_text() {
    case $TALK_RC in
    0) printf 'the server closed after %s ms' "$TALK_MS" ;;
    1) printf 'read error (connection reset?) after %s ms' "$TALK_MS" ;;
    97) printf 'no connection' ;;
    124) printf 'the connection was still open after %ss' "$TALK_LIMIT" ;;
    *) printf 'client status %s' "$TALK_RC" ;;
    esac
}

# --- splitting the stream into responses -------------------------------------

declare -A REASON=([200]="OK" [301]="Moved Permanently" [304]="Not Modified"
    [400]="Bad Request" [404]="Not Found" [405]="Method Not Allowed")

# parse_stream FILE METHOD...: split the bytes FILE holds into responses,
# the Nth answering a request with the Nth METHOD (GET past the list).
# A response to HEAD, and a 304, has no body; every other one has
# exactly Content-Length bytes of body, and the next response starts
# right after them.  Sets RS_N, RS_STATUS[i], RS_HEAD[i], RS_BODY[i]
# (i from 1), and RS_BAD when the bytes after the last whole response
# are not a response.
parse_stream() {
    local s head len m n status
    s=$(cat "$1" 2>/dev/null; printf x); s=${s%x}; shift
    RS_N=0 RS_BAD=
    RS_STATUS=() RS_HEAD=() RS_BODY=()
    while [ -n "$s" ]; do
        m=${1:-GET}; [ $# -gt 0 ] && shift
        n=$((RS_N + 1))
        if [[ $s != 'HTTP/1.1 '* ]]; then
            RS_BAD="after $RS_N responses come bytes that do not start one: $(printf '%q' "${s:0:60}")"
            return
        fi
        if [[ $s != *$'\r\n\r\n'* ]]; then
            RS_BAD="response $n is cut short, no CRLF CRLF: $(printf '%q' "${s:0:80}")"
            return
        fi
        head=${s%%$'\r\n\r\n'*}
        s=${s:$((${#head} + 4))}
        status=${head%%$'\r\n'*}
        len=$(printf '%s\r\n' "$head" | header /dev/stdin Content-Length)
        if [ "$m" = HEAD ] || [[ $status == 'HTTP/1.1 304 '* ]]; then
            len=0
        elif ! [[ $len =~ ^[0-9]+$ ]]; then
            RS_BAD="response $n ($status) has Content-Length $(printf '%q' "$len")"
            return
        fi
        if [ "${#s}" -lt "$len" ]; then
            RS_BAD="response $n ($status): Content-Length $len, but only ${#s} bytes follow its head"
            return
        fi
        RS_STATUS[n]=$status RS_HEAD[n]=$head RS_BODY[n]=${s:0:len}
        s=${s:len}
        RS_N=$n
    done
}

# rfield I NAME: the values of field NAME in response I, one a line.
rfield() { printf '%s\r\n' "${RS_HEAD[$1]}" | header /dev/stdin "$2"; }

# summary: the status codes of the responses, for messages.
summary() {
    local i s=
    for ((i = 1; i <= RS_N; i++)); do s+="${s:+, }${RS_STATUS[i]:9:3}"; done
    printf '%s response(s)%s' "$RS_N" "${s:+ ($s)}"
}

# bodyfile NAME: the file a body must equal: e:NAME in $E, else in $R.
bodyfile() { case $1 in e:*) printf '%s' "$E/${1#e:}" ;; *) printf '%s' "$R/$1" ;; esac; }

# expect SPEC...: the last talk got exactly one response per SPEC, in
# order, and then the server closed the connection.  A SPEC is
# "METHOD CODE BODY CONNECTION": the status line is HTTP/1.1 CODE and its
# reason; the Connection field is CONNECTION (any case); BODY is a file
# (see bodyfile) whose bytes the body is, - for no body, * for any.  For
# a HEAD, BODY names the file whose size Content-Length must be.
expect() {
    local i=0 spec m code body conn v want methods=()
    for spec in "$@"; do methods+=("${spec%% *}"); done
    parse_stream "$TALK_OUT" "${methods[@]}"
    for spec in "$@"; do
        i=$((i + 1))
        read -r m code body conn <<<"$spec"
        if [ "$i" -gt "$RS_N" ]; then
            WHY="no response $i ($m, want $code); got $(summary)"
            [ -n "$RS_BAD" ] && WHY="$WHY; $RS_BAD"
            [ -s "$TALK_OUT.wfail" ] && WHY="$WHY; a write after the first failed"
            WHY="$WHY; $(talk_rc_text)"
            return 1
        fi
        if [ "${RS_STATUS[i]}" != "HTTP/1.1 $code ${REASON[$code]}" ]; then
            WHY="response $i: status line $(printf '%q' "${RS_STATUS[i]}"), want 'HTTP/1.1 $code ${REASON[$code]}'"
            return 1
        fi
        v=$(rfield "$i" Connection)
        if [ "${v,,}" != "$conn" ]; then
            WHY="response $i ($code): Connection $(printf '%q' "$v"), want $conn"; return 1
        fi
        case $body in
        '*') ;;
        -)  if [ -n "${RS_BODY[i]}" ]; then
                WHY="response $i ($code): body $(printf '%q' "${RS_BODY[i]:0:60}"), want none"; return 1
            fi ;;
        *)  want=$(cat "$(bodyfile "$body")"; printf x); want=${want%x}
            if [ "$m" = HEAD ]; then
                v=$(rfield "$i" Content-Length)
                if [ "$v" != "${#want}" ]; then
                    WHY="response $i (HEAD): Content-Length $(printf '%q' "$v"), want ${#want}"; return 1
                fi
            elif [ "${RS_BODY[i]}" != "$want" ]; then
                WHY="response $i ($code): body $(printf '%q' "${RS_BODY[i]:0:60}"), want the bytes of $body, $(printf '%q' "${want:0:60}")"
                return 1
            fi ;;
        esac
    done
    if [ "$RS_N" -gt $# ]; then
        WHY="$(summary), want $#: response $(($# + 1)) should not have been sent"; return 1
    fi
    if [ -n "$RS_BAD" ]; then WHY=$RS_BAD; return 1; fi
    if [ "$TALK_RC" -ne 0 ]; then WHY="after the $# response(s), $(talk_rc_text)"; return 1; fi
}

# fast: the server closed within FAST_MS, so because it was asked or had
# to, not because the connection went idle.
fast() {
    [ "$TALK_RC" -eq 0 ] && [ -n "$TALK_MS" ] && [ "$TALK_MS" -lt "$FAST_MS" ] && return 0
    WHY="$(talk_rc_text), want it closed within $FAST_MS ms (the idle timeout is ${IDLE}s)"
    return 1
}

# closed_between LO HI: the server closed the connection LO to HI ms after
# the first write.
closed_between() {
    if [ "$TALK_RC" -ne 0 ]; then WHY=$(talk_rc_text); return 1; fi
    [ "$TALK_MS" -ge "$1" ] && [ "$TALK_MS" -le "$2" ] && return 0
    WHY="the server closed after $TALK_MS ms, want $1 to $2 ms"; return 1
}

# field_is I NAME VALUE: response I has exactly one NAME, and it is VALUE.
field_is() {
    local v; v=$(rfield "$1" "$2")
    [ "$v" = "$3" ] && return 0
    WHY="response $1: $2 $(printf '%q' "$v"), want '$3'"; return 1
}

# --- the docroot ----------------------------------------------------------

mkdir -p "$R/dir" "$R/n" "$E"
printf 'alpha\n' >"$R/a.txt"
printf '<!DOCTYPE html>\n<title>b</title><p>bravo</p>\n' >"$R/b.html"
printf 'body { color: #123; }\n' >"$R/c.css"
printf '{"d": [1, 2, 3]}\n' >"$R/d.json"
printf '<!DOCTYPE html>\n<title>dir</title>\n' >"$R/dir/index.html"
: >"$R/empty.txt"
# A body that looks like the start of another response: only a client
# that trusts Content-Length reads past it correctly.
printf 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nxyz\r\n\r\n' >"$R/fake.txt"
for i in $(seq -w 1 20); do
    printf 'file number %s%s\n' "$i" "$(printf '%0*d' "$((10#$i * 7))" 0 | tr 0 .)" >"$R/n/$i.txt"
done
printf '<!DOCTYPE html>\n<title>custom 404</title><p>nothing here, sorry</p>\n' >"$E/404.html"
BIG_OK=1
head -c 10M /dev/urandom >"$R/big.bin" 2>/dev/null || BIG_OK=0

# --- flags -----------------------------------------------------------------

check "-h prints a usage line and exits 0" help_flag
new_port PB
check "-t 0 is refused"               usage_error -p "$PB" -r "$R" -t 0
check "-t 3601 is refused"            usage_error -p "$PB" -r "$R" -t 3601
check "-t abc is refused"             usage_error -p "$PB" -r "$R" -t abc
check "-t 4294967298 (2 above 2^32) is refused" usage_error -p "$PB" -r "$R" -t 4294967298
check "-t -1 is refused"              usage_error -p "$PB" -r "$R" -t -1
check "-t '' is refused"              usage_error -p "$PB" -r "$R" -t ''
check "-t without a value is refused" usage_error -p "$PB" -r "$R" -t

# starts_with ARGS...: a server with ARGS accepts connections.
starts_with() {
    local p ok=0
    new_port p
    start_server flags -p "$p" -r "$R" "$@"
    wait_ready "$p" && ok=1
    stop_server "$SRV_TPID"
    [ "$ok" = 1 ]
}
check "-t 1 is accepted"    starts_with -t 1
check "-t 3600 is accepted" starts_with -t 3600

# --- the main server -------------------------------------------------------

new_port P
start_server main -p "$P" -r "$R" -e "$E" -t "$IDLE"
if ! check "server starts with -r DIR -e DIR -t $IDLE" wait_ready "$P"; then
    skip "every stage 8 request" "server did not start"
    exit 0
fi
MAIN_TPID=$SRV_TPID MAIN_PID=$SRV_PID MAIN_NAME=$SRV_NAME
use_main() { SRV_TPID=$MAIN_TPID SRV_PID=$MAIN_PID SRV_NAME=$MAIN_NAME SRV_RC=; }

# --- who closes --------------------------------------------------------------

check "HTTP/1.1: Connection: keep-alive, and a second request 0.5 s later on the same connection is answered" \
    eval 'talk "$T/k" "$(req /a.txt)" 0.5 "$(req /b.html "$CLOSE")" &&
          expect "GET 200 a.txt keep-alive" "GET 200 b.html close"'

# closes_on FIELD: a request with FIELD, a second pipelined behind it in
# the same write: only the first is answered, with Connection: close,
# and the server closes at once.
closes_on() {
    talk "$T/c" "$(req /a.txt "$1\r\n")$(req /b.html)"
    expect "GET 200 a.txt close" && fast
}
check "Connection: close: response says close, server closes at once, the pipelined request after it is not answered" \
    closes_on "Connection: close"
check "Connection: CLOSE (any case) closes too" closes_on "Connection: CLOSE"
check "Connection: foo, Close (a list) closes too" closes_on "Connection: foo, Close"
check "Connection: keep-alive, close closes (close wins)" closes_on "Connection: keep-alive, close"
check "Connection: close then Connection: foo (two field lines of one list) closes" \
    closes_on "Connection: close\r\nConnection: foo"
check "Connection: foo then Connection: close (two field lines of one list) closes" \
    closes_on "Connection: foo\r\nConnection: close"

# Tokens are matched whole: these are not "close".
stays_on() {
    talk "$T/c" "$(req /a.txt "$1\r\n")$(req /b.html "$CLOSE")"
    expect "GET 200 a.txt keep-alive" "GET 200 b.html close"
}
check "Connection: closed is not close: keep-alive, the next request is answered" \
    stays_on "Connection: closed"
check "Connection: foo-close, bar is not close: keep-alive, the next request is answered" \
    stays_on "Connection: foo-close, bar"

# HTTP/1.0.
check "HTTP/1.0: Connection: close, server closes at once, the pipelined request after it is not answered" \
    eval 'talk "$T/c" "GET /a.txt HTTP/1.0\r\n\r\nGET /b.html HTTP/1.0\r\n\r\n" &&
          expect "GET 200 a.txt close" && fast'
check "HTTP/1.0 with Connection: keep-alive: response says keep-alive, the next request is answered" \
    eval 'talk "$T/c" "GET /a.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" 0.3 "GET /b.html HTTP/1.0\r\n\r\n" &&
          expect "GET 200 a.txt keep-alive" "GET 200 b.html close" && fast'
check "HTTP/1.0 with Connection: Keep-Alive (any case), three requests in one write" \
    eval 'talk "$T/c" "GET /a.txt HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nHEAD /c.css HTTP/1.0\r\nConnection: KEEP-ALIVE\r\n\r\nGET /d.json HTTP/1.0\r\n\r\n" &&
          expect "GET 200 a.txt keep-alive" "HEAD 200 c.css keep-alive" "GET 200 d.json close" && fast'

# --- curl reuses the connection ----------------------------------------------

curl_reuse() {
    curl -q --noproxy '*' -sv --max-time "$CURL_MAX" \
        -o "$T/u1" "http://127.0.0.1:$P/a.txt" \
        -o "$T/u2" "http://127.0.0.1:$P/dir/" 2>"$T/u.e"
    local rc=$?
    if [ "$rc" -ne 0 ]; then WHY="curl exit $rc: $(grep -v '^[*<>{}]' "$T/u.e" | head -c 120 | tr '\n' ' ')"; return 1; fi
    if ! grep -q 'Re-using existing connection' "$T/u.e"; then
        WHY="curl opened a new connection: $(grep -c '^\* Connected to' "$T/u.e") 'Connected to' lines"; return 1
    fi
    if [ "$(grep -ci '^< Connection: keep-alive' "$T/u.e")" -ne 2 ]; then
        WHY="$(grep -ci '^< Connection: keep-alive' "$T/u.e") responses said Connection: keep-alive, want 2"; return 1
    fi
    cmp -s "$T/u1" "$R/a.txt" || { WHY="first body $(show "$T/u1")"; return 1; }
    cmp -s "$T/u2" "$R/dir/index.html" || { WHY="second body $(show "$T/u2")"; return 1; }
}
check "curl with two URLs re-uses the connection (keep-alive both times); both bodies right" curl_reuse

# --- pipelining ----------------------------------------------------------------

# The ETag of c.css, for a 304 in the pipeline.
talk "$T/e" "$(head_req /c.css "$CLOSE")"
parse_stream "$T/e" HEAD
CTAG=$([ "$RS_N" -ge 1 ] && rfield 1 ETag)

if [ -n "$CTAG" ]; then
    MIXED="$(req /a.txt)$(head_req /b.html)$(req /c.css "If-None-Match: $CTAG\r\n")"
    MIXED+="$(req /dir)$(req /fake.txt)$(req /empty.txt)$(head_req /dir/)$(req /d.json)"
    MIXED+="$(req /dir/ "$CLOSE")"
    talk "$T/mix" "$MIXED"
    check "9 requests in one write (GET, HEAD, 304, 301, empty file, ...): all answered in order, byte for byte, then close" \
        expect "GET 200 a.txt keep-alive" "HEAD 200 b.html keep-alive" \
               "GET 304 - keep-alive" "GET 301 * keep-alive" "GET 200 fake.txt keep-alive" \
               "GET 200 empty.txt keep-alive" "HEAD 200 dir/index.html keep-alive" \
               "GET 200 d.json keep-alive" "GET 200 dir/index.html close"
    check "  in that pipeline: the 304 carries the ETag and no body" \
        eval '[ "$RS_N" -ge 3 ] || { WHY="only $(summary)"; false; } &&
              field_is 3 ETag "$CTAG" && [ -z "${RS_BODY[3]}" ]'
    check "  in that pipeline: the 301 says Location: /dir/, its body is its Content-Length" \
        eval '[ "$RS_N" -ge 4 ] || { WHY="only $(summary)"; false; } &&
              field_is 4 Location /dir/ && field_is 4 Content-Length "${#RS_BODY[4]}"'
    check "  in that pipeline: the HEAD responses are heads only, the next response right after" \
        eval '[ "$RS_N" -ge 8 ] || { WHY="only $(summary)"; false; } &&
              [ -z "${RS_BODY[2]}" ] && [ -z "${RS_BODY[7]}" ] &&
              field_is 2 Content-Type "text/html; charset=utf-8"'
    check "  in that pipeline: the server closed at once after the last" fast
else
    not_ok "HEAD /c.css for its ETag" "no ETag; got $(show "$T/e")"
    skip "the mixed pipeline" "no ETag"
fi

twenty() {
    local i data='' specs=()
    for i in $(seq -w 1 20); do
        if [ "$i" = 20 ]; then data+=$(req "/n/$i.txt" "$CLOSE"); specs+=("GET 200 n/$i.txt close")
        elif [ $((10#$i % 6)) = 0 ]; then data+=$(head_req "/n/$i.txt"); specs+=("HEAD 200 n/$i.txt keep-alive")
        else data+=$(req "/n/$i.txt"); specs+=("GET 200 n/$i.txt keep-alive")
        fi
    done
    talk "$T/20" "$data"
    expect "${specs[@]}" && fast
}
check "20 requests in one write (3 of them HEAD): 20 responses in order, bodies byte for byte" twenty

# split_at PART1 PART2 [PAUSE PART3]: GET /a.txt then GET /b.html
# (Connection: close), cut into the given writes with 0.3 s between;
# both answered.  When PART1 holds all of the first request, its response
# must come before the rest of the second is sent.
split_at() {
    local peek=0
    [[ $1 == "$(req /a.txt)"* ]] && peek=1
    PEEK=$peek talk "$T/s" "$1" 0.3 "$2" ${3:+"$3" "$4"}
    expect "GET 200 a.txt keep-alive" "GET 200 b.html close" || return 1
    if [ "$peek" = 1 ] && [ "$(cat "$T/s.peek" 2>/dev/null)" != yes ]; then
        WHY="no answer to the first request within 5 s, while the second was incomplete"; return 1
    fi
}
A=$(req /a.txt)
check "second request split inside its request line (GET /b.h|tml): both answered, the first at once" \
    split_at "${A}GET /b.h" "tml HTTP/1.1\r\n${H}${CLOSE}\r\n"
check "second request split inside a field name (Ho|st): both answered, the first at once" \
    split_at "${A}GET /b.html HTTP/1.1\r\nHo" "st: x\r\n${CLOSE}\r\n"
check "second request split between CR and LF of its blank line: both answered, the first at once" \
    split_at "${A}GET /b.html HTTP/1.1\r\n${H}${CLOSE}\r" "\n"
check "second request split just before its blank line: both answered, the first at once" \
    split_at "${A}GET /b.html HTTP/1.1\r\n${H}${CLOSE}" "\r\n"
check "three writes, cut inside both requests (GET /a.t|xt ... Connection: cl|ose): both answered" \
    split_at "GET /a.t" "xt HTTP/1.1\r\n${H}\r\nGET /b.html HTTP/1.1\r\n${H}Connection: cl" 0.3 "ose\r\n\r\n"

# --- errors end the connection -------------------------------------------------

check "a 404 in a pipeline: the custom page with its exact length, Connection: close; the request after it is not answered" \
    eval 'talk "$T/x" "$(req /missing.txt)$(req /a.txt)" &&
          expect "GET 404 e:404.html close" && fast'
check "a lone 404 on a keep-alive connection: the server closes at once, not after the idle timeout" \
    eval 'talk "$T/x" "$(req /missing.txt)" && expect "GET 404 e:404.html close" && fast'
check "two good responses, then a 404, then nothing: the request after the 404 is not answered" \
    eval 'talk "$T/x" "$(req /a.txt)$(req /b.html)$(req /nope/x.txt)$(req /c.css)" &&
          expect "GET 200 a.txt keep-alive" "GET 200 b.html keep-alive" "GET 404 e:404.html close" && fast'
check "HEAD of a missing file in a pipeline: a 404 head without body, close, nothing after" \
    eval 'talk "$T/x" "$(head_req /missing.txt)$(req /a.txt)" &&
          expect "HEAD 404 e:404.html close" && fast'
bad400() {
    talk "$T/x" "$1$(req /a.txt)"
    expect "GET 400 * close" && fast || return 1
    field_is 1 Content-Type "text/html; charset=utf-8" &&
        field_is 1 Content-Length "${#RS_BODY[1]}"
}
check "a 400 (HTTP/1.1 without Host) after a good response: the 400 page, close, the next request not answered" \
    eval 'talk "$T/x" "$(req /a.txt)GET /a.txt HTTP/1.1\r\n\r\n$(req /b.html)" &&
          expect "GET 200 a.txt keep-alive" "GET 400 * close" && fast'
check "a 400 (%zz in the target) in a pipeline: the page with its exact length, close, nothing after" \
    bad400 "GET /%zz HTTP/1.1\r\n${H}\r\n"
check "a 405 (POST) in a pipeline: close, nothing after" \
    eval 'talk "$T/x" "POST /a.txt HTTP/1.1\r\n${H}\r\n$(req /a.txt)" &&
          expect "GET 405 * close" && fast && field_is 1 Allow "GET, HEAD"'

# --- request bodies ------------------------------------------------------------

check "GET with Content-Length: 5 and a body: answered with Connection: close, then the server closes; what follows is not answered" \
    eval 'talk "$T/x" "GET /a.txt HTTP/1.1\r\n${H}Content-Length: 5\r\n\r\nhello$(req /b.html)" &&
          expect "GET 200 a.txt close" && fast'
check "GET with Content-Length: 0 keeps the connection: the next request is answered" \
    eval 'talk "$T/x" "GET /a.txt HTTP/1.1\r\n${H}Content-Length: 0\r\n\r\n$(req /b.html "$CLOSE")" &&
          expect "GET 200 a.txt keep-alive" "GET 200 b.html close"'

# --- the idle timeout ----------------------------------------------------------
#
# Four connections at once: three on the main server (-t 2), one on a
# server with the default timeout.  Each is judged when all are done.

new_port PD
start_server dflt -p "$PD" -r "$R"
DFLT_OK=0
wait_ready "$PD" && DFLT_OK=1
DFLT_WHY=$WHY
DFLT_TPID=$SRV_TPID
use_main

IPIDS=()
TALK_MAX=10 talk "$T/i1" "" &
IPIDS+=($!)
TALK_MAX=10 talk "$T/i2" "$(req /a.txt)" &
IPIDS+=($!)
R1=$(req /a.txt) R5=$(req /d.json "$CLOSE")
TALK_MAX=12 talk "$T/i3" "$R1" 1 "$(req /b.html)" 1 "$(req /c.css)" 1 "$(req /dir/)" 1 "$R5" &
IPIDS+=($!)
if [ "$DFLT_OK" = 1 ]; then
    P=$PD TALK_MAX=10 talk "$T/i4" "" 3 "$(req /a.txt "$CLOSE")" &
    IPIDS+=($!)
fi
wait "${IPIDS[@]}" 2>/dev/null

check "-t $IDLE: a connection on which nothing is sent is closed after about ${IDLE} s (1.5 s to 6 s)" \
    eval 'talk_load "$T/i1" && closed_between 1500 6000'
check "-t $IDLE: after one response, an idle connection is closed after about ${IDLE} s (1.5 s to 6 s)" \
    eval 'talk_load "$T/i2" && expect "GET 200 a.txt keep-alive" && closed_between 1500 6000'
check "-t $IDLE: a request every second keeps the connection open past ${IDLE} s: 5 requests over 4 s all answered" \
    eval 'talk_load "$T/i3" && expect "GET 200 a.txt keep-alive" "GET 200 b.html keep-alive" \
              "GET 200 c.css keep-alive" "GET 200 dir/index.html keep-alive" "GET 200 d.json close"'
if [ "$DFLT_OK" = 1 ]; then
    check "without -t, a connection idle for 3 s is still open (the default is 10 s)" \
        eval 'talk_load "$T/i4" && expect "GET 200 a.txt close"'
else
    not_ok "a server without -t starts" "$DFLT_WHY"
fi
stop_server "$DFLT_TPID"
use_main

# --- large files ---------------------------------------------------------------

big_then_small() {
    local got want
    curl -q --noproxy '*' -sv --max-time 60 \
        -o "$T/big.b" "http://127.0.0.1:$P/big.bin" \
        -o "$T/small.b" "http://127.0.0.1:$P/a.txt" 2>"$T/big.e"
    local rc=$?
    if [ "$rc" -ne 0 ]; then WHY="curl exit $rc: $(grep -v '^[*<>{}]' "$T/big.e" | head -c 120 | tr '\n' ' ')"; return 1; fi
    grep -q 'Re-using existing connection' "$T/big.e" || { WHY="curl did not re-use the connection"; return 1; }
    want=$(sha256sum <"$R/big.bin"); got=$(sha256sum <"$T/big.b")
    if [ "$got" != "$want" ]; then
        WHY="10 MiB body: $(stat -c %s "$T/big.b") bytes, SHA-256 ${got%% *}, the file's ${want%% *}"; return 1
    fi
    cmp -s "$T/small.b" "$R/a.txt" || { WHY="small body after it $(show "$T/small.b")"; return 1; }
}
if [ "$BIG_OK" = 1 ]; then
    check "curl: a 10 MiB file then a small one on the same connection, both whole (SHA-256)" big_then_small
    rm -f "$T/big.b"
    rude "$P" 3 "GET /big.bin HTTP/1.1\r\n${H}\r\n" 1
    check "three clients hang up in the middle of the 10 MiB download: the server is still up" still_up
    check "  and still answers, on a kept connection" \
        eval 'talk "$T/x" "$(req /c.css)" 0.2 "$(req /a.txt "$CLOSE")" &&
              expect "GET 200 c.css keep-alive" "GET 200 a.txt close"'
else
    skip "a 10 MiB file" "could not write it"
fi

# --- children ----------------------------------------------------------------

check "no zombie children once the connections have closed" zombie_free
check "every child ends with its connection: none left 10 s after the last client" \
    eval 'known_pid && { poll 10 live_is "$SRV_PID" 0 || { WHY="$LIVE live children after 10 s"; false; }; }'
check "the server is still up" still_up
stop_server "$SRV_TPID"
rm -f "$R/big.bin" "$T"/big.* "$T"/x*

# --- the shared attack suite -------------------------------------------------

traversal_suite

exit 0
