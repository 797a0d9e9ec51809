package dev.neuroforge.model.workloads;

import dev.neuroforge.model.ConvProjection;
import dev.neuroforge.model.Encoders;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Metrics;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Workload (b): a small convolutional sigma-delta network on Fashion-MNIST.
 *
 * <p>An ANN {@code conv 1->8, 5x5, padding 2, 2x2 sum pooling -> ReLU -> dense 1568->10} (no
 * biases) is trained in Java with SGD, then converted: pixels are cut to 4 bits (0..15) and sent
 * delta-coded (each non-zero pixel once, as a graded event); weights are rounded to 8 bits with one
 * scale per layer, the second scale lowered if a calibration set (200 training images) would take a
 * state above 2^29; the hidden layer is sigma-delta neurons (the event-based ReLU) with a
 * quantization step of 1/32 of the 99th percentile of the positive calibration states; the output layer is sigma-delta neurons
 * with step 1 whose final states are the class scores. Because sum pooling and the projections are
 * linear and nothing saturates, the event model must reproduce an integer re-computation of the
 * quantized network exactly; {@link Result#mismatches} counts the test images where it does not.
 */
public final class ConvSigmaDelta {
    private ConvSigmaDelta() {
    }

    /** What one run measured. */
    public record Result(int trainImages, int testImages, int epochs, double annAccuracy, double snnAccuracy,
            int mismatches, long synopsEffective, long synopsDense, double hiddenSparsity, long events,
            double energyMicrojoulesPerImage, double msPerImage, int quantStep, double weightScale1, double weightScale2) {
    }

    public static Result run(int trainN, int testN, int epochs, long seed) {
        FashionMnist train = FashionMnist.load(true, trainN);
        FashionMnist test = FashionMnist.load(false, testN);
        Random rnd = new Random(seed);
        Ann.Conv conv = new Ann.Conv(1, 28, 28, 8, 5, 1, 2, 2, rnd);
        Ann.Dense dense = new Ann.Dense(conv.outSize(), 10, rnd);
        Ann ann = new Ann(List.of(conv, new Ann.Relu(), dense));
        ann.train(train, epochs, 16, 0.03f, seed);

        // Quantization, calibrated on the first 200 training images.
        double s1 = 127 / maxAbs(conv.w);
        int[][][][] k1 = conv.quantized(s1);
        int calib = Math.min(200, train.size());
        long[] positive = new long[calib * conv.outSize()];
        int np = 0;
        for (int i = 0; i < calib; i++) {
            for (long v : convInt(k1, pixels4(train.images()[i]))) {
                if (v > 0) {
                    positive[np++] = v;
                }
            }
        }
        Arrays.sort(positive, 0, np);
        int q1 = (int) Math.max(1, np == 0 ? 1 : positive[(int) (np * 0.99)] / 32);
        double m2 = 0;
        for (int i = 0; i < calib; i++) {
            long[] o1 = quantize(convInt(k1, pixels4(train.images()[i])), q1);
            for (int j = 0; j < 10; j++) {
                double u = 0;
                for (int h = 0; h < o1.length; h++) {
                    u += dense.w[h * 10 + j] * o1[h];
                }
                m2 = Math.max(m2, Math.abs(u));
            }
        }
        double s2 = Math.min(127 / maxAbs(dense.w), (1 << 29) / Math.max(1, m2));
        int[][] w2 = dense.quantized(s2);

        Network net = new Network("fashion-conv-sd", List.of(Population.input("img", 784),
                new Population("conv", conv.outSize(), NeuronParams.sigmaDelta(q1, 32)),
                new Population("out", 10, NeuronParams.sigmaDelta(1, 32))),
                List.of(new ConvProjection("img", "conv", 8, 0, 1, 28, 28, 8, 5, 1, 2, 2, k1, null),
                        new FullProjection("conv", "out", 8, 0, w2)));

        int okSnn = 0;
        int okAnn = 0;
        int mismatches = 0;
        long synops = 0;
        long synopsDense = 0;
        long hiddenEvents = 0;
        long events = 0;
        double energy = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < test.size(); i++) {
            int[] x = pixels4(test.images()[i]);
            EventModel m = new EventModel(net);
            for (List<dev.neuroforge.model.Event> step : Encoders.deltaImage(0, x, 3)) {
                m.step(step);
            }
            long[] scores = m.state(2);
            // The same quantized network, computed directly in integers.
            long[] o1 = quantize(convInt(k1, x), q1);
            long[] ref = new long[10];
            for (int h = 0; h < o1.length; h++) {
                for (int j = 0; j < 10; j++) {
                    ref[j] += (long) w2[h][j] * o1[h];
                }
            }
            mismatches += Arrays.equals(ref, scores) ? 0 : 1;
            okSnn += argmax(scores) == test.labels()[i] ? 1 : 0;
            okAnn += Ann.argmax(ann.forward(Ann.input(test.images()[i]))) == test.labels()[i] ? 1 : 0;
            Metrics mx = Metrics.of(net, m);
            synops += mx.synopsEffective();
            synopsDense += mx.synopsDense();
            hiddenEvents += mx.eventsPerPopulation().get("conv");
            events += mx.eventsPerPopulation().values().stream().mapToLong(Long::longValue).sum();
            energy += mx.energyTotalPicojoules();
        }
        double ms = (System.nanoTime() - t0) / 1e6 / Math.max(1, test.size());
        int n = Math.max(1, test.size());
        return new Result(train.size(), test.size(), epochs, (double) okAnn / n, (double) okSnn / n, mismatches, synops,
                synopsDense, 1 - (double) hiddenEvents / ((double) conv.outSize() * 3 * n), events,
                energy / n / 1e6, ms, q1, s1, s2);
    }

    /** Pixels 0..255 cut to 4 bits, 0..15 (rounded). */
    static int[] pixels4(int[] p) {
        int[] x = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            x[i] = (p[i] * 15 + 127) / 255;
        }
        return x;
    }

    /** conv 1->8 (5x5, stride 1, padding 2) then 2x2 sum pooling, in integers. */
    static long[] convInt(int[][][][] k, int[] x) {
        int oc = k.length;
        long[] y = new long[oc * 14 * 14];
        for (int o = 0; o < oc; o++) {
            for (int v = 0; v < 28; v++) {
                for (int u = 0; u < 28; u++) {
                    long s = 0;
                    for (int ky = 0; ky < 5; ky++) {
                        for (int kx = 0; kx < 5; kx++) {
                            int yy = v - 2 + ky;
                            int xx = u - 2 + kx;
                            if (yy >= 0 && yy < 28 && xx >= 0 && xx < 28) {
                                s += (long) k[o][0][ky][kx] * x[yy * 28 + xx];
                            }
                        }
                    }
                    y[(o * 14 + v / 2) * 14 + u / 2] += s;
                }
            }
        }
        return y;
    }

    /** The sigma-delta output of a settled state: floor(max(0, v) / q) * q. */
    static long[] quantize(long[] v, int q) {
        long[] o = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] <= 0 ? 0 : v[i] / q * q;
        }
        return o;
    }

    static double maxAbs(float[] w) {
        double m = 0;
        for (float x : w) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static int argmax(long[] y) {
        int best = 0;
        for (int j = 1; j < y.length; j++) {
            if (y[j] > y[best]) {
                best = j;
            }
        }
        return best;
    }
}
