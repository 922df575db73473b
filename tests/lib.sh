# tests/lib.sh -- helpers shared by the per-stage behaviour tests.
#
# Sourced by tests/stageNN.sh; it sources tests/http.sh, the helpers that
# talk HTTP and judge the answers.  The caller's environment names the
# binary under test and how to run it:
#
#   DRONGO     path of the binary (required)
#   RUN        prefix that runs it, e.g. "qemu-aarch64"; empty when native
#   ARCH       architecture name, only used in messages
#   PORT_BASE  first of 100 free loopback ports (PORT_BASE..PORT_BASE+99)
#
# Every check prints exactly one line:
#   ok - DESCRIPTION
#   not ok - DESCRIPTION: REASON
#   skip - DESCRIPTION (REASON)
# and the script exits 0 whatever the outcome; the driver counts the lines.
#
# Every process started here has a time limit and is killed on exit.  Only
# processes still running as this shell's jobs are ever signalled, so a
# pid the system has since given to another process is left alone.

# shellcheck shell=bash disable=SC2016,SC2034,SC2086
# (SC2016: the bash -c programs expand their own arguments; SC2034: the
# stage scripts read the variables set here; SC2086: RUN may be several
# words, e.g. "qemu-aarch64 -L DIR", and is split on purpose.)

: "${DRONGO:?DRONGO must name the binary under test}"
RUN=${RUN-}
ARCH=${ARCH:-$(uname -m)}
PORT_BASE=${PORT_BASE:-21000}

export LC_ALL=C   # byte-wise string lengths, '.' in EPOCHREALTIME
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy NO_PROXY no_proxy

# Time limits, in seconds.  qemu-user is slow to start and CI has two cores,
# so they are generous; a correct server never waits them out.
ONCE_MAX=${ONCE_MAX:-5}        # a run that must exit by itself
READY_MAX=${READY_MAX:-15}     # a server starting to accept connections
CURL_MAX=${CURL_MAX:-15}       # one HTTP exchange
RAW_MAX=${RAW_MAX:-15}         # one raw /dev/tcp exchange
SETTLE_MAX=${SETTLE_MAX:-10}   # children to be reaped, a cap to free up,
                               # an idle client not to hold others up
SERVER_LIFE=${SERVER_LIFE:-120} # hard bound on any server we start

T=$(mktemp -d "${TMPDIR:-/tmp}/drongo-test.XXXXXX") || exit 0
SERVERS=()   # pids of the timeout(1) wrapping each server
_next_port=$PORT_BASE

cleanup() {
    local p
    for p in "${SERVERS[@]}"; do stop_server "$p"; done
    for p in $(jobs -rp); do kill -KILL "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$T"
    true
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# --- reporting -------------------------------------------------------------

ok()     { printf 'ok - %s\n' "$1"; }
not_ok() { printf 'not ok - %s: %s\n' "$1" "$2"; }
skip()   { printf 'skip - %s (%s)\n' "$1" "$2"; }

# check DESC CMD...: run CMD in this shell; it returns 0 for success, or
# sets WHY and returns non-zero.
check() {
    local desc=$1; shift
    WHY=
    if "$@"; then ok "$desc"; else not_ok "$desc" "${WHY:-failed}"; return 1; fi
}

# show FILE: the start of FILE quoted on one line, for messages.
show() {
    local s
    s=$(head -c 60 "$1" 2>/dev/null; printf x)
    s=${s%x}
    printf '%q' "$s"
    [ "$(wc -c <"$1" 2>/dev/null || echo 0)" -gt 60 ] && printf '...'
}

# rc_text RC [LIMIT]: an exit status in words; LIMIT is the time limit
# timeout(1) enforced (default ONCE_MAX).
rc_text() {
    case $1 in
    124) printf 'still running after %ss' "${2:-$ONCE_MAX}" ;;
    12[5-7]) printf 'could not run (status %s)' "$1" ;;
    *) if [ "$1" -gt 128 ]; then
           printf 'killed by signal %s' "$(kill -l "$(($1 - 128))" 2>/dev/null || echo $(($1 - 128)))"
       else
           printf 'exit status %s' "$1"
       fi ;;
    esac
}

# now_us: wall clock in microseconds.
now_us() { local t=$EPOCHREALTIME; printf '%s' "${t/./}"; }

# poll SECONDS CMD...: retry CMD until it succeeds or SECONDS pass.
poll() {
    local end=$(( $(now_us) + $1 * 1000000 )); shift
    while :; do
        "$@" && return 0
        [ "$(now_us)" -ge "$end" ] && return 1
        sleep 0.05
    done
}

