#!/usr/bin/env bash
# Stage 13: hostile clients.  A master process starts -P worker processes,
# each an event loop over many non-blocking connections, restarts any that
# dies, and stops them all gracefully on SIGTERM, SIGINT or SIGHUP
# (responses in flight finish within the grace, idle connections close at
# once, exit 0 only when no worker is left); signals the launcher left
# ignored are reset, but a SIGHUP ignored by nohup stays ignored.  Every
# wait has a deadline: a request head must be complete within -t seconds
# (408 if part of it came, a silent close if nothing did), a reader must
# take 1 KiB per -t seconds, and so must the body of a PUT (else 408,
# nothing stored), lingering lasts 2 s in all; a connection
# serves at most 1000 requests and lives at most -k seconds.  When every
# slot (-c, shared among the workers) is taken, the connection waiting
# longest is closed for a newcomer; when none is waiting, the newcomer
# gets 503.  The access log never blocks: lines that cannot be written at
# once (a FIFO nobody reads, a terminal stopped with Ctrl-S) are dropped
# and counted, the count logged when the log drains and written to stderr
# at the end.  Listings are streamed: a worker holds the sorted names, not
# the page, sends at most 4 at once (503 beyond), and shows control
# characters, bidirectional overrides and invalid UTF-8 as visible
# escapes.  Out of descriptors, clients are refused with 503, never left
# waiting, and the worker does not spin.  Open files are raised to what -c
# needs, core dumps are off.  The essential behaviours of stages 6 to 11
# still hold; on the native architecture the short attacks of
# tests/attack.sh run too.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

shopt -u patsub_replacement 2>/dev/null
SRC_ROOT=$(cd "${BASH_SOURCE[0]%/*}/.." && pwd)
R=$T/root
mkdir -p "$R/d" "$R/esc"
printf 'a legitimate file\n' >"$R/a.txt"
head -c 600000 /dev/zero | tr '\0' z >"$R/mid.bin"
truncate -s 100M "$R/big.bin"
touch "$R/d/x.txt"
A_LEN=$(wc -c <"$R/a.txt")
H='Host: x\r\n'
U() { printf 'http://127.0.0.1:%s%s' "$P" "$1"; }
req() { printf 'GET %s HTTP/1.1\\r\\n%s%s\\r\\n' "$1" "$H" "${2-}"; }

