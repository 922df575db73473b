#!/usr/bin/env bash
# tests/traversal.sh: the path traversal attack suite, for every stage
# that serves files.  It plants a secret beside a docroot, symbolic links
# out of it and within it, and dotfiles in it; starts the server on that
# docroot; and sends well over a hundred spellings of "a file outside the
# docroot, a link, or a dotfile".  Every one must be refused with 400, 403,
# 404 or 414, and no answer may contain the secret, a dotfile's contents
# or /etc/passwd.  Then the legitimate files must still be served.
# Requests say Connection: close, so that a server that keeps connections
# open still ends each exchange.
#
# With METHOD=PUT or METHOD=DELETE (for a server started with -w), the
# same targets are written to or deleted instead; each must be refused
# with 400, 403, 405, 409 or 414 (a PUT may also create a file inside the
# docroot: 201), and afterwards nothing outside the docroot, no link and
# no dotfile in it, and none of its legitimate files may have changed.
#
# Environment: as for lib.sh (DRONGO, RUN, ARCH, PORT_BASE), and
#   EXTRA_ARGS  more flags for the server, split on blanks (default none)
#   METHOD      GET (the default), PUT or DELETE
#
# Every payload prints one line, with the status the server gave:
#   ok - traversal: GET /../secret.txt -> 400
#   ok - traversal PUT: PUT /../secret.txt -> 400
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

EXTRA_ARGS=${EXTRA_ARGS-}
METHOD=${METHOD:-GET}
TAG=traversal                   # the prefix of every line
[ "$METHOD" = GET ] || TAG="traversal $METHOD"
case $METHOD in
PUT)    WANT='201|400|403|405|409|414'; BODY='Content-Length: 1\r\n\r\nx' ;;
DELETE) WANT='400|403|404|405|414'; BODY='\r\n' ;;
*)      WANT='400|403|404|414'; BODY='\r\n' ;;
esac

# --- the layout ---------------------------------------------------------------
#
#   $W/secret.txt                 SECRET, beside the docroot ($W=$T/world)
#   $W/root/index.html
#   $W/root/docs/a.txt            a legitimate file
#   $W/root/docs/sub/b.txt        another, one level deeper
#   $W/root/.well-known/security.txt   served: the one dotted exception
#   $W/root/.hidden, .git/config, docs/.env   HIDDEN, never served
#   $W/root/docs/evil   -> ../../secret.txt   link out, relative
#   $W/root/up          -> ..                 linked directory out
#   $W/root/abs         -> $W/secret.txt      link out, absolute
#   $W/root/inside      -> docs/a.txt         link within
#   $W/root/linkdir     -> docs               linked directory within
#   $W/root/passwd      -> /etc/passwd
#   $W/root/slash       -> /
#   $W/root/procself    -> /proc/self         magic links beneath it

SECRET="drongo-secret-$$-$RANDOM$RANDOM-$(now_us)"
HIDDEN="drongo-dotfile-$$-$RANDOM$RANDOM"
PASSWD='root:x:0:0'
W=$T/world
R=$W/root

mkdir -p "$R/docs/sub" "$R/.git" "$R/.well-known"
printf '<!doctype html><title>drongo</title>\n' >"$R/index.html"
printf 'a legitimate file\n' >"$R/docs/a.txt"
printf 'one level deeper\n' >"$R/docs/sub/b.txt"
printf 'Contact: mailto:security@example.org\n' >"$R/.well-known/security.txt"
printf '%s\n' "$SECRET" >"$W/secret.txt"
printf '%s .hidden\n' "$HIDDEN" >"$R/.hidden"
printf '[core]\n\t# %s .git/config\n' "$HIDDEN" >"$R/.git/config"
printf 'TOKEN=%s\n' "$HIDDEN" >"$R/docs/.env"
ln -s ../../secret.txt "$R/docs/evil"
ln -s .. "$R/up"
ln -s "$W/secret.txt" "$R/abs"
ln -s docs/a.txt "$R/inside"
ln -s docs "$R/linkdir"
if [ "$METHOD" = GET ]; then
    ln -s /etc/passwd "$R/passwd"
    ln -s / "$R/slash"
    ln -s /proc/self "$R/procself"
