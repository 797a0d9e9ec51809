package dev.neuroforge.verif.core;

/** Readable disassembly of RV32IM + Zicsr + machine-mode instruction words, for reports and traces. */
public final class Disasm {
    private static final String[] ABI = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1",
        "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10",
        "s11", "t3", "t4", "t5", "t6"};

    private Disasm() {
    }

    /** The ABI name of register {@code i}. */
    public static String reg(int i) {
        return ABI[i];
    }

    /** The name of a CSR address, or its hex number when the core does not implement it. */
    public static String csrName(int csr) {
        return switch (csr) {
            case Csr.MSTATUS -> "mstatus";
            case Csr.MISA -> "misa";
            case Csr.MIE -> "mie";
            case Csr.MTVEC -> "mtvec";
            case Csr.MSCRATCH -> "mscratch";
            case Csr.MEPC -> "mepc";
            case Csr.MCAUSE -> "mcause";
            case Csr.MTVAL -> "mtval";
            case Csr.MIP -> "mip";
            case Csr.MCYCLE -> "mcycle";
            case Csr.MINSTRET -> "minstret";
            case Csr.MCYCLEH -> "mcycleh";
            case Csr.MINSTRETH -> "minstreth";
            case Csr.MVENDORID -> "mvendorid";
            case Csr.MARCHID -> "marchid";
            case Csr.MIMPID -> "mimpid";
            case Csr.MHARTID -> "mhartid";
            default -> String.format("0x%03x", csr);
        };
    }

    /** The instruction as assembly text, or {@code illegal 0x...} for words outside the ISA. */
    public static String of(int insn) {
        int op = insn & 0x7F;
        int rd = (insn >>> 7) & 31;
        int f3 = (insn >>> 12) & 7;
        int rs1 = (insn >>> 15) & 31;
        int rs2 = (insn >>> 20) & 31;
        int f7 = insn >>> 25;
        String d = reg(rd);
        String s1 = reg(rs1);
        String s2 = reg(rs2);
        int immI = insn >> 20;
        String bad = String.format("illegal 0x%08x", insn);
        switch (op) {
            case 0x37:
                return String.format("lui %s, 0x%x", d, insn >>> 12);
            case 0x17:
                return String.format("auipc %s, 0x%x", d, insn >>> 12);
            case 0x6F:
                return String.format("jal %s, %d", d, Iss.immJ(insn));
            case 0x67:
                return f3 == 0 ? String.format("jalr %s, %d(%s)", d, immI, s1) : bad;
            case 0x63: {
                String[] n = {"beq", "bne", null, null, "blt", "bge", "bltu", "bgeu"};
                return n[f3] == null ? bad : String.format("%s %s, %s, %d", n[f3], s1, s2, Iss.immB(insn));
            }
            case 0x03: {
                String[] n = {"lb", "lh", "lw", null, "lbu", "lhu", null, null};
                return n[f3] == null ? bad : String.format("%s %s, %d(%s)", n[f3], d, immI, s1);
            }
            case 0x23: {
                String[] n = {"sb", "sh", "sw", null, null, null, null, null};
                return n[f3] == null ? bad : String.format("%s %s, %d(%s)", n[f3], s2, Iss.immS(insn), s1);
            }
            case 0x13: {
                if (f3 == 1 || f3 == 5) {
                    String n = f3 == 1 ? (f7 == 0 ? "slli" : null) : f7 == 0 ? "srli" : f7 == 0x20 ? "srai" : null;
                    return n == null ? bad : String.format("%s %s, %s, %d", n, d, s1, rs2);
                }
                String[] n = {"addi", null, "slti", "sltiu", "xori", null, "ori", "andi"};
                return String.format("%s %s, %s, %d", n[f3], d, s1, immI);
            }
            case 0x33: {
                String n = null;
                if (f7 == 0) {
                    n = new String[] {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"}[f3];
                } else if (f7 == 0x20 && (f3 == 0 || f3 == 5)) {
                    n = f3 == 0 ? "sub" : "sra";
                } else if (f7 == 1) {
                    n = new String[] {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"}[f3];
                }
                return n == null ? bad : String.format("%s %s, %s, %s", n, d, s1, s2);
            }
            case 0x0F:
                return f3 == 0 ? "fence" : f3 == 1 ? "fence.i" : bad;
            case 0x73: {
                if (f3 == 0) {
                    return switch (insn) {
                        case 0x00000073 -> "ecall";
                        case 0x00100073 -> "ebreak";
                        case 0x30200073 -> "mret";
                        case 0x10500073 -> "wfi";
                        default -> bad;
                    };
                }
                String[] n = {null, "csrrw", "csrrs", "csrrc", null, "csrrwi", "csrrsi", "csrrci"};
                if (n[f3] == null) {
                    return bad;
                }
                String csr = csrName(insn >>> 20);
                return f3 < 4 ? String.format("%s %s, %s, %s", n[f3], d, csr, s1)
                        : String.format("%s %s, %s, %d", n[f3], d, csr, rs1);
            }
            default:
                return bad;
        }
    }
}
