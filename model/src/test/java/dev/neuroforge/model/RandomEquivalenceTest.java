package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The event-driven model and the dense reference agree, step by step and in their final states, on
 * thousands of random networks: random neuron models and widths, recurrent projections, delays per
 * projection, per axon and per synapse, convolutions with sum pooling, extreme weights and sparse or
 * dense input. Seed printed; replay with -Dneuroforge.seed=N.
 */
class RandomEquivalenceTest {
    private static final NeuronParams.Kind[] KINDS = NeuronParams.Kind.values();

    @Test
    void eventDrivenAndDenseModelsAgreeOnRandomNetworks() {
        String fixed = System.getProperty("neuroforge.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : new SecureRandom().nextLong();
        System.out.println("[seed] RandomEquivalenceTest seed=" + seed
                + "  replay: mvn -pl model test -Dtest=RandomEquivalenceTest -Dneuroforge.seed=" + seed);
        Random rnd = new Random(seed);
        long events = 0;
        int networks = 3000;
        for (int k = 0; k < networks; k++) {
            Network net = randomNetwork(rnd, "net" + k);
            EventModel ev = new EventModel(net);
            DenseModel dense = new DenseModel(net);
            double rate = rnd.nextDouble() * 0.5;
            for (int t = 0; t < 40; t++) {
                List<Event> in = new ArrayList<>();
                for (int p = 0; p < net.populations().size(); p++) {
                    Population pop = net.populations().get(p);
                    if (pop.isInput()) {
                        for (int i = 0; i < pop.size(); i++) {
                            if (rnd.nextDouble() < rate) {
                                in.add(new Event(p, i, rnd.nextBoolean() ? 1 : rnd.nextInt(201) - 100 | 1));
                            }
                        }
                    }
                }
                List<Event> a = ev.step(in);
                List<Event> b = dense.step(in);
                assertEquals(b, a, "network " + k + " step " + t + " (seed " + seed + ")");
                events += a.size();
            }
            for (int p = 0; p < net.populations().size(); p++) {
                assertArrayEquals(dense.state(p), ev.state(p), "network " + k + " final state of population " + p);
            }
            assertEquals(dense.synapticOps(), ev.synapticOps(), "network " + k + " synaptic operations");
        }
        System.out.println("[model] " + networks + " random networks agree; " + events + " events compared");
    }

    /** Delays 0..11, mostly small, sometimes all equal. */
    static int[] randomDelays(Random rnd, int n) {
        int[] d = new int[n];
        int max = rnd.nextBoolean() ? 3 : 12;
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextInt(max);
        }
        return d;
    }

