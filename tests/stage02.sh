#!/usr/bin/env bash
# Stage 2: `drongo [-p PORT] [-b ADDR]`, an iterative server answering
# every connection with one fixed HTTP/1.1 200 response, then closing it.
. "${BASH_SOURCE[0]%/*}/lib.sh"

REQ='GET / HTTP/1.1\r\nHost: x\r\n\r\n'

check "-h prints a usage line and exits 0" help_flag

new_port PB
bad_server_flags "$PB"

# --- the fixed response ----------------------------------------------------

new_port P1
start_server main -p "$P1"
if check "server starts with -p $P1" wait_ready "$P1"; then
    U=http://127.0.0.1:$P1/
    get "$U" "$T/g"
    check "curl GET: status line is HTTP/1.1 200 OK" eval 'v_curl "$T/g" && v_status "$T/g" "HTTP/1.1 200 OK"'
    check "curl GET: Content-Type: text/plain; charset=utf-8" eval 'v_curl "$T/g" && v_ctype "$T/g"'
    check "curl GET: Content-Length equals the body's length" eval 'v_curl "$T/g" && v_clen "$T/g"'
    check "curl GET: Connection: close" eval 'v_curl "$T/g" && v_conn "$T/g"'
    check "curl GET: body is not empty" eval 'v_curl "$T/g" && v_body "$T/g"'

    sequential() {
        local i
        for i in $(seq 1 10); do
            get200 "$U" "$T/s" "$T/g.b" || { WHY="request $i: $WHY"; return 1; }
        done
    }
    check "10 sequential requests are all answered alike" sequential

    raw "$P1" "$T/r" "$REQ"
    check "raw request: response complete, server closes the connection" \
        eval '[ $RAW_RC -eq 0 ] || { WHY=$(raw_rc_text); false; }'
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
        eval 'still_up && get200 "$U" "$T/a" "$T/g.b"'
    rude "$P1" 10 "$REQ"
    rude "$P1" 10 "$REQ" read1
    check "server survives clients that send a request and close without reading" \
        eval 'still_up && get200 "$U" "$T/a" "$T/g.b"'

    # A second server on the same port must fail cleanly.
    in_use() {
        run_once -p "$P1"
        if [ "$RC" -ne 2 ]; then WHY="$(rc_text "$RC"), want exit status 2"; return 1; fi
        if ! is_one_line "$T/err" || ! grep -q 'in use' "$T/err"; then
            WHY="stderr $(show "$T/err"), want one line containing 'in use'"; return 1
        fi
    }
    check "second server on a busy port: one line saying 'in use', exit 2" in_use
    check "first server still answers after that" get200 "$U" "$T/a" "$T/g.b"
else
    for d in "curl GET checks" "raw request checks" "early-closing clients" "address in use"; do
        skip "$d" "server did not start"
    done
fi
stop_server "$SRV_TPID"

# --- binding another loopback address ---------------------------------------

new_port P2
start_server lo2 -b 127.0.0.2 -p "$P2"
if check "server starts with -b 127.0.0.2" wait_ready "$P2" 127.0.0.2; then
    check "-b 127.0.0.2: answered on 127.0.0.2" get200 "http://127.0.0.2:$P2/" "$T/b"
    only_there() {
        get "http://127.0.0.1:$P2/" "$T/b1"
        [ "$CURL_RC" -eq 7 ] && return 0
        WHY="connection to 127.0.0.1:$P2 not refused (curl exit $CURL_RC)"; return 1
    }
    check "-b 127.0.0.2: nothing listens on 127.0.0.1 at that port" only_there
else
    skip "-b 127.0.0.2 answers" "server did not start"
fi
stop_server "$SRV_TPID"

# --- restart on the same port ----------------------------------------------

# The first server answers a request and closes first, so its side of the
# connection sits in TIME_WAIT when it is killed; only SO_REUSEADDR lets
# the second one bind.
new_port P3
start_server first -p "$P3"
if check "server starts on port $P3" wait_ready "$P3" &&
   check "it answers before being killed" get200 "http://127.0.0.1:$P3/" "$T/c"; then
    stop_server "$SRV_TPID"
    start_server second -p "$P3"
    check "a new server binds the same port at once and answers" \
        eval 'wait_ready "$P3" && get200 "http://127.0.0.1:$P3/" "$T/c"'
else
    skip "restart on the same port" "first server did not answer"
fi

exit 0
