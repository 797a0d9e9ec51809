package dev.neuroforge.verif.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.Projection;
import dev.neuroforge.verif.common.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Directed single-tile networks on the Verilated default tile (L 8, R 64, D 15, C 1024, 16-bit
 * states), each run step by step against the golden EventModel (events of every tile population
 * every step, states after every step and at the end), plus checks specific to each corner:
 * empty steps, every neuron firing at once (also into a dense recurrent loop, and with a slow host
 * back-pressuring the event-out path), the largest fan-out, delays of exactly D, a full SCDQ (the
 * default one and a small one, {@code withScdq(3, 40)}), saturation at both ends, packets before the
 * first tick, early and lost ticks (also swept over every cycle of a step), reset mid-step (also
 * swept over a busy step), and the activity counters against figures computed from the network,
 * the image's tables and the model's events. See docs/tile.md, "Verification".
 */
class TileDirectedTest {
    private static final TileParams P = TileParams.defaults();
    private static final int L = P.npe().lanes();
    private static final int R = P.npe().rfDepth();
    private static final int D = P.scdq().maxDelay();
    private static TileRtl tile;
    private static long loadStart;

    @BeforeAll
    static void open() {
        tile = new TileRtl(P);
    }

    @AfterAll
    static void close() {
        if (tile != null) {
            tile.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A run on the tile that matched the model: the model after the run and the tile's events per step. */
    record Run(EventModel gold, TileImage image, List<List<Event>> events, List<long[][]> states) {
        long[] statesAfter(int t, int p) {
            return states.get(t)[p];
        }
    }

    /**
     * Loads {@code net}, runs {@code inputs} on the tile and on EventModel and requires the same
     * events every step and the same states of every tile population after every step.
     */
    static Run run(Network net, List<List<Event>> inputs, String label) {
        TileImage img = TileImage.build(P, net, TileRtlTest.firmware(), 1, 0, 0, 0);
        loadStart = tile.harness().cycles();
        tile.load(img);
        EventModel gold = new EventModel(net);
        List<List<Event>> events = new ArrayList<>();
        List<long[][]> states = new ArrayList<>();
        int np = net.populations().size();
        for (int t = 0; t < inputs.size(); t++) {
            List<Event> expected = new ArrayList<>();
            for (Event e : gold.step(inputs.get(t))) {
                if (!net.populations().get(e.population()).isInput()) {
                    expected.add(e);
                }
            }
            List<Event> got = tile.step(inputs.get(t));
            assertEquals(expected, got, label + ": events of step " + t);
            events.add(got);
            long[][] s = new long[np][];
            for (int p = 0; p < np; p++) {
                if (!net.populations().get(p).isInput()) {
                    s[p] = tile.states(p);
                    assertArrayEquals(gold.state(p), s[p], label + ": states of " + net.populations().get(p).name()
                            + " after step " + t);
                }
            }
            states.add(s);
        }
        return new Run(gold, img, events, states);
    }

    /** Clock cycles since the last {@link #run} started loading (the load itself included). */
    static long cyclesSinceLoad() {
        return tile.harness().cycles() - loadStart;
    }

    /** CNT_SYNOPS of a network fed by its inputs only: the segment COUNTs of every input packet popped in the run. */
    static long inputSynops(TileImage img, List<List<Event>> inputs) {
        long sum = 0;
        for (int t = 0; t < inputs.size(); t++) {
            for (Event e : inputs.get(t)) {
                for (TileImage.Route r : img.inputRoutes(e.population(), e.neuron())) {
                    if (t + 1 + r.delay() < inputs.size()) {
                        sum += img.fanOut(r.axon());
                    }
                }
            }
        }
        return sum;
    }

    static List<List<Event>> steps(int n) {
        List<List<Event>> in = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            in.add(new ArrayList<>());
        }
        return in;
    }

    static int[][] fill(int n, int m, int w) {
        int[][] a = new int[n][m];
        for (int[] row : a) {
            Arrays.fill(row, w);
        }
        return a;
    }

    static int[][] randomWeights(SplittableRandom r, int n, int m, int lo, int hi) {
        int[][] a = new int[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = r.nextInt(lo, hi + 1);
            }
        }
        return a;
    }

    static int count(List<List<Event>> ev) {
        return ev.stream().mapToInt(List::size).sum();
    }

    /** The largest fan-out of the default tile: one input axon to L x R LIF neurons. */
    static Network fanOutNetwork(SplittableRandom r) {
        int n = L * R;
        return new Network("fanout", List.of(Population.input("in", 1),
                new Population("p", n, NeuronParams.leaky(150, 3, NeuronParams.Reset.SUBTRACT, 16))),
                List.of(new FullProjection("in", "p", 8, 0, randomWeights(r, 1, n, -128, 127))));
    }