else
    # A server that wrote through these links would write the machine's
    # own files, as root in CI: for writes they lead to decoys instead,
    # laid out like the real thing, and the server's working directory
    # (which /proc/self/cwd reaches) is the decoy too.
    D=$W/decoy
    mkdir -p "$D/etc" "$D/self"
    printf '%s:decoy\n' "$PASSWD" >"$D/etc/passwd"
    ln -s "$D" "$D/self/root"
    ln -s "$W" "$D/self/cwd"
    ln -s "$D/etc/passwd" "$R/passwd"
    ln -s "$D" "$R/slash"
    ln -s "$D/self" "$R/procself"
fi

# layout_real: each planted link really reaches what it names, so a
# server that followed it would leak; the suite is not attacking air.
layout_real() {
    local f
    for f in "$R/docs/evil" "$R/up/secret.txt" "$R/abs"; do
        grep -qF "$SECRET" "$f" 2>/dev/null || { WHY="$f does not reach the secret"; return 1; }
    done
    cmp -s "$R/inside" "$R/docs/a.txt" || { WHY="$R/inside does not reach docs/a.txt"; return 1; }
    cmp -s "$R/linkdir/sub/b.txt" "$R/docs/sub/b.txt" || { WHY="$R/linkdir is not docs"; return 1; }
    grep -q "^$PASSWD" "$R/passwd" || { WHY="/etc/passwd has no $PASSWD line"; return 1; }
    grep -q "^$PASSWD" "$R/slash/etc/passwd" || { WHY="$R/slash does not reach /"; return 1; }
    grep -q "^$PASSWD" "$R/procself/root/etc/passwd" 2>/dev/null ||
        { WHY="$R/procself/root does not reach /"; return 1; }
}

# --- one payload ----------------------------------------------------------------

N=0                 # payloads sent
ALL=$T/all          # every answer, one after the other
: >"$ALL"

# leaks FILE: WHY names the first forbidden thing FILE contains.
leaks() {
    if grep -aqF "$SECRET" "$1"; then WHY="the answer contains the secret"; return 0; fi
    if grep -aqF "$HIDDEN" "$1"; then WHY="the answer contains a dotfile"; return 0; fi
    if grep -aqF "$PASSWD" "$1"; then WHY="the answer contains /etc/passwd ($PASSWD)"; return 0; fi
    return 1
}

# judge DESC FILE CODE: print the line for one payload whose answer is FILE
# and whose status code is CODE (empty if none came).
judge() {
    local desc=$1 file=$2 code=$3
    cat "$file" >>"$ALL" 2>/dev/null
    WHY=
    if leaks "$file"; then
        :
    elif [ -z "$code" ]; then
        WHY="no status line; got $(show "$file")"
    elif ! [[ $code =~ ^($WANT)$ ]]; then
        WHY="status $code, want one of ${WANT//|/, }"
    fi
    if [ -n "$WHY" ]; then
        not_ok "$TAG: $desc -> ${code:-nothing}" "$WHY"
    else
        ok "$TAG: $desc -> $code"
    fi
}

# status_of FILE: the status code in the raw answer FILE, or nothing.
# Not tests/http.sh's status_of: any server is judged here, so an HTTP/1.0
# status line counts too, but only a whole line, ending in CR.
status_of() {
    local line
    IFS= read -r line 2>/dev/null <"$1"
    [[ $line =~ ^HTTP/1\.[01]\ ([0-9]{3})\ .*$'\r'$ ]] && printf '%s' "${BASH_REMATCH[1]}"
}

# send DESC REQUEST: REQUEST (printf %b escapes) over a raw connection.
send() {
    local f code
    N=$((N + 1)); f=$T/a$N
    raw "$P" "$f" "$2"
    code=$(status_of "$f")
    if [ "$RAW_RC" -ne 0 ]; then
        cat "$f" >>"$ALL" 2>/dev/null
        leaks "$f" || WHY="$(raw_rc_text); got $(show "$f")"
        not_ok "$TAG: $1 -> ${code:-nothing}" "$WHY"
        return
    fi
    judge "$1" "$f" "$code"
}

