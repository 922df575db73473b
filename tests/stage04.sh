#!/usr/bin/env bash
# Stage 4: drongo parses the request.  A valid GET gets 200 with the body
# "GET <decoded path>\n", HEAD the same head without the body; anything
# else gets the right error, a small HTML page.  One request per
# connection: every response says Connection: close and the server closes.
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

H='Host: x\r\n'
# Error requests carry this word in their target: no error page may echo it.
MARK=xyzzy

# --- reading a raw response --------------------------------------------------
#
# complete, has_status, has_field and body_is are in tests/http.sh.

# length_is N: Content-Length is N.
length_is() {
    local v; v=$(rhdr Content-Length)
    [ "$v" = "$1" ] && return 0
    WHY="Content-Length $(printf '%q' "$v"), want $1"; return 1
}

# --- the checks on one exchange -----------------------------------------------

# ok_get REQUEST BODY: REQUEST (printf %b) gets 200 with exactly BODY.
ok_get() {
    raw "$P" "$T/r" "$1"
    complete "$T/r" && has_status "HTTP/1.1 200 OK" &&
        has_field Content-Type "text/plain; charset=utf-8" &&
        has_field Server drongo && length_is "${#2}" && body_is "$2"
}

# head_nobody: HEAD /h gets 200 and nothing after the head.
head_nobody() {
    raw "$P" "$T/r" "HEAD /h HTTP/1.1\r\n$H\r\n"
    complete "$T/r" && has_status "HTTP/1.1 200 OK" && body_is ""
}

# head_same: HEAD /h gets byte for byte the head GET /h gets, whose
# Content-Length counts "GET /h\n".
head_same() {
    local get_head
    ok_get "GET /h HTTP/1.1\r\n$H\r\n" $'GET /h\n' || { WHY="GET /h: $WHY"; return 1; }
    get_head=$RAW_HEAD
    raw "$P" "$T/r" "HEAD /h HTTP/1.1\r\n$H\r\n"
    complete "$T/r" || return 1
    [ "$RAW_HEAD" = "$get_head" ] && return 0
    WHY="HEAD head $(printf '%q' "$RAW_HEAD"), GET head $(printf '%q' "$get_head")"
    return 1
}

# bad REQUEST CODE REASON: REQUEST (printf %b) gets the error page for
# CODE; a 405 also says which methods are allowed.  SEND names the
# function that talks to the server (default raw).
bad() {
    "${SEND:-raw}" "$P" "$T/r" "$1"
    complete "$T/r" && has_status "HTTP/1.1 $2 $3" &&
        has_field Content-Type "text/html; charset=utf-8" &&
        length_is "${#RAW_BODY}" || return 1
    if [[ ${RAW_BODY,,} != *"<html"* ]]; then
        WHY="body is not an HTML page: $(printf '%q' "${RAW_BODY:0:80}")"; return 1
    fi
    if [[ $RAW_BODY != *"$2"* ]]; then
        WHY="body does not contain $2: $(printf '%q' "${RAW_BODY:0:80}")"; return 1
    fi
    if [[ $RAW_BODY == *"$MARK"* ]]; then
        WHY="body echoes the request target: $(printf '%q' "${RAW_BODY:0:80}")"; return 1
    fi
    if [ "$2" = 405 ]; then has_field Allow "GET, HEAD" || return 1; fi
}

