package dev.neuroforge.model;

/** The neuron update of one step, shared word for word by both simulators. */
final class Neurons {
    private Neurons() {
    }

    /**
     * Updates neuron {@code j} of a population after this step's input is accumulated into
     * {@code v[j]}. Returns the value it emits, or 0 for none.
     */
    static long update(NeuronParams n, long[] v, long[] oPrev, int j) {
        switch (n.kind()) {
            case IF, LIF -> {
                if (n.kind() == NeuronParams.Kind.LIF) {
                    v[j] = v[j] - (v[j] >> n.leakShift());
                }
                if (v[j] >= n.threshold()) {
                    v[j] = n.reset() == NeuronParams.Reset.ZERO ? 0 : Sat.add(v[j], -n.threshold(), n.stateBits());
                    return 1;
                }
                return 0;
            }
            case SIGMA_DELTA -> {
                long o = quantize(v[j], n.quantStep());
                long delta = o - oPrev[j];
                oPrev[j] = o;
                return delta;
            }
            default -> throw new IllegalStateException(n.kind().toString());
        }
    }

    /** Sigma-delta output: the rectified state rounded down to a multiple of the step. */
    static long quantize(long v, int step) {
        return v <= 0 ? 0 : v / step * step;
    }

    /** Whether an update without new input could still change the neuron or make it fire. */
    static boolean needsUpdateWithoutInput(NeuronParams n, long v) {
        return switch (n.kind()) {
            case IF -> v >= n.threshold();
            case LIF -> v >= n.threshold() || (v >> n.leakShift()) != 0;
            case SIGMA_DELTA -> false;
        };
    }
}
