# bench/report.awk: build/bench/samples.csv -> results.csv, table.tex,
# plot.dat and the summary on standard output.  bench/run.sh runs it
# with -F, and -v out, reps, secs, conns, calls, arch, cores, day, servers.
#
# results.csv, one row per server, metric and statistic:
#     server,metric,statistic,value,unit
#   statistic: min, median, max or n (samples) over the repetitions (the
#     100 MiB download: 3 samples a repetition); "ratio" in the rows of
#     server "drongo" whose metric names a peer (ka_rps/nginx), the
#     medians divided, as issue 8's targets are written.
#   metrics: ka_rps (1 KiB, keep-alive, req/s), ka_errors, lat1_ms (the
#     median latency on one keep-alive connection), close_rps and
#     close_errors (Connection: close), big_Bps (100 MiB, B/s),
#     sc_ka and sc_close (system calls per request; sc_ka:NAME per call
#     name), sc_ka_conns and sc_close_conns (connections the counted
#     requests used), mem_base_pss and mem_base_rss (the server at rest,
#     KiB), mem_idle_X and mem_xfer_X (KiB per connection held idle or
#     mid-transfer; X is pss, rss, anon or pte: bench/measure.sh),
#     procs_base, procs_idle, procs_xfer (the server's processes then),
#     bin_stripped and bin_libs (bytes: the program stripped, and the
#     shared libraries it loads).

NR == 1 { next }
{
    key = $1 SUBSEP $2
    if (!(key in count)) { order[++nkeys] = key; unit[key] = $5 }
    vals[key, ++count[key]] = $4 + 0
}

END {
    for (i = 1; i <= nkeys; i++) stats(order[i])
    write_csv(); summary(); targets(); write_table(); write_plot()
}

# min, median and max of one key's samples (an insertion sort: they are few)
function stats(key,    n, i, j, v) {
    n = count[key]
    for (i = 1; i <= n; i++) s[i] = vals[key, i]
    for (i = 2; i <= n; i++) {
        v = s[i]
        for (j = i - 1; j >= 1 && s[j] > v; j--) s[j + 1] = s[j]
        s[j + 1] = v
    }
    lo[key] = s[1]; hi[key] = s[n]
    med[key] = n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
}

function has(srv, m) { return (srv SUBSEP m) in med }
function M(srv, m)   { return (srv SUBSEP m) in med ? med[srv, m] : 0 }

function write_csv(    f, i, k, p) {
    f = out "/results.csv"
    print "server,metric,statistic,value,unit" > f
    for (i = 1; i <= nkeys; i++) {
        k = order[i]; split(k, p, SUBSEP)
        printf "%s,%s,min,%s,%s\n", p[1], p[2], lo[k], unit[k] > f
        printf "%s,%s,median,%s,%s\n", p[1], p[2], med[k], unit[k] > f
        printf "%s,%s,max,%s,%s\n", p[1], p[2], hi[k], unit[k] > f
        printf "%s,%s,n,%d,samples\n", p[1], p[2], count[k] > f
    }
}

# 1234567 -> "1,234,567"
function commas(x,    s, r) {
    s = sprintf("%.0f", x); r = ""
    while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
    return s r
}
# a median and its spread, half the range in per cent of the median
function cell(srv, m, scale, fmt,    k) {
    k = srv SUBSEP m
    if (!(k in med)) return sprintf("%14s", "--")
    return sprintf("%9s %3.0f%%", fmt == "," ? commas(med[k] / scale) : \
        sprintf(fmt, med[k] / scale), med[k] ? 50 * (hi[k] - lo[k]) / med[k] : 0)
}
function num(srv, m, scale, fmt) {
    if (!has(srv, m)) return "--"
    if (fmt == "ms") fmt = M(srv, m) >= 10 ? "%.1f" : "%.3f"
    return fmt == "," ? commas(M(srv, m) / scale) : sprintf(fmt, M(srv, m) / scale)
}

