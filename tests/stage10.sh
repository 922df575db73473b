#!/usr/bin/env bash
# Stage 10: byte ranges (RFC 9110, section 14).  Every file response
# says "Accept-Ranges: bytes".  A GET with one satisfiable range
# (a-b, a-, -n) gets 206 Partial Content with Content-Range: bytes a-b/LEN
# and exactly those bytes; several get one 206 whose body is
# multipart/byteranges, the parts in request order.  No satisfiable range
# gets 416 with Content-Range: bytes */LEN, and ends the connection like
# every error.  An invalid Range field is ignored (200, the whole file),
# and so, by drongo's policy, are overlapping ranges and more than 16.
# Adjacent ranges are not merged; unsatisfiable ranges beside good ones are
# dropped.  If-Range lets the range through only on a strong ETag match or
# an exact Last-Modified date; a 304 or a 412 wins over a range.  A HEAD
# ignores Range (section 14.2: range handling is defined for GET alone)
# and gets the 200 head of the whole file.  Everything of stage 9 still
# holds.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

R=$T/root            # the docroot
H='Host: x\r\n'
OCTET=application/octet-stream
TEXT='text/plain; charset=utf-8'
HTML='text/html; charset=utf-8'
MTIME='2021-03-04 05:06:07 UTC'          # of every small file
MTIME_HTTP='Thu, 04 Mar 2021 05:06:07 GMT'

declare -A REASON=([200]="OK" [206]="Partial Content" [304]="Not Modified"
    [404]="Not Found" [412]="Precondition Failed" [416]="Range Not Satisfiable")

# --- the docroot ------------------------------------------------------------

mkdir -p "$R/dir"
head -c 1000 /dev/urandom >"$R/blob.bin"           # binary, NULs and all
for i in $(seq 0 9); do printf 'line %d of the text file.\n' "$i"; done >"$R/text.txt"
printf '<!DOCTYPE html>\n<title>dir</title><p>an index page</p>\n' >"$R/dir/index.html"
printf 'x' >"$R/one.txt"
: >"$R/empty.txt"
touch -d "$MTIME" "$R/blob.bin" "$R/text.txt" "$R/dir/index.html" "$R/one.txt" "$R/empty.txt"
BIG_OK=1
head -c 20M /dev/urandom >"$R/big.bin" 2>/dev/null || BIG_OK=0

# size FILE: its length in bytes.
size() { stat -c %s "$1"; }
BLOB=$R/blob.bin
BLEN=$(size "$BLOB")
# shellcheck disable=SC2034 # (used in eval strings)
TLEN=$(size "$R/text.txt")

# slice FILE FIRST LENGTH OUT: LENGTH bytes of FILE from offset FIRST.
slice() { tail -c +"$(($2 + 1))" "$1" | head -c "$3" >"$4"; }

# --- one exchange with curl (get from lib.sh) ----------------------------------

U() { printf 'http://127.0.0.1:%s%s' "$P" "$1"; }

# fetch URL PREFIX [CURL ARGS...]: get, with no file left from an earlier
# exchange (curl does not create the body file when there is no body).
fetch() { rm -f "$2.h" "$2.b" "$2.e"; get "$@"; }

# hdr_is PREFIX NAME VALUE: the response has exactly one NAME, VALUE.
hdr_is() {
    local v; v=$(header "$1.h" "$2")
    [ "$v" = "$3" ] && return 0
    WHY="$2 $(printf '%q' "$v"), want '$3'"; return 1
}
# hdr_none PREFIX NAME: the response has no NAME.
hdr_none() {
    local v; v=$(header "$1.h" "$2")
    [ -z "$v" ] && return 0
    WHY="unexpected $2 $(printf '%q' "$v")"; return 1
}
# st_is PREFIX CODE: curl succeeded and the status line is CODE's.
st_is() { v_curl "$1" && v_status "$1" "HTTP/1.1 $2 ${REASON[$2]}"; }

# body_is PREFIX FILE FIRST LENGTH: the body is those bytes of FILE.
body_is() {
    slice "$2" "$3" "$4" "$T/want"
    cmp -s "$1.b" "$T/want" && return 0
    WHY="body ($(size "$1.b") bytes) is not bytes $3 to $(($3 + $4 - 1)) of ${2##*/}"
    WHY+=" ($(cmp "$1.b" "$T/want" 2>&1 | head -n 1))"; return 1
}

# is206 PREFIX FILE A B TYPE: a single-range 206 of bytes A-B of FILE.
is206() {
    local p=$1 f=$2 a=$3 b=$4
    st_is "$p" 206 &&
        hdr_is "$p" Content-Range "bytes $a-$b/$(size "$f")" &&
        hdr_is "$p" Content-Length $((b - a + 1)) &&
        hdr_is "$p" Content-Type "$5" &&
        hdr_is "$p" Accept-Ranges bytes &&
        hdr_is "$p" Connection keep-alive &&
        body_is "$p" "$f" "$a" $((b - a + 1))
}
# is200 PREFIX FILE TYPE: the whole file with 200, no Content-Range.
is200() {
    st_is "$1" 200 &&
        hdr_none "$1" Content-Range &&
        hdr_is "$1" Content-Length "$(size "$2")" &&
        hdr_is "$1" Content-Type "$3" &&
        hdr_is "$1" Accept-Ranges bytes &&
        body_is "$1" "$2" 0 "$(size "$2")"
}
# is416 PREFIX LEN [HEAD]: 416, Content-Range: bytes */LEN, an HTML page
# of exactly Content-Length bytes, Connection: close.  With HEAD only the
# head is looked at (curl -I writes the head into the body file too).
is416() {
    local v
    st_is "$1" 416 &&
        hdr_is "$1" Content-Range "bytes */$2" &&
        hdr_is "$1" Content-Type "$HTML" &&
        v_conn "$1" || return 1
    if [ -n "${3-}" ]; then
        v=$(header "$1.h" Content-Length)
        [[ $v =~ ^[1-9][0-9]*$ ]] || { WHY="Content-Length $(printf '%q' "$v")"; return 1; }
        return 0
    fi
    v_clen "$1" || return 1
    grep -qi '<html' "$1.b" || { WHY="body is not an HTML page: $(show "$1.b")"; return 1; }
}

