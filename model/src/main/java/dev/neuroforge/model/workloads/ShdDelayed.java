package dev.neuroforge.model.workloads;

import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Metrics;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Workload (c): a delayed, recurrence-free SNN of the shape used on the Spiking Heidelberg Digits
 * (700 input channels -> 256 LIF -> 20 LIF), with one axonal delay per synapse in 0..25 steps on the
 * input projection. Weights and delays are generated (seeded, no training); the input is
 * synthetic: each channel fires with its own rate (0.5..4 % per step) plus a burst sweeping across
 * the channels, loosely like a cochlea model's output. No labels, so no accuracy: the figures are
 * work, sparsity, speed and memory.
 */
public final class ShdDelayed {
    private ShdDelayed() {
    }

    public static final int INPUTS = 700;
    public static final int HIDDEN = 256;
    public static final int OUTPUTS = 20;
    public static final int MAX_DELAY = 25;

    /** What one run measured; times cover the stepping only, not building the model or the metrics. */
    public record Result(int samples, int steps, long synopsEffective, long synopsDense, long inputEvents,
            long hiddenEvents, long outputEvents, double hiddenSparsity, long heapBytes, double energyMicrojoules,
            double msPerSample, double synopsPerSecond) {
    }

    public static Network network(long seed) {
        Random rnd = new Random(seed);
        int[][] w1 = new int[INPUTS][HIDDEN];
        int[][] d1 = new int[INPUTS][HIDDEN];
        for (int i = 0; i < INPUTS; i++) {
            for (int j = 0; j < HIDDEN; j++) {
                w1[i][j] = (int) Math.max(-128, Math.min(127, Math.round(rnd.nextGaussian() * 24 + 6)));
                d1[i][j] = rnd.nextInt(MAX_DELAY + 1);
            }
        }
        int[][] w2 = new int[HIDDEN][OUTPUTS];
        for (int[] row : w2) {
            for (int j = 0; j < OUTPUTS; j++) {
                row[j] = (int) Math.max(-128, Math.min(127, Math.round(rnd.nextGaussian() * 30 + 8)));
            }
        }
        return new Network("shd-delayed", List.of(Population.input("in", INPUTS),
                new Population("hidden", HIDDEN, NeuronParams.leaky(800, 4, NeuronParams.Reset.SUBTRACT, 16)),
                new Population("out", OUTPUTS, NeuronParams.leaky(300, 4, NeuronParams.Reset.SUBTRACT, 16))),
                List.of(new FullProjection("in", "hidden", 8, 0, w1, null, d1), new FullProjection("hidden", "out", 8, 0, w2)));
    }

    /** Synthetic input spikes of one sample: per-channel rates plus a sweeping burst. */
    public static List<List<Event>> input(int steps, long seed) {
        Random rnd = new Random(seed);
        double[] rate = new double[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            rate[i] = 0.005 + 0.035 * rnd.nextDouble();
        }
        int start = rnd.nextInt(INPUTS);
        double speed = 2 + 6 * rnd.nextDouble();
        List<List<Event>> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            int centre = (int) (start + speed * t) % INPUTS;
            List<Event> step = new ArrayList<>();
            for (int i = 0; i < INPUTS; i++) {
                int dist = Math.min(Math.abs(i - centre), INPUTS - Math.abs(i - centre));
                double p = rate[i] + (dist < 20 ? 0.3 : 0);
                if (rnd.nextDouble() < p) {
                    step.add(new Event(0, i, 1));
                }
            }
            out.add(step);
        }
        return out;
    }

    public static Result run(int samples, int steps, long seed) {
        long before = usedHeap();
        Network net = network(seed);
        EventModel probe = new EventModel(net);
        long heap = usedHeap() - before;
        probe.step(List.of());  // keeps the probe (and the network) reachable until measured
        long synops = 0;
        long dense = 0;
        long[] events = new long[3];
        double energy = 0;
        long nanos = 0;
        for (int s = 0; s < samples; s++) {
            EventModel m = new EventModel(net);
            List<List<Event>> in = input(steps, seed + 1 + s);
            long t0 = System.nanoTime();
            for (int t = 0; t < steps + MAX_DELAY + 2; t++) {
                m.step(t < steps ? in.get(t) : List.of());
            }
            nanos += System.nanoTime() - t0;
            Metrics mx = Metrics.of(net, m);
            synops += mx.synopsEffective();
            dense += mx.synopsDense();
            for (int p = 0; p < 3; p++) {
                events[p] += m.eventsEmitted(p);
            }
            energy += mx.energyTotalPicojoules();
        }
        double secs = nanos / 1e9;
        int run = steps + MAX_DELAY + 2;
        return new Result(samples, steps, synops, dense, events[0], events[1], events[2],
                1 - (double) events[1] / ((double) HIDDEN * run * samples), heap, energy / samples / 1e6,
                secs * 1000 / samples, synops / secs);
    }

    /** Heap in use after a full collection (best effort: System.gc is a request). */
    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, r.totalMemory() - r.freeMemory());
        }
        return used;
    }
}