function summary(    i, n, srv, mode, j) {
    n = split(servers, S, " ")
    printf "\nmedians of %d repetition(s), each with its spread (half the range, %%):\n", reps
    printf "%-11s %14s %14s %14s %14s\n", "", "keep-alive", "close", "latency", "100 MiB"
    printf "%-11s %14s %14s %14s %14s\n", "server", "req/s", "req/s", "1 conn, ms", "MB/s"
    for (i = 1; i <= n; i++) {
        srv = S[i]
        printf "%-11s %s %s %s %s\n", srv, cell(srv, "ka_rps", 1, ","),
            cell(srv, "close_rps", 1, ","), cell(srv, "lat1_ms", 1, "%.3f"),
            cell(srv, "big_Bps", 1e6, ",")
    }
    printf "\nmemory, KiB: the server at rest (all its processes), then per connection\n"
    printf "with %d connections open, idle or in the middle of sending 100 MiB:\n", conns
    printf "%-11s %7s %5s  %6s %6s %6s %5s  %6s %6s %6s %5s\n", "", "at rest", "",
        "idle", "", "", "", "send", "", "", ""
    printf "%-11s %7s %5s  %6s %6s %6s %5s  %6s %6s %6s %5s\n", "server", "Pss", "procs",
        "Pss", "Anon", "Rss", "PTE", "Pss", "Anon", "Rss", "PTE"
    for (i = 1; i <= n; i++) {
        srv = S[i]
        printf "%-11s %7s %5s  %6s %6s %6s %5s  %6s %6s %6s %5s\n", srv,
            num(srv, "mem_base_pss", 1, ","), num(srv, "procs_base", 1, "%d"),
            num(srv, "mem_idle_pss", 1, "%.1f"), num(srv, "mem_idle_anon", 1, "%.1f"),
            num(srv, "mem_idle_rss", 1, "%.0f"), num(srv, "mem_idle_pte", 1, "%.0f"),
            num(srv, "mem_xfer_pss", 1, "%.1f"), num(srv, "mem_xfer_anon", 1, "%.1f"),
            num(srv, "mem_xfer_rss", 1, "%.0f"), num(srv, "mem_xfer_pte", 1, "%.0f")
    }
    print "(Pss: pages divided among the processes that map them; Anon: Pss of"
    print " the anonymous pages, heap, stack and bss, alone; Rss: every page in"
    print " full in every process; PTE: the page tables; all from /proc)"
    printf "\n%-11s %12s %12s %14s %14s\n", "", "calls per", "request", "binary,", "shared"
    printf "%-11s %12s %12s %14s %14s\n", "server", "keep-alive", "close", "stripped, KiB",
        "libraries, KiB"
    for (i = 1; i <= n; i++) {
        srv = S[i]
        printf "%-11s %12s %12s %14s %14s\n", srv, num(srv, "sc_ka", 1, "%.2f"),
            num(srv, "sc_close", 1, "%.2f"), num(srv, "bin_stripped", 1024, "%.1f"),
            M(srv, "bin_libs") ? num(srv, "bin_libs", 1024, ",") : "none"
    }
    for (j = 1; j <= 2; j++) {
        mode = j == 1 ? "ka" : "close"
        printf "\nsystem calls per request, %s (of %d requests, strace -c -f):\n",
            j == 1 ? "keep-alive" : "Connection: close", calls
        for (i = 1; i <= n; i++) printf "  %-11s %s\n", S[i], top(S[i], mode, 6)
    }
    for (i = 1; i <= n; i++)
        if (M(S[i], "ka_errors") + M(S[i], "close_errors") > 0)
            printf "warning: wrk counted errors on %s: %s keep-alive, %s close (median)\n",
                S[i], M(S[i], "ka_errors"), M(S[i], "close_errors")
}

# the K most frequent calls of one server and mode, per request
function top(srv, mode, k,    i, j, n, pre, name, c, line, best, bi) {
    pre = "sc_" mode ":"; n = 0
    for (i = 1; i <= nkeys; i++) {
        split(order[i], p, SUBSEP)
        if (p[1] == srv && index(p[2], pre) == 1) { name[++n] = substr(p[2], length(pre) + 1); c[n] = med[order[i]] }
    }
    line = ""
    for (j = 1; j <= k && j <= n; j++) {
        bi = 0
        for (i = 1; i <= n; i++) if (c[i] >= 0 && (bi == 0 || c[i] > c[bi])) bi = i
        line = line (j > 1 ? ", " : "") name[bi] " " sprintf("%.2f", c[bi]); c[bi] = -1
    }
    return line == "" ? "--" : line
}

# ---------------------------------------------------------------- targets
# One line per target of issue 8: the ratio of the medians, the goal, met
# or not; also a "ratio" row of results.csv.
function goal(what, metric, peer, op, want, aim,    v, ok, shown) {
    shown = peer == "" ? "drongo" : "drongo/" peer
    if (!has("drongo", metric) || (peer != "" && !has(peer, metric))) {
        printf "  %-22s %-18s %9s\n", what, shown, "n/a"; return
    }
    v = M("drongo", metric)
    if (peer != "") v = M(peer, metric) ? v / M(peer, metric) : 0
    ok = op == ">=" ? v >= want : v <= want
    printf "  %-22s %-18s %9.3g   %s %-8s %s\n", what, shown, v, op,
        (aim ? "aim " : "") want, ok ? "met" : "NOT met"
    if (peer != "")
        printf "drongo,%s/%s,ratio,%.4f,x\n", metric, peer, v > (out "/results.csv")
}

