/* Scaffolding of the NeuroForge ISA tests (written for this project).
 *
 * Each test is a sequence of numbered cases. TEST n puts n in s11; EXPECT compares a register with
 * a value worked out by hand from the RISC-V specifications and jumps to fail on a mismatch, which
 * reports (s11 << 1) | 1 to tohost; reaching TEST_END reports 1 (pass). Any trap a test does not
 * expect also fails with the current case number.
 * Reserved: s11 (case number), t6 (scratch of EXPECT), s10 (resume address after an expected
 * trap, see trap_record), s2..s5 (mcause, mepc, mtval, mstatus recorded by trap_record). */

#define MMIO_BASE    0x10000000
#define MTIME_LO     0x10000000
#define MTIME_HI     0x10000004
#define MTIMECMP_LO  0x10000008
#define MTIMECMP_HI  0x1000000C
#define IRQ_TEST     0x10000010
#define CONSOLE      0x10000014
#define OUTSIDE      0x20000000

.macro TEST_BEGIN
    .section .text.init, "ax"
    .globl _start
_start:
    la      sp, __stack_top
    la      t0, unexpected_trap
    csrw    mtvec, t0
    li      s11, 0
.endm

.macro TEST n
    li      s11, \n
.endm

/* reg == val (val is an immediate or constant expression) */
.macro EXPECT reg, val
    li      t6, \val
    beq     \reg, t6, .Lok\@
    j       fail
.Lok\@:
.endm

/* reg == other register */
.macro EXPECT_REG reg, other
    beq     \reg, \other, .Lok\@
    j       fail
.Lok\@:
.endm

/* reg == address of label */
.macro EXPECT_ADDR reg, label
    la      t6, \label
    beq     \reg, t6, .Lok\@
    j       fail
.Lok\@:
.endm

/* Expect the next instruction to trap: install trap_record and the resume address. */
.macro ARM_TRAP resume
    la      t0, trap_record
    csrw    mtvec, t0
    la      s10, \resume
    li      s2, -1
.endm

.macro TEST_END
    li      a0, 1
    j       report
fail:
    slli    a0, s11, 1
    ori     a0, a0, 1
report:
    la      t0, tohost
    sw      a0, 0(t0)
1:  j       1b

    .align  2
unexpected_trap:
    j       fail

/* Records mcause/mepc/mtval/mstatus in s2..s5 and resumes at s10 with mret. */
    .align  2
trap_record:
    csrr    s2, mcause
    csrr    s3, mepc
    csrr    s4, mtval
    csrr    s5, mstatus
    csrw    mepc, s10
    mret

    .section .tohost, "aw", @progbits
    .align  6
    .globl  tohost
tohost:
    .word   0, 0
    .globl  fromhost
fromhost:
    .word   0, 0
.endm