# trickle REQUEST BODY: REQUEST (printf %b) sent one byte per write, with
# a pause after each, gets 200 with exactly BODY.
trickle() {
    timeout -k 1 "$RAW_MAX" bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        printf -v s "%b" "$2"
        for ((i = 0; i < ${#s}; i++)); do
            printf "%s" "${s:i:1}" >&3 || exit 1
            sleep 0.01
        done
        exec cat <&3' _ "$P" "$1" >"$T/r" 2>/dev/null
    RAW_RC=$?
    complete "$T/r" && has_status "HTTP/1.1 200 OK" &&
        length_is "${#2}" && body_is "$2"
}

# closes_after_error REQUEST: REQUEST (printf %b) gets 400, and the
# connection ends within 5 s although the client keeps its side open.
closes_after_error() {
    local t0 ms; t0=$(now_us)
    RAW_MAX=5 raw "$P" "$T/r" "$1"
    ms=$(( ($(now_us) - t0) / 1000 ))
    RAW_MAX=5 raw_closed "$T/r" || return 1
    complete "$T/r" && has_status "HTTP/1.1 400 Bad Request" ||
        { WHY="closed after ${ms} ms, but: $WHY"; return 1; }
}

# --- curl ----------------------------------------------------------------------

# curl_get I: curl fetches /cI and gets 200 with the body "GET /cI\n".
curl_get() {
    local p=$T/j$1
    get "http://127.0.0.1:$P/c$1" "$p"
    v_text200 "$p" || return 1
    [ "$(cat "$p.b"; printf x)" = "GET /c$1"$'\n'x ] && return 0
    WHY="body $(show "$p.b")"; return 1
}

# curl_hello: curl, which encodes the request its own way, gets the
# decoded path back, and the Server field.
curl_hello() {
    local p=$T/c v
    get "http://127.0.0.1:$P/hello%20world" "$p"
    v_text200 "$p" || return 1
    v=$(header "$p.h" Server)
    [ "$v" = drongo ] || { WHY="Server $(printf '%q' "$v")"; return 1; }
    [ "$(cat "$p.b"; printf x)" = $'GET /hello world\nx' ] && return 0
    WHY="body $(show "$p.b")"; return 1
}

# --- valid requests --------------------------------------------------------

new_port P
start_server main -p "$P"
if ! check "server starts with -p PORT" wait_ready "$P"; then
    skip "every stage 4 request" "server did not start"
    exit 0
fi

check "curl GET /hello%20world: 200, text/plain, Server: drongo, body 'GET /hello world'" curl_hello
check "GET /: body 'GET /'"            ok_get "GET / HTTP/1.1\r\n$H\r\n" $'GET /\n'
check "GET /a/b.txt: body 'GET /a/b.txt'" ok_get "GET /a/b.txt HTTP/1.1\r\n$H\r\n" $'GET /a/b.txt\n'
check "HEAD /h: 200 and no body" head_nobody
check "HEAD /h: the same head as GET /h (Content-Length 7)" head_same
check "the query is ignored: /a?b=c gives 'GET /a'" \
    ok_get "GET /a?b=c HTTP/1.1\r\n$H\r\n" $'GET /a\n'
check "HTTP/1.0 without Host: 200" ok_get "GET /v10 HTTP/1.0\r\n\r\n" $'GET /v10\n'

# Absolute form.
check "absolute form http://foo/bar?x gives 'GET /bar'" \
    ok_get "GET http://foo/bar?x HTTP/1.1\r\nHost: foo\r\n\r\n" $'GET /bar\n'
check "absolute form http://foo gives 'GET /'" \
    ok_get "GET http://foo HTTP/1.1\r\nHost: foo\r\n\r\n" $'GET /\n'
check "absolute form with scheme HTTP://foo/x gives 'GET /x'" \
    ok_get "GET HTTP://foo/x HTTP/1.1\r\nHost: foo\r\n\r\n" $'GET /x\n'

# The authority of an absolute-form target, and the Host field, by RFC
# 3986's grammar: host [":" port], the host a name, an IPv4 address or an
# IP literal in brackets.
check "absolute form with a port, http://foo:8080/x: 'GET /x'" \
    ok_get "GET http://foo:8080/x HTTP/1.1\r\n$H\r\n" $'GET /x\n'
check "absolute form with an empty port, http://foo:/x: 'GET /x'" \
    ok_get "GET http://foo:/x HTTP/1.1\r\n$H\r\n" $'GET /x\n'
check "absolute form with an IPv4 address, http://127.0.0.1/x: 'GET /x'" \
    ok_get "GET http://127.0.0.1/x HTTP/1.1\r\n$H\r\n" $'GET /x\n'
check "absolute form with an IPv6 literal, http://[::1]:80/x: 'GET /x'" \
    ok_get "GET http://[::1]:80/x HTTP/1.1\r\n$H\r\n" $'GET /x\n'
check "absolute form with an IPv6 literal ending in IPv4, http://[::ffff:192.0.2.1]/x" \
    ok_get "GET http://[::ffff:192.0.2.1]/x HTTP/1.1\r\n$H\r\n" $'GET /x\n'
check "absolute form with a full IPv6 literal, http://[2001:db8:0:0:1:0:0:1]/x" \
    ok_get "GET http://[2001:db8:0:0:1:0:0:1]/x HTTP/1.1\r\n$H\r\n" $'GET /x\n'
check "absolute form with an IPvFuture literal, http://[v1.x:y]/x" \
    ok_get "GET http://[v1.x:y]/x HTTP/1.1\r\n$H\r\n" $'GET /x\n'
check "absolute form with a percent-encoded name, http://f%6Fo/x" \
    ok_get "GET http://f%6Fo/x HTTP/1.1\r\n$H\r\n" $'GET /x\n'
check "Host with a port, Host: x:8080: 200" \
    ok_get "GET /h HTTP/1.1\r\nHost: x:8080\r\n\r\n" $'GET /h\n'
check "Host as an IPv6 literal, Host: [::1]:8080: 200" \
    ok_get "GET /h HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n" $'GET /h\n'
check "an empty Host field (a target without authority): 200" \
    ok_get "GET /h HTTP/1.1\r\nHost:\r\n\r\n" $'GET /h\n'

# Percent-decoding.
check "%20 decodes to a space"  ok_get "GET /a%20b HTTP/1.1\r\n$H\r\n" $'GET /a b\n'
check "%41 decodes to A"        ok_get "GET /%41 HTTP/1.1\r\n$H\r\n" $'GET /A\n'
check "%2F decodes to /"        ok_get "GET /a%2Fb HTTP/1.1\r\n$H\r\n" $'GET /a/b\n'

# Lenient where the RFC allows it.
check "bare LF line ends: 200" ok_get "GET /lf HTTP/1.1\nHost: x\n\n" $'GET /lf\n'
check "field names in any case: hOsT satisfies Host" \
    ok_get "GET /case HTTP/1.1\r\nhOsT: x\r\n\r\n" $'GET /case\n'
check "an empty line before the request line is skipped" \
    ok_get "\r\nGET /e HTTP/1.1\r\n$H\r\n" $'GET /e\n'
check "Transfer-Encoding: chunked, the body its last chunk: 200" \
    ok_get "GET /te HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" $'GET /te\n'
check "Transfer-Encoding: gzip , CHUNKED , (any case, an empty element after): 200" \
    ok_get "GET /te HTTP/1.1\r\n${H}Transfer-Encoding: gzip , CHUNKED ,\r\n\r\n0\r\n\r\n" $'GET /te\n'
check "two equal Content-Length fields: 200" \
    ok_get "GET /cl HTTP/1.1\r\n${H}Content-Length: 0\r\nContent-Length: 0\r\n\r\n" $'GET /cl\n'
check "a request sent one byte at a time: 200" \
    trickle "GET /slow HTTP/1.1\r\n$H\r\n" $'GET /slow\n'

# --- limits ------------------------------------------------------------------

long=$(printf "%08191d" 0 | tr 0 a)       # 8191 bytes
check "a target of exactly 8192 bytes: 200 with the whole path" \
    ok_get "GET /$long HTTP/1.1\r\n$H\r\n" "GET /$long"$'\n'
check "a target of 8193 bytes: 414 URI Too Long" \
    bad "GET /${MARK}a$long HTTP/1.1\r\n$H\r\n" 414 "URI Too Long"

check "100 header fields: 200" \
    ok_get "GET /f100 HTTP/1.1\r\n$H$(fields 100)\r\n" $'GET /f100\n'
check "101 header fields: 431 Request Header Fields Too Large" \
    bad "GET /$MARK HTTP/1.1\r\n$H$(fields 101)\r\n" 431 "Request Header Fields Too Large"

# The header section: every byte after the request line's CRLF, the empty
# line included.  "Host: x\r\n" (9) + "X-Pad: " (7) + pad + "\r\n" (2) +
# "\r\n" (2) = 20 + pad bytes.
pad() { printf "%0$1d" 0 | tr 0 p; }
# The limit is 16 KiB: a section of exactly 16384 bytes is within it.
check "a header section of exactly 16384 bytes: 200" \
    ok_get "GET /s HTTP/1.1\r\n${H}X-Pad: $(pad 16364)\r\n\r\n" $'GET /s\n'
check "a header section of 16385 bytes: 431 Request Header Fields Too Large" \
    bad "GET /$MARK HTTP/1.1\r\n${H}X-Pad: $(pad 16365)\r\n\r\n" 431 "Request Header Fields Too Large"
check "a header section of 16385 bytes with bare LF line ends: 431" \
    bad "GET /$MARK HTTP/1.1\n${H//\\r/}X-Pad: $(pad 16368)\n\n" 431 "Request Header Fields Too Large"
check "a header section of 40000 bytes: 431 Request Header Fields Too Large" \
    bad "GET /$MARK HTTP/1.1\r\n${H}X-Pad: $(pad 39980)\r\n\r\n" 431 "Request Header Fields Too Large"

# --- methods -------------------------------------------------------------------

for m in POST PUT DELETE CONNECT OPTIONS TRACE PATCH; do
    check "$m: 405 Method Not Allowed, Allow: GET, HEAD" \
        bad "$m /$MARK HTTP/1.1\r\n$H\r\n" 405 "Method Not Allowed"
done
check "OPTIONS *: 405 Method Not Allowed, Allow: GET, HEAD" \
    bad "OPTIONS * HTTP/1.1\r\n$H\r\n" 405 "Method Not Allowed"
check "POST with a body: 405 Method Not Allowed" \
    bad "POST /$MARK HTTP/1.1\r\n${H}Content-Length: 3\r\n\r\na=b" 405 "Method Not Allowed"
check "unknown method BREW: 501 Not Implemented" \
    bad "BREW /$MARK HTTP/1.1\r\n$H\r\n" 501 "Not Implemented"
check "lowercase get: 501 Not Implemented" \
    bad "get /$MARK HTTP/1.1\r\n$H\r\n" 501 "Not Implemented"
check "a 17-character method: 501 Not Implemented" \
    bad "GETGETGETGETGETGE /$MARK HTTP/1.1\r\n$H\r\n" 501 "Not Implemented"

# --- versions ----------------------------------------------------------------

# 505 is for a major version drongo does not speak (RFC 9110, section
# 15.6.6); a higher minor of major 1 is served as HTTP/1.1 (section 6.2).
for v in HTTP/2.0 HTTP/3.0 HTTP/0.9 HTTP/9.9; do
    check "$v: 505 HTTP Version Not Supported" \
        bad "GET /$MARK $v\r\n$H\r\n" 505 "HTTP Version Not Supported"
done
for v in HTTP/1.2 HTTP/1.9; do
    check "$v is served as HTTP/1.1: 200" ok_get "GET /v $v\r\n$H\r\n" $'GET /v\n'
done
check "HTTP/1.2 needs a Host, as HTTP/1.1 does: 400 without one" \
    bad "GET /$MARK HTTP/1.2\r\n\r\n" 400 "Bad Request"
for v in HTTX/1.1 HTTP/1.10 HTTP/1; do
    check "malformed version $v: 400 Bad Request" \
        bad "GET /$MARK $v\r\n$H\r\n" 400 "Bad Request"
done

# --- malformed requests: 400 ---------------------------------------------------

B400() { check "$1: 400 Bad Request" bad "$2" 400 "Bad Request"; }
B400 "HTTP/1.1 without Host"          "GET /$MARK HTTP/1.1\r\n\r\n"
B400 "two Host fields"                "GET /$MARK HTTP/1.1\r\n${H}Host: y\r\n\r\n"
B400 "whitespace before the colon (Host : x)" "GET /$MARK HTTP/1.1\r\nHost : x\r\n\r\n"
B400 "obsolete line folding (space)"  "GET /$MARK HTTP/1.1\r\n${H}X-A: a\r\n b\r\n\r\n"
B400 "obsolete line folding (tab)"    "GET /$MARK HTTP/1.1\r\n${H}X-A: a\r\n\tb\r\n\r\n"
B400 "a bare CR inside a field value" "GET /$MARK HTTP/1.1\r\nX-A: a\rb\r\n$H\r\n"
B400 "a bare CR ending the request line" "GET /$MARK HTTP/1.1\r$H\r\n"
B400 "a control character (\\x01) in a field value" "GET /$MARK HTTP/1.1\r\n${H}X-A: a\x01b\r\n\r\n"
B400 "two spaces between method and target" "GET  /$MARK HTTP/1.1\r\n$H\r\n"
B400 "a target not starting with / (GET $MARK)" "GET $MARK HTTP/1.1\r\n$H\r\n"
B400 "a # in the target"              "GET /$MARK#frag HTTP/1.1\r\n$H\r\n"
B400 "%00 in the target"              "GET /$MARK%00 HTTP/1.1\r\n$H\r\n"
B400 "malformed %zz"                  "GET /$MARK%zz HTTP/1.1\r\n$H\r\n"
B400 "truncated %4"                   "GET /$MARK%4 HTTP/1.1\r\n$H\r\n"
B400 "% at the end of the target"     "GET /$MARK% HTTP/1.1\r\n$H\r\n"
B400 "both Transfer-Encoding and Content-Length" \
    "GET /$MARK HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n"
# A Transfer-Encoding that does not end in chunked leaves the body's
# length unknown: 400, and the connection closes (RFC 9112, section 6.3).
B400 "Transfer-Encoding: gzip, not ending in chunked" \
    "GET /$MARK HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\n\r\n"
B400 "Transfer-Encoding: chunked, gzip" \
    "GET /$MARK HTTP/1.1\r\n${H}Transfer-Encoding: chunked, gzip\r\n\r\n"
B400 "Transfer-Encoding: xchunked" \
    "GET /$MARK HTTP/1.1\r\n${H}Transfer-Encoding: xchunked\r\n\r\n"
B400 "an empty Transfer-Encoding" \
    "GET /$MARK HTTP/1.1\r\n${H}Transfer-Encoding:\r\n\r\n"
B400 "two Transfer-Encoding lines, the last gzip" \
    "GET /$MARK HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n"
check "Transfer-Encoding: gzip, then the server closes within 5 s" \
    closes_after_error "GET /$MARK HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\n\r\n"
# The authority of an absolute-form target: RFC 3986's grammar, no
# userinfo (RFC 9110, section 4.2.4), no empty host (section 4.2.1).
for t in 'http://h#x/' 'http://user@h/' 'http://u:p@h/' 'http://h:8x/' \
         'http://h:80:90/' 'http://[::1/' 'http://[::1]x/' 'http://[12345::]/' \
         'http://[1:2:3:4:5:6:7:8:9]/' 'http://[1::2::3]/' 'http://[::1.2.3.256]/' \
         'http://[v1.]/' 'http://:80/' 'http://h%zz/' 'http://a<b/' 'http://h\\x/'; do
    B400 "absolute form GET $t" "GET $t$MARK HTTP/1.1\r\n$H\r\n"
done
B400 "a Host field that is not a host: Host: x/.." "GET /$MARK HTTP/1.1\r\nHost: x/..\r\n\r\n"
B400 "a Host field with userinfo: Host: u@x" "GET /$MARK HTTP/1.1\r\nHost: u@x\r\n\r\n"
B400 "a Host field with a space: Host: a b" "GET /$MARK HTTP/1.1\r\nHost: a b\r\n\r\n"
B400 "a Host field with a bad port: Host: x:y" "GET /$MARK HTTP/1.1\r\nHost: x:y\r\n\r\n"
B400 "two different Content-Length fields" \
    "GET /$MARK HTTP/1.1\r\n${H}Content-Length: 0\r\nContent-Length: 1\r\n\r\n"
B400 "a non-numeric Content-Length"   "GET /$MARK HTTP/1.1\r\n${H}Content-Length: abc\r\n\r\n"

check "after an error the server closes the connection within 5 s" \
    closes_after_error "GET /$MARK HTTP/1.1\r\n\r\n"

# --- many clients ------------------------------------------------------------

check "server still up after the malformed requests" still_up
check "30 concurrent curl clients all get 200 with their own path" concurrently 30 curl_get
check "no zombie children after them" zombie_free
stop_server "$SRV_TPID"

# --- the cap still holds -----------------------------------------------------

# refused_10: ten clients in turn over the cap each get the whole 503.
refused_10() {
    local i
    for i in $(seq 1 10); do
        SEND=raw_once bad "GET /$MARK HTTP/1.1\r\n$H\r\n" 503 "Service Unavailable" &&
            has_field Retry-After 1 || { WHY="client $i: $WHY"; return 1; }
    done
}

new_port P
start_server capped -c 1 -p "$P"
if check "server starts with -c 1" wait_ready "$P" && check "its pid is known" known_pid; then
    # The server answers over the cap without waiting for the request, so
    # the request goes out in one write: later writes could meet a reset.
    if check "an idle connection gets the one child" one_idle_child "$P"; then
        check "over the cap: 503 Service Unavailable, Retry-After: 1, HTML page, right Content-Length" \
            eval 'SEND=raw_once bad "GET /$MARK HTTP/1.1\r\n$H\r\n" 503 "Service Unavailable" &&
                  has_field Retry-After 1'
        check "10 more clients in a row over the cap each get the whole 503" \
            refused_10
    else
        skip "503 over the cap" "the cap was not filled"
    fi
    release "$HOLD_PID"
else
    skip "503 over the cap" "server did not start"
fi
stop_server "$SRV_TPID"

exit 0
