package dev.neuroforge.verif.core;

/**
 * Instruction-set simulator for RV32I (+ M as a parameter), Zicsr and machine mode, written from
 * the RISC-V unprivileged and privileged specifications; the reference the RTL core is checked
 * against instruction by instruction. The choices the specifications leave open are listed in
 * docs/core.md ("ISS"). One {@link #step()} retires one instruction (a trapping one included) and
 * reports it as a {@link Retire}; it does not tick the platform, its caller does.
 */
public final class Iss {
    private final Bus bus;
    private final boolean mExt;
    private final int[] x = new int[32];
    private int pc = MemoryMap.RESET_PC;
    private long order;

    private boolean mstatusMie;
    private boolean mstatusMpie;
    private int mie;
    private int mtvec;
    private int mepc;
    private int mcause;
    private int mtval;
    private int mscratch;
    private long mcycle;
    private long minstret;

    private boolean autoInterrupts = true;
    private boolean enteredByInterrupt;
    private boolean hasOverride;
    private int overrideValue;

    // The retirement record under construction.
    private int rs1A;
    private int rs2A;
    private int rs1D;
    private int rs2D;
    private int rdA;
    private int rdD;
    private int memAddr;
    private int rmask;
    private int wmask;
    private int rdata;
    private int wdata;
    private boolean wroteCycle;
    private boolean wroteInstret;

    /** Raised inside {@link #step()} for a synchronous exception. */
    private static final class Trap extends Exception {
        private static final long serialVersionUID = 1L;
        final int cause;
        final int tval;

        Trap(int cause, int tval) {
            super(null, null, false, false);
            this.cause = cause;
            this.tval = tval;
        }
    }

    public Iss(Bus bus, boolean mExtension) {
        this.bus = bus;
        this.mExt = mExtension;
    }

    public int reg(int i) {
        return x[i];
    }

    /** Sets register {@code i} (x0 stays zero); for tests that start from a given state. */
    public void setReg(int i, int value) {
        if (i != 0) {
            x[i] = value;
        }
    }

    public int pc() {
        return pc;
    }

    /** Sets the pc (e.g. to an ELF entry point before the first step). */
    public void setPc(int value) {
        pc = value;
    }

    /** Number of instructions reported so far (the next {@link Retire#order()}). */
    public long order() {
        return order;
    }

    /** The CSR's current value as an instruction would read it (no override applied). */
    public int csr(int addr) {
        Integer v = readCsr(addr);
        if (v == null) {
            throw new IllegalArgumentException("CSR " + String.format("0x%03x", addr) + " is not implemented");
        }
        return v;
    }

    /**
     * Whether {@link #step()} enters pending enabled interrupts by itself (default true). Lockstep
     * turns this off and calls {@link #takeInterrupt} where the RTL took the interrupt.
     */
    public void autoInterrupts(boolean on) {
        autoInterrupts = on;
    }

    /**
     * The next load instruction, or the next CSR read of mcycle, mcycleh or mip, takes
     * {@code value} instead of the bus or counter. For loads {@code value} is the lane-placed bus
     * word (as in {@link Retire#memRdata()}) and the ISS extracts and extends the bytes itself; the
     * bus is not accessed. Lockstep uses it for values that legitimately differ from the RTL's.
     */
    public void overrideNextLoad(int value) {
        hasOverride = true;
        overrideValue = value;
    }

    /** The pending and enabled interrupt the core would take now (external before timer), or -1. */
    public int pendingInterrupt() {
        if (!mstatusMie) {
            return -1;
        }
        int p = mip() & mie;
        if ((p & Csr.MEI) != 0) {
            return Csr.IRQ_EXTERNAL;
        }
        if ((p & Csr.MTI) != 0) {
            return Csr.IRQ_TIMER;
        }
        return -1;
    }

    /**
     * Enters the handler for interrupt {@code cause} now, as the RTL reported it did; the next
     * {@link #step()} executes the handler's first instruction with {@code intr} set.
     *
     * @throws IllegalStateException when that interrupt is not pending and enabled here
     */
    public void takeInterrupt(int cause) {
        int bit = cause == Csr.IRQ_EXTERNAL ? Csr.MEI : cause == Csr.IRQ_TIMER ? Csr.MTI : 0;
        if (bit == 0 || !mstatusMie || (mip() & mie & bit) == 0) {
            throw new IllegalStateException("interrupt " + cause + " is not pending and enabled in the ISS at pc "
                    + MemoryMap.hex(pc) + " (mstatus.MIE=" + (mstatusMie ? 1 : 0) + " mie=" + MemoryMap.hex(mie)
                    + " mip=" + MemoryMap.hex(mip()) + ")");
        }
        enterTrap(Csr.INTERRUPT | cause, pc, 0);
        enteredByInterrupt = true;
    }

