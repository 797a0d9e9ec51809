package dev.neuroforge.verif.ringbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.ringbuf.RingBufferBuilder;
import dev.neuroforge.generator.ringbuf.RingBufferParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Waves;
import dev.neuroforge.verif.ringbuf.RingBufferHarness.Drive;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Directed corner cases of the ring-buffer baseline, checked cycle by cycle against the model. */
class RingBufferDirectedTest {
    /** Neither the neuron count nor the slot count is a power of two: both range checks exist. */
    private static final RingBufferParams P = new RingBufferParams(10, 5, 8, 6);
    private TestInfo info;

    @BeforeEach
    void remember(TestInfo info) {
        this.info = info;
    }

    private void with(RingBufferParams p, Consumer<RingBufferHarness> body) {
        String name = "RingBufferDirectedTest_" + info.getTestMethod().orElseThrow().getName();
        try (SimModel sim = RtlModels.load(RingBufferBuilder.build(p))) {
            Waves.maybeTrace(sim, name);
            RingBufferHarness h = new RingBufferHarness(sim, p);
            h.reset();
            body.accept(h);
            assertTrue(h.errors().isEmpty(), String.join("\n", h.errors()) + "\n" + Waves.where(sim, name));
        }
    }

    /** Advances once and pops the whole read-out. */
    private static void closeStep(RingBufferHarness h) {
        assertTrue(h.left() == 0, "no read-out under way");
        h.tick(Drive.ADVANCE);
        h.drain();
    }

    @Test
    void delayZeroArrivesInTheSameStepAndDelayMaxAfterMaxSteps() {
        with(P, h -> {
            assertTrue(h.tick(Drive.push(3, 7, 0)));
            assertTrue(h.tick(Drive.push(4, -9, P.maxDelay())));
            h.tick(Drive.IDLE);
            h.tick(Drive.ADVANCE);
            assertEquals(P.neurons(), h.left(), "every neuron is read out");
            h.drain();
            assertEquals(1, h.nonZeroPops(), "only the delay-0 input was due in step 0");
            for (int s = 1; s < P.maxDelay(); s++) {
                closeStep(h);
            }
            assertEquals(1, h.nonZeroPops(), "nothing due in steps 1..D-1");
            closeStep(h);
            assertEquals(2, h.nonZeroPops(), "the delay-D input arrives in step D");
            assertEquals((long) (P.maxDelay() + 1) * P.neurons(), h.pops());
        });
    }

    @Test
    void pushesToOneAccumulatorEveryCycleAddUpThroughTheForwardingPath() {
        with(P, h -> {
            long start = h.cycle();
            for (int i = 0; i < 20; i++) {
                assertTrue(h.tick(Drive.push(9, (i % 2 == 0) ? 3 : -1, 2)), "push " + i + " accepted at once");
            }
            assertEquals(20, h.cycle() - start, "one push per cycle");
            assertEquals(20, h.model().pending(9, 2), "20 pushes of +3/-1 add to 20");
            assertEquals(19, h.backToBackSameWord());
            for (int s = 0; s < 3; s++) {
                closeStep(h);
            }
            assertEquals(1, h.nonZeroPops());
        });
    }

    @Test
    void alternatingAccumulatorsStayApart() {
        with(P, h -> {
            for (int i = 0; i < 30; i++) {
                assertTrue(h.tick(Drive.push(i % 3, 1 + i % 3, i % 2)));
            }
            closeStep(h);
            closeStep(h);
            assertEquals(6, h.nonZeroPops(), "three neurons in each of two steps");
        });
    }

    @Test
    void accumulatorsSaturateAtBothEndsAndRaiseTheStickyFlag() {
        RingBufferParams narrow = new RingBufferParams(3, 2, 4, 4);  // accumulators -8..7, values -8..7
        with(narrow, h -> {
            for (int i = 0; i < 3; i++) {
                h.tick(Drive.push(0, 7, 1));
                h.tick(Drive.push(1, -8, 1));
            }
            h.tick(Drive.push(2, 5, 1));
            h.tick(Drive.push(2, -3, 1));
            h.tick(Drive.IDLE);
            h.tick(Drive.IDLE);
            assertTrue(h.model().saturated());
            assertEquals(7, h.model().pending(0, 1));
            assertEquals(-8, h.model().pending(1, 1));
            assertEquals(2, h.model().pending(2, 1), "5 - 3 does not clip");
            closeStep(h);
            closeStep(h);
            assertEquals(3, h.nonZeroPops());
        });
    }

