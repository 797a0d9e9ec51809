package dev.neuroforge.cli;

import java.util.Locale;

/**
 * What a run may hold in memory: half the JVM's heap. A run that would need more is refused with
 * the figures (how much, how much there is, how to get more) before it starts, or as soon as its
 * output grows past it, rather than ending in an OutOfMemoryError. The byte counts are lower
 * bounds of what the lists of events take on a 64-bit JVM.
 */
final class MemoryBudget {
    /** A step's list: its reference, the list object and its array. */
    static final long STEP_BYTES = 64;
    /** One event: the object (three ints and a header) and its reference. */
    static final long EVENT_BYTES = 40;
    private static final long MB = 1 << 20;

    private final long heap;
    private final long budget;
    private long used;

    MemoryBudget(long heapBytes) {
        this.heap = heapBytes;
        this.budget = heapBytes / 2;
    }

    /** The budget of this JVM. */
    static MemoryBudget ofThisJvm() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory());
    }

    /** Reserves {@code bytes} up front for {@code what}; refuses, naming it, if they do not fit. */
    void reserve(long bytes, String what) {
        used += bytes;
        if (used > budget) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs at least %d MB in memory, and this"
                    + " run may use %d MB (half of Java's %d MB heap): run fewer --steps, or give Java more memory"
                    + " (e.g. JAVA_TOOL_OPTIONS=-Xmx%dg)", what, used / MB, budget / MB, heap / MB,
                    Math.max(2, 2 * used / (1L << 30) + 1)));
        }
    }
}