# is412 PREFIX: 412, an HTML page of exactly Content-Length bytes, no
# Content-Range, Connection: close.
is412() {
    st_is "$1" 412 && hdr_is "$1" Content-Type "$HTML" && hdr_none "$1" Content-Range &&
        v_conn "$1" && v_clen "$1" || return 1
    grep -qi '<html' "$1.b" || { WHY="body is not an HTML page: $(show "$1.b")"; return 1; }
}
# head200 RANGE: HEAD /blob.bin with Range: RANGE gets the head HEAD
# without Range gets (Date aside): 200, the whole length, no
# Content-Range, keep-alive.
head200() {
    local plain
    fetch "$(U /blob.bin)" "$T/c" -I || true
    plain=$(sed 's/\r$//' "$T/c.h" | grep -vi '^date:' | sort)
    fetch "$(U /blob.bin)" "$T/c" -I -H "Range: $1" && st_is "$T/c" 200 &&
        hdr_is "$T/c" Content-Length "$BLEN" && hdr_none "$T/c" Content-Range &&
        hdr_is "$T/c" Content-Type "$OCTET" && hdr_is "$T/c" Accept-Ranges bytes &&
        hdr_is "$T/c" Connection keep-alive || return 1
    [ "$(sed 's/\r$//' "$T/c.h" | grep -vi '^date:' | sort)" = "$plain" ] && return 0
    WHY="the head differs from HEAD without Range: $(tr '\r\n' '  ' <"$T/c.h")"; return 1
}

# r206 PATH RANGE A B TYPE: GET with Range: RANGE gives bytes A-B.
r206() {
    fetch "$(U "$1")" "$T/c" -H "Range: $2"
    is206 "$T/c" "$R$1" "$3" "$4" "$5"
}
# r200 PATH RANGE TYPE: GET with Range: RANGE gives the whole file, 200.
r200() {
    fetch "$(U "$1")" "$T/c" -H "Range: $2"
    is200 "$T/c" "$R$1" "$3"
}
# r416 PATH RANGE: GET with Range: RANGE gives 416.
r416() {
    fetch "$(U "$1")" "$T/c" -H "Range: $2"
    is416 "$T/c" "$(size "$R$1")"
}

# --- multipart/byteranges ------------------------------------------------------

# bytes_text FILE: FILE as a bash string of the same length, every byte
# that is not printable ASCII, tab, CR or LF replaced by '?' (NUL cannot
# live in a bash string).  Lengths and offsets stay those of the file.
bytes_text() {
    BT=$(tr -c '\11\12\15\40-\176' '?' <"$1"; printf x); BT=${BT%x}
}

