package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvProjectionTest {
    private static final NeuronParams BIG_IF = NeuronParams.integrateAndFire(30_000, NeuronParams.Reset.ZERO, 16);

    private static long[] stateAfterOneSpike(ConvProjection q, int source) {
        Network net = new Network("c", List.of(Population.input("in", q.inChannels() * q.inHeight() * q.inWidth()),
                new Population("out", q.outChannels() * q.outHeight() * q.outWidth(), BIG_IF)), List.of(q));
        EventModel m = new EventModel(net);
        m.step(List.of(new Event(0, source, 1)));
        m.step(List.of());
        return m.state(1);
    }

    @Test
    void centreSpikeReachesEveryOutputThroughTheMirroredKernel() {
        int[][][][] k = {{{{1, 2}, {3, 4}}}};
        ConvProjection q = new ConvProjection("in", "out", 8, 0, 1, 3, 3, 1, 2, 1, 0, k);
        // Output (v, u) sees input (v + ky, u + kx); input (1, 1) is ky = 1 - v, kx = 1 - u.
        assertArrayEquals(new long[] {4, 3, 2, 1}, stateAfterOneSpike(q, 4));
        assertArrayEquals(new long[] {1, 0, 0, 0}, stateAfterOneSpike(q, 0));
        assertArrayEquals(new long[] {0, 0, 0, 4}, stateAfterOneSpike(q, 8));
    }

    @Test
    void strideAndPaddingSkipTheRightOutputs() {
        int[][][][] k = {{{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}}};
        ConvProjection q = new ConvProjection("in", "out", 8, 0, 1, 4, 4, 1, 3, 2, 1, k);
        assertEquals(2, q.outHeight());
        // Output (v, u) covers rows 2v-1 .. 2v+1. Input (0, 0) lies only under output (0, 0), at ky = kx = 1.
        assertArrayEquals(new long[] {5, 0, 0, 0}, stateAfterOneSpike(q, 0));
        // Input (1, 1) = source 5: rows 2v-1 <= 1 <= 2v+1 gives v in {0, 1}; ky = 1 - (2v - 1) = 2 - 2v.
        assertArrayEquals(new long[] {9, 7, 3, 1}, stateAfterOneSpike(q, 5));
    }

    @Test
    void rejectsShapesThatDoNotMatchThePopulations() {
        ConvProjection q = new ConvProjection("in", "out", 8, 0, 2, 5, 5, 3, 3, 1, 0, new int[3][2][3][3]);
        String e = assertThrows(Check.NetworkException.class, () -> new Network("c",
                List.of(Population.input("in", 50), new Population("out", 20, BIG_IF)), List.of(q))).getMessage();
        assertEquals("projections[0]: out has 20 neurons; the output shape 3 x 3 x 3 needs 27", e);
        assertTrue(assertThrows(Check.NetworkException.class,
                () -> new ConvProjection("in", "out", 4, 0, 1, 3, 3, 1, 2, 1, 0, new int[][][][] {{{{8, 0}, {0, 0}}}}))
                .getMessage().contains("kernels[0][0][0][0] = 8 is not allowed"));
    }

    /** The same convolution written out as a full weight matrix, straight from the definition. */
    private static FullProjection unrolled(ConvProjection q) {
        int oh = q.outHeight();
        int ow = q.outWidth();
        int[][] w = new int[q.inChannels() * q.inHeight() * q.inWidth()][q.outChannels() * oh * ow];
        for (int o = 0; o < q.outChannels(); o++) {
            for (int v = 0; v < oh; v++) {
                for (int u = 0; u < ow; u++) {
                    for (int c = 0; c < q.inChannels(); c++) {
                        for (int ky = 0; ky < q.kernel(); ky++) {
                            for (int kx = 0; kx < q.kernel(); kx++) {
                                int y = v * q.stride() - q.padding() + ky;
                                int x = u * q.stride() - q.padding() + kx;
                                if (y >= 0 && y < q.inHeight() && x >= 0 && x < q.inWidth()) {
                                    w[(c * q.inHeight() + y) * q.inWidth() + x][(o * oh + v) * ow + u] = q.kernels()[o][c][ky][kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new FullProjection(q.from(), q.to(), q.weightBits(), q.delay(), w);
    }

    @Test
    void randomConvolutionsMatchTheirUnrolledMatricesOnBothSimulators() {
        String fixed = System.getProperty("neuroforge.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : new SecureRandom().nextLong();
        System.out.println("[seed] ConvProjectionTest seed=" + seed
                + "  replay: mvn -pl model test -Dtest=ConvProjectionTest -Dneuroforge.seed=" + seed);
        Random r = new Random(seed);
        for (int n = 0; n < 300; n++) {
            int k = 1 + r.nextInt(3);
            int pad = r.nextInt(k);
            int h = k + r.nextInt(5);
            int w = k + r.nextInt(5);
            int[][][][] kernels = new int[1 + r.nextInt(3)][1 + r.nextInt(3)][k][k];
            for (int[][][] a : kernels) {
                for (int[][] b : a) {
                    for (int[] c : b) {
                        for (int i = 0; i < k; i++) {
                            c[i] = r.nextInt(256) - 128;
                        }
                    }
                }
            }
            ConvProjection q = new ConvProjection("in", "out", 8, r.nextInt(3), kernels[0].length, h, w, kernels.length, k,
                    1 + r.nextInt(2), pad, kernels);
            int inSize = q.inChannels() * h * w;
            NeuronParams neuron = NeuronParams.sigmaDelta(1 + r.nextInt(20), 16);
            List<Population> pops = List.of(Population.input("in", inSize),
                    new Population("out", q.outChannels() * q.outHeight() * q.outWidth(), neuron));
            Network conv = new Network("conv", pops, List.of(q));
            Network full = new Network("full", pops, List.of(unrolled(q)));
            List<Simulator> sims = List.of(new EventModel(conv), new DenseModel(conv), new EventModel(full));
            for (int t = 0; t < 12; t++) {
                List<Event> in = new ArrayList<>();
                for (int i = 0; i < inSize; i++) {
                    if (r.nextInt(4) == 0) {
                        in.add(new Event(0, i, r.nextInt(7) - 3 | 1));
                    }
                }
                List<Event> a = sims.get(0).step(in);
                assertEquals(a, sims.get(1).step(in), "conv on event vs dense model, case " + n + " step " + t);
                assertEquals(a, sims.get(2).step(in), "conv vs unrolled matrix, case " + n + " step " + t);
            }
            assertArrayEquals(sims.get(2).state(1), sims.get(0).state(1));
            assertEquals(sims.get(1).synapticOps(), sims.get(0).synapticOps(), "both count only real connections");
        }
    }

    @Test
    void pooledConvolutionsAreTheWindowSumsOfTheirUnpooledConvolutions() {
        String fixed = System.getProperty("neuroforge.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : new SecureRandom().nextLong();
        System.out.println("[seed] ConvProjectionTest#pooled seed=" + seed
                + "  replay: mvn -pl model test -Dtest=ConvProjectionTest -Dneuroforge.seed=" + seed);
        Random rnd = new Random(seed);
        for (int n = 0; n < 200; n++) {
            int ic = 1 + rnd.nextInt(2);
            int h = 2 + rnd.nextInt(6);
            int w = 2 + rnd.nextInt(6);
            int k = 1 + rnd.nextInt(Math.min(3, Math.min(h, w)));
            int pad = rnd.nextInt(k);
            int stride = 1 + rnd.nextInt(2);
            int oc = 1 + rnd.nextInt(2);
            int[][][][] kernels = new int[oc][ic][k][k];
            for (int[][][] a : kernels) {
                for (int[][] b : a) {
                    for (int[] c : b) {
                        for (int x = 0; x < k; x++) {
                            c[x] = rnd.nextInt(255) - 127;
                        }
                    }
                }
            }
            ConvProjection plain = new ConvProjection("in", "out", 8, 0, ic, h, w, oc, k, stride, pad, kernels);
            int ch = plain.outHeight();
            int cw = plain.outWidth();
            int p = 1 + rnd.nextInt(Math.min(3, Math.min(ch, cw)));
            ConvProjection pooled = new ConvProjection("in", "out", 8, 0, ic, h, w, oc, k, stride, pad, p, kernels, null);
            int oh = ch / p;
            int ow = cw / p;
            String at = "case " + n + " (seed " + seed + ")";
            assertEquals(oh, pooled.outHeight(), at);
            for (int i = 0; i < ic * h * w; i++) {
                long[] fromTargets = new long[oc * oh * ow];
                boolean[] seen = new boolean[oc * oh * ow];
                pooled.forEachTarget(i, (j, wt) -> {
                    assertTrue(!seen[j], "each target at most once per source");
                    seen[j] = true;
                    fromTargets[j] = wt;
                });
                for (int o = 0; o < oc; o++) {
                    for (int v = 0; v < oh; v++) {
                        for (int u = 0; u < ow; u++) {
                            int j = (o * oh + v) * ow + u;
                            long sum = 0;
                            boolean any = false;
                            for (int a = 0; a < p; a++) {
                                for (int b = 0; b < p; b++) {
                                    int cj = (o * ch + v * p + a) * cw + u * p + b;
                                    sum += plain.weight(i, cj);
                                    any |= plain.connects(i, cj);
                                }
                            }
                            assertEquals(any, pooled.connects(i, j), at + " connects(" + i + ", " + j + ")");
                            assertEquals(any, seen[j], at + " forEachTarget reaches " + j);
                            assertEquals(sum, pooled.weight(i, j), at + " weight(" + i + ", " + j + ")");
                            assertEquals(sum, fromTargets[j], at + " forEachTarget weight to " + j);
                        }
                    }
                }
            }
        }
    }
}
