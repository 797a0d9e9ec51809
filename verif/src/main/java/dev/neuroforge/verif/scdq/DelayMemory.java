package dev.neuroforge.verif.scdq;

import static dev.neuroforge.generator.common.FifoBuilder.bitsFor;

import dev.neuroforge.generator.ringbuf.RingBufferParams;
import dev.neuroforge.generator.scdq.ScdqParams;

/**
 * Memory of the two ways to delay a layer's input, from their parameters (docs/scdq.md, "Memory
 * comparison"). A delayed layer has {@code sources} inputs, {@code neurons} neurons and delays up
 * to {@code maxDelay}; one delay per source axon (per projection or per axon), so a spike is one event.
 *
 * <ul>
 *   <li>SCDQ: an event is the source id ({@code ceil(log2 sources)} bits) plus {@code valueBits}
 *       (0 for binary spikes). With activity {@code a} (fraction of sources firing per step), a
 *       step pushes {@code a * sources} events and each is held at most {@code maxDelay + 1} steps
 *       (pushed in step t with delay D, it leaves during step t + D), so at most
 *       {@code a * sources * (maxDelay + 1)} are in flight; the capacity adds {@link #MARGIN}.</li>
 *   <li>Ring buffer: {@code neurons x (maxDelay + 1)} accumulators of {@code accWidth} bits,
 *       whatever the activity.</li>
 * </ul>
 *
 * @param name      label in tables and plots
 * @param valueBits bits of an event's value besides the source id (0: binary spikes)
 * @param accWidth  bits of a ring-buffer accumulator
 */
public record DelayMemory(String name, int sources, int neurons, int maxDelay, int valueBits, int accWidth) {
    /** Capacity over the worst-case events in flight, for step-to-step bursts of activity. */
    public static final double MARGIN = 1.25;
    /** Bits of a pushed value (a weight) in the ring buffer. */
    public static final int RING_VALUE_BITS = 8;

    public int slots() {
        return maxDelay + 1;
    }

    public int eventWidth() {
        return bitsFor(sources - 1) + valueBits;
    }

    /** Worst-case events in flight at activity {@code a}: every event held for the full window. */
    public double inFlight(double a) {
        return a * sources * slots();
    }

    /** SCDQ capacity sized for activity {@code a}: in-flight events times the margin, rounded up. */
    public int capacity(double a) {
        return (int) Math.max(2, Math.ceil(MARGIN * inFlight(a) - 1e-9));
    }

    /** Whether the SCDQ for activity {@code a} is within the block's capacity limit. */
    public boolean buildable(double a) {
        return capacity(a) <= ScdqParams.MAX_CAPACITY;
    }

    public ScdqParams scdq(double a) {
        return new ScdqParams(maxDelay, capacity(a), eventWidth());
    }

    public RingBufferParams ring() {
        return new RingBufferParams(neurons, maxDelay, accWidth, Math.min(RING_VALUE_BITS, accWidth));
    }

    /** Queue memory bits of an SCDQ: event words, next pointers and the free list, capacity words each. */
    public static long scdqSramBits(int capacity, int eventWidth) {
        return (long) capacity * (eventWidth + 2L * bitsFor(capacity - 1));
    }

    /**
     * Bits of an SCDQ's slot table, {@code maxDelay + 1} words in three 1R1W memories: tail and
     * count (the push pipeline's read-modify-write), a copy of the counts (read when the step
     * advances) and the heads. Until 2026-11 this table was flip-flops of head, tail and count.
     */
    public static long scdqSlotBits(int maxDelay, int capacity) {
        return (long) (maxDelay + 1) * (2L * bitsFor(capacity - 1) + 2L * bitsFor(capacity));
    }

    /** Every memory bit of an SCDQ (queue memories and slot table), as Yosys counts them after inference. */
    public static long scdqMemoryBits(ScdqParams p) {
        return scdqSramBits(p) + scdqSlotBits(p);
    }

    public static long scdqSramBits(ScdqParams p) {
        return scdqSramBits(p.capacity(), p.eventWidth());
    }

    public static long scdqSlotBits(ScdqParams p) {
        return scdqSlotBits(p.maxDelay(), p.capacity());
    }

    /** SCDQ bits at activity {@code a}: queue memories plus slot table (any capacity, even beyond the block's limit). */
    public long scdqBits(double a) {
        int c = capacity(a);
        return scdqSramBits(c, eventWidth()) + scdqSlotBits(maxDelay, c);
    }

    /** SRAM bits of the ring buffer: neurons x (maxDelay + 1) x accWidth. */
    public long ringBits() {
        return ring().memoryBits();
    }

    /**
     * The activity at which the SCDQ needs as many bits as the ring buffer (queue memories plus
     * slot table against SRAM), found by bisection; NaN if the SCDQ is smaller up to 100%.
     */
    public double crossover() {
        long ring = ringBits();
        if (scdqBits(1.0) < ring) {
            return Double.NaN;
        }
        double lo = 0;
        double hi = 1.0;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (scdqBits(mid) < ring) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
