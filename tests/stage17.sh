#!/usr/bin/env bash
# Stage 17: deploying.  Started the way systemd starts a socket-activated
# service (sd_listen_fds(3): a listening socket at descriptor 3,
# LISTEN_FDS=1, LISTEN_PID the pid of the process that execs drongo),
# drongo serves on that socket instead of binding, ignores -p and -b and
# says so; a LISTEN_PID of another process is ignored and drongo binds as
# usual; a LISTEN_FDS or LISTEN_PID that is not a number, LISTEN_FDS=0 or
# more than one socket, and a descriptor 3 that is not a listening TCP
# socket (UDP, Unix, bound only, a file, closed) are refused in one line
# with exit status 2.  The launcher is tests/listen-fds.c (a hosted
# program), and systemd-socket-activate where it is installed.  On the
# native architecture: make install into a DESTDIR installs exactly the
# stripped binary, the manual page and the two units, make uninstall
# removes exactly them; the manual page renders with man, has its
# sections, and documents exactly the flags of -h; systemd-analyze verify
# accepts the units.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

SRC_ROOT=$(cd "${BASH_SOURCE[0]%/*}/.." && pwd)
R=$T/root
mkdir -p "$R"
printf 'handed over\n' >"$R/a.txt"
U() { printf 'http://127.0.0.1:%s%s' "$1" "$2"; }
serve_ok() { # PORT PREFIX: a 200 with a.txt's bytes on PORT
    get "$(U "$1" /a.txt)" "$T/$2" && v_curl "$T/$2" &&
        v_status "$T/$2" "HTTP/1.1 200 OK" &&
        { cmp -s "$T/$2.b" "$R/a.txt" || { WHY="body $(show "$T/$2.b")"; false; }; }
}
said() { # NAME TEXT: the server NAME wrote TEXT on stderr
    grep -qF -- "$2" "$T/$1.err" && return 0
    WHY="stderr $(show "$T/$1.err"), want '$2'"; return 1
}
serve_four() { # PORT: four requests in turn, each served
    local i
    for i in 1 2 3 4; do serve_ok "$1" "four$i" || return 1; done
}
not_listening() { # PORT: nothing listens on PORT
    ! port_taken "$1" && return 0
    WHY="something holds port $1"; return 1
}

LAUNCH=$T/listen-fds
if ! ${HOSTCC:-cc} -std=c11 -O2 -Wall -Wextra -o "$LAUNCH" \
        "$SRC_ROOT/tests/listen-fds.c" 2>"$T/cc.err"; then
    not_ok "the launcher tests/listen-fds.c builds" "$(show "$T/cc.err")"
    exit 0
fi

# start_activated NAME PORT [LAUNCHER FLAGS] -- DRONGO ARGS: drongo under
# the launcher, which holds PORT at descriptor 3 and execs in place, so
# that SRV_PID is drongo's (or qemu's, running it) and LISTEN_PID's.
start_activated() {
    local name=$1 port=$2 opts=(); shift 2
    while [ "$1" != -- ]; do opts+=("$1"); shift; done; shift
    timeout -k 3 "$SERVER_LIFE" "$LAUNCH" "${opts[@]}" "$port" \
        $RUN "$DRONGO" "$@" </dev/null >"$T/$name.out" 2>"$T/$name.err" &
    started "$name"
}
# pid_is_listen_pid: the process serving is the one LISTEN_PID named.
pid_is_listen_pid() {
    known_pid || return 1
    tr '\0' '\n' <"/proc/$SRV_PID/environ" 2>/dev/null |
        grep -qx "LISTEN_PID=$SRV_PID" && return 0
    WHY="LISTEN_PID in /proc/$SRV_PID/environ is not $SRV_PID"; return 1
}
# refused_activation WANT [LAUNCHER FLAGS]: drongo under the launcher
# exits 2 with one line on stderr containing WANT.
refused_activation() {
    local want=$1 port; shift
    new_port port
    { timeout -k 2 "$ONCE_MAX" "$LAUNCH" "$@" "$port" $RUN "$DRONGO" \
        -r "$R" -p "$port" </dev/null >"$T/out" 2>"$T/err"; RC=$?; } 2>/dev/null
    if [ "$RC" -ne 2 ]; then
        WHY="$(rc_text "$RC"), want exit status 2; stderr $(show "$T/err")"; return 1
    fi
    if ! is_one_line "$T/err" || ! grep -qF -- "$want" "$T/err"; then
        WHY="stderr $(show "$T/err"), want one line with '$want'"; return 1
    fi
}

# --- the socket handed over --------------------------------------------------

new_port P; new_port Q
start_activated act "$P" -- -r "$R" -P 2 -p "$Q" -b 0.0.0.0
if check "drongo starts on a socket handed over at descriptor 3" wait_ready "$P"; then
    check "it serves a file on the socket it was given" serve_ok "$P" act1
    check "LISTEN_PID named the process that serves (exec in place)" pid_is_listen_pid
    check "-p and -b are ignored: nothing listens on the -p port" not_listening "$Q"
    check "it says -p and -b do not apply" said act "-p and -b do not apply"
    check "it says where the socket listens" said act "listening on http://127.0.0.1:$P/"
    check "its workers serve too, one request after another" serve_four "$P"
fi
stop_server "$SRV_TPID"

new_port P; new_port Q
start_activated other "$P" -p parent -- -r "$R" -p "$Q"
if check "a LISTEN_PID of another process is ignored: drongo binds -p" wait_ready "$Q"; then
    check "it serves on its own socket" serve_ok "$Q" other1
    check "it does not say it was handed a socket" eval \
        '! grep -q LISTEN_FDS "$T/other.err" || { WHY="stderr $(show "$T/other.err")"; false; }'
fi
stop_server "$SRV_TPID"

check "LISTEN_FDS=abc is refused" refused_activation "LISTEN_FDS at least 1" -n abc
check "LISTEN_FDS= (empty) is refused" refused_activation "LISTEN_FDS at least 1" -n ''
check "LISTEN_FDS=0 is refused" refused_activation "LISTEN_FDS at least 1" -n 0
check "LISTEN_FDS=-1 is refused" refused_activation "LISTEN_FDS at least 1" -n -1
check "LISTEN_FDS=2 is refused: drongo serves one socket" \
    refused_activation "serves one socket" -n 2
check "LISTEN_PID=x1 is refused" refused_activation "must be numbers" -p x1
check "a UDP socket at descriptor 3 is refused" \
    refused_activation "not a TCP socket" -k udp
check "a Unix socket at descriptor 3 is refused" \
    refused_activation "not a TCP socket" -k unix
check "a TCP socket that is not listening is refused" \
    refused_activation "not listening" -k bound
check "a file at descriptor 3 is refused" \
    refused_activation "not a socket" -k file
check "a closed descriptor 3 is refused" \
    refused_activation "not open" -k none

# systemd's own launcher, the same protocol from systemd's code.
if command -v systemd-socket-activate >/dev/null; then
    new_port P
    timeout -k 3 "$SERVER_LIFE" systemd-socket-activate -l "127.0.0.1:$P" \
        $RUN "$DRONGO" -r "$R" </dev/null >"$T/sa.out" 2>"$T/sa.err" &
    started sa
    if check "systemd-socket-activate starts it" wait_ready "$P"; then
        check "and it serves on systemd-socket-activate's socket" serve_ok "$P" sa1
    fi
    stop_server "$SRV_TPID"
else
    skip "systemd-socket-activate starts it" "systemd-socket-activate not installed"
fi
