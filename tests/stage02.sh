#!/usr/bin/env bash
# Stage 2: `drongo [-p PORT] [-b ADDR]`, an iterative server answering
# every connection with one fixed HTTP/1.1 200 response, then closing it.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

REQ='GET / HTTP/1.1\r\nHost: x\r\n\r\n'

# got CHECK: CHECK on the first curl response, once curl itself succeeded.
got() { v_curl "$T/first" && "$1" "$T/first" "${@:2}"; }

# ok200 PREFIX: a GET of $U gets the fixed response, the same as the first.
ok200() { get200 "$U" "$1" "$T/first.b"; }

# sequential N: N requests in turn, all answered alike.
sequential() {
    local i
    for i in $(seq 1 "$1"); do
        ok200 "$T/s" || { WHY="request $i: $WHY"; return 1; }
    done
}

# in_use: a second server on the busy port $P1 fails cleanly.
in_use() {
    run_once -p "$P1"
    if [ "$RC" -ne 2 ]; then
        WHY="$(rc_text "$RC"), want exit status 2; stderr $(show "$T/err")"; return 1
    fi
    if ! is_one_line "$T/err" || ! grep -q 'in use' "$T/err"; then
        WHY="stderr $(show "$T/err"), want one line containing 'in use'"; return 1
    fi
}

# refused_at URL: nothing listens there.
refused_at() {
    get "$1" "$T/nobody"
    [ "$CURL_RC" -eq 7 ] && return 0
    WHY="connection to $1 not refused (curl exit $CURL_RC, status $CODE)"; return 1
}

# --- flags -----------------------------------------------------------------

check "-h prints a usage line and exits 0" help_flag

new_port PB
bad_server_flags "$PB"

# --- the fixed response ----------------------------------------------------

new_port P1
U=http://127.0.0.1:$P1/
start_server main -p "$P1"
if check "server starts with -p PORT" wait_ready "$P1"; then
    get "$U" "$T/first"
    check "curl GET: status line is HTTP/1.1 200 OK" got v_status "HTTP/1.1 200 OK"
    check "curl GET: Content-Type: text/plain; charset=utf-8" got v_ctype
    check "curl GET: Content-Length equals the body's length" got v_clen
    check "curl GET: Connection: close" got v_conn
    check "curl GET: body is not empty" got v_body
    check "10 sequential requests are all answered alike" sequential 10

    raw "$P1" "$T/r" "$REQ"
    check "raw request: the server closes the connection after answering" \
        eval '[ "$RAW_RC" -eq 0 ] || { WHY=$(raw_rc_text); false; }'
    check "raw request: exact status line, CRLF line ends, CRLF CRLF, right Content-Length" \
        raw200 "$T/r"

    # The server must read up to the blank line before it answers, however
    # the request is cut into segments.
    raw "$P1" "$T/r" 'GET / HTTP/1.1\r\nHost: x\r\n' 1 '\r\n'
    check "request cut before the blank line: no answer until it is complete" raw200 "$T/r"
    raw "$P1" "$T/r" 'GET / HTTP/1.1\r\nHost: x\r\n\r' 1 '\n'
    check "request cut inside the final CRLF CRLF: no answer until it is complete" raw200 "$T/r"

    # Clients that go away early must not stop the server.
    rude "$P1" 5 ''
    check "server survives clients that connect and close without sending" \
        eval 'still_up && ok200 "$T/a"'
    rude "$P1" 10 "$REQ"
    rude "$P1" 10 "$REQ" read1
    check "server survives clients that send a request and close without reading" \
        eval 'still_up && ok200 "$T/a"'

    check "default address is 127.0.0.1 alone: 127.0.0.2 is refused" \
        refused_at "http://127.0.0.2:$P1/"

    check "second server on a busy port: one line saying 'in use', exit 2" in_use
    check "first server still answers after that" eval 'still_up && ok200 "$T/a"'
else
    for d in "curl GET checks" "raw request checks" "early-closing clients" "address in use"; do
        skip "$d" "server did not start"
    done
fi
stop_server "$SRV_TPID"

# --- another loopback address ----------------------------------------------

new_port P2
start_server lo2 -b 127.0.0.2 -p "$P2"
if check "server starts with -b 127.0.0.2" wait_ready "$P2" 127.0.0.2; then
    check "-b 127.0.0.2: answered on 127.0.0.2" get200 "http://127.0.0.2:$P2/" "$T/b"
    check "-b 127.0.0.2: nothing listens on 127.0.0.1 at that port" \
        refused_at "http://127.0.0.1:$P2/"
else
    skip "-b 127.0.0.2 answers" "server did not start"
fi
stop_server "$SRV_TPID"

# --- restart on the same port ----------------------------------------------

# The first server answers a request and closes first, so its side of the
# connection sits in TIME_WAIT when it is killed; only SO_REUSEADDR lets
# the second one bind.
new_port P3
start_server before -p "$P3"
if check "server starts on a fresh port" wait_ready "$P3" &&
   check "it answers before being killed" get200 "http://127.0.0.1:$P3/" "$T/c"; then
    stop_server "$SRV_TPID"
    start_server after -p "$P3"
    check "a new server binds the same port at once and answers" \
        eval 'wait_ready "$P3" && get200 "http://127.0.0.1:$P3/" "$T/c"'
else
    skip "restart on the same port" "first server did not answer"
fi

exit 0
