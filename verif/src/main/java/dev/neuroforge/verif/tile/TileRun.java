package dev.neuroforge.verif.tile;

/**
 * A network fragment running on one tile, step by step: the Verilated tile ({@link TileRtl}) or the
 * instruction-accurate model ({@link TileModel}). Both answer the same questions, so a test or a
 * benchmark can run either against the golden model.
 */
public interface TileRun {
    /** The image loaded. */
    TileImage image();

    /** The state of neuron {@code j} of population {@code p} (a population on the tile). */
    long state(int p, int j);

    /** The states of population {@code p}, in neuron order. */
    default long[] states(int p) {
        long[] s = new long[image().network().populations().get(p).size()];
        for (int j = 0; j < s.length; j++) {
            s[j] = state(p, j);
        }
        return s;
    }

}
