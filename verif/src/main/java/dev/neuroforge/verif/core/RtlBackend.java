package dev.neuroforge.verif.core;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.TempDirs;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.sim.ModelSpec;
import dev.neuroforge.sim.SimModel;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs programs on the Verilated core ({@code --on rtl}): the core's reset pc is the ELF's entry
 * point, its memory ports are served from a {@link Platform} by {@link CoreHarness}, and the run
 * stops when the program writes tohost or after {@code maxCycles} clock cycles.
 */
public final class RtlBackend implements ElfRunner.Backend {
    private final boolean mExtension;
    private final boolean fastMul;
    private final PrintStream traceOut;

    /** The default core (RV32IM, iterative multiply), tracing to standard output. */
    public RtlBackend() {
        this(CoreParams.DEFAULT_M_EXTENSION, CoreParams.DEFAULT_FAST_MUL, System.out);
    }

    public RtlBackend(boolean mExtension, boolean fastMul, PrintStream traceOut) {
        this.mExtension = mExtension;
        this.fastMul = fastMul;
        this.traceOut = traceOut;
    }

    /**
     * Builds the core's model (Verilator's cache makes this quick after the first time) from a
     * temporary copy of its Verilog, so a command-line run leaves no files in the working folder.
     */
    private static SimModel load(CoreParams params) {
        Design d = CoreBuilder.build(params);
        Path dir = null;
        try {
            dir = TempDirs.createSystem("nf-core-");
            return SimModel.load(ModelSpec.of(d.top(), d.writeVerilog(dir)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the core's Verilog to a temporary folder", e);
        } finally {
            if (dir != null) {
                TempDirs.release(dir);
            }
        }
    }

    @Override
    public RunResult run(Elf elf, long maxCycles, boolean trace) {
        if ((elf.entry() & 3) != 0) {
            throw new IllegalArgumentException(elf.name() + ": entry point " + MemoryMap.hex(elf.entry())
                    + " is not word-aligned (the core has no compressed instructions)");
        }
        Platform p = ElfRunner.platformFor(elf);
        CoreParams params = new CoreParams(mExtension, fastMul, elf.entry() & 0xFFFF_FFFFL);
        try (CoreHarness h = new CoreHarness(load(params), p)) {
            TrapLoop loop = new TrapLoop(elf.entry());
            while (p.tohost().isEmpty() && h.cycles() < maxCycles) {
                Retire r = h.cycle();
                if (trace && r != null) {
                    traceOut.println(r.describe());
                }
                String stuck = r == null ? null : loop.check(r, r.trap() ? TrapLoop.causeOf(r) : -1);
                if (stuck != null) {
                    return RunResult.trapLoop(stuck, h.cycles(), h.retired(), p.console());
                }
            }
            if (p.tohost().isPresent()) {
                // the tohost store reached the bus from EX; let it retire from WB
                Retire r = h.cycle();
                if (trace && r != null) {
                    traceOut.println(r.describe());
                }
            }
            return RunResult.of(p.tohost(), h.cycles(), h.retired(), p.console());
        }
    }
}
