#!/usr/bin/env bash
# Stage 16: performance.  A persistent connection never waits for the
# client's delayed acknowledgement (Nagle's algorithm is off for every
# accepted socket, and a small file's response leaves in one writev):
# twenty requests on one connection, for a small file and for one sent
# by sendfile, may not stall, which the machine's speed cannot fake
# (a stall is 40 ms; a correct server takes well under a millisecond,
# under emulation a few).  Small files are kept in memory and checked on
# every use: a file rewritten in place, replaced by a rename, removed,
# or replaced by a link is answered as the disk says, its ETag with it;
# ranges, HEAD and 304 answer from the kept bytes.  On the native
# architecture strace shows what a request costs: at most 6 system
# calls on a persistent connection for a small file, no read that finds
# nothing after an answer to a client that waits, a body that
# leaves with its head in one writev, a larger one corked while sendfile
# sends it (TCP_CORK is the one setsockopt the filter lets through), no
# clock_gettime where the kernel
# maps a vDSO, and TCP_NODELAY set on the listener.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

R=$T/root
mkdir -p "$R/d" "$T/outside"
STALL_MS=35          # a request slower than this stalled: the stall is
                     # 40 ms (Linux's shortest delayed acknowledgement)
STALLS_MAX=3         # of 20; a server with the stall has 10 or more
SETTLE_S=3           # a file changed this long ago may be kept (2 s)
printf 'kept, version one\n' >"$R/k.txt"
printf 'kept too\n' >"$R/d/k.txt"
printf 'a secret, outside\n' >"$T/outside/k.txt"
printf 'to be removed\n' >"$R/gone.txt"
printf 'to be a link\n' >"$R/link.txt"
head -c 1024 /dev/zero | tr '\0' s >"$R/small.html"
head -c 20000 /dev/zero | tr '\0' m >"$R/mid.html"
t_made=$(date +%s)
U() { printf 'http://127.0.0.1:%s%s' "$P" "$1"; }
start() { local n=$1; shift; start_server "$n" "$@" -p "$P" -r "$R" && wait_ready "$P"; }

# stalls PATH: twenty GETs of PATH on one connection (curl reuses it);
# fails if more than STALLS_MAX took STALL_MS or longer, or if curl
# opened more than one connection.
stalls() {
    local args=() i times slow conns
    for ((i = 0; i < 20; i++)); do args+=(-o /dev/null "$(U "$1")"); done
    times=$(curl -q --noproxy '*' -s --max-time 30 \
        -w '%{time_total} %{num_connects}\n' "${args[@]}") ||
        { WHY="curl failed"; return 1; }
    slow=$(awk -v ms="$STALL_MS" '$1 * 1000 >= ms { n++ } END { print n + 0 }' <<<"$times")
    conns=$(awk '{ n += $2 } END { print n + 0 }' <<<"$times")
    [ "$slow" -le "$STALLS_MAX" ] && [ "$conns" = 1 ] && return 0
    WHY="$slow of 20 took ${STALL_MS} ms or more, $conns connection(s); total $(awk '{ s += $1 } END { printf "%.0f ms", s * 1000 }' <<<"$times")"
    return 1
}

# body_is_now PATH TEXT: GET PATH answers 200 with TEXT (and a newline).
body_is_now() {
    get "$(U "$1")" "$T/b" && v_status "$T/b" "HTTP/1.1 200 OK" || return 1
    [ "$(cat "$T/b.b")" = "$2" ] && return 0
    WHY="body $(show "$T/b.b")"; return 1
}
status_is() {   # status_is PATH CODE
    get "$(U "$1")" "$T/s" --path-as-is && [ "$CODE" = "$2" ] && return 0
    WHY="status $CODE"; return 1
}
# settled: every file made above is old enough to be kept.
settled() { [ $(($(date +%s) - t_made)) -ge "$SETTLE_S" ]; }

