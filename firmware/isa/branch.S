/* Conditional branches (taken and not taken, signed and unsigned, forward and backward), JAL and
 * JALR with their link values, JALR clearing bit 0, rd == rs1. */
#include "isa.h"

.macro TAKEN op, x, y
    li a0, \x; li a1, \y
    \op a0, a1, .Lt\@
    j fail
.Lt\@:
.endm

.macro NOT_TAKEN op, x, y
    li a0, \x; li a1, \y
    \op a0, a1, .Lf\@
    j .Lc\@
.Lf\@:
    j fail
.Lc\@:
.endm

    TEST_BEGIN
    TEST 1
    TAKEN beq, 5, 5
    NOT_TAKEN beq, 5, 6
    TEST 2
    TAKEN bne, 0, 0x80000000
    NOT_TAKEN bne, -1, -1
    TEST 3      /* blt is signed */
    TAKEN blt, -1, 0
    NOT_TAKEN blt, 0, -1
    NOT_TAKEN blt, 7, 7
    TAKEN blt, 0x80000000, 0x7fffffff
    TEST 4      /* bge is signed, equal is taken */
    TAKEN bge, 0, -1
    TAKEN bge, 7, 7
    NOT_TAKEN bge, -2, -1
    TEST 5      /* bltu is unsigned */
    TAKEN bltu, 0, -1
    NOT_TAKEN bltu, -1, 0
    NOT_TAKEN bltu, 3, 3
    TEST 6      /* bgeu is unsigned, equal is taken */
    TAKEN bgeu, 0x80000000, 0x7fffffff
    TAKEN bgeu, 3, 3
    NOT_TAKEN bgeu, 1, 2
    TEST 7      /* backward branch loop */
    li a2, 0; li a3, 3
1:  addi a2, a2, 1
    bne a2, a3, 1b
    EXPECT a2, 3
    TEST 8      /* backward loop with blt counting down */
    li a2, 10; li a4, 0
2:  addi a4, a4, 2
    addi a2, a2, -1
    blt zero, a2, 2b
    EXPECT a4, 20
    TEST 9      /* jal links pc + 4 */
    jal ra, 3f
4:  j fail
3:  EXPECT_ADDR ra, 4b
    TEST 10     /* jal with rd = x0 */
    li a0, 0
    jal zero, 5f
    li a0, 1
5:  EXPECT a0, 0
    TEST 11     /* jalr with offset, link */
    la a0, 6f - 4
    jalr t0, 4(a0)
7:  j fail
6:  EXPECT_ADDR t0, 7b
    TEST 12     /* jalr clears bit 0 of the target */
    la a0, 8f
    addi a0, a0, 1
    jalr ra, 0(a0)
    j fail
8:  TEST 13     /* jalr with rd == rs1: target from the old value */
    la a0, 9f
    jalr a0, 0(a0)
10: j fail
9:  EXPECT_ADDR a0, 10b
    TEST 14     /* jalr with a negative offset */
    la a0, 11f + 8
    jalr ra, -8(a0)
    j fail
11: TEST 15     /* call and return */
    li a0, 20
    call double
    EXPECT a0, 40
    TEST 16     /* branch on the result of the instruction before */
    li a0, 1
    addi a0, a0, -1
    beqz a0, 12f
    j fail
12: TEST 17     /* not-taken branch then taken jal */
    li a0, 1
    bnez zero, 13f
    jal 14f
13: j fail
14: TEST_END

double:
    add a0, a0, a0
    ret
