package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.verif.core.Firmware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neuroforge run-elf}: verdicts and exit codes on the ISS, and the ELFs it refuses. */
class RunElfCommandTest {
    /** Assembles a test program from {@code body} between TEST_BEGIN and TEST_END (isa.h). */
    static Path program(Path dir, String name, String body, boolean ourLayout, String... flags)
            throws IOException {
        Path src = dir.resolve(name + ".S");
        Files.writeString(src, "#include \"isa.h\"\n    TEST_BEGIN\n" + body + "\n    TEST_END\n");
        return Firmware.compileAsm(src, dir.resolve(name + ".elf"), ourLayout, flags);
    }

    @Test
    void anIsaTestPassesWithExitZeroAndReportsCyclesAndInstructions() {
        CliRun r = CliRun.run("run-elf", Firmware.elf("isa/alu").toString(), "--on", "iss");
        assertEquals(0, r.exit(), r.out() + "\n" + r.err());
        assertTrue(r.out().contains("PASS  tohost=0x00000001  cycles="), r.out());
    }

    @Test
    void aFailingTestExitsOneAndNamesTheTestNumber(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "fails5", "    TEST 4\n    TEST 5\n    j fail\n", true);
        CliRun r = CliRun.run("run-elf", elf.toString(), "--on", "iss");
        assertEquals(1, r.exit(), r.out() + "\n" + r.err());
        assertTrue(r.out().contains("FAIL test 5  tohost=0x0000000b"), r.out());
    }

    @Test
    void aProgramThatNeverReportsTimesOutWithExitTwoAfterExactlyMaxCycles(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "spins", "1:  j 1b\n", true);
        CliRun r = CliRun.run("run-elf", elf.toString(), "--on", "iss", "--max-cycles", "5000");
        assertEquals(2, r.exit(), r.out() + "\n" + r.err());
        assertTrue(r.out().contains("TIMEOUT (no write to tohost)  tohost=-  cycles=5000  instructions=5000"),
                r.out());
    }

    @Test
    void anElfLinkedOutsideRamIsRefusedNamingTheSegmentAndTheMap(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "far", "", false, "-Wl,-Ttext=0x80000000",
                "-Wl,--defsym=__stack_top=0x80010000");
        CliRun r = CliRun.run("run-elf", elf.toString(), "--on", "iss");
        assertEquals(3, r.exit(), r.out() + "\n" + r.err());
        assertTrue(r.err().contains("PT_LOAD segment at 0x7ffff000..0x8000") && r.err().contains("outside RAM")
                && r.err().contains("0x00000000..0x0001ffff"), r.err());
    }

    @Test
    void compressedCodeIsRefusedBecauseTheCoreHasNoCExtension(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "rvc", "", true, "-march=rv32imc", "-Wa,-march=rv32imc_zicsr");
        CliRun r = CliRun.run("run-elf", elf.toString(), "--on", "iss");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("compressed instructions"), r.err());
    }

    @Test
    void traceShowsEveryRetiredInstructionDisassembled() {
        CliRun r = CliRun.run("run-elf", Firmware.elf("isa/alu").toString(), "--on", "iss", "--trace");
        assertEquals(0, r.exit(), r.err());
        String o = r.out();
        assertTrue(o.startsWith("#0 pc=00000000 "), o.substring(0, Math.min(200, o.length())));
        assertTrue(o.contains(" add a2, a0, a1 "), "disassembly in the trace");
        long lines = o.lines().filter(l -> l.startsWith("#")).count();
        String cycles = o.replaceAll("(?s).*instructions=(\\d+).*", "$1");
        assertEquals(Long.parseLong(cycles.trim()), lines, "one trace line per retired instruction");
    }

    @Test
    void usageErrorsExitFourAndBadInputThreeNeitherLikeATimeout() {
        CliRun r = CliRun.run("run-elf", Firmware.elf("isa/alu").toString(), "--on", "fpga");
        assertEquals(4, r.exit());
        assertEquals("run-elf: --on = fpga is not allowed: must be one of iss, rtl" + System.lineSeparator(), r.err());
        r = CliRun.run("run-elf", Firmware.elf("isa/alu").toString(), "--on", "iss", "--max-cycles", "0");
        assertEquals(4, r.exit());
        assertEquals("run-elf: --max-cycles = 0 is not allowed: must be a positive number of cycles"
                + System.lineSeparator(), r.err());
        r = CliRun.run("run-elf", Firmware.elf("isa/alu").toString(), "--on", "iss", "--max-cycle", "9");
        assertEquals(4, r.exit(), "picocli's own usage errors too: " + r.err());
        r = CliRun.run("run-elf", Firmware.elf("isa/alu").toString());
        assertEquals(4, r.exit(), r.err());
        r = CliRun.run("run-elf", "no-such.elf", "--on", "iss");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("no-such.elf is not allowed: no such file"), r.err());
    }

    @Test
    void aTrapLoopWithNoHandlerIsReportedWithCauseAndPcAndExitsFive(@TempDir Path dir) throws IOException {
        Path elf = program(dir, "nohandler", "    li t0, 0x00f00000\n    csrw mtvec, t0\n    ecall\n", true);
        CliRun r = CliRun.run("run-elf", elf.toString(), "--on", "iss");
        assertEquals(5, r.exit(), r.out() + "\n" + r.err());
        assertTrue(r.out().matches("(?s).*TRAP LOOP: ecall \\(cause 11\\) at pc=0x[0-9a-f]{8}, and the trap handler"
                + " at mtvec=0x00f00000 traps itself: instruction access fault \\(cause 1\\); is a trap handler installed"
                + " \\(mtvec\\)\\?  tohost=-  cycles=\\d\\d? .*"), "stops at once, not at --max-cycles: " + r.out());
        elf = program(dir, "resetvec", "    csrw mtvec, zero\n    ecall\n", true);
        r = CliRun.run("run-elf", elf.toString(), "--on", "iss");
        assertEquals(5, r.exit(), r.out() + "\n" + r.err());
        assertTrue(r.out().contains("TRAP LOOP: ecall (cause 11) at pc=0x"), r.out());
        assertTrue(r.out().contains(", again after restarting: mtvec=0x00000000 is the program's entry point"), r.out());
    }

    @Test
    void helpListsEveryExitStatus() {
        CliRun r = CliRun.run("run-elf", "--help");
        for (String code : new String[] {"0   pass", "1   fail", "2   timeout", "3   bad input", "4   usage error",
            "5   trap loop"}) {
            assertTrue(r.out().contains(code), code + " in\n" + r.out());
        }
    }
}
