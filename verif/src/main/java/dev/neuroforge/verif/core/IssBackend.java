package dev.neuroforge.verif.core;

import java.io.PrintStream;

/** Runs programs on the {@link Iss}: one instruction and one platform tick per cycle. */
public final class IssBackend implements ElfRunner.Backend {
    private final boolean mExtension;
    private final PrintStream traceOut;

    public IssBackend() {
        this(true, System.out);
    }

    public IssBackend(boolean mExtension, PrintStream traceOut) {
        this.mExtension = mExtension;
        this.traceOut = traceOut;
    }

    @Override
    public RunResult run(Elf elf, long maxCycles, boolean trace) {
        Platform p = ElfRunner.platformFor(elf);
        Iss iss = new Iss(p, mExtension);
        iss.setPc(elf.entry());
        return run(iss, p, maxCycles, trace ? traceOut : null);
    }

    /** Steps {@code iss} on {@code p} until tohost is written, {@code maxCycles} have passed or it is stuck in a trap loop. */
    public static RunResult run(Iss iss, Platform p, long maxCycles, PrintStream trace) {
        long n = 0;
        TrapLoop loop = new TrapLoop(iss.pc());
        while (p.tohost().isEmpty() && n < maxCycles) {
            Retire r = iss.step();
            p.tick();
            n++;
            if (trace != null) {
                trace.println(r.trap() ? r.describe() + String.format(" (mcause=0x%08x mtval=0x%08x)",
                        iss.csr(Csr.MCAUSE), iss.csr(Csr.MTVAL)) : r.describe());
            }
            String stuck = loop.check(r, r.trap() ? iss.csr(Csr.MCAUSE) : -1);
            if (stuck != null) {
                return RunResult.trapLoop(stuck, n, n, p.console());
            }
        }
        return RunResult.of(p.tohost(), n, n, p.console());
    }
}
