#!/usr/bin/env bash
# Stage 17: deploying.  Started the way systemd starts a socket-activated
# service (sd_listen_fds(3): a listening socket at descriptor 3,
# LISTEN_FDS=1, LISTEN_PID the pid of the process that execs drongo),
# drongo serves on that socket instead of binding (IPv4 or IPv6), ignores
# -p and -b and says so; a LISTEN_PID of another process is ignored and
# drongo binds as usual; a LISTEN_FDS or LISTEN_PID that is not a number,
# LISTEN_FDS=0 or more than one socket, and a descriptor 3 that is not a
# listening TCP socket (UDP, Unix, bound only, a file, closed) are refused
# in one line with exit status 2.  The variables are read by a pure
# function, tested over a table (tests/activate-table.c), which also
# checks they are removed.  The launcher is tests/listen-fds.c (a hosted
# program), and systemd-socket-activate where it is installed.  On the
# native architecture: make install into a DESTDIR installs exactly the
# stripped binary, the manual page and the two units, make uninstall
# removes exactly them; the manual page renders with man, has its
# sections, and documents exactly the flags of -h; systemd-analyze verify
# accepts the units, and the chapter shows them as they are.
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

# The reading of the variables, a pure function, against a table: the
# stage's own activate.c and text.c, compiled with the host's libc.
STAGE_SRC=$(dirname "$DRONGO")/../src
if [ -f "$STAGE_SRC/activate.c" ] &&
   ${HOSTCC:-cc} -std=c11 -Wall -Wextra -I"$STAGE_SRC" -o "$T/activate-table" \
       "$SRC_ROOT/tests/activate-table.c" "$STAGE_SRC/activate.c" \
       "$STAGE_SRC/text.c" 2>"$T/cc2.err"; then
    "$T/activate-table"
else
    not_ok "the table of environments for activate_take builds" "$(show "$T/cc2.err")"
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

if ipv6_loopback; then
    new_port P
    start_activated act6 "$P" -k tcp6 -- -r "$R" -P 1
    if check "an IPv6 socket handed over is served" wait_ready "$P" '[::1]'; then
        check "a file is served on [::1]" eval 'get "http://[::1]:$P/a.txt" "$T/six" -g && v_curl "$T/six" && v_status "$T/six" "HTTP/1.1 200 OK"'
        check "it says it listens on [::1]" said act6 "listening on http://[::1]:$P/"
    fi
    stop_server "$SRV_TPID"
else
    skip "an IPv6 socket handed over is served" "no IPv6 loopback address on this machine"
fi

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

# --- installing, the manual page, the units (native only) --------------------

if [ -n "$RUN" ]; then
    skip "make install, the manual page and the units" "native architecture only; this is $ARCH under ${RUN%% *}"
    exit 0
fi
mk() { make -s --no-print-directory -C "$SRC_ROOT" "$@"; }

# installed_tree ROOT PREFIX: under ROOT, exactly the four files.
installed_tree() {
    local got want
    got=$(cd "$1" && find . ! -type d | sort | tr '\n' ' ')
    want=$(printf './%s\n' "${2#/}/bin/drongo" "${2#/}/lib/systemd/system/drongo.service" \
        "${2#/}/lib/systemd/system/drongo.socket" "${2#/}/share/man/man1/drongo.1" |
        sort | tr '\n' ' ')
    [ "$got" = "$want" ] && return 0
    WHY="installed: $got; want: $want"; return 1
}
# stripped FILE: no symbol table, and it runs as the binary tested does.
stripped() {
    if readelf -S "$1" 2>/dev/null | grep -q '\.symtab'; then
        WHY="$1 still has a symbol table"; return 1
    fi
    cmp -s <("$1" -h) <("$DRONGO" -h) && return 0
    WHY="$1 -h differs from $DRONGO -h"; return 1
}
exec_start_is() { # UNIT PATH: ExecStart= runs PATH
    grep -q "^ExecStart=$2 " "$1" && return 0
    WHY="$(grep ExecStart "$1" | head -1), want $2"; return 1
}
nothing_left() { # ROOT: no file under ROOT
    local left
    left=$(find "$1" ! -type d | head -3 | tr '\n' ' ')
    [ -z "$left" ] && return 0
    WHY="left behind: $left"; return 1
}

