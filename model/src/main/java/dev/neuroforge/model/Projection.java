package dev.neuroforge.model;

/**
 * A projection from one population to another with one axonal delay: an event emitted in step t
 * is integrated in step t + 1 + delay. Fully connected ({@link FullProjection}) or 2-D
 * convolution ({@link ConvProjection}).
 */
public sealed interface Projection permits FullProjection, ConvProjection {
    int MAX_DELAY = 255;

    String from();

    String to();

    int weightBits();

    int delay();

    /** Checks the shapes against the populations; messages start with {@code at}. */
    void validate(Population from, Population to, String at);

    /** Whether source i reaches target j. */
    boolean connects(int i, int j);

    /** The weight from source i to target j (0 where they are not connected). */
    int weight(int i, int j);

    /** Calls {@code t} once for every target of source {@code i}, with its weight. */
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
}
