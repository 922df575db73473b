#!/usr/bin/env bash
# Stage 5: `drongo [-p PORT] [-b ADDR] [-c N] [-r DIR]` serves the regular
# files under the docroot DIR (default .) as application/octet-stream.
# The decoded path is split into segments: '..' is 400, a segment starting
# with '.' is 404 (hidden) except a first segment '.well-known', empty
# segments are ignored.  No symbolic link is followed anywhere in the path;
# directories, FIFOs and devices are 404; a file the server may not read
# is 403.  Then tests/traversal.sh attacks the docroot.
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

# Some servers start in another directory: the binary's path must not
# depend on the current one.
case $DRONGO in /*) ;; *) DRONGO=$PWD/$DRONGO ;; esac

H='Host: x\r\n'
# Error requests carry this word in their target: no error page may echo it.
MARK=xyzzy

# --- the docroot ---------------------------------------------------------------

W=$T/www
mkdir -p "$W/docs/sub/deep" "$W/.well-known/acme-challenge" "$W/docs/.well-known" \
    "$W/%2e%2e" "$W/lockdir"
printf 'hello, world\n' >"$W/hello.txt"
: >"$W/empty"
for i in $(seq 0 255); do printf "%b" "\\0$(printf %03o "$i")"; done >"$T/bytes"
cat "$T/bytes" "$T/bytes" >"$W/bytes.bin"
printf '\r\n\r\n\0HTTP/1.1 200 OK\r\n\r\n' >>"$W/bytes.bin"
head -c $((1024 * 1024 + 12345)) /dev/urandom >"$W/big.bin"
printf 'in docs\n' >"$W/docs/a.txt"
printf 'three levels down\n' >"$W/docs/sub/deep/c.txt"
printf 'Contact: mailto:security@example.org\n' >"$W/.well-known/security.txt"
printf 'token\n' >"$W/.well-known/acme-challenge/tok"
printf 'not the first segment\n' >"$W/docs/.well-known/x.txt"
printf 'hidden\n' >"$W/.hidden"
printf 'SECRET=1\n' >"$W/docs/.env"
printf 'two dots first\n' >"$W/..foo"
printf 'a space\n' >"$W/sp ace.txt"
printf 'in a directory named %%2e%%2e\n' >"$W/%2e%2e/x.txt"
printf 'locked\n' >"$W/locked.txt"
printf 'in a locked directory\n' >"$W/lockdir/f.txt"
ln -s hello.txt "$W/link.txt"
ln -s docs "$W/linkdir"
ln -s ../../../hello.txt "$W/docs/sub/deep/uplink"
mkfifo "$W/fifo"
LONGNAME=$(printf '%0300d' 0 | tr 0 n)

# --- an unprivileged user ------------------------------------------------------
#
# Permissions mean nothing to root, which opens any file whatever its mode,
# so the checks of them run as nobody when the tests run as root (as CI
# does): setpriv(1), from util-linux, drops to nobody's uid and gid and
# no supplementary groups before it runs the server.  nobody must reach
# the docroot and the binary: $T becomes traversable by everyone (not
# listable), and a copy of the binary goes into it.
UNPRIV_RUN=$RUN UNPRIV_BIN=$DRONGO UNPRIV_WHY=
if [ "$(id -u)" -eq 0 ]; then
    if ! command -v setpriv >/dev/null; then
        UNPRIV_WHY="running as root, and setpriv (util-linux) is not installed"
    elif ! id nobody >/dev/null 2>&1; then
        UNPRIV_WHY="running as root, and there is no user nobody"
    else
        g=nogroup; getent group nogroup >/dev/null || g=$(id -g nobody)
        chmod 711 "$T"
        cp "$DRONGO" "$T/drongo-unprivileged" && chmod 755 "$T/drongo-unprivileged"
        UNPRIV_RUN="setpriv --reuid=nobody --regid=$g --clear-groups $RUN"
        UNPRIV_BIN=$T/drongo-unprivileged
    fi
fi
# unprivileged CMD...: CMD with the server run as nobody when we are root.
unprivileged() { RUN=$UNPRIV_RUN DRONGO=$UNPRIV_BIN "$@"; }

# --- reading a raw response ------------------------------------------------------

# complete FILE: tests/http.sh's complete, but binary-safe, for the files
# served here hold NUL bytes, which a shell variable cannot: the body goes
# to FILE.body (the bytes after the blank line), not to RAW_BODY.  Sets
# STATUS (without its CR) and RAW_HEAD.
complete() {
    local head
    raw_closed "$1" || return 1
    { head=$(sed -n '1,/^\r$/p' "$1"; printf x); } 2>/dev/null  # NULs: never in a head
    head=${head%x}
    if [[ $head != *$'\r\n\r\n' ]]; then WHY="no CRLF CRLF in $(show "$1")"; return 1; fi
    tail -c +$((${#head} + 1)) "$1" >"$1.body"
    RAW_HEAD=${head%$'\r\n\r\n'}
    closing_head
}

# --- the checks on one exchange -----------------------------------------------------

# req METHOD TARGET: a request for TARGET (printf %b) with a Host field.
req() { printf '%s %s HTTP/1.1\\r\\n%s\\r\\n' "$1" "$2" "$H"; }

# serves TARGET FILE: GET TARGET gets 200, application/octet-stream, a
# Content-Length of FILE's size, and exactly FILE's bytes.
serves() {
    local size
    raw "$P" "$T/r" "$(req GET "$1")"
    complete "$T/r" && has_status "HTTP/1.1 200 OK" &&
        has_field Content-Type application/octet-stream || return 1
    size=$(wc -c <"$2")
    has_field Content-Length "$size" || return 1
    cmp -s "$T/r.body" "$2" && return 0
    WHY="body $(show "$T/r.body") ($(wc -c <"$T/r.body") bytes) is not $2 ($size bytes)"
    return 1
}

# head_like_get TARGET: HEAD TARGET gets exactly the head GET TARGET got,
# and no body.
head_like_get() {
    local g
    raw "$P" "$T/r" "$(req GET "$1")"
    complete "$T/r" && has_status "HTTP/1.1 200 OK" || { WHY="GET: $WHY"; return 1; }
    g=$RAW_HEAD
    raw "$P" "$T/r" "$(req HEAD "$1")"
    complete "$T/r" || { WHY="HEAD: $WHY"; return 1; }
    if [ "$RAW_HEAD" != "$g" ]; then
        WHY="HEAD head $(printf '%q' "$RAW_HEAD") differs from GET's $(printf '%q' "$g")"; return 1
    fi
    [ -s "$T/r.body" ] || return 0
    WHY="HEAD has a body: $(show "$T/r.body")"; return 1
}

# reason CODE: the reason phrase for CODE.
reason() {
    case $1 in
    400) echo "Bad Request" ;;          403) echo "Forbidden" ;;
    404) echo "Not Found" ;;            405) echo "Method Not Allowed" ;;
    414) echo "URI Too Long" ;;         501) echo "Not Implemented" ;;
    505) echo "HTTP Version Not Supported" ;;
    esac
}

# bad_raw REQUEST CODE: REQUEST (printf %b) gets the error page for CODE:
# the status line, an HTML page that names the code and does not echo
# the target, the right Content-Length, Connection: close.
bad_raw() {
    local body
    raw "$P" "$T/r" "$1"
    complete "$T/r" && has_status "HTTP/1.1 $2 $(reason "$2")" &&
        has_field Content-Type "text/html; charset=utf-8" &&
        has_field Content-Length "$(wc -c <"$T/r.body")" || return 1
    body=$(cat "$T/r.body")
    if [[ ${body,,} != *"<html"* ]]; then
        WHY="body is not an HTML page: $(show "$T/r.body")"; return 1
    fi
    if [[ $body != *"$2"* ]]; then
        WHY="body does not contain $2: $(show "$T/r.body")"; return 1
    fi
    if [[ $body == *"$MARK"* ]]; then
        WHY="body echoes the request target: $(show "$T/r.body")"; return 1
    fi
}

# bad TARGET CODE: GET TARGET gets the error page for CODE.
bad() { bad_raw "$(req GET "$1")" "$2"; }

# bad_head TARGET CODE: HEAD TARGET gets the head of the error page for
# CODE: its status line, Content-Type and a non-zero Content-Length, and
# no body.
bad_head() {
    local v
    raw "$P" "$T/r" "$(req HEAD "$1")"
    complete "$T/r" && has_status "HTTP/1.1 $2 $(reason "$2")" &&
        has_field Content-Type "text/html; charset=utf-8" || return 1
    v=$(rhdr Content-Length)
    if ! [[ $v =~ ^[1-9][0-9]*$ ]]; then WHY="Content-Length $(printf %q "$v")"; return 1; fi
    [ -s "$T/r.body" ] || return 0
    WHY="HEAD has a body: $(show "$T/r.body")"; return 1
}

# quick_404 TARGET: GET TARGET gets a 404 within 5 s (no waiting on a FIFO
# or device), and the server is still up.
quick_404() {
    RAW_MAX=5 bad "$1" 404 || return 1
    still_up
}

# curl_file TARGET FILE: curl fetches TARGET and gets FILE's bytes, with
# the right Content-Type, Content-Length and Connection.
curl_file() {
    local p=$T/cf${2##*/}
    get "http://127.0.0.1:$P$1" "$p"
    v_curl "$p" && v_status "$p" "HTTP/1.1 200 OK" && v_clen "$p" && v_conn "$p" || return 1
    local v; v=$(header "$p.h" Content-Type)
    [ "$v" = application/octet-stream ] || { WHY="Content-Type $(printf '%q' "$v")"; return 1; }
    cmp -s "$p.b" "$2" && return 0
    WHY="body ($(wc -c <"$p.b") bytes) differs from $2 ($(wc -c <"$2") bytes)"; return 1
}