    /** Executes one instruction (entering a pending enabled interrupt first) and reports it. */
    public Retire step() {
        if (autoInterrupts && !enteredByInterrupt) {
            int cause = pendingInterrupt();
            if (cause >= 0) {
                enterTrap(Csr.INTERRUPT | cause, pc, 0);
                enteredByInterrupt = true;
            }
        }
        boolean intr = enteredByInterrupt;
        enteredByInterrupt = false;
        rs1A = rs2A = rs1D = rs2D = rdA = rdD = memAddr = rmask = wmask = rdata = wdata = 0;
        wroteCycle = wroteInstret = false;
        int pcr = pc;
        int insn = 0;
        int next;
        boolean trap = false;
        try {
            if (bus.fetchFault(pc)) {
                throw new Trap(Csr.CAUSE_FETCH_ACCESS, pc);
            }
            insn = bus.load(pc, 4);
            next = execute(insn);
            if (rdA != 0) {
                x[rdA] = rdD;
            } else {
                rdD = 0;
            }
            pc = next;
        } catch (Trap t) {
            trap = true;
            rs1A = rs2A = rs1D = rs2D = rdA = rdD = memAddr = rmask = wmask = rdata = wdata = 0;
            enterTrap(t.cause, pcr, t.tval);
            next = pc;
        }
        if (!wroteCycle) {
            mcycle++;
        }
        if (!trap && !wroteInstret) {
            minstret++;
        }
        return new Retire(order++, insn, trap, intr, pcr, next, rs1A, rs2A, rs1D, rs2D, rdA, rdD, memAddr, rmask,
                wmask, rdata, wdata);
    }

    private void enterTrap(int cause, int epc, int tval) {
        mepc = epc;
        mcause = cause;
        mtval = tval;
        mstatusMpie = mstatusMie;
        mstatusMie = false;
        pc = mtvec & ~3;
    }

    private int mip() {
        return (bus.externalIrq() ? Csr.MEI : 0) | (bus.timerIrq() ? Csr.MTI : 0);
    }

    private int rs1(int insn) {
        rs1A = (insn >>> 15) & 31;
        rs1D = x[rs1A];
        return rs1D;
    }

    private int rs2(int insn) {
        rs2A = (insn >>> 20) & 31;
        rs2D = x[rs2A];
        return rs2D;
    }

    private void rd(int insn, int value) {
        rdA = (insn >>> 7) & 31;
        rdD = value;
    }

    static int immI(int insn) {
        return insn >> 20;
    }

    static int immS(int insn) {
        return (insn >> 25) << 5 | (insn >>> 7) & 0x1F;
    }

    static int immB(int insn) {
        return (insn >> 31) << 12 | ((insn >>> 7) & 1) << 11 | ((insn >>> 25) & 0x3F) << 5 | ((insn >>> 8) & 0xF) << 1;
    }

    static int immJ(int insn) {
        return (insn >> 31) << 20 | ((insn >>> 12) & 0xFF) << 12 | ((insn >>> 20) & 1) << 11
                | ((insn >>> 21) & 0x3FF) << 1;
    }

    private static Trap illegal(int insn) {
        return new Trap(Csr.CAUSE_ILLEGAL, insn);
    }

    private int jumpTo(int target) throws Trap {
        if ((target & 3) != 0) {
            throw new Trap(Csr.CAUSE_MISALIGNED_FETCH, target);
        }
        return target;
    }

