package dev.neuroforge.verif.noc;

import java.util.Arrays;

/**
 * Flits delivered per source node in a window of cycles {@code [start, end)}, counted at the
 * tail's delivery: feed it every {@link MeshHarness.LatencyListener} call. The fairness test and
 * {@link NocOptionsBench} read per-source accepted rates from it.
 */
public final class SourceRates {
    private final long start;
    private final long end;
    private final long[] flits;

    public SourceRates(int nodes, long start, long end) {
        this.start = start;
        this.end = end;
        this.flits = new long[nodes];
    }

    /** Counts a packet whose tail left at {@code created + latency}, if that is in the window. */
    public void delivered(int src, long created, long latency, int n) {
        long at = created + latency;
        if (at >= start && at < end) {
            flits[src] += n;
        }
    }

    /** Flits per cycle accepted from {@code src} in the window. */
    public double rate(int src) {
        return (double) flits[src] / (end - start);
    }

    public double min() {
        return Arrays.stream(flits).min().orElse(0) / (double) (end - start);
    }

    public double max() {
        return Arrays.stream(flits).max().orElse(0) / (double) (end - start);
    }

    /** Flits per cycle over all sources. */
    public double total() {
        return Arrays.stream(flits).sum() / (double) (end - start);
    }

    /** Every source's rate, e.g. {@code [0.166, 0.167, ...]}, for messages. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int s = 0; s < flits.length; s++) {
            b.append(s == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3f", rate(s)));
        }
        return b.append(']').toString();
    }
}
