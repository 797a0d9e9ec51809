package dev.neuroforge.verif.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.verif.common.Seeds;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random RV32IM programs ({@link RandomProgram}) retire on the RTL exactly as on the ISS, checked
 * in lockstep instruction by instruction: at least 200,000 instructions on the default core (every
 * other program with random stalls on both memory ports), and smaller runs on the other
 * configurations. The master seed is printed with its replay command; each program's seed is
 * printed too.
 */
class CoreRandomTest {
    private static long runUntil(String test, CoreParams core, long atLeast, int length) {
        long master = Seeds.seed("CoreRandomTest#" + test);
        SplittableRandom seeds = new SplittableRandom(master);
        long total = 0;
        long cycles = 0;
        int programs = 0;
        while (total < atLeast) {
            long seed = seeds.nextLong();
            boolean stalls = programs % 2 == 1;
            RandomProgram.Image img = RandomProgram.generate(seed, length, core.mExtension());
            Lockstep.Result r = Lockstep.run(img.toElf(), core, stalls ? new Random(seed) : null, 0.2, 0.2, 5_000_000);
            System.out.println("[random] " + core.moduleName() + " program seed=" + seed + (stalls ? " (stalls)" : "") + ": "
                    + r.summary());
            assertEquals(Lockstep.Outcome.PASS, r.outcome(), "program seed " + seed + " (master seed " + master + "): "
                    + r.summary() + "\n" + r.report());
            total += r.instructions();
            cycles += r.cycles();
            programs++;
        }
        System.out.printf("[random] %s: %d programs, %d instructions, %d cycles in lockstep%n", core.moduleName(), programs,
                total, cycles);
        assertTrue(total >= atLeast);
        return total;
    }

    @Test
    void twoHundredThousandRandomInstructionsRetireExactlyAsOnTheIss() {
        runUntil("twoHundredThousandRandomInstructionsRetireExactlyAsOnTheIss", CoreParams.defaults(), 200_000, 4000);
    }

    @Test
    void randomProgramsMatchOnTheOneCycleMultiplierCore() {
        runUntil("randomProgramsMatchOnTheOneCycleMultiplierCore", new CoreParams(true, true, 0), 40_000, 3000);
    }

    @Test
    void randomRv32iProgramsMatchOnTheCoreWithoutM() {
        runUntil("randomRv32iProgramsMatchOnTheCoreWithoutM", new CoreParams(false, false, 0), 40_000, 3000);
    }
}
