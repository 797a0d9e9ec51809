package dev.neuroforge.verif.noc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes the NoC benchmark's CSV, markdown report and latency plots. */
final class NocBenchReport {
    /**
     * The section on latency with multicast traffic; its plot and table are written by
     * {@code NocOptionsBench} ({@code --parts latency}), not by this benchmark.
     */
    private static final String LATENCY_MC = """
            ## Latency against load with multicast traffic

            Mean latency of a copy against offered events per node per cycle, k = 4 events (each to a
            random 2x2 block) on the 4x4 mesh of `nf_router_w64_d4_mc`: one multicast packet per event
            against four unicast packets from the source (source replication). Measured by
            `make bench-noc-options BENCH_ARGS='--parts latency --out DIR'` (a part alone writes a
            noc-bench-options.md of that part only, hence `--out`); the figures, accepted load included,
            are in the table "Latency against load" of [noc-bench-options.md](noc-bench-options.md).

            ![latency against load with multicast traffic, 4x4](noc-latency-mc-4x4.png)

            """;

    private NocBenchReport() {
    }

    /** Summary of one latency curve. */
    record Curve(String mesh, NocTraffic.Pattern pattern, int flits, double zeroLoad, double hops,
            double saturation, double maxAccepted, double knee) {
    }

    static void write(Path out, List<NocBench.Point> points, NocBench.Speed speed, long seed, boolean quick,
            double minutes, String date) throws IOException {
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("mesh,pattern,flits_per_packet,offered_flits_per_node_cycle,"
                + "accepted_flits_per_node_cycle,mean_latency_cycles,mean_hops,packets_measured\n");
        for (NocBench.Point p : points) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.4f,%.2f,%.3f,%d%n", p.mesh(), p.pattern(),
                    p.flits(), p.offered(), p.accepted(), p.latency(), p.hops(), p.packets()));
        }
        Files.writeString(out.resolve("noc-bench.csv"), csv);

        Map<String, List<NocBench.Point>> byCurve = new LinkedHashMap<>();
        for (NocBench.Point p : points) {
            byCurve.computeIfAbsent(p.mesh() + " " + p.pattern() + " " + p.flits(), k -> new ArrayList<>()).add(p);
        }
        List<Curve> curves = new ArrayList<>();
        for (List<NocBench.Point> c : byCurve.values()) {
            NocBench.Point first = c.get(0);
            double knee = Double.NaN;
            double max = 0;
            for (NocBench.Point p : c) {
                max = Math.max(max, p.accepted());
                if (Double.isNaN(knee) && p.latency() > 3 * first.latency()) {
                    knee = p.offered();
                }
            }
            curves.add(new Curve(first.mesh(), first.pattern(), first.flits(), first.latency(), first.hops(),
                    c.get(c.size() - 1).accepted(), max, knee));
        }
        for (String mesh : new String[] {"4x4", "8x8"}) {
            plot(out.resolve("noc-latency-" + mesh + ".png"), mesh, byCurve);
        }
        Files.writeString(out.resolve("noc-bench.md"), markdown(curves, speed, seed, quick, minutes, date));
    }

    /** One curve of a latency plot: its legend entry, offered loads and mean latencies (cycles). */
    record Series(String name, List<Double> offered, List<Double> latency) {
    }

    private static void plot(Path file, String mesh, Map<String, List<NocBench.Point>> byCurve) throws IOException {
        List<Series> series = new ArrayList<>();
        for (List<NocBench.Point> c : byCurve.values()) {
            if (!c.get(0).mesh().equals(mesh)) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (NocBench.Point p : c) {
                x.add(p.offered());
                y.add(p.latency());
            }
            series.add(new Series(c.get(0).pattern().name().toLowerCase(Locale.ROOT) + ", " + c.get(0).flits()
                    + "-flit", x, y));
        }
        plotLatency(file, "Latency vs offered load, " + mesh + " mesh, 32-bit flits, 4-flit buffers",
                "offered load (flits/node/cycle)", "mean packet latency (cycles)", 1.0, series);
    }

    /**
     * Writes a PNG of mean latency against offered load, one line per series, on a log latency axis
     * from 1 to 1000 cycles (latencies above are drawn at 1000: past the knee they are bounded by the
     * source queue cap, not meaningful), offered load from 0 to {@code xMax}.
     */
    static void plotLatency(Path file, String title, String xAxisTitle, String yAxisTitle, double xMax,
            List<Series> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMax(1000.0);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(xMax);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        for (Series s : series) {
            List<Double> y = new ArrayList<>();
            for (double latency : s.latency()) {
                y.add(Math.min(latency, 1000.0));
            }
            chart.addSeries(s.name(), s.offered(), y).setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String markdown(List<Curve> curves, NocBench.Speed s, long seed, boolean quick, double minutes,
            String date) {
        StringBuilder b = new StringBuilder();
        b.append("# NoC benchmark\n\n");
        b.append("Measured by `make bench").append(quick ? " BENCH_ARGS=--quick" : "").append("` on ").append(date)
                .append(" (seed ").append(seed).append(", ").append(String.format(Locale.ROOT, "%.1f", minutes))
                .append(" min on a 2-core machine). Regenerate with `make bench`; `BENCH_ARGS='--quick'` runs short ")
                .append("windows, `BENCH_ARGS='--seed N'` replays. Raw points: [noc-bench.csv](noc-bench.csv).\n\n");
        b.append("""
                ## Method

                The Verilated RTL of `nf_mesh_c<k>_r<k>_w32_d4` (32-bit flits, 4-flit input buffers, one
                virtual channel, XY routing) is driven by the Java harness (`MeshHarness`): every node has a
                source with an unbounded-in-principle queue (capped at 200 packets so runs past saturation stay
                bounded) and a sink that is always ready. Each cycle each node creates a packet with probability
                `load / flits_per_packet` (Bernoulli), destination by pattern: **uniform** (any node, itself
                included), **transpose** ((x, y) sends to (y, x)), **hotspot** (a fifth of the packets go to the
                centre node, the rest uniform). After a warm-up, latency is averaged over the packets created in
                the measurement window, from creation (source queueing included, as BookSim counts it) to the
                tail flit leaving the destination; accepted throughput is the flits delivered per node per cycle
                during the window. Every run is checked by the scoreboard (exactly once, in order, intact) and
                drained to empty; a scoreboard error fails the benchmark. Past the knee, sources hit their
                200-packet cap, so the latency plotted there is bounded by that cap rather than growing without
                limit: read the knee and the throughput plateau, not those latencies.

                - *Zero-load latency*: at offered load 0.02.
                - *Saturation throughput*: accepted throughput at offered load 1.0 (sources always backlogged),
                  i.e. the plateau of the accepted-vs-offered curve.
                - *Knee*: the first offered load whose mean latency exceeds 3x the zero-load latency.

                ## Results

                """);
        b.append("| mesh | pattern | flits/packet | zero-load latency (cycles) | mean hops | cycles per hop + ejection | saturation (flits/node/cycle) | max accepted | knee (offered) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Curve c : curves) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %s | %.3f | %.3f | %s |%n", c.mesh(),
                    c.pattern().name().toLowerCase(Locale.ROOT), c.flits(), c.zeroLoad(), c.hops(),
                    c.flits() == 1 ? String.format(Locale.ROOT, "%.2f", (c.zeroLoad() - 1) / Math.max(c.hops(), 1e-9)) : "-",
                    c.saturation(), c.maxAccepted(), Double.isNaN(c.knee()) ? "> 1.0" : String.format(Locale.ROOT, "%.2f", c.knee())));
        }
        b.append("\n![latency 4x4](noc-latency-4x4.png)\n\n![latency 8x8](noc-latency-8x8.png)\n\n");
        Curve target = curves.stream().filter(c -> c.mesh().equals("4x4") && c.flits() == 1
                && c.pattern() == NocTraffic.Pattern.UNIFORM).findFirst().orElseThrow();
        double bound = 2 * target.hops() + 2;
        b.append("### Against the targets (4x4, uniform, single-flit)\n\n");
        b.append(String.format(Locale.ROOT, "- Zero-load latency %.2f cycles over %.2f hops on average; the target is at most "
                + "2 cycles per hop + 2 = %.2f: **%s**. The router takes one cycle per hop; the extra cycle is "
                + "the ejection through the destination's local output.%n", target.zeroLoad(), target.hops(), bound,
                target.zeroLoad() <= bound ? "met" : "missed"));
        b.append(String.format(Locale.ROOT, "- Saturation throughput %.3f flits/node/cycle; the target is at least 0.45: **%s** "
                + "(BookSim2 in this configuration: about 0.31; ideal for a 4x4 mesh under uniform traffic: 1.0). "
                + "What remains is head-of-line blocking in the single input FIFO per port.%n%n",
                target.saturation(), target.saturation() >= 0.45 ? "met" : "missed"));
        b.append("## Router options\n\nThe multicast and virtual-output-queue options of the router (saturation by "
                + "variant, fan-out to k of N tiles with multicast against source replication, latency against load "
                + "with multicast traffic, LUT/FF per router) are measured by `make bench-noc-options`: "
                + "[noc-bench-options.md](noc-bench-options.md).\n\n");
        b.append(LATENCY_MC);
        b.append("## Simulation speed (4x4 mesh)\n\n");
        b.append(String.format(Locale.ROOT, "Same traffic trace (uniform, 0.3 flits/node/cycle, single-flit, %,d cycles, %,d packets "
                + "delivered) through the same Verilated library: once from Java (the full `MeshHarness`: sources, sinks, "
                + "protocol monitor, scoreboard; 9 JNA calls per cycle: 4 word pokes, 4 word peeks + 1 peek, 1 step), once "
                + "from `verif/src/main/cpp/mesh_driver.cpp`, a plain C++ loop calling the same shim functions with the same "
                + "handshake logic. Both runs deliver the same packets with the same per-node flit checksum. Medians of "
                + "repeated runs after a warm-up.%n%n", s.cycles(), s.packets()));
        b.append("| driver | cycles/s |\n|---|---|\n");
        b.append(String.format(Locale.ROOT, "| Java testbench through JNA | %,.0f |%n", s.javaCps()));
        b.append(String.format(Locale.ROOT, "| plain C++ loop | %,.0f |%n", s.cppCps()));
        b.append(String.format(Locale.ROOT, "| bare `nf_step` (no traffic logic, one call for all cycles) | %,.0f |%n%n", s.stepCps()));
        b.append(String.format(Locale.ROOT, "Ratio C++ / Java: **%.2f**. The Java side spends its time in the testbench "
                + "(BigInteger flits, scoreboard) and the JNA calls, not in the model.%n", s.cppCps() / s.javaCps()));
        return b.toString();
    }
}