D=$T/dest
if check "make install DESTDIR=... PREFIX=/usr succeeds" eval \
        'mk install DESTDIR="$D" PREFIX=/usr >"$T/inst.out" 2>&1 || { WHY="$(show "$T/inst.out")"; false; }'; then
    check "it installs exactly the program, drongo(1) and the two units" installed_tree "$D" /usr
    check "the program is stripped and is the native build" stripped "$D/usr/bin/drongo"
    check "the service runs the installed program" exec_start_is "$D/usr/lib/systemd/system/drongo.service" /usr/bin/drongo
    check "make uninstall removes every file it installed" eval \
        'mk uninstall DESTDIR="$D" PREFIX=/usr >"$T/un.out" 2>&1 && nothing_left "$D"'
fi

# The manual page: rendered, with its sections, and the flags of -h.
MANPAGE=$SRC_ROOT/build/drongo.1
man_sections() {
    local s missing=
    (cd "$SRC_ROOT" && MANWIDTH=80 MANPAGER=cat man ./build/drongo.1) >"$T/man.txt" 2>"$T/man.err" ||
        { WHY="man ./build/drongo.1 failed: $(show "$T/man.err")"; return 1; }
    for s in NAME SYNOPSIS DESCRIPTION OPTIONS SIGNALS 'EXIT STATUS' FILES \
             ENVIRONMENT SECURITY EXAMPLES 'SEE ALSO'; do
        grep -qx "$s" "$T/man.txt" || missing+=" $s"
    done
    grep -q LISTEN_FDS "$T/man.txt" || missing+=" LISTEN_FDS"
    [ -z "$missing" ] && return 0
    WHY="the page lacks:$missing"; return 1
}
# same_flags: the flags of drongo -h and of the page's OPTIONS, both ways.
# The flags of chapter 14 (-u, -C) are in the page; where this tree has
# not that chapter yet, its -h has not them either.
same_flags() {
    local h m only_h only_m
    run_once -h
    h=$(grep -oE '^  -[A-Za-z]' "$T/out" | tr -d ' ' | sort -u)
    m=$(sed -n '/^OPTIONS$/,/^[A-Z]/p' "$T/man.txt" | grep -oE '^ {7}-[A-Za-z]' |
        tr -d ' ' | sort -u)
    only_h=$(comm -23 <(echo "$h") <(echo "$m") | tr '\n' ' ')
    only_m=$(comm -13 <(echo "$h") <(echo "$m") | tr '\n' ' ')
    [ -e "$SRC_ROOT/chapters/14-privileges.nw" ] || only_m=${only_m//-C /} only_m=${only_m//-u /}
    [ -z "$only_h$only_m" ] && [ -n "$h" ] && return 0
    WHY="in -h only: ${only_h:-none}; in the page only: ${only_m:-none}"; return 1
}
if check "make man renders deploy/drongo.1.md with pandoc" eval \
        'mk man >"$T/man.out" 2>&1 && [ -s "$MANPAGE" ] || { WHY="$(show "$T/man.out")"; false; }'; then
    if check "man ./build/drongo.1 shows every section, LISTEN_FDS too" man_sections; then
        check "every flag of -h is in the page, and every flag of the page in -h" same_flags
    fi
fi

# The units, as installed, checked by systemd itself.
if command -v systemd-analyze >/dev/null; then
    Pfx=$T/prefix
    verify_units() {
        mk install PREFIX="$Pfx" >"$T/inst2.out" 2>&1 || { WHY="make install: $(show "$T/inst2.out")"; return 1; }
        MANPATH=$Pfx/share/man systemd-analyze verify \
            "$Pfx/lib/systemd/system/drongo.socket" \
            "$Pfx/lib/systemd/system/drongo.service" >"$T/verify.out" 2>&1 ||
            { WHY="$(show "$T/verify.out")"; return 1; }
        [ -s "$T/verify.out" ] && { WHY="warnings: $(show "$T/verify.out")"; return 1; }
        return 0
    }
    check "systemd-analyze verify accepts the units, without a warning" verify_units
    mk uninstall PREFIX="$Pfx" >/dev/null 2>&1
else
    skip "systemd-analyze verify accepts the units" "systemd-analyze not installed"
fi

# The units the chapter shows are the units installed.
shown_in_chapter() {
    local f line missing=0
    for f in drongo.socket drongo.service; do
        [ -s "$SRC_ROOT/deploy/$f" ] || { WHY="no deploy/$f"; return 1; }
        while IFS= read -r line; do
            [ -z "$line" ] && continue
            grep -qxF -- "$line" "$SRC_ROOT"/chapters/*-deploying.nw || { missing=1; WHY="chapter lacks $f line: $line"; }
        done <"$SRC_ROOT/deploy/$f"
    done
    [ "$missing" -eq 0 ]
}
check "the chapter shows the units as deploy/ has them" shown_in_chapter
