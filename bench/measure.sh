# bench/measure.sh: one function per measurement of the server $CUR in
# repetition $REP.  Each appends its samples to $SAMPLES, one line
#     server,metric,rep,value,unit
# Sourced by bench/run.sh (which sets SECS, CONNS, CALLS, BIG_RUNS,
# HOLD and the paths) after bench/servers.sh.

sample() {      # sample METRIC UNIT VALUE
    echo "$CUR,$1,$REP,$3,$2" >> "$SAMPLES"
}
url() {         # url PATH: the server $CUR's URL for PATH
    echo "http://127.0.0.1:${PORT[$CUR]}$1"
}

# wrk_run CONNS [HEADER]: wrk on the 1 KiB file for SECS seconds on one
# thread; prints "requests/s median-latency-ms errors".  Errors are
# socket errors plus answers that are not 2xx or 3xx.
wrk_run() {
    local conns=$1; shift
    timeout --foreground $((SECS + 20)) \
        wrk -t1 -c"$conns" -d"${SECS}s" --latency "$@" "$(url /1k.html)" 2>&1 |
        tee -a "$RUN/wrk.$CUR.out" | awk '
        /^Requests\/sec:/ { rps = $2 }
        /^ +50% / { v = $2 + 0; u = $2; sub(/^[0-9.]+/, "", u)
                   lat = u == "us" ? v / 1000 : u == "s" ? v * 1000 :
                         u == "m" ? v * 60000 : v }
        /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx/ { err += $NF }
        END { if (rps == "") exit 1; printf "%s %.4f %d\n", rps, lat, err }'
}

# 1. 1 KiB on keep-alive connections: CONNS at once, then one alone for
#    the latency of a single client.
keepalive() {
    local r
    r=($(wrk_run "$CONNS")) || { echo "    wrk failed on $CUR"; return; }
    sample ka_rps req/s "${r[0]}"; sample ka_errors count "${r[2]}"
    r=($(wrk_run 1)) || { echo "    wrk -c1 failed on $CUR"; return; }
    sample lat1_ms ms "${r[1]}"
}

# 2. The same with a new connection for every request.
closing() {
    local r
    r=($(wrk_run "$CONNS" -H 'Connection: close')) ||
        { echo "    wrk (close) failed on $CUR"; return; }
    sample close_rps req/s "${r[0]}"; sample close_errors count "${r[2]}"
}

# 3. The 100 MiB file, one connection each time, BIG_RUNS times, after
#    one download that is not counted: the first after the other
#    measurements was seen to be the slowest (700 MB/s against 1,100
#    for drongo's next ones), and the same start for every server
#    keeps that out of the comparison.
bigfile() {
    local i out
    timeout --foreground 60 curl -s -o /dev/null "$(url /100m.bin)" || true
    for ((i = 0; i < BIG_RUNS; i++)); do
        out=$(timeout --foreground 60 curl -s -o /dev/null "$(url /100m.bin)" \
            -w '%{http_code} %{size_download} %{speed_download}')
        set -- $out
        if [ "$1" = 200 ] && [ "$2" = "$BIG_BYTES" ]; then
            sample big_Bps B/s "$3"
        else
            echo "    100 MiB from $CUR: status ${1:-none}, ${2:-0} bytes"
        fi
    done
}

# A curl config file: CALLS requests for PATH, each body thrown away.
# curl keeps one connection for all of them unless told to close.
curl_list() {   # curl_list PATH COUNT > file
    local i
    for ((i = 0; i < $2; i++)); do
        printf 'url = "%s"\noutput = "/dev/null"\n' "$(url "$1")"
    done
}