# big_copy I: curl fetches /big.bin and gets every byte.
big_copy() {
    local p=$T/j$1
    get "http://127.0.0.1:$P/big.bin" "$p"
    v_curl "$p" && v_status "$p" "HTTP/1.1 200 OK" && v_clen "$p" || return 1
    cmp -s "$p.b" "$W/big.bin" && return 0
    WHY="body ($(wc -c <"$p.b") bytes) differs from big.bin"; return 1
}

# --- which way files are opened ------------------------------------------------------
#
# traced_open: start a server under a system call tracer (qemu's -strace
# under qemu-user, strace(1) when native), fetch a file three directories
# down and a symbolic link, and read in the trace how they were opened.
# Sets OPENED (a description); returns 0 if one of the two safe ways was
# seen, 1 (with WHY) if not, 2 (with WHY) if there is no way to look.
traced_open() {
    local tracer log pt lines
    OPENED=
    if [ -n "$RUN" ]; then
        case ${RUN%% *} in
        *qemu-*) tracer="$RUN -strace"; log=$T/traced.err ;;
        *) WHY="no tracer known for RUN=$RUN"; return 2 ;;
        esac
    else
        if ! command -v strace >/dev/null; then WHY="strace is not installed"; return 2; fi
        tracer="strace -f -qq -o $T/trace.txt -e trace=openat,openat2"
        log=$T/trace.txt
    fi
    new_port pt
    RUN=$tracer start_server traced -p "$pt" -r "$W"
    if ! wait_ready "$pt"; then
        stop_server "$SRV_TPID"
        WHY="the server did not start under $tracer: $WHY"; return 2
    fi
    raw "$pt" "$T/t1" "$(req GET /docs/sub/deep/c.txt)"
    raw "$pt" "$T/t2" "$(req GET /docs/sub/deep/uplink)"
    # The children write their trace as they go; give the last a moment.
    poll "$SETTLE_MAX" grep -qE 'uplink".*\) = ' "$log"
    stop_server "$SRV_TPID"
    if [ "$(status_of "$T/t1")" != 200 ] || [ "$(status_of "$T/t2")" != 404 ]; then
        WHY="under the tracer c.txt got $(status_of "$T/t1") and the link $(status_of "$T/t2"), want 200 and 404"
        return 1
    fi
    lines=$(grep -E 'openat|Unknown syscall 437' "$log" | grep -vE 'AT_FDCWD|"\."' | tr -s ' ' | head -c 600)

    # openat2 available: one call per file, beneath the root, no links.
    # (qemu's -strace may not decode the resolve flags; the link, which
    # points inside the docroot, being refused still shows no-symlinks.)
    local c2
    c2=$(grep -E 'openat2\(.*"docs/sub/deep/c\.txt".*\) = [0-9]+$' "$log")
    if [ -n "$c2" ] &&
       grep -qE 'openat2\(.*"docs/sub/deep/uplink".*= -1 (ELOOP|errno=40)' "$log"; then
        if [[ $c2 == *RESOLVE_BENEATH* && $c2 == *RESOLVE_NO_SYMLINKS* ]]; then
            OPENED="openat2(RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS) opens docs/sub/deep/c.txt in one call"
        elif [[ $c2 == *RESOLVE_* ]]; then
            WHY="openat2 without RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS: $c2"; return 1
        else
            OPENED="openat2 opens docs/sub/deep/c.txt in one call (flags not decoded)"
        fi
        OPENED+=" and refuses the link with ELOOP (seen with ${tracer%% *}${RUN:+ -strace})"
        return 0
    fi
    # openat2 missing: the walk, one component per openat.
    if grep -qE 'Unknown syscall 437|openat2\(.*= -1 (ENOSYS|errno=38)' "$log"; then
        local c
        for c in docs sub deep; do
            if ! grep -qE "openat\\([0-9]+, ?\"$c\",.*\\) = [0-9]+$" "$log"; then
                WHY="openat2 is missing, but no openat of the single component '$c': $lines"; return 1
            fi
        done
        if ! grep -qE 'openat\([0-9]+, ?"c\.txt",.*\) = [0-9]+$' "$log"; then
            WHY="openat2 is missing, but c.txt was not opened by its own name: $lines"; return 1
        fi
        if grep -qE 'openat\(.*"docs/' "$log"; then
            WHY="openat2 is missing, and openat was given a whole path: $lines"; return 1
        fi
        if ! grep -qE 'openat\([0-9]+, ?"uplink",.*= -1 (ELOOP|errno=40)' "$log"; then
            WHY="openat2 is missing, but the link was not refused with ELOOP by openat: $lines"; return 1
        fi
        OPENED="openat2 is ENOSYS here, so the fallback walk: openat(O_NOFOLLOW) of docs, sub, deep, c.txt one at a time, the link refused with ELOOP (seen with ${tracer%% *}${RUN:+ -strace})"
        return 0
    fi
    WHY="the trace shows neither openat2 beneath the root nor the openat walk: $lines"
    return 1
}

