package dev.neuroforge.verif.ringbuf;

import java.util.HashMap;
import java.util.Map;

/**
 * Golden model of the ring buffer's semantics (docs/scdq.md, "Ring-buffer baseline"), written from
 * the specification: a value pushed for neuron n in step t with delay d is added to n's input of
 * step t + d; the input of a step is read out when the step closes, for every neuron, and is
 * then gone. Accumulation is signed and saturates at the accumulator's range; a clip sets a sticky
 * flag. A push with a delay above the maximum or a neuron out of range is refused and flagged.
 */
public final class RingBufferModel {
    private final int neurons;
    private final int maxDelay;
    private final long min;
    private final long max;
    private final Map<Long, long[]> future = new HashMap<>();
    private long now;
    private boolean saturated;
    private boolean badPush;
    private long clips;

    public RingBufferModel(int neurons, int maxDelay, int accWidth) {
        this.neurons = neurons;
        this.maxDelay = maxDelay;
        this.min = -(1L << (accWidth - 1));
        this.max = (1L << (accWidth - 1)) - 1;
    }

    public long now() {
        return now;
    }

    public boolean saturated() {
        return saturated;
    }

    public boolean badPush() {
        return badPush;
    }

    /** Accumulations that clipped. */
    public long clips() {
        return clips;
    }

    /** Pushes in the current step; returns false (and flags it) for an illegal delay or neuron. */
    public boolean push(int neuron, long value, int delay) {
        if (delay < 0 || delay > maxDelay || neuron < 0 || neuron >= neurons) {
            badPush = true;
            return false;
        }
        long[] in = future.computeIfAbsent(now + delay, k -> new long[neurons]);
        long s = in[neuron] + value;
        if (s > max || s < min) {
            saturated = true;
            clips++;
            s = s > max ? max : min;
        }
        in[neuron] = s;
        return true;
    }

    /** The input neuron {@code neuron} has collected so far for step {@code now() + ahead}. */
    public long pending(int neuron, int ahead) {
        long[] in = future.get(now + ahead);
        return in == null ? 0 : in[neuron];
    }

    /** Closes the current step: returns every neuron's input of this step, then moves on. */
    public long[] advance() {
        long[] in = future.remove(now);
        now++;
        return in == null ? new long[neurons] : in;
    }
}
