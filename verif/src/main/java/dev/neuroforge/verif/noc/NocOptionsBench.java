package dev.neuroforge.verif.noc;

import dev.neuroforge.generator.noc.MeshBuilder;
import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.RouterBuilder;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.YosysStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark of the router options (issue 15), written to {@code docs/noc-bench-options.md}:
 * saturation throughput of uniform single-flit traffic by router variant, fan-out to k of N tiles
 * with multicast against unicast replication at the source, latency against load with multicast
 * traffic, and the iCE40 LUT/FF cost of each router variant from Yosys. Every run is checked by
 * the scoreboard and drained. Options: {@code --seed N}, {@code --out DIR}, {@code --no-area},
 * {@code --quick} (shorter windows), {@code --parts saturation,fanout,latency,area,wrr}
 * ({@code latency}: the latency-against-load table with multicast traffic and its plot
 * {@code noc-latency-mc-4x4.png}; {@code wrr}: the weighted round-robin routers against plain
 * {@code voq}, saturation with per-source shares and area; or {@code links}: the link table alone;
 * {@code soak} with {@code --packets N}, default 10^8: the long multicast run).
 */
public final class NocOptionsBench {
    private static final int QUEUE_CAP = 200;

    private final long seed;
    private final int warmup;
    private final int window;
    private final StringBuilder md = new StringBuilder();

