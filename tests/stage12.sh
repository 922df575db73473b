#!/usr/bin/env bash
# Stage 12: writing files.  Without -w, PUT and DELETE are 405 with
# "Allow: GET, HEAD, OPTIONS"; OPTIONS (also OPTIONS *) is answered either
# way with an Allow that tells the truth.  With -w, PUT stores a body
# (Content-Length or chunked, extensions skipped, trailers discarded) in a
# file without a name in the target's directory and links or renames it
# into place only when it is complete: 201 with Location for a new file,
# 204 for a replaced one, mode 0644 less the umask.  A body over -m is 413
# (a chunked one cut off, nothing stored); no length 411; Content-Range
# 400; a coding before chunked 501; 100 Continue only when every check
# has passed.  A client that leaves, a body that ends short, a full disk
# (507) and a child killed with SIGKILL leave the old file whole and no
# file behind.  Missing parent 409; dotfiles, links, FIFOs, directories
# are never written; DELETE removes regular files (204), 404 when
# missing.  If-Match, If-None-Match: * and If-Unmodified-Since hold for
# PUT and DELETE, also for two clients racing.  The log ends the lines of
# PUT and DELETE with the bytes received.  The traversal suite runs as
# GET, PUT and DELETE.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

R=$T/root                       # the docroot
READING='GET, HEAD, OPTIONS'
WRITING='GET, HEAD, OPTIONS, PUT, DELETE'
MAX=8388608                     # -m of the main server: 8 MiB
MOUNTED=''                      # a tmpfs mounted in the docroot, if any