# --- flags ---------------------------------------------------------------------------

check "-h prints a usage line and exits 0" help_flag
check "-h mentions -r" eval 'run_once -h; grep -q -- "-r" "$T/out" || { WHY="usage: $(show "$T/out")"; false; }'

new_port PB
bad_server_flags "$PB"
check "-c 0 is refused"                        usage_error -p "$PB" -c 0
check "-r without a value is refused"          usage_error -p "$PB" -r
check "-r naming a missing directory: one 'drongo:' line, exit 2" \
    usage_error -p "$PB" -r "$T/no-such-dir"
check "-r naming a regular file: one 'drongo:' line, exit 2" \
    usage_error -p "$PB" -r "$W/hello.txt"
check "-r '' is refused"                       usage_error -p "$PB" -r ''
if [ -n "$UNPRIV_WHY" ]; then
    skip "-r naming a directory without permission (mode 000) is refused" "$UNPRIV_WHY"
else
    mkdir "$T/shut"; chmod 000 "$T/shut"
    check "-r naming a directory without permission (mode 000) is refused" \
        unprivileged usage_error -p "$PB" -r "$T/shut"
    chmod 755 "$T/shut"
fi

# --- serving files -----------------------------------------------------------------

new_port P
start_server main -p "$P" -r "$W"; MAIN_TPID=$SRV_TPID
if ! check "server starts with -p PORT -r DIR" wait_ready "$P"; then
    skip "every stage 5 request" "server did not start"
    exit 0
