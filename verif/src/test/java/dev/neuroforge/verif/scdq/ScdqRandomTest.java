package dev.neuroforge.verif.scdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.scdq.ScdqBuilder;
import dev.neuroforge.generator.scdq.ScdqParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.common.Waves;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Constrained-random traffic against the delay model: random delays (0 and D weighted up), bursty
 * and sparse phases, random pop stalls, random step advances, many wrap-arounds of the circular
 * slot pointer, full and empty edges. 1,000,000 events over five back-pressure configurations, and
 * 150,000 over two lossy ones (every drop counted, none of the held events disturbed).
 */
class ScdqRandomTest {
    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(25, 1024, 32, false, 400_000),
                Arguments.of(1, 2, 1, false, 100_000),
                Arguments.of(255, 100, 40, false, 200_000),
                Arguments.of(7, 5, 8, false, 100_000),
                Arguments.of(6, 64, 16, false, 200_000),
                Arguments.of(7, 5, 8, true, 50_000),
                Arguments.of(25, 64, 24, true, 100_000));
    }

    @ParameterizedTest(name = "D={0} C={1} E={2} lossy={3}, {4} events")
    @MethodSource("configs")
    void popsEveryEventInItsStepInPushOrder(int maxDelay, int capacity, int width, boolean lossy, int events) {
        ScdqParams p = new ScdqParams(maxDelay, capacity, width, lossy);
        Random rnd = new Random(Seeds.seed("ScdqRandomTest", p.moduleName()));
        try (SimModel sim = RtlModels.load(ScdqBuilder.build(p))) {
            Waves.maybeTrace(sim, "ScdqRandomTest_" + p.moduleName());
            ScdqHarness h = new ScdqHarness(sim, p);
            h.reset();
            long mask = width == 64 ? -1L : (1L << width) - 1;
            int offered = 0;
            boolean holding = false;
            long event = 0;
            int delay = 0;
            while (offered < events) {
                double pushRate = rnd.nextDouble();
                double popRate = 0.1 + rnd.nextDouble() * 0.9;
                double advRate = rnd.nextDouble() * 0.3;
                int phase = 50 + rnd.nextInt(500);
                for (int c = 0; c < phase && offered < events; c++) {
                    if (!holding && rnd.nextDouble() < pushRate) {
                        holding = true;
                        event = rnd.nextLong() & mask;
                        int r = rnd.nextInt(10);
                        delay = r == 0 ? 0 : r == 1 ? maxDelay : rnd.nextInt(maxDelay + 1);
                    }
                    boolean accepted = h.tick(new ScdqHarness.Drive(holding, event, delay,
                            rnd.nextDouble() < advRate, rnd.nextDouble() < popRate));
                    if (accepted) {
                        holding = false;
                        offered++;
                    }
                }
            }
            // Drain: pop everything, advancing through every slot.
            for (int c = 0; c < 4 * (capacity + maxDelay + 2) && h.model().occupancy() > 0; c++) {
                h.tick(new ScdqHarness.Drive(false, 0, 0, true, true));
            }
            System.out.printf("[scdq] %s: %d pushes (%d dropped, overflow_o %d), %d pops, %d steps (%d wraps), %d cycles full, %d push+pop cycles, "
                    + "max %d due in one step, %d cycles%n", p.moduleName(), h.pushes(), h.dropped(), h.model().overflow(), h.pops(), h.advances(),
                    h.advances() / (maxDelay + 1), h.fullCycles(), h.pushPopCycles(), h.maxDue(), h.cycle());
            assertTrue(h.errors().isEmpty(), String.join("\n", h.errors()) + "\n" + Waves.where(sim, "ScdqRandomTest_" + p.moduleName()));
            assertEquals(0, h.model().occupancy(), "queue drained");
            assertEquals(events - h.dropped(), h.pops(), "every event held popped exactly once");
            assertEquals(lossy, h.dropped() > 0, lossy ? "the lossy queue dropped pushes while full" : "nothing dropped");
            assertTrue(h.advances() > 2L * (maxDelay + 1), "the circular slot pointer wrapped");
            assertTrue(h.fullCycles() > 0 || capacity > 500, "the queue was driven full");
        }
    }
}
