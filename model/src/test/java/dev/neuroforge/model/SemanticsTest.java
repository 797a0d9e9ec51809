package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Small networks whose results are worked out by hand from the semantics in docs/model.md; each
 * runs on both simulators.
 */
class SemanticsTest {
    private static final NeuronParams.Reset ZERO = NeuronParams.Reset.ZERO;
    private static final NeuronParams.Reset SUB = NeuronParams.Reset.SUBTRACT;

    /** in (n inputs) -> out (1 neuron of the given model), weights w, delay d. */
    private static Network chain(NeuronParams neuron, int weightBits, int delay, int... w) {
        int[][] weights = new int[w.length][1];
        for (int i = 0; i < w.length; i++) {
            weights[i][0] = w[i];
        }
        return new Network("chain", List.of(Population.input("in", w.length), new Population("out", 1, neuron)),
                List.of(new FullProjection("in", "out", weightBits, delay, weights)));
    }

    /** Runs both simulators over the per-step inputs; returns out's (step, value) events and checks agreement. */
    private static List<String> run(Network net, long[] finalState, int[]... spikesPerStep) {
        List<String> result = null;
        for (Simulator s : List.of(new EventModel(net), new DenseModel(net))) {
            List<String> events = new ArrayList<>();
            for (int t = 0; t < spikesPerStep.length; t++) {
                List<Event> in = new ArrayList<>();
                for (int i : spikesPerStep[t]) {
                    in.add(new Event(0, i, 1));
                }
                for (Event e : s.step(in)) {
                    if (e.population() == 1) {
                        events.add(t + ":" + e.value());
                    }
                }
            }
            if (finalState != null) {
                assertArrayEquals(finalState, s.state(1), s.getClass().getSimpleName() + " final state");
            }
            if (result != null) {
                assertEquals(result, events, "event model and dense model agree");
            }
            result = events;
        }
        return result;
    }

    private static int[] none() {
        return new int[0];
    }

    @Test
    void integrateAndFireIntegratesOneStepLaterAndResetsToZero() {
        Network net = chain(NeuronParams.integrateAndFire(5, ZERO, 16), 8, 0, 3, 4);
        // t0: in0 -> v = 3 at t1. t1: in0, in1 -> v = 3 + 3 + 4 = 10 at t2: fire, v = 0.
        assertEquals(List.of("2:1"), run(net, new long[] {0}, new int[] {0}, new int[] {0, 1}, none(), none()));
    }

    @Test
    void subtractResetKeepsTheRemainderAndFiresAgainWithoutInput() {
        Network net = chain(NeuronParams.integrateAndFire(5, SUB, 16), 8, 0, 12);
        // t1: v = 12 -> fire, 7. t2: no input, 7 >= 5 -> fire, 2. t3: 2 < 5.
        assertEquals(List.of("1:1", "2:1"), run(net, new long[] {2}, new int[] {0}, none(), none(), none()));
    }

    @Test
    void thresholdExactlyMetFires() {
        Network net = chain(NeuronParams.integrateAndFire(7, ZERO, 16), 4, 0, 7);
        assertEquals(List.of("1:1"), run(net, new long[] {0}, new int[] {0}, none()));
    }

    @Test
    void leakIsVMinusVShiftedRightArithmetically() {
        Network up = chain(NeuronParams.leaky(1000, 2, ZERO, 16), 8, 0, 100);
        // t1: 100 -> leak 100 - 25 = 75; t2: 75 - 18 = 57; t3: 57 - 14 = 43.
        assertEquals(List.of(), run(up, new long[] {43}, new int[] {0}, none(), none(), none()));
        Network down = chain(NeuronParams.leaky(1000, 1, ZERO, 16), 8, 0, -7);
        // -7 - (-7 >> 1) = -7 - (-4) = -3; then -3 - (-2) = -1; then -1 - (-1) = 0.
        run(down, new long[] {-3}, new int[] {0}, none());
        run(down, new long[] {0}, new int[] {0}, none(), none(), none());
    }

    @Test
    void leakAppliesBeforeTheThresholdTest() {
        Network net = chain(NeuronParams.leaky(8, 2, ZERO, 16), 8, 0, 10);
        // 10 - (10 >> 2) = 8 >= 8: fires in step 1.
        assertEquals(List.of("1:1"), run(net, new long[] {0}, new int[] {0}, none()));
    }

    @Test
    void sigmaDeltaSendsOnlyTheChangeOfTheQuantizedRectifiedState() {
        Network net = new Network("sd", List.of(Population.input("in", 3),
                new Population("out", 1, NeuronParams.sigmaDelta(4, 16))),
                List.of(new FullProjection("in", "out", 8, 0, new int[][] {{10}, {-3}, {-20}})));
        // t1: v = 10 -> o = 8, send +8. t2: v = 7 -> o = 4, send -4. t3: nothing. t4: v = -13 -> o = 0, send -4.
        assertEquals(List.of("1:8", "2:-4", "4:-4"),
                run(net, new long[] {-13}, new int[] {0}, new int[] {1}, none(), new int[] {2}, none()));
    }

    @Test
    void eachAdditionSaturatesInProjectionThenSourceOrder() {
        Network net = chain(NeuronParams.integrateAndFire(32767, ZERO, 16), 16, 0, 32767, 32767, -32768);
        // Per addition: 32767, then 32767 + 32767 clamps to 32767, then -32768 gives -1 (a wide sum would give 32766).
        run(net, new long[] {-1}, new int[] {0, 1, 2}, none());
        Network low = chain(NeuronParams.integrateAndFire(100, ZERO, 16), 16, 0, -32768, -32768);
        run(low, new long[] {-32768}, new int[] {0, 1}, none());
        Network wide = chain(NeuronParams.integrateAndFire(Integer.MAX_VALUE, ZERO, 32), 16, 0, 32767);
        int[][] steps = new int[65_540][];
        for (int t = 0; t < steps.length; t++) {
            steps[t] = new int[] {0};
        }
        // 65,538 spikes of 32767 make 2,147,483,646; the 65,539th would pass 2^31 - 1, so the state
        // clamps to exactly 2^31 - 1 = theta and the neuron fires in step 65,539.
        assertEquals(List.of("65539:1"), run(wide, new long[] {0}, steps));
    }

    @Test
    void delayDMeansIntegratedInStepTPlusOnePlusD() {
        Network net = chain(NeuronParams.integrateAndFire(1, ZERO, 16), 8, 3, 1);
        assertEquals(List.of("4:1"), run(net, new long[] {0}, new int[] {0}, none(), none(), none(), none(), none()));
    }
}
