package dev.neuroforge.verif.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.Projection;
import dev.neuroforge.verif.common.Progress;
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.core.Firmware;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tile model (ISS running firmware/tile against the tile's address map) against the golden
 * event model: the same events of every non-input population in every step, the same final
 * states; and each resource limit of TileImage refused with its own message.
 */
class TileModelTest {
    private static final long STEP_BUDGET = 2_000_000;
    private static final NeuronParams.Reset ZERO = NeuronParams.Reset.ZERO;
    private static final NeuronParams.Reset SUB = NeuronParams.Reset.SUBTRACT;

    static Elf firmware() {
        try {
            return Elf.read(Firmware.tileElf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs both models over {@code inputs}, asserting equal events per step and equal final states; returns the tile. */
    static TileModel runBoth(TileParams shape, Network net, List<List<Event>> inputs, String label) {
        TileImage img = TileImage.build(shape, net, firmware(), 1, 2, 0, 0);
        TileModel tile = new TileModel().load(img);
        EventModel gold = new EventModel(net);
        for (int t = 0; t < inputs.size(); t++) {
            List<Event> expected = new ArrayList<>();
            for (Event e : gold.step(inputs.get(t))) {
                if (!net.populations().get(e.population()).isInput()) {
                    expected.add(e);
                }
            }
            List<Event> got = tile.step(inputs.get(t), STEP_BUDGET);
            assertEquals(expected, got, label + ": events of step " + t);
        }
        for (int p = 0; p < net.populations().size(); p++) {
            if (!net.populations().get(p).isInput()) {
                assertArrayEquals(gold.state(p), tile.states(p), label + ": final states of "
                        + net.populations().get(p).name());
            }
        }
        return tile;
    }

    private static int[][] weights(SplittableRandom r, int n, int m, int lo, int hi) {
        int[][] w = new int[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                w[i][j] = lo + r.nextInt(hi - lo + 1);
            }
        }
        return w;
    }

    private static List<List<Event>> spikes(SplittableRandom r, int pop, int n, int steps, double p) {
        List<List<Event>> in = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<Event> s = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (r.nextDouble() < p) {
                    s.add(new Event(pop, i, 1));
                }
            }
            in.add(s);
        }
        return in;
    }

    @Test
    void oneLifLayerMatchesTheEventModelStepByStep() {
        SplittableRandom r = new SplittableRandom(1);
        Network net = new Network("lif", List.of(Population.input("in", 12),
                new Population("out", 21, NeuronParams.leaky(40, 2, SUB, 16))),
                List.<Projection>of(new FullProjection("in", "out", 8, 1, weights(r, 12, 21, -30, 60))));
        TileModel tile = runBoth(TileParams.defaults(), net, spikes(r, 0, 12, 20, 0.4), "lif");
        assertTrue(tile.mmio(TileMap.CNT_FIRES) > 0, "some neuron fired");
        assertEquals(tile.mmio(TileMap.CNT_FIRES), tile.mmio(TileMap.CNT_EV_OUT), "one host packet per fire");
    }

    @Test
    void recurrentIfPopulationFeedsItselfThroughTheScdq() {
        SplittableRandom r = new SplittableRandom(2);
        Network net = new Network("rec", List.of(Population.input("in", 5),
                new Population("h", 10, NeuronParams.integrateAndFire(20, ZERO, 16))),
                List.<Projection>of(new FullProjection("in", "h", 8, 0, weights(r, 5, 10, 0, 25)),
                        new FullProjection("h", "h", 8, 2, weights(r, 10, 10, -10, 20))));
        TileModel tile = runBoth(TileParams.defaults(), net, spikes(r, 0, 5, 20, 0.3), "rec");
        assertTrue(tile.mmio(TileMap.CNT_EV_OUT) > tile.mmio(TileMap.CNT_FIRES), "recurrent packets were sent");
    }

    @Test
    void sigmaDeltaLayerWithGradedInputs() {
        SplittableRandom r = new SplittableRandom(3);
        Network net = new Network("sd", List.of(Population.input("in", 6),
                new Population("sd", 9, NeuronParams.sigmaDelta(8, 16)),
                new Population("out", 4, NeuronParams.sigmaDelta(1, 16))),
                List.<Projection>of(new FullProjection("in", "sd", 8, 0, weights(r, 6, 9, -128, 127)),
                        new FullProjection("sd", "out", 8, 1, weights(r, 9, 4, -3, 3))));
        List<List<Event>> in = new ArrayList<>();
        for (int t = 0; t < 15; t++) {
            List<Event> s = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                if (r.nextInt(3) == 0) {
                    int v = r.nextInt(-300, 301);
                    s.add(new Event(0, i, v == 0 ? 1 : v));
                }
            }
            in.add(s);
        }
        TileModel tile = runBoth(TileParams.defaults(), net, in, "sd");
        assertTrue(tile.mmio(TileMap.CNT_FIRES) > 10, "sigma-delta changes: " + tile.mmio(TileMap.CNT_FIRES));
    }

    @Test
    void perSynapseDelaysUpToTheMaximumAndSaturation() {
        SplittableRandom r = new SplittableRandom(4);
        TileParams shape = TileParams.defaults();
        int d = shape.scdq().maxDelay();
        int[][] delays = new int[7][13];
        for (int[] row : delays) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextInt(d + 1);
            }
        }
        delays[0][0] = d;
        int[] axonDelays = {0, d, 3, 7, 1};
        Network net = new Network("delays", List.of(Population.input("a", 7), Population.input("b", 5),
                new Population("h", 13, NeuronParams.integrateAndFire(32767, SUB, 16))),
                List.<Projection>of(new FullProjection("a", "h", 8, 0, weights(r, 7, 13, -128, 127), null, delays),
                        new FullProjection("b", "h", 8, 0, weights(r, 5, 13, 100, 127), axonDelays, null)));
        List<List<Event>> in = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            List<Event> s = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                if (r.nextInt(2) == 0) {
                    s.add(new Event(0, i, 1));
                }
            }
            for (int i = 0; i < 5; i++) {
                if (r.nextInt(4) == 0) {
                    s.add(new Event(1, i, r.nextInt(-300, 301) | 1)); // graded: one event can saturate
                }
            }
            in.add(s);
        }
        TileModel tile = runBoth(shape, net, in, "delays");
        assertTrue(tile.mmio(TileMap.CNT_FIRES) > 0, "some neuron fired");
        assertTrue(tile.mmio(TileMap.CNT_SCDQ_PEAK) > 12, "events waited in the SCDQ: " + tile.mmio(TileMap.CNT_SCDQ_PEAK));
    }

    /** Convolutions are unrolled to their synapses: sum pooling with per-axon delays, and a strided, padded one. */
    @Test
    void convolutionsWithPoolingAndStrideMatchTheEventModel() {
        SplittableRandom r = new SplittableRandom(6);
        int[][][][] k1 = new int[2][2][3][3];
        int[][][][] k2 = new int[3][2][3][3];
        for (int[][][][] k : List.of(k1, k2)) {
            for (int[][][] a : k) {
                for (int[][] b : a) {
                    for (int[] c : b) {
                        for (int x = 0; x < c.length; x++) {
                            c[x] = r.nextInt(-8, 8);
                        }
                    }
                }
            }
        }
        int[] axonDelays = new int[72];
        for (int i = 0; i < axonDelays.length; i++) {
            axonDelays[i] = r.nextInt(6);
        }
        Network net = new Network("conv", List.of(Population.input("img", 72),
                new Population("pooled", 18, NeuronParams.integrateAndFire(25, SUB, 16)),
                new Population("strided", 27, NeuronParams.sigmaDelta(4, 16))),
                List.<Projection>of(new dev.neuroforge.model.ConvProjection("img", "pooled", 4, 0, 2, 6, 6, 2, 3, 1, 1, 2,
                                k1, axonDelays),
                        new dev.neuroforge.model.ConvProjection("img", "strided", 4, 2, 2, 6, 6, 3, 3, 2, 1, k2)));
        TileModel tile = runBoth(TileParams.defaults(), net, spikes(r, 0, 72, 20, 0.3), "conv");
        assertTrue(tile.mmio(TileMap.CNT_FIRES) > 20, "fires: " + tile.mmio(TileMap.CNT_FIRES));
    }

    /**
     * Two events due in one step that the SCDQ gives out of axon order (source 1 over delay 1
     * pushed a step before source 0 over delay 0) into a saturating state: the golden order
     * (source 0, then source 1) gives -32640 + 38100 = 5460; the push order would give 127.
     */
    @Test
    void eventsDueTogetherAreIntegratedInAxonOrderNotPushOrder() {
        Network net = new Network("order", List.of(Population.input("g", 2),
                new Population("h", 1, NeuronParams.integrateAndFire(32767, ZERO, 16))),
                List.<Projection>of(new FullProjection("g", "h", 8, 0, new int[][] {{-128}, {127}},
                        new int[] {0, 1}, null)));
        List<List<Event>> in = List.of(List.of(new Event(0, 1, 300)), List.of(new Event(0, 0, 255)), List.of(),
                List.of());
        TileModel tile = runBoth(TileParams.defaults(), net, in, "order");
        assertEquals(5460, tile.state(1, 0));
    }

    @Test
    void twoHundredRandomSingleTileNetworksMatchTheEventModel() {
        long seed = Seeds.seed("TileModelTest#twoHundredRandomSingleTileNetworksMatchTheEventModel");
        SplittableRandom master = new SplittableRandom(seed);
        long steps = 0;
        long instr = 0;
        long fires = 0;
        long selfPackets = 0;
        Progress progress = new Progress("tile model, random networks", 200);
        for (int n = 0; n < 200; n++) {
            long s = master.nextLong();
            TileNetworks.Case c = TileNetworks.random(new SplittableRandom(s), TileParams.defaults());
            TileModel tile = runBoth(TileParams.defaults(), c.network(), c.inputs(), "network " + n + " (case seed " + s
                    + ")");
            steps += c.inputs().size();
            instr += tile.instructions();
            fires += tile.mmio(TileMap.CNT_FIRES);
            selfPackets += tile.mmio(TileMap.CNT_EV_OUT) - tile.mmio(TileMap.CNT_FIRES);
            progress.step(n + 1);
        }
        progress.finish();
        System.out.println("[tile] 200 random networks, " + steps + " steps, " + instr + " instructions, " + fires
                + " fire events compared, " + selfPackets + " recurrent packets");
        assertTrue(fires > 2000 && selfPackets > 500, "the random networks are active");
    }

    /**
     * Core instructions per input event and per step on a 256 -> 256 LIF layer at 5 % input
     * activity (one segment of 32 rows per event), checked against the event model as it runs;
     * per event = (instructions of a step - those of an empty step) / input events.
     */
    @Test
    void measuresCoreInstructionsPerInputEventOnA256To256LifLayer() {
        SplittableRandom r = new SplittableRandom(5);
        Network net = new Network("fc256", List.of(Population.input("in", 256),
                new Population("out", 256, NeuronParams.leaky(300, 4, SUB, 16))),
                List.<Projection>of(new FullProjection("in", "out", 8, 0, weights(r, 256, 256, -20, 40))));
        TileParams shape = TileParams.defaults().withNpe(new NpeParams(8, 8, 16, 16, 64, 8192));
        TileModel tile = new TileModel().load(TileImage.build(shape, net, firmware(), 1, 2, 0, 0));
        EventModel gold = new EventModel(net);
        tile.step(List.of(), STEP_BUDGET);
        gold.step(List.of());
        long empty = tile.stepInstructions();
        long events = 0;
        long extra = 0;
        long total = 0;
        int steps = 50;
        for (int t = 0; t < steps; t++) {
            List<Event> in = spikes(r, 0, 256, 1, 0.05).get(0);
            List<Event> expected = gold.step(in).stream().filter(e -> e.population() == 1).toList();
            assertEquals(expected, tile.step(in, STEP_BUDGET), "fc256 step " + t);
            events += in.size();
            extra += tile.stepInstructions() - empty;
            total += tile.stepInstructions();
        }
        double perEvent = (double) extra / events;
        System.out.printf("[tile] 256->256 LIF, 5 %% input: %d input events in %d steps; %.1f instructions per step,"
                + " %d per empty step (update loop, tick entry/exit), %.2f per input event%n", events, steps,
                (double) total / steps, empty, perEvent);
        assertTrue(perEvent < 40, "instructions per input event: " + perEvent);
    }

    /** Another tile shape: 4 lanes, 4-bit weights, 24-bit states, 8-bit values, D = 7, small memories. */
    @Test
    void fiftyRandomNetworksOnASmallTileWithWideStates() {
        long seed = Seeds.seed("TileModelTest#fiftyRandomNetworksOnASmallTileWithWideStates");
        SplittableRandom master = new SplittableRandom(seed);
        TileParams shape = TileParams.defaults().withNpe(new NpeParams(4, 4, 24, 8, 32, 512)).withScdq(7, 256).withMemories(512, 1024, 256);
        for (int n = 0; n < 50; n++) {
            long s = master.nextLong();
            TileNetworks.Case c = TileNetworks.random(new SplittableRandom(s), shape);
            runBoth(shape, c.network(), c.inputs(), "small tile, network " + n + " (case seed " + s + ")");
        }
    }

    // ---- refusals ----

    private static Network layer(int in, int out, NeuronParams n, int weightBits, int delay, int w) {
        int[][] ws = new int[in][out];
        for (int[] row : ws) {
            java.util.Arrays.fill(row, w);
        }
        return new Network("x", List.of(Population.input("in", in), new Population("out", out, n)),
                List.<Projection>of(new FullProjection("in", "out", weightBits, delay, ws)));
    }

    private static void refused(TileParams shape, Network net, String... parts) {
        TileImage.DoesNotFit e = assertThrows(TileImage.DoesNotFit.class,
                () -> TileImage.build(shape, net, firmware(), 1, 1, 0, 0));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' should contain '" + p + "'");
        }
    }

    @Test
    void everyResourceLimitIsRefusedWithItsName() {
        TileParams s = TileParams.defaults();
        NeuronParams lif = NeuronParams.leaky(10, 1, ZERO, 16);
        refused(s, layer(2, 8 * 64 + 1, lif, 8, 0, 1), "neurons (NPE rows", "needs 65", "has 64");
        refused(s.withNpe(new NpeParams(8, 8, 16, 16, 64, 100)), layer(26, 32, lif, 8, 0, 1), "weight words (NPE memDepth M)",
                "needs 104", "has 100");
        refused(s, layer(2, 4, lif, 8, 16, 1), "delay (SCDQ maxDelay D)", "needs 16", "has 15");
        refused(s.withScdq(15, 19), layer(5, 4, lif, 8, 3, 1), "SCDQ capacity", "needs 20", "has 19");
        refused(s, layer(2, 4, NeuronParams.leaky(10, 1, ZERO, 24), 8, 0, 1), "state width (NPE stateBits S)",
                "needs 24", "has 16");
        refused(s, layer(2, 4, lif, 16, 0, 200), "weight width (NPE weightBits W)", "needs 200", "has 127");
        refused(s, layer(2, 4, NeuronParams.sigmaDelta(6, 16), 8, 0, 1), "sigma-delta step (a power of two)",
                "needs 6");
        refused(s.withMemories(2048, 256, 1024), layer(200, 4, lif, 8, 0, 1), "DMEM bytes", "has 1024");
        refused(s.withMemories(2048, 4096, 16), layer(2, 17, lif, 8, 0, 1), "routing entries (RTENT)", "needs 17",
                "has 16");
        refused(s, new Network("wide", List.of(Population.input("in", 65536), new Population("out", 1, lif)),
                List.<Projection>of()), "host axons", "needs 65537", "has 65536");
        Elf big = Elf.of("big", 0, List.of(new Elf.Segment(0, new byte[2048], 2048)), java.util.Map.of());
        TileImage.DoesNotFit imem = assertThrows(TileImage.DoesNotFit.class, () -> TileImage.build(
                s.withMemories(256, 4096, 1024), layer(2, 4, lif, 8, 0, 1), big, 1, 1, 0, 0));
        assertTrue(imem.getMessage().contains("IMEM bytes") && imem.getMessage().contains("needs 2048")
                && imem.getMessage().contains("has 1024"), imem.getMessage());
        TileImage img = TileImage.build(s.withNpe(new NpeParams(8, 8, 16, 4, 64, 2048)), layer(2, 4, lif, 8, 0, 1), firmware(), 1, 1, 0,
                0);
        TileImage.DoesNotFit e = assertThrows(TileImage.DoesNotFit.class, () -> img.hostPackets(0, 0, 9));
        assertTrue(e.getMessage().contains("graded event value (valueBits V)"), e.getMessage());
        refused(s.withNpe(new NpeParams(8, 8, 16, 8, 64, 2048)), new Network("sdv", List.of(Population.input("in", 2),
                new Population("a", 3, NeuronParams.sigmaDelta(2, 16)), new Population("b", 3, lif)),
                List.<Projection>of(new FullProjection("in", "a", 8, 0, new int[2][3]),
                        new FullProjection("a", "b", 8, 0, new int[3][3]))), "graded event value (valueBits V)",
                "needs 32766", "has 127");
    }
}
