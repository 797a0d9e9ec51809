package dev.neuroforge.verif.npe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.npe.NpeBuilder;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.common.Waves;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential random test of the NPE cluster against its golden model: random loops of every
 * operation with random descriptors (zero-length loops, loops that wrap the register file and the
 * memory), random states and weights with the extremes weighted up, random back-pressure on the
 * event port, queued back to back. Every event is compared as it leaves; states, sigma-delta
 * outputs and weights are read back over the bus after every batch. 1,000,000+ lane operations
 * over three configurations (one Verilator build each, the first shared with the directed
 * tests): L = 4, 8, 12 (not a power of two), 4-, 8- and 16-bit weights, 16-, 24- and 32-bit states,
 * depths that are not powers of two.
 */
class NpeRandomTest {
    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(new NpeParams(8, 8, 16, 8, 16, 32), 400_000),
                Arguments.of(new NpeParams(4, 16, 32, 16, 12, 20), 300_000),
                Arguments.of(new NpeParams(12, 4, 24, 5, 7, 9), 320_000));
    }

    @ParameterizedTest(name = "{0}, {1} lane operations")
    @MethodSource("configs")
    void everyLoopLeavesTheStatesWeightsAndEventsTheModelPredicts(NpeParams p, int laneOps) {
        Random rnd = new Random(Seeds.seed("NpeRandomTest", p.moduleName()));
        NpeStimulus stim = new NpeStimulus(p, rnd);
        try (SimModel sim = RtlModels.load(NpeBuilder.build(p))) {
            String wave = "NpeRandomTest_" + p.moduleName();
            Waves.maybeTrace(sim, wave);
            NpeHarness h = new NpeHarness(sim, p);
            h.reset();
            Map<NpeOp, Integer> ops = new EnumMap<>(NpeOp.class);
            int batches = 0;
            while (h.model().laneOps() < laneOps && h.errors().isEmpty()) {
                // A batch: fresh random states or weights now and then, then 30 loops back to back.
                h.backPressure(rnd, rnd.nextInt(3) == 0 ? 1.0 : 0.2 + 0.8 * rnd.nextDouble());
                if (batches % 3 == 0) {
                    for (int lane = 0; lane < p.lanes(); lane++) {
                        for (int w = 0; w < p.memDepth(); w++) {
                            h.loadWeight(lane, w, stim.weight());
                        }
                        for (int row = 0; row < p.rfDepth(); row++) {
                            h.loadState(lane, row, stim.state());
                            if (rnd.nextInt(4) == 0) {
                                h.loadOprev(lane, row, rnd.nextBoolean() ? stim.state() : 0);
                            }
                        }
                    }
                }
                for (int i = 0; i < 30; i++) {
                    NpeLoop d = stim.loop();
                    ops.merge(d.count() == 0 ? NpeOp.STORE : d.op(), d.count() == 0 ? 0 : 1, Integer::sum);
                    h.submit(d);
                    for (int c = rnd.nextInt(4) == 0 ? rnd.nextInt(40) : 0; c > 0; c--) {
                        h.idle();
                    }
                }
                h.drain(1_000_000);
                h.checkStatus();
                h.checkMemories();
                batches++;
            }
            System.out.printf("[npe] %s: %d loops, %d lane operations, %d events, %d cycles, %d cycles held by "
                    + "back-pressure; loops per op %s%n", p.moduleName(), h.queued(), h.model().laneOps(),
                    h.eventsSeen(), h.cycle(), h.stallCycles(), ops);
            assertTrue(h.errors().isEmpty(), String.join("\n", h.errors()) + "\n" + Waves.where(sim, wave));
            assertTrue(h.model().laneOps() >= laneOps, "ran " + h.model().laneOps() + " lane operations");
            for (NpeOp op : NpeOp.values()) {
                assertTrue(ops.getOrDefault(op, 0) > 0, "no " + op + " loop was run");
            }
            assertTrue(h.eventsSeen() > 0, "events were compared");
            assertEquals(h.model().events().size(), h.eventsSeen(), "every event came out");
        }
    }
}
