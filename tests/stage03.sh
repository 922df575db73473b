#!/usr/bin/env bash
# Stage 3: `drongo [-p PORT] [-b ADDR] [-c N]`, one child process per
# connection, at most N of them alive (default 256); over the cap the
# client gets 503.  Children are reaped promptly.
. "${BASH_SOURCE[0]%/*}/lib.sh"

REQ='GET / HTTP/1.1\r\nHost: x\r\n\r\n'

check "-h prints a usage line and exits 0" help_flag

new_port PB
bad_server_flags "$PB"
check "-c 0 is refused"               usage_error -p "$PB" -c 0
check "-c -1 is refused"              usage_error -p "$PB" -c -1
check "-c abc is refused"             usage_error -p "$PB" -c abc
check "-c '' is refused"              usage_error -p "$PB" -c ''
check "-c without a value is refused" usage_error -p "$PB" -c

# zombie_free: no child of the server is a zombie, polling up to 5 s.
zombie_free() {
    poll 5 no_zombies "$SRV_PID" && return 0
    WHY="$ZOMBIE zombie children still there after 5s"; return 1
}
# all_gone: every child of the server has exited, polling up to 5 s.
all_gone() {
    poll 5 live_is "$SRV_PID" 0 && return 0
    WHY="$LIVE children still alive after 5s"; return 1
}
# known_pid: the server's pid was found, so /proc can be read.
known_pid() { [ -n "$SRV_PID" ] || { WHY="server pid not found"; return 1; }; }

# --- the default server --------------------------------------------------

new_port P1
U=http://127.0.0.1:$P1/
start_server main -p "$P1"
if check "server starts with -p $P1" wait_ready "$P1"; then
    check "GET gets the fixed 200 response" get200 "$U" "$T/g"
    raw "$P1" "$T/r" "$REQ"
    check "raw request: exact status line, CRLF line ends, CRLF CRLF, right Content-Length, closed" \
        raw200 "$T/r"

    # 50 clients at once, each in its own background job.
    burst() {
        local i n=0 first=
        local pids=()
        for i in $(seq 1 50); do
            ( get "$U" "$T/k$i"; echo "$CURL_RC" >"$T/k$i.rc" ) &
            pids+=($!)
        done
        wait "${pids[@]}"
        for i in $(seq 1 50); do
            CURL_RC=$(cat "$T/k$i.rc" 2>/dev/null || echo 99)
            if ! fixed200 "$T/k$i" "$T/g.b"; then
                n=$((n + 1)); [ -n "$first" ] || first="client $i: $WHY"
            fi
        done
        [ "$n" -eq 0 ] && return 0
        WHY="$n of 50 failed; $first"; return 1
    }
    check "50 concurrent clients all get the fixed 200 response" burst
    check "no zombie children after the burst" eval 'known_pid && zombie_free'
    check "every child has exited after the burst" eval 'known_pid && all_gone'

    # A client that connects and sends nothing ties up only its own child.
    slow() {
        known_pid || return 1
        kids "$SRV_PID"; local base=$LIVE
        hold_open "$P1"
        if ! poll 10 live_atleast "$SRV_PID" $((base + 1)); then
            release "$HOLD_PID"
            WHY="the idle connection was not given a child within 10s"; return 1
        fi
        CURL_MAX=5 get200 "$U" "$T/s" "$T/g.b"; local r=$?
        release "$HOLD_PID"
        [ "$r" -eq 0 ] || { WHY="while a client idles: $WHY"; return 1; }
    }
    check "an idle client does not delay another (200 within 5s)" slow

    # Clients that hang up early: their children may die of SIGPIPE, the
    # server may not.
    rude "$P1" 10 "$REQ"
    rude "$P1" 10 "$REQ" read1
    rude "$P1" 5 ''
    check "server survives clients that send a request and hang up" \
        eval 'still_up && get200 "$U" "$T/a" "$T/g.b"'

    many() {
        local n
        timeout 90 curl -q --noproxy '*' -s --max-time "$CURL_MAX" \
            -w '\nSTATUS=%{http_code}\n' "http://127.0.0.1:$P1/[1-200]" >"$T/many" 2>/dev/null
        n=$(grep -c '^STATUS=200$' "$T/many")
        [ "$n" -eq 200 ] || { WHY="$n of 200 answered 200"; return 1; }
        still_up
    }
    check "200 quick sequential connections all answered, server still up" many
    check "no zombie children after them" eval 'known_pid && zombie_free'
else
    for d in "fixed response" "50 concurrent clients" "zombies" "idle client" \
             "clients hanging up" "200 sequential connections"; do
        skip "$d" "server did not start"
    done
fi
stop_server "$SRV_TPID"

# --- the child cap -------------------------------------------------------

new_port P2
U=http://127.0.0.1:$P2/
start_server capped -c 2 -p "$P2"
if check "server starts with -c 2" wait_ready "$P2" && check "its pid is known" known_pid; then
    get "$U" "$T/g2"   # reference body
    # The readiness probe's child must be gone before the cap is filled.
    poll 5 live_is "$SRV_PID" 0
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
        refused() { # URL PREFIX
            get "$1" "$2"
            v_curl "$2" && v_status "$2" "HTTP/1.1 503 Service Unavailable" && v_clen "$2"
        }
        in_a_row() {
            local i
            for i in $(seq 1 20); do
                refused "$U" "$T/row" || { WHY="client $i: $WHY"; return 1; }
            done
        }
        check "20 clients in a row over the cap each get a complete 503" in_a_row
        at_once() {
            local i pids=() n=0 first=
            for i in $(seq 1 20); do
                ( refused "$U" "$T/c$i" || echo "$WHY" >"$T/c$i.why" ) &
                pids+=($!)
            done
            wait "${pids[@]}"
            for i in $(seq 1 20); do
                [ -e "$T/c$i.why" ] || continue
                n=$((n + 1)); [ -n "$first" ] || first="client $i: $(cat "$T/c$i.why")"
            done
            [ "$n" -eq 0 ] && return 0
            WHY="$n of 20 failed; $first"; return 1
        }
        check "20 concurrent clients over the cap each get a complete 503" at_once
        check "the two idle clients still hold their children" eval 'live_is "$SRV_PID" 2 || { WHY="$LIVE live children"; false; }'
        check "server still up after refusing" still_up
    else
        skip "503 over the cap" "the cap was not filled"
    fi
    release "$H1"; release "$H2"
    recovered() {
        poll 5 eval 'get "$U" "$T/back"; [ "$CODE" = 200 ]' ||
            { WHY="still $CODE 5s after the idle clients left"; return 1; }
        fixed200 "$T/back" "$T/g2.b"
    }
    check "once the idle clients leave, 200 again within 5s" recovered
    check "no zombie children after that" zombie_free
else
    skip "child cap" "server did not start"
fi
stop_server "$SRV_TPID"

exit 0
