# tests/inject.sh: system calls injected into a running worker with gdb,
# to prove what chapter 14's filter lets through and what it kills.
# Sourced by the stages' scripts that test a filter (14, 16); needs ARCH,
# DRONGO and NATIVE (1 when the binary runs without qemu).
# shellcheck shell=bash

# inject PID NR A0 A1 A2 [GDB-COMMAND]: stop PID with gdb, point its pc at
# a system call instruction of the binary, set the call's registers, step
# over it, and put the call's result (or how the process ended) into
# INJECTED.  GDB-COMMAND runs first (to place a string, say).
inject() {
    local pid=$1 nr=$2 a0=$3 a1=$4 a2=$5 pre=${6:-echo} at regs ret
    case $ARCH in
    x86_64)  at=$(objdump -d "$DRONGO" | awk '/\tsyscall/ { print $1; exit }')
             regs=(-ex "set \$rax = $nr" -ex "set \$rdi = $a0"
                   -ex "set \$rsi = $a1" -ex "set \$rdx = $a2")
             ret='$rax' ;;
    aarch64) at=$(objdump -d "$DRONGO" | awk '/\tsvc\t/ { print $1; exit }')
             regs=(-ex "set \$x8 = $nr" -ex "set \$x0 = $a0"
                   -ex "set \$x1 = $a1" -ex "set \$x2 = $a2")
             ret='$x0' ;;
    esac
    INJECTED=$(timeout -k 2 30 gdb -q -nx -p "$pid" -batch -ex "$pre" \
        -ex "set \$pc = 0x${at%:}" "${regs[@]}" -ex stepi \
        -ex "printf \"result=%ld\\n\", $ret" 2>&1)
}
can_inject() {
    [ "$NATIVE" = 1 ] && command -v gdb >/dev/null &&
        command -v objdump >/dev/null
}
