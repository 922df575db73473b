#!/usr/bin/env bash
# tests/attack.sh [--short]: the slow-client attacks of chapter 13, each
# against drongo and nginx (one worker, its defaults), on loopback only.
# During every attack a probe asks for a small file once a second with
# `curl -m 2`; after it, five more probes, a second apart.  For each
# attack and server one line:
#     ATTACK SERVER during S/N after S/N
# then a table of the same, one row per attack and a column per server;
# and, with --short (what make test runs: drongo only, short attacks),
# one check line per attack: ok when at least 95 % of the probes during
# the attack and all of those after it were served.
#
# Environment: ATTACK_DRONGO (the binary; default the newest native
# stage), ATTACK_DRONGO_FLAGS (default -q), ATTACK_SERVERS (default
# "drongo nginx"; --short: drongo), ATTACK_SECS (seconds per attack;
# default 60, --short 20), ATTACK_PORT_BASE (default 19000),
# ATTACK_ONLY (attack names to run, default all).  Results also go to
# build/attack/results.txt.  Every process it starts is stopped by its
# pid at the end, also when interrupted.
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
short=0
[ "${1:-}" = --short ] && short=1
arch=$(uname -m)
last=$(ls chapters/[0-9][0-9]-*.nw | wc -l)
DRONGO=${ATTACK_DRONGO:-build/stage$(printf %02d "$last")/$arch/drongo}
FLAGS=${ATTACK_DRONGO_FLAGS--q}
SECS=${ATTACK_SECS:-$([ $short = 1 ] && echo 20 || echo 60)}
SERVERS=${ATTACK_SERVERS:-$([ $short = 1 ] && echo drongo || echo "drongo nginx")}
PORT=${ATTACK_PORT_BASE:-19000}
ATTACKS=${ATTACK_ONLY:-"slowloris-i5 slowloris-i10 slowread range slowbody idle2000"}
OUT=build/attack
RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/drongo-attack.XXXXXX") || exit 2
WWW=$RUNDIR/www
mkdir -p "$OUT" "$WWW"
chmod 755 "$RUNDIR" "$WWW"
: > "$OUT/results.txt"

# The attacks need many descriptors: 500 connections for slowhttptest,
# 2,000 for the flood.  The soft limit is raised for this shell and what
# it starts; a server sets its own.
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"

