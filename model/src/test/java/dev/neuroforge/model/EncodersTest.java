package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EncodersTest {
    @Test
    void flattensImagesChannelMajor() {
        int[][][] img = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, Encoders.flatten(img));
    }

    @Test
    void rateCodingIsReproducibleFromItsSeedAndFollowsTheIntensity() {
        int[] x = {0, 255, 64, 128};
        List<List<Event>> a = Encoders.rate(2, x, 255, 2000, 42);
        assertEquals(a, Encoders.rate(2, x, 255, 2000, 42), "same seed, same events");
        assertNotEquals(a, Encoders.rate(2, x, 255, 2000, 43), "another seed, other events");
        int[] count = new int[4];
        for (List<Event> step : a) {
            for (Event e : step) {
                assertEquals(2, e.population());
                assertEquals(1, e.value());
                count[e.neuron()]++;
            }
        }
        assertEquals(0, count[0], "intensity 0 never spikes");
        assertEquals(2000, count[1], "full intensity spikes every step");
        // 2000 Bernoulli draws: the mean is 2000 p, the standard deviation below 23; 6 sigma bounds.
        assertTrue(Math.abs(count[2] - 2000 * 64 / 255.0) < 6 * 20, "about 25 % of steps: " + count[2]);
        assertTrue(Math.abs(count[3] - 2000 * 128 / 255.0) < 6 * 23, "about 50 % of steps: " + count[3]);
    }

    @Test
    void deltaCodingSendsOnlyChangesOfAtLeastTheThreshold() {
        // neuron 0: 0, 5, 6, 2 with threshold 3: sends +5 at t1 (ref 5), nothing at t2 (|6-5| < 3), -3 at t3.
        // neuron 1: 10, 10, 10, 10: sends +10 at t0, then nothing.
        int[][] x = {{0, 10}, {5, 10}, {6, 10}, {2, 10}};
        List<List<Event>> e = Encoders.delta(0, x, 3);
        assertEquals(List.of(new Event(0, 1, 10)), e.get(0));
        assertEquals(List.of(new Event(0, 0, 5)), e.get(1));
        assertEquals(List.of(), e.get(2));
        assertEquals(List.of(new Event(0, 0, -3)), e.get(3));
    }

    @Test
    void deltaCodingWithThresholdOneReconstructsTheTensorExactly() {
        int[][] x = {{3, 0, -2}, {3, 1, 7}, {0, 1, 7}, {9, -4, 7}};
        List<List<Event>> e = Encoders.delta(0, x, 1);
        long[] sum = new long[3];
        for (int t = 0; t < x.length; t++) {
            for (Event ev : e.get(t)) {
                sum[ev.neuron()] += ev.value();
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(x[t][i], sum[i], "sum of events of neuron " + i + " up to step " + t);
            }
        }
        List<List<Event>> img = Encoders.deltaImage(1, new int[] {0, 200, 7}, 3);
        assertEquals(List.of(new Event(1, 1, 200), new Event(1, 2, 7)), img.get(0));
        assertEquals(List.of(), img.get(2));
    }

    @Test
    void rejectsIntensitiesOutsideTheScale() {
        assertEquals("x[1] = 300 is not allowed: must be in 0..255",
                assertThrows(IllegalArgumentException.class, () -> Encoders.rate(0, new int[] {0, 300}, 255, 1, 1)).getMessage());
    }
}