# The tmpfs must be unmounted before lib.sh removes $T.
LIB_EXIT=$(trap -p EXIT); LIB_EXIT=${LIB_EXIT#"trap -- '"}; LIB_EXIT=${LIB_EXIT%"' EXIT"}
trap '[ -n "$MOUNTED" ] && umount -l "$MOUNTED" 2>/dev/null; eval "${LIB_EXIT:-:}"' EXIT

# --- the docroot -----------------------------------------------------------
#
#   /docs/a.txt, /docs/sub/    files to replace, and a directory
#   /.hidden, /docs/.env       dotfiles
#   /link -> docs/a.txt        a link to a file
#   /dirlink -> docs           a link to a directory
#   /fifo                      a FIFO
#   /full/                     a 256 KiB tmpfs, when mount is allowed

mkdir -p "$R/docs/sub" "$R/full" "$R/race" "$R/many" "$R/kill"
printf 'original a\n' >"$R/docs/a.txt"
printf 'hidden\n' >"$R/.hidden"
printf 'env\n' >"$R/docs/.env"
ln -s docs/a.txt "$R/link"
ln -s docs "$R/dirlink"
FIFO_OK=0
mkfifo "$R/fifo" 2>/dev/null && FIFO_OK=1

U() { printf 'http://127.0.0.1:%s%s' "$P" "$1"; }
sum() { cksum <"$1" 2>/dev/null; }
names() { ls -A "$1" 2>/dev/null | tr '\n' ' '; }

# fetch URL PREFIX [CURL ARGS...]: get, with no file left from an earlier
# exchange (curl writes no body file when there is no body).
fetch() { rm -f "$2.h" "$2.b" "$2.e"; get "$@"; }
# put URL PREFIX FILE [CURL ARGS...]: PUT the file, without curl's own
# Expect: 100-continue, so that PREFIX.h holds the final head only.
put() { local u=$1 p=$2 f=$3; shift 3; fetch "$u" "$p" -T "$f" -H 'Expect:' "$@"; }
# code_is PREFIX CODE: curl worked and got CODE.
code_is() {
    v_curl "$1" || return 1
    [ "$CODE" = "$2" ] && return 0
    WHY="status $CODE, want $2: $(show "$1.b")"; return 1
}
# field_is PREFIX NAME VALUE: exactly that one NAME field.
field_is() {
    local v; v=$(header "$1.h" "$2")
    [ "$v" = "$3" ] && return 0
    WHY="$2 $(printf '%q' "$v"), want '$3'"; return 1
}
no_field() {
    [ -z "$(header "$1.h" "$2")" ] && return 0
    WHY="a $2 field: $(header "$1.h" "$2")"; return 1
}
# holds FILE TEXT: FILE holds exactly TEXT and a newline.
holds() {
    [ "$(cat "$1" 2>/dev/null; printf x)" = "$2"$'\n'x ] && return 0
    WHY="$1 holds $(show "$1"), want $(printf '%q' "$2")"; return 1
}
absent() { [ ! -e "$1" ] && [ ! -L "$1" ] && return 0; WHY="$1 exists"; return 1; }

# responses FILE: split a stream of responses, each framed by its
# Content-Length (none: no body), into N_RESP, R_HEAD[i], R_BODY[i].
responses() {
    local s len i=0 hd
    s=$(cat "$1"; printf x); s=${s%x}
    N_RESP=0 R_HEAD=() R_BODY=()
    while [[ $s == 'HTTP/1.1 '*$'\r\n\r\n'* ]]; do
        i=$((i + 1))
        hd=${s%%$'\r\n\r\n'*}
        s=${s#*$'\r\n\r\n'}
        len=$(printf '%s\r\n\r\n' "$hd" | header /dev/stdin Content-Length)
        [[ $len =~ ^[0-9]+$ ]] || len=0
        R_HEAD[i]=$hd R_BODY[i]=${s:0:len}
        s=${s:len}
        N_RESP=$i
    done
}
rstatus() { printf '%s' "${R_HEAD[$1]%%$'\r\n'*}"; }
rfield() { printf '%s\r\n\r\n' "${R_HEAD[$1]}" | header /dev/stdin "$2"; }
# one_answer FILE STATUS: the raw exchange ended with exactly one answer,
# STATUS, and the server closed the connection.
one_answer() {
    raw_closed "$1" || return 1
    responses "$1"
    [ "$N_RESP" -eq 1 ] && [ "$(rstatus 1)" = "$2" ] && return 0
    WHY="$N_RESP answers, the first $(rstatus 1); want one, $2: $(show "$1")"; return 1
}
H='Host: x\r\n'
C='Connection: close\r\n'

# --- without -w ----------------------------------------------------------------

new_port P
start_server ro -q -p "$P" -r "$R"
if check "server starts without -w" wait_ready "$P"; then
    printf 'new\n' >"$T/new.txt"
    check "no -w: PUT /docs/new.txt is 405, Allow: $READING, Connection: close; nothing created" \
        eval 'put "$(U /docs/new.txt)" "$T/r" "$T/new.txt" && code_is "$T/r" 405 &&
              field_is "$T/r" Allow "$READING" && v_conn "$T/r" && absent "$R/docs/new.txt"'
    check "no -w: DELETE /docs/a.txt is 405, Allow: $READING; the file stays" \
        eval 'fetch "$(U /docs/a.txt)" "$T/r" -X DELETE && code_is "$T/r" 405 &&
              field_is "$T/r" Allow "$READING" && holds "$R/docs/a.txt" "original a"'
    check "no -w: POST / is 405, Allow: $READING" \
        eval 'fetch "$(U /)" "$T/r" -d x && code_is "$T/r" 405 && field_is "$T/r" Allow "$READING"'
    check "no -w: OPTIONS * is 200, Allow: $READING, Content-Length: 0" \
        eval 'raw_once "$P" "$T/o" "OPTIONS * HTTP/1.1\r\n$H$C\r\n" && one_answer "$T/o" "HTTP/1.1 200 OK" &&
              [ "$(rfield 1 Allow)" = "$READING" ] && [ "$(rfield 1 Content-Length)" = 0 ] ||
              { WHY=${WHY:-"Allow $(rfield 1 Allow), Content-Length $(rfield 1 Content-Length)"}; false; }'
    check "no -w: OPTIONS /docs/a.txt is 200, Allow: $READING" \
        eval 'fetch "$(U /docs/a.txt)" "$T/r" -X OPTIONS && code_is "$T/r" 200 && field_is "$T/r" Allow "$READING"'
    check "no -w: a PUT refused unread ends the connection: the GET pipelined after it is not answered" \
        eval 'raw_once "$P" "$T/p" "PUT /docs/x HTTP/1.1\r\n${H}Content-Length: 4\r\n\r\nabc\nGET /docs/a.txt HTTP/1.1\r\n$H\r\n" &&
              one_answer "$T/p" "HTTP/1.1 405 Method Not Allowed"'
fi
stop_server "$SRV_TPID"

# --- the main server: -w -m 8 MiB, umask 022, the log on stdout ---------------

new_port P
umask 022
start_server main -w -m "$MAX" -p "$P" -r "$R"
if ! check "server starts with -w -m $MAX" wait_ready "$P"; then
    skip "every write of stage 12" "the server did not start"
    exit 0
fi
MAIN_TPID=$SRV_TPID MAIN_PID=$SRV_PID MAIN_P=$P

check "OPTIONS * with -w: Allow: $WRITING" \
    eval 'raw_once "$P" "$T/o" "OPTIONS * HTTP/1.1\r\n$H$C\r\n" && one_answer "$T/o" "HTTP/1.1 200 OK" &&
          { [ "$(rfield 1 Allow)" = "$WRITING" ] || { WHY="Allow $(rfield 1 Allow)"; false; }; }'
check "OPTIONS /docs/a.txt: Allow: $WRITING; OPTIONS /docs/ (a directory): Allow: $READING" \
    eval 'fetch "$(U /docs/a.txt)" "$T/r" -X OPTIONS && code_is "$T/r" 200 && field_is "$T/r" Allow "$WRITING" &&
          fetch "$(U /docs/)" "$T/r" -X OPTIONS && code_is "$T/r" 200 && field_is "$T/r" Allow "$READING"'
check "OPTIONS /../x is 400, OPTIONS /.hidden is 404" \
    eval 'raw "$P" "$T/o" "OPTIONS /../x HTTP/1.1\r\n$H$C\r\n" && one_answer "$T/o" "HTTP/1.1 400 Bad Request" &&
          fetch "$(U /.hidden)" "$T/r" -X OPTIONS && code_is "$T/r" 404'
check "POST / with -w is 405, Allow: $WRITING" \
    eval 'fetch "$(U /)" "$T/r" -d x && code_is "$T/r" 405 && field_is "$T/r" Allow "$WRITING"'

# --- PUT: new and replaced files --------------------------------------------------

printf 'a new file\n' >"$T/new.txt"
check "PUT /docs/new.txt: 201, Location: /docs/new.txt, Content-Length: 0, keep-alive; the file holds the body" \
    eval 'put "$(U /docs/new.txt)" "$T/n1" "$T/new.txt" && code_is "$T/n1" 201 &&
          field_is "$T/n1" Location /docs/new.txt && field_is "$T/n1" Content-Length 0 &&
          field_is "$T/n1" Connection keep-alive && holds "$R/docs/new.txt" "a new file"'
check "  its ETag and Last-Modified are the ones a GET then gives" \
    eval 'fetch "$(U /docs/new.txt)" "$T/g" && code_is "$T/g" 200 &&
          field_is "$T/n1" ETag "$(header "$T/g.h" ETag)" &&
          field_is "$T/n1" Last-Modified "$(header "$T/g.h" Last-Modified)"'
check "  mode 0644 (umask 022): rw-r--r--, never executable" \
    eval 'm=$(stat -c %a "$R/docs/new.txt"); [ "$m" = 644 ] || { WHY="mode $m"; false; }'
printf 'replaced\n' >"$T/rep.txt"
check "PUT /docs/new.txt again: 204, no Content-Length, an ETag; the file holds the new body" \
    eval 'put "$(U /docs/new.txt)" "$T/n2" "$T/rep.txt" && code_is "$T/n2" 204 &&
          no_field "$T/n2" Content-Length && no_field "$T/n2" Location &&
          { [ -n "$(header "$T/n2.h" ETag)" ] || { WHY="no ETag"; false; }; } &&
          holds "$R/docs/new.txt" replaced'
printf 'left by a writer killed between link and rename\n' >"$R/docs/.drongo-upload"
check "PUT over a file while a dead writer's .drongo-upload is there: 204, and the leftover is gone" \
    eval 'put "$(U /docs/new.txt)" "$T/r" "$T/new.txt" && code_is "$T/r" 204 &&
          absent "$R/docs/.drongo-upload" && holds "$R/docs/new.txt" "a new file"'
check "PUT /docs/a%20b.txt: 201, Location keeps the encoding: /docs/a%20b.txt; the file is 'a b.txt'" \
    eval 'put "$(U /docs/a%20b.txt)" "$T/r" "$T/new.txt" && code_is "$T/r" 201 &&
          field_is "$T/r" Location "/docs/a%20b.txt" && holds "$R/docs/a b.txt" "a new file"'
check "PUT with Content-Length: 0: 201, an empty file" \
    eval 'put "$(U /docs/empty.txt)" "$T/r" /dev/null && code_is "$T/r" 201 &&
          [ -f "$R/docs/empty.txt" ] && [ ! -s "$R/docs/empty.txt" ] || { WHY=${WHY:-"not an empty file"}; false; }'
check "PUT on a keep-alive connection, then GET on it: both answered, the GET sees the new body" \
    eval 'raw_once "$P" "$T/k" "PUT /docs/k.txt HTTP/1.1\r\n${H}Content-Length: 5\r\n\r\nkept\nGET /docs/k.txt HTTP/1.1\r\n$H$C\r\n" &&
          raw_closed "$T/k" && responses "$T/k" && [ "$N_RESP" = 2 ] &&
          [ "$(rstatus 1)" = "HTTP/1.1 201 Created" ] && [ "$(rfield 1 Connection)" = keep-alive ] &&
          [ "$(rstatus 2)" = "HTTP/1.1 200 OK" ] && [ "${R_BODY[2]}" = kept$'\''\n'\'' ] ||
          { WHY=${WHY:-"$N_RESP answers: $(show "$T/k")"}; false; }'

# --- chunks --------------------------------------------------------------------

check "curl -T - (chunked from a pipe): 201, the file holds the body" \
    eval 'printf "from a pipe\n" | curl -q --noproxy "*" -sS --max-time "$CURL_MAX" -D "$T/c.h" -o "$T/c.b" \
              -w "%{http_code}" -T - -H "Expect:" -v "$(U /docs/piped.txt)" >"$T/c.code" 2>"$T/c.e";
          grep -qi "> Transfer-Encoding: chunked" "$T/c.e" || { WHY="curl did not send chunks"; false; } &&
          [ "$(cat "$T/c.code")" = 201 ] && holds "$R/docs/piped.txt" "from a pipe" ||
          { WHY=${WHY:-"status $(cat "$T/c.code")"}; false; }'
CHUNKED='Transfer-Encoding: chunked\r\n'
check "chunks with extensions, uppercase hex, leading zeros and trailer fields: 201, exactly the data" \
    eval 'raw_once "$P" "$T/c" "PUT /docs/ext.txt HTTP/1.1\r\n$H$C$CHUNKED\r\n5;name=value;q=\"a;b\"\r\nhello\r\n0006 ; x\r\n world\r\nA\r\n0123456789\r\n0\r\nChecksum: 1\r\nX-Other: two\r\n\r\n" &&
          one_answer "$T/c" "HTTP/1.1 201 Created" &&
          { [ "$(cat "$R/docs/ext.txt")" = "hello world0123456789" ] || { WHY="file $(show "$R/docs/ext.txt")"; false; }; }'
bad_chunks() {  # NAME BODY: 400, nothing stored, the connection closed
    raw_once "$P" "$T/c" "PUT /docs/$1 HTTP/1.1\r\n$H$CHUNKED\r\n$2" &&
        one_answer "$T/c" "HTTP/1.1 400 Bad Request" && absent "$R/docs/$1"
}
check "a chunk size line ending in a bare LF: 400, nothing stored" bad_chunks lf1.txt '5\nhello\r\n0\r\n\r\n'
check "chunk data ending in a bare LF: 400, nothing stored" bad_chunks lf2.txt '5\r\nhello\n0\r\n\r\n'
check "a chunk longer than its size: 400, nothing stored" bad_chunks long.txt '3\r\nhello\r\n0\r\n\r\n'
check "a chunk size that is not hexadecimal: 400, nothing stored" bad_chunks hex.txt 'g\r\nhello\r\n0\r\n\r\n'
check "a bare LF inside a chunk extension: 400, nothing stored" bad_chunks lfext.txt '5;a\nb\r\nhello\r\n0\r\n\r\n'
check "a folded trailer line: 400, nothing stored" bad_chunks fold.txt '5\r\nhello\r\n0\r\nA: 1\r\n  2\r\n\r\n'
check "a chunk size line of 5000 bytes of extensions: 400, nothing stored" \
    bad_chunks longext.txt "5;$(printf 'x%.0s' $(seq 5000))\r\nhello\r\n0\r\n\r\n"
check "Transfer-Encoding: gzip, chunked: 501, Connection: close, nothing stored" \
    eval 'raw_once "$P" "$T/c" "PUT /docs/gz.txt HTTP/1.1\r\n${H}Transfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" &&
          one_answer "$T/c" "HTTP/1.1 501 Not Implemented" && absent "$R/docs/gz.txt"'
check "Transfer-Encoding: chunked on two lines (chunked twice): 501" \
    eval 'raw_once "$P" "$T/c" "PUT /docs/gz.txt HTTP/1.1\r\n$H${CHUNKED}${CHUNKED}\r\n0\r\n\r\n" &&
          one_answer "$T/c" "HTTP/1.1 501 Not Implemented" && absent "$R/docs/gz.txt"'
check "Transfer-Encoding: gzip (not ending in chunked): still 400" \
    eval 'raw_once "$P" "$T/c" "PUT /docs/gz.txt HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\n\r\nx" &&
          one_answer "$T/c" "HTTP/1.1 400 Bad Request" && absent "$R/docs/gz.txt"'

# --- what a PUT must have, or must not ------------------------------------------

check "PUT with neither Content-Length nor chunks: 411, nothing created" \
    eval 'raw_once "$P" "$T/c" "PUT /docs/nolen.txt HTTP/1.1\r\n$H\r\n" &&
          one_answer "$T/c" "HTTP/1.1 411 Length Required" && absent "$R/docs/nolen.txt"'
check "PUT with Content-Range: 400, the file unchanged" \
    eval 'put "$(U /docs/a.txt)" "$T/r" "$T/rep.txt" -H "Content-Range: bytes 0-8/9" && code_is "$T/r" 400 &&
          holds "$R/docs/a.txt" "original a"'
check "Content-Length over -m (8 MiB + 1) with Expect: 100-continue: 413 at once, no 100, nothing created" \
    eval 'raw_once "$P" "$T/c" "PUT /docs/big.txt HTTP/1.1\r\n${H}Content-Length: $((MAX + 1))\r\nExpect: 100-continue\r\n\r\n" &&
          one_answer "$T/c" "HTTP/1.1 413 Content Too Large" && absent "$R/docs/big.txt"'
check "a chunk announcing more than -m (size ffffffffffffffffffff): 413, nothing created" \
    eval 'raw_once "$P" "$T/c" "PUT /docs/big.txt HTTP/1.1\r\n$H$CHUNKED\r\nffffffffffffffffffff\r\nxx" &&
          one_answer "$T/c" "HTTP/1.1 413 Content Too Large" && absent "$R/docs/big.txt"'

# Expect: 100-continue, by hand: the interim answer only after the checks.
expect_put() {  # TARGET FIELDS WANT: PUT with Expect; the first answer
    timeout -k 1 "$RAW_MAX" bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        printf "PUT %s HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nExpect: 100-continue\r\n%b\r\n" "$2" "$3" >&3
        IFS= read -r first <&3 || exit 96
        printf "%s\n" "$first"
        case $first in "HTTP/1.1 100 "*) ;; *) exit 0 ;; esac
        IFS= read -r blank <&3
        printf "body!\n" >&3
        IFS= read -r second <&3
        printf "%s\n" "$second"' _ "$P" "$1" "$2" >"$T/e" 2>/dev/null
    [ "$(tr -d '\r' <"$T/e" | tr '\n' '|')" = "$3" ] && return 0
    WHY="answers $(tr -d '\r' <"$T/e" | tr '\n' '|'), want $3"; return 1
}
check "Expect: 100-continue: 100 Continue, then the body, then 201" \
    expect_put /docs/exp.txt "" "HTTP/1.1 100 Continue|HTTP/1.1 201 Created|"
