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

/** {@code neuroforge run-elf --on rtl}: the Verilated core runs ELFs with the same verdicts and exit codes. */
class RunElfOnRtlTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private static Path program(Path dir, String name, String body) throws IOException {
        Path src = dir.resolve(name + ".S");
        Files.writeString(src, "#include \"isa.h\"\n    TEST_BEGIN\n" + body + "\n    TEST_END\n");
        return Firmware.compileAsm(src, dir.resolve(name + ".elf"), true);
    }

    @Test
    void theSortProgramPassesOnTheRtlAndPrintsItsConsole() {
        int exit = run("run-elf", Firmware.elf("c/sort").toString(), "--on", "rtl");
        assertEquals(0, exit, out + "\n" + err);
        assertTrue(out.toString().startsWith("sorted 000000c8 numbers, min "), out.toString());
        assertTrue(out.toString().contains("PASS  tohost=0x00000001  cycles="), out.toString());
    }

    @Test
    void aFailingTestExitsOneOnTheRtlToo(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "fails3", "    TEST 3\n    j fail\n");
        assertEquals(1, run("run-elf", elf.toString(), "--on", "rtl"), out + "\n" + err);
        assertTrue(out.toString().contains("FAIL test 3  tohost=0x00000007"), out.toString());
    }

    @Test
    void theRtlTimesOutWithExitTwoAfterExactlyMaxCyclesAndTracesWhatItRetired(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "spins", "1:  j 1b\n");
        assertEquals(2, run("run-elf", elf.toString(), "--on", "rtl", "--max-cycles", "300", "--trace"), out + "\n" + err);
        assertTrue(out.toString().contains("TIMEOUT (no write to tohost)  tohost=-  cycles=300"), out.toString());
        String t = out.toString();
        assertTrue(t.contains("jal zero, 0"), "the trace shows the spin loop:\n" + t);
    }
}
