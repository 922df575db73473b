#!/usr/bin/env bash
# Stage 14: least privilege.  Started as root, drongo gives root up after
# binding and opening its directories: with -C it makes the docroot its
# root directory, then becomes -u USER[:GROUP] (default nobody; the ids
# read from /etc/passwd and /etc/group by hand), with setgroups, setgid,
# setuid, and checks that the drop held.  It will not serve as root (one
# line, exit 2) and names the capability a refused step lacks.  Started
# by a normal user it drops nothing and says nothing.  Every start sets
# no new privileges; Landlock confines the server's files to the docroot
# and the error pages (where the kernel has it); every worker installs a
# seccomp allow-list, and a forbidden call kills that worker with SIGSYS,
# not the server.  Where the kernel or qemu-user cannot, drongo says so
# once and serves.  The tests run the root cases when run as root (as in
# CI), the others as nobody through setpriv; the injection of forbidden
# calls needs gdb and the native architecture.
# shellcheck source=tests/lib.sh disable=SC2016
. "${BASH_SOURCE[0]%/*}/lib.sh"

SRC=${DRONGO%/*/drongo}/src            # build/stageNN/src
chmod 755 "$T"                          # nobody must reach the docroot
R=$T/root
mkdir -p "$R/d" "$T/pages"
printf 'a legitimate file\n' >"$R/a.txt"
printf 'SECRET beside the docroot\n' >"$T/secret.txt"
printf 'custom 404\n' >"$T/pages/404.html"
ln -s /etc/passwd "$R/passwd"
ln -s ../secret.txt "$R/evil"
ln -s / "$R/slash"
U() { printf 'http://127.0.0.1:%s%s' "$P" "$1"; }
IS_ROOT=0; [ "$(id -u)" = 0 ] && IS_ROOT=1
NATIVE=0; [ -z "$RUN" ] && NATIVE=1
NOBODY_GID=$(awk -F: '$1 == "nobody" { print $4 }' /etc/passwd)
DAEMON_GID=$(awk -F: '$1 == "daemon" { print $3 }' /etc/group)

# AS_NOBODY: the prefix that runs a command as the unprivileged user
# nobody (when root), or as this user (when not root).
AS_NOBODY=()
[ "$IS_ROOT" = 1 ] &&
    AS_NOBODY=(setpriv --reuid=nobody --regid="$NOBODY_GID" --clear-groups --)
as_nobody() { "${AS_NOBODY[@]}" "$@"; }
# start_as_nobody NAME ARGS...: start_server, as nobody.
start_as_nobody() {
    local name=$1; shift
    timeout -k 3 "$SERVER_LIFE" "${AS_NOBODY[@]}" $RUN "$DRONGO" "$@" \
        </dev/null >"$T/$name.out" 2>"$T/$name.err" &
    started "$name"
}

# status_field PID NAME: the value of NAME: in /proc/PID/status, tabs
# and runs of blanks made single spaces.
status_field() {
    awk -v f="$2:" '$1 == f { $1 = ""; sub(/^ /, ""); print; exit }' \
        "/proc/$1/status" 2>/dev/null
}
# creds PID UID GID GROUPS NNP SECCOMP: /proc/PID/status says so.
creds() {
    local pid=$1 got want
    got="Uid $(status_field "$pid" Uid); Gid $(status_field "$pid" Gid);"
    got+=" Groups [$(status_field "$pid" Groups)];"
    got+=" NoNewPrivs $(status_field "$pid" NoNewPrivs);"
    got+=" Seccomp $(status_field "$pid" Seccomp)"
    want="Uid $2 $2 $2 $2; Gid $3 $3 $3 $3; Groups [$4]; NoNewPrivs $5;"
    want+=" Seccomp $6"
    [ "$got" = "$want" ] && return 0
    WHY="$got; want $want"; return 1
}
# a_worker: the pid of one worker of the server last started, into WPID.
a_worker() {
    local c
    read -r c _ 2>/dev/null <"/proc/$SRV_PID/task/$SRV_PID/children"
    WPID=$c
    [ -n "$WPID" ] || { WHY="no worker found"; return 1; }
}
# answers PATH STATUS-LINE [BODY [CURL-ARGS...]]: PATH is answered with
# STATUS-LINE and, if given and not empty, BODY.
answers() {
    local path=$1 want=$2 body=${3-}; shift 2; shift || true
    get "$(U "$path")" "$T/g" "$@"
    v_curl "$T/g" && v_status "$T/g" "$want" || return 1
    [ -z "$body" ] || [ "$(cat "$T/g.b")" = "$body" ] && return 0
    WHY="body $(show "$T/g.b"), want $(printf %q "$body")"; return 1
}
serves_a() { answers /a.txt 'HTTP/1.1 200 OK' 'a legitimate file'; }
# sandbox_said NAME: the server NAME's stderr has the line that says what
# the sandbox lacks here exactly once when it lacks it (under qemu-user),
# and no such line on a native run on this kernel.
sandbox_said() {
    local n
    n=$(grep -c '^drongo: no seccomp filter here' "$T/$1.err")
    if [ "$NATIVE" = 1 ]; then
        [ "$n" -eq 0 ] && return 0
        WHY="native, yet: $(grep '^drongo: no' "$T/$1.err")"; return 1
    fi
    [ "$n" -eq 1 ] && return 0
    WHY="$n lines saying there is no filter, want 1; stderr $(show "$T/$1.err")"
    return 1
}
FILTERED=2; [ "$NATIVE" = 1 ] || FILTERED=0   # Seccomp: of a worker
if [ "$NATIVE" = 1 ]; then
    CASE="native: the filter is installed, nothing said of it"
else
    CASE="under qemu-user: no filter installed, said once"
fi

# --- the flags --------------------------------------------------------------

help_has_flags() {
    run_once -h
    grep -q '^  -u USER ' "$T/out" && grep -q '^  -C ' "$T/out" && return 0
    WHY="-h lacks -u or -C: $(show "$T/out")"; return 1
}
check "-h lists -u USER and -C" help_has_flags

# --- the account files, as a table -------------------------------------------

if [ "$ARCH" = "$(uname -m)" ] && command -v cc >/dev/null; then
    if cc -std=c11 -Wall -Wextra -Werror -I"$SRC" \
            "${BASH_SOURCE[0]%/*}/account-table.c" "$SRC/account.c" \
            -o "$T/account-table" 2>"$T/cc.err"; then
        "$T/account-table"
    else
        not_ok "account table builds hosted" "$(show "$T/cc.err")"
    fi
else
    skip "account table" "hosted, run once on the native architecture"
fi

# --- a normal user's start ----------------------------------------------------

new_port P
start_as_nobody user -P 1 -p "$P" -r "$R"
if check "started as a normal user: serves" wait_ready "$P"; then
    check "  a file" serves_a
    silent() {
        local extra
        extra=$(grep -v -e '^drongo: listening on ' \
                        -e '^drongo: no seccomp filter here' \
                        -e '^drongo: no Landlock here' "$T/user.err")
        [ -z "$extra" ] && return 0
        WHY="stderr says $(printf %q "$extra")"; return 1
    }
    check "  and says nothing of privileges" silent
    check "  $CASE" sandbox_said user
    uid=$(id -u nobody); [ "$IS_ROOT" = 1 ] || uid=$(id -u)
    gid=$NOBODY_GID; [ "$IS_ROOT" = 1 ] || gid=$(id -g)
    groups=''; [ "$IS_ROOT" = 1 ] || groups=$(status_field $$ Groups)
    check "  the master: its own ids, no new privileges, no filter" \
        creds "$SRV_PID" "$uid" "$gid" "$groups" 1 0
    if check "  a worker exists" a_worker; then
        check "  a worker: its own ids, no new privileges, filter $FILTERED" \
            creds "$WPID" "$uid" "$gid" "$groups" 1 "$FILTERED"
    fi
fi
stop_server "$SRV_TPID"

# refused_as_user WHAT ARGS...: a normal user's start with ARGS is one
# line naming WHAT, exit 2.
refused_as_user() {
    local what=$1; shift
    { timeout -k 2 "$ONCE_MAX" "${AS_NOBODY[@]}" $RUN "$DRONGO" "$@" </dev/null \
          >"$T/out" 2>"$T/err.all"; RC=$?; } 2>/dev/null
    grep -v -e '^drongo: listening on ' "$T/err.all" >"$T/err"
    [ "$RC" -eq 2 ] && is_one_line "$T/err" && grep -qF "$what" "$T/err" &&
        return 0
    WHY="$(rc_text "$RC"); stderr $(show "$T/err"), want one line with $what"
    return 1
}
new_port P
SELF=nobody; [ "$IS_ROOT" = 1 ] || SELF=$(id -un)
start_as_nobody self -P 1 -u "$SELF" -p "$P" -r "$R"
if check "-u naming the user who started it: serves" wait_ready "$P"; then
    self_silent() {
        grep -q -v -e '^drongo: listening on ' -e '^drongo: no ' \
            "$T/self.err" || return 0
        WHY="stderr $(show "$T/self.err")"; return 1
    }
    check "  and says nothing of privileges" self_silent
fi
stop_server "$SRV_TPID"
new_port P
check "-C as a normal user: refused, CAP_SYS_CHROOT named" \
    refused_as_user 'needs CAP_SYS_CHROOT' -P 1 -C -p "$P" -r "$R"
if [ "$IS_ROOT" = 1 ]; then
    check "-u daemon as nobody: refused, CAP_SETGID named" \
        refused_as_user 'needs CAP_SETGID' -P 1 -u daemon -p "$P" -r "$R"
else
    skip "-u daemon as nobody" "not run as root"
fi

# --- a root start -----------------------------------------------------------

if [ "$IS_ROOT" != 1 ]; then
    skip "every start as root" "not run as root; CI runs these"
    exit 0
fi

new_port P
start_server root -P 1 -p "$P" -r "$R" -e "$T/pages"
if check "started as root: serves" wait_ready "$P"; then
    check "  a file" serves_a
    check "  the master: nobody's ids, no groups, no new privileges" \
        creds "$SRV_PID" "$(id -u nobody)" "$NOBODY_GID" '' 1 0
    if check "  a worker exists" a_worker; then
        check "  a worker: the same, and filter $FILTERED" \
            creds "$WPID" "$(id -u nobody)" "$NOBODY_GID" '' 1 "$FILTERED"
    fi
    check "  $CASE" sandbox_said root
    custom_404() { answers /nothing 'HTTP/1.1 404 Not Found' 'custom 404'; }
    check "  -e pages, opened as root, still served" custom_404
fi
stop_server "$SRV_TPID"

new_port P
start_server group -P 1 -u nobody:daemon -p "$P" -r "$R"
if check "-u nobody:daemon: serves" wait_ready "$P"; then
    check "  as nobody, in group daemon from /etc/group" \
        creds "$SRV_PID" "$(id -u nobody)" "$DAEMON_GID" '' 1 0
fi
stop_server "$SRV_TPID"

refused_as_root() {
    local what=$1; shift
    run_once "$@"
    grep -v -e '^drongo: listening on ' "$T/err" >"$T/err.1"
    [ "$RC" -eq 2 ] && is_one_line "$T/err.1" && grep -qF -e "$what" "$T/err.1" &&
        return 0
    WHY="$(rc_text "$RC"); stderr $(show "$T/err.1"), want one line with $what"
    return 1
}
new_port P
check "-u root: refused in one line that says how, exit 2" \
    refused_as_root 'will not serve as root: give -u' -u root -p "$P" -r "$R"
check "-u root:daemon: refused too (the uid decides, not the group)" \
    refused_as_root 'will not serve as root' -u root:daemon -p "$P" -r "$R"
check "-u no-such-user: refused, exit 2" \
    refused_as_root "no user 'no-such-user' in /etc/passwd" \
    -u no-such-user -p "$P" -r "$R"
check "-u nobody:no-such-group: refused, exit 2" \
    refused_as_root "no group 'no-such-group' in /etc/group" \
    -u nobody:no-such-group -p "$P" -r "$R"

# --- -C: the docroot as the root -------------------------------------------

new_port P
start_server chroot -P 1 -C -p "$P" -r "$R"
if check "-C: serves" wait_ready "$P"; then
    check "  a file" serves_a
    root_is_docroot() {
        a_worker || return 1
        local got
        got=$(readlink "/proc/$WPID/root")
        [ "$got" = "$R" ] && return 0
        WHY="/proc/$WPID/root is $got, want $R"; return 1
    }
    check "  a worker's root directory is the docroot" root_is_docroot
    never_out() {
        local p
        for p in /passwd /evil /slash/etc/passwd /slash/ ; do
            curl -q --noproxy '*' -s --max-time "$CURL_MAX" --path-as-is \
                "$(U "$p")" >"$T/body"
            if grep -q -e 'root:x:0' -e SECRET "$T/body"; then
                WHY="$p served $(show "$T/body")"; return 1
            fi
        done
    }
    check "  links planted inside lead nowhere outside" never_out
fi
stop_server "$SRV_TPID"
traversal_suite GET -C

# --- writes under the drop and the sandbox ---------------------------------

W=$T/writable
mkdir -p "$W" && chown nobody "$W"
put_and_delete() {
    printf 'uploaded\n' >"$T/up.txt"
    answers /new.txt 'HTTP/1.1 201 Created' '' -H Expect: -T "$T/up.txt" ||
        return 1
    [ "$(cat "$W/new.txt" 2>/dev/null)" = uploaded ] ||
        { WHY="new.txt holds $(show "$W/new.txt")"; return 1; }
    answers /new.txt 'HTTP/1.1 204 No Content' '' -H Expect: -T "$T/up.txt" &&
        answers /new.txt 'HTTP/1.1 204 No Content' '' -X DELETE || return 1
    [ ! -e "$W/new.txt" ] || { WHY="new.txt still there"; return 1; }
    [ "$(stat -c %U "$W")" = nobody ] || { WHY="not nobody's"; return 1; }
}
new_port P
start_server writes -P 1 -C -w -p "$P" -r "$W"
if check "-C -w: serves" wait_ready "$P"; then
    check "  PUT creates and replaces, DELETE removes, as nobody, filtered" \
        put_and_delete
fi
stop_server "$SRV_TPID"
new_port P
start_as_nobody writes -P 1 -w -p "$P" -r "$W"
if check "-w, started as nobody (Landlock, where there is one): serves" \
        wait_ready "$P"; then
    check "  PUT creates and replaces, DELETE removes" put_and_delete
fi
stop_server "$SRV_TPID"

# --- forbidden calls, injected ---------------------------------------------

. "${BASH_SOURCE[0]%/*}/inject.sh"
if ! can_inject; then
    if [ "$NATIVE" = 1 ]; then
        skip "forbidden calls injected into a worker" "no gdb or objdump"
    else
        skip "forbidden calls injected into a worker" \
             "under qemu-user no filter is installed (checked: said once)"
    fi
    exit 0
fi
case $ARCH in
x86_64)  NR_SOCKET=41  NR_EXECVE=59  NR_OPENAT=257 ;;
aarch64) NR_SOCKET=198 NR_EXECVE=221 NR_OPENAT=56 ;;
esac

# killed_by_sigsys NAME: the last injection ended the worker with SIGSYS,
# the master said so, and is still serving.
killed_by_sigsys() {
    grep -q 'terminated with signal SIGSYS' <<<"$INJECTED" ||
        { WHY="gdb: $(tail -n 2 <<<"$INJECTED" | tr '\n' ' ')"; return 1; }
    poll "$SETTLE_MAX" grep -q "worker $WPID was killed by signal 31" \
        "$T/$1.err" || { WHY="master: $(show "$T/$1.err")"; return 1; }
    still_up && serves_a
}
for call in "socket:$NR_SOCKET 2 1 0" "execve:$NR_EXECVE 0 0 0"; do
    new_port P
    start_server sigsys -P 1 -C -p "$P" -r "$R"
    if wait_ready "$P" && a_worker; then
        inject "$WPID" ${call#*:}
        check "${call%%:*} injected into a worker kills it with SIGSYS; the master restarts it and serves" \
            killed_by_sigsys sigsys
    else
        not_ok "${call%%:*} injected into a worker" "${WHY:-no worker}"
    fi
    stop_server "$SRV_TPID"
done

# An allowed call that names a file outside: the chroot (root, -C) and
# Landlock (a normal user) each make it fail; without them it succeeds.
STR='set {char[12]} ($sp - 1024) = "/etc/passwd"'
open_fails() {
    local want=$1
    grep -q "result=$want\$" <<<"$INJECTED" && return 0
    WHY="openat gave $(grep -o 'result=.*' <<<"$INJECTED" ||
                       tail -n 1 <<<"$INJECTED"), want $want"; return 1
}
new_port P
start_server open -P 1 -C -p "$P" -r "$R"
if wait_ready "$P" && a_worker; then
    inject "$WPID" "$NR_OPENAT" -100 '$sp - 1024' 0 "$STR"
    check "-C: openat(\"/etc/passwd\") injected into a worker: ENOENT" \
        open_fails -2
fi
stop_server "$SRV_TPID"
new_port P
start_as_nobody ll -P 1 -p "$P" -r "$R"
if wait_ready "$P" && a_worker; then
    inject "$WPID" "$NR_OPENAT" -100 '$sp - 1024' 0 "$STR"
    if grep -q '^drongo: no Landlock here' "$T/ll.err"; then
        skip "Landlock: openat outside refused" "no Landlock on this kernel"
    else
        check "a normal user's start: openat(\"/etc/passwd\") injected: EACCES (Landlock)" \
            open_fails -13
    fi
fi
stop_server "$SRV_TPID"