check "  the file holds the body sent after the 100" holds "$R/docs/exp.txt" "body!"
check "Expect: 100-continue to a missing directory: 409 and no 100" \
    expect_put /nodir/x.txt "" "HTTP/1.1 409 Conflict|"
check "Expect: 100-continue with a failing If-Match: 412 and no 100" \
    expect_put /docs/exp.txt 'If-Match: "stale"\r\n' "HTTP/1.1 412 Precondition Failed|"
check "Expect: 100-continue on a HTTP/1.0 request is ignored: the answer is final" \
    eval 'raw_once "$P" "$T/c" "PUT /docs/old.txt HTTP/1.0\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nold" &&
          one_answer "$T/c" "HTTP/1.1 201 Created" && [ "$(cat "$R/docs/old.txt")" = old ] ||
          { WHY=${WHY:-"file $(show "$R/docs/old.txt")"}; false; }'

# --- names --------------------------------------------------------------------

refused_put() {  # TARGET CODE: PUT TARGET gets CODE
    put "$(U "$1")" "$T/r" "$T/new.txt" --path-as-is && code_is "$T/r" "$2"
}
check "PUT to a missing directory: 409, nothing created" \
    eval 'refused_put /nodir/x.txt 409 && absent "$R/nodir"'
check "PUT to a file as if it were a directory (/docs/a.txt/x): 409" \
    eval 'refused_put /docs/a.txt/x 409 && holds "$R/docs/a.txt" "original a"'
