package dev.neuroforge.verif.core;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.IntPredicate;

/**
 * The instruction-by-instruction comparison behind every lockstep run (the bare core's
 * {@link Lockstep}, the tile's): the ISS is stepped once per instruction the RTL retires and the
 * two retirement records must be equal field by field. Where the two may legitimately differ the
 * RTL's value is handed to the ISS first ({@link Iss#overrideNextLoad}): loads from device
 * registers ({@code isMmio}: their values depend on timing the ISS does not model) and CSR reads
 * of mcycle, mcycleh and mip. Interrupts are entered where the RTL entered them, and the ISS must
 * find the same one pending, enabled and first in priority. A mismatch is reported with both
 * records and the instructions that led there.
 */
public final class RetireChecker {
    private static final int HISTORY = 8;

    private final Iss iss;
    private final IntPredicate isMmio;
    private final Deque<Retire> history = new ArrayDeque<>();
    private long interrupts;

    /** Takes over {@code iss}'s interrupts: from now on they are entered only where the RTL took one. */
    public RetireChecker(Iss iss, IntPredicate isMmio) {
        this.iss = iss;
        this.isMmio = isMmio;
        iss.autoInterrupts(false);
    }

    public Iss iss() {
        return iss;
    }

    /** Interrupts entered so far. */
    public long interrupts() {
        return interrupts;
    }

    /**
     * Enters the interrupt {@code cause} that the RTL took before retiring {@code got} (whose
     * {@code intr} is set); returns a report if the ISS would not take that one, else null.
     * {@code rtlLines} describes the RTL's interrupt inputs for the report.
     */
    public String enterInterrupt(Retire got, int cause, String rtlLines, long cycle) {
        int would = iss.pendingInterrupt();
        if (would != cause) {
            return report(got, null, "the RTL took interrupt cause " + cause + " but the ISS would take "
                    + (would < 0 ? "none" : "cause " + would) + " (RTL lines: " + rtlLines + ")", cycle);
        }
        iss.takeInterrupt(cause);
        interrupts++;
        return null;
    }

    /** Steps the ISS to match {@code got}; returns a report of the first difference, or null. */
    public String step(Retire got, long cycle) {
        if (!got.trap()) {
            int insn = got.insn();
            int op = insn & 0x7F;
            int f3 = (insn >>> 12) & 7;
            if (op == 0x03 && got.memRmask() != 0 && isMmio.test(got.memAddr())) {
                iss.overrideNextLoad(got.memRdata());
            } else if (op == 0x73 && f3 != 0 && f3 != 4) {
                int csr = insn >>> 20;
                int rd = (insn >>> 7) & 31;
                boolean reads = (f3 & 3) != 1 || rd != 0;
                if (reads && (csr == Csr.MCYCLE || csr == Csr.MCYCLEH || csr == Csr.MIP)) {
                    iss.overrideNextLoad(got.rdWdata());
                }
            }
        }
        Retire want = iss.step();
        String problem = null;
        if (!Arrays.equals(want.values(), got.values())) {
            problem = report(got, want, "retired instruction differs", cycle);
        }
        history.addLast(got);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        return problem;
    }

    /** A mismatch report: what differs, both records field by field (when {@code want} is given), the history. */
    public String report(Retire got, Retire want, String what, long cycle) {
        StringBuilder s = new StringBuilder();
        s.append("lockstep mismatch at instruction #").append(got.order()).append(" (cycle ").append(cycle)
                .append("): ").append(what).append('\n');
        Retire ref = want != null ? want : got;
        s.append(String.format("  pc %08x  insn %08x  %s%n", ref.pcRdata(), ref.insn(), Disasm.of(ref.insn())));
        if (want != null) {
            s.append(String.format("  %-10s %-12s %-12s%n", "field", "ISS", "RTL"));
            long[] w = want.values();
            long[] g = got.values();
            for (int i = 0; i < w.length; i++) {
                s.append(String.format("  %-10s %-12s %-12s%s%n", Retire.FIELDS[i], hex(w[i]), hex(g[i]),
                        w[i] != g[i] ? "  <-- differs" : ""));
            }
            s.append("  ISS: ").append(want.describe()).append('\n');
            s.append("  RTL: ").append(got.describe()).append('\n');
        } else {
            s.append("  RTL: ").append(got.describe()).append('\n');
        }
        s.append(historyText());
        return s.toString();
    }

    /** The last few instructions the RTL retired. */
    public String historyText() {
        StringBuilder s = new StringBuilder("  preceding instructions (RTL):\n");
        for (Retire r : history) {
            s.append("    ").append(r.describe()).append('\n');
        }
        return s.toString();
    }

    private static String hex(long v) {
        return v < 16 ? Long.toString(v) : "0x" + Long.toHexString(v);
    }
}