    /** Four rows of {100, -100, 50, -50, 7, -7, 3, -3}: states of both signs, large and small. */
    static int[][] leakWeights() {
        int[][] w = new int[4][];
        for (int i = 0; i < 4; i++) {
            w[i] = new int[] {100, -100, 50, -50, 7, -7, 3, -3};
        }
        return w;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void emptyStepsSendNothingKeepIfStatesAndStillLeakLif() {
        Network net = new Network("empty", List.of(Population.input("in", 4),
                new Population("lif", 8, NeuronParams.leaky(30000, 2, NeuronParams.Reset.ZERO, 16)),
                new Population("if", 8, NeuronParams.integrateAndFire(30000, NeuronParams.Reset.ZERO, 16))),
                List.of(new FullProjection("in", "lif", 8, 0, leakWeights()),
                        new FullProjection("in", "if", 8, 0, leakWeights())));
        // a run with no input at all: nothing ever fires, every state stays 0
        Run quiet = run(net, steps(20), "no input");
        assertEquals(0, count(quiet.events()), "no input, no events");
        for (int t = 0; t < 20; t++) {
            assertArrayEquals(new long[8], quiet.statesAfter(t, 1));
            assertArrayEquals(new long[8], quiet.statesAfter(t, 2));
        }
        assertEquals(20, tile.mmio(TileMap.STEP), "STEP counts the empty ticks");
        // one input step, then 40 empty ones: IF states frozen, LIF states leak towards 0 (both signs)
        List<List<Event>> in = steps(41);
        for (int i = 0; i < 4; i++) {
            in.get(0).add(new Event(0, i, 1));
        }
        Run r = run(net, in, "one input step then empty");
        assertEquals(0, count(r.events()), "thresholds out of reach: no events");
        long[] if1 = r.statesAfter(1, 2);
        assertTrue(Arrays.stream(if1).anyMatch(v -> v != 0), "the input reached the IF population");
        for (int t = 2; t < 41; t++) {
            assertArrayEquals(if1, r.statesAfter(t, 2), "IF state unchanged by empty step " + t);
        }
        long[] lif1 = r.statesAfter(1, 1);
        long[] lif2 = r.statesAfter(2, 1);
        assertTrue(Arrays.stream(lif1).anyMatch(v -> v > 4) && Arrays.stream(lif1).anyMatch(v -> v < -4),
                "LIF states of both signs to leak: " + Arrays.toString(lif1));
        for (int j = 0; j < 8; j++) {
            if (Math.abs(lif1[j]) > 4) {
                assertTrue(Math.abs(lif2[j]) < Math.abs(lif1[j]), "LIF neuron " + j + " leaked in an empty step");
            }
            assertTrue(Math.abs(r.statesAfter(40, 1)[j]) <= 3, "LIF neuron " + j + " leaked down to |v| >> 2 = 0");
        }
        assertEquals(0, tile.mmio(TileMap.CNT_EV_OUT));
        assertEquals(16L * 41, tile.mmio(TileMap.CNT_UPDATES), "every neuron updated every step, input or not");
    }

    @Test
    void everyNeuronFiresInOneStep() {
        int half = L * R / 2;
        Network net = new Network("allfire", List.of(Population.input("in", 2),
                new Population("a", half, NeuronParams.integrateAndFire(50, NeuronParams.Reset.SUBTRACT, 16)),
                new Population("b", half, NeuronParams.leaky(50, 4, NeuronParams.Reset.ZERO, 16))),
                List.of(new FullProjection("in", "a", 8, 0, fill(2, half, 100)),
                        new FullProjection("in", "b", 8, 1, fill(2, half, 127))));
        List<List<Event>> in = steps(6);
        in.get(0).add(new Event(0, 0, 1));
        in.get(0).add(new Event(0, 1, 1));
        Run r = run(net, in, "all fire");
        assertEquals(half, r.events().get(1).size(), "step 1: all of a fires");
        assertEquals(2 * half, r.events().get(2).size(), "step 2: a (200 - 50 still over) and all of b fire together");
        assertEquals(L * R, r.events().get(2).stream().map(e -> e.population() * 100_000 + e.neuron()).distinct().count());
        int total = count(r.events());
        assertEquals(total, tile.mmio(TileMap.CNT_FIRES), "CNT_FIRES");
        assertEquals(total, tile.mmio(TileMap.CNT_EV_OUT), "one packet to the host per event");
        assertEquals(total, tile.harness().tileSent());
    }

    /**
     * Event-in and event-out under load at once: 64 IF neurons with threshold 1 and a dense
     * recurrent projection onto themselves (delay 0, weights +-1): every event comes back as a
     * packet while the tile is still sending, 128 packets out and 64 in per step at the start.
     */
    @Test
    void allFiringWithADenseRecurrentLoopKeepsBothEventPathsBusy() {
        long seed = Seeds.seed("TileDirectedTest#allFiringWithADenseRecurrentLoopKeepsBothEventPathsBusy");
        SplittableRandom r = new SplittableRandom(seed);
        int n = 64;
        int[][] rec = new int[n][n];
        for (int[] row : rec) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextInt(4) == 0 ? -1 : 1;
            }
        }
        Network net = new Network("loop", List.of(Population.input("in", 1),
                new Population("a", n, NeuronParams.integrateAndFire(1, NeuronParams.Reset.ZERO, 16))),
                List.of(new FullProjection("in", "a", 8, 0, fill(1, n, 1)), new FullProjection("a", "a", 8, 0, rec)));
        List<List<Event>> in = steps(8);
        in.get(0).add(new Event(0, 0, 1));
        Run run = run(net, in, "recurrent loop (seed " + seed + ")");
        assertEquals(n, run.events().get(1).size(), "all fire in step 1");
        long fires = count(run.events());
        assertEquals(fires, tile.mmio(TileMap.CNT_FIRES));
        assertEquals(2 * fires, tile.mmio(TileMap.CNT_EV_OUT), "host + recurrent packet per event");
        assertEquals(1 + fires, tile.mmio(TileMap.CNT_EV_IN), "the input packet + the recurrent ones");
        assertEquals(run.gold().synapticOps(), tile.mmio(TileMap.CNT_SYNOPS));
    }

    /**
     * The event-out path under back-pressure: the host takes a flit on the west port in only a
     * third of the cycles (seeded), while all 512 neurons fire and, in a second network, 64
     * neurons feed a dense recurrent loop whose packets share the event-out unit with the
     * host-bound ones. Events and states must still equal the model's.
     */
    @Test
    void aSlowHostBackPressuresTheEventOutPathWithoutLoss() {
        long seed = Seeds.seed("TileDirectedTest#aSlowHostBackPressuresTheEventOutPathWithoutLoss");
        SplittableRandom r = new SplittableRandom(seed);
        int half = L * R / 2;
        Network all = new Network("allfire", List.of(Population.input("in", 1),
                new Population("a", half, NeuronParams.integrateAndFire(50, NeuronParams.Reset.SUBTRACT, 16)),
                new Population("b", half, NeuronParams.leaky(50, 4, NeuronParams.Reset.SUBTRACT, 16))),
                List.of(new FullProjection("in", "a", 8, 0, fill(1, half, 120)),
                        new FullProjection("in", "b", 8, 0, randomWeights(r, 1, half, 40, 127))));
        int n = 64;
        int[][] rec = randomWeights(r, n, n, -1, 1);
        Network loop = new Network("loop", List.of(Population.input("in", 1),
                new Population("a", n, NeuronParams.integrateAndFire(1, NeuronParams.Reset.ZERO, 16))),
                List.of(new FullProjection("in", "a", 8, 0, fill(1, n, 1)), new FullProjection("a", "a", 8, 0, rec)));
        List<List<Event>> in = steps(5);
        in.get(0).add(new Event(0, 0, 1));
        in.get(2).add(new Event(0, 0, 1));
        SplittableRandom stall = new SplittableRandom(r.nextLong());
        tile.harness().setWestReady(c -> stall.nextInt(3) == 0);
        try {
            Run a = run(all, in, "slow host, all fire (seed " + seed + ")");
            assertTrue(a.events().get(1).size() >= half, "at least all of a fired at once");
            Run b = run(loop, in, "slow host, recurrent loop (seed " + seed + ")");
            assertTrue(count(b.events()) > n, "the loop kept firing");
            assertEquals(List.of(), tile.harness().errors(), "no valid/ready violation on the west port");
        } finally {
            tile.harness().setWestReady(null);
        }
    }

    @Test
    void largestFanOutOneAxonToEveryNeuron() {
        long seed = Seeds.seed("TileDirectedTest#largestFanOutOneAxonToEveryNeuron");
        SplittableRandom r = new SplittableRandom(seed);
        Network net = fanOutNetwork(r);
        List<List<Event>> in = steps(12);
        int sent = 0;
        for (int t = 0; t < 12; t++) {
            if (r.nextInt(3) != 0) {
                in.get(t).add(new Event(0, 0, 1));
                sent += t < 11 ? 1 : 0; // the last step's event is integrated after the run
            }
        }
        Run run = run(net, in, "fan-out " + L * R + " (seed " + seed + ")");
        assertEquals(1, run.image().axons());
        assertEquals(1, run.image().segments(), "one segment over all R rows");
        assertTrue(count(run.events()) > 0, "something fired");
        assertEquals((long) sent * L * R, tile.mmio(TileMap.CNT_SYNOPS), "synops = events x " + L * R);
        assertEquals(run.gold().synapticOps(), tile.mmio(TileMap.CNT_SYNOPS));
    }

    @Test
    void delaysOfExactlyDPerProjectionAxonAndSynapse() {
        int[] axonDelays = {D, 0, 7};
        int[][] synDelays = {{D, 0, 5, D - 1}};
        int[][] ident = new int[3][3];
        for (int i = 0; i < 3; i++) {
            ident[i][i] = 1;
        }
        NeuronParams once = NeuronParams.integrateAndFire(1, NeuronParams.Reset.ZERO, 16);
        Network net = new Network("delays", List.of(Population.input("i0", 1), Population.input("i1", 3),
                Population.input("i2", 1), new Population("a", 1, once), new Population("b", 3, once),
                new Population("c", 4, once)),
                List.of(new FullProjection("i0", "a", 8, D, fill(1, 1, 1)),
                        new FullProjection("i1", "b", 8, 0, ident, axonDelays, null),
                        new FullProjection("i2", "c", 8, 0, fill(1, 4, 1), null, synDelays)));
        int steps = D + 5;
        List<List<Event>> in = steps(steps);
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < net.populations().get(p).size(); i++) {
                in.get(0).add(new Event(p, i, 1));
                in.get(2).add(new Event(p, i, 1));
            }
        }
        Run r = run(net, in, "delays");
        // expected from the definition: an event of step t over delay d is integrated (and, with
        // threshold 1, fires its target) in step t + 1 + d, never earlier or later
        List<List<Event>> want = steps(steps);
        int[][] d = {{D}, axonDelays, synDelays[0]};
        for (int t0 : new int[] {0, 2}) {
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < d[k].length; j++) {
                    want.get(t0 + 1 + d[k][j]).add(new Event(3 + k, j, 1));
                }
            }
        }
        want.forEach(java.util.Collections::sort);
        assertEquals(want, r.events(), "each target fires exactly at t + 1 + d");
        assertTrue(r.events().get(1 + D).contains(new Event(3, 0, 1)), "delay D per projection at step 1 + D");
        assertEquals(inputSynops(r.image(), in), tile.mmio(TileMap.CNT_SYNOPS), "CNT_SYNOPS = segment COUNTs popped");
    }

    @Test
    void scdqFilledToItsCapacity() {
        int c = P.scdq().capacity();
        int inputs = c / (D + 1); // every axon: delay D, so D + 1 events in flight each
        assertEquals(c, inputs * (D + 1), "the default capacity is a multiple of D + 1");
        Network net = new Network("scdqfull", List.of(Population.input("in", inputs),
                new Population("p", L, NeuronParams.integrateAndFire(1000, NeuronParams.Reset.SUBTRACT, 16))),
                List.of(new FullProjection("in", "p", 8, D, randomWeights(new SplittableRandom(3), inputs, L, -20, 20))));
        int steps = D + 6;
        List<List<Event>> in = steps(steps);
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < inputs; i++) {
                in.get(t).add(new Event(0, i, 1));
            }
        }
        Run r = run(net, in, "SCDQ full");
        assertEquals(c, tile.mmio(TileMap.CNT_SCDQ_PEAK), "CNT_SCDQ_PEAK reaches the worst case = capacity");
        assertEquals(c, tile.mmio(TileMap.SCDQ_OCC), "the SCDQ holds C events at the end");
        assertEquals((long) inputs * steps, tile.mmio(TileMap.CNT_EV_IN));
        assertEquals(r.gold().synapticOps(), tile.mmio(TileMap.CNT_SYNOPS));
        // one more axon does not fit
        Network over = new Network("over", List.of(Population.input("in", inputs + 1),
                new Population("p", L, NeuronParams.integrateAndFire(1000, NeuronParams.Reset.SUBTRACT, 16))),
                List.of(new FullProjection("in", "p", 8, D, fill(inputs + 1, L, 1))));
        TileImage.DoesNotFit e = assertThrows(TileImage.DoesNotFit.class,
                () -> TileImage.build(P, over, TileRtlTest.firmware(), 1, 0, 0, 0));
        assertEquals(c + D + 1, e.needed(), e.getMessage());
        assertEquals(c, e.available(), e.getMessage());
    }

    /**
     * A tile with a small SCDQ (D 3, C 40) and per-synapse delays: each of 4 input neurons reaches
     * its 8 targets over all four delays 0..3, so its axons keep 1 + 2 + 3 + 4 events in flight and
     * the worst case is exactly C when every input fires every step.
     */
    @Test
    void aSmallScdqFilledExactlyByPerSynapseDelays() {
        TileParams small = P.withScdq(3, 40);
        int[][] sd = new int[4][8];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 8; j++) {
                sd[i][j] = (i + j) % 4;
            }
        }
        Network net = new Network("scdq40", List.of(Population.input("in", 4),
                new Population("p", 8, NeuronParams.leaky(60, 1, NeuronParams.Reset.SUBTRACT, 16))),
                List.of(new FullProjection("in", "p", 8, 0, randomWeights(new SplittableRandom(4), 4, 8, -30, 40), null, sd)));
        List<List<Event>> in = steps(10);
        for (List<Event> s : in) {
            for (int i = 0; i < 4; i++) {
                s.add(new Event(0, i, 1));
            }
        }
        try (TileRtl t = new TileRtl(small)) {
            TileImage img = TileImage.build(small, net, TileRtlTest.firmware(), 1, 0, 0, 0);
            assertEquals(16, img.axons(), "one axon per (source, delay)");
            TileRtlTest.runBoth(t, small, net, in, "SCDQ C 40");
            assertEquals(40, t.mmio(TileMap.CNT_SCDQ_PEAK), "peak = sum over axons of (delay + 1) = C");
            long synops = inputSynops(img, in);
            assertTrue(synops > 0);
            assertEquals(synops, t.mmio(TileMap.CNT_SYNOPS), "CNT_SYNOPS = segment COUNTs of the popped events");
            assertEquals(40, t.mmio(TileMap.SCDQ_OCC));
            assertEquals(0, t.status() & TileMap.STATUS_ERRORS);
        }
        Network over = new Network("scdq41", List.of(Population.input("in", 5),
                new Population("p", 8, NeuronParams.leaky(60, 1, NeuronParams.Reset.SUBTRACT, 16))),
                List.of(new FullProjection("in", "p", 8, 0, fill(5, 8, 1), null, new int[][] {sd[0], sd[1], sd[2], sd[3],
                    {0, 0, 0, 0, 0, 0, 0, 0}})));
        TileImage.DoesNotFit e = assertThrows(TileImage.DoesNotFit.class,
                () -> TileImage.build(small, over, TileRtlTest.firmware(), 1, 0, 0, 0));
        assertEquals(41, e.needed(), e.getMessage());
    }

    @Test
    void statesSaturateAtBothEndsWithExtremeWeightsAndGradedInputs() {
        int[][] w = {{127, -128}, {-1, 1}};
        Network net = new Network("sat", List.of(Population.input("g", 2),
                new Population("sd", 2, NeuronParams.sigmaDelta(1, 16)),
                new Population("if", 2, NeuronParams.integrateAndFire(30000, NeuronParams.Reset.SUBTRACT, 16)),
                new Population("lif", 2, NeuronParams.leaky(32767, 1, NeuronParams.Reset.ZERO, 16))),
                List.of(new FullProjection("g", "sd", 8, 0, w), new FullProjection("g", "if", 8, 0, w),
                        new FullProjection("g", "lif", 8, 0, w)));
        List<List<Event>> in = steps(8);
        in.get(0).add(new Event(0, 0, 32767));
        in.get(1).add(new Event(0, 1, 5));
        in.get(3).add(new Event(0, 0, -32768));
        in.get(4).add(new Event(0, 0, 32767));
        in.get(4).add(new Event(0, 1, -32768));
        in.get(5).add(new Event(0, 1, 32767));
        Run r = run(net, in, "saturation");
        assertArrayEquals(new long[] {32767, -32768}, r.statesAfter(1, 1), "sd after step 1: both ends");
        assertArrayEquals(new long[] {32762, -32763}, r.statesAfter(2, 1), "every addition saturates, not the sum");
        assertArrayEquals(new long[] {-32768, 32767}, r.statesAfter(4, 1), "and back the other way");
        assertEquals(List.of(new Event(1, 0, 32767), new Event(2, 0, 1)), r.events().get(1),
                "sd sends +32767, if fires at 32767 >= 30000");
        assertArrayEquals(new long[] {2767, -32768}, r.statesAfter(1, 2), "if: 32767 - 30000, negative end held");
        assertArrayEquals(new long[] {16384, -16384}, r.statesAfter(1, 3), "lif leaks the saturated states by half");
    }

    @Test
    void aTickWhileTheStepIsBusyIsReportedNeverSilent() {
        SplittableRandom rnd = new SplittableRandom(11);
        Network net = fanOutNetwork(rnd);
        TileImage img = TileImage.build(P, net, TileRtlTest.firmware(), 1, 0, 0, 0);
        TileHarness h = tile.harness();
        // (a) two ticks in a row, input events between: the second arrives while the first is pending
        tile.load(img);
        h.tick();
        img.hostPackets(0, 0, 1).forEach(h::send);
        h.cycle();
        h.tick();
        h.runUntilDone(TileRtl.STEP_CYCLES);
        long st = tile.status();
        assertTrue((st & TileMap.STATUS_TICK_LOST) != 0, String.format("TICK_LOST: STATUS 0x%x", st));
        assertTrue((st & TileMap.STATUS_EARLY_TICK) != 0, String.format("EARLY_TICK: STATUS 0x%x", st));
        assertEquals(1, h.sim().peek("err_o"), "err_o reports it");
        assertEquals(2, tile.mmio(TileMap.STEP), "both ticks were taken");
        h.write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN | TileMap.CTRL_CLEAR);
        assertEquals(0, tile.status() & TileMap.STATUS_ERRORS, "CLEAR clears them");
        assertEquals(0, h.sim().peek("err_o"));
        // (b) a tick after TICK_ACK but while the fan-out of the previous step's events still runs
        tile.load(img);
        List<Event> ev = List.of(new Event(0, 0, 1));
        tile.step(ev);
        h.tick();
        boolean busyAcked = false;
        long s = 0;
        for (int c = 0; c < 5000 && !busyAcked; c++) {
            h.cycle(); // the host port has priority: reading every cycle would stall the core for good
            s = tile.status();
            busyAcked = (s & TileMap.STATUS_TICK_PENDING) == 0 && (s & TileMap.STATUS_IDLE) == 0;
        }
        assertTrue(busyAcked, String.format("saw the tick acknowledged while the step was still running (last STATUS 0x%x)", s));
        h.tick();
        h.runUntilDone(TileRtl.STEP_CYCLES);
        st = tile.status();
        assertTrue((st & TileMap.STATUS_EARLY_TICK) != 0, String.format("EARLY_TICK: STATUS 0x%x", st));
        assertEquals(0, st & TileMap.STATUS_TICK_LOST, String.format("no TICK_LOST: STATUS 0x%x", st));
        assertEquals(1, h.sim().peek("err_o"));
        // and TileRtl.step refuses to go on silently
        assertThrows(IllegalStateException.class, () -> tile.step(List.of()));
    }

    /**
     * "Gate after reset: open": packets the host sends after boot but before the first tick are
     * pushed at SCDQ step 0, so they act as events of a step -1. The tile's step t must then equal
     * the model's step t + 1 after a first model step with those events.
     */
    @Test
    void packetsBeforeTheFirstTickActAsEventsOfStepMinusOne() {
        long seed = Seeds.seed("TileDirectedTest#packetsBeforeTheFirstTickActAsEventsOfStepMinusOne");
        SplittableRandom r = new SplittableRandom(seed);
        Network net = new Network("early", List.of(Population.input("in", 4),
                new Population("p", 16, NeuronParams.integrateAndFire(3, NeuronParams.Reset.SUBTRACT, 16))),
                List.of(new FullProjection("in", "p", 8, 0, randomWeights(r, 4, 16, -2, 5), new int[] {0, 1, 2, 0}, null)));
        TileImage img = TileImage.build(P, net, TileRtlTest.firmware(), 1, 0, 0, 0);
        tile.load(img);
        List<Event> pre = List.of(new Event(0, 0, 1), new Event(0, 1, 1), new Event(0, 2, 1));
        for (Event e : pre) {
            img.hostPackets(0, e.neuron(), 1).forEach(tile.harness()::send);
        }
        assertTrue(tile.harness().runUntilDone(TileRtl.STEP_CYCLES), "the early packets were taken");
        assertEquals(0, tile.status() & TileMap.STATUS_ERRORS);
        EventModel gold = new EventModel(net);
        assertEquals(List.of(), gold.step(pre).stream().filter(e -> e.population() == 1).toList());
        EventModel without = new EventModel(net); // the same run without the early events
        without.step(List.of());
        List<List<Event>> in = steps(6);
        in.get(1).add(new Event(0, 3, 1));
        boolean differs = false;
        for (int t = 0; t < in.size(); t++) {
            List<Event> want = gold.step(in.get(t)).stream().filter(e -> e.population() == 1).toList();
            differs |= !want.equals(without.step(in.get(t)).stream().filter(e -> e.population() == 1).toList());
            assertEquals(want, tile.step(in.get(t)), "step " + t + " (model step " + (t + 1) + ")");
        }
        assertArrayEquals(gold.state(1), tile.states(1));
        differs |= !Arrays.equals(gold.state(1), without.state(1));
        assertTrue(differs, "the early events made a difference the test can see");
    }

    /**
     * A sweep of the early tick over every cycle of a step: tick, one input packet, then a second
     * tick k cycles later for every k from 0 to past the step's end. Whenever idle_o was low when
     * the second tick came, EARLY_TICK must be set (and err_o); TICK_LOST never without it; the tile
     * must end the steps without hanging, count both ticks, and run a clean step after CLEAR.
     */
    @Test
    void anEarlyTickAtEveryCycleOfAStepIsReportedAndTheTileRecovers() {
        Network net = fanOutNetwork(new SplittableRandom(12));
        TileImage img = TileImage.build(P, net, TileRtlTest.firmware(), 1, 0, 0, 0);
        TileHarness h = tile.harness();
        tile.load(img);
        tile.step(List.of(new Event(0, 0, 1)));
        tile.step(List.of(new Event(0, 0, 1)));
        int span = (int) tile.stepCycles() + 4;
        int early = 0;
        long step = tile.mmio(TileMap.STEP);
        for (int k = 0; k <= span; k++) {
            assertTrue(h.idle(), "idle before the first tick, k = " + k);
            h.tick();
            img.hostPackets(0, 0, 1).forEach(h::send);
            for (int c = 0; c < k; c++) {
                h.cycle();
            }
            boolean busy = !h.idle();
            h.tick();
            assertTrue(h.runUntilDone(TileRtl.STEP_CYCLES), "k = " + k + ": the tile hangs after an early tick: "
                    + h.errors());
            long st = tile.status();
            String at = String.format("k = %d (idle_o %s at the tick): STATUS 0x%x", k, !busy, st);
            if (busy) {
                early++;
                assertTrue((st & TileMap.STATUS_EARLY_TICK) != 0, "EARLY_TICK, " + at);
                assertEquals(1, h.sim().peek("err_o"), "err_o, " + at);
            }
            if ((st & TileMap.STATUS_TICK_LOST) != 0) {
                assertTrue((st & TileMap.STATUS_EARLY_TICK) != 0, "TICK_LOST implies EARLY_TICK, " + at);
            }
            step += 2;
            assertEquals(step, tile.mmio(TileMap.STEP), "both ticks counted, " + at);
            // a host CTRL write with RUN clears DONE unless it sets it: keep the tile done (idle)
            h.write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN | TileMap.CTRL_DONE | TileMap.CTRL_CLEAR);
            assertEquals(0, tile.status() & TileMap.STATUS_ERRORS, "CLEAR, " + at);
        }
        assertTrue(early > span / 2, "most of the sweep hit a busy tile: " + early + " of " + (span + 1));
        tile.step(List.of(new Event(0, 0, 1)));
        assertEquals(0, tile.status() & TileMap.STATUS_ERRORS, "a clean step after the sweep");
    }

    @Test
    void resetMidStepThenReloadGivesTheGoldenResultAgain() {
        long seed = Seeds.seed("TileDirectedTest#resetMidStepThenReloadGivesTheGoldenResultAgain");
        SplittableRandom r = new SplittableRandom(seed);
        Network net = fanOutNetwork(r);
        List<List<Event>> in = steps(10);
        for (List<Event> s : in) {
            if (r.nextBoolean()) {
                s.add(new Event(0, 0, 1));
            }
        }
        in.set(3, List.of(new Event(0, 0, 1)));
        in.set(4, List.of(new Event(0, 0, 1)));
        TileImage img = TileImage.build(P, net, TileRtlTest.firmware(), 1, 0, 0, 0);
        tile.load(img);
        for (int t = 0; t < 4; t++) {
            tile.step(in.get(t));
        }
        // step 4: tick, inputs, and reset while the fan-out runs and packets are in flight
        TileHarness h = tile.harness();
        h.tick();
        img.hostPackets(0, 0, 1).forEach(h::send);
        for (int c = 0; c < 40; c++) {
            h.cycle();
        }
        assertTrue(!h.idle(), "the reset hits a busy tile");
        assertTrue(h.tileSent() > 0 || h.tileReceived() > 0, "packets were moving");
        h.reset();
        assertEquals(0, h.tileSent(), "ev_sent_o cleared by reset");
        assertEquals(0, h.tileReceived(), "ev_recv_o cleared by reset");
        assertEquals(0, tile.mmio(TileMap.STEP));
        assertEquals(0, tile.mmio(TileMap.STATUS) & (TileMap.STATUS_RUN | TileMap.STATUS_ERRORS | TileMap.STATUS_TICK_PENDING),
                "RUN, errors and TICK_PENDING cleared by reset");
        for (int off = TileMap.CNT_SYNOPS; off <= TileMap.CNT_NPE_BUSY; off += 4) {
            assertEquals(0, tile.mmio(off), String.format("counter 0x%02x cleared by reset", off));
        }
        assertEquals(0, tile.mmio(TileMap.SCDQ_OCC), "the SCDQ emptied by reset");
        TileRtlTest.runBoth(tile, P, net, in, "after a reset mid-step (seed " + seed + ")");
        assertEquals(in.size(), tile.mmio(TileMap.STEP), "STEP restarted from 0");
        assertEquals(0, tile.status() & TileMap.STATUS_ERRORS);
    }

    /**
     * Reset at many points of a busy step of a dense recurrent loop (packets in the router, the
     * event-in FIFO and the event-out unit, NPE loops queued), then reload: nothing stale may
     * survive (no flit after the reset, counters 0) and the rerun must equal the model.
     */
    @Test
    void aResetAtAnyPointOfABusyStepLeavesNothingStale() {
        int n = 64;
        int[][] rec = randomWeights(new SplittableRandom(21), n, n, 0, 1);
        Network net = new Network("loop", List.of(Population.input("in", 1),
                new Population("a", n, NeuronParams.integrateAndFire(1, NeuronParams.Reset.ZERO, 16))),
                List.of(new FullProjection("in", "a", 8, 0, fill(1, n, 1)), new FullProjection("a", "a", 8, 0, rec)));
        List<List<Event>> in = steps(4);
        in.get(0).add(new Event(0, 0, 1));
        TileImage img = TileImage.build(P, net, TileRtlTest.firmware(), 1, 0, 0, 0);
        TileHarness h = tile.harness();
        for (int k : new int[] {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610}) {
            tile.load(img);
            tile.step(in.get(0));
            tile.step(in.get(1));
            h.tick();
            for (int c = 0; c < k; c++) {
                h.cycle();
            }
            boolean busy = !h.idle();
            h.reset();
            for (int c = 0; c < 50; c++) {
                h.cycle();
            }
            assertEquals(0, h.received().size(), "k = " + k + ": no flit leaves after the reset");
            assertEquals(0, h.tileSent() + h.tileReceived(), "k = " + k);
            assertEquals(0, tile.mmio(TileMap.SCDQ_OCC), "k = " + k);
            String label = "reset " + k + " cycles into a " + (busy ? "busy" : "finished") + " step";
            TileRtlTest.runBoth(tile, P, net, in, label);
        }
    }

    @Test
    void countersEqualFiguresFromTheNetworkAndTheModel() {
        long seed = Seeds.seed("TileDirectedTest#countersEqualFiguresFromTheNetworkAndTheModel");
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 6;
        int nA = 20; // rows 0..2
        int nB = 12; // rows 3..4: its segments start at BASE_S 3
        List<Population> pops = List.of(Population.input("in", nIn),
                new Population("a", nA, NeuronParams.integrateAndFire(40, NeuronParams.Reset.SUBTRACT, 16)),
                new Population("b", nB, NeuronParams.leaky(60, 2, NeuronParams.Reset.ZERO, 16)));
        List<Projection> projs = List.of(new FullProjection("in", "a", 8, 0, randomWeights(r, nIn, nA, -10, 40)),
                new FullProjection("a", "b", 8, 2, randomWeights(r, nA, nB, -10, 30)),
                new FullProjection("b", "a", 8, 1, randomWeights(r, nB, nA, -20, 10)),
                new FullProjection("in", "b", 8, 3, randomWeights(r, nIn, nB, -10, 40)));
        Network net = new Network("counters", pops, projs);
        int steps = 16;
        List<List<Event>> in = steps(steps);
        for (List<Event> s : in) {
            for (int i = 0; i < nIn; i++) {
                if (r.nextInt(3) == 0) {
                    s.add(new Event(0, i, 1));
                }
            }
        }
        Run run = run(net, in, "counters (seed " + seed + ")");
        // events of each population per step: inputs as given, the others from the model (= the tile's)
        int[] size = {nIn, nA, nB};
        long synops = 0;
        long npeRows = 0; // rows the NPE must at least sweep: ceil(COUNT / L) per loop
        long hostPackets = 0;
        long recurrent = 0;
        long fires = 0;
        for (int t = 0; t < steps; t++) {
            List<Event> all = new ArrayList<>(in.get(t));
            all.addAll(run.events().get(t));
            for (Event e : all) {
                if (e.population() == 0) {
                    hostPackets += run.image().hostPackets(0, e.neuron(), e.value()).size();
                } else {
                    fires++;
                    recurrent++; // a -> b and b -> a: one (projection, delay) group each
                }
                for (Projection q : projs) {
                    FullProjection f = (FullProjection) q;
                    if (net.indexOf(f.from()) == e.population() && t + 1 + f.delay() <= steps - 1) {
                        synops += size[net.indexOf(f.to())];
                        npeRows += (size[net.indexOf(f.to())] + L - 1) / L;
                    }
                }
            }
        }
        assertTrue(fires > 10 && recurrent > 10, "the network was active: " + fires + " fires");
        assertEquals(synops, tile.mmio(TileMap.CNT_SYNOPS), "CNT_SYNOPS = events integrated x fan-out");
        assertEquals(run.gold().synapticOps(), synops, "the model counts the same");
        assertEquals((long) (nA + nB) * steps, tile.mmio(TileMap.CNT_UPDATES), "CNT_UPDATES = neurons x steps");
        assertEquals(hostPackets + recurrent, tile.mmio(TileMap.CNT_EV_IN), "CNT_EV_IN = host + recurrent packets");
        assertEquals(fires + recurrent, tile.mmio(TileMap.CNT_EV_OUT), "CNT_EV_OUT = host-bound + recurrent packets");
        assertEquals(fires, tile.harness().received().size(), "the host got one packet per event");
        assertEquals(fires, tile.mmio(TileMap.CNT_FIRES), "CNT_FIRES = the model's events");
        assertEquals(tile.harness().tileSent(), tile.mmio(TileMap.CNT_EV_OUT), "CNT_EV_OUT = ev_sent_o");
        assertEquals(tile.harness().tileReceived(), tile.mmio(TileMap.CNT_EV_IN), "CNT_EV_IN = ev_recv_o");
        npeRows += (long) steps * ((nA + L - 1) / L + (nB + L - 1) / L);
        long npeBusy = tile.mmio(TileMap.CNT_NPE_BUSY);
        long busy = tile.mmio(TileMap.CNT_BUSY);
        assertTrue(npeBusy >= npeRows, "CNT_NPE_BUSY " + npeBusy + " >= the rows swept " + npeRows);
        assertTrue(busy >= npeBusy, "the NPE runs only while the core works on a step: CNT_BUSY " + busy);
        assertTrue(busy < cyclesSinceLoad(), "CNT_BUSY " + busy + " below the cycles since the load");
        // CLEAR_COUNTERS clears them, not ev_sent_o / ev_recv_o
        tile.harness().write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN | TileMap.CTRL_CLEAR_COUNTERS);
        for (int off : new int[] {TileMap.CNT_SYNOPS, TileMap.CNT_UPDATES, TileMap.CNT_EV_IN, TileMap.CNT_EV_OUT,
                TileMap.CNT_FIRES}) {
            assertEquals(0, tile.mmio(off), String.format("counter 0x%02x after CLEAR_COUNTERS", off));
        }
        assertEquals(fires + recurrent, tile.harness().tileSent());
    }
}