check "PUT to a directory (/docs): 405, Allow: $READING" \
    eval 'refused_put /docs 405 && field_is "$T/r" Allow "$READING" && [ -d "$R/docs" ]'
check "PUT to a path ending in / (/docs/new/, /): 405, Allow: $READING" \
    eval 'raw_once "$P" "$T/c" "PUT /docs/new/ HTTP/1.1\r\n${H}Content-Length: 1\r\n\r\nx" &&
          one_answer "$T/c" "HTTP/1.1 405 Method Not Allowed" && absent "$R/docs/new" &&
          { [ "$(rfield 1 Allow)" = "$READING" ] || { WHY="Allow $(rfield 1 Allow)"; false; }; } &&
          raw_once "$P" "$T/c" "PUT / HTTP/1.1\r\n${H}Content-Length: 1\r\n\r\nx" &&
          one_answer "$T/c" "HTTP/1.1 405 Method Not Allowed"'
check "PUT to a dotfile (/.hidden, /docs/.env, /docs/.new): 403, unchanged, not created" \
    eval 'refused_put /.hidden 403 && refused_put /docs/.env 403 && refused_put /docs/.new 403 &&
          holds "$R/.hidden" hidden && holds "$R/docs/.env" env && absent "$R/docs/.new"'
check "PUT to a link to a file (/link): 403; the link is still a link, its target unchanged" \
    eval 'refused_put /link 403 && [ -L "$R/link" ] && holds "$R/docs/a.txt" "original a"'
check "PUT through a link to a directory (/dirlink/x.txt): 409, nothing created" \
    eval 'refused_put /dirlink/x.txt 409 && absent "$R/docs/x.txt"'
