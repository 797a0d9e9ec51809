/* Integer register-register and register-immediate instructions, LUI, AUIPC, x0, and the
 * instructions that are no-ops on this core (FENCE, FENCE.I, WFI). Expected values by hand. */
#include "isa.h"
    TEST_BEGIN

    TEST 1      /* add overflows silently */
    li a0, 0x7fffffff; li a1, 1; add a2, a0, a1; EXPECT a2, 0x80000000
    TEST 2
    li a0, -1; li a1, 1; add a2, a0, a1; EXPECT a2, 0
    TEST 3      /* sub */
    li a0, 0; li a1, 1; sub a2, a0, a1; EXPECT a2, 0xffffffff
    TEST 4
    li a0, 0x80000000; li a1, 1; sub a2, a0, a1; EXPECT a2, 0x7fffffff
    TEST 5      /* sll uses rs2[4:0] */
    li a0, 1; li a1, 31; sll a2, a0, a1; EXPECT a2, 0x80000000
    TEST 6
    li a1, 33; sll a2, a0, a1; EXPECT a2, 2
    TEST 7      /* srl, sra */
    li a0, 0x80000000; li a1, 31; srl a2, a0, a1; EXPECT a2, 1
    TEST 8
    sra a2, a0, a1; EXPECT a2, 0xffffffff
    TEST 9
    li a1, 0xffffffe4; sra a2, a0, a1; EXPECT a2, 0xf8000000
    TEST 10
    srl a2, a0, a1; EXPECT a2, 0x08000000
    TEST 11     /* slt, sltu */
    li a0, -1; li a1, 1; slt a2, a0, a1; EXPECT a2, 1
    slt a3, a1, a0; EXPECT a3, 0
    TEST 12
    sltu a2, a0, a1; EXPECT a2, 0
    sltu a3, a1, a0; EXPECT a3, 1
    sltu a4, zero, a1; EXPECT a4, 1
    slt a5, a0, a0; EXPECT a5, 0
    TEST 13     /* xor, or, and */
    li a0, 0xff00ff00; li a1, 0x0ff00ff0
    xor a2, a0, a1; EXPECT a2, 0xf0f0f0f0
    or a3, a0, a1; EXPECT a3, 0xfff0fff0
    and a4, a0, a1; EXPECT a4, 0x0f000f00
    TEST 14     /* addi: 12-bit signed immediate */
    li a0, 5; addi a1, a0, -6; EXPECT a1, 0xffffffff
    addi a2, a0, 2047; EXPECT a2, 2052
    addi a3, a0, -2048; EXPECT a3, -2043
    TEST 15     /* slti, sltiu (immediate sign-extended, then compared unsigned) */
    li a0, -5; slti a1, a0, -4; EXPECT a1, 1
    slti a2, a0, -5; EXPECT a2, 0
    li a0, 5; sltiu a1, a0, -1; EXPECT a1, 1
    sltiu a2, a0, 5; EXPECT a2, 0
    sltiu a3, zero, 1; EXPECT a3, 1
    li a0, -1; sltiu a4, a0, -1; EXPECT a4, 0
    TEST 16     /* xori, ori, andi */
    li a0, 0x12345678; xori a1, a0, -1; EXPECT a1, 0xedcba987
    xori a2, a0, 0x0f0; EXPECT a2, 0x12345688
    li a0, 0x80000000; ori a1, a0, -2048; EXPECT a1, 0xfffff800
    ori a2, a0, 0x7ff; EXPECT a2, 0x800007ff
    li a0, 0xffffffff; andi a1, a0, 0x7ff; EXPECT a1, 0x7ff
    andi a2, a0, -2048; EXPECT a2, 0xfffff800
    TEST 17     /* slli, srli, srai */
    li a0, 0x12345678; slli a1, a0, 4; EXPECT a1, 0x23456780
    slli a2, a0, 0; EXPECT a2, 0x12345678
    li a0, 0x12345679; slli a3, a0, 31; EXPECT a3, 0x80000000
    li a0, 0x87654321; srli a1, a0, 4; EXPECT a1, 0x08765432
    srli a2, a0, 31; EXPECT a2, 1
    srai a3, a0, 4; EXPECT a3, 0xf8765432
    srai a4, a0, 31; EXPECT a4, 0xffffffff
    li a0, 0x7fffffff; srai a5, a0, 30; EXPECT a5, 1
    TEST 18     /* lui */
    lui a0, 0xfffff; EXPECT a0, 0xfffff000
    lui a1, 0x12345; EXPECT a1, 0x12345000
    TEST 19     /* auipc adds to its own pc */
    jal a1, 1f
1:  auipc a0, 0
    auipc a2, 1
    auipc a3, 0xfffff
    EXPECT_REG a0, a1
    sub a4, a2, a0; EXPECT a4, 0x1004
    sub a5, a3, a0; EXPECT a5, 0xfffff008
    TEST 20     /* writes to x0 are discarded */
    li a0, 5; add zero, a0, a0; addi zero, zero, 1; lui zero, 1
    mv a1, zero; EXPECT a1, 0
    TEST 21     /* rd equal to a source */
    li a0, 3; add a0, a0, a0; EXPECT a0, 6
    sub a0, a0, a0; EXPECT a0, 0
    TEST 22     /* back-to-back dependencies */
    li a0, 1; addi a0, a0, 1; addi a0, a0, 1; slli a0, a0, 2; add a1, a0, a0; EXPECT a1, 24
    TEST 23     /* fence, fence.i and wfi retire as no-ops */
    li a0, 1; fence; fence.i; fence rw, rw; wfi; addi a0, a0, 1; EXPECT a0, 2

    TEST_END
