package dev.neuroforge.verif.npe;

import dev.neuroforge.model.Sat;

/**
 * The arithmetic of one NPE lane, written from the specification (ARCHITECTURE section 3,
 * docs/model.md, docs/npe.md) on top of the golden model's {@link Sat}: every result is clamped to
 * its signed width, never wrapped; shifts are arithmetic (towards minus infinity); sigma-delta
 * quantisation rounds the rectified state down to a multiple of {@code 2^q}. All values are plain
 * {@code long}s holding signed numbers already in range.
 */
public final class NpeArith {
    private NpeArith() {
    }

    /** MAC: {@code sat(v + w * x)}. */
    public static long mac(long v, long w, long x, int stateBits) {
        return Sat.add(v, w * x, stateBits);
    }

    /** ACC (binary spike): {@code sat(v + w)}. */
    public static long acc(long v, long w, int stateBits) {
        return Sat.add(v, w, stateBits);
    }

    /** Leak: {@code v - (v >> k)}, arithmetic shift; never leaves the state's range. */
    public static long leak(long v, int k) {
        return v - (v >> k);
    }

    /** Whether a state at {@code v} fires against threshold {@code theta} ({@code v >= theta}). */
    public static boolean fires(long v, long theta) {
        return v >= theta;
    }

    /** The state after a spike: 0, or {@code sat(v - theta)} when resetting by subtraction. */
    public static long afterSpike(long v, long theta, boolean subtract, int stateBits) {
        return subtract ? Sat.add(v, -theta, stateBits) : 0;
    }

    /** Sigma-delta output level: {@code floor(max(0, v) / 2^q) * 2^q}. */
    public static long quantize(long v, int q) {
        long step = 1L << q;
        return v <= 0 ? 0 : v / step * step;
    }

    /** The change a sigma-delta neuron sends: {@code sat(o - oPrev)}; 0 means no event. */
    public static long delta(long o, long oPrev, int stateBits) {
        return Sat.clamp(o - oPrev, stateBits);
    }

    /** STORE narrows a state to the weight width by clamping. */
    public static long store(long v, int weightBits) {
        return Sat.clamp(v, weightBits);
    }

    /** The signed value of the low {@code bits} bits of {@code raw}. */
    public static long signed(long raw, int bits) {
        return raw << (64 - bits) >> (64 - bits);
    }
}
