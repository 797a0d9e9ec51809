package dev.neuroforge.verif.scdq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes the SCDQ memory benchmark's table, CSV, markdown report and plots. */
final class ScdqBenchReport {
    private static final int[] SWEEP_NEURONS = {64, 128, 256, 512, 1024};
    private static final int[] SWEEP_DELAYS = {7, 15, 25, 63, 127, 255};

    private ScdqBenchReport() {
    }

    private static String pct(double a) {
        return Double.isNaN(a) ? "none up to 100%" : String.format(Locale.ROOT, "%.1f%%", 100 * a);
    }

    private static String kbit(long bits) {
        return String.format(Locale.ROOT, "%.1f", bits / 1024.0);
    }

    /** The markdown table of the rows that carry Yosys figures. */
    static String table(List<ScdqBench.Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| layer | activity | events in flight | SCDQ capacity | SCDQ kbit (queue + slot table) | ring kbit "
                + "| SCDQ / ring | SCDQ iCE40 BRAM / FF / LUT4 / cells | ring iCE40 BRAM / FF / LUT4 / cells |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ScdqBench.Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %.0f%% | %.0f | %d | %s (%s + %s) | %s | %.2f | %d / %d / %d / %d "
                    + "| %d / %d / %d / %d |%n", r.layer().name(), 100 * r.activity(), r.layer().inFlight(r.activity()),
                    r.capacity(), kbit(r.scdqBits()), kbit(r.scdqSram()), kbit(r.scdqSlots()), kbit(r.ring()),
                    (double) r.scdqBits() / r.ring(), r.scdq().brams(), r.scdq().flipFlops(), r.scdq().luts(),
                    r.scdq().cells(), r.ringSynth().brams(), r.ringSynth().flipFlops(), r.ringSynth().luts(),
                    r.ringSynth().cells()));
        }
        return b.toString();
    }

    /** Where the SCDQ's block RAMs first reach the ring buffer's, among the synthesized points. */
    static String bramCrossover(DelayMemory layer, List<ScdqBench.Row> rows) {
        ScdqBench.Row below = null;
        for (ScdqBench.Row r : rows) {
            if (r.layer() != layer) {
                continue;
            }
            if (r.scdq().brams() >= r.ringSynth().brams()) {
                return "iCE40 block RAMs: SCDQ " + r.scdq().brams() + " >= ring " + r.ringSynth().brams() + " at "
                        + pct(r.activity()) + (below == null ? "" : ", fewer at " + pct(below.activity()));
            }
            below = r;
        }
        return below == null ? "no synthesized point" : "iCE40 block RAMs: SCDQ fewer at every synthesized point (up to "
                + pct(below.activity()) + ")";
    }

    static void write(Path out, List<ScdqBench.Row> fine, List<ScdqBench.Row> synth, boolean quick, double minutes,
            String date) throws IOException {
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("layer,sources,neurons,max_delay,activity,events_in_flight,event_bits,"
                + "scdq_capacity,scdq_queue_bits,scdq_slot_table_bits,scdq_bits,ring_bits,scdq_over_ring,"
                + "scdq_yosys_mem_bits,scdq_ice40_brams,scdq_ice40_ffs,scdq_ice40_luts,scdq_ice40_cells,"
                + "ring_yosys_mem_bits,ring_ice40_brams,ring_ice40_ffs,ring_ice40_luts,ring_ice40_cells\n");
        List<ScdqBench.Row> all = new ArrayList<>(fine);
        all.addAll(synth);
        for (ScdqBench.Row r : all) {
            DelayMemory l = r.layer();
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.3f,%.1f,%d,%d,%d,%d,%d,%d,%.4f,", l.name(), l.sources(),
                    l.neurons(), l.maxDelay(), r.activity(), l.inFlight(r.activity()), l.eventWidth(), r.capacity(),
                    r.scdqSram(), r.scdqSlots(), r.scdqBits(), r.ring(), (double) r.scdqBits() / r.ring()));
            if (r.scdq() == null) {
                csv.append(",,,,,,,,,\n");
            } else {
                ScdqBench.Synth s = r.scdq();
                ScdqBench.Synth g = r.ringSynth();
                csv.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n", s.memoryBits(), s.brams(),
                        s.flipFlops(), s.luts(), s.cells(), g.memoryBits(), g.brams(), g.flipFlops(), g.luts(), g.cells()));
            }
        }
        Files.writeString(out.resolve("scdq-bench.csv"), csv);
        plotBits(out.resolve("scdq-memory.png"), fine);
        plotBrams(out.resolve("scdq-brams.png"), synth);
        Files.writeString(out.resolve("scdq-bench.md"), markdown(synth, quick, minutes, date));
    }

    private static List<DelayMemory> layers(List<ScdqBench.Row> rows) {
        List<DelayMemory> ls = new ArrayList<>();
        for (ScdqBench.Row r : rows) {
            if (!ls.contains(r.layer())) {
                ls.add(r.layer());
            }
        }
        return ls;
    }

    private static void plotBits(Path file, List<ScdqBench.Row> fine) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("Delay memory vs activity: SCDQ (sized for the activity) and per-neuron ring buffer")
                .xAxisTitle("activity (fraction of sources firing per step, %)").yAxisTitle("memory (kbit)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(50.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (DelayMemory l : layers(fine)) {
            List<Double> x = new ArrayList<>();
            List<Double> scdq = new ArrayList<>();
            List<Double> ring = new ArrayList<>();
            for (ScdqBench.Row r : fine) {
                if (r.layer() == l) {
                    x.add(100 * r.activity());
                    scdq.add(r.scdqBits() / 1024.0);
                    ring.add(r.ring() / 1024.0);
                }
            }
            chart.addSeries("SCDQ, " + l.name() + " (crossover " + pct(l.crossover()) + ")", x, scdq)
                    .setMarker(SeriesMarkers.NONE);
            chart.addSeries("ring buffer, " + l.name(), x, ring).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void plotBrams(Path file, List<ScdqBench.Row> synth) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("iCE40 block RAMs (SB_RAM40_4K) after synth_ice40, Yosys 0.23")
                .xAxisTitle("activity (fraction of sources firing per step, %)").yAxisTitle("SB_RAM40_4K").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(50.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (DelayMemory l : layers(synth)) {
            List<Double> x = new ArrayList<>();
            List<Double> scdq = new ArrayList<>();
            List<Double> ring = new ArrayList<>();
            for (ScdqBench.Row r : synth) {
                if (r.layer() == l) {
                    x.add(100 * r.activity());
                    scdq.add((double) Math.max(1, r.scdq().brams()));
                    ring.add((double) r.ringSynth().brams());
                }
            }
            chart.addSeries("SCDQ, " + l.name(), x, scdq).setMarker(SeriesMarkers.CIRCLE);
            chart.addSeries("ring buffer, " + l.name(), x, ring).setMarker(SeriesMarkers.SQUARE);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Crossover activity as a function of neurons and delay, for 700 binary-spike sources. */
    static String sweep() {
        StringBuilder b = new StringBuilder("| neurons \\ max delay |");
        for (int d : SWEEP_DELAYS) {
            b.append(' ').append(d).append(" |");
        }
        b.append("\n|---|").append("---|".repeat(SWEEP_DELAYS.length)).append('\n');
        for (int n : SWEEP_NEURONS) {
            b.append("| ").append(n).append(" |");
            for (int d : SWEEP_DELAYS) {
                b.append(' ').append(pct(new DelayMemory("", 700, n, d, 0, 16).crossover())).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String markdown(List<ScdqBench.Row> synth, boolean quick, double minutes, String date) {
        StringBuilder b = new StringBuilder();
        b.append("# SCDQ vs ring buffer: memory benchmark\n\n");
        b.append("Written by `make bench-scdq` (`verif/.../scdq/ScdqBench`) on ").append(date).append(", Yosys 0.23")
                .append(quick ? ", quick run (fewer Yosys points)" : "").append(String.format(Locale.ROOT,
                        ", %.1f min. Do not edit: rerun.%n%n", minutes));
        b.append("Sizing and formulas: [scdq.md](scdq.md#memory-comparison). Event = source id, binary spikes; "
                + "ring accumulators 16 bits, pushed values 8 bits; SCDQ capacity = ")
                .append(DelayMemory.MARGIN).append(" x activity x sources x (D + 1). SCDQ bits = queue memories "
                + "(events, next pointers, free list) + slot table (D + 1 words of tail and count, count copy, head; "
                + "block RAM since the slot table left the flip-flops).\n\n");
        b.append("## Generated RTL at chosen activities\n\n").append(table(synth)).append('\n');
        b.append("Memory bits counted by Yosys after inference equal the formulas at every point (the benchmark "
                + "fails otherwise).\n\n");
        b.append("## Crossover\n\n");
        for (DelayMemory l : layers(synth)) {
            b.append("- ").append(l.name()).append(" (").append(l.sources()).append(" sources, ").append(l.neurons())
                    .append(" neurons, D = ").append(l.maxDelay()).append(", ring ").append(kbit(l.ringBits()))
                    .append(" kbit): the SCDQ needs more bits above **").append(pct(l.crossover()))
                    .append("** activity; ").append(bramCrossover(l, synth)).append(".\n");
            DelayMemory graded = new DelayMemory(l.name(), l.sources(), l.neurons(), l.maxDelay(), 8, l.accWidth());
            b.append("  With 8-bit graded events (").append(graded.eventWidth()).append("-bit events): ")
                    .append(pct(graded.crossover())).append(".\n");
        }
        b.append("\n## Crossover activity against neurons and delay (analytical, 700 sources, binary spikes)\n\n")
                .append(sweep()).append('\n');
        b.append("Both memories grow linearly with D + 1, so the crossover hardly moves with the delay; it "
                + "grows with neurons per source (N / S) and with accumulator bits per event bit.\n\n");
        b.append("Plots: ![bits](scdq-memory.png) ![brams](scdq-brams.png)\n");
        return b.toString();
    }
}