    private int execute(int insn) throws Trap {
        int op = insn & 0x7F;
        int f3 = (insn >>> 12) & 7;
        int f7 = insn >>> 25;
        int seq = pc + 4;
        switch (op) {
            case 0x37 -> rd(insn, insn & 0xFFFF_F000);
            case 0x17 -> rd(insn, pc + (insn & 0xFFFF_F000));
            case 0x6F -> {
                int t = jumpTo(pc + immJ(insn));
                rd(insn, seq);
                return t;
            }
            case 0x67 -> {
                if (f3 != 0) {
                    throw illegal(insn);
                }
                int t = jumpTo((rs1(insn) + immI(insn)) & ~1);
                rd(insn, seq);
                return t;
            }
            case 0x63 -> {
                int a = rs1(insn);
                int b = rs2(insn);
                boolean taken = switch (f3) {
                    case 0 -> a == b;
                    case 1 -> a != b;
                    case 4 -> a < b;
                    case 5 -> a >= b;
                    case 6 -> Integer.compareUnsigned(a, b) < 0;
                    case 7 -> Integer.compareUnsigned(a, b) >= 0;
                    default -> throw illegal(insn);
                };
                return taken ? jumpTo(pc + immB(insn)) : seq;
            }
            case 0x03 -> load(insn, f3);
            case 0x23 -> store(insn, f3);
            case 0x13 -> {
                int a = rs1(insn);
                int imm = immI(insn);
                int sh = imm & 31;
                int r = switch (f3) {
                    case 0 -> a + imm;
                    case 2 -> a < imm ? 1 : 0;
                    case 3 -> Integer.compareUnsigned(a, imm) < 0 ? 1 : 0;
                    case 4 -> a ^ imm;
                    case 6 -> a | imm;
                    case 7 -> a & imm;
                    case 1 -> {
                        if (f7 != 0) {
                            throw illegal(insn);
                        }
                        yield a << sh;
                    }
                    default -> { // 5
                        if (f7 == 0) {
                            yield a >>> sh;
                        }
                        if (f7 == 0x20) {
                            yield a >> sh;
                        }
                        throw illegal(insn);
                    }
                };
                rd(insn, r);
            }
            case 0x33 -> {
                if (f7 == 1) {
                    if (!mExt) {
                        throw illegal(insn);
                    }
                    rd(insn, mul(f3, rs1(insn), rs2(insn)));
                } else if (f7 == 0 || f7 == 0x20 && (f3 == 0 || f3 == 5)) {
                    int a = rs1(insn);
                    int b = rs2(insn);
                    int r = switch (f3) {
                        case 0 -> f7 == 0 ? a + b : a - b;
                        case 1 -> a << (b & 31);
                        case 2 -> a < b ? 1 : 0;
                        case 3 -> Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
                        case 4 -> a ^ b;
                        case 5 -> f7 == 0 ? a >>> (b & 31) : a >> (b & 31);
                        case 6 -> a | b;
                        default -> a & b;
                    };
                    rd(insn, r);
                } else {
                    throw illegal(insn);
                }
            }
            case 0x0F -> {
                if (f3 > 1) {
                    throw illegal(insn);
                }
            }
            case 0x73 -> {
                return system(insn, f3, seq);
            }
            default -> throw illegal(insn);
        }
        return seq;
    }

    /** The M extension, from the specification's definitions including its corner cases. */
    static int mul(int f3, int a, int b) {
        return switch (f3) {
            case 0 -> a * b;
            case 1 -> (int) (((long) a * (long) b) >> 32);
            case 2 -> (int) (((long) a * (b & 0xFFFF_FFFFL)) >> 32);
            case 3 -> (int) (((a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL)) >>> 32);
            case 4 -> b == 0 ? -1 : a == Integer.MIN_VALUE && b == -1 ? a : a / b;
            case 5 -> b == 0 ? -1 : Integer.divideUnsigned(a, b);
            case 6 -> b == 0 ? a : a == Integer.MIN_VALUE && b == -1 ? 0 : a % b;
            default -> b == 0 ? a : Integer.remainderUnsigned(a, b);
        };
    }

    private void load(int insn, int f3) throws Trap {
        int bytes = switch (f3) {
            case 0, 4 -> 1;
            case 1, 5 -> 2;
            case 2 -> 4;
            default -> throw illegal(insn);
        };
        int addr = rs1(insn) + immI(insn);
        if ((addr & (bytes - 1)) != 0) {
            throw new Trap(Csr.CAUSE_MISALIGNED_LOAD, addr);
        }
        if (bus.dataFault(addr, bytes, false)) {
            throw new Trap(Csr.CAUSE_LOAD_ACCESS, addr);
        }
        int shift = 8 * (addr & 3);
        int laneMask = bytes == 4 ? -1 : ((1 << (8 * bytes)) - 1) << shift;
        int raw;
        if (hasOverride) {
            hasOverride = false;
            raw = (overrideValue & laneMask) >>> shift;
        } else {
            raw = bus.load(addr, bytes);
        }
        memAddr = addr & ~3;
        rmask = ((1 << bytes) - 1) << (addr & 3);
        rdata = raw << shift;
        int v = switch (f3) {
            case 0 -> (byte) raw;
            case 1 -> (short) raw;
            default -> raw;
        };
        rd(insn, v);
    }

    private void store(int insn, int f3) throws Trap {
        if (f3 > 2) {
            throw illegal(insn);
        }
        int bytes = 1 << f3;
        int addr = rs1(insn) + immS(insn);
        int v = rs2(insn);
        if ((addr & (bytes - 1)) != 0) {
            throw new Trap(Csr.CAUSE_MISALIGNED_STORE, addr);
        }
        if (bus.dataFault(addr, bytes, true)) {
            throw new Trap(Csr.CAUSE_STORE_ACCESS, addr);
        }
        int raw = bytes == 4 ? v : v & ((1 << (8 * bytes)) - 1);
        bus.store(addr, bytes, raw);
        memAddr = addr & ~3;
        wmask = ((1 << bytes) - 1) << (addr & 3);
        wdata = raw << (8 * (addr & 3));
    }

