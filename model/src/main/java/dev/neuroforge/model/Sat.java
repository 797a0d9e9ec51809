package dev.neuroforge.model;

/** Saturating signed integer arithmetic of a given width: results clamp, never wrap. */
public final class Sat {
    private Sat() {
    }

    public static long max(int bits) {
        return (1L << (bits - 1)) - 1;
    }

    public static long min(int bits) {
        return -(1L << (bits - 1));
    }

    /** Clamps {@code v} to the signed range of {@code bits}. */
    public static long clamp(long v, int bits) {
        long hi = max(bits);
        long lo = min(bits);
        return v > hi ? hi : v < lo ? lo : v;
    }

    /** {@code a + b} clamped to {@code bits} ({@code a} is in range; {@code b} any product that fits a long). */
    public static long add(long a, long b, int bits) {
        return clamp(a + b, bits);
    }
}
