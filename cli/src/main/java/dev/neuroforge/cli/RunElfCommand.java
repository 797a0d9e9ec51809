package dev.neuroforge.cli;

import dev.neuroforge.verif.core.Backends;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.core.ElfRunner;
import dev.neuroforge.verif.core.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neuroforge run-elf}: run an RV32 ELF on the ISS or the Verilated core until it writes tohost. */
@Command(name = "run-elf", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = RunElfCommand.EXIT_USAGE,
        description = {"Run an RV32IM ELF (riscv-tests convention: writing 1 to the tohost symbol is pass,"
                + " (n<<1)|1 is failing test n) on the ISS or the RTL core."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:pass (1 written to tohost)", "1:fail ((n<<1)|1 written to tohost: test n failed)",
            "2:timeout (--max-cycles reached without a write to tohost)",
            "3:bad input (no such file, not an RV32 ELF, outside the memory map, no tohost symbol, ...)",
            "4:usage error (unknown option, --on not iss or rtl, --max-cycles not positive, ...)",
            "5:trap loop (a trap whose handler traps again: no trap handler installed; cause and pc printed)"})
public final class RunElfCommand implements Callable<Integer> {
    /** Exit status of a usage error: distinct from 2, which is a timeout here. */
    static final int EXIT_USAGE = 4;
    static final int EXIT_BAD_INPUT = 3;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROG.elf", description = "The program (linked for firmware/link.ld's memory map).")
    Path elf;

    @Option(names = "--on", required = true, paramLabel = "iss|rtl", description = "Back end: iss or rtl.")
    String on;

    @Option(names = "--trace", description = "Print every retired instruction.")
    boolean trace;

    @Option(names = "--max-cycles", defaultValue = "10000000", paramLabel = "N",
            description = "Stop with a timeout after N cycles (default: ${DEFAULT-VALUE}).")
    long maxCycles;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true);
        if (!Backends.NAMES.contains(on)) {
            spec.commandLine().getErr().println("run-elf: --on = " + on + " is not allowed: must be one of iss, rtl");
            return EXIT_USAGE;
        }
        if (maxCycles <= 0) {
            spec.commandLine().getErr().println("run-elf: --max-cycles = " + maxCycles
                    + " is not allowed: must be a positive number of cycles");
            return EXIT_USAGE;
        }
        try {
            if (!Files.isRegularFile(elf)) {
                throw new IllegalArgumentException("PROG.elf = " + elf + " is not allowed: no such file");
            }
            ElfRunner.Backend backend = Backends.named(on, out);
            Elf program = Elf.read(elf);
            RunResult r = ElfRunner.run(backend, program, maxCycles, trace, out);
            out.flush();
            return r.exitCode();
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            out.flush();
            spec.commandLine().getErr().println("run-elf: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
    }

    /** Lets the runner's PrintStream write into picocli's (test-replaceable) writer. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final java.io.PrintWriter w;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(java.io.PrintWriter w) {
            this.w = w;
        }

        @Override
        public void write(int b) {
            line.write(b);
        }

        @Override
        public void flush() {
            w.print(line.toString(java.nio.charset.StandardCharsets.UTF_8));
            line.reset();
            w.flush();
        }
    }
}
