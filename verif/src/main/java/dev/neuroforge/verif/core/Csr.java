package dev.neuroforge.verif.core;

/** Addresses and bit positions of the machine-mode CSRs the core implements (docs/core.md, "ISS"). */
public final class Csr {
    public static final int MSTATUS = 0x300;
    public static final int MISA = 0x301;
    public static final int MIE = 0x304;
    public static final int MTVEC = 0x305;
    public static final int MSCRATCH = 0x340;
    public static final int MEPC = 0x341;
    public static final int MCAUSE = 0x342;
    public static final int MTVAL = 0x343;
    public static final int MIP = 0x344;
    public static final int MCYCLE = 0xB00;
    public static final int MINSTRET = 0xB02;
    public static final int MCYCLEH = 0xB80;
    public static final int MINSTRETH = 0xB82;
    public static final int MVENDORID = 0xF11;
    public static final int MARCHID = 0xF12;
    public static final int MIMPID = 0xF13;
    public static final int MHARTID = 0xF14;

    /** mstatus bits: MIE (3), MPIE (7), MPP (12:11, always 3 = machine). */
    public static final int MSTATUS_MIE = 1 << 3;
    public static final int MSTATUS_MPIE = 1 << 7;
    public static final int MSTATUS_MPP = 3 << 11;
    /** mie/mip bits: machine timer (7) and machine external (11) interrupts. */
    public static final int MTI = 1 << 7;
    public static final int MEI = 1 << 11;

    /** Exception causes (mcause with the interrupt bit clear). */
    public static final int CAUSE_MISALIGNED_FETCH = 0;
    public static final int CAUSE_FETCH_ACCESS = 1;
    public static final int CAUSE_ILLEGAL = 2;
    public static final int CAUSE_BREAKPOINT = 3;
    public static final int CAUSE_MISALIGNED_LOAD = 4;
    public static final int CAUSE_LOAD_ACCESS = 5;
    public static final int CAUSE_MISALIGNED_STORE = 6;
    public static final int CAUSE_STORE_ACCESS = 7;
    public static final int CAUSE_ECALL_M = 11;
    /** Interrupt causes (mcause = 0x8000_0000 | cause). */
    public static final int IRQ_TIMER = 7;
    public static final int IRQ_EXTERNAL = 11;
    public static final int INTERRUPT = 0x8000_0000;

    /** misa: MXL = 1 (32 bit), I, and M when the M extension is on. */
    public static int misa(boolean mExtension) {
        return 0x4000_0000 | 1 << ('I' - 'A') | (mExtension ? 1 << ('M' - 'A') : 0);
    }

    private Csr() {
    }
}
