package dev.neuroforge.verif.scdq;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Golden model of the delay queue's semantics (docs/scdq.md), independent of the RTL: an event
 * pushed in step t with delay d is due in step t + d; the events due in a step leave in the order
 * they were pushed; the step advances only once all its events have left; at most
 * {@code capacity} events are held. A full queue refuses a push (back-pressure); in the lossy
 * configuration it takes the push and drops it, counting the drop on a counter that stops at
 * {@code overflowMax}.
 */
public final class ScdqModel {
    private final int maxDelay;
    private final int capacity;
    private final boolean lossy;
    private final long overflowMax;
    private long overflow;
    private final Map<Long, ArrayDeque<Long>> due = new HashMap<>();
    private long now;
    private int occupancy;

    /** The back-pressure configuration: nothing is ever dropped. */
    public ScdqModel(int maxDelay, int capacity) {
        this(maxDelay, capacity, false, 0);
    }

    public ScdqModel(int maxDelay, int capacity, boolean lossy, int overflowWidth) {
        this.maxDelay = maxDelay;
        this.capacity = capacity;
        this.lossy = lossy;
        this.overflowMax = (1L << overflowWidth) - 1;
    }

    /** Pushes dropped because the queue was full (lossy configuration), saturating. */
    public long overflow() {
        return overflow;
    }


    public long now() {
        return now;
    }

    public int occupancy() {
        return occupancy;
    }

    public boolean full() {
        return occupancy == capacity;
    }

    /** Events due in the current step and not yet popped. */
    public int dueNow() {
        ArrayDeque<Long> q = due.get(now);
        return q == null ? 0 : q.size();
    }

    /**
     * Pushes in the current step; a delay above the maximum is refused. Returns whether the event
     * is held: false when a lossy queue was full and dropped it.
     */
    public boolean push(long event, int delay) {
        if (delay < 0 || delay > maxDelay) {
            throw new IllegalArgumentException("delay " + delay + " outside 0.." + maxDelay);
        }
        if (full()) {
            if (!lossy) {
                throw new IllegalStateException("push into a full queue");
            }
            overflow = Math.min(overflowMax, overflow + 1);
            return false;
        }
        due.computeIfAbsent(now + delay, k -> new ArrayDeque<>()).add(event);
        occupancy++;
        return true;
    }

    /** The events due in the current step and not yet popped, in the order they will leave. */
    public java.util.List<Long> dueEvents() {
        ArrayDeque<Long> q = due.get(now);
        return q == null ? java.util.List.of() : java.util.List.copyOf(q);
    }

    /** The next event the queue must pop in this step, or null if none is due. */
    public Long peek() {
        ArrayDeque<Long> q = due.get(now);
        return q == null ? null : q.peekFirst();
    }

    public long pop() {
        ArrayDeque<Long> q = due.get(now);
        if (q == null || q.isEmpty()) {
            throw new IllegalStateException("nothing is due in step " + now);
        }
        occupancy--;
        long e = q.removeFirst();
        if (q.isEmpty()) {
            due.remove(now);
        }
        return e;
    }

    /**
     * A push in a cycle that began with the queue full, in the lossy configuration: it is dropped
     * and counted, even if a pop in the same cycle makes room (the room is there from the next cycle).
     */
    public void drop() {
        if (!lossy) {
            throw new IllegalStateException("a back-pressure queue never drops");
        }
        overflow = Math.min(overflowMax, overflow + 1);
    }

    /** Whether the step may advance: every event due now has been popped. */
    public boolean canAdvance() {
        return dueNow() == 0;
    }

    public void advance() {
        if (!canAdvance()) {
            throw new IllegalStateException("advance with " + dueNow() + " events still due in step " + now);
        }
        now++;
    }
}