if [ "$FIFO_OK" = 1 ]; then
    check "PUT to a FIFO: 403, still a FIFO" eval 'refused_put /fifo 403 && [ -p "$R/fifo" ]'
else
    skip "PUT to a FIFO: 403" "mkfifo failed"
fi
check "PUT /../x: 400; nothing created beside the docroot" \
    eval 'refused_put /../x 400 && absent "$T/x"'
check "PUT with a name of 256 bytes: 414" \
    eval 'refused_put "/docs/$(printf "n%.0s" $(seq 256))" 414'

# --- DELETE ----------------------------------------------------------------------

printf 'doomed\n' >"$R/docs/doomed.txt"
check "DELETE /docs/doomed.txt: 204, no Content-Length; the file is gone" \
    eval 'fetch "$(U /docs/doomed.txt)" "$T/d" -X DELETE && code_is "$T/d" 204 &&
          no_field "$T/d" Content-Length && absent "$R/docs/doomed.txt"'
check "DELETE of a missing file: 404; of a file in a missing directory: 404" \
    eval 'fetch "$(U /docs/doomed.txt)" "$T/d" -X DELETE && code_is "$T/d" 404 &&
          fetch "$(U /nodir/x)" "$T/d" -X DELETE && code_is "$T/d" 404'
check "DELETE of a directory (/docs/sub, /docs/sub/): 405, Allow: $READING; still there" \
    eval 'fetch "$(U /docs/sub)" "$T/d" -X DELETE && code_is "$T/d" 405 && field_is "$T/d" Allow "$READING" &&
          fetch "$(U /docs/sub/)" "$T/d" -X DELETE && code_is "$T/d" 405 && [ -d "$R/docs/sub" ]'
check "DELETE of a link (/link): 404; the link and its target are still there" \
    eval 'fetch "$(U /link)" "$T/d" -X DELETE && code_is "$T/d" 404 && [ -L "$R/link" ] &&
          holds "$R/docs/a.txt" "original a"'
check "DELETE of a dotfile (/.hidden): 403; still there" \
    eval 'fetch "$(U /.hidden)" "$T/d" -X DELETE && code_is "$T/d" 403 && holds "$R/.hidden" hidden'

# --- preconditions -----------------------------------------------------------------

etag_of() { fetch "$(U "$1")" "$T/et" && ETAG=$(header "$T/et.h" ETag); [ -n "$ETAG" ]; }
printf 'version 1\n' >"$R/docs/p.txt"
printf 'version 2\n' >"$T/v2.txt"
printf 'version 3\n' >"$T/v3.txt"
check "PUT with If-Match of the current ETag: 204, replaced" \
    eval 'etag_of /docs/p.txt && put "$(U /docs/p.txt)" "$T/r" "$T/v2.txt" -H "If-Match: $ETAG" &&
          code_is "$T/r" 204 && holds "$R/docs/p.txt" "version 2"'
check "PUT with If-Match of the old ETag (a lost update): 412, Connection: close, unchanged" \
    eval 'put "$(U /docs/p.txt)" "$T/r" "$T/v3.txt" -H "If-Match: $ETAG" && code_is "$T/r" 412 &&
          v_conn "$T/r" && holds "$R/docs/p.txt" "version 2"'
check "PUT with If-Match: * of a missing file: 412, not created" \
    eval 'put "$(U /docs/nope.txt)" "$T/r" "$T/v3.txt" -H "If-Match: *" && code_is "$T/r" 412 &&
          absent "$R/docs/nope.txt"'
check "PUT with If-None-Match: * of an existing file: 412, unchanged" \
    eval 'put "$(U /docs/p.txt)" "$T/r" "$T/v3.txt" -H "If-None-Match: *" && code_is "$T/r" 412 &&
          holds "$R/docs/p.txt" "version 2"'
check "PUT with If-None-Match: * of a missing file: 201 (create-only)" \
    eval 'put "$(U /docs/only.txt)" "$T/r" "$T/v3.txt" -H "If-None-Match: *" && code_is "$T/r" 201 &&
          holds "$R/docs/only.txt" "version 3"'
touch -d '2020-01-01 00:00:00 UTC' "$R/docs/p.txt"
check "PUT with If-Unmodified-Since before the file's time: 412; after it: 204" \
    eval 'put "$(U /docs/p.txt)" "$T/r" "$T/v3.txt" -H "If-Unmodified-Since: Tue, 31 Dec 2019 00:00:00 GMT" &&
          code_is "$T/r" 412 && holds "$R/docs/p.txt" "version 2" &&
          put "$(U /docs/p.txt)" "$T/r" "$T/v3.txt" -H "If-Unmodified-Since: Thu, 02 Jan 2020 00:00:00 GMT" &&
          code_is "$T/r" 204 && holds "$R/docs/p.txt" "version 3"'
check "DELETE with a stale If-Match: 412, the file stays; with the current one: 204, gone" \
    eval 'fetch "$(U /docs/p.txt)" "$T/d" -X DELETE -H "If-Match: \"stale\"" && code_is "$T/d" 412 &&
          holds "$R/docs/p.txt" "version 3" && etag_of /docs/p.txt &&
          fetch "$(U /docs/p.txt)" "$T/d" -X DELETE -H "If-Match: $ETAG" && code_is "$T/d" 204 &&
          absent "$R/docs/p.txt"'