new_port P
start main -P 1 -q
if check "server starts with -P 1 -q" still_up; then
    check "20 requests on one connection for 1 KiB: no 40 ms stall" stalls /small.html
    check "20 requests on one connection for 20 KB (sendfile): no stall" stalls /mid.html
    poll $((SETTLE_S + 2)) settled
    check "GET /k.txt twice: the file (kept now)" \
        eval 'body_is_now /k.txt "kept, version one" && body_is_now /k.txt "kept, version one" && get "$(U /k.txt)" "$T/e1"'
    check "kept: 20 requests on one connection still without a stall" stalls /small.html
    check "kept: a range of the bytes in memory" \
        eval 'get "$(U /k.txt)" "$T/r" -H "Range: bytes=0-3" && v_status "$T/r" "HTTP/1.1 206 Partial Content" &&
              [ "$(cat "$T/r.b")" = kept ] || { WHY=${WHY:-"$(show "$T/r.b")"}; false; }'
    check "kept: two ranges, multipart, from memory" \
        eval 'get "$(U /k.txt)" "$T/r" -H "Range: bytes=0-1,6-12" && v_status "$T/r" "HTTP/1.1 206 Partial Content" &&
              grep -q "^ve" "$T/r.b" && grep -q "version" "$T/r.b" || { WHY=${WHY:-"$(show "$T/r.b")"}; false; }'
    check "kept: HEAD has the length and no body" \
        eval 'get "$(U /k.txt)" "$T/h" -I && [ "$(header "$T/h.h" Content-Length)" = 18 ] && ! grep -q version "$T/h.b" ||
              { WHY=${WHY:-"$(header "$T/h.h" Content-Length)"}; false; }'
    check "kept: If-None-Match with its ETag: 304" \
        eval 'get "$(U /k.txt)" "$T/n" -H "If-None-Match: $(header "$T/e1.h" ETag)" && v_status "$T/n" "HTTP/1.1 304 Not Modified"'
    check "kept: /k.txt/ is still 404" status_is /k.txt/ 404
    printf 'kept, version TWO\n' >"$R/k.txt"        # in place, same size
    check "rewritten in place, same size: the new bytes at once" body_is_now /k.txt "kept, version TWO"
    check "... with a new ETag" \
        eval '[ "$(header "$T/b.h" ETag)" != "$(header "$T/e1.h" ETag)" ] || { WHY="ETag unchanged"; false; }'
    printf 'kept, version three\n' >"$R/k.new" && mv "$R/k.new" "$R/k.txt"
    check "replaced by a rename: the new file at once" body_is_now /k.txt "kept, version three"
    body_is_now /gone.txt "to be removed" && body_is_now /gone.txt "to be removed"
    rm "$R/gone.txt"
    check "removed: 404 at once" status_is /gone.txt 404
    body_is_now /link.txt "to be a link" && body_is_now /link.txt "to be a link"
    rm "$R/link.txt" && ln -s "$T/outside/k.txt" "$R/link.txt"
    check "replaced by a link out: refused, the secret never sent" \
        eval 'get "$(U /link.txt)" "$T/l" && [ "$CODE" != 200 ] && ! grep -q secret "$T/l.b" || { WHY="status $CODE $(show "$T/l.b")"; false; }'
    body_is_now /d/k.txt "kept too" && body_is_now /d/k.txt "kept too"
    mv "$R/d" "$R/d.real" && ln -s "$T/outside" "$R/d"
    check "its directory replaced by a link out: the secret never sent" \
        eval 'get "$(U /d/k.txt)" "$T/l" && [ "$CODE" != 200 ] && ! grep -q secret "$T/l.b" || { WHY="status $CODE $(show "$T/l.b")"; false; }'
    rm "$R/d" && mv "$R/d.real" "$R/d"
fi

# --- the kernel's view, natively ---------------------------------------------