# elapsed START: milliseconds since START (from now_us).
elapsed() { echo $(( ($(now_us) - $1) / 1000 )); }
# between MS LOW HIGH WHAT: LOW <= MS <= HIGH, or WHY says so.
between() {
    [ "$1" -ge "$2" ] && [ "$1" -le "$3" ] && return 0
    WHY="$4 after ${1} ms, want ${2}-${3} ms"; return 1
}
# workers: the pids of the master's children, into WORKERS.
workers() {
    local f line rest state ppid
    WORKERS=()
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        rest=${line##*) }; read -r state ppid _ <<<"$rest"
        [ "$ppid" = "$SRV_PID" ] && [ "$state" != Z ] && WORKERS+=("${f//[^0-9]/}")
    done
    true
}
n_workers() { workers; [ "${#WORKERS[@]}" -eq "$1" ]; }
# open_socks PID: sockets PID holds, into SOCKS.
open_socks() { SOCKS=$(ls -l "/proc/$1/fd" 2>/dev/null | grep -c 'socket:'); }
serve_ok() { # PREFIX [URL]: a 200 with a.txt's bytes
    get "${2:-$(U /a.txt)}" "$T/$1" && v_curl "$T/$1" && v_status "$T/$1" "HTTP/1.1 200 OK" &&
        { cmp -s "$T/$1.b" "$R/a.txt" || { WHY="body $(show "$T/$1.b")"; false; }; }
}
# start NAME ARGS...: start_server, then wait_ready on $P.
start() { local n=$1; shift; start_server "$n" "$@" -p "$P" -r "$R" && wait_ready "$P"; }

check "-P 0 is refused" usage_error -P 0
check "-P 65 is refused" usage_error -P 65
check "-k 0 is refused" usage_error -k 0
check "-h lists -P and -k" eval 'run_once -h; grep -q -- "-P N" "$T/out" && grep -q -- "-k SECS" "$T/out" || { WHY="$(show "$T/out")"; false; }'

# --- the model: a master, its workers, the essentials of stages 6-11 -------------

new_port P
start main -P 2 -t 2
if check "server starts with -P 2 -t 2" still_up; then
    check "two workers, children of the master" poll 5 n_workers 2
    check "GET /a.txt: 200, the file, keep-alive" \
        eval 'serve_ok g && [ "$(header "$T/g.h" Connection)" = keep-alive ] || { WHY=${WHY:-"Connection $(header "$T/g.h" Connection)"}; false; }'
    check "GET /missing: 404, Connection: close" \
        eval 'get "$(U /missing)" "$T/m" && v_status "$T/m" "HTTP/1.1 404 Not Found" && v_conn "$T/m"'
    check "a range: 206 with Content-Range bytes 2-5/$A_LEN" \
        eval 'get "$(U /a.txt)" "$T/r" -H "Range: bytes=2-5" && v_status "$T/r" "HTTP/1.1 206 Partial Content" &&
              [ "$(header "$T/r.h" Content-Range)" = "bytes 2-5/$A_LEN" ] && [ "$(cat "$T/r.b")" = legi ] ||
              { WHY=${WHY:-"$(header "$T/r.h" Content-Range) $(show "$T/r.b")"}; false; }'
    check "two ranges: multipart/byteranges" \
        eval 'get "$(U /a.txt)" "$T/r" -H "Range: bytes=0-1,4-5" && v_status "$T/r" "HTTP/1.1 206 Partial Content" &&
              [[ $(header "$T/r.h" Content-Type) == multipart/byteranges* ]] || { WHY=${WHY:-"$(header "$T/r.h" Content-Type)"}; false; }'
    check "If-None-Match with the ETag: 304" \
        eval 'get "$(U /a.txt)" "$T/e" && get "$(U /a.txt)" "$T/e2" -H "If-None-Match: $(header "$T/e.h" ETag)" &&
              v_status "$T/e2" "HTTP/1.1 304 Not Modified"'
    check "GET /d/: a listing of x.txt" \
        eval 'get "$(U /d/)" "$T/l" && v_status "$T/l" "HTTP/1.1 200 OK" && v_clen "$T/l" &&
              grep -q "<a href=\"x.txt\">x.txt</a>" "$T/l.b" || { WHY=${WHY:-"$(show "$T/l.b")"}; false; }'
    check "GET /d: 301 to /d/" \
        eval 'get "$(U /d)" "$T/l" && v_status "$T/l" "HTTP/1.1 301 Moved Permanently"'
    check "HEAD /mid.bin: the head, no body" \
        eval 'get "$(U /mid.bin)" "$T/h" -I && v_status "$T/h" "HTTP/1.1 200 OK" &&
              [ "$(header "$T/h.h" Content-Length)" = 600000 ] || { WHY=${WHY:-"$(header "$T/h.h" Content-Length)"}; false; }'
    check "GET /../etc/passwd: refused" \
        eval 'get "$(U /../etc/passwd)" "$T/t" --path-as-is && [ "$CODE" = 400 ] || [ "$CODE" = 403 ] || [ "$CODE" = 404 ] || { WHY="status $CODE"; false; }'
    pipelined() {
        raw_once "$P" "$T/pl" "$(req /a.txt)$(req /mid.bin)$(req /a.txt 'Connection: close\r\n')"
        local n; n=$(grep -ao 'HTTP/1.1 200 OK' "$T/pl" | wc -l)
        [ "$RAW_RC" = 0 ] && [ "$n" = 3 ] && [ "$(wc -c <"$T/pl")" -gt 600000 ] && return 0
        WHY="$(raw_rc_text); $n responses, $(wc -c <"$T/pl") bytes"; return 1
    }
    check "three pipelined requests, one of 600,000 bytes: three 200s in order, then close" pipelined
    check "curl re-uses the connection for a second URL" \
        eval 'curl -sv -o /dev/null -o /dev/null "$(U /a.txt)" "$(U /mid.bin)" 2>"$T/cv" && grep -q "Re-using existing connection" "$T/cv" || { WHY="no re-use"; false; }'

    # --- deadlines ---------------------------------------------------------------
    trickle() { # one byte of a head every 0.4 s; the answer and its time
        local t0; t0=$(now_us)
        timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
            ( s="GET /a.txt HTTP/1.1\r\nHost: x\r\nX-Slow: ooooooooooooooooooooo"
              for ((i = 0; i < ${#s}; i++)); do printf "%s" "${s:i:1}" >&3 2>/dev/null || exit; sleep 0.4; done ) &
            exec cat <&3' _ "$P" >"$T/tr" 2>/dev/null
        TOOK=$(elapsed "$t0")
    }
    check "a head trickled a byte every 0.4 s: 408 Request Timeout after -t (2 s), then close" \
        eval 'trickle; complete "$T/tr" && has_status "HTTP/1.1 408 Request Timeout" && between "$TOOK" 1700 4000 "408"'
    silent() {
        local t0; t0=$(now_us)
        timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97; exec cat <&3' _ "$P" >"$T/si" 2>/dev/null
        TOOK=$(elapsed "$t0")
        [ ! -s "$T/si" ] || { WHY="it sent $(show "$T/si")"; return 1; }
        between "$TOOK" 1700 4000 "closed"
    }
    check "a connection that sends nothing is closed without a word after -t (2 s)" silent
    idle_after() {
        local t0; t0=$(now_us)
        timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97; printf "$2" >&3; exec cat <&3' _ "$P" "$(req /a.txt)" >"$T/ia" 2>/dev/null
        TOOK=$(elapsed "$t0")
        grep -aq '^HTTP/1.1 200 OK' "$T/ia" || { WHY="no 200: $(show "$T/ia")"; return 1; }
        between "$TOOK" 1700 4000 "closed"
    }
    check "an idle keep-alive connection is closed -t (2 s) after its response" idle_after
    linger() { # after a close response, a byte every 0.5 s: the server gives up within ~2 s
        local t0; t0=$(now_us)
        timeout 15 bash -c 'trap "" PIPE; exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
            printf "$2" >&3; cat <&3 >/dev/null
            for ((i = 0; i < 20; i++)); do printf x >&3 2>/dev/null || exit 0; sleep 0.5; done; exit 1' \
            _ "$P" "$(req /a.txt 'Connection: close\r\n')" 2>/dev/null
        LRC=$? TOOK=$(elapsed "$t0")
        [ "$LRC" = 0 ] || { WHY="still reading after 10 s of trickling (status $LRC)"; return 1; }
        between "$TOOK" 1500 5000 "the server closed"
    }
    check "lingering is bounded: a byte every 0.5 s after a close response, closed within 2 s" linger
    cap1000() {
        local s='' i
        for ((i = 0; i < 1001; i++)); do s+="GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n"; done
        raw_once "$P" "$T/k" "$s"
        local n c; n=$(grep -ac '^HTTP/1.1 200 OK' "$T/k"); c=$(grep -ac '^Connection: close' "$T/k")
        [ "$RAW_RC" = 0 ] && [ "$n" = 1000 ] && [ "$c" = 1 ] &&
            tail -c 200 "$T/k" | grep -aq "^Connection: close" && return 0
        WHY="$(raw_rc_text); $n responses, $c with Connection: close"; return 1
    }
    check "1001 requests pipelined: 1000 answered, the last with Connection: close" cap1000
    slow_reader() {
        workers; local w
        timeout 20 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "$2" >&3; exec sleep 12' \
            _ "$P" "$(req /big.bin)" 2>/dev/null &
        local h=$!
        sleep 0.5
        for w in "${WORKERS[@]}"; do open_socks "$w"; echo "$w $SOCKS"; done >"$T/sr0"
        poll 8 eval 'for w in "${WORKERS[@]}"; do open_socks "$w"; echo "$w $SOCKS"; done >"$T/sr1"; ! cmp -s "$T/sr0" "$T/sr1"'
        local ok=$?
        kill "$h" 2>/dev/null; wait "$h" 2>/dev/null
        [ "$ok" = 0 ] && return 0
        WHY="a worker still holds the socket after 8 s: $(tr '\n' ' ' <"$T/sr1")"; return 1
    }
    check "a client that stops reading a 100 MB file is cut off within two windows of -t" slow_reader
    check "the server still serves" serve_ok g2
fi
stop_server "$SRV_TPID"

# --- bodies: chapter 12's uploads, read as they come ------------------------------

mkdir -p "$R/up"
printf 'the old file\n' >"$R/up/old.txt"
new_port P
start up -P 1 -t 2 -w -q
if check "server starts with -w -t 2" still_up; then
    head -c 300000 /dev/urandom >"$T/body"
    check "PUT of 300,000 bytes (curl sends Expect: 100-continue): 201, stored whole" \
        eval 'get "$(U /up/new.bin)" "$T/p1" -T "$T/body" && [ "$CODE" = 201 ] &&
              cmp -s "$T/body" "$R/up/new.bin" || { WHY=${WHY:-"stored file differs"}; false; }'
    check "PUT in chunks: 204 for the replaced file, stored whole" \
        eval 'get "$(U /up/new.bin)" "$T/p2" -T "$T/body" -H "Transfer-Encoding: chunked" &&
              [ "$CODE" = 204 ] && cmp -s "$T/body" "$R/up/new.bin" ||
              { WHY=${WHY:-"stored file differs"}; false; }'
    check "a PUT and a GET pipelined on one connection: 201, then the file" \
        eval 'raw_once "$P" "$T/p3" "PUT /up/pipe.txt HTTP/1.1\r\n${H}Content-Length: 4\r\n\r\nabcdGET /up/pipe.txt HTTP/1.1\r\n${H}Connection: close\r\n\r\n" &&
              [ "$(grep -ac "^HTTP/1.1 20[01]" "$T/p3")" = 2 ] && tail -c 4 "$T/p3" | grep -q abcd ||
              { WHY="$(raw_rc_text); $(show "$T/p3")"; false; }'
    slow_body() { # 10 bytes a second of a 100,000-byte body: 408 within two windows, nothing stored
        local t0; t0=$(now_us)
        timeout 15 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
            printf "PUT /up/old.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" >&3
            ( for i in $(seq 1 20); do printf "0123456789" >&3 2>/dev/null || exit; sleep 1; done ) &
            exec cat <&3' _ "$P" >"$T/sb" 2>/dev/null
        TOOK=$(elapsed "$t0")
        complete "$T/sb" && has_status "HTTP/1.1 408 Request Timeout" && between "$TOOK" 1700 5000 "408" || return 1
        [ "$(cat "$R/up/old.txt")" = "the old file" ] || { WHY="old.txt is now $(show "$R/up/old.txt")"; return 1; }
    }
    check "a body sent at 10 bytes a second: 408 within -t (2 s), nothing stored, the old file whole" slow_body
    mid_body() {
        timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
            printf "PUT /up/old.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n%0500d" 0 >&3; sleep 0.5' _ "$P" 2>/dev/null
        sleep 0.3
        [ "$(cat "$R/up/old.txt")" = "the old file" ] || { WHY="old.txt is now $(show "$R/up/old.txt")"; return 1; }
        [ "$(ls "$R/up" | tr '\n' ' ')" = "new.bin old.txt pipe.txt " ] || { WHY="up/ holds $(ls -A "$R/up" | tr '\n' ' ')"; return 1; }
    }
    check "a client that leaves mid-body: the old file whole and alone" mid_body
    check "the server still serves" serve_ok u1
fi
stop_server "$SRV_TPID"

# --- the life of a connection: -k ---------------------------------------------------

new_port P
start life -P 1 -k 2 -q
if check "server starts with -k 2" still_up; then
    check "requests every 0.6 s on one connection: after 2 s one says Connection: close, and curl connects again" \
        eval 'curl -sv --rate 100/m $(printf -- "-o /dev/null %.0s" 1 2 3 4 5 6 7) \
                 $(for i in 1 2 3 4 5 6 7; do U /a.txt; echo; done) 2>"$T/kv";
              n=$(grep -c "Connected to" "$T/kv"); c=$(grep -ci "^< Connection: close" "$T/kv");
              [ "$n" -ge 2 ] && [ "$c" -ge 1 ] || { WHY="$n connections, $c closes"; false; }'
fi
stop_server "$SRV_TPID"

# --- a full table --------------------------------------------------------------------

new_port P
start full -P 1 -c 3 -t 30 -q
if check "server starts with -P 1 -c 3" still_up; then
    hold() { # FILE: a connection that sends nothing; FILE gets "closed" when the server closes it
        timeout 25 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit; read -r -t 20 -u 3 x; echo closed >"$2"' \
            _ "$P" "$1" 2>/dev/null &
        HOLDS+=($!)
    }
    HOLDS=()
    hold "$T/h1"; sleep 0.3; hold "$T/h2"; sleep 0.3; hold "$T/h3"; sleep 0.5
    check "three idle connections fill -c 3; a fourth client is served" serve_ok f1
    check "  and the oldest idle connection was closed for it" \
        eval 'poll 3 test -e "$T/h1" && [ ! -e "$T/h3" ] || { WHY="$(ls "$T" | grep -c "^h[123]$") closed"; false; }'
    for h in "${HOLDS[@]}"; do kill "$h" 2>/dev/null; wait "$h" 2>/dev/null; done
    HOLDS=()
    for i in 1 2 3; do
        timeout 25 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "$2" >&3; exec sleep 20' \
            _ "$P" "$(req /big.bin)" 2>/dev/null &
        HOLDS+=($!)
    done
    sleep 1
    check "three clients each in the middle of a 100 MB response: a fourth gets 503 with Retry-After" \
        eval 'get "$(U /a.txt)" "$T/f2" && v_status "$T/f2" "HTTP/1.1 503 Service Unavailable" &&
              [ "$(header "$T/f2.h" Retry-After)" = 1 ] || { WHY=${WHY:-"Retry-After $(header "$T/f2.h" Retry-After)"}; false; }'
    for h in "${HOLDS[@]}"; do kill "$h" 2>/dev/null; wait "$h" 2>/dev/null; done
    check "  and once they are gone, it is served" poll 5 serve_ok f3
fi
stop_server "$SRV_TPID"

# --- the log ---------------------------------------------------------------------------

many() { # N: N pipelined requests for a.txt on one connection, the last closing
    local s='' i
    for ((i = 1; i < $1; i++)); do s+="GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n"; done
    raw_once "$P" "$T/many" "${s}GET /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    local n; n=$(grep -ac '^HTTP/1.1 200 OK' "$T/many")
    [ "$RAW_RC" = 0 ] && [ "$n" = "$1" ] && return 0
    WHY="$(raw_rc_text); $n of $1 answered"; return 1
}
mkfifo "$T/fifo"
timeout 60 bash -c 'exec 3<"$1"; exec sleep 50' _ "$T/fifo" &
STALL=$!
new_port P
timeout -k 3 "$SERVER_LIFE" $RUN "$DRONGO" -P 1 -p "$P" -r "$R" </dev/null >"$T/fifo" 2>"$T/fifo.err" &
started fifo
if check "server starts with its log to a FIFO nobody reads" wait_ready "$P"; then
    check "1800 requests, far more lines than the FIFO holds: every one answered" eval 'many 900 && many 900'
    check "  and the server still serves" serve_ok l1
    cat "$T/fifo" >"$T/drained" &
    DRAIN=$!
    kill "$STALL" 2>/dev/null; wait "$STALL" 2>/dev/null
    sleep 0.3
    check "once the FIFO is read again, the next request's line follows a count of the lines dropped" \
        eval 'serve_ok l2 && poll 5 grep -q "^drongo: [0-9]* access log lines dropped$" "$T/drained" &&
              n=$(sed -n "s/^drongo: \([0-9]*\) access.*/\1/p" "$T/drained") && [ "$n" -ge 500 ] &&
              poll 3 eval "tail -n 1 \"\$T/drained\" | grep -q \"GET /a.txt HTTP/1.1\\\" 200\"" ||
              { WHY="drained: $(head -c 200 "$T/drained" | tail -c 120 | tr "\n" "|")"; false; }'
    check "SIGTERM: exit 0, the total dropped on stderr" \
        eval 'kill -TERM "$SRV_PID"; wait "$SRV_TPID"; rc=$?; [ "$rc" = 0 ] &&
              grep -q "^drongo: [0-9]* access log lines dropped in all$" "$T/fifo.err" ||
              { WHY="status $rc, stderr $(show "$T/fifo.err")"; false; }'
fi
kill "$DRAIN" "$STALL" 2>/dev/null; wait "$DRAIN" "$STALL" 2>/dev/null

if command -v tmux >/dev/null; then
    new_port P
    TM=drongo-test-$$-$P
    tmux new-session -d -s "$TM" -x 200 -y 40 \
        "exec timeout -k 3 $SERVER_LIFE $RUN $DRONGO -P 1 -p $P -r $R 2>$T/tty.err" 2>/dev/null
    if check "server starts in a tmux terminal" poll 15 curl -s -o /dev/null "$(U /a.txt)"; then
        tmux send-keys -t "$TM" C-s
        sleep 0.3
        check "the terminal stopped with Ctrl-S: 2700 requests all answered" eval 'many 900 && many 900 && many 900'
        tmux send-keys -t "$TM" C-q
        sleep 0.5
        serve_ok tt >/dev/null
        on_screen() { tmux capture-pane -p -t "$TM" | grep -q "^drongo: [0-9]* access log lines dropped"; }
        check "  Ctrl-Q: the next line shows, after the count of those dropped" \
            eval 'poll 5 on_screen || { WHY="screen: $(tmux capture-pane -p -t "$TM" | grep -v "^$" | tail -n 3 | tr "\n" "|")"; false; }'
    else
        skip "a terminal stopped with Ctrl-S" "the server did not start in tmux"
    fi
    tmux kill-session -t "$TM" 2>/dev/null
else
    skip "a terminal stopped with Ctrl-S" "no tmux (make deps-test)"
fi

# --- stopping -----------------------------------------------------------------------------

no_process_left() { # the pids in LEFT are all gone
    local p
    for p in "${LEFT[@]}"; do [ -d "/proc/$p" ] && { WHY="pid $p still there"; return 1; }; done
    true
}
new_port P
start stop -P 2 -q
if check "server starts with -P 2" still_up; then
    workers; LEFT=("$SRV_PID" "${WORKERS[@]}")
    timeout 20 curl -s --limit-rate 250k -o "$T/dl" "$(U /mid.bin)" &
    DL=$!
    timeout 20 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "$2" >&3; t=$EPOCHREALTIME; cat <&3 >/dev/null; echo "$t $EPOCHREALTIME" >"$3"' \
        _ "$P" "$(req /a.txt)" "$T/idle.t" &
    IDLE=$!
    sleep 0.7
    T0=$(now_us)
    kill -TERM "$SRV_PID"
    check "SIGTERM during a download: the idle keep-alive connection is closed at once" \
        eval 'wait "$IDLE"; [ -s "$T/idle.t" ] && between "$(elapsed "$T0")" 0 1500 "closed"'
    check "  the download (600,000 bytes at 250 kB/s) finishes whole" \
        eval 'wait "$DL"; r=$?; [ "$r" = 0 ] && [ "$(wc -c <"$T/dl")" = 600000 ] || { WHY="curl $r, $(wc -c <"$T/dl") bytes"; false; }'
    check "  new clients are no longer served" \
        eval '! curl -s -m 2 -o /dev/null "$(U /a.txt)" || { WHY="served"; false; }'
    check "  drongo exits 0 once it is done, within the grace" \
        eval 'wait "$SRV_TPID"; rc=$?; [ "$rc" = 0 ] && between "$(elapsed "$T0")" 0 9000 "exit" || { WHY=${WHY:-"status $rc"}; false; }'
    check "  no process is left" no_process_left
fi

stop_with() { # SIGNAL [LAUNCHER...]: start, signal, expect exit 0 and nothing left
    local sig=$1; shift
    new_port P
    timeout -k 3 "$SERVER_LIFE" "$@" $RUN "$DRONGO" -P 2 -q -p "$P" -r "$R" </dev/null >/dev/null 2>"$T/sw.err" &
    started sw
    wait_ready "$P" || return 1
    poll 5 n_workers 2 || { WHY="workers: ${WORKERS[*]}"; return 1; }
    LEFT=("$SRV_PID" "${WORKERS[@]}")
    kill "-$sig" "$SRV_PID"
    local end=$(( $(now_us) + 12000000 ))
    while running "$SRV_TPID" && [ "$(now_us)" -lt "$end" ]; do sleep 0.05; done
    running "$SRV_TPID" && { WHY="still running 12 s after SIG$sig"; return 1; }
    wait "$SRV_TPID"; local rc=$?
    [ "$rc" = 0 ] || { WHY="exit status $rc"; return 1; }
    poll 3 no_process_left
}
check "SIGINT: a graceful stop, exit 0, no process left" stop_with INT
check "SIGHUP: a graceful stop, exit 0, no process left" stop_with HUP
check "started with SIGINT ignored (a shell's background job): SIGINT still stops it, exit 0" \
    stop_with INT bash -c 'trap "" INT QUIT; exec "$@"' _
nohup_hup() {
    new_port P
    timeout -k 3 "$SERVER_LIFE" nohup $RUN "$DRONGO" -P 1 -q -p "$P" -r "$R" </dev/null >/dev/null 2>"$T/nh.err" &
    started nh
    wait_ready "$P" || return 1
    kill -HUP "$SRV_PID"; sleep 0.5
    still_up && serve_ok nh || return 1
    kill -TERM "$SRV_PID"; wait "$SRV_TPID"
}
check "under nohup, SIGHUP is ignored: still serving; SIGTERM then stops it" nohup_hup

# --- a worker that dies ----------------------------------------------------------------------

new_port P
start crash -P 2 -q
if check "server starts with -P 2" still_up; then
    poll 5 n_workers 2
    OLD=("${WORKERS[@]}")
    kill -KILL "${OLD[0]}"
    replaced() { n_workers 2 && [[ " ${WORKERS[*]} " != *" ${OLD[0]} "* ]]; }
    check "a worker killed with SIGKILL is replaced" poll 5 replaced
    check "  the master says so on stderr" \
        eval 'grep -q "^drongo: worker ${OLD[0]} was killed by signal 9; starting another$" "$T/crash.err" || { WHY="$(show "$T/crash.err")"; false; }'
    check "  and the next request is served" serve_ok c1
    check "the master killed with SIGKILL: its workers do not outlive it" \
        eval 'workers; LEFT=("${WORKERS[@]}"); kill -KILL "$SRV_PID"; poll 5 no_process_left'
fi
stop_server "$SRV_TPID"

# --- listings -------------------------------------------------------------------------------

E=$R/esc
: >"$E/a$(printf '\001')b.txt"
: >"$E/$(printf '\342\200\256')evil.txt"
: >"$E/bad$(printf '\377\376').txt"
: >"$E/tab$(printf '\t')x.txt"
: >"$E/plain é.txt"
mkdir -p "$R/wide"
LONGN=$(printf '"%.0s' $(seq 1 240))
( cd "$R/wide" && seq -w 1 3000 | sed "s/^/$LONGN/" | xargs -d '\n' touch ) 2>/dev/null
WIDE=$(find "$R/wide" -type f | wc -l)
new_port P
start list -P 1 -q
if check "server starts with -P 1" still_up; then
    check "GET /esc/: 200, a listing" eval 'get "$(U /esc/)" "$T/esc" && v_status "$T/esc" "HTTP/1.1 200 OK" && v_clen "$T/esc"'
    esc_shown() {
        local want
        for want in 'a<mark>\x01</mark>b.txt' '<mark>U+202E</mark>evil.txt' 'bad<mark>\xFF</mark><mark>\xFE</mark>.txt' \
                    'tab<mark>\x09</mark>x.txt' 'plain é.txt' 'href="a%01b.txt"' 'href="%E2%80%AEevil.txt"'; do
            grep -qF -- "$want" "$T/esc.b" || { WHY="no $(printf '%q' "$want") in the page"; return 1; }
        done
        if LC_ALL=C grep -qaP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xe2\x80\xae|[\xfe\xff]' "$T/esc.b"; then
            WHY="a raw control, U+202E or invalid byte in the page"; return 1
        fi
    }
    check "  control characters, U+202E and invalid UTF-8 are shown escaped (\\x01, U+202E, \\xFF) in <mark>, never raw; links percent-encoded" esc_shown
    check "  an escaped name's link gives its file" \
        eval 'get "$(U /esc/a%01b.txt)" "$T/e1" && v_status "$T/e1" "HTTP/1.1 200 OK"'
    if [ "$WIDE" = 3000 ]; then
        workers; W=${WORKERS[0]}
        hwm() { sed -n 's/^VmHWM: *\([0-9]*\) kB/\1/p' "/proc/$W/status"; }
        before=$(hwm)
        check "GET /wide/ (3,000 names of 244 bytes, every byte escaped): a page of over 6 MB, exact length" \
            eval 'CURL_MAX=60 get "$(U /wide/)" "$T/wide" && v_status "$T/wide" "HTTP/1.1 200 OK" && v_clen "$T/wide" &&
                  [ "$(wc -c <"$T/wide.b")" -gt 6000000 ] && [ "$(grep -c "<tr><td><a href=" "$T/wide.b")" = 3001 ] ||
                  { WHY=${WHY:-"$(wc -c <"$T/wide.b") bytes"}; false; }'
        after=$(hwm)
        check "  the worker's peak memory grew by less than 3 MB: the page was never held whole" \
            eval '[ $((after - before)) -lt 3072 ] || { WHY="VmHWM $before kB -> $after kB"; false; }'
        rm -f "$T/wide.b"
        LR=()
        for i in 1 2 3 4; do
            timeout 25 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "$2" >&3; exec sleep 20' \
                _ "$P" "$(req /wide/)" 2>/dev/null &
            LR+=($!)
        done
        sleep 2
        check "four listings being sent to clients that do not read: a fifth is 503 with Retry-After" \
            eval 'get "$(U /d/)" "$T/l5" && v_status "$T/l5" "HTTP/1.1 503 Service Unavailable" &&
                  [ "$(header "$T/l5.h" Retry-After)" = 1 ]'
        check "  files are still served meanwhile" serve_ok l6
        for h in "${LR[@]}"; do kill "$h" 2>/dev/null; wait "$h" 2>/dev/null; done
        check "  once those clients are gone, listings are served again" \
            poll 5 eval 'get "$(U /d/)" "$T/l7" && v_status "$T/l7" "HTTP/1.1 200 OK"'
    else
        skip "a listing of 3,000 long names" "could not create them ($WIDE)"
    fi
    CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
    if [ -x "$CHROMIUM" ]; then
        timeout 40 "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$T/chrome" \
            --dump-dom "$(U /esc/)" >"$T/dom.html" 2>/dev/null
        dom_ok() {
            grep -q '</html>' "$T/dom.html" || { WHY="no DOM: $(show "$T/dom.html")"; return 1; }
            local want
            for want in 'a<mark>\x01</mark>b.txt</a>' '<mark>U+202E</mark>evil.txt</a>' \
                        'bad<mark>\xFF</mark><mark>\xFE</mark>.txt</a>'; do
                grep -qF -- "$want" "$T/dom.html" || { WHY="DOM lacks $(printf '%q' "$want")"; return 1; }
            done
            ! grep -q $'\xe2\x80\xae' "$T/dom.html" || { WHY="a raw U+202E in the DOM"; return 1; }
        }
        check "chromium: the escapes are text in <mark> elements, no raw U+202E in the DOM" dom_ok
    else
        skip "chromium: the escapes as the browser shows them" "no $CHROMIUM"
    fi
fi
stop_server "$SRV_TPID"
rm -rf "$R/wide"

# --- resources --------------------------------------------------------------------------------

limits_of() { # FIELD: the soft and hard limits of the last server, from /proc
    grep "^$1" "/proc/$SRV_PID/limits" | awk '{print $(NF-2), $(NF-1)}'
}
if command -v prlimit >/dev/null; then
    new_port P
    timeout -k 3 "$SERVER_LIFE" prlimit --nofile=256:8192 --core=unlimited $RUN "$DRONGO" -c 2000 -P 1 -q -p "$P" -r "$R" \
        </dev/null >/dev/null 2>"$T/rl.err" &
    started rl
    if check "started with open files 256 (hard 8192) and -c 2000" wait_ready "$P"; then
        check "  open files raised to 2 per connection and 32: 4032" \
            eval '[ "$(limits_of "Max open files")" = "4032 8192" ] || { WHY="$(limits_of "Max open files")"; false; }'
        check "  core dumps off, soft and hard" \
            eval '[ "$(limits_of "Max core file size")" = "0 0" ] || { WHY="$(limits_of "Max core file size")"; false; }'
    fi
    stop_server "$SRV_TPID"
    new_port P
    timeout -k 3 "$SERVER_LIFE" prlimit --nofile=256:512 $RUN "$DRONGO" -c 2000 -P 1 -q -p "$P" -r "$R" \
        </dev/null >/dev/null 2>"$T/rl.err" &
    started rl
    if check "started with a hard limit of 512 open files and -c 2000" wait_ready "$P"; then
        check "  says it serves at most 240 connections" \
            eval 'grep -q "^drongo: the open file limit is 512; serving at most 240 connections at once$" "$T/rl.err" || { WHY="$(show "$T/rl.err")"; false; }'
    fi
    stop_server "$SRV_TPID"

    new_port P
    start fds -P 1 -c 100 -q
    if check "server starts with -c 100" still_up; then
        workers; W=${WORKERS[0]}
        HOLDS=()
        for i in 1 2 3 4 5 6; do hold_open "$P"; HOLDS+=("$HOLD_PID"); done
        sleep 0.5
        NFD=0
        while [ -e "/proc/$W/fd/$NFD" ]; do NFD=$((NFD + 1)); done
        prlimit --pid "$W" --nofile=$NFD:
        ticks() { awk '{print $14 + $15}' "/proc/$W/stat"; }
        t0=$(ticks)
        fd_refused() {
            local i code bad=''
            for i in 1 2 3 4 5 6; do
                code=$(curl -s -m 3 -o /dev/null -w '%{http_code}' "$(U /a.txt)")
                [ "$code" = 503 ] || [ "$code" = 200 ] || bad+=" $code"
            done
            [ -z "$bad" ] && return 0
            WHY="answers:$bad (000: no answer in 3 s)"; return 1
        }
        check "out of descriptors: six clients each get 503 (or 200), none is left waiting" fd_refused
        sleep 1
        check "  the worker did not spin: under 0.5 s of processor time" \
            eval '[ $(( $(ticks) - t0 )) -lt 50 ] || { WHY="$(( $(ticks) - t0 )) ticks"; false; }'
        check "  the message comes at most once a second" \
            eval 'n=$(grep -c "out of descriptors" "$T/fds.err"); [ "$n" -ge 1 ] && [ "$n" -le 4 ] || { WHY="$n messages"; false; }'
        prlimit --pid "$W" --nofile=1024:
        for h in "${HOLDS[@]}"; do release "$h"; done
        check "  with descriptors again, clients are served" poll 5 serve_ok fd1
    fi
    stop_server "$SRV_TPID"
else
    skip "resource limits" "no prlimit (util-linux)"
fi

# --- the attacks, short, on the native build only -------------------------------------------

if [ -z "$RUN" ] && [ -x "$(command -v slowhttptest)" ] && [ -x "$(command -v python3)" ]; then
    ATTACK_DRONGO=$DRONGO ATTACK_PORT_BASE=$((PORT_BASE + 80)) timeout -k 5 300 \
        bash "$SRC_ROOT/tests/attack.sh" --short 2>&1 | grep -E '^(ok|not ok|skip) - '
elif [ -z "$RUN" ]; then
    skip "the short attacks of tests/attack.sh" "no slowhttptest or python3 (make deps-test)"
fi

traversal_suite

exit 0