fi

check "curl GET /hello.txt: 200, application/octet-stream, exact Content-Length, Connection: close, the file's bytes" \
    curl_file /hello.txt "$W/hello.txt"
check "raw GET /hello.txt: exact head (CRLF line ends, Connection: close), the file's bytes" \
    serves /hello.txt "$W/hello.txt"
check "an empty file: 200, Content-Length: 0, no body" serves /empty "$W/empty"
check "a binary file (every byte value, NULs, CRLF CRLF inside): byte for byte" \
    serves /bytes.bin "$W/bytes.bin"
check "a 1 MiB + 12345 byte file: byte for byte (raw)" serves /big.bin "$W/big.bin"
check "a 1 MiB + 12345 byte file: byte for byte (curl)" curl_file /big.bin "$W/big.bin"
check "HEAD /hello.txt: the same head as GET, no body" head_like_get /hello.txt
check "HEAD /big.bin: the same head as GET (Content-Length 1060921), no body" head_like_get /big.bin
check "8 concurrent clients each get big.bin byte for byte" concurrently 8 big_copy
check "a file three directories down: /docs/sub/deep/c.txt" serves /docs/sub/deep/c.txt "$W/docs/sub/deep/c.txt"
check "HTTP/1.0 without Host: 200 with the file" \
    eval 'raw "$P" "$T/r" "GET /docs/a.txt HTTP/1.0\r\n\r\n"
          complete "$T/r" && has_status "HTTP/1.1 200 OK" &&
          { cmp -s "$T/r.body" "$W/docs/a.txt" || { WHY="body $(show "$T/r.body")"; false; }; }'
