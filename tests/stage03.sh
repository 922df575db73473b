#!/usr/bin/env bash
# Stage 3: `drongo [-p PORT] [-b ADDR] [-c N]`, one child process per
# connection, at most N of them alive (default 256); over the cap the
# client gets 503.  Children are reaped promptly.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

REQ='GET / HTTP/1.1\r\nHost: x\r\n\r\n'

# as_job CMD I: CMD on the files of concurrent client I, $T/jI.
as_job() { "$1" "$T/j$2"; }

# in_a_row N CMD...: run `CMD PREFIX` N times in turn.
in_a_row() {
    local n=$1 i; shift
    for i in $(seq 1 "$n"); do
        "$@" "$T/row" || { WHY="client $i: $WHY"; return 1; }
    done
}

# ok200 PREFIX: a GET of $U gets the fixed response, the same as the first.
ok200() { get200 "$U" "$1" "$T/first.b"; }

# refused PREFIX: a GET of $U gets a complete 503.
refused() {
    get "$U" "$1"
    v_curl "$1" && v_status "$1" "HTTP/1.1 503 Service Unavailable" && v_clen "$1"
}

# idle_no_delay: while one client sits idle, another is served at once.
idle_no_delay() {
    local base r
    known_pid || return 1
    kids "$SRV_PID"; base=$LIVE
    hold_open "$P1"
    if ! poll 10 live_atleast "$SRV_PID" $((base + 1)); then
        release "$HOLD_PID"
        WHY="the idle connection was not given a child within 10s"; return 1
    fi
    CURL_MAX=$SETTLE_MAX ok200 "$T/s"; r=$?
    release "$HOLD_PID"
    [ "$r" -eq 0 ] || { WHY="while a client idles: $WHY"; return 1; }
}

# sequential_200: 200 connections one after the other (one curl, a URL
# range), all answered, and the server still up.
sequential_200() {
    local n
    timeout 60 curl -q --noproxy '*' -s --max-time "$CURL_MAX" \
        -w '\nSTATUS=%{http_code}\n' "http://127.0.0.1:$P1/[1-200]" >"$T/many" 2>/dev/null
    n=$(grep -c '^STATUS=200$' "$T/many")
    [ "$n" -eq 200 ] || { WHY="$n of 200 answered 200"; return 1; }
    still_up
}

# start_inherited NAME ARGS...: start drongo as a launcher would that
# leaves a child behind and execs the server in its own place, so that
# the server inherits a child it never spawned.  Sets what start_server
# sets.
start_inherited() {
    local name=$1; shift
    timeout -k 3 "$SERVER_LIFE" sh -c '(sleep 0.5) & exec "$@"' sh \
        $RUN "$DRONGO" "$@" </dev/null >"$T/$name.out" 2>"$T/$name.err" &
    started "$name"
}

# childless: the server has no child at all, alive or zombie.
childless() { kids "$SRV_PID"; [ "$LIVE" -eq 0 ] && [ "$ZOMBIE" -eq 0 ]; }

# fills_cap PORT N: N more idle connections get N more children, so that
# LIVE reaches N; their holders' pids are appended to HELD.
fills_cap() {
    local i
    for i in $(seq 1 "$2"); do
        hold_open "$1"; HELD+=("$HOLD_PID")
        poll 10 live_is "$SRV_PID" "$i" ||
            { WHY="$LIVE live children after 10s, want $i"; return 1; }
    done
}

# recovered: once the cap frees up, 200 again within SETTLE_MAX.
recovered() {
    poll "$SETTLE_MAX" eval 'get "$U" "$T/back"; [ "$CODE" = 200 ]' ||
        { WHY="still $CODE ${SETTLE_MAX}s after the idle clients left"; return 1; }
    fixed200 "$T/back" "$T/first.b"
}

# --- flags -----------------------------------------------------------------

check "-h prints a usage line and exits 0" help_flag

new_port PB
bad_server_flags "$PB"
check "-c 0 is refused"               usage_error -p "$PB" -c 0
check "-c -1 is refused"              usage_error -p "$PB" -c -1
check "-c abc is refused"             usage_error -p "$PB" -c abc
check "-c '' is refused"              usage_error -p "$PB" -c ''
check "-c without a value is refused" usage_error -p "$PB" -c

# --- the default cap -------------------------------------------------------

