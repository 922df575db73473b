# tests/hooks.awk: count the hooks of the chapters given, the chunks
# defined empty for later chapters to extend.  A replacement "X (stage N)"
# defined empty is not a hook: it removes code, and says so.  Used by
# both editions' checks: each hook must read as a one-line note.
function done() { if (inside && !lines) n++; inside = 0 }
FNR == 1 { done() }
/ \(stage [0-9]+\)>>=$/ { done(); next }
/^<<.*>>=$/ { done(); inside = 1; lines = 0; next }
/^@( |$)/ { done(); next }
inside && /[^ \t]/ { lines++ }
END { done(); print n + 0 }
