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
@Command(name = "run-elf", mixinStandardHelpOptions = true,
        description = {"Run an RV32IM ELF (riscv-tests convention: writing 1 to the tohost symbol is pass,"
                + " (n<<1)|1 is failing test n) on the ISS or the RTL core.",
            "Exit status: 0 pass, 1 fail, 2 timeout, 3 bad input (ELF outside the memory map, no tohost, ...)."})
public final class RunElfCommand implements Callable<Integer> {
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
            return 3;
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