# mp_parse BODYFILE BOUNDARY: split a multipart/byteranges body: each part
# is CRLF "--" BOUNDARY CRLF, a head up to CRLF CRLF, then as many bytes
# as its Content-Range says; the body ends with CRLF "--" BOUNDARY "--"
# CRLF and nothing after.  Sets MP_N, and for part i (from 1) MP_CT[i],
# MP_CR[i], MP_OFF[i] and MP_LEN[i] (where its bytes are in BODYFILE);
# fails with WHY.
mp_parse() {
    local s o=0 d rest head n a b re='^bytes ([0-9]+)-([0-9]+)/([0-9]+)$'
    bytes_text "$1"; s=$BT
    d=$'\r\n--'"$2"
    MP_N=0 MP_CT=() MP_CR=() MP_OFF=() MP_LEN=()
    while :; do
        if [ "${s:o:${#d}}" != "$d" ]; then
            WHY="multipart body, byte $o (after $MP_N parts): $(printf '%q' "${s:o:40}"), want CRLF --boundary"
            return 1
        fi
        o=$((o + ${#d}))
        if [ "${s:o:4}" = $'--\r\n' ]; then
            o=$((o + 4))
            [ "$o" -eq "${#s}" ] && return 0
            WHY="$((${#s} - o)) bytes after the closing boundary: $(printf '%q' "${s:o:40}")"
            return 1
        fi
        n=$((MP_N + 1))
        if [ "${s:o:2}" != $'\r\n' ]; then
            WHY="boundary line of part $n does not end in CRLF: $(printf '%q' "${s:o-${#d}:60}")"
            return 1
        fi
        o=$((o + 2))
        rest=${s:o}
        head=${rest%%$'\r\n\r\n'*}
        if [ "$head" = "$rest" ]; then
            WHY="part $n: no CRLF CRLF after its head $(printf '%q' "${rest:0:80}")"; return 1
        fi
        o=$((o + ${#head} + 4))
        MP_CT[n]=$(printf 'x\r\n%s\r\n\r\n' "$head" | header /dev/stdin Content-Type)
        MP_CR[n]=$(printf 'x\r\n%s\r\n\r\n' "$head" | header /dev/stdin Content-Range)
        if ! [[ ${MP_CR[n]} =~ $re ]]; then
            WHY="part $n: Content-Range $(printf '%q' "${MP_CR[n]}")"; return 1
        fi
        a=${BASH_REMATCH[1]} b=${BASH_REMATCH[2]}
        if [ "${#a}" -gt 18 ] || [ "${#b}" -gt 18 ] || [ "$b" -lt "$a" ]; then
            WHY="part $n: Content-Range $(printf '%q' "${MP_CR[n]}")"; return 1
        fi
        MP_OFF[n]=$o MP_LEN[n]=$((b - a + 1))
        if [ $((o + MP_LEN[n])) -gt "${#s}" ]; then
            WHY="part $n: Content-Range ${MP_CR[n]}, but only $((${#s} - o)) bytes are left"
            return 1
        fi
        o=$((o + MP_LEN[n]))
        MP_N=$n
    done
}

# mp_parts BODYFILE BOUNDARY FILE TYPE RANGE...: the body is exactly one
# part per RANGE ("a-b"), in that order, each of type TYPE with
# Content-Range bytes a-b/LEN and the bytes a to b of FILE.
mp_parts() {
    local body=$1 bnd=$2 f=$3 type=$4 i=0 r a b len; shift 4
    len=$(size "$f")
    mp_parse "$body" "$bnd" || return 1
    if [ "$MP_N" -ne $# ]; then
        WHY="$MP_N parts ($(printf '%s; ' "${MP_CR[@]}")), want $# ($*)"; return 1
    fi
    for r in "$@"; do
        i=$((i + 1)) a=${r%-*} b=${r#*-}
        if [ "${MP_CR[i]}" != "bytes $a-$b/$len" ]; then
            WHY="part $i: Content-Range $(printf '%q' "${MP_CR[i]}"), want 'bytes $a-$b/$len'"; return 1
        fi
        if [ "${MP_CT[i]}" != "$type" ]; then
            WHY="part $i: Content-Type $(printf '%q' "${MP_CT[i]}"), want '$type'"; return 1
        fi
        slice "$body" "${MP_OFF[i]}" "${MP_LEN[i]}" "$T/part"
        slice "$f" "$a" $((b - a + 1)) "$T/want"
        if ! cmp -s "$T/part" "$T/want"; then
            WHY="part $i ($a-$b): its bytes differ from the file's ($(cmp "$T/part" "$T/want" 2>&1 | head -n 1))"
            return 1
        fi
    done
}

# mp_length BOUNDARY TYPE LEN RANGE...: the length of the body with these
# parts, by the format: CRLF --B CRLF Content-Type: T CRLF Content-Range:
# bytes a-b/LEN CRLF CRLF <bytes> per part, then CRLF --B-- CRLF.
mp_length() {
    local bnd=$1 type=$2 len=$3 r a b part n=0; shift 3
    for r in "$@"; do
        a=${r%-*} b=${r#*-}
        part=$'\r\n--'"$bnd"$'\r\nContent-Type: '"$type"$'\r\nContent-Range: bytes '"$a-$b/$len"$'\r\n\r\n'
        n=$((n + ${#part} + b - a + 1))
    done
    part=$'\r\n--'"$bnd"$'--\r\n'
    printf '%s' $((n + ${#part}))
}

# boundary_of CONTENT-TYPE: sets BND from a multipart/byteranges type.
boundary_of() {
    local re='^multipart/byteranges; *boundary=("?)([^"]+)("?)$'
    if ! [[ $1 =~ $re ]] || [ "${BASH_REMATCH[1]}" != "${BASH_REMATCH[3]}" ]; then
        WHY="Content-Type $(printf '%q' "$1"), want multipart/byteranges; boundary=..."; return 1
    fi
    BND=${BASH_REMATCH[2]}
}

# ismulti PREFIX FILE TYPE RANGE...: a multipart 206 of those parts.
ismulti() {
    local p=$1 f=$2 type=$3; shift 3
    st_is "$p" 206 &&
        boundary_of "$(header "$p.h" Content-Type)" &&
        v_clen "$p" &&
        hdr_none "$p" Content-Range &&
        hdr_is "$p" Accept-Ranges bytes &&
        hdr_is "$p" Connection keep-alive &&
        mp_parts "$p.b" "$BND" "$f" "$type" "$@"
}
# rmulti PATH RANGE TYPE PART...: GET with Range: RANGE gives those parts.
rmulti() {
    local path=$1 range=$2 type=$3; shift 3
    fetch "$(U "$path")" "$T/c" -H "Range: $range"
    ismulti "$T/c" "$R$path" "$type" "$@"
}

# --- raw connections: several responses in one byte stream -----------------------

# parse_raw FILE METHOD...: split the bytes in FILE into responses, the Nth
# answering the Nth METHOD (GET past the list).  A response to HEAD and a
# 304 have no body; any other has exactly Content-Length bytes, and the
# next response starts right after.  Binary bodies stay in FILE: sets
# RS_N, RS_STATUS[i], RS_HEAD[i], RS_OFF[i], RS_LEN[i], and RS_BAD when the
# bytes after the last whole response are not one.
parse_raw() {
    local s o=0 rest head len m n status
    RS_FILE=$1; bytes_text "$1"; s=$BT; shift
    RS_N=0 RS_BAD=
    RS_STATUS=() RS_HEAD=() RS_OFF=() RS_LEN=()
    while [ "$o" -lt "${#s}" ]; do
        m=${1:-GET}; [ $# -gt 0 ] && shift
        n=$((RS_N + 1))
        rest=${s:o}
        if [[ $rest != 'HTTP/1.1 '* ]]; then
            RS_BAD="after $RS_N responses come bytes that do not start one: $(printf '%q' "${rest:0:60}")"
            return
        fi
        head=${rest%%$'\r\n\r\n'*}
        if [ "$head" = "$rest" ]; then
            RS_BAD="response $n is cut short, no CRLF CRLF: $(printf '%q' "${rest:0:80}")"
            return
        fi
        o=$((o + ${#head} + 4))
        status=${head%%$'\r\n'*}
        len=$(printf '%s\r\n\r\n' "$head" | header /dev/stdin Content-Length)
        if [ "$m" = HEAD ] || [[ $status == 'HTTP/1.1 304 '* ]]; then
            len=0
        elif ! [[ $len =~ ^[0-9]{1,12}$ ]]; then
            RS_BAD="response $n ($status) has Content-Length $(printf '%q' "$len")"
            return
        fi
        if [ $((${#s} - o)) -lt "$len" ]; then
            RS_BAD="response $n ($status): Content-Length $len, but only $((${#s} - o)) bytes follow its head"
            return
        fi
        RS_STATUS[n]=$status RS_HEAD[n]=$head RS_OFF[n]=$o RS_LEN[n]=$len
        o=$((o + len))
        RS_N=$n
    done
}

summary() {
    local i s=
    for ((i = 1; i <= RS_N; i++)); do s+="${s:+, }${RS_STATUS[i]:9:3}"; done
    printf '%s response(s)%s' "$RS_N" "${s:+ ($s)}"
}

# rs_codes CODE...: the stream held exactly these responses, whole, and
# the server then closed the connection.
rs_codes() {
    local i=0 c
    for c in "$@"; do
        i=$((i + 1))
        if [ "$i" -gt "$RS_N" ]; then
            WHY="no response $i (want $c); got $(summary)${RS_BAD:+; $RS_BAD}; $(raw_rc_text)"
            return 1
        fi
        if [ "${RS_STATUS[i]}" != "HTTP/1.1 $c ${REASON[$c]}" ]; then
            WHY="response $i: status line $(printf '%q' "${RS_STATUS[i]}"), want 'HTTP/1.1 $c ${REASON[$c]}'"
            return 1
        fi
    done
    if [ "$RS_N" -gt $# ]; then WHY="$(summary), want $#"; return 1; fi
    if [ -n "$RS_BAD" ]; then WHY=$RS_BAD; return 1; fi
    if [ "$RAW_RC" -ne 0 ]; then WHY="after the $# responses, $(raw_rc_text)"; return 1; fi
}

# rs_field I NAME: the values of NAME in response I.
rs_field() { printf 'x\r\n%s\r\n\r\n' "${RS_HEAD[$1]#*$'\r\n'}" | header /dev/stdin "$2"; }
# rs_is I NAME VALUE
rs_is() {
    local v; v=$(rs_field "$1" "$2")
    [ "$v" = "$3" ] && return 0
    WHY="response $1: $2 $(printf '%q' "$v"), want '$3'"; return 1
}
# rs_body I OUT: the body of response I into OUT.
rs_body() { slice "$RS_FILE" "${RS_OFF[$1]}" "${RS_LEN[$1]}" "$2"; }
# rs_bytes I FILE A B: response I's body is bytes A-B of FILE.
rs_bytes() {
    rs_body "$1" "$T/rb"
    slice "$2" "$3" $(($4 - $3 + 1)) "$T/want"
    cmp -s "$T/rb" "$T/want" && return 0
    WHY="response $1: body ($(size "$T/rb") bytes) is not bytes $3-$4 of ${2##*/}"; return 1
}
# rs_206 I FILE A B TYPE [HEAD]: response I is a single-range 206 of A-B.
# For a HEAD there is no body to compare: parse_raw took the next response
# to start right after the head, so a body would have shown up there.
rs_206() {
    rs_is "$1" Content-Range "bytes $3-$4/$(size "$2")" &&
        rs_is "$1" Content-Length $(($4 - $3 + 1)) &&
        rs_is "$1" Content-Type "$5" &&
        rs_is "$1" Accept-Ranges bytes || return 1
    [ -n "${6-}" ] || rs_bytes "$1" "$2" "$3" "$4"
}
# rs_keep I...: each response I says Connection: keep-alive.
rs_keep() {
    local i
    for i in "$@"; do rs_is "$i" Connection keep-alive || return 1; done
}

# --- the server ---------------------------------------------------------------

new_port P
start_server main -q -p "$P" -r "$R" -t 5
MAIN_TPID=$SRV_TPID MAIN_PID=$SRV_PID
if ! check "server starts" wait_ready "$P"; then
    skip "every stage 10 request" "server did not start"
    exit 0
fi

# --- whole files: Accept-Ranges, and the validators --------------------------------

fetch "$(U /blob.bin)" "$T/w"
check "GET without Range: 200, the whole binary file, Accept-Ranges: bytes" \
    is200 "$T/w" "$BLOB" "$OCTET"
ETAG=$(header "$T/w.h" ETag)
LM=$(header "$T/w.h" Last-Modified)
# validators: the 200 had a strong ETag and the Last-Modified of the file.
validators() {
    if ! [[ $ETAG == \"*\" ]]; then WHY="ETag $(printf '%q' "$ETAG"), want a strong tag"; return 1; fi
    [ "$LM" = "$MTIME_HTTP" ] && return 0
    WHY="Last-Modified $(printf '%q' "$LM"), want $MTIME_HTTP"; return 1
}
check "  it has a strong ETag and the file's Last-Modified" validators
check "HEAD without Range: 200 head with Accept-Ranges: bytes" \
    eval 'fetch "$(U /text.txt)" "$T/c" -I && st_is "$T/c" 200 && hdr_is "$T/c" Accept-Ranges bytes &&
          hdr_is "$T/c" Content-Length "$TLEN"'
check "304 (If-None-Match with the ETag) carries Accept-Ranges: bytes" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-None-Match: $ETAG" && st_is "$T/c" 304 &&
          hdr_is "$T/c" Accept-Ranges bytes'

# --- one range -----------------------------------------------------------------

L1=$((BLEN - 1))
check "bytes=0-9: 206, Content-Range bytes 0-9/$BLEN, 10 bytes, the file's type, the bytes of the file" \
    r206 /blob.bin bytes=0-9 0 9 "$OCTET"
check "bytes=0-0: the first byte alone" r206 /blob.bin bytes=0-0 0 0 "$OCTET"
check "bytes=500-599: 100 bytes from the middle" r206 /blob.bin bytes=500-599 500 599 "$OCTET"
check "bytes=$L1-$L1: the last byte alone" r206 /blob.bin "bytes=$L1-$L1" "$L1" "$L1" "$OCTET"
check "bytes=990-: from 990 to the end" r206 /blob.bin bytes=990- 990 "$L1" "$OCTET"
check "bytes=0-: the whole file, but as 206 0-$L1" r206 /blob.bin bytes=0- 0 "$L1" "$OCTET"
check "bytes=-5: the last 5 bytes" r206 /blob.bin bytes=-5 $((BLEN - 5)) "$L1" "$OCTET"
check "bytes=-1: the last byte" r206 /blob.bin bytes=-1 "$L1" "$L1" "$OCTET"
check "bytes=-$BLEN (suffix = length): 206 of the whole file" r206 /blob.bin "bytes=-$BLEN" 0 "$L1" "$OCTET"
check "bytes=-5000 (suffix longer than the file): 206 0-$L1/$BLEN" r206 /blob.bin bytes=-5000 0 "$L1" "$OCTET"
check "bytes=990-2000: the end is clamped to $L1" r206 /blob.bin bytes=990-2000 990 "$L1" "$OCTET"
check "bytes=0-$BLEN (one past the end): clamped to 0-$L1" r206 /blob.bin "bytes=0-$BLEN" 0 "$L1" "$OCTET"
check "BYTES=0-1 (the unit in upper case) works" r206 /blob.bin BYTES=0-1 0 1 "$OCTET"
check "Bytes=3-4 (mixed case) works" r206 /blob.bin Bytes=3-4 3 4 "$OCTET"
check "bytes=2-5 of a text file: its type text/plain; charset=utf-8" r206 /text.txt bytes=2-5 2 5 "$TEXT"
check "a range of dir/ (its index.html): 206 with text/html" \
    eval 'fetch "$(U /dir/)" "$T/c" -H "Range: bytes=1-8" && is206 "$T/c" "$R/dir/index.html" 1 8 "$HTML"'
check "a range of a one-byte file: bytes=0-0" r206 /one.txt bytes=0-0 0 0 "$TEXT"
check "the 206 carries the same ETag and Last-Modified as the 200" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "Range: bytes=1-2" && hdr_is "$T/c" ETag "$ETAG" && hdr_is "$T/c" Last-Modified "$LM"'

# --- numbers beyond 64 bits --------------------------------------------------------

N23=99999999999999999999999
check "bytes=$N23- (first position past 2^64): 416, no overflow" r416 /blob.bin "bytes=$N23-"
check "bytes=0-$N23: 206 of the whole file" r206 /blob.bin "bytes=0-$N23" 0 "$L1" "$OCTET"
check "bytes=-$N23: 206 of the whole file" r206 /blob.bin "bytes=-$N23" 0 "$L1" "$OCTET"
check "bytes=18446744073709551616- (2^64): 416" r416 /blob.bin bytes=18446744073709551616-
check "bytes=18446744073709551615- (2^64 - 1): 416" r416 /blob.bin bytes=18446744073709551615-
check "bytes=10-18446744073709551616 (2^64): 206 10-$L1" r206 /blob.bin bytes=10-18446744073709551616 10 "$L1" "$OCTET"
check "bytes=$N23-$N23: 416" r416 /blob.bin "bytes=$N23-$N23"

# --- unsatisfiable --------------------------------------------------------------

check "bytes=$BLEN- (first position = length): 416, Content-Range bytes */$BLEN, HTML page, Connection: close" \
    r416 /blob.bin "bytes=$BLEN-"
check "bytes=5000-6000: 416" r416 /blob.bin bytes=5000-6000
check "bytes=-0: 416" r416 /blob.bin bytes=-0
check "bytes=5000-,6000-6001,-0 (none satisfiable): 416" r416 /blob.bin "bytes=5000-,6000-6001,-0"
check "empty file, bytes=0-: 416 with Content-Range bytes */0" r416 /empty.txt bytes=0-
check "empty file, bytes=-5: 416 */0" r416 /empty.txt bytes=-5
check "HEAD with bytes=5000- (unsatisfiable): the 200 head of the whole file, not a 416" \
    head200 bytes=5000-
check "a missing file with a Range: 404, not 416" \
    eval 'fetch "$(U /nope.bin)" "$T/c" -H "Range: bytes=5000-" && st_is "$T/c" 404 && hdr_none "$T/c" Content-Range'

# --- invalid: ignored, 200 with the whole file ----------------------------------------

for r in items=0-1 bytes=5-2 bytes=abc bytes=1-2-3 bytes=--1 'bytes 0-1' bytes0-1 bytes= \
    'bytes=0-1;2-3' 'bytes=0x10-0x20' 'bytes=1.5-2' 'bytes=+1-2' 'bytes=-' 'bytes=0-1 2-3'; do
    check "invalid Range $(printf '%q' "$r"): ignored, 200 and the whole file" r200 /blob.bin "$r" "$OCTET"
done
check "an empty Range field: ignored, 200" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "Range;" && is200 "$T/c" "$BLOB" "$OCTET"'
check "an invalid range before a good one (bytes=5-2,0-1): the whole field is ignored, 200" \
    r200 /blob.bin bytes=5-2,0-1 "$OCTET"

# --- several ranges ------------------------------------------------------------

check "bytes=500-599,0-9,-5 (out of order): multipart/byteranges, 3 parts in request order, byte for byte, exact Content-Length" \
    rmulti /blob.bin bytes=500-599,0-9,-5 "$OCTET" 500-599 0-9 $((BLEN - 5))-"$L1"
check "  its Content-Length is the documented layout's length" \
    eval '[ "$(mp_length "$BND" "$OCTET" "$BLEN" 500-599 0-9 $((BLEN - 5))-"$L1")" = "$(header "$T/c.h" Content-Length)" ] ||
          { WHY="Content-Length $(header "$T/c.h" Content-Length), want $(mp_length "$BND" "$OCTET" "$BLEN" 500-599 0-9 $((BLEN - 5))-"$L1")"; false; }'
check "  and the same ETag as the 200" eval 'hdr_is "$T/c" ETag "$ETAG"'
check "bytes=0-1 , 5-6 (blanks around the comma): 2 parts" \
    rmulti /blob.bin "bytes=0-1 , 5-6" "$OCTET" 0-1 5-6
check "bytes=0-1,<TAB>5-6 (a tab after the comma): 2 parts" \
    rmulti /blob.bin $'bytes=0-1,\t5-6' "$OCTET" 0-1 5-6
check "bytes=0-1,,5-6 (an empty list element): 2 parts" \
    rmulti /blob.bin "bytes=0-1,,5-6" "$OCTET" 0-1 5-6
check "bytes=0-9,10-19 (adjacent): not merged, 2 parts" \
    rmulti /blob.bin bytes=0-9,10-19 "$OCTET" 0-9 10-19
check "bytes=10-19,0-9 (adjacent, descending): 2 parts in that order" \
    rmulti /blob.bin bytes=10-19,0-9 "$OCTET" 10-19 0-9
check "bytes=-10,900-950,0-0: a suffix, a middle and a first byte" \
    rmulti /blob.bin bytes=-10,900-950,0-0 "$OCTET" $((BLEN - 10))-"$L1" 900-950 0-0
check "bytes=990-2000,0-1: the clamped end in the part's Content-Range" \
    rmulti /blob.bin bytes=990-2000,0-1 "$OCTET" 990-"$L1" 0-1
check "bytes=2-5,40-49 of a text file: parts typed text/plain; charset=utf-8" \
    rmulti /text.txt bytes=2-5,40-49 "$TEXT" 2-5 40-49

# Sixteen 10-byte ranges, 60 bytes apart, last first.
R16=() S16=
for i in $(seq 15 -1 0); do R16+=("$((i * 60))-$((i * 60 + 9))"); S16+="${S16:+,}$((i * 60))-$((i * 60 + 9))"; done
check "exactly 16 ranges (descending): 206 with 16 parts in request order" \
    rmulti /blob.bin "bytes=$S16" "$OCTET" "${R16[@]}"
check "17 ranges: ignored, 200 and the whole file" r200 /blob.bin "bytes=$S16,999-999" "$OCTET"
check "16 good ranges and one unsatisfiable (17 requested): ignored, 200" \
    r200 /blob.bin "bytes=$S16,5000-" "$OCTET"

# Overlaps: the field is ignored.
check "bytes=0-10,5-15 (overlapping): ignored, 200 and the whole file" r200 /blob.bin bytes=0-10,5-15 "$OCTET"
check "bytes=0-10,10-20 (sharing one byte): ignored, 200" r200 /blob.bin bytes=0-10,10-20 "$OCTET"
check "bytes=0-1,0-1 (the same range twice): ignored, 200" r200 /blob.bin bytes=0-1,0-1 "$OCTET"
check "bytes=100-199,-901 (a suffix overlapping a range): ignored, 200" r200 /blob.bin bytes=100-199,-901 "$OCTET"
check "bytes=0-,500-509 (an open range over a later one): ignored, 200" r200 /blob.bin bytes=0-,500-509 "$OCTET"
check "one-byte file, bytes=0-0,-1 (the same byte twice): ignored, 200" r200 /one.txt bytes=0-0,-1 "$TEXT"

# Unsatisfiable ranges beside good ones are dropped.
check "bytes=0-1,5000-6000: the unsatisfiable range is dropped, a single-range 206 for 0-1, not multipart" \
    r206 /blob.bin bytes=0-1,5000-6000 0 1 "$OCTET"
check "bytes=5000-6000,-0,10-19: a single-range 206 for 10-19" \
    r206 /blob.bin bytes=5000-6000,-0,10-19 10 19 "$OCTET"
check "bytes=0-1,$BLEN-,7-8: 2 parts, the middle range dropped" \
    rmulti /blob.bin "bytes=0-1,$BLEN-,7-8" "$OCTET" 0-1 7-8

# --- HEAD: Range is ignored (RFC 9110, section 14.2) ---------------------------

check "HEAD with bytes=0-9: the 200 head of the whole file (Content-Length $BLEN, no Content-Range)" \
    head200 bytes=0-9
check "HEAD with bytes=-5000: the 200 head of the whole file" head200 bytes=-5000
check "HEAD with bytes=500-599,0-9,-5: the 200 head, not a multipart one" \
    head200 bytes=500-599,0-9,-5
check "HEAD with bytes=0-9 and If-Range with the ETag: the 200 head" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -I -H "Range: bytes=0-9" -H "If-Range: $ETAG" &&
          st_is "$T/c" 200 && hdr_is "$T/c" Content-Length "$BLEN" && hdr_none "$T/c" Content-Range'

# --- If-Range and other preconditions -----------------------------------------------

OTHER_DATE=$(date -u -d "@$(($(date -u -d "$MTIME" +%s) + 1))" '+%a, %d %b %Y %H:%M:%S GMT')
ir() {   # IF-RANGE then an is206 or is200 verdict for bytes=0-9
    fetch "$(U /blob.bin)" "$T/c" -H "Range: bytes=0-9" -H "If-Range: $1"
    if [ "$2" = 206 ]; then is206 "$T/c" "$BLOB" 0 9 "$OCTET"; else is200 "$T/c" "$BLOB" "$OCTET"; fi
}
check "If-Range with the current ETag: 206" ir "$ETAG" 206
check "If-Range with another ETag: 200 and the whole file" ir '"0-0-0"' 200
check "If-Range with W/ and the current ETag (weak): 200 and the whole file" ir "W/$ETAG" 200
check "If-Range with the Last-Modified date: 206" ir "$MTIME_HTTP" 206
check "If-Range with a date one second later: 200 and the whole file" ir "$OTHER_DATE" 200
check "If-Range with another ETag and an unsatisfiable Range: 200, not 416" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "Range: bytes=5000-" -H "If-Range: \"0-0-0\"" && is200 "$T/c" "$BLOB" "$OCTET"'
check "If-Range with the current ETag and several ranges: multipart 206" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "Range: bytes=9-9,1-2" -H "If-Range: $ETAG" &&
          ismulti "$T/c" "$BLOB" "$OCTET" 9-9 1-2'
check "If-Range without Range: 200 and the whole file" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-Range: $ETAG" && is200 "$T/c" "$BLOB" "$OCTET"'
check "If-None-Match matching + Range: 304, no Content-Range, no body" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-None-Match: $ETAG" -H "Range: bytes=0-9" && st_is "$T/c" 304 &&
          hdr_none "$T/c" Content-Range && { [ ! -s "$T/c.b" ] || { WHY="body $(show "$T/c.b")"; false; }; }'
check "If-None-Match matching + an unsatisfiable Range: 304, not 416" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-None-Match: $ETAG" -H "Range: bytes=5000-" && st_is "$T/c" 304'
check "If-Modified-Since = Last-Modified + Range: 304" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-Modified-Since: $LM" -H "Range: bytes=0-9" && st_is "$T/c" 304 &&
          hdr_none "$T/c" Content-Range'
check "If-None-Match with another tag + Range: 206" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-None-Match: \"0-0-0\"" -H "Range: bytes=0-9" &&
          is206 "$T/c" "$BLOB" 0 9 "$OCTET"'
check "If-Match with the ETag + Range: 206" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-Match: $ETAG" -H "Range: bytes=0-9" &&
          is206 "$T/c" "$BLOB" 0 9 "$OCTET"'
check "If-Match with another tag + Range: 412, not 206" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-Match: \"0-0-0\"" -H "Range: bytes=0-9" && is412 "$T/c"'
check "If-Match with another tag + an unsatisfiable Range: 412, not 416" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-Match: \"0-0-0\"" -H "Range: bytes=5000-" && is412 "$T/c"'
check "If-Match with another tag + several ranges: 412, not multipart" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-Match: \"0-0-0\"" -H "Range: bytes=0-1,5-6" && is412 "$T/c"'
check "If-Unmodified-Since a second before Last-Modified + Range: 412" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-Unmodified-Since: Thu, 04 Mar 2021 05:06:06 GMT" \
              -H "Range: bytes=0-9" && is412 "$T/c"'
check "If-Unmodified-Since = Last-Modified + Range: 206" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-Unmodified-Since: $LM" -H "Range: bytes=0-9" &&
          is206 "$T/c" "$BLOB" 0 9 "$OCTET"'
check "If-Match with the ETag, If-Range with another + Range: 200 and the whole file (step 5)" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -H "If-Match: $ETAG" -H "If-Range: \"0-0-0\"" \
              -H "Range: bytes=0-9" && is200 "$T/c" "$BLOB" "$OCTET"'

# --- curl's own range options -------------------------------------------------------

# crange ARG FIRST LAST: curl -r ARG gives bytes FIRST-LAST.
crange() {
    fetch "$(U /blob.bin)" "$T/c" -r "$1"
    is206 "$T/c" "$BLOB" "$2" "$3" "$OCTET"
}
check "curl -r 0-9: the same 10 bytes as head -c 10" \
    eval 'crange 0-9 0 9 && head -c 10 "$BLOB" | cmp -s - "$T/c.b"'
check "curl -r -20: the same bytes as tail -c 20" \
    eval 'crange -20 $((BLEN - 20)) "$L1" && tail -c 20 "$BLOB" | cmp -s - "$T/c.b"'
check "curl -r 100-: the same bytes as dd skip=100" \
    eval 'crange 100- 100 "$L1" && dd if="$BLOB" bs=1 skip=100 status=none | cmp -s - "$T/c.b"'
check "curl -r 0-1,10-11: a multipart body" \
    eval 'fetch "$(U /blob.bin)" "$T/c" -r 0-1,10-11 && ismulti "$T/c" "$BLOB" "$OCTET" 0-1 10-11'

# --- pipelining ----------------------------------------------------------------------

req() { printf '%s %s HTTP/1.1\\r\\n%s%s\\r\\n' "$1" "$2" "$H" "${3-}"; }
PIPE="$(req GET /text.txt 'Range: bytes=0-4\r\n')"
PIPE+="$(req GET /blob.bin 'Range: bytes=500-599,0-9,-5\r\n')"
PIPE+="$(req HEAD /blob.bin 'Range: bytes=-5000\r\n')"
PIPE+="$(req HEAD /blob.bin 'Range: bytes=0-1,10-11\r\n')"
PIPE+="$(req GET /blob.bin "Range: bytes=990-\r\nIf-Range: $ETAG\r\n")"
PIPE+="$(req GET /blob.bin 'Range: bytes=5-2\r\n')"
PIPE+="$(req GET /text.txt 'Range: bytes=-3\r\nConnection: close\r\n')"
raw "$P" "$T/p" "$PIPE"
parse_raw "$T/p" GET GET HEAD HEAD GET GET GET
check "7 ranged requests in one write (GET, multipart, HEAD, HEAD multipart, If-Range, invalid, close): 7 responses in order, then close" \
    rs_codes 206 206 200 200 206 200 206
if [ "$RS_N" -ge 7 ]; then
    check "  1: bytes 0-4 of text.txt" rs_206 1 "$R/text.txt" 0 4 "$TEXT"
    check "  2: the 3-part multipart body, byte for byte" \
        eval 'boundary_of "$(rs_field 2 Content-Type)" && rs_body 2 "$T/p2" &&
              mp_parts "$T/p2" "$BND" "$BLOB" "$OCTET" 500-599 0-9 $((BLEN - 5))-"$L1"'
    check "  3: HEAD with a Range: the 200 head, Content-Length $BLEN, no Content-Range, no body (the next response follows the head)" \
        eval 'rs_is 3 Content-Length "$BLEN" && rs_is 3 Content-Range "" && rs_is 3 Content-Type "$OCTET"'
    check "  4: HEAD with several ranges: the 200 head of the whole file, not multipart, no body" \
        eval 'rs_is 4 Content-Length "$BLEN" && rs_is 4 Content-Type "$OCTET"'
    check "  5: If-Range with the ETag, bytes 990-$L1" rs_206 5 "$BLOB" 990 "$L1" "$OCTET"
    check "  6: invalid range, the whole file" \
        eval 'rs_is 6 Content-Length "$BLEN" && rs_bytes 6 "$BLOB" 0 "$L1"'
    check "  7: the last 3 bytes of text.txt, Connection: close" \
        eval 'rs_206 7 "$R/text.txt" $((TLEN - 3)) $((TLEN - 1)) "$TEXT" && rs_is 7 Connection close'
    check "  the first six say Connection: keep-alive" rs_keep 1 2 3 4 5 6
else
    skip "the responses of the pipeline one by one" "only $(summary)"
fi

raw "$P" "$T/p" "$(req GET /blob.bin 'Range: bytes=0-9\r\n')$(req GET /blob.bin 'Range: bytes=5000-\r\n')$(req GET /text.txt)"
parse_raw "$T/p" GET GET GET
check "a 416 in a pipeline: 206, then the 416 with Connection: close; the request after it is not answered" \
    eval 'rs_codes 206 416 && rs_206 1 "$BLOB" 0 9 "$OCTET" && rs_is 2 Connection close &&
          rs_is 2 Content-Range "bytes */$BLEN" && rs_is 2 Content-Length "${RS_LEN[2]}"'

raw "$P" "$T/p" "$(req HEAD /blob.bin 'Range: bytes=5000-\r\n')$(req GET /text.txt 'Connection: close\r\n')"
parse_raw "$T/p" HEAD GET
check "HEAD with an unsatisfiable range, raw: the 200 head, no body, keep-alive, and the request after it answered" \
    eval 'rs_codes 200 200 && rs_is 1 Connection keep-alive && rs_is 1 Content-Range "" &&
          rs_is 1 Content-Length "$BLEN" && rs_bytes 2 "$R/text.txt" 0 $((TLEN - 1))'

# --- a large file: ranges far in, and resuming a cut download --------------------------

if [ "$BIG_OK" = 1 ]; then
    BIGLEN=$(size "$R/big.bin")
    check "20 MiB file, bytes=15000000-15000099: the right 100 bytes" \
        r206 /big.bin bytes=15000000-15000099 15000000 15000099 "$OCTET"
    check "20 MiB file, bytes=-7,12345678-12345687,0-2: 3 parts" \
        rmulti /big.bin bytes=-7,12345678-12345687,0-2 "$OCTET" $((BIGLEN - 7))-$((BIGLEN - 1)) 12345678-12345687 0-2

    resume() {
        local rc cut code got want
        rm -f "$T/dl"
        curl -q --noproxy '*' -sS --limit-rate 2M --max-time 1.5 -o "$T/dl" "$(U /big.bin)" 2>/dev/null
        rc=$?
        cut=$(size "$T/dl" 2>/dev/null || echo 0)
        if [ "$rc" -eq 0 ] || [ "$cut" -ge "$BIGLEN" ]; then
            WHY="the first download was not cut (curl exit $rc, $cut bytes)"; return 1
        fi
        if [ "$cut" -eq 0 ]; then WHY="the first download got no bytes (curl exit $rc)"; return 1; fi
        if ! cmp -s -n "$cut" "$T/dl" "$R/big.bin"; then WHY="the first $cut bytes are wrong"; return 1; fi
        code=$(curl -q --noproxy '*' -sS --max-time 60 -C - -D "$T/dl.h" -o "$T/dl" \
            -w '%{http_code}' "$(U /big.bin)" 2>"$T/dl.e")
        rc=$?
        if [ "$rc" -ne 0 ]; then WHY="resuming: curl exit $rc: $(head -c 120 "$T/dl.e")"; return 1; fi
        if [ "$code" != 206 ]; then WHY="resuming after $cut bytes: status $code, want 206"; return 1; fi
        got=$(header "$T/dl.h" Content-Range)
        if [ "$got" != "bytes $cut-$((BIGLEN - 1))/$BIGLEN" ]; then
            WHY="resuming after $cut bytes: Content-Range $(printf '%q' "$got")"; return 1
        fi
        want=$(sha256sum <"$R/big.bin"); got=$(sha256sum <"$T/dl")
        if [ "$got" != "$want" ]; then
            WHY="after resuming at $cut: $(size "$T/dl") bytes, SHA-256 ${got%% *}, the file's ${want%% *}"; return 1
        fi
    }
    check "curl -C -: a 20 MiB download cut short (--limit-rate, --max-time), resumed into the same file, has the file's SHA-256" resume
    rm -f "$T/dl" "$T/dl".*
else
    skip "a 20 MiB file" "could not write it"
fi

# --- the access log ---------------------------------------------------------------

# Three requests for three different files, so that each line is found by
# its target whatever order the children write in.
new_port PL
start_server log -p "$PL" -r "$R"
LOG=$T/log.out
if check "a server with the access log starts" wait_ready "$PL"; then
    LOG_TPID=$SRV_TPID
    fetch "http://127.0.0.1:$PL/blob.bin" "$T/l1" -H "Range: bytes=0-9"
    fetch "http://127.0.0.1:$PL/text.txt" "$T/l2" -H "Range: bytes=0-1,5-6"
    fetch "http://127.0.0.1:$PL/one.txt" "$T/l3" -H "Range: bytes=5000-"
    three() { [ "$(grep -c '"GET /\(blob\.bin\|text\.txt\|one\.txt\) HTTP/1\.1"' "$LOG")" -ge 3 ]; }
    poll "$SETTLE_MAX" three
    # logged PATH STATUS BYTES: the one line for GET PATH shows them.
    logged() {
        local lines re='"GET [^ ]+ HTTP/1\.1" ([0-9]{3}) ([0-9]+|-) '
        lines=$(grep -F "\"GET $1 HTTP/1.1\"" "$LOG")
        if [ -z "$lines" ] || [ "$(printf '%s\n' "$lines" | wc -l)" -ne 1 ]; then
            WHY="$(printf '%s\n' "$lines" | grep -c .) log lines for GET $1, want 1"; return 1
        fi
        if ! [[ $lines =~ $re ]]; then WHY="log line $(printf '%q' "$lines")"; return 1; fi
        [ "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}" = "$2 $3" ] && return 0
        WHY="logged status and bytes '${BASH_REMATCH[1]} ${BASH_REMATCH[2]}', want '$2 $3'"; return 1
    }
    check "log: a single range is logged 206 with its 10 bytes" logged /blob.bin 206 10
    check "log: a multipart answer is logged 206 with its body length" \
        logged /text.txt 206 "$(header "$T/l2.h" Content-Length)"
    check "log: a 416 is logged 416 with its page's length" \
        logged /one.txt 416 "$(header "$T/l3.h" Content-Length)"
    stop_server "$LOG_TPID"
fi

# --- an administrator's pages for 412 and 416 ------------------------------------

# With -e, a 416 and a 412 are errors like the others: the custom page,
# and for the 416 still its Content-Range.
mkdir -p "$T/pages"
printf '<!DOCTYPE html>\n<p>drongo-custom-416</p>\n' >"$T/pages/416.html"
printf '<!DOCTYPE html>\n<p>drongo-custom-412</p>\n' >"$T/pages/412.html"
new_port PE
start_server pages -q -p "$PE" -r "$R" -e "$T/pages"
if check "a server with -e DIR starts" wait_ready "$PE"; then
    PAGES_TPID=$SRV_TPID
    # custom CODE PREFIX: the body is CODE.html, whole, Content-Length exact.
    custom() {
        cmp -s "$2.b" "$T/pages/$1.html" && v_clen "$2" && return 0
        WHY="body $(show "$2.b"), want $1.html"; return 1
    }
    check "-e: an unsatisfiable range gets 416.html, with Content-Range bytes */$BLEN" \
        eval 'fetch "http://127.0.0.1:$PE/blob.bin" "$T/e" -H "Range: bytes=5000-" &&
              st_is "$T/e" 416 && hdr_is "$T/e" Content-Range "bytes */$BLEN" && v_conn "$T/e" &&
              custom 416 "$T/e"'
    check "-e: a failing If-Match with a Range gets 412.html" \
        eval 'fetch "http://127.0.0.1:$PE/blob.bin" "$T/e" -H "Range: bytes=0-9" -H "If-Match: \"x\"" &&
              st_is "$T/e" 412 && hdr_none "$T/e" Content-Range && v_conn "$T/e" && custom 412 "$T/e"'
    stop_server "$PAGES_TPID"
fi

# --- the end ----------------------------------------------------------------------

SRV_TPID=$MAIN_TPID SRV_PID=$MAIN_PID SRV_NAME=main SRV_RC=
check "the server is still up after every request" still_up
stop_server "$SRV_TPID"
rm -f "$R/big.bin"

# --- the shared attack suite -------------------------------------------------

traversal_suite

exit 0
