package dev.neuroforge.verif.scdq;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.ringbuf.RingBufferBuilder;
import dev.neuroforge.generator.scdq.ScdqBuilder;
import dev.neuroforge.generator.scdq.ScdqParams;
import dev.neuroforge.verif.common.YosysStat;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code make bench-scdq}: memory of the SCDQ against the per-neuron ring buffer as a function of
 * activity, for the SHD-shaped delayed layer (700 inputs, 256 neurons, delays up to 25) and a
 * larger one (1024 inputs, 1024 neurons, delays up to 63): analytical bits from the parameters
 * ({@link DelayMemory}) on a fine grid, and Yosys figures (memory bits after inference; iCE40
 * block RAMs, flip-flops, LUT4s, cells after {@code synth_ice40}) of the generated RTL at chosen
 * activities. Prints the table, writes {@code scdq-bench.csv}, {@code scdq-bench.md} and two PNG
 * plots, and finds the crossover activity where the SCDQ stops winning. A Yosys memory-bit count
 * that disagrees with the analytical formula fails the run. Options: {@code --quick} (fewer Yosys
 * points), {@code --out DIR} (default {@code docs}).
 */
public final class ScdqBench {
    static final DelayMemory SHD = new DelayMemory("SHD 700-256 D25", 700, 256, 25, 0, 16);
    static final DelayMemory LARGE = new DelayMemory("1024-1024 D63", 1024, 1024, 63, 0, 16);
    private static final double[] YOSYS_POINTS = {0.01, 0.02, 0.05, 0.10, 0.20, 0.30, 0.50};
    private static final double[] YOSYS_QUICK = {0.01, 0.10, 0.50};

    /** Yosys figures of one generated design. */
    record Synth(String module, long memoryBits, int brams, int flipFlops, int luts, int cells) {
    }

    /** One row of the table: a layer at one activity. */
    record Row(DelayMemory layer, double activity, int capacity, long scdqSram, long scdqSlots, long ring,
            Synth scdq, Synth ringSynth) {
        long scdqBits() {
            return scdqSram + scdqSlots;
        }
    }

    private ScdqBench() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        boolean quick = false;
        Path out = Paths.get("docs");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Paths.get(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; allowed: --quick, --out DIR");
            }
        }
        long t0 = System.nanoTime();
        Path work = Paths.get("verif", "target", "scdq-bench");
        List<Row> fine = new ArrayList<>();
        List<Row> synthRows = new ArrayList<>();
        for (DelayMemory layer : List.of(SHD, LARGE)) {
            for (int pm = 5; pm <= 500; pm += 5) {  // 0.5% .. 50%
                fine.add(analytic(layer, pm / 1000.0));
            }
            System.out.printf("[bench-scdq] %s: Yosys on the ring buffer ...%n", layer.name());
            Synth ring = synth(RingBufferBuilder.build(layer.ring()), work, layer.ringBits());
            for (double a : quick ? YOSYS_QUICK : YOSYS_POINTS) {
                if (!layer.buildable(a)) {
                    continue;
                }
                ScdqParams p = layer.scdq(a);
                System.out.printf("[bench-scdq] %s: Yosys on %s (activity %.0f%%) ...%n", layer.name(), p.moduleName(),
                        100 * a);
                Synth s = synth(ScdqBuilder.build(p), work, DelayMemory.scdqMemoryBits(p));
                Row r = analytic(layer, a);
                synthRows.add(new Row(layer, a, r.capacity(), r.scdqSram(), r.scdqSlots(), r.ring(), s, ring));
            }
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        String table = ScdqBenchReport.table(synthRows);
        System.out.println(table);
        for (DelayMemory layer : List.of(SHD, LARGE)) {
            System.out.printf(Locale.ROOT, "[bench-scdq] %s: SCDQ stops winning at %.1f%% activity (bits); %s%n",
                    layer.name(), 100 * layer.crossover(), ScdqBenchReport.bramCrossover(layer, synthRows));
        }
        ScdqBenchReport.write(out, fine, synthRows, quick, minutes, LocalDate.now().toString());
        System.out.println("[bench-scdq] wrote " + out.resolve("scdq-bench.md") + ", scdq-bench.csv, scdq-memory.png, "
                + "scdq-brams.png in " + String.format(Locale.ROOT, "%.1f", minutes) + " min");
    }

    static Row analytic(DelayMemory layer, double a) {
        int c = layer.capacity(a);
        return new Row(layer, a, c, DelayMemory.scdqSramBits(c, layer.eventWidth()),
                DelayMemory.scdqSlotBits(layer.maxDelay(), c), layer.ringBits(), null, null);
    }

    private static Synth synth(Design d, Path work, long expectedMemoryBits) throws IOException {
        Path dir = work.resolve(d.top());
        YosysStat generic = YosysStat.generic(d, dir);
        if (generic.memoryBits() != expectedMemoryBits) {
            throw new IllegalStateException(d.top() + ": Yosys counts " + generic.memoryBits()
                    + " memory bits, the formula " + expectedMemoryBits);
        }
        YosysStat ice = YosysStat.ice40(d, dir);
        return new Synth(d.top(), generic.memoryBits(), ice.brams(), ice.flipFlops(), ice.luts(), ice.cells());
    }
}
