package dev.neuroforge.verif.common;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long loop (random-traffic tests, benches, the soak run) on stderr, so a run of
 * minutes or hours shows it is alive and roughly when it ends:
 * {@code [label] done/total (pct %), 12.3 s elapsed, ~N s left}, at most once every interval
 * (10 s, or {@code -Dneuroforge.progress.seconds=S}), then one closing line with the total time from
 * {@link #finish()}. A loop that ends within the interval prints that closing line only.
 */
public final class Progress {
    /** How often a line is printed at most, unless {@code neuroforge.progress.seconds} says otherwise. */
    public static final double DEFAULT_INTERVAL_SECONDS = 10;

    private final String label;
    private final long total;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final PrintStream out;
    private final long start;
    private long lastPrint;
    private long done;

    /**
     * {@code total} units of work (packets, networks, points) under {@code label}, on stderr every
     * 10 s at most ({@code -Dneuroforge.progress.seconds=S} for another interval).
     */
    public Progress(String label, long total) {
        this(label, total, interval(), System::nanoTime, System.err);
    }

    private static double interval() {
        String s = System.getProperty("neuroforge.progress.seconds");
        try {
            return s == null || s.isBlank() ? DEFAULT_INTERVAL_SECONDS : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dneuroforge.progress.seconds=" + s + " is not a number of seconds", e);
        }
    }

    /**
     * As {@link #Progress(String, long)}, with the interval, a clock in nanoseconds
     * ({@code System::nanoTime}, or a fake one in tests) and the stream to print to.
     */
    public Progress(String label, long total, double intervalSeconds, LongSupplier clock, PrintStream out) {
        if (total < 1) {
            throw new IllegalArgumentException("progress total " + total + " of " + label + ": must be at least 1");
        }
        if (!(intervalSeconds > 0)) {
            throw new IllegalArgumentException("progress interval " + intervalSeconds + " s of " + label
                    + ": must be positive");
        }
        this.label = label;
        this.total = total;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.clock = clock;
        this.out = out;
        this.start = clock.getAsLong();
        this.lastPrint = start;
    }

    /** {@code done} of the total are finished; prints a line if the interval has passed since the last one. */
    public void step(long done) {
        this.done = done;
        long now = clock.getAsLong();
        if (now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - start) / 1e9;
        String left = done <= 0 ? "" : String.format(Locale.ROOT, ", ~%.0f s left", elapsed * (total - done) / done);
        out.printf(Locale.ROOT, "[%s] %d/%d (%.1f %%), %.1f s elapsed%s%n", label, done, total, 100.0 * done / total,
                elapsed, left);
        out.flush();
    }

    /** Seconds since this progress was made. */
    public double elapsedSeconds() {
        return (clock.getAsLong() - start) / 1e9;
    }

    /** Prints the closing line: how much was done and the total time. */
    public void finish() {
        out.printf(Locale.ROOT, "[%s] %d/%d done in %.1f s%n", label, done, total, elapsedSeconds());
        out.flush();
    }
}
