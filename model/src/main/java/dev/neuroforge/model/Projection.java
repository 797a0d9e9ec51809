package dev.neuroforge.model;

/**
 * A projection from one population to another. Each synapse (i, j) has an axonal delay
 * {@code delay(i, j)}: an event emitted by source i in step t is added to target j in step
 * t + 1 + delay(i, j). The delay is one per projection ({@link #delay()}), one per source neuron
 * (per axon, {@link #axonDelays()}) or, for fully connected projections, one per synapse.
 * Fully connected ({@link FullProjection}) or 2-D convolution with optional sum pooling
 * ({@link ConvProjection}).
 */
public sealed interface Projection permits FullProjection, ConvProjection {
    int MAX_DELAY = 255;

    String from();

    String to();

    int weightBits();

    /** The per-projection delay (0 when the delays are given per axon or per synapse). */
    int delay();

    /** One delay per source neuron, or null when the delay is per projection or per synapse. */
    int[] axonDelays();

    /** The delay of synapse i -> j. */
    int delay(int i, int j);

    /** Whether every synapse has the per-projection delay {@link #delay()}. */
    boolean uniformDelay();

    /** The distinct delays of the synapses, ascending. */
    int[] distinctDelays();

    /** The largest synapse delay. */
    default int maxDelay() {
        int[] d = distinctDelays();
        return d[d.length - 1];
    }

    /** Checks the shapes against the populations; messages start with {@code at}. */
    void validate(Population from, Population to, String at);

    /** Whether source i reaches target j. */
    boolean connects(int i, int j);

    /** The weight from source i to target j (0 where they are not connected). */
    int weight(int i, int j);

    /**
     * Calls {@code t} once for every target of source {@code i}, with its weight. Each target
     * comes at most once per source.
     */
    void forEachTarget(int i, Target t);

    /** Number of synapses (connected pairs). */
    long synapses();

    /** Receives the targets of one source. */
    @FunctionalInterface
    interface Target {
        void add(int j, int weight);
    }

    static void checkWeightBits(int weightBits) {
        if (weightBits != 4 && weightBits != 8 && weightBits != 16) {
            throw Check.fail("weightBits = " + weightBits + " is not allowed: must be 4, 8 or 16");
        }
    }

    /** Checks per-axon delays (may be null) against the per-projection delay. */
    static void checkAxonDelays(int delay, int[] axonDelays) {
        Check.range("delay", delay, 0, MAX_DELAY);
        if (axonDelays == null) {
            return;
        }
        if (delay != 0) {
            throw Check.fail("delay = " + delay + " is not allowed together with per-axon delays: give one or the other");
        }
        for (int i = 0; i < axonDelays.length; i++) {
            Check.range("delay[" + i + "]", axonDelays[i], 0, MAX_DELAY);
        }
    }

    /** The distinct values among delays (each in 0..MAX_DELAY), ascending. */
    static int[] distinct(int[]... rows) {
        boolean[] seen = new boolean[MAX_DELAY + 1];
        int n = 0;
        for (int[] row : rows) {
            for (int d : row) {
                if (!seen[d]) {
                    seen[d] = true;
                    n++;
                }
            }
        }
        int[] out = new int[n];
        for (int d = 0, k = 0; d <= MAX_DELAY; d++) {
            if (seen[d]) {
                out[k++] = d;
            }
        }
        return out;
    }
}