# port_taken PORT: a socket of any state holds local port PORT, so that a
# server could not bind it.  The test ports lie in the kernel's range of
# ephemeral ports, and a client elsewhere on the machine that closed its
# connection first keeps its port in TIME-WAIT for a minute.
port_taken() {
    local hex
    printf -v hex '%04X' "$1"
    grep -qE "^ *[0-9]+: [0-9A-F]+:$hex " /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# new_port VAR: the next port of this invocation that nothing holds.
new_port() {
    while :; do
        if [ "$_next_port" -gt $((PORT_BASE + 99)) ]; then
            echo "not ok - port allocation: more than 100 ports used" ; exit 0
        fi
        port_taken "$_next_port" || break
        _next_port=$((_next_port + 1))
    done
    printf -v "$1" '%d' "$_next_port"
    _next_port=$((_next_port + 1))
}

# --- running the binary ----------------------------------------------------

# run_once ARGS...: run drongo to completion; sets RC, $T/out, $T/err.
run_once() {
    # The group keeps the shell's own report of a signal death off our stderr.
    { timeout -k 2 "$ONCE_MAX" $RUN "$DRONGO" "$@" </dev/null >"$T/out" 2>"$T/err"; RC=$?; } 2>/dev/null
}

# is_one_line FILE: FILE holds exactly one newline-terminated line.
is_one_line() {
    [ -s "$1" ] && [ "$(wc -l <"$1")" -eq 1 ] && [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ]
}

# usage_error ARGS...: expect exactly one stderr line starting "drongo:" and
# exit status 2.
usage_error() {
    run_once "$@"
    if [ "$RC" -ne 2 ]; then
        WHY="$(rc_text "$RC"), want exit status 2; stderr $(show "$T/err")"; return 1
    fi
    if ! is_one_line "$T/err"; then
        WHY="stderr is not exactly one line: $(show "$T/err")"; return 1
    fi
    if ! grep -q '^drongo:' "$T/err"; then
        WHY="stderr does not start with 'drongo:': $(show "$T/err")"; return 1
    fi
}

# refused_value FLAG VALUE ARGS...: drongo ARGS FLAG VALUE is a usage
# error naming VALUE as a bad value for FLAG, refused as text (an address
# that parses but cannot be bound is a usage error too, of another kind).
refused_value() {
    local flag=$1 value=$2; shift 2
    usage_error "$@" "$flag" "$value" || return 1
    grep -qF "bad value '$value' for $flag" "$T/err" && return 0
    WHY="stderr $(show "$T/err"), want \"bad value '$value' for $flag\""; return 1
}

# bad_server_flags PORT: the flag checks common to stages 2 and up.  PORT
# is a free port given along with the bad flag, so that a server which
# wrongly accepts the flag listens only inside our range until timeout
# kills it.
bad_server_flags() {
    local p=$1 big=99999999999999999999
    check "-p 0 is refused"                 usage_error -p 0
    check "-p 65536 is refused"             usage_error -p 65536
    check "-p abc is refused"               usage_error -p abc
    check "-p '' is refused"                usage_error -p ''
    check "-p without a value is refused"   usage_error -p
    check "-p $big is refused"              usage_error -p "$big"
    check "-b 256.1.1.1 is refused"         usage_error -p "$p" -b 256.1.1.1
    check "-b 1.2.3 is refused"             usage_error -p "$p" -b 1.2.3
    check "-b 1.2.3.4.5 is refused"         usage_error -p "$p" -b 1.2.3.4.5
    check "-b foo is refused"               usage_error -p "$p" -b foo
    check "-b '' is refused"                usage_error -p "$p" -b ''
    check "-b 1::2::3 is refused (two ::)"  refused_value -b 1::2::3 -p "$p"
    check "-b [127.0.0.1] is refused"       refused_value -b '[127.0.0.1]' -p "$p"
    check "unknown flag -x is refused"      usage_error -p "$p" -x
    check "a stray argument is refused"     usage_error -p "$p" stray
}

# help_flag: -h prints a usage line on stdout and exits 0.
help_flag() {
    run_once -h
    if [ "$RC" -ne 0 ]; then WHY="$(rc_text "$RC"), want 0"; return 1; fi
    if ! [ -s "$T/out" ]; then WHY="nothing on stdout"; return 1; fi
    if ! head -n 1 "$T/out" | grep -qi 'usage'; then
        WHY="stdout has no usage line: $(show "$T/out")"; return 1
    fi
    if [ -s "$T/err" ]; then WHY="unexpected stderr $(show "$T/err")"; return 1; fi
}

# ipv6_loopback: this machine has the IPv6 loopback address ::1 (it has a
# line in /proc/net/if_inet6), so a server can listen there.
ipv6_loopback() {
    grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 2>/dev/null
}

# --- servers -------------------------------------------------------------

# start_server NAME ARGS...: start drongo in the background.  Sets SRV_TPID
# (the timeout wrapper) and SRV_PID (the server itself: under qemu-user,
# the qemu process).  Output goes to $T/NAME.out and $T/NAME.err.
start_server() {
    local name=$1; shift
    timeout -k 3 "$SERVER_LIFE" $RUN "$DRONGO" "$@" \
        </dev/null >"$T/$name.out" 2>"$T/$name.err" &
    started "$name"
}
# started NAME: the job just put in the background is the server NAME, to
# be killed on exit: sets SRV_TPID, SRV_NAME and SRV_PID as start_server
# does.  Its stderr must go to $T/NAME.err.
started() {
    SRV_TPID=$!
    SRV_NAME=$1
    SERVERS+=("$SRV_TPID")
    SRV_PID='' SRV_RC=''
    poll 5 _find_server_pid
}
_find_server_pid() {
    local c='' f=/proc/$SRV_TPID/task/$SRV_TPID/children
    alive "$SRV_TPID" || return 0   # exited: wait_ready will say why
    if [ -e "$f" ]; then
        read -r c _ 2>/dev/null <"$f"
    else                            # a kernel without CONFIG_PROC_CHILDREN
        kids "$SRV_TPID"; c=$FIRST_KID
    fi
    [ -n "$c" ] && SRV_PID=$c
}

# running PID: PID is a background job of this shell, still running.
running() { [[ " $(jobs -rp | tr '\n' ' ') " == *" $1 "* ]]; }

# alive TPID: the server wrapped by TPID is still running.
alive() { running "$1"; }

# server_ended: ENDED says how the server last started ended (it has).
server_ended() {
    if [ -z "$SRV_RC" ]; then wait "$SRV_TPID" 2>/dev/null; SRV_RC=$?; fi
    ENDED="$(rc_text "$SRV_RC" "$SERVER_LIFE"); stderr $(show "$T/$SRV_NAME.err")"
}

# still_up: the server last started is running; else WHY says how it ended.
still_up() {
    alive "$SRV_TPID" && return 0
    server_ended; WHY="server died ($ENDED)"; return 1
}

# wait_ready PORT [HOST]: poll until the server just started accepts
# connections; fails early if it exits.  HOST may be an IPv6 address in
# brackets, [::1].
wait_ready() {
    local port=$1 host=${2:-127.0.0.1} end
    end=$(( $(now_us) + READY_MAX * 1000000 ))
    while :; do
        if ! alive "$SRV_TPID"; then
            server_ended; WHY="server exited ($ENDED)"; return 1
        fi
        curl -q --noproxy '*' -g -s -o /dev/null --max-time 3 "http://$host:$port/"
        [ $? -ne 7 ] && return 0
        if [ "$(now_us)" -ge "$end" ]; then
            WHY="not accepting connections on $host:$port after ${READY_MAX}s"; return 1
        fi
        sleep 0.05
    done
}

# stop_server TPID: kill a server, its children and its wrapper.  timeout(1)
# leads its own process group, and the server and its children are in it.
# The wrapper can be reaped before the server under it has finished dying
# (qemu, with its threads, takes longest), and only then are its sockets
# closed: so wait, a few seconds at most, until no process of the group is
# left but zombies, which hold no port.
stop_server() {
    running "$1" || return 0
    kill -KILL -- "-$1" 2>/dev/null || kill -KILL "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    poll 5 _group_gone "$1"
}
# _group_gone PGID: no process of group PGID is alive (zombies aside).
_group_gone() {
    local f line rest state pgrp
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        rest=${line##*) }
        read -r state _ pgrp _ <<<"$rest"
        [ "$pgrp" = "$1" ] && [ "$state" != Z ] && return 1
    done
    return 0
}

# kids PID: count the children of PID into LIVE and ZOMBIE, and name one
# of them in FIRST_KID.  The second field of /proc/N/stat is the command
# in parentheses and may itself hold spaces or parentheses, so fields are
# counted after the last ')'.
kids() {
    local f line rest state ppid
    LIVE=0 ZOMBIE=0
    FIRST_KID=''
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        rest=${line##*) }
        read -r state ppid _ <<<"$rest"
        [ "$ppid" = "$1" ] || continue
        [ -n "$FIRST_KID" ] || FIRST_KID=${f//[^0-9]/}
        if [ "$state" = Z ]; then ZOMBIE=$((ZOMBIE + 1)); else LIVE=$((LIVE + 1)); fi
    done
}
no_zombies()  { kids "$1"; [ "$ZOMBIE" -eq 0 ]; }
live_is()     { kids "$1"; [ "$LIVE" -eq "$2" ]; }
live_atleast(){ kids "$1"; [ "$LIVE" -ge "$2" ]; }

# known_pid: the pid of the server last started was found, so its
# children can be read.
known_pid() { [ -n "$SRV_PID" ] || { WHY="server pid not found"; return 1; }; }

# zombie_free: no child of the server is a zombie, polling up to SETTLE_MAX.
zombie_free() {
    known_pid || return 1
    poll "$SETTLE_MAX" no_zombies "$SRV_PID" && return 0
    WHY="$ZOMBIE zombie children still there after ${SETTLE_MAX}s"; return 1
}

# all_gone: every child of the server has exited, polling up to SETTLE_MAX.
all_gone() {
    known_pid || return 1
    poll "$SETTLE_MAX" live_is "$SRV_PID" 0 && return 0
    WHY="$LIVE children still alive after ${SETTLE_MAX}s"; return 1
}

# hold_open PORT: open a connection that sends nothing and stays open until
# the holder is killed.  Sets HOLD_PID.
hold_open() {
    bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1; exec sleep 60' _ "$1" \
        </dev/null >/dev/null 2>&1 &
    HOLD_PID=$!
}
# release PID: close a held connection.
release() { running "$1" && kill -KILL "$1" 2>/dev/null; wait "$1" 2>/dev/null; }

# one_idle_child PORT: fill the cap of a server started with -c 1 on PORT:
# once the readiness probe's child is gone, a connection held open
# (HOLD_PID) gets the one child within 10 s.
one_idle_child() {
    poll "$SETTLE_MAX" live_is "$SRV_PID" 0
    hold_open "$1"
    poll 10 live_is "$SRV_PID" 1 && return 0
    WHY="$LIVE live children after 10s"; return 1
}

# concurrently N CMD...: run `CMD I` for I in 1..N at once, each in its own
# background job; fails if any of them does, saying which first.  Client
# I's files may be $T/jI*: they are removed afterwards.
concurrently() {
    local n=$1 i pids=() bad=0 first=; shift
    for i in $(seq 1 "$n"); do
        ( "$@" "$i" || echo "$WHY" >"$T/j$i.why" ) &
        pids+=($!)
    done
    wait "${pids[@]}"
    for i in $(seq 1 "$n"); do
        [ -e "$T/j$i.why" ] || continue
        bad=$((bad + 1)); [ -n "$first" ] || first="client $i: $(cat "$T/j$i.why")"
    done
    rm -f "$T"/j*
    [ "$bad" -eq 0 ] && return 0
    WHY="$bad of $n failed; $first"; return 1
}

# traversal_suite [METHOD [EXTRA_ARGS]]: run tests/traversal.sh, which
# starts servers on a docroot of its own, on the upper half of our ports,
# and pass on its check lines; a run still going after 120 s is a
# failure.  METHOD (default GET) and EXTRA_ARGS are traversal.sh's.
traversal_suite() {
    local suite=${BASH_SOURCE[0]%/*}/traversal.sh
    [ -f "$suite" ] || return 0
    DRONGO=$DRONGO RUN=$RUN ARCH=$ARCH PORT_BASE=$((PORT_BASE + 50)) \
        METHOD=${1:-GET} EXTRA_ARGS=${2-} \
        timeout -k 5 120 bash "$suite" </dev/null 2>&1 |
        grep -E '^(ok|not ok|skip) - '
    [ "${PIPESTATUS[0]}" -eq 124 ] &&
        not_ok "tests/traversal.sh finishes" "still running after 120s"
    return 0
}

# --- HTTP ------------------------------------------------------------------

# curl and raw exchanges, and the checks on their answers.
# shellcheck source=tests/http.sh
. "${BASH_SOURCE[0]%/*}/http.sh"

# The binary must exist before anything else makes sense.
if [ ! -f "$DRONGO" ]; then
    not_ok "$DRONGO exists" "no such file"
    exit 0
fi
