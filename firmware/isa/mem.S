/* Loads and stores of every width: sign and zero extension, byte lanes, negative offsets,
 * load after store, load into x0. */
#include "isa.h"
    TEST_BEGIN
    la s0, d0
    TEST 1      /* bytes 81 02 83 74 */
    lb a0, 0(s0); EXPECT a0, 0xffffff81
    lbu a0, 0(s0); EXPECT a0, 0x81
    lb a0, 1(s0); EXPECT a0, 2
    lb a0, 2(s0); EXPECT a0, 0xffffff83
    lbu a0, 3(s0); EXPECT a0, 0x74
    TEST 2
    lh a0, 0(s0); EXPECT a0, 0x0281
    lh a0, 2(s0); EXPECT a0, 0x7483
    lw a0, 0(s0); EXPECT a0, 0x74830281
    TEST 3      /* bytes 7f ff 00 80 */
    lh a0, 4(s0); EXPECT a0, 0xffffff7f
    lhu a0, 4(s0); EXPECT a0, 0xff7f
    lh a0, 6(s0); EXPECT a0, 0xffff8000
    lhu a0, 6(s0); EXPECT a0, 0x8000
    lb a0, 5(s0); EXPECT a0, 0xffffffff
    lbu a0, 5(s0); EXPECT a0, 0xff
    lw a0, 4(s0); EXPECT a0, 0x8000ff7f
    TEST 4      /* negative offset */
    addi s1, s0, 8
    lw a0, -4(s1); EXPECT a0, 0x8000ff7f
    lbu a0, -8(s1); EXPECT a0, 0x81
    TEST 5      /* stores into byte lanes */
    la s1, buf
    li a1, 0x11223344; sw a1, 0(s1)
    li a2, 0xaabbccdd
    sb a2, 1(s1); lw a0, 0(s1); EXPECT a0, 0x1122dd44
    sh a2, 2(s1); lw a0, 0(s1); EXPECT a0, 0xccdddd44
    sb a2, 3(s1); lw a0, 0(s1); EXPECT a0, 0xdddddd44
    sh a2, 0(s1); lw a0, 0(s1); EXPECT a0, 0xddddccdd
    sb zero, 0(s1); lw a0, 0(s1); EXPECT a0, 0xddddcc00
    TEST 6      /* load right after store, load-use */
    li a1, 0x5a5a1234
    sw a1, 4(s1)
    lw a3, 4(s1)
    addi a4, a3, 1
    EXPECT a4, 0x5a5a1235
    lhu a5, 6(s1); EXPECT a5, 0x5a5a
    TEST 7      /* a load into x0 is discarded */
    lw zero, 0(s0)
    mv a0, zero; EXPECT a0, 0
    TEST 8      /* stores with negative offsets, the last word of RAM below the stack top */
    li s1, 0x20000
    li a1, 0xcafef00d
    sw a1, -4(s1)
    lw a0, -4(s1); EXPECT a0, 0xcafef00d
    sh a1, -6(s1)
    lhu a0, -6(s1); EXPECT a0, 0xf00d
    TEST 9      /* console register: a byte written is accepted */
    li s1, CONSOLE
    li a0, 'o'; sb a0, 0(s1)
    li a0, 'k'; sw a0, 0(s1)
    li a0, '\n'; sb a0, 0(s1)
    TEST_END

    .data
    .align 4
d0: .byte 0x81, 0x02, 0x83, 0x74
    .word 0x8000ff7f
buf: .space 16
