package dev.neuroforge.verif.common;

import java.math.BigInteger;

/** Packing of bit fields into the 32-bit word buffers the simulation shim exchanges. */
public final class Bits {
    private Bits() {
    }

    public static boolean bit(int[] words, int i) {
        return (words[i >>> 5] >>> (i & 31) & 1) != 0;
    }

    public static void setBit(int[] words, int i, boolean v) {
        if (v) {
            words[i >>> 5] |= 1 << (i & 31);
        } else {
            words[i >>> 5] &= ~(1 << (i & 31));
        }
    }

    /** Writes the low {@code width} bits of {@code v} at bit {@code offset}. */
    public static void put(int[] words, int offset, int width, BigInteger v) {
        for (int i = 0; i < width; i += 32) {
            int n = Math.min(32, width - i);
            putChunk(words, offset + i, n, v.shiftRight(i).intValue());
        }
    }

    /** Reads {@code width} bits at bit {@code offset} as a non-negative number. */
    public static BigInteger get(int[] words, int offset, int width) {
        BigInteger v = BigInteger.ZERO;
        for (int i = ((width - 1) / 32) * 32; i >= 0; i -= 32) {
            int n = Math.min(32, width - i);
            v = v.shiftLeft(32).or(BigInteger.valueOf(getChunk(words, offset + i, n) & 0xFFFFFFFFL));
        }
        return v;
    }

    private static void putChunk(int[] words, int offset, int n, int value) {
        long mask = n == 32 ? 0xFFFFFFFFL : (1L << n) - 1;
        long v = value & mask;
        int w = offset >>> 5;
        int s = offset & 31;
        words[w] = (int) ((words[w] & ~(mask << s)) | (v << s));
        if (s + n > 32) {
            int hi = s + n - 32;
            long hmask = (1L << hi) - 1;
            words[w + 1] = (int) ((words[w + 1] & ~hmask) | (v >>> (32 - s)));
        }
    }

    private static int getChunk(int[] words, int offset, int n) {
        int w = offset >>> 5;
        int s = offset & 31;
        long v = (words[w] & 0xFFFFFFFFL) >>> s;
        if (s + n > 32) {
            v |= (words[w + 1] & 0xFFFFFFFFL) << (32 - s);
        }
        return (int) (n == 32 ? v : v & ((1L << n) - 1));
    }
}
