# bench/report.awk: build/bench/samples.csv -> results.csv, table.tex,
# plot.dat and the summary on standard output.  bench/run.sh runs it
# with -F, and -v out, reps, secs, conns, calls, arch, cores, day,
# servers (the servers that ran, in order).
#
# results.csv, one row per server, metric and statistic:
#     server,metric,statistic,value,unit
#   statistic: min, median, max, or n (how many samples: one a
#     repetition, three for the 100 MiB download, one for sizes);
#     "ratio" in the rows of server drongo whose metric names a peer
#     (ka_rps/nginx): the medians divided, as chapter 16 sets its targets.
#   metrics: ka_rps (1 KiB, keep-alive, req/s), ka_errors (wrk's socket
#     errors and non-2xx/3xx answers), lat1_ms (median latency of one
#     keep-alive client), close_rps and close_errors (Connection: close),
#     big_Bps (100 MiB over one connection, bytes/s), sc_ka and sc_close
#     (system calls per request; sc_ka:NAME, sc_close:NAME per call),
#     sc_ka_conns and sc_close_conns (connections those requests used),
#     mem_base_pss and mem_base_rss (the server at rest, KiB),
#     mem_idle_X and mem_xfer_X (KiB per connection held idle or
#     mid-transfer; X is pss, rss, anon or pte: bench/measure.sh),
#     procs_base, procs_idle, procs_xfer (the server's processes then),
#     bin_stripped, bin_libs (bytes: the program stripped; the shared
#     libraries it loads).

NR == 1 { next }
{
    key = $1 SUBSEP $2
    if (!(key in count)) { order[++nkeys] = key; unit[key] = $5 }
    vals[key, ++count[key]] = $4 + 0
}

END {
    ns = split(servers, S, " ")
    for (i = 1; i <= nkeys; i++) stats(order[i])
    csv = out "/results.csv"
    write_csv(); speed(); memory(); costs(); calls_top(); warnings()
    targets(); write_table(); write_plot()
}

# min, median and max of one key's samples (insertion sort: they are few)
function stats(key,    n, i, j, v, s) {
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
function M(srv, m)   { return has(srv, m) ? med[srv, m] : 0 }

function write_csv(    i, k, p) {
    print "server,metric,statistic,value,unit" > csv
    for (i = 1; i <= nkeys; i++) {
        k = order[i]; split(k, p, SUBSEP)
        printf "%s,%s,min,%s,%s\n", p[1], p[2], lo[k], unit[k] > csv
        printf "%s,%s,median,%s,%s\n", p[1], p[2], med[k], unit[k] > csv
        printf "%s,%s,max,%s,%s\n", p[1], p[2], hi[k], unit[k] > csv
        printf "%s,%s,n,%d,samples\n", p[1], p[2], count[k] > csv
    }
}

# ---------------------------------------------------------------- numbers
function commas(x,    s, r) {     # 1234567 -> "1,234,567"
    s = sprintf("%.0f", x); r = ""
    while (length(s) > 3) {
        r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3)
    }
    return s r
}
# num: a server's median of m, divided by scale, in format fmt: "," for
# thousands separators, "ms" for a latency, "k" for a size (a decimal
# below 1,000), else a printf format.
function num(srv, m, scale, fmt,    v) {
    if (!has(srv, m)) return "--"
    v = M(srv, m) / scale
    if (fmt == "ms") fmt = v >= 10 ? "%.1f" : "%.3f"
    if (fmt == "k") fmt = v >= 1000 ? "," : "%.1f"
    return fmt == "," ? commas(v) : sprintf(fmt, v)
}
# spread: half the range, in per cent of the median
function spread(srv, m,    k) {
    k = srv SUBSEP m
    return sprintf("%3.0f%%", med[k] ? 50 * (hi[k] - lo[k]) / med[k] : 0)
}
function cell(srv, m, scale, fmt) {
    return sprintf("%9s %4s", num(srv, m, scale, fmt),
                   has(srv, m) ? spread(srv, m) : "")
}

# ---------------------------------------------------------------- summary
function speed(    i, f) {
    printf "\nmedians of %d repetition(s), each with its spread " \
        "(half the range, %%):\n", reps
    f = "%-11s %14s %14s %14s %14s\n"
    printf f, "", "keep-alive", "close", "latency", "100 MiB"
    printf f, "server", "req/s", "req/s", "1 conn, ms", "MB/s"
    for (i = 1; i <= ns; i++)
        printf f, S[i], cell(S[i], "ka_rps", 1, ","),
            cell(S[i], "close_rps", 1, ","), cell(S[i], "lat1_ms", 1, "ms"),
            cell(S[i], "big_Bps", 1e6, ",")
}

