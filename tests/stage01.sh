#!/usr/bin/env bash
# Stage 1: `drongo STATUS [WORD...]` writes the WORDs joined by single
# spaces and a newline to stdout, and exits with STATUS (0..255).
# Checks run through check(), some as quoted text for eval:
# shellcheck source=tests/lib.sh disable=SC2016,SC2317
. "${BASH_SOURCE[0]%/*}/lib.sh"

# prints WANT_RC WANT_STDOUT ARGS...: exit status and stdout exactly as
# wanted, nothing on stderr.
prints() {
    local want_rc=$1; printf '%s' "$2" >"$T/want"; shift 2
    run_once "$@"
    if [ "$RC" -ne "$want_rc" ]; then
        WHY="$(rc_text "$RC"), want exit status $want_rc"; return 1
    fi
    if ! cmp -s "$T/want" "$T/out"; then
        WHY="stdout $(show "$T/out"), want $(show "$T/want")"; return 1
    fi
    if [ -s "$T/err" ]; then WHY="unexpected stderr $(show "$T/err")"; return 1; fi
}

# bad_status STATUS: refused with one "drongo:" line on stderr, nothing on
# stdout, exit 2.  A word follows, so that stdout would have something to
# show if the status were wrongly taken.
bad_status() {
    usage_error "$1" word || return 1
    if [ -s "$T/out" ]; then WHY="stdout $(show "$T/out"), want nothing"; return 1; fi
}

# no_args: a usage line on stderr, nothing on stdout, exit 2.
no_args() {
    run_once
    if [ "$RC" -ne 2 ]; then WHY="$(rc_text "$RC"), want exit status 2"; return 1; fi
    if [ -s "$T/out" ]; then WHY="stdout $(show "$T/out"), want nothing"; return 1; fi
    if ! head -n 1 "$T/err" | grep -q '^usage:'; then
        WHY="stderr $(show "$T/err") does not start with 'usage:'"; return 1
    fi
}

check "words are joined by single spaces" \
    prints 0 $'hello world\n' 0 hello world
check "a word holding spaces is printed as it is" \
    prints 0 $'a b  c \n' 0 'a b' ' c '
check "UTF-8 words pass through unchanged" \
    prints 0 $'h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac\n' \
    0 $'h\xc3\xa9llo' $'w\xc3\xb6rld' $'\xe2\x9c\x93' $'\xe6\x97\xa5\xe6\x9c\xac'
check "no words print just a newline" \
    prints 0 $'\n' 0
check "an empty word still gets its separating spaces" \
    prints 0 $'a  b\n' 0 a '' b
many=$(seq 1 20000 | tr '\n' ' '); many=${many% }
# shellcheck disable=SC2086  # split into 20000 words on purpose
check "20000 words (about 108 KB) are printed in full" \
    prints 0 "$many"$'\n' 0 $many

check "exit status 0" prints 0 $'zero\n' 0 zero
check "exit status 3" prints 3 $'three\n' 3 three
check "exit status 255" prints 255 $'\n' 255

check "no arguments: usage on stderr, nothing on stdout, exit 2" no_args

for s in x 256 -1 12a '' 99999999999999999999999 4294967299 18446744073709551619; do
    check "bad status '$s' is refused" bad_status "$s"
done

exit 0