# Two clients race: both read the ETag, both send their heads with
# If-Match and Expect: 100-continue, both get 100 Continue (the early
# check passed for both), then both send their bodies at once.
race_client() {  # NAME TAG BODYFILE: PUT /race/f.txt; the answer in $T/NAME
    timeout -k 1 30 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        printf "PUT /race/f.txt HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nIf-Match: %s\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n" \
            "$(stat -c %s "$4")" "$3" >&3
        IFS= read -r first <&3 || exit 96
        case $first in "HTTP/1.1 100 "*) ;; *) printf "%s\n" "$first" >"$2"; exit 0 ;; esac
        IFS= read -r blank <&3
        : >"$2.ready"
        while [ ! -e "$2.go" ]; do sleep 0.01; done
        cat "$4" >&3
        cat <&3 >"$2"' _ "$P" "$T/$1" "$2" "$3" </dev/null &
    RACERS+=($!)
}
all_ready() { local i; for ((i = 1; i <= $1; i++)); do [ -e "$T/rc$i.ready" ] || return 1; done; }
race() {  # N: N clients race; exactly one wins
    local i won=0 lost=0 winner=
    printf 'the start\n' >"$R/race/f.txt"
    etag_of /race/f.txt || { WHY="no ETag"; return 1; }
    rm -f "$T"/rc[0-9]*
    RACERS=()
    for ((i = 1; i <= $1; i++)); do
        head -c 300000 /dev/urandom >"$T/body$i"
        race_client "rc$i" "$ETAG" "$T/body$i"
    done
    poll 10 all_ready "$1" ||
        { wait "${RACERS[@]}"; WHY="not all got 100 Continue: $(show "$T/rc1")"; return 1; }
    for ((i = 1; i <= $1; i++)); do : >"$T/rc$i.go"; done
    wait "${RACERS[@]}"
    for ((i = 1; i <= $1; i++)); do
        case $(status_of "$T/rc$i") in
        204) won=$((won + 1)); winner=$i ;;
        412) lost=$((lost + 1)) ;;
        esac
    done
    [ "$won" = 1 ] && [ "$lost" = $(($1 - 1)) ] ||
        { WHY="$won got 204 and $lost got 412, want 1 and $(($1 - 1))"; return 1; }
    cmp -s "$R/race/f.txt" "$T/body$winner" || { WHY="client $winner won, the file is not its body"; return 1; }
}
check "two clients race with the same If-Match, both past 100 Continue: one 204, one 412, the file is the winner's body" race 2
check "  eight clients race so: one 204, seven 412, the file is the winner's body" race 8
check "  and no file beside it in the directory" \
    eval '[ "$(names "$R/race")" = "f.txt " ] || { WHY="the directory holds $(names "$R/race")"; false; }'

# Ten uploads of different 1 MiB bodies to one name at once, each at 2 MB/s
# so that they overlap, and a reader fetching the name all the while:
# every body it reads is whole.
many() {
    local i n=0 bad=0 codes
    for i in 0 1 2 3 4 5 6 7 8 9 10; do head -c 1048576 /dev/urandom >"$T/m$i"; sum "$T/m$i"; done >"$T/allowed"
    cp "$T/m0" "$R/many/f.bin"
    rm -f "$T/stop" "$T/seen"
    ( while [ ! -e "$T/stop" ]; do
          curl -q --noproxy '*' -sf --max-time 20 -o "$T/rd" "$(U /many/f.bin)" && sum "$T/rd" >>"$T/seen" ||
              echo "curl failed: $?" >>"$T/seen"
      done ) &
    local reader=$! puts=()
    for i in 1 2 3 4 5 6 7 8 9 10; do
        curl -q --noproxy '*' -s --max-time 60 --limit-rate 2M -o /dev/null -w '%{http_code}\n' \
            -T "$T/m$i" -H 'Expect:' \
            "$(U /many/f.bin)" >"$T/mc$i" &
        puts+=($!)
    done
    wait "${puts[@]}"
    touch "$T/stop"; wait "$reader"
    codes=$(cat "$T"/mc* | sort | uniq -c | tr -s ' \n' ' ')
    [ "$(grep -c '^204$' "$T"/mc* | awk -F: '{ s += $2 } END { print s }')" = 10 ] ||
        { WHY="the ten PUTs got $codes"; return 1; }
    n=$(wc -l <"$T/seen")
    bad=$(grep -cvxFf "$T/allowed" "$T/seen")
    [ "$bad" = 0 ] || { WHY="$bad of $n reads were not a whole body: $(grep -vxFf "$T/allowed" "$T/seen" | head -n 1)"; return 1; }
    [ "$n" -ge 2 ] || { WHY="only $n reads"; return 1; }
    grep -qxF "$(sum "$R/many/f.bin")" <(sed 1d "$T/allowed") || { WHY="the file is none of the ten bodies"; return 1; }
    [ "$(names "$R/many")" = "f.bin " ] || { WHY="the directory holds $(names "$R/many")"; return 1; }
    MANY_READS="$n times, $(sort -u "$T/seen" | wc -l) different bodies"
}
check "ten concurrent PUTs of different 1 MiB bodies: all 204, the file is one of them, whole; a reader saw only whole bodies" many
[ -n "${MANY_READS-}" ] && ok "  (meanwhile the reader fetched the file $MANY_READS)"

# --- uploads that do not complete ----------------------------------------------------

# slow_client TARGET LENGTH SENT: a PUT announcing LENGTH bytes that sends
# SENT of them and then keeps the connection open.  SLOW_PID.
slow_client() {
    bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        printf "PUT %s HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" "$2" "$3" >&3
        head -c "$4" /dev/zero | tr "\0" x >&3
        exec sleep 60' _ "$P" "$1" "$2" "$3" </dev/null >/dev/null 2>&1 &
    SLOW_PID=$!
}
# uploading SIZE: the server has one child, and it has a regular file of
# at least SIZE bytes open beside its standard streams: the upload has
# come that far.  KID is the child, KID_FILE what /proc says the file is.
uploading() {
    local f
    kids "$SRV_PID"; [ "$LIVE" -eq 1 ] || return 1
    for f in /proc/"$FIRST_KID"/fd/*; do
        case ${f##*/} in 0|1|2) continue ;; esac
        [ -f "$f" ] && [ "$(stat -L -c %s "$f" 2>/dev/null || echo 0)" -ge "$1" ] || continue
        KID=$FIRST_KID KID_FILE=$(readlink "$f"); return 0
    done
    return 1
}
# unnamed: that file has no name: /proc shows its old place and
# "(deleted)", as for any open file that has no name left.
unnamed() {
    [[ $KID_FILE == *" (deleted)" ]] && return 0
    WHY="the file being written is $KID_FILE"; return 1
}
printf 'the old kill.txt\n' >"$R/kill/kill.txt"
OLD_KILL=$(sum "$R/kill/kill.txt")
intact() {
    [ "$(sum "$R/kill/kill.txt")" = "$OLD_KILL" ] || { WHY="kill.txt changed: $(show "$R/kill/kill.txt")"; return 1; }
    [ "$(names "$R/kill")" = "kill.txt " ] || { WHY="the directory holds $(names "$R/kill")"; return 1; }
}
gone_after() {  # the server's children all exit
    poll "$SETTLE_MAX" live_is "$SRV_PID" 0 && return 0
    WHY="$LIVE children still alive"; return 1
}