check "absolute form GET http://x/docs/a.txt: the file" serves http://x/docs/a.txt "$W/docs/a.txt"
check "the query is ignored: /hello.txt?x=../../secret" serves '/hello.txt?x=../../secret' "$W/hello.txt"
check "percent-decoding: /sp%20ace.txt is 'sp ace.txt'" serves /sp%20ace.txt "$W/sp ace.txt"
check "percent-decoding: /%68ello.txt is hello.txt" serves /%68ello.txt "$W/hello.txt"
check "percent-decoding: /docs%2fa.txt is docs/a.txt" serves /docs%2fa.txt "$W/docs/a.txt"
check "decoded once: /%252e%252e/x.txt is the file in the directory named '%2e%2e'" \
    serves /%252e%252e/x.txt "$W/%2e%2e/x.txt"
check "a file rewritten between requests is served with its new length and bytes" \
    eval 'printf "a longer hello, world, rewritten\n" >"$W/hello.txt" &&
          serves /hello.txt "$W/hello.txt"'

# --- the segment rules ---------------------------------------------------------------

check "empty segments are ignored: /docs//a.txt is served" serves /docs//a.txt "$W/docs/a.txt"
check "empty segments are ignored: //docs///sub//deep/c.txt is served" \
    serves //docs///sub//deep/c.txt "$W/docs/sub/deep/c.txt"
check "a trailing / is an empty segment: /docs/a.txt/ is served" serves /docs/a.txt/ "$W/docs/a.txt"
check "/.well-known/security.txt is served (the first segment may be .well-known)" \
    serves /.well-known/security.txt "$W/.well-known/security.txt"
check "/.well-known/acme-challenge/tok is served" \
    serves /.well-known/acme-challenge/tok "$W/.well-known/acme-challenge/tok"
check "/%2ewell-known/security.txt is served (decoded first)" \
    serves /%2ewell-known/security.txt "$W/.well-known/security.txt"
check "/docs/.well-known/x.txt: 404 (.well-known only as the first segment)" \
    bad /docs/.well-known/x.txt 404
check "/.hidden: 404"                     bad /.hidden 404
check "/docs/.env: 404"                   bad /docs/.env 404
check "/..foo (hidden, not '..'): 404"    bad /..foo 404
check "/%2ehidden (decoded to .hidden): 404" bad /%2ehidden 404
check "a '.' segment, /./hello.txt: 404"  bad /./hello.txt 404
check "a '.' segment, /docs/./a.txt: 404" bad /docs/./a.txt 404
check "a '..' segment, /docs/../hello.txt (which stays inside): 400" bad /docs/../hello.txt 400
check "a '..' segment, /%2e%2e/$MARK: 400" bad /%2e%2e/$MARK 400
check "a '..' segment at the end, /docs/..: 400" bad /docs/.. 400
check "a '..' before a hidden one, /../.hidden: 400" bad /../.hidden 400

# --- what is not served ------------------------------------------------------------------

check "a missing file, /$MARK.txt: 404 page that does not echo the path" bad /$MARK.txt 404
check "a missing directory, /$MARK/a.txt: 404" bad /$MARK/a.txt 404
check "a file used as a directory, /hello.txt/x: 404" bad /hello.txt/x 404
check "a 300-byte name: 404" bad "/$LONGNAME" 404
check "the docroot, /: 404 (no directories in this stage)" bad / 404
check "a directory, /docs: 404"         bad /docs 404
check "a directory, /docs/: 404"        bad /docs/ 404
check "a directory, /.well-known/: 404" bad /.well-known/ 404
check "a symbolic link to a file inside, /link.txt: 404" bad /link.txt 404
check "a file beneath a symlinked directory, /linkdir/a.txt: 404" bad /linkdir/a.txt 404
check "a symlinked directory itself, /linkdir: 404" bad /linkdir 404
check "a symbolic link three levels down, /docs/sub/deep/uplink: 404" bad /docs/sub/deep/uplink 404
check "HEAD of a symbolic link: 404 head, no body" bad_head /link.txt 404
check "a FIFO, /fifo: 404 within 5 s, server still up" quick_404 /fifo
check "HEAD of a FIFO: 404 head within 5 s, no body" eval 'RAW_MAX=5 bad_head /fifo 404'
check "beneath a FIFO, /fifo/x: 404 within 5 s" quick_404 /fifo/x
if mknod "$W/nulldev" c 1 3 2>/dev/null && mknod "$W/zerodev" c 1 5 2>/dev/null; then
    check "a character device (1,3 like /dev/null): 404 within 5 s" quick_404 /nulldev
    check "a character device (1,5 like /dev/zero): 404 within 5 s" quick_404 /zerodev
