package dev.neuroforge.verif.array;

import dev.neuroforge.generator.array.ArrayBuilder;
import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.EnergyTable;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.sim.ExternalCommand;
import dev.neuroforge.sim.ModelBuilder;
import dev.neuroforge.sim.ModelSpec;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.core.Firmware;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code make bench-array}: the array on fully connected LIF networks (docs/array-bench.md).
 * Strong scaling (one network on growing arrays), weak scaling (neurons per tile fixed), and the
 * simulation speed of the Java harness (streamed through the shim) against a plain C++ loop that
 * pokes and peeks every port every cycle through the same library. Every RTL run is checked
 * against the golden model. Arguments: {@code --quick} (fewer steps, no 8 x 8), {@code --seed N}.
 */
public final class ArrayBench {
    private final boolean quick;
    private final long seed;
    private final Elf fw;
    private final StringBuilder md = new StringBuilder();

    private ArrayBench(boolean quick, long seed) throws IOException {
        this.quick = quick;
        this.seed = seed;
        this.fw = Firmware.tile();
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; allowed: --quick, --seed N");
            }
        }
        System.out.println("[seed] ArrayBench seed=" + seed);
        new ArrayBench(quick, seed).all(Paths.get("docs/array-bench.md"));
    }

    /** in -> hidden -> out, fully connected LIF (8-bit weights, about a fifth of them zero). */
    static Network layer(int in, int hidden, int out, long seed) {
        Random r = new Random(seed);
        return new Network("fc" + in + "-" + hidden + "-" + out, List.of(Population.input("in", in),
                new Population("hidden", hidden, NeuronParams.leaky(60, 4, NeuronParams.Reset.SUBTRACT, 16)),
                new Population("out", out, NeuronParams.leaky(40, 4, NeuronParams.Reset.SUBTRACT, 16))),
                List.of(new FullProjection("in", "hidden", 8, 0, weights(r, in, hidden)),
                        new FullProjection("hidden", "out", 8, 0, weights(r, hidden, out))));
    }

    private static int[][] weights(Random r, int n, int m) {
        int[][] w = new int[n][m];
        for (int[] row : w) {
            for (int j = 0; j < m; j++) {
                row[j] = r.nextInt(5) == 0 ? 0 : r.nextInt(-20, 41);
            }
        }
        return w;
    }

    static List<List<Event>> inputs(int n, int steps, double rate, long seed) {
        Random r = new Random(seed);
        List<List<Event>> in = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<Event> ev = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (r.nextDouble() < rate) {
                    ev.add(new Event(0, i, 1));
                }
            }
            in.add(ev);
        }
        return in;
    }

    private void all(Path out) throws Exception {
        int steps = quick ? 20 : 100;
        md.append("# Array benchmark\n\n`make bench-array` (`ArrayBench`")
                .append(quick ? ", `--quick`" : "").append(", seed ").append(seed).append("), ")
                .append(java.time.LocalDate.now()).append(". Default tiles (8 lanes, 32-bit flits); fully connected"
                        + " LIF networks, 10 % input activity, ").append(steps).append(" steps; every RTL run equal to the"
                        + " golden model at every step. Cycles per step run from the tick to `done_o`; the energy is the"
                        + " tiles' activity counters times the SENECA table.\n\n");

        md.append("## Strong scaling: 64 -> 128 -> 32 on growing arrays\n\n");
        header();
        Network net = layer(64, 128, 32, seed);
        List<List<Event>> in = inputs(64, steps, 0.1, seed + 1);
        List<int[]> shapes = new ArrayList<>(List.of(new int[] {1, 1}, new int[] {2, 2}, new int[] {4, 4}));
        if (!quick) {
            shapes.add(new int[] {8, 8});
        }
        for (int[] s : shapes) {
            row(new ArrayParams(s[0], s[1], TileParams.defaults()), net, in);
        }

        md.append("\n## Weak scaling: 32 hidden and 8 output neurons per tile\n\n");
        header();
        for (int[] s : shapes) {
            int t = s[0] * s[1];
            row(new ArrayParams(s[0], s[1], TileParams.defaults()), layer(64, 32 * t, 8 * t, seed + t), in);
        }

        int samples = quick ? 20 : 1000;
        md.append("\n## Workload: Fashion-MNIST FC LIF (784 -> 256 -> 128 -> 10) on 2 x 2\n\n");
        ArrayWorkloads.Summary w = ArrayWorkloads.fcLif(samples, seed + 10);
        if (w.mismatch() != null) {
            throw new IllegalStateException("workload: " + w.mismatch());
        }
        System.out.println(w.line());
        md.append(w.line()).append(".\n");

        md.append("\n## Simulation speed\n\n");
        speed(new ArrayParams(2, 2, TileParams.defaults()), net, in);
        speed(new ArrayParams(4, 4, TileParams.defaults()), layer(64, 32 * 16, 8 * 16, seed + 16), in);
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out);
    }

    private void header() {
        md.append("| array | network | cycles per step | synaptic ops per cycle | peak (tiles x lanes) | share of peak |"
                + " host packets in / out | hops | energy per step (nJ) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    }

    private void row(ArrayParams a, Network net, List<List<Event>> in) {
        ArrayMapping m = ArrayMapping.map(a, net, fw);
        ArrayRun.Result r;
        try (ArrayRtl rtl = new ArrayRtl(a)) {
            r = ArrayRun.run(rtl, m, in, in.size(), true, EnergyTable.seneca(), null);
        }
        if (r.mismatch() != null) {
            throw new IllegalStateException(a.cols() + "x" + a.rows() + ": " + r.mismatch());
        }
        int steps = r.stepCycles().length;
        double cps = (double) r.cycles() / steps;
        double spc = (double) r.operations().get("synop") / r.cycles();
        int peak = a.tiles() * a.tile().npe().lanes();
        String line = String.format(Locale.ROOT, "| %d x %d | %s | %.0f | %.2f | %d | %.1f %% | %d / %d | %d | %.2f |%n",
                a.cols(), a.rows(), net.name(), cps, spc, peak, 100 * spc / peak, r.hostPacketsIn(), r.hostPacketsOut(),
                r.hops(), r.energyTotalPicojoules() / 1000 / steps);
        System.out.print(line);
        md.append(line);
    }

    /** Java harness (streamed) against the C++ per-cycle loop on the same library and the same run. */
    private void speed(ArrayParams a, Network net, List<List<Event>> in) throws IOException {
        ArrayMapping m = ArrayMapping.map(a, net, fw);
        ModelSpec spec = RtlModels.spec(ArrayBuilder.build(a));
        Path lib = ModelBuilder.build(spec).library();
        int reps = quick ? 3 : 5;
        double[] java = new double[reps];
        long javaCycles = 0;
        long javaFlits = 0;
        List<int[]> trace = new ArrayList<>();
        try (ArrayRtl rtl = new ArrayRtl(a, SimModel.load(spec))) {
            for (int k = 0; k < reps; k++) {
                rtl.load(m);
                if (k == 0) {
                    for (List<Event> e : in) {
                        trace.add(rtl.inputFlits(e));
                    }
                }
                long c0 = rtl.cycles();
                long p0 = rtl.packetsOut();
                long t0 = System.nanoTime();
                for (List<Event> e : in) {
                    rtl.step(e);
                }
                java[k] = (System.nanoTime() - t0) / 1e9;
                javaCycles = rtl.cycles() - c0;
                javaFlits = rtl.packetsOut() - p0;
            }
        }
        Path work = RtlModels.workDir().resolve("bench").toAbsolutePath();
        Files.createDirectories(work);
        Path traceFile = work.resolve("array-trace.bin");
        List<long[]> writes = ArrayRtl.loadWrites(m);
        int w = a.tile().router().flitWidth() / 32 + (a.tile().router().flitWidth() % 32 == 0 ? 0 : 1);
        long words = 3 + 3L * writes.size();
        for (int[] t : trace) {
            words += 1 + t.length;
        }
        ByteBuffer b = ByteBuffer.allocate((int) (4 * words)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(w).putInt(writes.size());
        for (long[] x : writes) {
            b.putInt((int) x[0]).putInt((int) x[1]).putInt((int) x[2]);
        }
        b.putInt(trace.size());
        for (int[] t : trace) {
            b.putInt(t.length / (w + 1));
            for (int v : t) {
                b.putInt(v);
            }
        }
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(traceFile))) {
            o.write(b.array());
        }
        Path src = work.resolve("array_driver.cpp");
        Path exe = work.resolve("array_driver");
        try (InputStream s = ArrayBench.class.getResourceAsStream("/array_driver.cpp")) {
            if (s == null) {
                throw new IllegalStateException("array_driver.cpp is missing from the verif classpath");
            }
            Files.write(src, s.readAllBytes());
        }
        ExternalCommand.require(List.of("g++", "-O2", "-o", exe.toString(), src.toString(), "-ldl"), work, 300,
                "Compiling array_driver.cpp", "install g++ (apt-get install -y g++)");
        String[] f = ExternalCommand.require(List.of(exe.toString(), lib.toString(), traceFile.toString(),
                String.valueOf(reps)), work, 3600, "Running array_driver", "").trim().split("\\s+");
        long cppCycles = Long.parseLong(f[0]);
        double cppSeconds = Double.parseDouble(f[3]) / 1e9;
        if (cppCycles != javaCycles) {
            throw new IllegalStateException("C++ and Java runs differ: " + cppCycles + " vs " + javaCycles + " cycles");
        }
        Arrays.sort(java);
        double javaS = java[reps / 2];
        String line = String.format(Locale.ROOT, "%d x %d array, %s, %d steps (%d cycles, %d packets to the host): Java"
                + " harness %.0f cycles/s, C++ per-cycle loop %.0f cycles/s, ratio %.2f (median of %d runs).%n%n",
                a.cols(), a.rows(), net.name(), in.size(), javaCycles, javaFlits, javaCycles / javaS, cppCycles / cppSeconds,
                (javaCycles / javaS) / (cppCycles / cppSeconds), reps);
        System.out.print(line);
        md.append(line);
    }
}
