package dev.neuroforge.model.workloads;

import dev.neuroforge.model.Encoders;
import dev.neuroforge.model.Event;
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
 * Workload (a): a 3-layer fully connected LIF network (784 -> 256 -> 128 -> 10) on Fashion-MNIST.
 *
 * <p>An ANN with the same shape (ReLU, no biases) is trained in Java with SGD and converted by
 * rate-based ANN-to-SNN conversion: per layer, lambda = the 99.9th percentile of the ReLU outputs on
 * 500 training images; weights are scaled by lambda(previous) / lambda(this) and rounded to 8 bits
 * with the threshold theta = 127 / max |scaled weight|, so a neuron's firing rate approximates its
 * normalized ANN activation. Neurons are LIF (leak shift 8, i.e. 1/256 of the state per step,
 * subtract reset, 24-bit state). Pixels are rate-coded (probability pixel / 255 per step, seeded per
 * image). The class is the output neuron with the largest spikes x theta + final state (its
 * integrated input).
 */
public final class FcLif {
    private FcLif() {
    }

    /** What one run measured. */
    public record Result(int trainImages, int testImages, int epochs, int steps, double annAccuracy, double snnAccuracy,
            long synopsEffective, long synopsDense, double[] sparsity, double energyMicrojoulesPerImage,
            double msPerImage, double synopsPerSecond) {
    }

    private static final int[] SIZES = {784, 256, 128, 10};

    /** The converted network with what classifying needs: the output population's threshold. */
    public record Trained(Network network, int outputThreshold) {
        /** The class of one sample: the output neuron with the largest spikes x theta + final state. */
        public int classify(long[] outputSpikes, long[] outputStates) {
            long[] score = new long[outputSpikes.length];
            for (int j = 0; j < score.length; j++) {
                score[j] = outputSpikes[j] * outputThreshold + outputStates[j];
            }
            return ConvSigmaDelta.argmax(score);
        }
    }

    /** Index of the output population in {@link Trained#network()}. */
    public static final int OUTPUT = 3;

    /** The rate-coded input of test image {@code i} (as {@link #run} encodes it). */
    public static List<List<Event>> input(int[] image, int steps, long seed, int i) {
        return Encoders.rate(0, image, 255, steps, seed * 1_000_003L + i);
    }

    /** Trains the ANN on {@code trainN} images for {@code epochs} and converts it (the class comment). */
    public static Trained train(int trainN, int epochs, long seed) {
        return train(FashionMnist.load(true, trainN), epochs, seed).trained();
    }

    private record Both(Trained trained, Ann ann) {
    }

    private static Both train(FashionMnist train, int epochs, long seed) {
        Random rnd = new Random(seed);
        Ann.Dense[] dense = new Ann.Dense[3];
        for (int l = 0; l < 3; l++) {
            dense[l] = new Ann.Dense(SIZES[l], SIZES[l + 1], rnd);
        }
        Ann ann = new Ann(List.of(dense[0], new Ann.Relu(), dense[1], new Ann.Relu(), dense[2]));
        ann.train(train, epochs, 16, 0.01f, seed);

        // Data-based normalization: lambda per hidden layer on up to 500 training images.
        double[] lambda = {1, 0, 0, 1};
        int calib = Math.min(500, train.size());
        for (int l = 1; l <= 2; l++) {
            float[] acts = new float[calib * SIZES[l]];
            int n = 0;
            for (int i = 0; i < calib; i++) {
                float[] x = Ann.input(train.images()[i]);
                for (int k = 0; k < l; k++) {
                    x = relu(dense[k].forward(x));
                }
                for (float a : x) {
                    acts[n++] = a;
                }
            }
            Arrays.sort(acts, 0, n);
            lambda[l] = Math.max(1e-6, acts[(int) Math.min(n - 1, n * 0.999)]);
        }
        int[][][] w = new int[3][][];
        int[] theta = new int[3];
        for (int l = 0; l < 3; l++) {
            double ratio = lambda[l] / lambda[l + 1];
            double max = ConvSigmaDelta.maxAbs(dense[l].w) * ratio;
            theta[l] = (int) Math.max(1, Math.floor(127 / max));
            w[l] = dense[l].quantized(ratio * theta[l]);
        }
        Network net = new Network("fashion-fc-lif", List.of(Population.input("in", 784),
                new Population("h1", 256, NeuronParams.leaky(theta[0], 8, NeuronParams.Reset.SUBTRACT, 24)),
                new Population("h2", 128, NeuronParams.leaky(theta[1], 8, NeuronParams.Reset.SUBTRACT, 24)),
                new Population("out", 10, NeuronParams.leaky(theta[2], 8, NeuronParams.Reset.SUBTRACT, 24))),
                List.of(new FullProjection("in", "h1", 8, 0, w[0]), new FullProjection("h1", "h2", 8, 0, w[1]),
                        new FullProjection("h2", "out", 8, 0, w[2])));
        return new Both(new Trained(net, theta[2]), ann);
    }

    public static Result run(int trainN, int testN, int epochs, int steps, long seed) {
        FashionMnist train = FashionMnist.load(true, trainN);
        FashionMnist test = FashionMnist.load(false, testN);
        Both both = train(train, epochs, seed);
        Trained tr = both.trained();
        Network net = tr.network();
        Ann ann = both.ann();
        int okSnn = 0;
        int okAnn = 0;
        long synops = 0;
        long dense0 = 0;
        long[] events = new long[4];
        double energy = 0;
        long t0 = System.nanoTime();
        int run = steps + 3;
        for (int i = 0; i < test.size(); i++) {
            EventModel m = new EventModel(net);
            List<List<Event>> in = input(test.images()[i], steps, seed, i);
            long[] spikes = new long[10];
            for (int t = 0; t < run; t++) {
                for (Event e : m.step(t < steps ? in.get(t) : List.of())) {
                    if (e.population() == 3) {
                        spikes[e.neuron()]++;
                    }
                }
            }
            okSnn += tr.classify(spikes, m.state(OUTPUT)) == test.labels()[i] ? 1 : 0;
            okAnn += Ann.argmax(ann.forward(Ann.input(test.images()[i]))) == test.labels()[i] ? 1 : 0;
            Metrics mx = Metrics.of(net, m);
            synops += mx.synopsEffective();
            dense0 += mx.synopsDense();
            for (int p = 0; p < 4; p++) {
                events[p] += m.eventsEmitted(p);
            }
            energy += mx.energyTotalPicojoules();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        int n = Math.max(1, test.size());
        double[] sparsity = new double[4];
        for (int p = 0; p < 4; p++) {
            sparsity[p] = 1 - (double) events[p] / ((double) SIZES[p] * run * n);
        }
        return new Result(train.size(), test.size(), epochs, steps, (double) okAnn / n, (double) okSnn / n, synops, dense0,
                sparsity, energy / n / 1e6, secs * 1000 / n, synops / secs);
    }

    private static float[] relu(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0, x[i]);
        }
        return y;
    }
}
