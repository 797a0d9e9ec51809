package dev.neuroforge.verif.noc;

import dev.neuroforge.generator.noc.MeshBuilder;
import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.sim.ExternalCommand;
import dev.neuroforge.sim.ModelBuilder;
import dev.neuroforge.sim.ModelSpec;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.Progress;
import dev.neuroforge.verif.common.RtlModels;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code make bench}: latency against offered load and saturation throughput of the generated
 * mesh, and the speed of driving it from Java through JNA compared with a plain C++ loop.
 * Every figure comes from a run of the Verilated RTL checked by the scoreboard; a run with a
 * scoreboard error fails the benchmark. Options: {@code --quick}, {@code --seed N},
 * {@code --out DIR} (default {@code docs}).
 */
public final class NocBench {
    private static final double[] LOADS = {0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55,
        0.6, 0.7, 0.8, 0.9, 1.0};
    private static final int QUEUE_CAP = 200;

    private final boolean quick;
    private final long seed;
    private final Path out;
    private final int warmup;
    private final int window;

    private NocBench(boolean quick, long seed, Path out) {
        this.quick = quick;
        this.seed = seed;
        this.out = out;
        this.warmup = quick ? 300 : 5_000;
        this.window = quick ? 1_000 : 30_000;
    }

    /** One measured point of the sweep. */
    record Point(String mesh, NocTraffic.Pattern pattern, int flits, double offered, double accepted,
            double latency, double hops, long packets) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        System.setProperty("java.awt.headless", "true");
        boolean quick = false;
        long seed = new SecureRandom().nextLong();
        Path out = Paths.get("docs");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Paths.get(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; allowed: --quick, --seed N, --out DIR");
                    System.exit(2);
                }
            }
        }
        System.out.println("[seed] NocBench seed=" + seed + "  replay: make bench BENCH_ARGS='--seed " + seed + "'");
        new NocBench(quick, seed, out).run();
    }

    private void run() throws IOException, InterruptedException {
        int[] sides = {4, 8};
        int[] lengths = {1, 4};
        Progress progress = new Progress("noc-bench points", (long) sides.length * NocTraffic.Pattern.values().length
                * lengths.length * LOADS.length);
        List<Point> points = new ArrayList<>();
        for (int side : sides) {
            MeshParams mesh = new MeshParams(side, side);
            try (SimModel sim = RtlModels.load(MeshBuilder.build(mesh))) {
                MeshHarness h = new MeshHarness(sim, mesh);
                for (NocTraffic.Pattern p : NocTraffic.Pattern.values()) {
                    for (int flits : lengths) {
                        for (double load : LOADS) {
                            Point pt = measure(h, p, flits, load);
                            points.add(pt);
                            System.out.printf(Locale.ROOT, "%s %-9s %d-flit offered %.2f accepted %.3f latency %.1f%n",
                                    pt.mesh(), p, flits, load, pt.accepted(), pt.latency());
                            progress.step(points.size());
                        }
                    }
                }
            }
        }
        progress.finish();
        Speed speed = speed();
        double minutes = progress.elapsedSeconds() / 60;
        NocBenchReport.write(out, points, speed, seed, quick, minutes, LocalDate.now().toString());
        System.out.printf(Locale.ROOT, "wrote %s (%.1f min)%n", out.resolve("noc-bench.md"), minutes);
    }

    private Point measure(MeshHarness h, NocTraffic.Pattern pattern, int flits, double load) {
        MeshParams mesh = h.mesh();
        h.reset();
        h.setSinkPolicy(MeshHarness.SinkPolicy.ALWAYS);
        Random rnd = new Random(seed ^ (mesh.nodes() * 1_000_003L + pattern.ordinal() * 1009L + flits * 31L
                + Math.round(load * 1000)));
        NocTraffic traffic = new NocTraffic(mesh, rnd);
        long start = h.cycle() + warmup;
        long end = start + window;
        long[] stats = new long[4];  // latency sum, packets, flits delivered in window, hop sum
        MeshModel model = new MeshModel(mesh);
        h.setLatencyListener((src, dst, created, latency, n) -> {
            long delivered = created + latency;
            if (delivered >= start && delivered < end) {
                stats[2] += n;
            }
            if (created >= start && created < end) {
                stats[0] += latency;
                stats[1]++;
                stats[3] += model.hops(src, dst);
            }
        });
        double packetRate = load / flits;
        while (h.cycle() < end) {
            for (int src = 0; src < mesh.nodes(); src++) {
                if (rnd.nextDouble() < packetRate && h.queued(src) < QUEUE_CAP) {
                    h.offer(src, traffic.packet(src, traffic.destination(pattern, src), flits));
                }
            }
            h.tick();
        }
        h.drain(200_000);
        failOnErrors(h.scoreboard(), mesh.moduleName() + " " + pattern + " load " + load);
        h.setLatencyListener(null);
        return new Point(mesh.cols() + "x" + mesh.rows(), pattern, flits, load,
                (double) stats[2] / mesh.nodes() / window, (double) stats[0] / stats[1],
                (double) stats[3] / stats[1], stats[1]);
    }

    private static void failOnErrors(NocScoreboard sb, String what) {
        if (!sb.errors().isEmpty()) {
            System.err.println("WARNING: scoreboard errors in " + what + ":\n" + String.join("\n", sb.errors()));
            throw new IllegalStateException("benchmark run " + what + " failed its scoreboard");
        }
    }

    /** Simulation speed of the 4x4 mesh: Java harness over JNA, the C++ loop, and bare steps. */
    record Speed(int cycles, long packets, double javaCps, double cppCps, double stepCps) {
    }

    private Speed speed() throws IOException, InterruptedException {
        MeshParams mesh = new MeshParams(4, 4);
        int cycles = quick ? 20_000 : 100_000;
        int reps = quick ? 3 : 5;
        Random rnd = new Random(seed);
        NocTraffic traffic = new NocTraffic(mesh, rnd);
        List<int[]> trace = new ArrayList<>();  // created, src, flit
        for (int c = 0; c < cycles; c++) {
            for (int src = 0; src < mesh.nodes(); src++) {
                if (rnd.nextDouble() < 0.3) {
                    List<BigInteger> p = traffic.packet(src, traffic.destination(NocTraffic.Pattern.UNIFORM, src), 1);
                    trace.add(new int[] {c, src, p.get(0).intValue()});
                }
            }
        }
        ModelSpec spec = RtlModels.spec(MeshBuilder.build(mesh));
        Path lib = ModelBuilder.build(spec).library();
        Path work = RtlModels.workDir().resolve("bench").toAbsolutePath();
        Files.createDirectories(work);
        Path traceFile = work.resolve("mesh4x4-trace.bin");
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(traceFile))) {
            ByteBuffer b = ByteBuffer.allocate(12 + trace.size() * 16).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(cycles).putInt(mesh.nodes()).putInt(trace.size());
            for (int[] t : trace) {
                b.putInt(t[0]).putInt(t[1]).putInt(1).putInt(t[2]);
            }
            o.write(b.array());
        }

        // Java: the full harness (sources, sinks, monitor, scoreboard) through JNA.
        double[] java = new double[reps + 1];
        long javaPackets = 0;
        long javaSum = 0;
        try (SimModel sim = SimModel.load(spec)) {
            for (int r = 0; r <= reps; r++) {
                MeshHarness h = new MeshHarness(sim, mesh);
                h.reset();
                long base = h.cycle();
                long[] sums = new long[mesh.nodes()];
                long[] delivered = new long[1];
                h.setPacketListener((node, flits) -> {
                    for (BigInteger f : flits) {
                        sums[node] = sums[node] * 31 + (f.longValue() & 0xFFFFFFFFL);
                    }
                    delivered[0]++;
                });
                int ti = 0;
                long t0 = System.nanoTime();
                for (int c = 0; c < cycles; c++) {
                    while (ti < trace.size() && trace.get(ti)[0] <= c) {
                        int[] t = trace.get(ti++);
                        h.offer(t[1], List.of(BigInteger.valueOf(t[2] & 0xFFFFFFFFL)));
                    }
                    h.tick();
                }
                java[r] = (System.nanoTime() - t0) / 1e9;
                failOnErrors(h.scoreboard(), "speed run");
                javaPackets = delivered[0];
                javaSum = 0;
                for (int n = 0; n < sums.length; n++) {
                    javaSum += sums[n] * (n + 1);
                }
                if (h.cycle() - base != cycles) {
                    throw new IllegalStateException("speed run ran " + (h.cycle() - base) + " cycles");
                }
            }
        }
        // Bare stepping with the inputs idle: the simulator's own speed.
        double stepSeconds;
        try (SimModel sim = SimModel.load(spec)) {
            sim.reset(2);
            sim.poke("local_out_ready_i", 0xFFFF);
            sim.step(cycles);
            long t0 = System.nanoTime();
            sim.step(cycles);
            stepSeconds = (System.nanoTime() - t0) / 1e9;
        }

        // C++: the same trace through the same library and shim functions.
        Path exe = work.resolve("mesh_driver");
        Path src = work.resolve("mesh_driver.cpp");
        try (InputStream in = NocBench.class.getResourceAsStream("/mesh_driver.cpp")) {
            if (in == null) {
                throw new IllegalStateException("mesh_driver.cpp is missing from the verif classpath");
            }
            Files.write(src, in.readAllBytes());
        }
        ExternalCommand.require(List.of("g++", "-O2", "-o", exe.toString(), src.toString(), "-ldl"), work, 300,
                "Compiling mesh_driver.cpp", "install g++ (apt-get install -y g++)");
        String line = ExternalCommand.require(List.of(exe.toString(), lib.toString(), traceFile.toString(),
                String.valueOf(reps)), work, 3600, "Running mesh_driver", "").trim();
        String[] f = line.split("\\s+");
        long cppPackets = Long.parseLong(f[1]);
        long cppSum = Long.parseUnsignedLong(f[2]);
        double cppSeconds = Double.parseDouble(f[3]) / 1e9;
        if (cppPackets != javaPackets || cppSum != javaSum) {
            throw new IllegalStateException("C++ and Java runs differ: packets " + cppPackets + " vs " + javaPackets
                    + ", checksum " + Long.toUnsignedString(cppSum) + " vs " + Long.toUnsignedString(javaSum));
        }
        double javaMedian = median(Arrays.copyOfRange(java, 1, java.length));
        System.out.printf(Locale.ROOT, "speed: %d cycles, %d packets; Java+JNA %.0f cycles/s, C++ %.0f cycles/s, "
                + "bare step %.0f cycles/s%n", cycles, javaPackets, cycles / javaMedian, cycles / cppSeconds,
                cycles / stepSeconds);
        return new Speed(cycles, javaPackets, cycles / javaMedian, cycles / cppSeconds, cycles / stepSeconds);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