# calls_per_request PATH N: strace -c -f on the worker while curl makes N
# requests for PATH on one connection; CALLS: the total per request,
# TABLE: strace's table.
calls_per_request() {
    local w=$1 out=$T/strace.c args=() i tracer
    for ((i = 0; i < $3; i++)); do args+=(-o /dev/null "$(U "$2")"); done
    timeout 30 strace -f -c -o "$out" -p "$w" 2>"$out.err" &
    tracer=$!
    poll 5 grep -qs attached "$out.err"
    curl -q --noproxy '*' -s --max-time 30 "${args[@]}"
    kill -INT "$tracer"; wait "$tracer" 2>/dev/null
    TABLE=$(cat "$out")
    CALLS=$(awk -v k="$3" '$NF == "total" { printf "%.2f", $4 / k }' "$out")
}
# at_most_calls PATH MAX: CALLS <= MAX per request for PATH.
at_most_calls() {
    calls_per_request "$W" "$1" 50
    awk -v c="$CALLS" -v m="$2" 'BEGIN { exit !(c != "" && c <= m) }' && return 0
    WHY="$CALLS calls per request: $(grep -E '^ *[0-9]' <<<"$TABLE" | awk '{ printf "%s %s, ", $NF, $4 }')"; return 1
}
# traced PATTERN PATH: strace -f of the worker during one keep-alive
# pair of GETs of PATH shows a line matching PATTERN (grep -E).
traced() {
    local out=$T/trace tracer
    timeout 30 strace -f -o "$out" -p "$W" 2>"$out.err" &
    tracer=$!
    poll 5 grep -qs attached "$out.err"
    curl -q --noproxy '*' -s --max-time 10 -o /dev/null "$(U "$2")" -o /dev/null "$(U "$2")"
    kill -INT "$tracer"; wait "$tracer" 2>/dev/null
    TRACE=$(cat "$out")
    grep -Eq "$1" <<<"$TRACE" && return 0
    WHY="no $1 in $(grep -cE . <<<"$TRACE") lines"; return 1
}
worker_pid() { kids "$SRV_PID"; W=$FIRST_KID; [ -n "$W" ]; }
# paced N PATH: N requests for PATH on one connection, each sent 50 ms
# after the answer to the one before was read in full, so that the
# worker has always answered and is waiting when a request arrives.
paced() {
    local i line len
    exec 7<>"/dev/tcp/127.0.0.1/$P" || return 1
    for ((i = 0; i < $1; i++)); do
        printf 'GET %s HTTP/1.1\r\nHost: t\r\n\r\n' "$2" >&7
        len=0
        while IFS= read -r -t 5 line <&7 && [ -n "${line%$'\r'}" ]; do
            case ${line,,} in content-length:*)
                len=${line#*:}; len=${len//[$' \r']/} ;; esac
        done
        [ "$len" -gt 0 ] && LC_ALL=C read -r -N "$len" -t 5 line <&7
        sleep 0.05
    done
    exec 7>&-
}
# empty_reads PATH: strace of the worker's reads during ten paced
# requests for PATH; EMPTY: how many found nothing (EAGAIN).
empty_reads() {
    local out=$T/reads tracer
    timeout 30 strace -f -e trace=read -o "$out" -p "$W" 2>"$out.err" &
    tracer=$!
    poll 5 grep -qs attached "$out.err"
    paced 10 "$1"
    kill -INT "$tracer"; wait "$tracer" 2>/dev/null
    EMPTY=$(grep -c EAGAIN "$out") || true
}

if [ -n "$RUN" ]; then
    skip "system calls per request (strace)" "under $RUN, strace sees the emulator"
elif ! command -v strace >/dev/null; then
    skip "system calls per request (strace)" "strace is not installed"