function memory(    i, f, s) {
    printf "\nmemory, KiB: the server at rest (all its processes), then " \
        "per connection\nwith %d connections open, idle or in the middle " \
        "of sending 100 MiB:\n", conns
    f = "%-11s %7s %5s  %6s %6s %6s %4s  %6s %6s %6s %4s\n"
    printf f, "", "at rest", "", "idle", "", "", "", "send", "", "", ""
    printf f, "server", "Pss", "procs", "Pss", "Anon", "Rss", "PTE",
        "Pss", "Anon", "Rss", "PTE"
    for (i = 1; i <= ns; i++) {
        s = S[i]
        printf f, s, num(s, "mem_base_pss", 1, ","), num(s, "procs_base", 1, "%d"),
            num(s, "mem_idle_pss", 1, "%.1f"), num(s, "mem_idle_anon", 1, "%.1f"),
            num(s, "mem_idle_rss", 1, "%.0f"), num(s, "mem_idle_pte", 1, "%.0f"),
            num(s, "mem_xfer_pss", 1, "%.1f"), num(s, "mem_xfer_anon", 1, "%.1f"),
            num(s, "mem_xfer_rss", 1, "%.0f"), num(s, "mem_xfer_pte", 1, "%.0f")
    }
    print "(Pss: pages divided among the processes that map them; Anon: Pss of"
    print " the anonymous pages, heap, stack and bss, alone; Rss: every page in"
    print " full in every process; PTE: the page tables; all from /proc)"
}

function costs(    i, f, s) {
    f = "%-11s %12s %12s %14s %14s\n"
    printf "\n" f, "", "calls per", "request", "binary,", "shared"
    printf f, "server", "keep-alive", "close", "stripped, KiB", "libraries, KiB"
    for (i = 1; i <= ns; i++) {
        s = S[i]
        printf f, s, num(s, "sc_ka", 1, "%.2f"), num(s, "sc_close", 1, "%.2f"),
            num(s, "bin_stripped", 1024, "%.1f"),
            M(s, "bin_libs") ? num(s, "bin_libs", 1024, ",") : "none"
    }
}

function calls_top(    i, j, mode) {
    for (j = 1; j <= 2; j++) {
        mode = j == 1 ? "ka" : "close"
        printf "\nsystem calls per request, %s (%d requests, strace -c -f):\n",
            j == 1 ? "keep-alive" : "Connection: close", calls
        for (i = 1; i <= ns; i++) printf "  %-11s %s\n", S[i], top(S[i], mode, 6)
    }
}

# top: the k most frequent calls of one server and mode, per request
function top(srv, mode, k,    i, j, n, pre, p, name, c, line, bi) {
    pre = "sc_" mode ":"; n = 0
    for (i = 1; i <= nkeys; i++) {
        split(order[i], p, SUBSEP)
        if (p[1] != srv || index(p[2], pre) != 1) continue
        name[++n] = substr(p[2], length(pre) + 1); c[n] = med[order[i]]
    }
    line = ""
    for (j = 1; j <= k && j <= n; j++) {
        bi = 0
        for (i = 1; i <= n; i++) if (c[i] >= 0 && (!bi || c[i] > c[bi])) bi = i
        line = line (j > 1 ? ", " : "") name[bi] " " sprintf("%.2f", c[bi])
        c[bi] = -1
    }
    return line == "" ? "--" : line
}

function warnings(    i, s) {
    for (i = 1; i <= ns; i++) {
        s = S[i]
        if (M(s, "ka_errors") + M(s, "close_errors") > 0)
            printf "warning: wrk counted errors on %s: %s keep-alive, " \
                "%s close (medians)\n", s, M(s, "ka_errors"), M(s, "close_errors")
    }
}

# ---------------------------------------------------------------- targets
# goal: one of chapter 16's targets, met or not: drongo's median of metric
# divided by the peer's (or drongo's own, with no peer) against want.
function goal(what, metric, peer, op, want, aim,    v, shown, ok) {
    shown = peer == "" ? "drongo" : "drongo/" peer
    if (!has("drongo", metric) || (peer != "" && !has(peer, metric))) {
        printf "  %-21s %-17s %9s\n", what, shown, "n/a"
        return
    }
    v = M("drongo", metric)
    if (peer != "") {
        v = M(peer, metric) ? v / M(peer, metric) : 0
        printf "drongo,%s/%s,ratio,%.4f,x\n", metric, peer, v > csv
    }
    ok = op == ">=" ? v >= want : v <= want
    printf "  %-21s %-17s %9s  %s %-7s %s\n", what, shown,
        sprintf(v >= 100 ? "%.0f" : "%.3g", v), op, (aim ? "aim " : "") want,
        ok ? "met" : "NOT met"
}

