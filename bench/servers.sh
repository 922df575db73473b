# bench/servers.sh: the servers measured, how each is started, and how
# every process the bench starts is found and stopped again.  Sourced by
# bench/run.sh, which sets WWW (the docroot), RUN (build/bench/run) and
# DRONGO (the binary).

SERVERS="drongo nginx lighttpd mini_httpd busybox"

# Each server has its own loopback port: BENCH_PORT_BASE + 1, + 2, ...
declare -A PORT
port=${BENCH_PORT_BASE:-18000}
for s in $SERVERS; do port=$((port + 1)); PORT[$s]=$port; done

# How each is started, in the foreground.  The bench fills in @PORT@,
# @WWW@, @RUN@, @DRONGO@, and @CONF@: the server's file from bench/,
# itself filled in, at $RUN/NAME.conf.  Every server runs as the user
# who runs the bench, as drongo does (none needs privileges for a port
# above 1024), so the docroot needs no permissions beyond that user's.
declare -A CMD
# drongo: quiet (-q, no access log), as every peer runs without one;
# one worker (-P 1, stage 13 on), as nginx and lighttpd run one event
# loop.  For a stage before 13, BENCH_DRONGO_FLAGS=-q; before 9, empty.
CMD[drongo]="@DRONGO@ -b 127.0.0.1 -p @PORT@ -r @WWW@ ${BENCH_DRONGO_FLAGS--q -P 1}"
# nginx: bench/nginx.conf; -p its prefix, -e its first error log.
CMD[nginx]='nginx -p @RUN@/ -e @RUN@/nginx.error.log -c @CONF@'
# lighttpd: bench/lighttpd.conf; -D: no daemon.
CMD[lighttpd]='lighttpd -D -f @CONF@'
# mini_httpd: bench/mini_httpd.conf; -D: no daemon.
CMD[mini_httpd]='mini_httpd -D -C @CONF@'
# busybox httpd: a process per connection; -f: foreground; no access
# log unless -v.
CMD[busybox]='busybox httpd -f -p 127.0.0.1:@PORT@ -h @WWW@'

# fill NAME: the placeholders of standard input filled in for NAME.
fill() {
    sed -e "s|@PORT@|${PORT[$1]}|g" -e "s|@WWW@|$WWW|g" \
        -e "s|@RUN@|$RUN|g" -e "s|@DRONGO@|$DRONGO|g" \
        -e "s|@USER@|$(id -un)|g" -e "s|@CONF@|$RUN/$1.conf|g"
}
# command NAME: its command line, after writing its config file if any.
command_of() {
    [ -f "bench/$1.conf" ] && fill "$1" < "bench/$1.conf" > "$RUN/$1.conf"
    echo "${CMD[$1]}" | fill "$1"
}

# The program each one runs, for its size (bench/measure.sh).
binary_of() {
    case $1 in
    drongo) echo "$DRONGO" ;;
    *)      command -v "$1" ;;
    esac
}


# ---------------------------------------------------------------- pids
# Every process the bench starts in the background is its own child, kept
# in STARTED until it is reaped (so that its pid cannot have been reused
# by another program); at the end each is stopped with everything beneath
# it.  A server runs under timeout(1), so it is a grandchild: its pid is
# looked up afresh, under the timeout process, each time it is needed.
declare -A TPID          # server -> the pid of the timeout it runs under
STARTED=()

# tree PID: PID and all its descendants, from the parent field of
# /proc/*/stat (a process per connection means many children).
tree() {
    cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" '
        { s = $0; sub(/^.*\) /, "", s); split(s, f, " ")
          pid = $1 + 0; kids[f[2] + 0] = kids[f[2] + 0] " " pid }
        END { q[1] = root; n = 1
              for (i = 1; i <= n; i++) {
                  print q[i]; m = split(kids[q[i]], k, " ")
                  for (j = 1; j <= m; j++) q[++n] = k[j] } }'
}

# start NAME: run the server in the background, bounded by timeout(1)
# with the bench's limit, and wait until it serves the small file.
start() {
    local name=$1 cmd tpid pid i
    cmd=$(command_of "$name")
    command -v "${cmd%% *}" >/dev/null ||
        { echo "  $name: not installed"; return 1; }
    echo "  $name on 127.0.0.1:${PORT[$name]}: $cmd"
    if listening "${PORT[$name]}"; then
        echo "  $name: port ${PORT[$name]} is taken (BENCH_PORT_BASE moves it)"
        return 1
    fi
    timeout -k 5 "$BENCH_LIMIT" $cmd </dev/null >"$RUN/$name.out" 2>&1 &
    tpid=$!; STARTED+=("$tpid"); TPID[$name]=$tpid
    for ((i = 0; i < 100; i++)); do
        pid=$(tree "$tpid" | sed -n 2p)
        if [ -n "$pid" ] && [ "$(get_code "$name" /1k.html)" = 200 ]; then
            return 0
        fi
        kill -0 "$tpid" 2>/dev/null || break
        sleep 0.1
    done
    echo "  $name did not start; its output ($RUN/$name.out):"
    sed 's/^/    /' "$RUN/$name.out" | tail -5
    return 1
}

get_code() {    # get_code NAME PATH: the status of one GET
    timeout 5 curl -s -o /dev/null -w '%{http_code}' \
        "http://127.0.0.1:${PORT[$1]}$2" 2>/dev/null
}

# The sockets of a local PORT in state ST, counted from /proc/net/tcp and
# tcp6 (IPv4 and IPv6): 0A is LISTEN, 01 ESTABLISHED.
sockets() {     # sockets PORT ST
    awk -v p="$(printf ':%04X' "$1")" -v st="$2" '
        $4 == st && substr($2, length($2) - 4) == p { n++ }
        END { print n + 0 }' /proc/net/tcp /proc/net/tcp6
}
listening()   { [ "$(sockets "$1" 0A)" -gt 0 ]; }
established() { sockets "$1" 01; }

# stop_all: TERM to every pid started and to everything beneath each
# (the connection children of a forking server), then KILL what is left.
stop_all() {
    local p all=()
    for p in "${STARTED[@]}"; do
        kill -0 "$p" 2>/dev/null && all+=($(tree "$p"))
    done
    [ ${#all[@]} -eq 0 ] && return 0
    kill -TERM "${all[@]}" 2>/dev/null
    for ((p = 0; p < 30; p++)); do
        any_alive "${all[@]}" || break
        sleep 0.1
    done
    for p in "${all[@]}"; do kill -0 "$p" 2>/dev/null && kill -KILL "$p"; done
    wait 2>/dev/null
    STARTED=()
}

any_alive() {   # any_alive PID...: is one of them still running?
    local p
    for p; do kill -0 "$p" 2>/dev/null && return 0; done
    return 1
}

spid() {        # spid NAME: the server's own pid (nginx's master, ...)
    tree "${TPID[$1]}" | sed -n 2p
}

# reap PID: stop a background helper and everything under it; forget
# PID: wait for it to end, so that it leaves STARTED.
reap() {
    kill $(tree "$1") 2>/dev/null
    forget "$1"
}
forget() {
    local p keep=()
    wait "$1" 2>/dev/null
    for p in "${STARTED[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
    STARTED=("${keep[@]}")
}