    /**
     * Adds an input image, a convolution (random channels, kernel, stride, padding, sum pooling and
     * per-projection or per-axon delays) to a new population, and a full projection out of it.
     */
    static void addConvolution(Random rnd, List<Population> pops, List<Projection> projs) {
        int ic = 1 + rnd.nextInt(2);
        int h = 2 + rnd.nextInt(5);
        int w = 2 + rnd.nextInt(5);
        int k = 1 + rnd.nextInt(Math.min(3, Math.min(h, w)));
        int pad = rnd.nextInt(k);
        int stride = 1 + rnd.nextInt(2);
        int oc = 1 + rnd.nextInt(2);
        int ch = (h + 2 * pad - k) / stride + 1;
        int cw = (w + 2 * pad - k) / stride + 1;
        int pool = 1 + rnd.nextInt(Math.min(3, Math.min(ch, cw)));
        int wb = new int[] {4, 8, 16}[rnd.nextInt(3)];
        int lo = (int) Sat.min(wb);
        int hi = (int) Sat.max(wb);
        int[][][][] kernels = new int[oc][ic][k][k];
        for (int[][][] a : kernels) {
            for (int[][] b : a) {
                for (int[] c : b) {
                    for (int x = 0; x < k; x++) {
                        c[x] = lo + rnd.nextInt(hi - lo + 1);
                    }
                }
            }
        }
        NeuronParams n = switch (KINDS[rnd.nextInt(KINDS.length)]) {
            case IF -> NeuronParams.integrateAndFire(1 + rnd.nextInt(300), NeuronParams.Reset.SUBTRACT, 16);
            case LIF -> NeuronParams.leaky(1 + rnd.nextInt(300), rnd.nextInt(8), NeuronParams.Reset.ZERO, 24);
            case SIGMA_DELTA -> NeuronParams.sigmaDelta(1 + rnd.nextInt(50), 16 + rnd.nextInt(17));
        };
        Population img = Population.input("img", ic * h * w);
        Population conv = new Population("conv", oc * (ch / pool) * (cw / pool), n);
        pops.add(img);
        pops.add(conv);
        boolean perAxon = rnd.nextBoolean();
        projs.add(new ConvProjection("img", "conv", wb, perAxon ? 0 : rnd.nextInt(4), ic, h, w, oc, k, stride, pad, pool,
                kernels, perAxon ? randomDelays(rnd, img.size()) : null));
        Population to = pops.get(pops.size() - 3);
        if (!to.isInput()) {
            int[][] full = new int[conv.size()][to.size()];
            for (int[] row : full) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = rnd.nextInt(41) - 20;
                }
            }
            projs.add(new FullProjection("conv", to.name(), 8, rnd.nextInt(3), full));
        }
    }

    static Network randomNetwork(Random rnd, String name) {
        List<Population> pops = new ArrayList<>();
        int inputs = 1 + rnd.nextInt(2);
        int layers = 1 + rnd.nextInt(3);
        for (int i = 0; i < inputs; i++) {
            pops.add(Population.input("in" + i, 1 + rnd.nextInt(12)));
        }
        for (int i = 0; i < layers; i++) {
            int bits = 16 + rnd.nextInt(17);
            int maxState = (int) Sat.max(bits);
            NeuronParams.Reset reset = rnd.nextBoolean() ? NeuronParams.Reset.ZERO : NeuronParams.Reset.SUBTRACT;
            int theta = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(maxState) : 1 + rnd.nextInt(300);
            NeuronParams n = switch (KINDS[rnd.nextInt(KINDS.length)]) {
                case IF -> NeuronParams.integrateAndFire(theta, reset, bits);
                case LIF -> NeuronParams.leaky(theta, rnd.nextInt(8), reset, bits);
                case SIGMA_DELTA -> NeuronParams.sigmaDelta(1 + rnd.nextInt(50), bits);
            };
            pops.add(new Population("l" + i, 1 + rnd.nextInt(12), n));
        }
        List<Projection> projs = new ArrayList<>();
        int count = 1 + rnd.nextInt(5);
        for (int k = 0; k < count; k++) {
            Population from = pops.get(rnd.nextInt(pops.size()));
            Population to = pops.get(inputs + rnd.nextInt(layers));
            int wb = new int[] {4, 8, 16}[rnd.nextInt(3)];
            int lo = (int) Sat.min(wb);
            int hi = (int) Sat.max(wb);
            int[][] w = new int[from.size()][to.size()];
            for (int[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = rnd.nextInt(5) == 0 ? (rnd.nextBoolean() ? lo : hi) : lo + rnd.nextInt(hi - lo + 1);
                }
            }
            int delay = rnd.nextInt(4) == 0 ? rnd.nextInt(12) : rnd.nextInt(3);
            switch (rnd.nextInt(3)) {
                case 0 -> projs.add(new FullProjection(from.name(), to.name(), wb, delay, w));
                case 1 -> projs.add(new FullProjection(from.name(), to.name(), wb, 0, w, randomDelays(rnd, from.size()), null));
                default -> {
                    int[][] d = new int[from.size()][];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = randomDelays(rnd, to.size());
                    }
                    projs.add(new FullProjection(from.name(), to.name(), wb, 0, w, null, d));
                }
            }
        }
        if (rnd.nextBoolean()) {
            addConvolution(rnd, pops, projs);
        }
        return new Network(name, pops, projs);
    }
}
