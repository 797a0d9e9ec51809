package dev.neuroforge.verif.scdq;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Golden model of the delay queue's semantics (docs/scdq.md), independent of the RTL: an event
 * pushed in step t with delay d is due in step t + d; the events due in a step leave in the order
 * they were pushed; the step advances only once all its events have left; at most
 * {@code capacity} events are held.
 */
public final class ScdqModel {
    private final int maxDelay;
    private final int capacity;
    private final Map<Long, ArrayDeque<Long>> due = new HashMap<>();
    private long now;
    private int occupancy;

    public ScdqModel(int maxDelay, int capacity) {
        this.maxDelay = maxDelay;
        this.capacity = capacity;
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

    /** Pushes in the current step; a delay above the maximum is refused. */
    public void push(long event, int delay) {
        if (delay < 0 || delay > maxDelay) {
            throw new IllegalArgumentException("delay " + delay + " outside 0.." + maxDelay);
        }
        if (full()) {
            throw new IllegalStateException("push into a full queue");
        }
        due.computeIfAbsent(now + delay, k -> new ArrayDeque<>()).add(event);
        occupancy++;
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
