package dev.neuroforge.verif.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.verif.common.Seeds;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The random program generator, run on the ISS: terminates, stays in bounds, replays per seed. */
class RandomProgramTest {
    @Test
    void randomProgramsTerminateWithPassAndStayInsideCodeAndDataWindow() {
        long seed = Seeds.seed("RandomProgramTest#randomProgramsTerminateWithPassAndStayInsideCodeAndDataWindow");
        SplittableRandom seeds = new SplittableRandom(seed);
        long total = 0;
        Set<String> mnemonics = new HashSet<>();
        for (int n = 0; n < 12; n++) {
            boolean m = n % 4 != 3;
            RandomProgram.Image img = RandomProgram.generate(seeds.nextLong(), 3000, m);
            Platform p = img.platform();
            Iss iss = new Iss(p, m);
            long steps = 0;
            while (p.tohost().isEmpty()) {
                Retire r = iss.step();
                p.tick();
                steps++;
                String where = "program " + n + " (seed " + img.seed() + "): " + r.describe();
                assertFalse(r.trap(), where);
                assertTrue(Integer.compareUnsigned(r.pcRdata(), img.codeEnd()) < 0, where);
                assertTrue(Integer.compareUnsigned(r.pcWdata(), img.codeEnd()) < 0, where);
                if (r.memRmask() != 0 || r.memWmask() != 0) {
                    boolean inWindow = r.memAddr() >= RandomProgram.DATA_BASE
                            && r.memAddr() < RandomProgram.DATA_BASE + RandomProgram.DATA_SIZE;
                    assertTrue(inWindow || r.memAddr() == RandomProgram.TOHOST && r.memWmask() == 0xf, where);
                }
                assertTrue(steps < 200_000, "program " + n + " did not terminate within 200000 steps");
                mnemonics.add(Disasm.of(r.insn()).split(" ")[0]);
            }
            assertEquals(1, p.tohost().getAsInt(), "program " + n + " ended through the pass epilogue");
            total += steps;
        }
        System.out.println("[random] 12 programs, " + total + " instructions on the ISS, " + mnemonics.size()
                + " distinct mnemonics");
        for (String op : new String[] {"add", "sub", "sra", "srai", "lb", "lhu", "sh", "sw", "beq", "bgeu", "jal",
            "jalr", "auipc", "lui", "mulhsu", "divu", "remu", "csrrw", "csrrci", "fence"}) {
            assertTrue(mnemonics.contains(op), op + " was generated; saw " + mnemonics);
        }
    }

    @Test
    void theSameSeedGivesTheSameProgramAndAnotherSeedADifferentOne() {
        RandomProgram.Image a = RandomProgram.generate(42, 2000, true);
        RandomProgram.Image b = RandomProgram.generate(42, 2000, true);
        assertArrayEquals(a.code(), b.code());
        assertArrayEquals(a.data(), b.data());
        assertFalse(java.util.Arrays.equals(a.code(), RandomProgram.generate(43, 2000, true).code()));
        assertTrue(a.code().length >= 2000 - 8 && a.code().length <= 2000 + 8, "length " + a.code().length);
    }

    @Test
    void asAnElfTheProgramRunsToPassOnTheIssBackEnd() {
        RandomProgram.Image img = RandomProgram.generate(99, 1000, true);
        RunResult r = new IssBackend().run(img.toElf(), 1_000_000, false);
        assertEquals(RunResult.Reason.PASS, r.reason(), r.summary());
        assertTrue(r.instructions() >= 1000 - 80, "the whole program ran: " + r.summary());
    }

    @Test
    void everyGeneratedWordIsALegalInstructionAndNoneIsMWithoutTheMExtension() {
        RandomProgram.Image img = RandomProgram.generate(7, 5000, false);
        for (int w : img.code()) {
            String d = Disasm.of(w);
            assertFalse(d.startsWith("illegal"), String.format("%08x", w));
            assertFalse(d.matches("(mul|div|rem).*"), d);
        }
    }

    @Test
    void aLengthThatDoesNotFitBelowTheDataWindowIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomProgram.generate(1, 40_000, true));
        assertTrue(e.getMessage().startsWith("length = 40000 is not allowed: must be in 64.."), e.getMessage());
    }
}
