package dev.neuroforge.verif.core;

/**
 * Spots a program stuck in a trap loop: a trap whose handler's first instruction traps again, as
 * when no handler is installed and mtvec points at nothing (or at reset, 0). Such a run would
 * only ever end in a timeout; this names the trap that started it (cause and pc) instead. With
 * mtvec still at the reset value and the program starting there, every trap restarts the
 * program: the same trap at the same pc twice, each time back to the entry point, is a loop too.
 */
public final class TrapLoop {
    private final int entry;
    private Retire first;
    private int firstCause;
    private boolean previousTrapped;
    private Retire lastToEntry;
    private int lastToEntryCause;

    /** A detector for a program starting at {@code entry}: a trap that keeps going back there is a loop too. */
    public TrapLoop(int entry) {
        this.entry = entry;
    }

    /**
     * Looks at the next retired instruction ({@code cause}: its mcause if {@code r} trapped, or -1
     * when the back end cannot see it); returns the description once a loop is seen, else null.
     */
    public String check(Retire r, int cause) {
        if (!r.trap()) {
            previousTrapped = false;
            first = null;
            return null;
        }
        if (previousTrapped) {
            return String.format("%s at pc=0x%08x, and the trap handler at mtvec=0x%08x traps itself: %s;"
                    + " is a trap handler installed (mtvec)?", name(firstCause), first.pcRdata(), r.pcRdata(),
                    name(cause));
        }
        if (r.pcWdata() == entry) {
            if (lastToEntry != null && lastToEntry.pcRdata() == r.pcRdata() && lastToEntryCause == cause) {
                return String.format("%s at pc=0x%08x, again after restarting: mtvec=0x%08x is the program's"
                        + " entry point, so every trap restarts the program; is a trap handler installed (mtvec)?",
                        name(cause), r.pcRdata(), r.pcWdata());
            }
            lastToEntry = r;
            lastToEntryCause = cause;
        }
        first = r;
        firstCause = cause;
        previousTrapped = true;
        return null;
    }

    /** The cause of a trap as far as the retirement port shows it (the RTL's has no mcause): -1 if unsure. */
    public static int causeOf(Retire r) {
        if (MemoryMap.fetchFault(r.pcRdata())) {
            return Csr.CAUSE_FETCH_ACCESS;
        }
        return switch (r.insn()) {
            case 0x0000_0073 -> Csr.CAUSE_ECALL_M;
            case 0x0010_0073 -> Csr.CAUSE_BREAKPOINT;
            default -> -1;
        };
    }

    /** A cause in words, with its mcause number. */
    static String name(int cause) {
        String n = switch (cause) {
            case Csr.CAUSE_MISALIGNED_FETCH -> "instruction address misaligned";
            case Csr.CAUSE_FETCH_ACCESS -> "instruction access fault";
            case Csr.CAUSE_ILLEGAL -> "illegal instruction";
            case Csr.CAUSE_BREAKPOINT -> "breakpoint (ebreak)";
            case Csr.CAUSE_MISALIGNED_LOAD -> "load address misaligned";
            case Csr.CAUSE_LOAD_ACCESS -> "load access fault";
            case Csr.CAUSE_MISALIGNED_STORE -> "store address misaligned";
            case Csr.CAUSE_STORE_ACCESS -> "store access fault";
            case Csr.CAUSE_ECALL_M -> "ecall";
            default -> null;
        };
        if (cause < 0) {
            return "a trap (cause not visible on this back end)";
        }
        if ((cause & Csr.INTERRUPT) != 0) {
            return "interrupt " + (cause & ~Csr.INTERRUPT);
        }
        return n == null ? "trap cause " + cause : n + " (cause " + cause + ")";
    }
}
