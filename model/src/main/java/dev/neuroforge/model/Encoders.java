package dev.neuroforge.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns dense tensors or images into input events for one input population. A tensor is given
 * flat in the population's neuron order (channel-major for images: {@link #flatten}).
 * <ul>
 * <li>Rate coding: in every step, neuron i spikes with probability {@code x[i] / scale}, drawn
 * from a seeded generator: the same seed gives the same events.</li>
 * <li>Delta coding (send-on-delta): each neuron keeps the value it last sent, {@code ref}; in
 * step t it sends {@code x[t][i] - ref[i]} as a graded event when that difference is at least
 * {@code threshold} in magnitude, and then {@code ref[i] = x[t][i]}. With threshold 1 the sum
 * of a neuron's events up to step t is exactly {@code x[t][i]}; a static image sends its pixels
 * once, in step 0.</li>
 * </ul>
 */
public final class Encoders {
    private Encoders() {
    }

    /** {@code [c][h][w]} to a flat array in neuron order {@code (c * h + y) * w + x}. */
    public static int[] flatten(int[][][] image) {
        int c = image.length;
        int h = image[0].length;
        int w = image[0][0].length;
        int[] flat = new int[c * h * w];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                if (image[k][y].length != w) {
                    throw new IllegalArgumentException("image[" + k + "][" + y + "] has " + image[k][y].length
                            + " columns; must be " + w);
                }
                System.arraycopy(image[k][y], 0, flat, (k * h + y) * w, w);
            }
        }
        return flat;
    }

    /**
     * Rate-coded spikes: {@code steps} steps, neuron i spiking with probability x[i] / scale
     * (x in 0..scale, e.g. 255 for 8-bit pixels).
     */
    public static List<List<Event>> rate(int population, int[] x, int scale, int steps, long seed) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale = " + scale + " is not allowed: must be at least 1");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0 || x[i] > scale) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " is not allowed: must be in 0.." + scale);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<List<Event>> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<Event> step = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (rnd.nextInt(scale) < x[i]) {
                    step.add(new Event(population, i, 1));
                }
            }
            out.add(step);
        }
        return out;
    }

    /** Delta-coded graded events of a sequence of tensors {@code x[t][i]} (send-on-delta). */
    public static List<List<Event>> delta(int population, int[][] x, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold = " + threshold + " is not allowed: must be at least 1");
        }
        List<List<Event>> out = new ArrayList<>();
        long[] ref = x.length == 0 ? new long[0] : new long[x[0].length];
        for (int t = 0; t < x.length; t++) {
            if (x[t].length != ref.length) {
                throw new IllegalArgumentException("x[" + t + "] has " + x[t].length + " values; must be " + ref.length);
            }
            List<Event> step = new ArrayList<>();
            for (int i = 0; i < ref.length; i++) {
                long d = x[t][i] - ref[i];
                if (Math.abs(d) >= threshold) {
                    step.add(new Event(population, i, d));
                    ref[i] = x[t][i];
                }
            }
            out.add(step);
        }
        return out;
    }

    /** A static image, delta-coded: its non-zero pixels as graded events in step 0, then {@code steps - 1} empty steps. */
    public static List<List<Event>> deltaImage(int population, int[] pixels, int steps) {
        int[][] x = new int[steps][];
        for (int t = 0; t < steps; t++) {
            x[t] = pixels;
        }
        return delta(population, x, 1);
    }
}