elif check "the worker is found" worker_pid; then
    check "a kept 1 KiB file: at most 6 system calls a request" at_most_calls /small.html 6
    # Without the rule, every answer is followed by a read that finds
    # nothing: 10 or more.  One may come at the start, from an event
    # that says the new socket is writable before the request is there.
    check "a file too large to keep: corked for sendfile, uncorked after, the worker alive" \
        eval 'traced "TCP_CORK, \[1\]" /mid.html && grep -q "TCP_CORK, \[0\]" <<<"$TRACE" && ! grep -q SIGSYS <<<"$TRACE" || { WHY=${WHY:-"no uncork, or the filter killed the worker"}; false; }'
    check "a client that waits between requests: no read finds nothing after an answer" \
        eval 'empty_reads /small.html && [ "$EMPTY" -le 1 ] || { WHY="$EMPTY reads found nothing in 10 requests"; false; }'
    check "a kept file leaves with its head in one writev, no sendfile" \
        eval 'traced "writev\(.*\], 2\)" /small.html && ! grep -q sendfile <<<"$TRACE" || { WHY=${WHY:-"sendfile in the trace"}; false; }'
    if grep -q '\[vdso\]' "/proc/$W/maps" 2>/dev/null; then
        check "with a vDSO, no clock_gettime system call" \
            eval 'traced "writev" /small.html && ! grep -q clock_gettime <<<"$TRACE" || { WHY=${WHY:-"clock_gettime in the trace"}; false; }'
    else
        skip "with a vDSO, no clock_gettime system call" "no vDSO mapped"
    fi
fi
stop_server "$SRV_TPID"

# nodelay_traced: the server started under strace set TCP_NODELAY on
# its listener.  The master, strace's child, is stopped by its pid.
nodelay_traced() {
    poll 5 grep -q TCP_NODELAY "$T/ss"
    kids "$SRV_PID"; [ -n "$FIRST_KID" ] && kill -TERM "$FIRST_KID"
    grep -Eq "setsockopt\(3, (SOL_TCP|IPPROTO_TCP), TCP_NODELAY, \[1\]" "$T/ss" && return 0
    WHY="$(show "$T/ss")"; return 1
}
if [ -z "$RUN" ] && command -v strace >/dev/null; then
    new_port P
    RUN="strace -f -e trace=setsockopt -o $T/ss" start traced -P 1 -q
    check "TCP_NODELAY is set on the listener, in the worker" nodelay_traced
    stop_server "$SRV_TPID"
fi

# --- the filter lets TCP_CORK through, and no other setsockopt ---------------

NATIVE=0; [ -z "$RUN" ] && NATIVE=1
. "${BASH_SOURCE[0]%/*}/inject.sh"
case $ARCH in
x86_64)  NR_SETSOCKOPT=54 ;;
aarch64) NR_SETSOCKOPT=208 ;;
esac
# setsockopt_injected LEVEL OPTION: a fresh server's worker, made to call
# setsockopt(0, LEVEL, OPTION, ...) by gdb; INJECTED says how it went.
setsockopt_injected() {
    new_port P
    start inject -P 1 -q && worker_pid || { WHY="no worker"; return 1; }
    inject "$W" "$NR_SETSOCKOPT" 0 "$1" "$2"
    stop_server "$SRV_TPID"
}
if ! can_inject; then
    skip "setsockopt injected into a worker" \
         "needs gdb, objdump and the native architecture (no filter under qemu-user)"
else
    # Allowed: the kernel itself answers (descriptor 0 is no socket).
    check "setsockopt(IPPROTO_TCP, TCP_CORK) injected: let through" \
        eval 'setsockopt_injected 6 3 && grep -q "result=-" <<<"$INJECTED" && ! grep -q SIGSYS <<<"$INJECTED" || { WHY=${WHY:-"gdb: $(tail -n 2 <<<"$INJECTED" | tr "\n" " ")"}; false; }'
    for opt in "SOL_SOCKET, SO_SNDBUF:1 7" "IPPROTO_TCP, TCP_NODELAY:6 1"; do
        check "setsockopt(${opt%%:*}) injected: the worker is killed by SIGSYS" \
            eval 'setsockopt_injected ${opt#*:} && grep -q "terminated with signal SIGSYS" <<<"$INJECTED" || { WHY=${WHY:-"gdb: $(tail -n 2 <<<"$INJECTED" | tr "\n" " ")"}; false; }'
    done
fi
