package dev.neuroforge.verif.core;

/** Instruction encoders for the ISS unit tests, written from the base formats of the ISA manual. */
final class Asm {
    private Asm() {
    }

    static int r(int f7, int rs2, int rs1, int f3, int rd, int op) {
        return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
    }

    static int i(int imm, int rs1, int f3, int rd, int op) {
        return (imm & 0xFFF) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
    }

    static int s(int imm, int rs2, int rs1, int f3) {
        return ((imm >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 0x1F) << 7 | 0x23;
    }

    static int b(int imm, int rs2, int rs1, int f3) {
        return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12
                | ((imm >> 1) & 0xF) << 8 | ((imm >> 11) & 1) << 7 | 0x63;
    }

    static int u(int imm20, int rd, int op) {
        return imm20 << 12 | rd << 7 | op;
    }

    static int jal(int imm, int rd) {
        return ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3FF) << 21 | ((imm >> 11) & 1) << 20
                | ((imm >> 12) & 0xFF) << 12 | rd << 7 | 0x6F;
    }

    static int jalr(int imm, int rs1, int rd) {
        return i(imm, rs1, 0, rd, 0x67);
    }

    static int addi(int rd, int rs1, int imm) {
        return i(imm, rs1, 0, rd, 0x13);
    }

    static int op(String name, int rd, int rs1, int rs2) {
        return switch (name) {
            case "add" -> r(0, rs2, rs1, 0, rd, 0x33);
            case "sub" -> r(0x20, rs2, rs1, 0, rd, 0x33);
            case "sll" -> r(0, rs2, rs1, 1, rd, 0x33);
            case "slt" -> r(0, rs2, rs1, 2, rd, 0x33);
            case "sltu" -> r(0, rs2, rs1, 3, rd, 0x33);
            case "xor" -> r(0, rs2, rs1, 4, rd, 0x33);
            case "srl" -> r(0, rs2, rs1, 5, rd, 0x33);
            case "sra" -> r(0x20, rs2, rs1, 5, rd, 0x33);
            case "or" -> r(0, rs2, rs1, 6, rd, 0x33);
            case "and" -> r(0, rs2, rs1, 7, rd, 0x33);
            case "mul" -> r(1, rs2, rs1, 0, rd, 0x33);
            case "mulh" -> r(1, rs2, rs1, 1, rd, 0x33);
            case "mulhsu" -> r(1, rs2, rs1, 2, rd, 0x33);
            case "mulhu" -> r(1, rs2, rs1, 3, rd, 0x33);
            case "div" -> r(1, rs2, rs1, 4, rd, 0x33);
            case "divu" -> r(1, rs2, rs1, 5, rd, 0x33);
            case "rem" -> r(1, rs2, rs1, 6, rd, 0x33);
            case "remu" -> r(1, rs2, rs1, 7, rd, 0x33);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static int load(int f3, int rd, int rs1, int imm) {
        return i(imm, rs1, f3, rd, 0x03);
    }

    /** csrrw=1, csrrs=2, csrrc=3, +4 for the immediate forms; {@code src} is rs1 or uimm. */
    static int csr(int f3, int rd, int csr, int src) {
        return csr << 20 | src << 15 | f3 << 12 | rd << 7 | 0x73;
    }

    static final int ECALL = 0x00000073;
    static final int EBREAK = 0x00100073;
    static final int MRET = 0x30200073;
    static final int WFI = 0x10500073;
    static final int NOP = addi(0, 0, 0);
}