    @Test
    void readOutClearsTheSlotSoItStartsFromZeroAfterWrapping() {
        with(P, h -> {
            for (int n = 0; n < P.neurons(); n++) {
                h.tick(Drive.push(n, n + 1, 0));
            }
            closeStep(h);
            assertEquals(P.neurons(), h.nonZeroPops());
            // The slot of step 0 is the slot of step D + 1: it must come back empty.
            for (int s = 1; s <= P.maxDelay() + 1; s++) {
                closeStep(h);
            }
            assertEquals(P.neurons(), h.nonZeroPops(), "nothing left behind in a reused slot");
        });
    }

    @Test
    void slotPointerWrapsManyTimesWithEveryDelay() {
        with(P, h -> {
            for (int s = 0; s < 20 * (P.maxDelay() + 1); s++) {
                for (int d = 0; d <= P.maxDelay(); d++) {
                    h.tick(Drive.push((s + d) % P.neurons(), (s * 7 + d) % 31 - 15, d));
                }
                closeStep(h);
            }
            assertEquals(20L * (P.maxDelay() + 1), h.advances());
        });
    }

    @Test
    void anAdvanceTakesPriorityOverAPushAndPushesWaitDuringTheReadOut() {
        with(P, h -> {
            h.tick(Drive.push(1, 5, 0));
            // Advance and push (delay D, which would land in the step being closed) in the same cycle.
            assertFalse(h.tick(new Drive(true, 2, 6, P.maxDelay(), true, false)), "the advance goes first");
            assertEquals(1, h.pushWithAdvance());
            assertEquals(1, h.advances());
            assertFalse(h.tick(Drive.push(3, 1, 0)), "refused while step 0 is read out");
            for (int i = 0; i < 5; i++) {
                assertFalse(h.tick(new Drive(true, 3, 1, 0, true, false)), "pop stalled: still refused");
            }
            h.drain();
            assertEquals(1, h.nonZeroPops(), "step 0 read out neuron 1 only");
            assertTrue(h.tick(Drive.push(2, 6, P.maxDelay())), "accepted once the read-out is done");
            for (int s = 1; s <= P.maxDelay(); s++) {
                closeStep(h);
            }
            assertEquals(1, h.nonZeroPops(), "not in steps 1..D");
            closeStep(h);
            assertEquals(2, h.nonZeroPops(), "in step 1 + D");
        });
    }

    @Test
    void readOutPopsOnePerCycleWhenNeverStalled() {
        with(P, h -> {
            h.tick(Drive.ADVANCE);
            long start = h.cycle();
            h.drain();
            assertEquals(P.neurons() + 1, h.cycle() - start, "one cycle to read the first word, then one pop per cycle");
        });
    }

    @Test
    void illegalDelayOrNeuronIsDroppedAndFlagged() {
        with(P, h -> {
            h.tick(Drive.push(0, 1, P.maxDelay() + 1));
            h.tick(Drive.IDLE);
            assertTrue(h.model().badPush());
            h.tick(Drive.push(P.neurons(), 1, 0));
            h.tick(Drive.push(1, 2, 0));
            closeStep(h);
            assertEquals(1, h.nonZeroPops(), "only the legal push arrived");
        });
    }

    @Test
    void resetMidStreamClearsEveryAccumulator() {
        with(P, h -> {
            for (int i = 0; i < 60; i++) {
                h.tick(Drive.push(i % P.neurons(), 1 + i % 5, i % (P.maxDelay() + 1)));
            }
            h.tick(Drive.ADVANCE);
            h.tick(Drive.POP);
            h.reset();
            assertEquals(P.words(), h.initCycles());
            for (int s = 0; s <= P.maxDelay(); s++) {
                closeStep(h);
            }
            assertEquals(0, h.nonZeroPops(), "nothing survived the reset");
            h.tick(Drive.push(0, 3, 0));
            closeStep(h);
            assertEquals(1, h.nonZeroPops());
        });
    }
}
