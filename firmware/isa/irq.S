/* Interrupt entry and return: external (IRQ_TEST bit 0) and timer (mtime >= mtimecmp), masking
 * by mstatus.MIE and by mie, mip reflecting the lines, priority external over timer, mstatus
 * stacking, mcause/mepc/mtval. Insensitive to interrupt latency: raise the line, then spin until
 * the handler has run (bounded; the bound failing fails the test). */
#include "isa.h"

/* Spin until reg != old (bounded by 100000 iterations) */
.macro WAIT_CHANGE reg, old
    li t0, 100000
.Lw\@:
    li t6, \old
    bne \reg, t6, .Ld\@
    addi t0, t0, -1
    bnez t0, .Lw\@
    j fail
.Ld\@:
.endm

/* Spin for n iterations */
.macro SPIN n
    li t0, \n
.Ls\@:
    addi t0, t0, -1
    bnez t0, .Ls\@
.endm

    TEST_BEGIN
    la t0, handler
    csrw mtvec, t0
    li s6, 0        /* external interrupts taken */
    li s7, 0        /* timer interrupts taken */
    li s8, 0        /* causes in order, one hex digit each */
    li s9, IRQ_TEST
    TEST 1      /* external interrupt: taken, handler clears the line, mret restores MIE */
    li t1, 0x800
    csrw mie, t1
    csrsi mstatus, 8
    li t1, 1
    sw t1, 0(s9)
spin1:
    WAIT_CHANGE s6, 0
spin1_end:
    EXPECT s2, 0x8000000b
    EXPECT s4, 0
    EXPECT s5, 0x1880
    csrr a0, mstatus; EXPECT a0, 0x1888
    csrr a0, mip; EXPECT a0, 0
    TEST 2      /* mepc is an instruction of the interrupted loop */
    la t1, spin1
    bltu s3, t1, fail
    la t1, spin1_end
    bgeu s3, t1, fail
    TEST 3      /* mstatus.MIE = 0 masks; mip shows the pending line; enabling takes it */
    csrci mstatus, 8
    li t1, 1
    sw t1, 0(s9)
    SPIN 200
    EXPECT s6, 1
    csrr a0, mip; EXPECT a0, 0x800
    csrsi mstatus, 8
    WAIT_CHANGE s6, 1
    EXPECT s2, 0x8000000b
    TEST 4      /* mie.MEIE = 0 masks too */
    csrw mie, zero
    li t1, 1
    sw t1, 0(s9)
    SPIN 200
    EXPECT s6, 2
    li t1, 0x800
    csrw mie, t1
    WAIT_CHANGE s6, 2
    TEST 5      /* mtime advances */
    li t1, MTIME_LO
    lw a0, 0(t1)
    SPIN 10
    lw a1, 0(t1)
    bgeu a0, a1, fail
    TEST 6      /* timer interrupt: mtimecmp = mtime + 300 */
    li t1, 0x80
    csrw mie, t1
    li t1, MTIME_LO
    lw a0, 0(t1)
    addi a0, a0, 300
    li t1, MTIMECMP_LO
    sw a0, 0(t1)
    li t1, MTIMECMP_HI
    sw zero, 0(t1)
    WAIT_CHANGE s7, 0
    EXPECT s2, 0x80000007
    EXPECT s4, 0
    csrr a0, mip; EXPECT a0, 0
    TEST 7      /* mtimecmp reads back what was written */
    li t1, MTIMECMP_HI
    lw a0, 0(t1); EXPECT a0, 0xffffffff
    TEST 8      /* both pending: external is taken before timer */
    csrci mstatus, 8
    li t1, 0x880
    csrw mie, t1
    li t1, 1
    sw t1, 0(s9)
    li t1, MTIMECMP_LO
    sw zero, 0(t1)
    li t1, MTIMECMP_HI
    sw zero, 0(t1)
    csrr a0, mip; EXPECT a0, 0x880
    li s8, 0
    csrsi mstatus, 8
    WAIT_CHANGE s7, 1
    EXPECT s6, 4
    EXPECT s8, 0xb7
    TEST 9      /* wfi with an interrupt pending and enabled: execution continues */
    li t1, 1
    sw t1, 0(s9)
    wfi
    WAIT_CHANGE s6, 4
    csrci mstatus, 8
    csrw mie, zero
    TEST_END

    .align 2
handler:
    csrr s2, mcause
    csrr s3, mepc
    csrr s4, mtval
    csrr s5, mstatus
    slli s8, s8, 4
    andi t5, s2, 0xf
    or s8, s8, t5
    li t5, 0x8000000b
    beq s2, t5, 1f
    li t5, 0x80000007
    beq s2, t5, 2f
    j fail
1:  sw zero, 0(s9)
    addi s6, s6, 1
    mret
2:  li t5, -1
    li t4, MTIMECMP_HI
    sw t5, 0(t4)
    li t4, MTIMECMP_LO
    sw t5, 0(t4)
    addi s7, s7, 1
    mret
