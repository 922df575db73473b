#!/usr/bin/env bash
# Stage 15: testing hostile input.  The server is the one of the stage
# before; what this stage adds is hosted (chapter 15): the modules without
# system calls built with clang, libFuzzer, AddressSanitizer and UBSan.
#
# On the host's own architecture only, since the harnesses are hosted
# programs: the hosted build, every unit table (one line each), and every
# libFuzzer harness for FUZZ_SMOKE_SECONDS (default 3) on its committed
# corpus, so that a seed or an input that once broke a property breaks
# the run.  On every architecture: the parser's seeds named for a status
# (tests/fuzz/corpus/http/NNN-*) sent to the server itself over raw TCP,
# each of which must be answered with that status, and the server still
# up after them all.
# shellcheck source=tests/lib.sh
. "${BASH_SOURCE[0]%/*}/lib.sh"

SRC_ROOT=$(cd "${BASH_SOURCE[0]%/*}/.." && pwd)
SEEDS=$SRC_ROOT/tests/fuzz/corpus/http
FUZZ_SMOKE_SECONDS=${FUZZ_SMOKE_SECONDS:-3}

# --- the hosted build, the tables and the harnesses ---------------------------

hosted_build() {
    local out=$T/hosted.out
    make -s -C "$SRC_ROOT" -j2 hosted >"$out" 2>&1 && return 0
    WHY="make hosted failed: $(tail -3 "$out" | tr '\n' ' ')"; return 1
}

if [ "$ARCH" != "$(uname -m)" ]; then
    :   # hosted programs run on the host only; the replay below runs here
elif ! command -v "${HOSTED_CC:-clang}" >/dev/null; then
    skip "the hosted build, the unit tables and the harnesses" \
        "no clang: make deps-test installs clang and libclang-rt"
elif check "the hosted build: clang, libFuzzer, ASan and UBSan over the pure modules" \
        hosted_build; then
    "$SRC_ROOT/build/hosted/unit" 2>&1
    [ "${PIPESTATUS[0]}" -eq 0 ] || not_ok "the unit tables exit 0" "a table failed"
    for c in "$SRC_ROOT"/tests/fuzz/*.c; do
        h=$(basename "$c" .c)
        rm -rf "$SRC_ROOT/build/hosted/smoke/$h"
        (cd "$SRC_ROOT" &&
         sh tests/fuzz/run "$h" "$FUZZ_SMOKE_SECONDS" "build/hosted/smoke/$h")
    done
fi

# --- the parser's seeds, sent to the server -----------------------------------

R=$T/root
mkdir -p "$R"
printf 'hello, hostile world\n' >"$R/index.html"

# status_for FILE PORT: send FILE over one connection, read the status
# line of the answer into GOT (its code only).
status_for() {
    GOT=$(timeout -k 1 "$RAW_MAX" bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 97
        cat "$2" >&3
        IFS=" " read -r _ code _ <&3 && printf "%s" "$code"' _ "$2" "$1" 2>/dev/null)
}

replay() {
    local f want bad=0 n=0 first=
    for f in "$SEEDS"/[0-9][0-9][0-9]-*; do
        want=${f##*/}; want=${want%%-*}
        status_for "$f" "$PORT"
        n=$((n + 1))
        if [ "$GOT" != "$want" ]; then
            bad=$((bad + 1))
            [ -n "$first" ] || first="${f##*/} got '${GOT:-nothing}'"
        fi
    done
    [ "$bad" -eq 0 ] && return 0
    WHY="$bad of $n seeds answered otherwise; first: $first"; return 1
}

new_port PORT
start_server replay -p "$PORT" -r "$R"
if check "a server starts for the replay" wait_ready "$PORT"; then
    count=$(ls "$SEEDS"/[0-9][0-9][0-9]-* | wc -l)
    check "each of the parser's $count seeds named for a status gets it from the server" replay
    check "the server is still up after them all" still_up
else
    skip "the seeds sent to the server" "the server did not start"
fi
stop_server "$SRV_TPID"
exit 0
