package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-axon and per-synapse delays and sum pooling, worked out by hand from docs/model.md and run
 * on both simulators; plus their JSON form and validation errors.
 */
class DelaysAndPoolingTest {
    /** A sigma-delta neuron with step 1 never resets: its state is the plain sum of its input. */
    private static final NeuronParams SUM = NeuronParams.sigmaDelta(1, 16);

    /** Runs both simulators; input spikes per step of population 0; returns population 1's state after every step. */
    private static List<long[]> states(Network net, int steps, int[]... spikes) {
        List<long[]> result = null;
        for (Simulator s : List.of(new EventModel(net), new DenseModel(net))) {
            List<long[]> st = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                List<Event> in = new ArrayList<>();
                if (t < spikes.length) {
                    for (int i : spikes[t]) {
                        in.add(new Event(0, i, 1));
                    }
                }
                s.step(in);
                st.add(s.state(1));
            }
            if (result != null) {
                for (int t = 0; t < steps; t++) {
                    assertArrayEquals(result.get(t), st.get(t), "both simulators agree after step " + t);
                }
            }
            result = st;
        }
        return result;
    }

    @Test
    void perAxonDelaysHoldEachSourcesEventsForItsOwnDelay() {
        // in0 (delay 0, weight 3) and in1 (delay 2, weight 5) both spike in step 0:
        // in0 arrives in step 1, in1 in step 0 + 1 + 2 = 3.
        Network net = new Network("axon", List.of(Population.input("in", 2), new Population("out", 1, SUM)),
                List.of(new FullProjection("in", "out", 8, 0, new int[][] {{3}, {5}}, new int[] {0, 2}, null)));
        List<long[]> v = states(net, 5, new int[] {0, 1});
        assertEquals(List.of(0L, 3L, 3L, 8L, 8L), v.stream().map(a -> a[0]).toList());
    }

    @Test
    void perSynapseDelaysSendOneEventToEachTargetAtItsOwnTime() {
        // One spike in step 0 over weights (2, 7) and delays (1, 3): out0 gets 2 in step 2, out1 gets 7 in step 4.
        Network net = new Network("syn", List.of(Population.input("in", 1), new Population("out", 2, SUM)),
                List.of(new FullProjection("in", "out", 8, 0, new int[][] {{2, 7}}, null, new int[][] {{1, 3}})));
        List<long[]> v = states(net, 6, new int[] {0});
        assertArrayEquals(new long[] {0, 0}, v.get(1));
        assertArrayEquals(new long[] {2, 0}, v.get(2));
        assertArrayEquals(new long[] {2, 0}, v.get(3));
        assertArrayEquals(new long[] {2, 7}, v.get(4));
        EventModel m = new EventModel(net);
        for (int t = 0; t < 6; t++) {
            m.step(t == 0 ? List.of(new Event(0, 0, 1)) : List.of());
        }
        assertEquals(2, m.synapticOps(), "one synaptic operation per synapse");
        assertEquals(2, m.eventsDelivered(0), "the event is delivered once per distinct delay");
    }

    @Test
    void eventsArrivingTogetherOverDifferentDelaysAddInAscendingSourceOrderWithSaturation() {
        // 16-bit state. in2 (weight 32767, delay 0) spikes in step 0: v = 32767 in step 1.
        // in0 (weight 32767, delay 2) spikes in step 0 and in1 (weight -32768, delay 0) in step 2:
        // both arrive in step 3, in source order: sat(32767 + 32767) = 32767, then 32767 - 32768 = -1.
        // (The other order would give -1 + 32767 = 32766.)
        Network net = new Network("order", List.of(Population.input("in", 3), new Population("out", 1, SUM)),
                List.of(new FullProjection("in", "out", 16, 0, new int[][] {{32767}, {-32768}, {32767}},
                        new int[] {2, 0, 0}, null)));
        List<long[]> v = states(net, 4, new int[] {0, 2}, new int[0], new int[] {1});
        assertEquals(32767, v.get(1)[0]);
        assertEquals(32767, v.get(2)[0]);
        assertEquals(-1, v.get(3)[0]);
    }

    @Test
    void sumPoolingAddsTheKernelWeightsOverEachWindowAndDropsLeftoverRows() {
        // 1 x 4 x 4 input, 2 x 2 kernel ((1, 2), (3, 4)), stride 1: a 3 x 3 convolution; 2 x 2 sum
        // pooling leaves one target (conv positions (0..1, 0..1)); row and column 2 are dropped.
        // Source (1,1) reaches all four window positions: 4 + 3 + 2 + 1 = 10. Source (0,0) only
        // conv (0,0) with kernel (0,0): 1. Source (2,2) reaches conv (1,1) with kernel (1,1): 4 (its
        // other positions are dropped). Source (3,3) reaches only conv (2,2): not connected.
        ConvProjection q = new ConvProjection("in", "out", 8, 0, 1, 4, 4, 1, 2, 1, 0, 2,
                new int[][][][] {{{{1, 2}, {3, 4}}}}, null);
        assertEquals(1, q.outHeight());
        assertEquals(10, q.weight(5, 0));
        assertEquals(1, q.weight(0, 0));
        assertEquals(4, q.weight(10, 0));
        assertTrue(!q.connects(15, 0));
        Network net = new Network("pool", List.of(Population.input("in", 16), new Population("out", 1, SUM)),
                List.of(q));
        List<long[]> v = states(net, 2, new int[] {0, 5, 10, 15});
        assertEquals(15, v.get(1)[0]);
        EventModel m = new EventModel(net);
        m.step(List.of(new Event(0, 0, 1), new Event(0, 5, 1), new Event(0, 10, 1), new Event(0, 15, 1)));
        List<Event> out = m.step(List.of());
        assertEquals(List.of(new Event(1, 0, 15)), out.stream().filter(e -> e.population() == 1).toList());
        assertEquals(3, m.synapticOps(), "one synaptic operation per connected (source, target) pair");
    }

    @Test
    void pooledConvolutionWithStrideAndPaddingMatchesItsWindowSums() {
        // 1 x 5 x 5, kernel 3 all ones, stride 2, padding 1: conv 3 x 3; pool 3: one target that
        // sums all nine conv positions. Centre source (2,2) is reached by conv (v,u) with
        // ky = 2 - (2v - 1) in 0..2, i.e. v in {1} only (v = 1: ky = 1), and likewise u: weight 1.
        // Source (1,1): v with 1 - (2v - 1) in 0..2 -> v in {0, 1}: 2 x 2 positions: weight 4.
        int[][][][] ones = {{{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}}};
        ConvProjection q = new ConvProjection("in", "out", 8, 0, 1, 5, 5, 1, 3, 2, 1, 3, ones, null);
        assertEquals(1, q.outHeight());
        assertEquals(1, q.weight(12, 0));
        assertEquals(4, q.weight(6, 0));
        long total = 0;
        for (int i = 0; i < 25; i++) {
            total += q.weight(i, 0);
        }
        // Conv rows 0, 1, 2 cover input rows -1..1, 1..3, 3..5: 2 + 3 + 2 = 7 inside; same for columns.
        assertEquals(7 * 7, total, "every in-bounds (conv position, kernel tap) pair counted once");
    }

    @Test
    void delaysAndPoolingReadFromJson() {
        String json = """
                {"name": "d", "populations": [{"name": "in", "size": 2, "input": true},
                  {"name": "img", "size": 16, "input": true},
                  {"name": "a", "size": 2, "neuron": {"model": "IF", "threshold": 5}},
                  {"name": "p", "size": 1, "neuron": {"model": "sigma-delta"}}],
                 "projections": [
                  {"from": "in", "to": "a", "weights": [[1, 2], [3, 4]], "delay": [4, 7]},
                  {"from": "in", "to": "a", "weights": [[1, 2], [3, 4]], "delay": [[0, 1], [2, 3]]},
                  {"type": "conv", "from": "img", "to": "p", "inChannels": 1, "inHeight": 4, "inWidth": 4,
                   "outChannels": 1, "kernel": 2, "pool": 2, "delay": [0,1,2,3,0,1,2,3,0,1,2,3,0,1,2,3],
                   "kernels": [[[[1, 2], [3, 4]]]]}]}""";
        Network n = NetworkJson.parse("d.json", json, Path.of("."));
        assertArrayEquals(new int[] {4, 7}, n.projections().get(0).axonDelays());
        assertEquals(7, n.projections().get(0).delay(1, 0));
        assertEquals(2, n.projections().get(1).delay(1, 0));
        assertEquals(3, n.projections().get(1).delay(1, 1));
        assertEquals(2, ((ConvProjection) n.projections().get(2)).pool());
        assertEquals(3, n.projections().get(2).delay(7, 0));
        assertEquals(7, n.maxDelay());
    }

    private static String jsonError(String projection, String sizes) {
        String json = "{\"name\": \"d\", \"populations\": [{\"name\": \"in\", \"size\": 2, \"input\": true},"
                + sizes + "], \"projections\": [" + projection + "]}";
        try {
            NetworkJson.parse("d.json", json, Path.of("."));
        } catch (Check.NetworkException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + projection);
    }

    @Test
    void badDelaysAndPoolingAreRejectedWithTheirPath() {
        String a = "{\"name\": \"a\", \"size\": 2, \"neuron\": {\"model\": \"IF\"}}";
        assertEquals("d.json: projections[0]: delay[1] = 256 is not allowed: must be an integer in 0..255",
                jsonError("{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3, 4]], \"delay\": [0, 256]}", a));
        assertEquals("d.json: projections[0]: delay[1][0] = -1 is not allowed: must be an integer in 0..255",
                jsonError("{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3, 4]], \"delay\": [[0, 0], [-1, 0]]}", a));
        assertEquals("d.json: (top): projections[0].delay has 3 per-axon delays; must be 2 (the size of in)",
                jsonError("{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3, 4]], \"delay\": [0, 1, 2]}", a));
        assertEquals("d.json: (top): projections[0].delay[0] has 1 columns; must be 2 (the size of a)",
                jsonError("{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3, 4]], \"delay\": [[0], [1, 2]]}", a));
        assertEquals("d.json: projections[0].delay[1]: \"x\" is not an integer (give one delay per source neuron, "
                + "or one array per source neuron for per-synapse delays)",
                jsonError("{\"from\": \"in\", \"to\": \"a\", \"weights\": [[1, 2], [3, 4]], \"delay\": [0, \"x\"]}", a));
        String p = "{\"name\": \"p\", \"size\": 1, \"neuron\": {\"model\": \"IF\"}}";
        String conv = "{\"type\": \"conv\", \"from\": \"in\", \"to\": \"p\", \"inChannels\": 1, \"inHeight\": 1, "
                + "\"inWidth\": 2, \"outChannels\": 1, \"kernel\": 1, \"kernels\": [[[[1]]]], ";
        assertEquals("d.json: projections[0]: pool = 2 is not allowed: must be an integer in 1..1",
                jsonError(conv + "\"pool\": 2}", p));
        assertEquals("d.json: projections[0].delay: per-synapse delays are for fully connected projections; a conv "
                + "projection takes one delay or one per source neuron (per axon)",
                jsonError(conv + "\"delay\": [[1], [2]]}", p));
    }

    @Test
    void perProjectionDelayCannotBeCombinedWithPerAxonDelays() {
        String msg = org.junit.jupiter.api.Assertions.assertThrows(Check.NetworkException.class,
                () -> new FullProjection("a", "b", 8, 3, new int[][] {{1}}, new int[] {1}, null)).getMessage();
        assertEquals("delay = 3 is not allowed together with per-axon delays: give one or the other", msg);
    }
}