check "the server's children have all exited" gone_after
slow_client /kill/kill.txt 1000000 400000
check "a PUT of 1,000,000 bytes, 400,000 sent: its child (found in /proc) writes a file without a name" \
    eval 'poll 15 uploading 400000 || { WHY="no child writing 400000 bytes; $LIVE children"; false; } && unnamed'
if [ -n "${KID-}" ]; then
    kill -KILL "$KID" 2>/dev/null
    check "  kill -9 of that child: the old file is whole and alone in its directory" \
        eval 'gone_after && intact'
fi
release "$SLOW_PID"
check "  then a PUT to the same name works (no lock left held): 204" \
    eval 'put "$(U /kill/kill.txt)" "$T/r" "$T/rep.txt" && code_is "$T/r" 204 && holds "$R/kill/kill.txt" replaced'
printf 'the old kill.txt\n' >"$R/kill/kill.txt"
OLD_KILL=$(sum "$R/kill/kill.txt")

slow_client /kill/kill.txt 1000000 300000
check "a client that closes its connection mid-body: the child exits; the old file is whole and alone" \
    eval 'poll 15 uploading 300000 || { WHY="the upload never started"; false; } &&
          { release "$SLOW_PID"; gone_after; } && intact'
release "$SLOW_PID"

# --- the full disk ---------------------------------------------------------------------

if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k,mode=0755 drongo-test "$R/full" 2>/dev/null; then
    MOUNTED=$R/full
    printf 'the old full.txt\n' >"$R/full/full.txt"
    OLD_FULL=$(sum "$R/full/full.txt")
    FREE=$(stat -f -c %f "$R/full")
    head -c 393216 /dev/urandom >"$T/384k"
    check "PUT of 384 KiB into a 256 KiB tmpfs: 507 Insufficient Storage" \
        eval 'put "$(U /full/full.txt)" "$T/f" "$T/384k" && code_is "$T/f" 507'
    check "  the old file is whole and alone; the space is given back" \
        eval '{ [ "$(sum "$R/full/full.txt")" = "$OLD_FULL" ] ||
                { WHY="full.txt changed: $(show "$R/full/full.txt")"; false; }; } &&
              { [ "$(names "$R/full")" = "full.txt " ] || { WHY="the directory holds $(names "$R/full")"; false; }; } &&
              { poll "$SETTLE_MAX" eval "[ \"\$(stat -f -c %f \"$R/full\")\" = $FREE ]" ||
                { WHY="$(stat -f -c %f "$R/full") blocks free, $FREE before"; false; }; }'
    check "  a chunked PUT that fills the disk: 507 too, nothing left" \
        eval 'cat "$T/384k" | curl -q --noproxy "*" -s --max-time "$CURL_MAX" -o /dev/null -w "%{http_code}" \
                  -T - -H "Expect:" "$(U /full/new.bin)" >"$T/f.code";
              [ "$(cat "$T/f.code")" = 507 ] && [ "$(names "$R/full")" = "full.txt " ] ||
              { WHY="status $(cat "$T/f.code"), the directory holds $(names "$R/full")"; false; }'
    umount "$R/full" && MOUNTED=''
else
    skip "PUT onto a full disk: 507, the old file whole" \
        "*** cannot mount a tmpfs (needs root and CAP_SYS_ADMIN): THE FULL DISK IS NOT TESTED ***"
fi

# --- the log ------------------------------------------------------------------------

check "the log: the first PUT's line ends with status 201, size -, and the 11 bytes received" \
    eval 'grep -q "\"PUT /docs/new.txt HTTP/1.1\" 201 - \"-\" \"curl/[^\"]*\" 11$" "$T/main.out" ||
          { WHY="no such line: $(grep -m1 "PUT /docs/new.txt" "$T/main.out")"; false; }'
check "  a chunked PUT's line ends with the 12 bytes decoded; a DELETE's with 0" \
    eval 'grep -q "\"PUT /docs/piped.txt HTTP/1.1\" 201 - .* 12$" "$T/main.out" &&
          grep -q "\"DELETE /docs/doomed.txt HTTP/1.1\" 204 - .* 0$" "$T/main.out" ||
          { WHY="$(grep -m2 "piped\|DELETE /docs/doomed" "$T/main.out" | tr "\n" " ")"; false; }'
check "  a refused PUT's line ends with its status and 0; a GET's line has no extra field" \
    eval 'grep -q "\"PUT /nodir/x.txt HTTP/1.1\" 409 [0-9]* .* 0$" "$T/main.out" &&
          grep -q "\"GET /docs/new.txt HTTP/1.1\" 200 [0-9]* \"-\" \"curl/[^\"]*\"$" "$T/main.out" ||
          { WHY="$(grep -m2 "nodir/x.txt\|GET /docs/new.txt" "$T/main.out" | tr "\n" " ")"; false; }'
check "the server is still up" still_up
stop_server "$MAIN_TPID"

# --- -m 1000: chunks that grow past the cap -----------------------------------------------

