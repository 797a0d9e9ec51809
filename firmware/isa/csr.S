/* Every implemented CSR: reset and read-only values, writable bits (WARL masks), the set/clear
 * semantics of each CSR instruction, counters, and the illegal-instruction trap for writes to
 * read-only CSRs and for accesses to CSRs the core does not implement. */
#include "isa.h"
    TEST_BEGIN
    TEST 1      /* identification CSRs */
    csrr a0, misa; EXPECT a0, 0x40001100
    csrr a0, mvendorid; EXPECT a0, 0
    csrr a0, marchid; EXPECT a0, 0
    csrr a0, mimpid; EXPECT a0, 0
    csrr a0, mhartid; EXPECT a0, 0
    TEST 2      /* mscratch: csrrw / csrrs / csrrc return the old value */
    li a1, 0x12345678
    csrrw a0, mscratch, a1
    csrr a0, mscratch; EXPECT a0, 0x12345678
    li a2, 0x0f
    csrrs a0, mscratch, a2; EXPECT a0, 0x12345678
    csrr a0, mscratch; EXPECT a0, 0x1234567f
    li a3, 0xf0000000
    csrrc a0, mscratch, a3; EXPECT a0, 0x1234567f
    csrr a0, mscratch; EXPECT a0, 0x0234567f
    TEST 3      /* immediate forms, uimm zero-extended */
    csrrwi a0, mscratch, 31; EXPECT a0, 0x0234567f
    csrr a0, mscratch; EXPECT a0, 31
    csrrci a0, mscratch, 1; EXPECT a0, 31
    csrrsi a0, mscratch, 0; EXPECT a0, 30
    csrrsi a0, mscratch, 0x10; EXPECT a0, 30
    csrr a0, mscratch; EXPECT a0, 30
    csrrw zero, mscratch, zero
    csrr a0, mscratch; EXPECT a0, 0
    TEST 4      /* mstatus: MIE, MPIE writable, MPP fixed to 3, the rest zero */
    li a1, -1
    csrw mie, zero
    csrw mstatus, a1
    csrr a0, mstatus; EXPECT a0, 0x1888
    csrw mstatus, zero
    csrr a0, mstatus; EXPECT a0, 0x1800
    csrsi mstatus, 8
    csrr a0, mstatus; EXPECT a0, 0x1808
    csrci mstatus, 8
    TEST 5      /* mie: MEIE and MTIE */
    csrw mie, a1
    csrr a0, mie; EXPECT a0, 0x880
    csrw mie, zero
    TEST 6      /* mtvec: direct mode only, low two bits read 0 */
    csrr s0, mtvec
    li a2, 0x1237
    csrw mtvec, a2
    csrr a0, mtvec; EXPECT a0, 0x1234
    csrw mtvec, s0
    csrr a0, mtvec; EXPECT_ADDR a0, unexpected_trap
    TEST 7      /* mepc: bits 1:0 read 0; mcause, mtval fully writable */
    li a2, 0x87
    csrw mepc, a2
    csrr a0, mepc; EXPECT a0, 0x84
    csrw mcause, a1
    csrr a0, mcause; EXPECT a0, 0xffffffff
    li a2, 0xdeadbeef
    csrw mtval, a2
    csrr a0, mtval; EXPECT a0, 0xdeadbeef
    TEST 8      /* mip: no line raised reads 0; its bits are read-only, a write is ignored */
    csrr a0, mip; EXPECT a0, 0
    csrw mip, a1
    csrr a0, mip; EXPECT a0, 0
    TEST 9      /* misa accepts writes and ignores them */
    csrw misa, zero
    csrr a0, misa; EXPECT a0, 0x40001100
    TEST 10     /* minstret counts retired instructions exactly */
    csrr a0, minstret
    nop
    csrr a2, minstret
    sub a3, a2, a0; EXPECT a3, 2
    TEST 11     /* a written minstret is what the next instruction reads */
    li a2, 100
    csrw minstret, a2
    csrr a0, minstret
    csrr a1, minstret
    EXPECT a0, 100
    EXPECT a1, 101
    TEST 12     /* minstret carries into minstreth */
    li a1, -1
    csrw minstreth, zero
    csrw minstret, a1
    nop
    csrr a0, minstreth; EXPECT a0, 1
    li a2, 5
    csrw minstreth, a2
    csrr a0, minstreth; EXPECT a0, 5
    TEST 13     /* mcycle advances (by at least one per instruction, at most a few hundred) */
    csrr a0, mcycle
    csrr a2, mcycle
    sub a3, a2, a0
    beqz a3, fail
    li t0, 300
    bgeu a3, t0, fail
    TEST 14     /* mcycle / mcycleh are writable */
    csrw mcycle, zero
    li a2, 7
    csrw mcycleh, a2
    csrr a0, mcycleh; EXPECT a0, 7
    TEST 15     /* csrrs / csrrc with rs1 = x0 and csrrsi with 0 read read-only CSRs legally */
    csrrs a0, mhartid, zero; EXPECT a0, 0
    csrrc a0, misa, zero; EXPECT a0, 0x40001100
    csrrsi a0, mvendorid, 0; EXPECT a0, 0
    TEST 16     /* writing a read-only CSR is illegal: mtval = the instruction word */
    ARM_TRAP 1f
ro: csrw mhartid, zero
    j fail
1:  EXPECT s2, 2
    EXPECT_ADDR s3, ro
    lw a0, ro; EXPECT_REG s4, a0
    TEST 17     /* csrrsi with non-zero uimm on a read-only CSR writes: illegal */
    ARM_TRAP 2f
    csrrsi a0, marchid, 1
    j fail
2:  EXPECT s2, 2
    TEST 18     /* unimplemented CSRs: sstatus, cycle (user counter), mcountinhibit, 0x7c0 */
    ARM_TRAP 3f
    csrr a0, sstatus
    j fail
3:  EXPECT s2, 2
    ARM_TRAP 4f
    csrr a0, cycle
    j fail
4:  EXPECT s2, 2
    ARM_TRAP 5f
    csrr a0, 0x320
    j fail
5:  EXPECT s2, 2
    ARM_TRAP 6f
un: csrrw zero, 0x7c0, a0
    j fail
6:  EXPECT s2, 2
    lw a0, un; EXPECT_REG s4, a0
    TEST 19     /* a trapping CSR write leaves the destination register alone */
    li a0, 0x55
    ARM_TRAP 7f
    csrrw a0, mhartid, a1
    j fail
7:  EXPECT a0, 0x55
    TEST 20     /* a trapping instruction does not retire: ecall not counted, the handler's 6 are */
    ARM_TRAP 8f
    csrr a0, minstret
    ecall
    j fail
8:  csrr a1, minstret
    sub a2, a1, a0
    EXPECT a2, 7
    TEST_END