function targets(    b) {
    printf "\ntargets of chapter 16 (ratios of the medians of this run):\n"
    goal("keep-alive, 1 KiB",     "ka_rps",    "nginx",      ">=", 1)
    goal("",                      "ka_rps",    "lighttpd",   ">=", 1, 1)
    goal("latency, 1 conn.",      "lat1_ms",   "nginx",      "<=", 2)
    goal("Connection: close",     "close_rps", "mini_httpd", ">=", 3)
    goal("",                      "close_rps", "nginx",      ">=", 0.8)
    goal("100 MiB, 1 conn.",      "big_Bps",   "nginx",      ">=", 0.9)
    goal("calls/keep-alive req.", "sc_ka",     "",           "<=", 6)
    goal("",                      "sc_ka",     "",           "<=", 4, 1)
    if (has("drongo", "bin_stripped")) {
        b = M("drongo", "bin_stripped")
        printf "  %-21s %-17s %9.3g  <= 1       %s (%s of 65,536 bytes)\n",
            "binary, stripped", "drongo/64 KiB", b / 65536,
            b <= 65536 ? "met" : "NOT met", commas(b)
    }
    printf "  %-21s drongo %s KiB, nginx %s KiB (anon.; Pss %s, %s): " \
        "reported\n", "memory per idle conn.",
        num("drongo", "mem_idle_anon", 1, "%.1f"),
        num("nginx", "mem_idle_anon", 1, "%.1f"),
        num("drongo", "mem_idle_pss", 1, "%.1f"),
        num("nginx", "mem_idle_pss", 1, "%.1f")
}

# ---------------------------------------------------------------- book
# table.tex: a tabular of the medians, a column a server, for the figure
# bench-table (figures/bench-table.tex) or a chapter's \input.
function tex(s) { gsub(/_/, "\\_", s); return s }
function trow(label, m, scale, fmt,    i, v, line) {
    line = label
    for (i = 1; i <= ns; i++) {
        v = num(S[i], m, scale, fmt)
        if (m == "bin_libs" && v == "0") v = "none"
        line = line " & " v
    }
    print line " \\\\" > tf
}
function write_table(    i, line) {
    tf = out "/table.tex"
    print "% build/bench/table.tex: written by make bench (bench/report.awk)" > tf
    line = "\\begin{tabular}{l"
    for (i = 1; i <= ns; i++) line = line "r"
    print line "}" > tf
    line = ""
    for (i = 1; i <= ns; i++) line = line " & \\texttt{" tex(S[i]) "}"
    print line " \\\\ \\hline" > tf
    trow("keep-alive, 1 KiB, req/s",             "ka_rps", 1, ",")
    trow("\\texttt{Connection: close}, req/s",    "close_rps", 1, ",")
    trow("latency, one connection, ms",          "lat1_ms", 1, "ms")
    trow("100 MiB, one connection, MB/s",        "big_Bps", 1e6, ",")
    print "\\hline" > tf
    trow("system calls, keep-alive request",     "sc_ka", 1, "%.1f")
    trow("system calls, closing request",        "sc_close", 1, "%.1f")
    trow("KiB per idle connection (anon.)",      "mem_idle_anon", 1, "%.1f")
    trow("KiB per connection sending (anon.)",   "mem_xfer_anon", 1, "%.1f")
    trow("binary, stripped, KiB",                "bin_stripped", 1024, "k")
    trow("shared libraries, KiB",                "bin_libs", 1024, ",")
    printf "\\hline\n\\multicolumn{%d}{l}{\\footnotesize Medians of %d " \
        "run%s of %d\\,s, %d connections; %s, %d cores, %s.}\n", ns + 1,
        reps, reps == 1 ? "" : "s", secs, conns, tex(arch), cores, day > tf
    print "\\end{tabular}" > tf
}

# plot.dat: per server the median of four measurements and its distance
# to the min (m) and the max (p), for figures/bench.tex (pgfplots).
function write_plot(    f, i, s) {
    f = out "/plot.dat"
    print "name hot ka kam kap close closem closep big bigm bigp " \
        "lat latm latp" > f
    for (i = 1; i <= ns; i++) {
        s = S[i]
        printf "%s %d %s %s %s %s\n", tex(s), s == "drongo",
            pcol(s, "ka_rps", 1e3), pcol(s, "close_rps", 1e3),
            pcol(s, "big_Bps", 1e9), pcol(s, "lat1_ms", 1) > f
    }
}
function pcol(srv, m, scale,    k) {
    k = srv SUBSEP m
    if (!(k in med)) return "nan nan nan"
    return sprintf("%.4g %.4g %.4g", med[k] / scale,
        (med[k] - lo[k]) / scale, (hi[k] - med[k]) / scale)
}
