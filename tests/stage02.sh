#!/usr/bin/env bash
# Stage 2: `drongo [-p PORT] [-b ADDR]`, an iterative server answering
# every connection with one fixed HTTP/1.1 200 response, then closing it.
# ADDR is IPv4 or IPv6 (any form of RFC 4291 section 2.2, or in brackets);
# messages write IPv6 endpoints as [ADDR]:PORT, ADDR as RFC 5952 has it.
# -b :: listens on both families.
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

# --- IPv6 -------------------------------------------------------------------

# Forms RFC 4291 does not allow, each with its flaw.
for b in ':::' '1:2:3:4:5:6:7:8:9' '1:2:3:4:5:6:7' '1:2:3:4:5:6:7:8::' \
         '12345::' '::g' ':1::' '1::2:' '::1:' '1:' \
         '::1.2.3' '::1.2.3.4:5' '::01.2.3.4' '1:2:3:4:5:6:7:1.2.3.4' \
         '[::1' '::1]' '[]' '[[::1]]' ' ::1' 'fe80::1%lo'; do
    check "-b '$b' is refused" refused_value -b "$b" -p "$PB"
done

# names_as FORM CANON: -b FORM is accepted: the server tries it, and the
# message it cannot listen names the endpoint as CANON:PORT.  (The
# addresses are from the documentation ranges, which no interface has.)
names_as() {
    local want="drongo: cannot listen on $2:$PB: "
    run_once -p "$PB" -b "$1"
    if [ "$RC" -eq 2 ] && is_one_line "$T/err" && [[ $(<"$T/err") == "$want"* ]]; then
        return 0
    fi
    WHY="$(rc_text "$RC"), stderr '$(head -c 160 "$T/err")', want '$want...'"
    return 1
}
check "-b 2001:DB8:0:0:0:0:0:1 is named [2001:db8::1] (lower case, :: for the zeros)" \
    names_as 2001:DB8:0:0:0:0:0:1 '[2001:db8::1]'
check "-b 2001:0db8:0000:0000:0001:0000:0000:0001 is named [2001:db8::1:0:0:1] (no leading zeros, the first of two runs)" \
    names_as 2001:0db8:0000:0000:0001:0000:0000:0001 '[2001:db8::1:0:0:1]'
check "-b 2001:db8:0:0:1:0:0:0 is named [2001:db8:0:0:1::] (the longer run)" \
    names_as 2001:db8:0:0:1:0:0:0 '[2001:db8:0:0:1::]'
check "-b 2001:db8::1:1:1:1:1 is named [2001:db8:0:1:1:1:1:1] (never :: for one group)" \
    names_as 2001:db8::1:1:1:1:1 '[2001:db8:0:1:1:1:1:1]'
check "-b 2001:db8::192.0.2.1 is named [2001:db8::c000:201] (embedded IPv4, written hex)" \
    names_as 2001:db8::192.0.2.1 '[2001:db8::c000:201]'
check "-b [2001:db8::1] in brackets is named [2001:db8::1]" \
    names_as '[2001:db8::1]' '[2001:db8::1]'
check "-b ::ffff:192.0.2.1 (IPv4-mapped) is named 192.0.2.1, without brackets" \
    names_as ::ffff:192.0.2.1 192.0.2.1
check "-b 0:0:0:0:0:ffff:192.0.2.1 (IPv4-mapped) is named 192.0.2.1" \
    names_as 0:0:0:0:0:ffff:192.0.2.1 192.0.2.1

# listening_on URL: the server last started said it listens on URL.
listening_on() {
    local want="drongo: listening on $1"
    [ "$(head -n 1 "$T/$SRV_NAME.err")" = "$want" ] && return 0
    WHY="stderr $(show "$T/$SRV_NAME.err"), want '$want'"; return 1
}

# get200_v6 URL PREFIX: get200 for a URL with an IPv6 address in brackets.
get200_v6() { get "$1" "$2" -g; fixed200 "$2"; }

