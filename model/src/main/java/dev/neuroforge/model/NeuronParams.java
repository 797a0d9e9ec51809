package dev.neuroforge.model;

/**
 * How the neurons of a population compute (docs/model.md, ARCHITECTURE section 3).
 *
 * @param kind      IF, LIF or SIGMA_DELTA
 * @param threshold firing threshold theta of IF/LIF, 1..max state; unused by sigma-delta
 * @param leakShift LIF leak {@code v - (v >> leakShift)}, 0..31; unused otherwise
 * @param reset     after a spike: ZERO sets v to 0, SUBTRACT takes theta off
 * @param stateBits signed width of the state v, 16..32; every addition saturates to it
 * @param quantStep sigma-delta quantization step, at least 1; unused otherwise
 */
public record NeuronParams(Kind kind, int threshold, int leakShift, Reset reset, int stateBits, int quantStep) {
    /** Neuron models. */
    public enum Kind { IF, LIF, SIGMA_DELTA }

    /** What a spike does to the state. */
    public enum Reset { ZERO, SUBTRACT }

    public NeuronParams {
        Check.notNull("kind", kind);
        Check.notNull("reset", reset);
        Check.range("stateBits", stateBits, 16, 32);
        Check.range("threshold", threshold, 1, (int) Sat.max(stateBits));
        Check.range("leakShift", leakShift, 0, 31);
        Check.range("quantStep", quantStep, 1, (int) Sat.max(stateBits));
    }

    public static NeuronParams integrateAndFire(int threshold, Reset reset, int stateBits) {
        return new NeuronParams(Kind.IF, threshold, 0, reset, stateBits, 1);
    }

    public static NeuronParams leaky(int threshold, int leakShift, Reset reset, int stateBits) {
        return new NeuronParams(Kind.LIF, threshold, leakShift, reset, stateBits, 1);
    }

    public static NeuronParams sigmaDelta(int quantStep, int stateBits) {
        return new NeuronParams(Kind.SIGMA_DELTA, 1, 0, Reset.ZERO, stateBits, quantStep);
    }
}