# 4. System calls per request: strace -c -f attached to every process of
#    the server (and so to the children it forks while attached) while a
#    client makes exactly CALLS requests: on one keep-alive connection
#    (mode ka) or each on its own connection (mode close).
syscalls() {
    local mode=$1 p args=() tracer i conns out=$RUN/strace.$CUR.$1
    : > "$out.err"
    local hdr=(); [ "$mode" = close ] && hdr=(-H 'Connection: close')
    curl_list /1k.html "$CALLS" > "$RUN/calls.curl"
    for p in $(tree "$(spid "$CUR")"); do args+=(-p "$p"); done
    timeout "$((CALLS / 5 + 60))" strace -c -f -o "$out" "${args[@]}" \
        2> "$out.err" &
    tracer=$!; STARTED+=("$tracer")
    for ((i = 0; i < 50; i++)); do      # until every process is attached
        [ "$(grep -c attached "$out.err")" -ge $((${#args[@]} / 2)) ] && break
        sleep 0.1
    done
    conns=$(timeout --foreground "$((CALLS / 5 + 30))" curl -s "${hdr[@]}" \
        -K "$RUN/calls.curl" -w '%{num_connects}\n' |
        awk '{ n += $1 } END { print n + 0 }')
    kill -INT "$tracer"; forget "$tracer"     # INT: strace writes its table
    sample "sc_${mode}_conns" count "$conns"
    # strace -c's table: calls are field 4, the name the last field; a
    # line of dashes before the calls and another before the total.
    awk -v k="$CALLS" -v s="$CUR,sc_$mode" -v r="$REP" '
        /^-+ / { part++; next }
        part == 1 && NF >= 5 { name = ":" $NF }
        part == 2 && $NF == "total" { name = "" }
        part >= 1 && NF >= 5 {
            printf "%s%s,%s,%.3f,calls/req\n", s, name, r, $4 / k }
    ' "$out" >> "$SAMPLES"
}

# The memory of the server's process tree, KiB: "Pss Rss Anon PTE procs".
# Pss: each page divided among the processes that map it; Rss: each page
# counted in full in every process; Anon: Pss of the anonymous pages only
# (heap, stack, bss: what a connection allocates), without the pages of
# files, whose share moves whenever any program on the machine maps the
# same shared library; PTE: the kernel's page tables (VmPTE).
mem_of() {
    local p
    for p in $(tree "$(spid "$CUR")"); do
        cat "/proc/$p/smaps_rollup" "/proc/$p/status" 2>/dev/null
    done | awk '/^Rss:/ { r += $2; n++ } /^Pss:/ { s += $2 }
                /^Pss_Anon:/ { u += $2 } /^VmPTE:/ { t += $2 }
                END { print s + 0, r + 0, u + 0, t + 0, n + 0 }'
}

# wait_conns N: until the server holds N established connections (at most
# 5 s), then a moment for it to accept them and fork or allocate.  N = 0:
# until the connections of the step before are gone, and their processes.
wait_conns() {
    local i n
    for ((i = 0; i < 50; i++)); do
        n=$(established "${PORT[$CUR]}")
        [ "$1" -gt 0 ] && [ "$n" -ge "$1" ] && break
        [ "$1" -eq 0 ] && [ "$n" -eq 0 ] && break
        sleep 0.1
    done
    sleep 1
}

# hold PORT N [PATH]: open N connections and keep them for HOLD seconds,
# sending nothing, or a GET of PATH on each and reading none of the
# answer: the server sends until the socket buffers are full, then waits,
# in the middle of the transfer.
hold() {
    local i fd
    for ((i = 0; i < $2; i++)); do
        exec {fd}<>"/dev/tcp/127.0.0.1/$1" || exit 1
        [ -z "${3:-}" ] ||
            printf 'GET %s HTTP/1.1\r\nHost: bench\r\n\r\n' "$3" >&"$fd"
    done
    sleep "$HOLD"
}

# 5. Memory per connection: the tree's memory with CONNS connections open,
#    minus before, divided by CONNS: idle (no request yet), then
#    mid-transfer (each asking for the 100 MiB file and reading nothing).
#    The client is bash alone: a client that maps the server's shared
#    libraries (curl maps libssl, as nginx does) would lower its Pss.
memory() {
    local before during kid p
    before=($(mem_of))
    sample mem_base_pss KiB "${before[0]}"
    sample mem_base_rss KiB "${before[1]}"
    sample procs_base count "${before[4]}"
    hold "${PORT[$CUR]}" "$CONNS" & kid=$!; STARTED+=("$kid")
    wait_conns "$CONNS"; during=($(mem_of))
    reap "$kid"
    mem_sample idle
    wait_conns 0
    before=($(mem_of))
    hold "${PORT[$CUR]}" "$CONNS" /100m.bin & kid=$!; STARTED+=("$kid")
    wait_conns "$CONNS"; during=($(mem_of))
    reap "$kid"
    mem_sample xfer
    wait_conns 0
}
mem_sample() {  # per connection, from the arrays before and during
    local i m=(pss rss anon pte)
    for i in 0 1 2 3; do
        sample "mem_$1_${m[i]}" KiB/conn \
            "$(awk -v a="${before[i]}" -v b="${during[i]}" -v n="$CONNS" \
                'BEGIN { printf "%.1f", (b - a) / n }')"
    done
    sample "procs_$1" count "${during[4]}"
}

# 6. The program's size: a stripped copy, and the shared libraries it
#    loads (none for drongo).  Once per server, not per repetition.
binsize() {
    local bin libs
    bin=$(binary_of "$CUR") || return
    cp "$bin" "$RUN/stripped" && strip "$RUN/stripped"
    sample bin_stripped bytes "$(stat -c %s "$RUN/stripped")"
    # ldd's lines: "libc.so.6 => /lib/.../libc.so.6 (0x...)", and the
    # loader itself by its path.
    libs=$(ldd "$bin" 2>/dev/null |
        awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
        xargs -r readlink -f | xargs -r stat -c %s |
        awk '{ n += $1 } END { print n + 0 }')
    sample bin_libs bytes "$libs"
}