PIDS=()                         # every background process started here
stop_all() {
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    sleep 0.5
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    wait 2>/dev/null
    PIDS=()
}
cleanup() { stop_all; rm -rf "$RUNDIR"; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

need() { command -v "$1" >/dev/null || { echo "attack: $1 is missing (make deps-test)"; exit 2; }; }
need slowhttptest; need curl; need python3
[ -x "$DRONGO" ] || { echo "attack: $DRONGO is not built"; exit 2; }
if [[ " $SERVERS " == *" nginx "* ]] && ! command -v nginx >/dev/null; then
    echo "attack: no nginx (make bench installs it): drongo alone"
    SERVERS=${SERVERS//nginx/}
fi

head -c 1024 /dev/zero | tr '\0' p > "$WWW/probe.txt"
head -c 1048576 /dev/zero | tr '\0' m > "$WWW/mid.bin"
truncate -s 100M "$WWW/big.bin"
printf '<!DOCTYPE html><title>attack</title>\n' > "$WWW/index.html"
chmod 644 "$WWW"/*

# start SERVER PORT ATTACK: run it in the background; SRV is its pid.
# drongo takes PUTs (-w) for the slow bodies, so that it reads them.
start() {
    local w=
    [ "$3" = slowbody ] && w=-w
    case $1 in
    drongo)
        # shellcheck disable=SC2086
        "$DRONGO" -p "$2" -r "$WWW" $FLAGS $w 2>"$RUNDIR/drongo.err" >/dev/null &
        ;;
    nginx)
        sed -e "s|@PORT@|$2|g" -e "s|@WWW@|$WWW|g" -e "s|@RUN@|$RUNDIR|g" \
            -e "s|@USER@|$(id -un)|g" tests/attack/nginx.conf > "$RUNDIR/nginx.conf"
        nginx -p "$RUNDIR/" -e "$RUNDIR/nginx.error.log" -c "$RUNDIR/nginx.conf" \
            2>>"$RUNDIR/nginx.err" &
        ;;
    esac
    SRV=$!
    PIDS+=("$SRV")
    for _ in $(seq 1 100); do
        curl -s -o /dev/null -m 1 "http://127.0.0.1:$2/probe.txt" && return 0
        sleep 0.1
    done
    echo "attack: $1 did not start on port $2"; return 1
}

# probe PORT SECONDS FILE: once a second, one request; a line per probe.
probe() {
    local end=$((SECONDS + $2))
    while [ "$SECONDS" -lt "$end" ]; do
        curl -s -o /dev/null -m 2 -w '%{http_code}\n' \
            "http://127.0.0.1:$1/probe.txt" >> "$3"
        sleep 1
    done
}

# attacker NAME PORT SECONDS: the attack, in the foreground, bounded.
attacker() {
    local url=http://127.0.0.1:$2 t=$3
    case $1 in
    slowloris-i5)  timeout -k 2 $((t + 15)) slowhttptest -c 500 -H -i 5 -r 200 -l "$t" -u "$url/probe.txt" -p 2 ;;
    slowloris-i10) timeout -k 2 $((t + 15)) slowhttptest -c 500 -H -i 10 -r 200 -l "$t" -u "$url/probe.txt" -p 2 ;;
    slowread)      timeout -k 2 $((t + 15)) slowhttptest -c 500 -X -r 200 -w 10 -y 20 -n 5 -z 32 -k 3 -l "$t" -u "$url/big.bin" -p 2 ;;
    range)         timeout -k 2 $((t + 15)) slowhttptest -c 500 -R -r 200 -a 10 -b 3000 -l "$t" -u "$url/mid.bin" -p 2 ;;
    slowbody)      timeout -k 2 $((t + 15)) slowhttptest -c 500 -B -i 5 -r 200 -s 100000 -t PUT -l "$t" -u "$url/upload.bin" -p 2 ;;
    idle2000)      timeout -k 2 $((t + 15)) python3 tests/attack/flood.py "$2" 2000 "$t" ;;
    esac
}

served() { grep -c '^200$' "$1" 2>/dev/null; }
total() { wc -l < "$1" 2>/dev/null; }

failed=0
for a in $ATTACKS; do
    for s in $SERVERS; do
        PORT=$((PORT + 1))
        start "$s" "$PORT" "$a" || { failed=1; stop_all; continue; }
        during=$RUNDIR/$a.$s.during after=$RUNDIR/$a.$s.after
        : > "$during"; : > "$after"
        probe "$PORT" "$SECS" "$during" &
        PIDS+=($!)
        attacker "$a" "$PORT" "$SECS" > "$RUNDIR/$a.$s.log" 2>&1
        wait "${PIDS[-1]}" 2>/dev/null
        probe "$PORT" 5 "$after"
        line="$a $s during $(served "$during")/$(total "$during") after $(served "$after")/$(total "$after")"
        echo "$line" | tee -a "$OUT/results.txt"
        if [ "$short" = 1 ]; then
            d=$(served "$during") dn=$(total "$during") f=$(served "$after") fn=$(total "$after")
            if [ "$dn" -gt 0 ] && [ $((d * 100)) -ge $((dn * 95)) ] && [ "$fn" -gt 0 ] && [ "$f" -eq "$fn" ]; then
                echo "ok - attack $a: $d/$dn probes served during, $f/$fn after"
            else
                echo "not ok - attack $a: $d/$dn probes served during, $f/$fn after (want 95 %, then all)"
                failed=1
            fi
        fi
        stop_all
    done
done
# The table: "S of N" probes served during each attack, per server.
awk '!($1 in k) { k[$1] = 1; ka[++na] = $1 }
     !($2 in s) { s[$2] = 1; sa[++ns] = $2 }
     { v[$1, $2] = $4 }
     END { printf "%-16s", "attack"
           for (i = 1; i <= ns; i++) printf "%-14s", sa[i]
           print ""
           for (j = 1; j <= na; j++) {
               printf "%-16s", ka[j]
               for (i = 1; i <= ns; i++) {
                   split(v[ka[j], sa[i]], f, "/")
                   printf "%-14s", v[ka[j], sa[i]] == "" ? "-" : f[1] " of " f[2]
               }
               print ""
           } }' "$OUT/results.txt" | tee "$OUT/table.txt"
exit $failed