new_port P
start_server lim -q -w -m 1000 -p "$P" -r "$R"
if check "server starts with -m 1000" wait_ready "$P"; then
    printf 'small\n' >"$R/docs/small.txt"
    C500=$(printf 'y%.0s' $(seq 500))
    check "-m 1000: chunks of 500, 500, 500 bytes: 413, the old file whole" \
        eval 'raw_once "$P" "$T/c" "PUT /docs/small.txt HTTP/1.1\r\n$H$CHUNKED\r\n1f4\r\n$C500\r\n1f4\r\n$C500\r\n1f4\r\n$C500\r\n0\r\n\r\n" &&
              one_answer "$T/c" "HTTP/1.1 413 Content Too Large" && holds "$R/docs/small.txt" small'
    check "-m 1000: chunks of exactly 1000 bytes: 204" \
        eval 'raw_once "$P" "$T/c" "PUT /docs/small.txt HTTP/1.1\r\n$H$C$CHUNKED\r\n1f4\r\n$C500\r\n1f4\r\n$C500\r\n0\r\n\r\n" &&
              one_answer "$T/c" "HTTP/1.1 204 No Content" &&
              { [ "$(stat -c %s "$R/docs/small.txt")" = 1000 ] || { WHY="$(stat -c %s "$R/docs/small.txt") bytes"; false; }; }'
    check "-m 1000: Content-Length 1001: 413; 1000: 204" \
        eval 'head -c 1001 /dev/zero >"$T/1001"; head -c 1000 /dev/zero >"$T/1000";
              put "$(U /docs/small.txt)" "$T/r" "$T/1001" && code_is "$T/r" 413 &&
              put "$(U /docs/small.txt)" "$T/r" "$T/1000" && code_is "$T/r" 204'
fi
stop_server "$SRV_TPID"

# --- -t 2: a body that ends short -----------------------------------------------------

new_port P
start_server short -q -w -t 2 -p "$P" -r "$R"
if check "server starts with -t 2" wait_ready "$P"; then
    poll "$SETTLE_MAX" live_is "$SRV_PID" 0
    slow_client /kill/kill.txt 1000 500
    check "a body of 500 of its 1000 bytes, then silence: the child gives up within -t; the old file is whole and alone" \
        eval 'poll 15 uploading 500 || { WHY="the upload never started"; false; } &&
              { poll 10 live_is "$SRV_PID" 0 || { WHY="$LIVE children after 10 s"; false; }; } && intact'
    release "$SLOW_PID"
fi
stop_server "$SRV_TPID"

# --- umask 027 ------------------------------------------------------------------------

new_port P
umask 027
start_server mask -q -w -p "$P" -r "$R"
umask 022
if check "server starts under umask 027" wait_ready "$P"; then
    printf 'x\n' >"$R/docs/exe.sh"; chmod 755 "$R/docs/exe.sh"
    check "umask 027: a new file is 0640; an executable replaced is 0640 too, never executable" \
        eval 'put "$(U /docs/m.txt)" "$T/r" "$T/new.txt" && code_is "$T/r" 201 &&
              put "$(U /docs/exe.sh)" "$T/r" "$T/new.txt" && code_is "$T/r" 204 &&
              m=$(stat -c %a "$R/docs/m.txt") && e=$(stat -c %a "$R/docs/exe.sh") &&
              { [ "$m $e" = "640 640" ] || { WHY="modes $m and $e"; false; }; }'
fi
stop_server "$SRV_TPID"

# --- linkat through /proc/self/fd --------------------------------------------------------
#
# Before Linux 6.10, linkat(AT_EMPTY_PATH) without CAP_DAC_READ_SEARCH
# fails with ENOENT.  strace makes every child's first linkat fail so,
# and the upload must then go through /proc/self/fd.

if command -v strace >/dev/null; then
    new_port P
    timeout -k 3 "$SERVER_LIFE" strace -f -qq -o "$T/strace.txt" -e trace=linkat \
        -e inject=linkat:error=ENOENT:when=1 $RUN "$DRONGO" -q -w -p "$P" -r "$R" \
        </dev/null >"$T/strace.out" 2>"$T/strace.err" &
    started strace
    if check "server starts under strace, linkat failing once in each process" wait_ready "$P"; then
        check "PUT with linkat(AT_EMPTY_PATH) refused: 201 all the same, the file holds the body" \
            eval 'put "$(U /docs/proc.txt)" "$T/r" "$T/new.txt" && code_is "$T/r" 201 &&
                  holds "$R/docs/proc.txt" "a new file"'
        check "  strace saw the /proc/self/fd link after the refused AT_EMPTY_PATH" \
            eval 'grep -q "AT_EMPTY_PATH) = -1 ENOENT" "$T/strace.txt" &&
                  grep -q "linkat(AT_FDCWD, \"/proc/self/fd/[0-9]*\", [0-9]*, \"proc.txt\", AT_SYMLINK_FOLLOW) = 0" "$T/strace.txt" ||
                  { WHY="$(grep linkat "$T/strace.txt" | head -n 3 | tr "\n" " ")"; false; }'
    fi
    stop_server "$SRV_TPID"

    # The lock: strace holds every linkat for 0.2 s, which widens the
    # moment between a writer's last check and its change from microseconds
    # to a fifth of a second.  Racers that each took the directory's lock
    # still see each other's change; without the lock all would win.
    new_port P
    timeout -k 3 "$SERVER_LIFE" strace -f -qq -o /dev/null -e trace=linkat \
        -e inject=linkat:delay_enter=200000 $RUN "$DRONGO" -q -w -p "$P" -r "$R" \
        </dev/null >"$T/slow.out" 2>"$T/slow.err" &
    started slow
    if check "server starts under strace, every linkat held for 0.2 s" wait_ready "$P"; then
        check "four clients race with the same If-Match while each change takes 0.2 s: one 204, three 412" race 4
    fi
    stop_server "$SRV_TPID"
else
    skip "linkat through /proc/self/fd, and the lock with slow links" "no strace (make deps-test)"
fi

rm -rf "$R"

# --- the shared attack suite, as reads and as writes ---------------------------------------

traversal_suite GET -w
traversal_suite PUT -w
traversal_suite DELETE -w

exit 0
