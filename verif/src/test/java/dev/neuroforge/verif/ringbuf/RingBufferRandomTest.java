package dev.neuroforge.verif.ringbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.ringbuf.RingBufferBuilder;
import dev.neuroforge.generator.ringbuf.RingBufferParams;
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
 * Constrained-random traffic against the ring-buffer model: random neurons, values and delays (0 and
 * D weighted up), bursts onto a few hot neurons (back-to-back pushes to one accumulator), sparse
 * phases, random pop stalls and advances, many wraps of the slot pointer, saturation on narrow
 * accumulators. Every read-out word is compared with the model.
 */
class RingBufferRandomTest {
    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(256, 25, 16, 8, 150_000),
                Arguments.of(10, 5, 8, 6, 100_000),   // as RingBufferDirectedTest: one Verilator build
                Arguments.of(37, 255, 12, 5, 60_000),
                Arguments.of(16, 15, 16, 8, 60_000),
                Arguments.of(3, 2, 4, 4, 30_000));    // as the directed saturation test
    }

    @ParameterizedTest(name = "N={0} D={1} W={2} V={3}, {4} pushes")
    @MethodSource("configs")
    void readsOutEveryNeuronsAccumulatedInputInItsStep(int neurons, int maxDelay, int accWidth, int valueWidth,
            int events) {
        RingBufferParams p = new RingBufferParams(neurons, maxDelay, accWidth, valueWidth);
        Random rnd = new Random(Seeds.seed("RingBufferRandomTest", p.moduleName()));
        String wave = "RingBufferRandomTest_" + p.moduleName();
        try (SimModel sim = RtlModels.load(RingBufferBuilder.build(p))) {
            Waves.maybeTrace(sim, wave);
            RingBufferHarness h = new RingBufferHarness(sim, p);
            h.reset();
            long vMin = -(1L << (valueWidth - 1));
            long vSpan = 1L << valueWidth;
            int offered = 0;
            boolean holding = false;
            int neuron = 0;
            long value = 0;
            int delay = 0;
            while (offered < events) {
                double pushRate = rnd.nextDouble();
                double popRate = 0.2 + rnd.nextDouble() * 0.8;
                double advRate = rnd.nextDouble() * 0.05;
                int hot = rnd.nextInt(4) == 0 ? Math.min(neurons, 1 + rnd.nextInt(3)) : neurons;  // bursts onto a few neurons
                int phase = 50 + rnd.nextInt(800);
                for (int c = 0; c < phase && offered < events; c++) {
                    if (!holding && rnd.nextDouble() < pushRate) {
                        holding = true;
                        neuron = rnd.nextInt(hot);
                        value = vMin + (long) (rnd.nextDouble() * vSpan);
                        int r = rnd.nextInt(10);
                        delay = hot < neurons ? 1 : r == 0 ? 0 : r == 1 ? maxDelay : rnd.nextInt(maxDelay + 1);
                    }
                    boolean accepted = h.tick(new RingBufferHarness.Drive(holding, neuron, value, delay,
                            rnd.nextDouble() < advRate, rnd.nextDouble() < popRate));
                    if (accepted) {
                        holding = false;
                        offered++;
                    }
                }
            }
            // Close every step that can still hold input.
            for (int s = 0; s <= maxDelay + 1; s++) {
                h.drain();
                h.tick(RingBufferHarness.Drive.ADVANCE);
            }
            h.drain();
            System.out.printf("[ringbuf] %s: %d pushes (%d back-to-back to one accumulator, %d offered with an advance), "
                    + "%d clipped, %d steps (%d wraps), %d words read out (%d non-zero), %d cycles%n", p.moduleName(),
                    h.pushes(), h.backToBackSameWord(), h.pushWithAdvance(), h.model().clips(), h.advances(),
                    h.advances() / (maxDelay + 1), h.pops(), h.nonZeroPops(), h.cycle());
            assertTrue(h.errors().isEmpty(), String.join("\n", h.errors()) + "\n" + Waves.where(sim, wave));
            assertEquals(events, h.pushes(), "every push accepted once");
            assertEquals(h.advances() * neurons, h.pops(), "every neuron read out in every step");
            assertTrue(h.advances() > 2L * (maxDelay + 1), "the slot pointer wrapped");
            assertTrue(h.backToBackSameWord() > 100, "the forwarding path was exercised");
            assertTrue(h.model().clips() > 0 || accWidth > 8, "narrow accumulators were driven into saturation");
        }
    }
}