    private NocOptionsBench(long seed, boolean quick) {
        this.seed = seed;
        this.warmup = quick ? 300 : 1_000;
        this.window = quick ? 1_000 : 4_000;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long seed = new SecureRandom().nextLong();
        Path out = Paths.get("docs");
        boolean area = true;
        boolean quick = false;
        String parts = "saturation,fanout,latency,area,wrr";
        long soakPackets = 100_000_000L;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Paths.get(args[++i]);
                case "--no-area" -> area = false;
                case "--quick" -> quick = true;
                case "--parts" -> parts = args[++i];
                case "--packets" -> soakPackets = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; allowed: --seed N, --out DIR, --no-area, "
                            + "--quick, --parts LIST, --packets N");
                    System.exit(2);
                }
            }
        }
        System.out.println("[seed] NocOptionsBench seed=" + seed);
        NocOptionsBench b = new NocOptionsBench(seed, quick);
        long t0 = System.nanoTime();
        if (parts.equals("links")) {
            b.linkTable();
        }
        if (parts.contains("soak")) {
            b.soak(soakPackets);
        }
        b.run(out, area && parts.contains("area"), parts.contains("saturation"), parts.contains("fanout"),
                parts.contains("latency"));
        if (parts.contains("wrr")) {
            b.wrr(area);
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        String head = "# NoC router options: throughput, multicast fan-out, area\n\n"
                + String.format(Locale.ROOT, "Measured by `NocOptionsBench` on %s (seed %d, %s windows, %.1f min on a "
                        + "shared 2-core machine). Regenerate with `make bench-noc-options`. Method as in "
                        + "[noc-bench.md](noc-bench.md): Verilated RTL driven by `MeshHarness`, Bernoulli sources "
                        + "capped at %d queued packets, always-ready sinks, warm-up %d cycles, window %d cycles, "
                        + "every copy checked by the scoreboard and the mesh drained after each point.\n\n",
                        LocalDate.now(), seed, quick ? "quick" : "full", minutes, QUEUE_CAP, b.warmup, b.window);
        Files.createDirectories(out);
        Files.writeString(out.resolve("noc-bench-options.md"), head + b.md);
        System.out.printf(Locale.ROOT, "wrote %s (%.1f min)%n", out.resolve("noc-bench-options.md"), minutes);
    }

    /** How a source turns one event into packets. */
    private enum Mode { MULTICAST, REPLICATE }

    /** Destination set of an event: k = 1 (one random node), 4 (a random 2x2 block) or all nodes. */
    private record Fanout(String name, int k) {
    }

    /**
     * One measured point; {@code minSource}, {@code maxSource}: flits per cycle accepted from the
     * least and the most served source node.
     */
    private record Result(double offered, double copiesPerNodeCycle, double eventsPerCycle, double copiesPerCycle,
            double latency, long copies, double minSource, double maxSource) {
    }

    private void run(Path out, boolean area, boolean saturation, boolean fanout, boolean latency)
            throws IOException {
        RouterParams base = RouterParams.defaults();
        if (saturation) {
            saturation(base);
        }
        if (fanout) {
            fanout();
        }
        if (latency) {
            latencyCurve(out);
        }
        if (area) {
            area(List.of(base, base.withMulticast(true), base.withVoq(true), new RouterParams(32, 2, false, true),
                    new RouterParams(32, 8, false, true),
                    new RouterParams(32, 2, true, true), new RouterParams(64, 4, true, false),
                    new RouterParams(64, 4, true, true)), "Router area");
        }
    }

    private void saturation(RouterParams base) {
        md.append("## Saturation throughput by router variant\n\n");
        saturationTable(List.of(base, new RouterParams(32, 8, false, false), base.withVoq(true),
                new RouterParams(32, 2, false, true), new RouterParams(32, 8, false, true)));
    }

    /**
     * Weighted round-robin against plain round-robin on the same {@code voq} routers: saturation with
     * per-source shares, and area (the default router first, as the base of the ratios).
     */
    private void wrr(boolean area) throws IOException {
        List<RouterParams> routers = new ArrayList<>();
        for (int depth : new int[] {4, 8}) {
            RouterParams voq = new RouterParams(32, depth, false, true);
            routers.add(voq);
            routers.add(voq.withWrr(true));
        }
        md.append("## Weighted round-robin (`wrr`) against round-robin, virtual output queues\n\n");
        saturationTable(routers);
        if (area) {
            List<RouterParams> synth = new ArrayList<>(List.of(RouterParams.defaults()));
            synth.addAll(routers);
            area(synth, "Router area with `wrr`");
        }
    }

    private void saturationTable(List<RouterParams> variants) {
        md.append("Uniform random destinations (self included), single-flit and 4-flit packets, offered load 1.0 "
                + "flits/node/cycle (sources always backlogged); accepted flits/node/cycle in the window. The "
                + "default router (`nf_router_w32_d4`) is the one in [noc-bench.md](noc-bench.md). Per-source: "
                + "flits/cycle accepted from the least and the most served node, single-flit, offered 1.0.\n\n");
        md.append("| router | 4x4, 1 flit | 4x4, 4 flits | 8x8, 1 flit | 8x8, 4 flits | zero-load latency 4x4 (cycles) "
                + "| 4x4, 1 flit: max accepted / highest stable load | 8x8, 1 flit: max accepted / highest stable load "
                + "| 4x4, 1 flit: per-source min / max | 8x8, 1 flit: per-source min / max |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        double[] loads = {0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
        for (RouterParams rp : variants) {
            double[] r = new double[5];
            String[] curve = new String[2];
            String[] share = new String[2];
            int i = 0;
            for (int side : new int[] {4, 8}) {
                MeshParams mesh = new MeshParams(side, side, rp);
                try (SimModel sim = RtlModels.load(MeshBuilder.build(mesh))) {
                    MeshHarness h = new MeshHarness(sim, mesh);
                    for (int flits : new int[] {1, 4}) {
                        Result sat = uniform(h, flits, 1.0);
                        r[i++] = sat.copiesPerNodeCycle();
                        if (flits == 1) {
                            share[side / 8] = String.format(Locale.ROOT, "%.3f / %.3f", sat.minSource(),
                                    sat.maxSource());
                        }
                    }
                    double zero = uniform(h, 1, 0.02).latency();
                    if (side == 4) {
                        r[4] = zero;
                    }
                    // Highest offered load the mesh carries: accepted within 2 % of offered and
                    // latency under 3x zero-load (BookSim's notion of saturation).
                    double best = 0;
                    double stable = 0;
                    for (double load : loads) {
                        Result p = uniform(h, 1, load);
                        best = Math.max(best, p.copiesPerNodeCycle());
                        if (p.copiesPerNodeCycle() >= 0.98 * load && p.latency() < 3 * zero) {
                            stable = load;
                        } else if (p.copiesPerNodeCycle() < 0.9 * load) {
                            break;
                        }
                    }
                    curve[side / 8] = String.format(Locale.ROOT, "%.3f / %.2f", best, stable);
                }
            }
            md.append(String.format(Locale.ROOT, "| `%s` | %.3f | %.3f | %.3f | %.3f | %.2f | %s | %s | %s | %s |%n",
                    rp.moduleName(), r[0], r[1], r[2], r[3], r[4], curve[0], curve[1], share[0], share[1]));
            System.out.printf(Locale.ROOT, "%s: 4x4 %.3f %.3f, 8x8 %.3f %.3f, zero-load %.2f, curves %s %s, "
                    + "per-source %s %s%n", rp.moduleName(), r[0], r[1], r[2], r[3], r[4], curve[0], curve[1], share[0],
                    share[1]);
        }
        md.append('\n');
    }

    private void fanout() {
        List<RouterParams> routers = List.of(new RouterParams(64, 4, true, false), new RouterParams(64, 4, true, true));
        md.append("## Multicast fan-out against source replication\n\n");
        md.append("Each node creates events; an event goes to k of the N tiles: k = 1 (a random tile), k = 4 (a "
                + "random 2x2 block), k = N (every tile). **Multicast**: one single-flit multicast packet per event, "
                + "replicated by the routers. **Replication**: the source sends k single-flit unicast packets, one "
                + "per tile. Saturation: sources always backlogged (one event per node per cycle offered). "
                + "Events per cycle = copies delivered per cycle / k, over the whole mesh. 64-bit flits, "
                + "4-flit buffers, `_mc` router (the unicast packets use the same router, which treats them exactly "
                + "as the unicast router would).\n\n");
        md.append("| router | mesh | k | multicast: events/cycle | multicast: copies/cycle | replication: events/cycle "
                + "| replication: copies/cycle | gain |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (RouterParams rp : routers) {
            for (int side : new int[] {4, 8}) {
                MeshParams mesh = new MeshParams(side, side, rp);
                try (SimModel sim = RtlModels.load(MeshBuilder.build(mesh))) {
                    MeshHarness h = new MeshHarness(sim, mesh);
                    for (Fanout f : List.of(new Fanout("1", 1), new Fanout("4", 4), new Fanout("N=" + mesh.nodes(),
                            mesh.nodes()))) {
                        Result m = events(h, f, Mode.MULTICAST, 1.0);
                        Result r = events(h, f, Mode.REPLICATE, 1.0);
                        md.append(String.format(Locale.ROOT, "| `%s` | %dx%d | %s | %.3f | %.2f | %.3f | %.2f | %.2fx |%n",
                                rp.moduleName(), side, side, f.name(), m.eventsPerCycle(), m.copiesPerCycle(),
                                r.eventsPerCycle(), r.copiesPerCycle(), m.eventsPerCycle() / r.eventsPerCycle()));
                        System.out.printf(Locale.ROOT, "%s %dx%d k=%s: multicast %.3f ev/c, replication %.3f ev/c%n",
                                rp.moduleName(), side, side, f.name(), m.eventsPerCycle(), r.eventsPerCycle());
                    }
                }
            }
        }
        md.append('\n');
        linkTable();
    }

    /**
     * Latency against offered load for k = 4 events (2x2 blocks) on the 4x4 {@code _mc} mesh,
     * multicast against source replication: a table in the markdown and the same points as a plot,
     * {@code noc-latency-mc-4x4.png} in {@code out}.
     */
    private void latencyCurve(Path out) throws IOException {
        MeshParams mesh = new MeshParams(4, 4, new RouterParams(64, 4, true, false));
        Fanout f = new Fanout("4", 4);
        StringBuilder rows = new StringBuilder();
        List<Double> offered = new ArrayList<>();
        List<Double> multicast = new ArrayList<>();
        List<Double> replication = new ArrayList<>();
        try (SimModel sim = RtlModels.load(MeshBuilder.build(mesh))) {
            MeshHarness h = new MeshHarness(sim, mesh);
            for (double load : new double[] {0.01, 0.02, 0.04, 0.06, 0.08, 0.10, 0.12, 0.15, 0.2}) {
                Result lm = events(h, f, Mode.MULTICAST, load);
                Result lr = events(h, f, Mode.REPLICATE, load);
                rows.append(String.format(Locale.ROOT, "| %.2f | %.3f | %.1f | %.3f | %.1f |%n", load,
                        lm.eventsPerCycle() / mesh.nodes(), lm.latency(), lr.eventsPerCycle() / mesh.nodes(),
                        lr.latency()));
                System.out.printf(Locale.ROOT, "latency k=4 offered %.2f: multicast %.1f, replication %.1f cycles%n",
                        load, lm.latency(), lr.latency());
                offered.add(load);
                multicast.add(lm.latency());
                replication.add(lr.latency());
            }
        }
        String png = "noc-latency-mc-4x4.png";
        Files.createDirectories(out);
        NocBenchReport.plotLatency(out.resolve(png), "Latency vs offered load, k = 4 multicast events (2x2 blocks), "
                + "4x4 mesh, " + mesh.router().moduleName(), "offered load (events/node/cycle)",
                "mean latency of a copy (cycles)", 0.2, List.of(new NocBenchReport.Series("multicast", offered,
                        multicast), new NocBenchReport.Series("source replication (4 unicasts)", offered,
                        replication)));
        md.append("### Latency against load, k = 4 (2x2 blocks), 4x4 mesh, `" + mesh.router().moduleName() + "`\n\n");
        md.append("Offered events per node per cycle; accepted events per node per cycle; mean latency of a copy "
                + "(creation to delivery, source queueing included).\n\n");
        md.append("| offered events/node/cycle | multicast: accepted | multicast: latency | replication: accepted "
                + "| replication: latency |\n|---|---|---|---|---|\n");
        md.append(rows).append('\n');
        md.append("![latency against load, multicast and source replication, 4x4](" + png + ")\n\n");
        md.append("The same points on a log latency axis (drawn at 1000 cycles at most). Past the knee the sources "
                + "hit their " + QUEUE_CAP + "-packet cap, so those latencies are bounded by the cap: read the knee "
                + "and the accepted plateau.\n\n");
    }

    /**
     * The long run of the multicast option: {@code packets} packets of random unicast/multicast
     * mixes under random back-pressure on a 4x4 multicast mesh, every copy checked, then drained.
     */
    private void soak(long packets) {
        MeshParams mesh = new MeshParams(4, 4, new RouterParams(48, 4, true, false));
        long t0 = System.nanoTime();
        try (SimModel sim = RtlModels.load(MeshBuilder.build(mesh))) {
            MeshHarness h = new MeshHarness(sim, mesh);
            h.reset();
            long multicasts = NocMix.run(h, new Random(seed), packets);
            NocScoreboard sb = h.scoreboard();
            if (!sb.errors().isEmpty() || sb.outstanding() != 0 || sb.sent() != packets) {
                throw new IllegalStateException("soak run failed: sent " + sb.sent() + ", outstanding "
                        + sb.outstanding() + ", errors:\n" + String.join("\n", sb.errors()));
            }
            double minutes = (System.nanoTime() - t0) / 60e9;
            md.append("## Soak run\n\n");
            md.append(String.format(Locale.ROOT, "`%s`: %,d packets (%,d multicast), %,d copies delivered exactly once "
                    + "and in flow order in %,d cycles under random back-pressure, mesh drained, no scoreboard error "
                    + "(%.1f min).%n%n", mesh.moduleName(), sb.sent(), multicasts, sb.delivered(), h.cycle(), minutes));
            System.out.printf(Locale.ROOT, "soak: %d packets, %d copies, %d cycles, %.1f min%n", sb.sent(),
                    sb.delivered(), h.cycle(), minutes);
        }
    }

    /** Link transfers per event, tree against k XY paths, averaged over all sources and sets. */
    private void linkTable() {
        md.append("### Links used per event (from the XY paths, `MeshModel.treeLinks`)\n\n");
        md.append("Average over every source and every destination set of the kind: router-to-router link transfers\n"
                + "for one event, as an XY tree (multicast) and as k separate XY paths (replication). Multicast also\n"
                + "injects one packet per event instead of k.\n\n");
        md.append("| mesh | k | multicast (tree) | replication | ratio |\n|---|---|---|---|---|\n");
        for (int side : new int[] {4, 8}) {
            MeshParams mesh = new MeshParams(side, side);
            MeshModel model = new MeshModel(mesh);
            int[] every = new int[mesh.nodes()];
            for (int n = 0; n < mesh.nodes(); n++) {
                every[n] = n;
            }
            for (int k : new int[] {1, 4, mesh.nodes()}) {
                List<int[]> sets = new ArrayList<>();
                if (k == 1) {
                    for (int n = 0; n < mesh.nodes(); n++) {
                        sets.add(new int[] {n});
                    }
                } else if (k == 4) {
                    for (int x = 0; x + 1 < side; x++) {
                        for (int y = 0; y + 1 < side; y++) {
                            sets.add(new int[] {mesh.node(x, y), mesh.node(x + 1, y), mesh.node(x, y + 1),
                                mesh.node(x + 1, y + 1)});
                        }
                    }
                } else {
                    sets.add(every);
                }
                long tree = 0;
                long paths = 0;
                long count = 0;
                for (int src = 0; src < mesh.nodes(); src++) {
                    for (int[] set : sets) {
                        tree += model.treeLinks(src, set).size();
                        for (int d : set) {
                            paths += model.hops(src, d);
                        }
                        count++;
                    }
                }
                md.append(String.format(Locale.ROOT, "| %dx%d | %d | %.2f | %.2f | %.2f |%n", side, side, k,
                        (double) tree / count, (double) paths / count, (double) paths / tree));
            }
        }
        md.append('\n');
    }

    private void area(List<RouterParams> routers, String title) throws IOException {
        md.append("## ").append(title).append("\n\n");
        md.append("Yosys `synth_ice40` of one router (`YosysStat.ice40`): LUT4s and flip-flops, against the "
                + "default router `nf_router_w32_d4` (docs/fpga.md's flow, which adds place and route, reports 1077 "
                + "LUT4 and 756 FF for it).\n\n");
        md.append("| router | LUT4 | FF | LUT4 vs default | FF vs default |\n|---|---|---|---|---|\n");
        Path dir = RtlModels.workDir().resolve("options-area");
        int baseLut = 0;
        int baseFf = 0;
        for (RouterParams rp : routers) {
            YosysStat s = YosysStat.ice40(RouterBuilder.build(rp), dir.resolve(rp.moduleName()));
            if (rp.equals(RouterParams.defaults())) {
                baseLut = s.luts();
                baseFf = s.flipFlops();
            }
            md.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %s | %s |%n", rp.moduleName(), s.luts(),
                    s.flipFlops(), ratio(s.luts(), baseLut), ratio(s.flipFlops(), baseFf)));
            System.out.printf(Locale.ROOT, "%s: %d LUT4, %d FF%n", rp.moduleName(), s.luts(), s.flipFlops());
        }
        md.append('\n');
    }

    private static String ratio(int v, int base) {
        return base == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", (double) v / base);
    }

    /** Uniform unicast traffic at {@code load} flits/node/cycle. */
    private Result uniform(MeshHarness h, int flits, double load) {
        MeshParams mesh = h.mesh();
        Random rnd = new Random(seed ^ (mesh.nodes() * 7919L + flits * 31L + Math.round(load * 1000)));
        NocTraffic traffic = new NocTraffic(mesh, rnd);
        return measure(h, 1, load, () -> {
            for (int src = 0; src < mesh.nodes(); src++) {
                if (rnd.nextDouble() < load / flits && h.queued(src) < QUEUE_CAP) {
                    h.offer(src, traffic.packet(src, rnd.nextInt(mesh.nodes()), flits));
                }
            }
        });
    }

    /** Fan-out events at {@code rate} events/node/cycle. */
    private Result events(MeshHarness h, Fanout f, Mode mode, double rate) {
        MeshParams mesh = h.mesh();
        Random rnd = new Random(seed ^ (mesh.nodes() * 104729L + f.k() * 131L + mode.ordinal() * 7L
                + Math.round(rate * 1000)));
        NocTraffic traffic = new NocTraffic(mesh, rnd);
        return measure(h, f.k(), rate, () -> {
            for (int src = 0; src < mesh.nodes(); src++) {
                if (rnd.nextDouble() >= rate || h.queued(src) >= QUEUE_CAP) {
                    continue;
                }
                int xl;
                int yl;
                int xh;
                int yh;
                if (f.k() == 1) {
                    xl = xh = rnd.nextInt(mesh.cols());
                    yl = yh = rnd.nextInt(mesh.rows());
                } else if (f.k() == 4) {
                    xl = rnd.nextInt(mesh.cols() - 1);
                    yl = rnd.nextInt(mesh.rows() - 1);
                    xh = xl + 1;
                    yh = yl + 1;
                } else {
                    xl = 0;
                    yl = 0;
                    xh = mesh.cols() - 1;
                    yh = mesh.rows() - 1;
                }
                if (mode == Mode.MULTICAST) {
                    h.offer(src, traffic.multicast(src, xl, xh, yl, yh));
                } else {
                    for (int y = yl; y <= yh; y++) {
                        for (int x = xl; x <= xh; x++) {
                            h.offer(src, traffic.packet(src, x, y, 1));
                        }
                    }
                }
            }
        });
    }

    /**
     * Runs warm-up and window with {@code inject} called once per cycle; returns copies delivered per
     * node per cycle (flits, for multi-flit traffic), events per cycle ({@code k} copies an event) and
     * the mean latency of copies created in the window.
     */
    private Result measure(MeshHarness h, int k, double offered, Runnable inject) {
        MeshParams mesh = h.mesh();
        h.reset();
        h.setSinkPolicy(MeshHarness.SinkPolicy.ALWAYS);
        long start = h.cycle() + warmup;
        long end = start + window;
        long[] s = new long[3];  // copies delivered in window, latency sum, copies created
        SourceRates rates = new SourceRates(mesh.nodes(), start, end);
        h.setLatencyListener((src, dst, created, latency, n) -> {
            rates.delivered(src, created, latency, n);
            long at = created + latency;
            if (at >= start && at < end) {
                s[0]++;
            }
            if (created >= start && created < end) {
                s[1] += latency;
                s[2]++;
            }
        });
        while (h.cycle() < end) {
            inject.run();
            h.tick();
        }
        h.drain(500_000);
        NocScoreboard sb = h.scoreboard();
        if (!sb.errors().isEmpty()) {
            throw new IllegalStateException(mesh.moduleName() + ": scoreboard errors:\n" + String.join("\n", sb.errors()));
        }
        h.setLatencyListener(null);
        double copiesPerCycle = (double) s[0] / window;
        return new Result(offered, rates.total() / mesh.nodes(), copiesPerCycle / k, copiesPerCycle,
                (double) s[1] / s[2], s[0], rates.min(), rates.max());
    }

}
