/* Every exception cause of the core: 0 instruction-address-misaligned (jal, jalr, taken branch),
 * 1 instruction access fault, 2 illegal instruction, 3 breakpoint, 4/6 load/store misaligned,
 * 5/7 load/store access fault, 11 ecall from M-mode. Checks mcause, mepc, mtval, that the trapping
 * instruction wrote nothing, and the mstatus stacking on entry and on mret. */
#include "isa.h"

/* After an expected trap: cause, mepc = label, mtval = value */
.macro TRAPPED cause, epc, tval
    EXPECT s2, \cause
    EXPECT_ADDR s3, \epc
    EXPECT s4, \tval
.endm

    TEST_BEGIN
    TEST 1      /* misaligned jalr target: mepc = jalr, mtval = target, rd not written */
    la a0, t1target
    addi a0, a0, 2
    li ra, 0x55
    ARM_TRAP 1f
t1: jalr ra, 0(a0)
    j fail
1:  EXPECT s2, 0
    EXPECT_ADDR s3, t1
    EXPECT_REG s4, a0
    EXPECT ra, 0x55
    TEST 2      /* misaligned jal target (jal +6) */
    li ra, 0x66
    ARM_TRAP 2f
t2: .word 0x006000ef        /* jal ra, .+6 */
    j fail
2:  EXPECT s2, 0
    EXPECT_ADDR s3, t2
    la a1, t2 + 6
    EXPECT_REG s4, a1
    EXPECT ra, 0x66
    TEST 3      /* taken branch to a misaligned target traps, a not-taken one does not */
    ARM_TRAP 3f
    .word 0x00001363        /* bne zero, zero, .+6: not taken */
    j 4f
t1target:
    j fail
4:
t3: .word 0x00000363        /* beq zero, zero, .+6: taken */
    j fail
3:  EXPECT s2, 0
    EXPECT_ADDR s3, t3
    la a1, t3 + 6
    EXPECT_REG s4, a1
    TEST 4      /* instruction access fault outside RAM: mepc = mtval = the target */
    li a0, OUTSIDE
    ARM_TRAP 5f
    jalr ra, 0(a0)
    j fail
5:  EXPECT s2, 1
    EXPECT s3, OUTSIDE
    EXPECT s4, OUTSIDE
    TEST 5      /* fetching from the MMIO window is an access fault too */
    li a0, MMIO_BASE
    ARM_TRAP 6f
    jr a0
    j fail
6:  EXPECT s2, 1
    EXPECT s4, MMIO_BASE
    TEST 6      /* illegal instructions: mtval = the instruction word */
    ARM_TRAP 7f
t6: .word 0x00000000
    j fail
7:  TRAPPED 2, t6, 0
    ARM_TRAP 8f
t6b: .word 0xffffffff
    j fail
8:  TRAPPED 2, t6b, 0xffffffff
    ARM_TRAP 9f
t6c: .word 0x40001033       /* sll with funct7 = 0x20 */
    j fail
9:  TRAPPED 2, t6c, 0x40001033
    ARM_TRAP 10f
t6d: .word 0x02001013       /* slli with shamt[5] set (reserved in RV32) */
    j fail
10: TRAPPED 2, t6d, 0x02001013
    ARM_TRAP 11f
t6e: .word 0x00000001       /* a compressed c.nop: no C extension */
    j fail
11: TRAPPED 2, t6e, 0x00000001
    ARM_TRAP 12f
t6f: .word 0x00004073       /* SYSTEM funct3 = 4 */
    j fail
12: TRAPPED 2, t6f, 0x00004073
    ARM_TRAP 13f
t6g: .word 0x0000000b       /* custom-0 opcode */
    j fail
13: TRAPPED 2, t6g, 0x0000000b
    ARM_TRAP 14f
t6h: .word 0x00003003       /* ld: not in RV32 */
    j fail
14: TRAPPED 2, t6h, 0x00003003
    ARM_TRAP 15f
t6i: .word 0x00002063       /* branch funct3 = 2 */
    j fail
15: TRAPPED 2, t6i, 0x00002063
    ARM_TRAP 16f
t6j: .word 0x10200073       /* sret: no S-mode */
    j fail
16: TRAPPED 2, t6j, 0x10200073
    TEST 7      /* ebreak: mtval = pc */
    ARM_TRAP 17f
t7: ebreak
    j fail
17: EXPECT s2, 3
    EXPECT_ADDR s3, t7
    EXPECT_ADDR s4, t7
    TEST 8      /* ecall from M-mode: mtval = 0 */
    ARM_TRAP 18f
t8: ecall
    j fail
18: TRAPPED 11, t8, 0
    TEST 9      /* misaligned loads: mtval = address, rd not written */
    la s0, data
    li a1, 0x77
    ARM_TRAP 19f
t9: lw a1, 1(s0)
    j fail
19: EXPECT s2, 4
    EXPECT_ADDR s3, t9
    EXPECT_ADDR s4, data + 1
    EXPECT a1, 0x77
    ARM_TRAP 20f