function targets(    b) {
    printf "\ntargets of issue 8 (ratios of the medians of this run):\n"
    goal("keep-alive, 1 KiB",     "ka_rps",    "nginx",      ">=", 1)
    goal("",                      "ka_rps",    "lighttpd",   ">=", 1, 1)
    goal("latency, 1 connection", "lat1_ms",   "nginx",      "<=", 2)
    goal("Connection: close",     "close_rps", "mini_httpd", ">=", 3)
    goal("",                      "close_rps", "nginx",      ">=", 0.8)
    goal("100 MiB, 1 connection", "big_Bps",   "nginx",      ">=", 0.9)
    goal("calls per k-a request", "sc_ka",     "",           "<=", 6)
    goal("",                      "sc_ka",     "",           "<=", 4, 1)
    b = M("drongo", "bin_stripped")
    if (has("drongo", "bin_stripped"))
        printf "  %-22s %-18s %9.3g   <= 1        %s   (%s bytes of 65,536)\n",
            "binary, stripped", "drongo/64 KiB", b / 65536,
            b <= 65536 ? "met" : "NOT met", commas(b)
    printf "  %-22s drongo %s KiB (Pss %s), nginx %s KiB (Pss %s): reported\n",
        "memory, idle conn, anon", num("drongo", "mem_idle_anon", 1, "%.1f"),
        num("drongo", "mem_idle_pss", 1, "%.1f"), num("nginx", "mem_idle_anon", 1, "%.1f"),
        num("nginx", "mem_idle_pss", 1, "%.1f")
}

# ---------------------------------------------------------------- book
# table.tex: a tabular of the medians, a server a column, for the figure
# bench-table (figures/bench-table.tex) or a chapter's \input.
function tcell(srv, m, scale, fmt) {
    if (m == "bin_libs" && has(srv, m) && M(srv, m) == 0) return "none"
    return has(srv, m) ? num(srv, m, scale, fmt) : "--"
}
function trow(label, m, scale, fmt,    i, line) {
    line = label
    for (i = 1; i <= ns; i++) line = line " & " tcell(S[i], m, scale, fmt)
    print line " \\\\" > tf
}
function write_table(    i, line, t, a) {
    ns = split(servers, S, " "); tf = out "/table.tex"
    printf "%% build/bench/table.tex: written by make bench (bench/report.awk)\n" > tf
    line = "\\begin{tabular}{l"
    for (i = 1; i <= ns; i++) line = line "r"
    print line "}" > tf
    line = ""
    for (i = 1; i <= ns; i++) { t = S[i]; gsub(/_/, "\\_", t); line = line " & \\texttt{" t "}" }
    print line " \\\\ \\hline" > tf
    trow("keep-alive, 1 KiB, req/s",        "ka_rps", 1, ",")
    trow("\\texttt{Connection: close}, req/s", "close_rps", 1, ",")
    trow("latency, one connection, ms",     "lat1_ms", 1, "ms")
    trow("100 MiB, one connection, MB/s",   "big_Bps", 1e6, ",")
    print "\\hline" > tf
    trow("system calls, keep-alive request", "sc_ka", 1, "%.1f")
    trow("system calls, closing request",   "sc_close", 1, "%.1f")
    print "\\hline" > tf
    trow("KiB per idle connection (anon.)", "mem_idle_anon", 1, "%.1f")
    trow("KiB per connection sending (anon.)", "mem_xfer_anon", 1, "%.1f")
    trow("binary, stripped, KiB",           "bin_stripped", 1024, ",")
    trow("shared libraries, KiB",           "bin_libs", 1024, ",")
    a = arch; gsub(/_/, "\\_", a)
    printf "\\hline\n\\multicolumn{%d}{l}{\\footnotesize Medians of %d run%s " \
        "of %d\\,s, %d connections; %s, %d cores, %s.}\n", ns + 1, reps,
        reps == 1 ? "" : "s", secs, conns, a, cores, day > tf
    print "\\end{tabular}" > tf
}

# plot.dat: per server the median of four measurements and its distance
# to the min (m) and the max (p), for figures/bench.tex (pgfplots).
function write_plot(    f, i, srv, t) {
    f = out "/plot.dat"
    print "name hot ka kam kap close closem closep big bigm bigp lat latm latp" > f
    for (i = 1; i <= ns; i++) {
        srv = S[i]; t = srv; gsub(/_/, "\\_", t)
        printf "%s %d %s %s %s %s\n", t, srv == "drongo",
            pcol(srv, "ka_rps", 1e3), pcol(srv, "close_rps", 1e3),
            pcol(srv, "big_Bps", 1e9), pcol(srv, "lat1_ms", 1) > f
    }
}
function pcol(srv, m, scale,    k) {
    k = srv SUBSEP m
    if (!(k in med)) return "nan nan nan"
    return sprintf("%.4g %.4g %.4g", med[k] / scale, (med[k] - lo[k]) / scale,
        (hi[k] - med[k]) / scale)
}
