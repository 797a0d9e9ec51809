/* The M extension, with the corner cases the specification defines: division by zero, the
 * overflow of -2^31 / -1, and the signedness of mulh / mulhsu / mulhu. Worked by hand. */
#include "isa.h"
.macro OP op, x, y, want
    li a0, \x; li a1, \y
    \op a2, a0, a1
    EXPECT a2, \want
.endm
    TEST_BEGIN
    TEST 1      /* mul: low 32 bits, sign does not matter */
    OP mul, 7, -3, -21
    OP mul, 0x80000000, -1, 0x80000000
    OP mul, 0xffff, 0xffff, 0xfffe0001
    OP mul, 0x12345678, 0, 0
    TEST 2      /* mulh: signed x signed, high word */
    OP mulh, -1, -1, 0
    OP mulh, 0x80000000, 0x80000000, 0x40000000
    OP mulh, -2, 3, 0xffffffff
    OP mulh, 0x7fffffff, 0x7fffffff, 0x3fffffff
    OP mulh, 0x80000000, 0x7fffffff, 0xc0000000
    TEST 3      /* mulhu: unsigned x unsigned */
    OP mulhu, 0xffffffff, 0xffffffff, 0xfffffffe
    OP mulhu, 0x80000000, 2, 1
    OP mulhu, -1, 1, 0
    TEST 4      /* mulhsu: rs1 signed, rs2 unsigned */
    OP mulhsu, -1, 0xffffffff, 0xffffffff
    OP mulhsu, 2, 0xffffffff, 1
    OP mulhsu, 0x80000000, 0xffffffff, 0x80000000
    OP mulhsu, 0xffffffff, 1, 0xffffffff
    TEST 5      /* div truncates toward zero */
    OP div, 7, -2, -3
    OP div, -7, 2, -3
    OP div, -7, -2, 3
    TEST 6      /* div corner cases */
    OP div, 5, 0, -1
    OP div, 0x80000000, -1, 0x80000000
    OP div, 0, 0, -1
    TEST 7      /* divu */
    OP divu, 7, 2, 3
    OP divu, 0xffffffff, 2, 0x7fffffff
    OP divu, 5, 0, 0xffffffff
    OP divu, 0x80000000, -1, 0
    TEST 8      /* rem takes the sign of the dividend */
    OP rem, 7, -2, 1
    OP rem, -7, 2, -1
    OP rem, 5, 0, 5
    OP rem, 0x80000000, -1, 0
    OP rem, -3, 0, -3
    TEST 9      /* remu */
    OP remu, 0xffffffff, 10, 5
    OP remu, 5, 0, 5
    OP remu, 0x80000000, -1, 0x80000000
    TEST 10     /* dependent chain and rd = x0 */
    li a0, 3; li a1, 4
    mul a2, a0, a1
    mul a3, a2, a2
    div a4, a3, a0
    rem a5, a3, a4
    EXPECT a3, 144
    EXPECT a4, 48
    EXPECT a5, 0
    mul zero, a0, a1
    mv a0, zero; EXPECT a0, 0
    TEST_END