else
    skip "a character device: 404" "mknod is not permitted here"
fi
# A second server, as nobody when we are root, on the same docroot.
if [ -n "$UNPRIV_WHY" ]; then
    skip "an unreadable file (mode 000): 403 Forbidden" "$UNPRIV_WHY"
    skip "a file in a directory without permission (mode 000): 403 Forbidden" "$UNPRIV_WHY"
else
    MAIN_P=$P MAIN_PID=$SRV_PID MAIN_NAME=$SRV_NAME
    new_port P
    unprivileged start_server unprivileged -p "$P" -r "$W"
    if check "the server starts unprivileged${UNPRIV_RUN:+ ($UNPRIV_RUN)}" wait_ready "$P"; then
        check "unprivileged, /hello.txt is served" serves /hello.txt "$W/hello.txt"
        chmod 000 "$W/locked.txt" "$W/lockdir"
        check "an unreadable file (mode 000): 403 Forbidden" bad /locked.txt 403
        check "a file in a directory without permission (mode 000): 403 Forbidden" bad /lockdir/f.txt 403
        chmod 755 "$W/lockdir"; chmod 644 "$W/locked.txt"
    else
        skip "403 for files the server may not read" "the unprivileged server did not start"
    fi
    stop_server "$SRV_TPID"
    P=$MAIN_P SRV_TPID=$MAIN_TPID SRV_PID=$MAIN_PID SRV_NAME=$MAIN_NAME
fi
check "the server is still up, and serves /hello.txt" serves /hello.txt "$W/hello.txt"

# --- stage 4's parser still applies --------------------------------------------------

check "POST /hello.txt: 405 page, Allow: GET, HEAD" \
    eval 'bad_raw "$(req POST /hello.txt)" 405 && has_field Allow "GET, HEAD"'
check "BREW /hello.txt: 501"            bad_raw "$(req BREW /hello.txt)" 501
check "HTTP/2.0: 505"                   bad_raw "GET /hello.txt HTTP/2.0\r\n$H\r\n" 505
check "HTTP/1.1 without Host: 400"      bad_raw "GET /hello.txt HTTP/1.1\r\n\r\n" 400
check "/hello.txt%00: 400"              bad /hello.txt%00 400
check "a malformed escape, /hello%zz.txt: 400" bad /hello%zz.txt 400
long=$(printf "%08200d" 0 | tr 0 a)
check "a target of 8201 bytes: 414"     bad "/$MARK$long" 414

# --- which way files are opened --------------------------------------------------

traced_open; r=$?
case $r in
0) ok "$ARCH opens files safely: $OPENED" ;;
1) not_ok "$ARCH opens files with openat2 beneath the docroot or the openat(O_NOFOLLOW) walk" "$WHY" ;;
*) skip "which way $ARCH opens files" "$WHY" ;;
esac

# --- the docroot descriptor ----------------------------------------------------------

# The server opened the docroot once: renaming the directory does not
# change what it serves.
check "after the docroot is renamed, its files are still served" \
    eval 'mv "$W" "$T/www-moved" && W=$T/www-moved && serves /docs/a.txt "$W/docs/a.txt"'
stop_server "$MAIN_TPID"

# The default docroot is the current directory, and a relative -r is
# relative to it.
here=$PWD
new_port P
cd "$W" && start_server dot -p "$P"
cd "$here" || exit 0
if check "without -r the server starts (docroot .)" wait_ready "$P"; then
    check "without -r, files under the current directory are served" \
        serves /docs/sub/deep/c.txt "$W/docs/sub/deep/c.txt"
fi
stop_server "$SRV_TPID"
new_port P
cd "$T" && start_server rel -p "$P" -r "${W##*/}/docs"
cd "$here" || exit 0
if check "-r with a relative path: the server starts" wait_ready "$P"; then
    check "-r with a relative path: files under it are served" serves /a.txt "$W/docs/a.txt"
fi
stop_server "$SRV_TPID"

# --- the attack suite ------------------------------------------------------------------

# It takes the upper half of our ports.
DRONGO=$DRONGO RUN=$RUN ARCH=$ARCH PORT_BASE=$((PORT_BASE + 50)) \
    bash "${BASH_SOURCE[0]%/*}/traversal.sh"

exit 0