# attack TARGET [LABEL]: METHOD TARGET, sent byte for byte as written (a
# backslash in TARGET is a backslash).  LABEL replaces TARGET in the line.
attack() {
    local t=${1//\\/\\\\}
    send "$METHOD ${2:-$1}" "$METHOD $t HTTP/1.1\r\nHost: x\r\nConnection: close\r\n$BODY"
}

# with_curl PATH: METHOD PATH with curl --path-as-is, which sends it
# unchanged.
with_curl() {
    local p code args=()
    N=$((N + 1)); p=$T/c$N
    [ "$METHOD" = GET ] || args=(-X "$METHOD")
    [ "$METHOD" = PUT ] && args+=(--data-binary x)
    get "http://127.0.0.1:$P$1" "$p" --path-as-is "${args[@]}"
    cat "$p.h" "$p.b" >"$p.all" 2>/dev/null
    if [ "$CURL_RC" -ne 0 ]; then
        cat "$p.all" >>"$ALL"
        leaks "$p.all" || WHY="curl exit $CURL_RC: $(head -c 120 "$p.e" | tr '\n' ' ')"
        not_ok "$TAG: curl --path-as-is $1 -> ${CODE:-nothing}" "$WHY"
        return
    fi
    code=$CODE; [ "$code" = 000 ] && code=
    judge "curl --path-as-is $1" "$p.all" "$code"
}

# --- legitimate files --------------------------------------------------------------

# served TARGET FILE: GET TARGET (raw) gets 200 with exactly FILE's bytes.
served() {
    local f=$T/legit head n
    raw "$P" "$f" "GET $1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    raw_closed "$f" || return 1
    [ "$(status_of "$f")" = 200 ] || { WHY="status line $(head -n 1 "$f" | head -c 60 | tr -d '\r')"; return 1; }
    head=$(sed -n '1,/^\r$/p' "$f"; printf x); head=${head%x}
    n=${#head}
    tail -c +$((n + 1)) "$f" >"$f.body"
    cmp -s "$f.body" "$2" && return 0
    WHY="body $(show "$f.body"), want $(show "$2")"; return 1
}

# --- the run ---------------------------------------------------------------------

check "$TAG layout: every planted link reaches the secret, / or docs" layout_real

# snapshot: what no payload may change: everything beside the docroot,
# every link and dotfile in it (what it is, its size, inode, time, and a
# link's target), its legitimate files' contents, and /etc/passwd.
snapshot() {
    find "$W" -path "$R" -prune -o -printf '%p %y %s %i %T@ %l\n'
    find "$R" \( -type l -o -path '*/.*' \) -printf '%p %y %s %i %T@ %l\n'
    cksum "$R/index.html" "$R/docs/a.txt" "$R/docs/sub/b.txt" /etc/passwd
    stat -c '%n %i %s %Y' /etc/passwd
}
snapshot | sort >"$T/before"

new_port P
# shellcheck disable=SC2086
if [ "$METHOD" = GET ]; then
    start_server traversal $EXTRA_ARGS -p "$P" -r "$R"
else
    DRONGO=$(realpath "$DRONGO")
    cd "$D" || exit 0
    start_server traversal $EXTRA_ARGS -p "$P" -r "$R"
    cd "$OLDPWD" || exit 0
fi
if ! check "$TAG: server starts with -r DOCROOT${EXTRA_ARGS:+ $EXTRA_ARGS}" wait_ready "$P"; then
    skip "$TAG: every payload" "server did not start"
    exit 0
fi
check "$TAG: before the attacks, /docs/a.txt is served" served /docs/a.txt "$R/docs/a.txt"

# Plain dot-dot chains, at several depths and from inside the docroot.
attack /../secret.txt
attack /../../secret.txt
attack /../../../secret.txt
attack /../../../../../../../../../../secret.txt
attack /docs/../../secret.txt
attack /docs/sub/../../../secret.txt
attack /docs/a.txt/../../secret.txt
attack /..
attack /../
attack /docs/../.git/config

# Percent-encoded dots and slashes: decoded before the segments are judged.
attack /%2e%2e/secret.txt
attack /%2E%2E%2Fsecret.txt
attack /%2e%2E/secret.txt
attack /.%2e/secret.txt
attack /%2e./secret.txt
attack /..%2fsecret.txt
attack /..%2Fsecret.txt
attack /docs/..%2f..%2fsecret.txt
attack /%2e%2e%2f%2e%2e%2fsecret.txt
attack /docs%2f..%2f..%2fsecret.txt
attack /%2e%2e%5csecret.txt
attack /..%5c..%5csecret.txt

# Double and broken encodings: one decoding leaves a harmless name, or an
# error.
attack /%252e%252e%252fsecret.txt
attack /%252e%252e/secret.txt
attack /..%252fsecret.txt
attack /%%32%65%%32%65/secret.txt
attack /%u002e%u002e/secret.txt
attack /%2e%2e%2/secret.txt

# Overlong UTF-8 spellings of '.', '/' and '\'.
attack /%c0%ae%c0%ae/secret.txt
attack /%e0%80%ae%e0%80%ae/secret.txt
attack /%f0%80%80%ae%f0%80%80%ae/secret.txt
attack /..%c0%afsecret.txt
attack /%c0%ae%c0%ae%c0%afsecret.txt
attack /..%e0%80%afsecret.txt
attack /..%c1%9csecret.txt

# Backslashes, raw and encoded.
attack '/..\..\secret.txt'
attack '/docs\..\..\secret.txt'
attack '/docs/..\..\secret.txt'
attack '/\..\secret.txt'
attack /..%5csecret.txt

# Absolute paths.
attack //etc/passwd
attack ///etc/passwd
attack /%2fetc/passwd
attack /%2Fetc%2Fpasswd
attack /../../../../etc/passwd
attack /%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd
attack /..%2f..%2f..%2f..%2fetc%2fpasswd
attack /etc/passwd
attack /proc/self/root/etc/passwd
attack file:///etc/passwd
attack '\etc\passwd'
attack "/$W/secret.txt" "/ + the secret's absolute path"
attack "$W/secret.txt" "the secret's absolute path"

# Absolute-form targets: the authority is skipped, the path judged as usual.
attack http://x/../secret.txt
attack http://x/%2e%2e/secret.txt
attack http://x/..%2fsecret.txt
attack http://x/docs/../../secret.txt
attack http://x//etc/passwd
attack HTTP://x/%2E%2E/secret.txt
attack https://x/../secret.txt
attack http:///../secret.txt
attack http://../secret.txt
attack http:/../secret.txt

# NUL, encoded and raw.
attack /secret.txt%00.html
attack /%00../secret.txt
attack /..%00/secret.txt
attack /docs/evil%00
attack /docs/a.txt%00/../../secret.txt
send "$METHOD /..<NUL>/secret.txt (a raw NUL byte)" "$METHOD /..\\0/secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n$BODY"

# Symbolic links, out of the docroot and within it.
attack /docs/evil
attack /docs/evil/
attack /up/secret.txt
attack /up/root/docs/a.txt
attack /up/up/up/secret.txt
attack /up
attack /abs
attack /inside
attack /linkdir/a.txt
attack /linkdir/sub/b.txt
attack /linkdir/../../secret.txt
attack /linkdir
attack /passwd
attack /slash/etc/passwd
attack "/slash$W/secret.txt" "/slash + the secret's absolute path"
attack /procself/root/etc/passwd
attack /procself/cwd/secret.txt
attack /%64ocs/evil
attack /u%70/secret.txt

# Dotfiles.
attack /.hidden
attack /.git/config
attack /.git/
attack /docs/.env
attack /%2egit/config
attack /%2Ehidden
attack /./.hidden
attack /.well-known/../.git/config
attack /.well-known/../../secret.txt
attack /.well-known/%2e%2e/%2e%2e/secret.txt
attack /.well-known/../.hidden

# ';' and '?' tricks.
attack '/..;/secret.txt'
attack '/docs/..;/..;/secret.txt'
attack '/;/../secret.txt'
attack '/docs;/../../secret.txt'
attack '/docs/..?/secret.txt'
attack '/..?x=/secret.txt'
attack '/docs/..%3f/secret.txt'
attack '/..%3b/secret.txt'
attack '/../secret.txt#'

# Very long targets.
chain=$(printf 'a/../%.0s' $(seq 1 1598))
attack "/${chain}secret.txt" "/a/../ x 1598 + secret.txt (8001 bytes)"
chain=$(printf '../%.0s' $(seq 1 2660))
attack "/${chain}secret.txt" "/../ x 2660 + secret.txt (7991 bytes)"
chain=$(printf '../%.0s' $(seq 1 3000))
attack "/${chain}secret.txt" "/../ x 3000 + secret.txt (9011 bytes)"
chain=$(printf '%0300d' 0 | tr 0 a)
attack "/$chain/../../secret.txt" "/a x 300/../../secret.txt"
attack "/docs/$chain" "/docs/a x 300 (a name too long for any file system)"

# Mixed './' and '//'.
attack //..//..//secret.txt
attack /./../secret.txt
attack /.//..//secret.txt
attack /docs/.//..//..//secret.txt
attack /docs//sub//..//..//..//secret.txt
attack /docs/./../../secret.txt

# Unicode lookalikes: fullwidth full stop, one dot leader, fullwidth and
# other slashes.
attack /%ef%bc%8e%ef%bc%8e/secret.txt
attack /%e2%80%a4%e2%80%a4/secret.txt
attack /..%ef%bc%8fsecret.txt
attack /..%e2%88%95secret.txt
attack /..%e2%81%84secret.txt
attack /..%ef%bc%bcsecret.txt
send "$METHOD /<fullwidth dots, raw UTF-8>/secret.txt" \
    "$METHOD /\\xef\\xbc\\x8e\\xef\\xbc\\x8e/secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n$BODY"

# Trailing dots, spaces and other decorations.
attack /../secret.txt.
attack /..%20/secret.txt
attack /%20../secret.txt
attack /...
attack /..../secret.txt
attack /.../.../secret.txt
attack /..%09/secret.txt
attack /..%0d%0a/secret.txt
attack /docs/evil.
attack /docs/evil%20
attack '/abs::$DATA'

# Other methods, versions and fields (reads only: a HEAD answers as a GET).
if [ "$METHOD" = GET ]; then
send "HEAD /../secret.txt" 'HEAD /../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
send "HEAD /docs/evil" 'HEAD /docs/evil HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
send "GET /../secret.txt HTTP/1.0, no Host" 'GET /../secret.txt HTTP/1.0\r\n\r\n'
send "GET /secret.txt with Host: .." 'GET /secret.txt HTTP/1.1\r\nHost: ..\r\nConnection: close\r\n\r\n'
send "GET /secret.txt with Host: x/.." 'GET /secret.txt HTTP/1.1\r\nHost: x/..\r\nConnection: close\r\n\r\n'
fi

# The same with a real client.
with_curl /../secret.txt
with_curl /docs/../../secret.txt
with_curl /%2e%2e/secret.txt
with_curl /docs/evil
with_curl /up/secret.txt
with_curl /abs
with_curl /.git/config
with_curl //etc/passwd
with_curl /..%2f..%2f..%2f..%2fetc/passwd

# --- after the attacks ------------------------------------------------------------

check "$TAG: none of the $N answers contains the secret, a dotfile or $PASSWD" \
    eval '! leaks "$ALL"'
check "$TAG: server still up after $N payloads" still_up
unchanged() {
    snapshot | sort >"$T/after"
    cmp -s "$T/before" "$T/after" && return 0
    WHY="changed: $(diff "$T/before" "$T/after" | grep '^[<>]' | head -n 2 | tr '\n' ' ')"; return 1
}
check "$TAG: nothing beside the docroot, no link or dotfile in it, no legitimate file and not /etc/passwd changed" unchanged
check "$TAG: /docs/a.txt is still served, byte for byte" served /docs/a.txt "$R/docs/a.txt"
check "$TAG: /docs/sub/b.txt is served" served /docs/sub/b.txt "$R/docs/sub/b.txt"
check "$TAG: /.well-known/security.txt is served" \
    served /.well-known/security.txt "$R/.well-known/security.txt"
stop_server "$SRV_TPID"

exit 0
