#!/usr/bin/env bash
# bench/run.sh: drongo measured beside nginx, lighttpd, mini_httpd and
# busybox httpd, each on its own loopback port over the same docroot.
# `make bench` runs it from the top of the tree; so can you:
#     BENCH_DRONGO=build/drongo-x86_64 bash bench/run.sh
# Settings, from the environment (make bench VAR=... passes them on):
#   BENCH_REPS=3        repetitions of every measurement (min/median/max)
#   BENCH_SECS=8        seconds of each wrk run
#   BENCH_QUICK=1       a quick look: 1 repetition, 2 s runs
#   BENCH_SERVERS=...   a subset of "drongo nginx lighttpd mini_httpd busybox"
#   BENCH_PORT_BASE     ports BASE+1.. (default 18000)
#   BENCH_DRONGO_FLAGS  drongo's flags (default -q -P 1; bench/servers.sh)
#   BENCH_CONNS=50      wrk's connections, and those held open for memory
#   BENCH_CALLS=100     requests counted under strace, in each mode
# It writes build/bench/: samples.csv (every measurement), results.csv
# (min/median/max of each), table.tex and plot.dat (for the book's
# figures bench and bench-table), and prints a summary with the ratios
# of drongo's targets (chapter 16) (bench/report.awk).
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C PATH=$PATH:/usr/sbin:/sbin

OUT=build/bench
RUN=$PWD/$OUT/run
WWW=$PWD/$OUT/www
SAMPLES=$OUT/samples.csv
DRONGO=${BENCH_DRONGO:-build/drongo-$(uname -m)}

REPS=${BENCH_REPS:-3}
SECS=${BENCH_SECS:-8}
if [ -n "${BENCH_QUICK:-}" ] && [ "${BENCH_QUICK}" != 0 ]; then
    REPS=1 SECS=2
fi
CONNS=${BENCH_CONNS:-50}
CALLS=${BENCH_CALLS:-100}
BIG_RUNS=9                    # downloads of the 100 MiB file per repetition
BIG_BYTES=$((100 * 1024 * 1024))
HOLD=15                       # seconds the memory test may hold connections
# No process the bench starts may outlive this many seconds, even if the
# bench itself is killed: a generous bound on a whole run.
BENCH_LIMIT=$(( REPS * 5 * (3 * SECS + 40) + 120 ))

. bench/servers.sh
. bench/measure.sh
SERVERS=${BENCH_SERVERS:-$SERVERS}

trap stop_all EXIT
trap 'echo "bench: interrupted; stopping the servers"; exit 130' INT
trap 'exit 143' TERM

sh bench/deps.sh || exit 1
[ -x "$DRONGO" ] || { echo "bench: no $DRONGO (make builds it)"; exit 1; }
for t in wrk curl strace strip timeout; do
    command -v $t >/dev/null || { echo "bench: $t is missing"; exit 1; }
done

cat <<EOF
bench: $(uname -m), $(nproc) cores, $REPS repetition(s), ${SECS} s wrk runs,
       $CONNS connections, $CALLS requests under strace; drongo is $DRONGO.
note:  the native build only.  On an AArch64 host the AArch64 build is
       the native one, and this bench measures it; figures taken under
       qemu emulation mean nothing (every instruction is translated).
note:  other work on this machine moves the figures: read the spread.
       Load average now: $(cut -d' ' -f1-3 /proc/loadavg).
EOF

# The docroot: a 1 KiB page and a 100 MiB file of real blocks (not a
# sparse file, whose holes would cost no reads).
rm -rf "$RUN" && mkdir -p "$RUN" "$WWW" || exit 1
[ "$(stat -c %s "$WWW/1k.html" 2>/dev/null)" = 1024 ] ||
    { printf '<!doctype html><title>1 KiB</title><pre>'
      head -c 1024 /dev/zero | tr '\0' 'x' ; } | head -c 1024 > "$WWW/1k.html"
[ "$(stat -c %s "$WWW/100m.bin" 2>/dev/null)" = $BIG_BYTES ] ||
    head -c $BIG_BYTES /dev/zero > "$WWW/100m.bin"
echo 'server,metric,rep,value,unit' > "$SAMPLES"

echo "starting the servers:"
up=()
for s in $SERVERS; do start "$s" && up+=("$s"); done
[ ${#up[@]} -gt 0 ] || exit 1

REP=0
for CUR in "${up[@]}"; do binsize; done

# Every repetition measures every server in turn, so that a burst of
# other work on the machine falls on one repetition of each, not on all
# of one server's.
t0=$SECONDS
for ((REP = 1; REP <= REPS; REP++)); do
    for CUR in "${up[@]}"; do
        echo "repetition $REP/$REPS: $CUR  ($((SECONDS - t0)) s)"
        keepalive; closing; bigfile
        syscalls ka; syscalls close
        memory
    done
done
stop_all
echo "measured in $((SECONDS - t0)) s;" \
    "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

awk -F, -v out="$OUT" -v reps="$REPS" -v secs="$SECS" -v conns="$CONNS" \
    -v calls="$CALLS" -v arch="$(uname -m)" -v cores="$(nproc)" \
    -v day="$(date +%Y-%m-%d)" -v servers="${up[*]}" \
    -f bench/report.awk "$SAMPLES" | tee "$OUT/summary.txt"
