package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.verif.core.Firmware;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neuroforge run-elf --on rtl}: the Verilated core runs ELFs with the same verdicts and exit codes. */
class RunElfOnRtlTest {
    @Test
    void theSortProgramPassesOnTheRtlAndPrintsItsConsole() {
        CliRun r = CliRun.run("run-elf", Firmware.elf("c/sort").toString(), "--on", "rtl");
        assertEquals(0, r.exit(), r.out() + "\n" + r.err());
        assertTrue(r.out().startsWith("sorted 000000c8 numbers, min "), r.out());
        assertTrue(r.out().contains("PASS  tohost=0x00000001  cycles="), r.out());
    }

    @Test
    void aFailingTestExitsOneOnTheRtlToo(@TempDir Path dir) throws IOException {
        Path elf = RunElfCommandTest.program(dir, "fails3", "    TEST 3\n    j fail\n", true);
        CliRun r = CliRun.run("run-elf", elf.toString(), "--on", "rtl");
        assertEquals(1, r.exit(), r.out() + "\n" + r.err());
        assertTrue(r.out().contains("FAIL test 3  tohost=0x00000007"), r.out());
    }

    @Test
    void theRtlTimesOutWithExitTwoAfterExactlyMaxCyclesAndTracesWhatItRetired(@TempDir Path dir) throws IOException {
        Path elf = RunElfCommandTest.program(dir, "spins", "1:  j 1b\n", true);
        CliRun r = CliRun.run("run-elf", elf.toString(), "--on", "rtl", "--max-cycles", "300", "--trace");
        assertEquals(2, r.exit(), r.out() + "\n" + r.err());
        assertTrue(r.out().contains("TIMEOUT (no write to tohost)  tohost=-  cycles=300"), r.out());
        String t = r.out();
        assertTrue(t.contains("jal zero, 0"), "the trace shows the spin loop:\n" + t);
    }
}
