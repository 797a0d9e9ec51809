package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.verif.core.Firmware;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code neuroforge run-elf}: verdicts and exit codes on the ISS, and the ELFs it refuses. */
class RunElfCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Assembles a program that reports {@code tohostValue} (0: never reports, spins forever). */
    private static Path program(Path dir, String name, String body, boolean ourLayout, String... flags)
            throws IOException {
        Path src = dir.resolve(name + ".S");
        Files.writeString(src, "#include \"isa.h\"\n    TEST_BEGIN\n" + body + "\n    TEST_END\n");
        return Firmware.compileAsm(src, dir.resolve(name + ".elf"), ourLayout, flags);
    }

    @Test
    void anIsaTestPassesWithExitZeroAndReportsCyclesAndInstructions() {
        int exit = run("run-elf", Firmware.elf("isa/alu").toString(), "--on", "iss");
        assertEquals(0, exit, out + "\n" + err);
        assertTrue(out.toString().contains("PASS  tohost=0x00000001  cycles="), out.toString());
    }

    @Test
    void aFailingTestExitsOneAndNamesTheTestNumber(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "fails5", "    TEST 4\n    TEST 5\n    j fail\n", true);
        int exit = run("run-elf", elf.toString(), "--on", "iss");
        assertEquals(1, exit, out + "\n" + err);
        assertTrue(out.toString().contains("FAIL test 5  tohost=0x0000000b"), out.toString());
    }

    @Test
    void aProgramThatNeverReportsTimesOutWithExitTwoAfterExactlyMaxCycles(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "spins", "1:  j 1b\n", true);
        int exit = run("run-elf", elf.toString(), "--on", "iss", "--max-cycles", "5000");
        assertEquals(2, exit, out + "\n" + err);
        assertTrue(out.toString().contains("TIMEOUT (no write to tohost)  tohost=-  cycles=5000  instructions=5000"),
                out.toString());
    }

    @Test
    void anElfLinkedOutsideRamIsRefusedNamingTheSegmentAndTheMap(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "far", "", false, "-Wl,-Ttext=0x80000000",
                "-Wl,--defsym=__stack_top=0x80010000");
        int exit = run("run-elf", elf.toString(), "--on", "iss");
        assertEquals(3, exit, out + "\n" + err);
        assertTrue(err.toString().contains("PT_LOAD segment at 0x7ffff000..0x8000") && err.toString().contains("outside RAM")
                && err.toString().contains("0x00000000..0x0001ffff"), err.toString());
    }

    @Test
    void compressedCodeIsRefusedBecauseTheCoreHasNoCExtension(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "rvc", "", true, "-march=rv32imc", "-Wa,-march=rv32imc_zicsr");
        assertEquals(3, run("run-elf", elf.toString(), "--on", "iss"));
        assertTrue(err.toString().contains("compressed instructions"), err.toString());
    }

    @Test
    void traceShowsEveryRetiredInstructionDisassembled() {
        int exit = run("run-elf", Firmware.elf("isa/alu").toString(), "--on", "iss", "--trace");
        assertEquals(0, exit, err.toString());
        String o = out.toString();
        assertTrue(o.startsWith("#0 pc=00000000 "), o.substring(0, Math.min(200, o.length())));
        assertTrue(o.contains(" add a2, a0, a1 "), "disassembly in the trace");
        long lines = o.lines().filter(l -> l.startsWith("#")).count();
        String cycles = o.replaceAll("(?s).*instructions=(\\d+).*", "$1");
        assertEquals(Long.parseLong(cycles.trim()), lines, "one trace line per retired instruction");
    }

    @Test
    void unknownBackEndAndMissingFileAreRefusedWithTheAllowedValues() {
        assertEquals(3, run("run-elf", Firmware.elf("isa/alu").toString(), "--on", "fpga"));
        assertTrue(err.toString().contains("--on = fpga is not allowed: must be one of [iss, rtl]"), err.toString());
        assertEquals(3, run("run-elf", "no-such.elf", "--on", "iss"));
        assertTrue(err.toString().contains("no-such.elf is not allowed: no such file"), err.toString());
        assertEquals(3, run("run-elf", Firmware.elf("isa/alu").toString(), "--on", "iss", "--max-cycles", "0"));
        assertTrue(err.toString().contains("max cycles = 0 is not allowed"), err.toString());
    }
}