t9b: lh a1, 3(s0)
    j fail
20: EXPECT s2, 4
    EXPECT_ADDR s4, data + 3
    ARM_TRAP 21f
    lhu a1, 1(s0)
    j fail
21: EXPECT s2, 4
    lw a1, 0(s0); lh a1, 2(s0); lb a1, 3(s0)     /* aligned: no trap */
    TEST 10     /* misaligned stores: memory unchanged */
    li a2, 0x12345678
    sw a2, 0(s0)
    sw a2, 4(s0)
    li a3, -1
    ARM_TRAP 22f
t10: sw a3, 2(s0)
    j fail
22: EXPECT s2, 6
    EXPECT_ADDR s3, t10
    EXPECT_ADDR s4, data + 2
    ARM_TRAP 23f
    sh a3, 5(s0)
    j fail
23: EXPECT s2, 6
    EXPECT_ADDR s4, data + 5
    lw a0, 0(s0); EXPECT a0, 0x12345678
    lw a0, 4(s0); EXPECT a0, 0x12345678
    TEST 11     /* load access faults: outside RAM, past the end of RAM, unmapped MMIO offset */
    li a1, 0x99
    li a0, OUTSIDE
    ARM_TRAP 24f
t11: lw a1, 0(a0)
    j fail
24: TRAPPED 5, t11, OUTSIDE
    EXPECT a1, 0x99
    li a0, 0x20000
    ARM_TRAP 25f
    lb a1, 0(a0)
    j fail
25: EXPECT s2, 5
    EXPECT s4, 0x20000
    li a0, MMIO_BASE
    ARM_TRAP 26f
    lw a1, 0x18(a0)
    j fail
26: EXPECT s2, 5
    EXPECT s4, MMIO_BASE + 0x18
    TEST 12     /* misaligned takes priority over access fault */
    li a0, OUTSIDE + 1
    ARM_TRAP 27f
    lw a1, 0(a0)
    j fail
27: EXPECT s2, 4
    TEST 13     /* store access faults: outside RAM, read-only mtime, past the MMIO registers */
    li a0, OUTSIDE
    ARM_TRAP 28f
t13: sw a1, 0(a0)
    j fail
28: TRAPPED 7, t13, OUTSIDE
    li a0, MTIME_LO
    ARM_TRAP 29f
    sw zero, 0(a0)
    j fail
29: EXPECT s2, 7
    EXPECT s4, MTIME_LO
    li a0, MTIME_HI
    ARM_TRAP 30f
    sb zero, 1(a0)
    j fail
30: EXPECT s2, 7
    EXPECT s4, MTIME_HI + 1
    li a0, MMIO_BASE + 0xfc
    ARM_TRAP 31f
    sw zero, 0(a0)
    j fail
31: EXPECT s2, 7
    TEST 14     /* mstatus stacking: MIE=1 -> in handler MIE=0 MPIE=1; mret restores MIE=1 */
    csrw mie, zero
    csrsi mstatus, 8
    ARM_TRAP 32f
    ecall
    j fail
32: EXPECT s5, 0x1880
    csrr a0, mstatus; EXPECT a0, 0x1888
    TEST 15     /* MIE=0 -> in handler MPIE=0; after mret MIE=0, MPIE=1 */
    csrci mstatus, 8
    li a0, 0x80
    csrc mstatus, a0
    ARM_TRAP 33f
    ecall
    j fail
33: EXPECT s5, 0x1800
    csrr a0, mstatus; EXPECT a0, 0x1880
    TEST 16     /* mret jumps to mepc without a trap having happened; MIE takes MPIE (1) */
    la a0, 34f
    csrw mepc, a0
    mret
    j fail
34: csrr a0, mstatus; EXPECT a0, 0x1888
    csrci mstatus, 8
    TEST 17     /* a trap inside a handler: mepc/mcause overwritten, returns to the new resume */
    la t0, nested
    csrw mtvec, t0
    li s6, 0
    ecall
    EXPECT s6, 2
    TEST 18     /* running off the end of RAM: a nop stored at 0x1fffc retires, the fetch of 0x20000 faults */
    li a0, 0x1fffc
    li a1, 0x00000013
    sw a1, 0(a0)
    fence.i
    ARM_TRAP 35f
    jr a0
    j fail
35: EXPECT s2, 1
    EXPECT s3, 0x20000
    EXPECT s4, 0x20000
    TEST_END

/* First entry (ecall, mcause 11): ebreak inside the handler re-enters it with mcause 3. */
    .align 2
nested:
    addi s6, s6, 1
    csrr a0, mcause
    li a1, 3
    beq a0, a1, 1f
    csrr s7, mepc
    ebreak
    /* back from the inner trap: return after the outer ecall */
    addi s7, s7, 4
    csrw mepc, s7
    mret
1:  csrr a0, mepc
    addi a0, a0, 4
    csrw mepc, a0
    mret

    .data
    .align 4
data: .space 16
