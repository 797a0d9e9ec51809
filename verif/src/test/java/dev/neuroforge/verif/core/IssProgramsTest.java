package dev.neuroforge.verif.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The assembly ISA tests and the C programs of firmware/, built with the cross compiler, pass on the ISS. */
class IssProgramsTest {
    static Stream<String> isaTests() {
        return Firmware.isaTests().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isaTests")
    void everyIsaTestPassesOnTheIss(String name) throws IOException {
        RunResult r = run(name, 2_000_000);
        assertEquals(RunResult.Reason.PASS, r.reason(), name + ": " + r.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.neuroforge.verif.core.IssProgramsTest#cPrograms")
    void everyCProgramPassesOnTheIssAndPrints(String name) throws IOException {
        RunResult r = run(name, 5_000_000);
        assertEquals(RunResult.Reason.PASS, r.reason(), name + ": " + r.summary() + "\n" + r.console());
        assertTrue(r.instructions() > 1000, "a real program ran: " + r.summary());
        String expect = name.equals("c/checksum") ? "crc32(123456789) = cbf43926\nadler32(Wikipedia) = 11e60398\n"
                : "sorted 000000c8 numbers, min ";
        assertTrue(r.console().startsWith(expect), r.console());
    }

    static Stream<String> cPrograms() {
        return Firmware.cPrograms().stream();
    }

    static RunResult run(String name, long max) throws IOException {
        Elf elf = Elf.read(Firmware.elf(name));
        return new IssBackend().run(elf, max, false);
    }

    static List<String> names() {
        return Firmware.isaTests();
    }
}
