package dev.neuroforge.verif.core;

import java.io.PrintStream;

/**
 * Runs an RV32 ELF on a back end (ISS or Verilated core) until it writes a non-zero word to
 * {@code tohost} (riscv-tests convention: 1 pass, (n << 1) | 1 failing test n) or the cycle limit.
 */
public final class ElfRunner {
    /** Something that can run a program: {@link IssBackend}, or the RTL's {@code RtlBackend}. */
    public interface Backend {
        /**
         * Runs {@code elf} from its entry point for at most {@code maxCycles} cycles; with
         * {@code trace}, prints one line per retired instruction ({@link Retire#describe()}).
         */
        RunResult run(Elf elf, long maxCycles, boolean trace);
    }

    private ElfRunner() {
    }

    /** A fresh platform holding {@code elf}'s segments and watching its tohost symbol. */
    public static Platform platformFor(Elf elf) {
        Platform p = new Platform();
        p.watchTohost(elf.tohost());
        elf.loadInto(p);
        return p;
    }

    /** Runs on {@code backend} and prints the console output and a summary to {@code out}. */
    public static RunResult run(Backend backend, Elf elf, long maxCycles, boolean trace, PrintStream out) {
        if (maxCycles <= 0) {
            throw new IllegalArgumentException("max cycles = " + maxCycles + " is not allowed: must be positive");
        }
        RunResult r = backend.run(elf, maxCycles, trace);
        if (!r.console().isEmpty()) {
            out.print(r.console());
            if (!r.console().endsWith("\n")) {
                out.println();
            }
        }
        out.println(elf.name() + ": " + r.summary());
        return r;
    }
}