# in_namespace_dual PORT: in a network namespace of its own whose
# bindv6only is 1, making IPv6 sockets IPv6 only by default, a server on
# -b :: still answers over 127.0.0.1: it turned IPV6_V6ONLY off itself.
# Exit status 3: no such namespace could be made here.
in_namespace_dual() {
    timeout -k 2 "$((READY_MAX + 10))" unshare -rn bash -c '
        ip link set lo up 2>/dev/null &&
            echo 1 2>/dev/null >/proc/sys/net/ipv6/bindv6only || exit 3
        $1 "$2" -b :: -p "$3" 2>/dev/null & pid=$!
        for _ in $(seq 1 $(($4 * 10))); do
            curl -q --noproxy "*" -s -o /dev/null --max-time 3 \
                "http://127.0.0.1:$3/" && { kill $pid; exit 0; }
            kill -0 $pid 2>/dev/null || exit 4
            sleep 0.1
        done
        kill $pid; exit 5' _ "$RUN" "$DRONGO" "$1" "$READY_MAX" </dev/null
}

if ! ipv6_loopback; then
    skip "IPv6 listening checks" "no IPv6 loopback"
else
    new_port P4
    start_server v6 -b ::1 -p "$P4"
    if check "server starts with -b ::1" wait_ready "$P4" '[::1]'; then
        check "-b ::1 says 'listening on http://[::1]:$P4/'" \
            listening_on "http://[::1]:$P4/"
        check "-b ::1: answered on [::1]" get200_v6 "http://[::1]:$P4/" "$T/v6"
        check "-b ::1: IPv6 only, nothing listens on 127.0.0.1 at that port" \
            refused_at "http://127.0.0.1:$P4/"
    else
        skip "-b ::1 answers" "server did not start"
    fi
    stop_server "$SRV_TPID"

    new_port P5
    start_server v6br -b '[::1]' -p "$P5"
    if check "server starts with -b [::1], in brackets" wait_ready "$P5" '[::1]'; then
        check "-b [::1] says 'listening on http://[::1]:$P5/'" \
            listening_on "http://[::1]:$P5/"
        check "-b [::1]: answered on [::1]" get200_v6 "http://[::1]:$P5/" "$T/v6"
    else
        skip "-b [::1] answers" "server did not start"
    fi
    stop_server "$SRV_TPID"

    new_port P6
    start_server dual -b :: -p "$P6"
    if check "server starts with -b :: (both families)" wait_ready "$P6" '[::1]'; then
        check "-b :: says 'listening on http://[::]:$P6/'" \
            listening_on "http://[::]:$P6/"
        check "-b :: is answered on [::1]" get200_v6 "http://[::1]:$P6/" "$T/v6"
        check "-b :: is answered on 127.0.0.1 too (dual stack)" \
            get200 "http://127.0.0.1:$P6/" "$T/v4"
        run_once -b 127.0.0.1 -p "$P6"
        check "-b :: holds the IPv4 port too: a second server on 127.0.0.1 at that port is told 'in use'" \
            eval '[ "$RC" -eq 2 ] && grep -q "in use" "$T/err" || { WHY="$(rc_text "$RC"); stderr $(show "$T/err")"; false; }'
    else
        skip "-b :: answers" "server did not start"
    fi
    stop_server "$SRV_TPID"

    new_port P7
    in_namespace_dual "$P7"; rc=$?
    case $rc in
    0) ok "-b :: answers over 127.0.0.1 even where bindv6only is 1 (a network namespace)" ;;
    3) skip "-b :: where bindv6only is 1" "cannot make a network namespace here (unshare -rn)" ;;
    *) not_ok "-b :: answers over 127.0.0.1 even where bindv6only is 1 (a network namespace)" \
           "not answered over IPv4 (status $rc)" ;;
    esac
fi

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