new_port P1
U=http://127.0.0.1:$P1/
start_server main -p "$P1"
if check "server starts with -p PORT" wait_ready "$P1"; then
    check "GET gets the fixed 200 response" get200 "$U" "$T/first"
    raw "$P1" "$T/r" "$REQ"
    check "raw request: exact status line, CRLF line ends, CRLF CRLF, right Content-Length, closed" \
        raw200 "$T/r"

    check "50 concurrent clients all get the fixed 200 response" concurrently 50 as_job ok200
    check "no zombie children after the burst" zombie_free
    check "every child has exited after the burst" all_gone

    check "an idle client does not delay another (200 within ${SETTLE_MAX}s)" idle_no_delay

    # Clients that hang up early: their children may die of SIGPIPE, the
    # server may not.
    rude "$P1" 10 "$REQ"
    rude "$P1" 10 "$REQ" read1
    rude "$P1" 5 ''
    check "server survives clients that send a request and hang up" \
        eval 'still_up && ok200 "$T/a"'

    check "200 quick sequential connections all answered, server still up" sequential_200
    check "no zombie children after them" zombie_free
else
    for d in "fixed response" "50 concurrent clients" "zombies" "idle client" \
             "clients hanging up" "200 sequential connections"; do
        skip "$d" "server did not start"
    done
fi
stop_server "$SRV_TPID"

# --- the child cap ---------------------------------------------------------

new_port P2
U=http://127.0.0.1:$P2/
start_server capped -c 2 -p "$P2"
if check "server starts with -c 2" wait_ready "$P2" && check "its pid is known" known_pid; then
    get "$U" "$T/first"
    # The readiness probe's child must be gone before the cap is filled.
    poll "$SETTLE_MAX" live_is "$SRV_PID" 0
    hold_open "$P2"; H1=$HOLD_PID
    poll 10 live_is "$SRV_PID" 1
    hold_open "$P2"; H2=$HOLD_PID
    if check "two idle connections get two children" \
        eval 'poll 10 live_is "$SRV_PID" 2 || { WHY="$LIVE live children after 10s"; false; }'; then
        get "$U" "$T/busy"
        check "a third client gets HTTP/1.1 503 Service Unavailable" \
            eval 'v_curl "$T/busy" && v_status "$T/busy" "HTTP/1.1 503 Service Unavailable"'
        check "the 503 says Connection: close" eval 'v_curl "$T/busy" && v_conn "$T/busy"'
        check "the 503 has a correct Content-Length" eval 'v_curl "$T/busy" && v_clen "$T/busy"'

        # Refusing must not depend on when the request arrives.
        check "20 clients in a row over the cap each get a complete 503" in_a_row 20 refused
        check "20 concurrent clients over the cap each get a complete 503" concurrently 20 as_job refused
        check "the two idle clients still hold their children" \
            eval 'live_is "$SRV_PID" 2 || { WHY="$LIVE live children"; false; }'

        # The server writes the 503 itself: clients that hang up on it must
        # not take it down.
        rude "$P2" 10 "$REQ"
        rude "$P2" 10 "$REQ" read1
        rude "$P2" 5 ''
        check "server still refuses after over-cap clients hang up on it" \
            eval 'still_up && refused "$T/row"'
    else
        skip "503 over the cap" "the cap was not filled"
    fi
    release "$H1"; release "$H2"
    check "once the idle clients leave, 200 again within ${SETTLE_MAX}s" recovered
    check "no zombie children after that" zombie_free
else
    skip "child cap" "server did not start"
fi
stop_server "$SRV_TPID"

# --- a child the server did not spawn --------------------------------------

# sh -c '(sleep 0.5) & exec drongo ...', as init scripts, containers and
# test harnesses often start a server: drongo inherits the sleep, reaps
# it when it exits, and must not count it among its own children.
new_port P3
U=http://127.0.0.1:$P3/
start_inherited inherited -c 2 -p "$P3"
if check "server started by sh -c '(sleep 0.5) & exec drongo -c 2' starts" wait_ready "$P3" &&
   check "its pid is known" known_pid; then
    check "the inherited child is reaped within ${SETTLE_MAX}s" \
        eval 'poll "$SETTLE_MAX" childless || { WHY="$LIVE live, $ZOMBIE zombie children"; false; }'
    check "after the inherited child has exited, GET still gets the fixed 200" \
        get200 "$U" "$T/inh" "$T/first.b"
    HELD=()
    if check "two idle connections get two children" fills_cap "$P3" 2; then
        check "with the cap full, a third client gets 503" refused "$T/inh"
        release "${HELD[0]}"
        check "one idle client leaves: its slot is free again (200 within ${SETTLE_MAX}s)" recovered
        if check "a new idle connection takes that slot" \
            eval 'hold_open "$P3"; HELD+=("$HOLD_PID"); poll 10 live_is "$SRV_PID" 2 ||
                  { WHY="$LIVE live children after 10s"; false; }'; then
            check "the cap is full again: the next client gets 503" refused "$T/inh"
        fi
    fi
    for h in "${HELD[@]}"; do release "$h"; done
    check "no zombie children after that" zombie_free
else
    skip "an inherited child" "server did not start"
fi
stop_server "$SRV_TPID"

exit 0