    private int system(int insn, int f3, int seq) throws Trap {
        if (f3 == 0) {
            switch (insn) {
                case 0x00000073:
                    throw new Trap(Csr.CAUSE_ECALL_M, 0);
                case 0x00100073:
                    throw new Trap(Csr.CAUSE_BREAKPOINT, pc);
                case 0x30200073:
                    mstatusMie = mstatusMpie;
                    mstatusMpie = true;
                    return mepc;
                case 0x10500073:
                    return seq;
                default:
                    throw illegal(insn);
            }
        }
        if (f3 == 4) {
            throw illegal(insn);
        }
        int csr = insn >>> 20;
        int field = (insn >>> 15) & 31;
        int rdField = (insn >>> 7) & 31;
        boolean imm = f3 >= 4;
        int src = imm ? field : rs1(insn);
        int kind = f3 & 3; // 1 write, 2 set, 3 clear
        boolean writes = kind == 1 || field != 0;
        boolean reads = kind != 1 || rdField != 0;
        Integer cur = readCsr(csr);
        if (cur == null || writes && (csr >>> 10) == 3) {
            throw illegal(insn);
        }
        int old = cur;
        if (reads && hasOverride && (csr == Csr.MCYCLE || csr == Csr.MCYCLEH || csr == Csr.MIP)) {
            hasOverride = false;
            old = overrideValue;
        }
        if (writes) {
            int nv = switch (kind) {
                case 1 -> src;
                case 2 -> old | src;
                default -> old & ~src;
            };
            writeCsr(csr, nv);
        }
        rd(insn, reads ? old : 0);
        return seq;
    }

    /** The CSR's value, or null when it is not implemented (access raises illegal instruction). */
    private Integer readCsr(int csr) {
        return switch (csr) {
            case Csr.MSTATUS -> (mstatusMie ? Csr.MSTATUS_MIE : 0) | (mstatusMpie ? Csr.MSTATUS_MPIE : 0)
                    | Csr.MSTATUS_MPP;
            case Csr.MISA -> Csr.misa(mExt);
            case Csr.MIE -> mie;
            case Csr.MTVEC -> mtvec;
            case Csr.MSCRATCH -> mscratch;
            case Csr.MEPC -> mepc;
            case Csr.MCAUSE -> mcause;
            case Csr.MTVAL -> mtval;
            case Csr.MIP -> mip();
            case Csr.MCYCLE -> (int) mcycle;
            case Csr.MCYCLEH -> (int) (mcycle >>> 32);
            case Csr.MINSTRET -> (int) minstret;
            case Csr.MINSTRETH -> (int) (minstret >>> 32);
            case Csr.MVENDORID, Csr.MARCHID, Csr.MIMPID, Csr.MHARTID -> 0;
            default -> null;
        };
    }

    private void writeCsr(int csr, int v) {
        switch (csr) {
            case Csr.MSTATUS -> {
                mstatusMie = (v & Csr.MSTATUS_MIE) != 0;
                mstatusMpie = (v & Csr.MSTATUS_MPIE) != 0;
            }
            case Csr.MIE -> mie = v & (Csr.MEI | Csr.MTI);
            case Csr.MTVEC -> mtvec = v & ~3;
            case Csr.MSCRATCH -> mscratch = v;
            case Csr.MEPC -> mepc = v & ~3;
            case Csr.MCAUSE -> mcause = v;
            case Csr.MTVAL -> mtval = v;
            case Csr.MCYCLE -> {
                mcycle = (mcycle & 0xFFFF_FFFF_0000_0000L) | (v & 0xFFFF_FFFFL);
                wroteCycle = true;
            }
            case Csr.MCYCLEH -> {
                mcycle = (mcycle & 0xFFFF_FFFFL) | ((long) v << 32);
                wroteCycle = true;
            }
            case Csr.MINSTRET -> {
                minstret = (minstret & 0xFFFF_FFFF_0000_0000L) | (v & 0xFFFF_FFFFL);
                wroteInstret = true;
            }
            case Csr.MINSTRETH -> {
                minstret = (minstret & 0xFFFF_FFFFL) | ((long) v << 32);
                wroteInstret = true;
            }
            default -> {
                // misa and mip: writable addresses whose bits are all read-only; the write is ignored.
            }
        }
    }
}
