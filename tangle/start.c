/* start.c: where the kernel enters drongo. */
#include "sys.h"

#if defined(__aarch64__)
__asm__(".text\n"
        ".global _start\n"
        ".type _start, %function\n"
        "_start:\n"
        "    mov x29, #0\n"        /* no caller frame */
        "    mov x30, #0\n"        /* no return address */
        "    mov x0, sp\n"         /* start_c(stack) */
        "    bl start_c\n"
        "    brk #0\n");           /* start_c never returns */
#elif defined(__x86_64__)
__asm__(".text\n"
        ".global _start\n"
        ".type _start, @function\n"
        "_start:\n"
        "    xor %ebp, %ebp\n"     /* no caller frame */
        "    mov %rsp, %rdi\n"     /* start_c(stack) */
        "    and $-16, %rsp\n"
        "    call start_c\n"
        "    hlt\n");              /* start_c never returns */
#endif

int main(int argc, char **argv, char **envp);
void clock_use_auxv(const unsigned long *auxv);

__attribute__((noreturn, used))
static void start_c(long *stack)
{
    int argc = (int)stack[0];
    char **argv = (char **)(stack + 1);
    char **envp = argv + argc + 1;
    char **end = envp;

    while (*end)
        end++;                          /* the auxiliary vector follows */
    clock_use_auxv((const unsigned long *)(end + 1));
    sys_exit_group(main(argc, argv, envp));
}
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

#if defined(__aarch64__)
__asm__(".text\n"
        ".global sys_restorer\n"
        ".type sys_restorer, %function\n"
        "sys_restorer:\n"
        "    mov x8, #" STRINGIFY(NR_rt_sigreturn) "\n"
        "    svc #0\n");
#elif defined(__x86_64__)
__asm__(".text\n"
        ".global sys_restorer\n"
        ".type sys_restorer, @function\n"
        "sys_restorer:\n"
        "    mov $" STRINGIFY(NR_rt_sigreturn) ", %eax\n"
        "    syscall\n");
#endif
