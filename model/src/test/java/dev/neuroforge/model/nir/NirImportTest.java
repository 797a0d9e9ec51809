package dev.neuroforge.model.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Own NIR files, written at test time with jHDF in NIR's layout: random exactly representable graphs
 * (integer weights and biases, integer thresholds per neuron, dt/tau a power of two, v_reset 0, Scale,
 * Delay, recurrent edges, Conv2d + SumPool2d + Flatten, nested graphs) reproduce the float64
 * discrete-time reference of {@link NirTestGraph} spike for spike; approximations are reported;
 * malformed files and unmappable nodes are refused with the file, the node and the rule.
 */
class NirImportTest {
    @TempDir
    Path dir;

    static double[][] ints(Random rnd, int rows, int cols, int lo, int hi) {
        double[][] m = new double[rows][cols];
        for (double[] r : m) {
            for (int j = 0; j < cols; j++) {
                r[j] = lo + rnd.nextInt(hi - lo + 1);
            }
        }
        return m;
    }

    static double[] vec(Random rnd, int n, int lo, int hi) {
        return ints(rnd, 1, n, lo, hi)[0];
    }

    static double[] fill(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    static List<List<Integer>> spikes(Random rnd, int steps, int n, double p) {
        List<List<Integer>> l = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<Integer> s = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (rnd.nextDouble() < p) {
                    s.add(i);
                }
            }
            l.add(s);
        }
        return l;
    }

    /** A random layered graph; fills {@code back} with its recurrent edges. */
    static NirTestGraph random(Random rnd, List<String> back, boolean conv) {
        NirTestGraph g = new NirTestGraph();
        String prev;
        int prevSize;
        if (conv) {
            g.node("input", "Input", "shape", new long[] {1, 6, 6});
            int stride = 1 + rnd.nextInt(2);
            g.node("conv", "Conv2d", "weight", new double[2][1][3][3], "bias",
                    new double[] {rnd.nextInt(3) - 1}, "stride", new long[] {stride, stride}, "padding", new long[] {1, 1},
                    "dilation", new long[] {1, 1}, "groups", 1L, "input_shape", new long[] {6, 6});
            // two output channels
            double[][][][] w = new double[2][1][][];
            w[0][0] = ints(rnd, 3, 3, -2, 2);
            w[1][0] = ints(rnd, 3, 3, -2, 2);
            g.nodes.get("conv").params().put("weight", w);
            g.nodes.get("conv").params().put("bias", vec(rnd, 2, -1, 1));
            int ho = (6 + 2 - 3) / stride + 1;
            g.node("pool", "SumPool2d", "kernel_size", new long[] {2, 2}, "stride", new long[] {2, 2}, "padding", new long[] {0, 0});
            int po = ho / 2;
            g.node("flat", "Flatten", "start_dim", 0L, "end_dim", -1L, "input_type", new long[] {2, po, po});
            g.edge("input", "conv").edge("conv", "pool").edge("pool", "flat");
            prev = "flat";
            prevSize = 2 * po * po;
            if (ho % 2 != 0) {
                return null;  // the reference's pool drops no rows; keep to even sizes
            }
        } else {
            prevSize = 4 + rnd.nextInt(8);
            g.node("input", "Input", "shape", new long[] {prevSize});
            prev = "input";
        }
        int layers = 1 + rnd.nextInt(3);
        for (int l = 0; l < layers; l++) {
            int size = 3 + rnd.nextInt(8);
            String src = prev;
            if (l > 0 && rnd.nextBoolean()) {
                g.node("d" + l, "Delay", "delay", vec(rnd, prevSize, 0, 3));
                g.edge(src, "d" + l);
                src = "d" + l;
            }
            double[][] w = ints(rnd, size, prevSize, -3, 3);
            if (rnd.nextBoolean()) {
                double[] b = rnd.nextBoolean() ? vec(rnd, size, -1, 1) : new double[size];
                g.node("fc" + l, "Affine", "weight", w, "bias", b);
            } else {
                g.node("fc" + l, "Linear", "weight", w);
            }
            g.edge(src, "fc" + l);
            src = "fc" + l;
            if (rnd.nextDouble() < 0.3) {
                g.node("s" + l, "Scale", "scale", vec(rnd, size, -1, 2));
                g.edge(src, "s" + l);
                src = "s" + l;
            }
            String p = "p" + l;
            double[] thr = vec(rnd, size, 1, 8);
            if (rnd.nextBoolean()) {
                g.node(p, "IF", "r", fill(size, 1 + rnd.nextInt(2)), "v_threshold", thr, "v_reset", new double[size]);
            } else {
                double tau = 1 << (1 + rnd.nextInt(4));
                g.node(p, "LIF", "tau", fill(size, tau), "r", fill(size, rnd.nextBoolean() ? 1 : tau), "v_leak",
                        new double[size], "v_threshold", thr, "v_reset", new double[size]);
            }
            g.edge(src, p);
            if (rnd.nextDouble() < 0.35) {
                g.node("rec" + l, "Linear", "weight", ints(rnd, size, size, -2, 2));
                g.edge(p, "rec" + l).edge("rec" + l, p);
                back.add("rec" + l + "->" + p);
            }
            prev = p;
            prevSize = size;
        }
        g.node("output", "Output", "shape", new long[] {prevSize});
        g.edge(prev, "output");
        return g;
    }

    @Test
    void randomExactGraphsReproduceTheFloatReference() {
        Random rnd = new Random(16);
        int ran = 0;
        int lif = 0;
        long outSpikes = 0;
        for (int k = 0; k < 120; k++) {
            List<String> back = new ArrayList<>();
            boolean conv = k % 4 == 3;
            NirTestGraph g = random(rnd, back, conv);
            if (g == null) {
                continue;
            }
            Path f = dir.resolve("g" + k + ".nir");
            g.write(f);
            boolean gt = rnd.nextBoolean();
            NirImporter.Result r = NirImporter.importFile(f, new NirImporter.Options(1.0, 0, 32, gt, 0));
            int n = r.network().populations().get(r.network().indexOf("input")).size();
            List<List<Integer>> in = spikes(rnd, 40, n, 0.3);
            List<List<Integer>> want = g.simulate("input", in, back, "output", gt);
            List<List<Integer>> got = NirFixturesTest.run(r, in, "input", "output");
            assertEquals(want, got, "graph " + k + " (" + (gt ? ">" : ">=") + ")\n" + r.summary());
            ran++;
            outSpikes += want.stream().mapToInt(List::size).sum();
            lif += g.nodes.values().stream().anyMatch(x -> x.type().equals("LIF")) ? 1 : 0;
        }
        assertTrue(ran >= 100 && lif >= 30 && outSpikes > 20L * ran, ran + " graphs, " + lif + " with LIF, "
                + outSpikes + " output spikes");
    }

    @Test
    void nestedGraphIsInlined() {
        Random rnd = new Random(3);
        double[][] w1 = ints(rnd, 5, 6, -3, 3);
        double[][] w2 = ints(rnd, 4, 5, -3, 3);
        double[] sc = vec(rnd, 5, 1, 2);
        double[] thr = vec(rnd, 4, 1, 5);
        NirTestGraph block = new NirTestGraph().node("in", "Input", "shape", new long[] {5})
                .node("s", "Scale", "scale", sc).node("out", "Output", "shape", new long[] {5})
                .edge("in", "s").edge("s", "out");
        NirTestGraph g = new NirTestGraph().node("input", "Input", "shape", new long[] {6})
                .node("fc1", "Linear", "weight", w1).sub("block", block).node("fc2", "Linear", "weight", w2)
                .node("pop", "IF", "r", fill(4, 1), "v_threshold", thr, "v_reset", new double[4])
                .node("output", "Output", "shape", new long[] {4})
                .edge("input", "fc1").edge("fc1", "block").edge("block", "fc2").edge("fc2", "pop").edge("pop", "output");
        Path f = dir.resolve("nested.nir");
        g.write(f);
        NirTestGraph flat = new NirTestGraph().node("input", "Input", "shape", new long[] {6})
                .node("fc1", "Linear", "weight", w1).node("s", "Scale", "scale", sc).node("fc2", "Linear", "weight", w2)
                .node("pop", "IF", "r", fill(4, 1), "v_threshold", thr, "v_reset", new double[4])
                .node("output", "Output", "shape", new long[] {4})
                .edge("input", "fc1").edge("fc1", "s").edge("s", "fc2").edge("fc2", "pop").edge("pop", "output");
        NirImporter.Result r = NirImporter.importFile(f, NirImporter.Options.defaults());
        List<List<Integer>> in = spikes(rnd, 40, 6, 0.4);
        List<List<Integer>> want = flat.simulate("input", in, List.of(), "output", false);
        assertEquals(want, NirFixturesTest.run(r, in, "input", "output"));
        assertTrue(want.stream().mapToInt(List::size).sum() > 5, "the output spikes");
        assertTrue(r.exact());
    }

    static NirTestGraph simple(double w, double thr, String neuron, double tau) {
        NirTestGraph g = new NirTestGraph().node("input", "Input", "shape", new long[] {2})
                .node("fc", "Linear", "weight", new double[][] {{w, 1}, {1, w}});
        if (neuron.equals("IF")) {
            g.node("pop", "IF", "r", fill(2, 1), "v_threshold", fill(2, thr), "v_reset", new double[2]);
        } else {
            g.node("pop", "LIF", "tau", fill(2, tau), "r", fill(2, 1), "v_leak", new double[2], "v_threshold",
                    fill(2, thr), "v_reset", new double[2]);
        }
        return g.node("output", "Output", "shape", new long[] {2}).edge("input", "fc").edge("fc", "pop").edge("pop", "output");
    }

    @Test
    void approximationsAreReported() {
        Path f = dir.resolve("approx.nir");
        simple(0.37, 1.5, "LIF", 3.0).write(f);
        NirImporter.Result r = NirImporter.importFile(f, NirImporter.Options.defaults());
        assertFalse(r.exact());
        NirImporter.PopulationReport p = r.populations().get(0);
        // dt/tau = 1/3: the nearest shift is 2 (decay 3/4 for 2/3): relative error 1/8
        assertEquals(2, p.leakShift());
        assertEquals(0.125, p.decayRelativeError(), 1e-12);
        assertTrue(r.summary().contains("largest relative error of the decay 0.125"), r.summary());
        // forced small threshold: weights clip
        NirImporter.Result c = NirImporter.importFile(f, new NirImporter.Options(1.0, 4, 32, false, 100));
        assertTrue(c.populations().get(0).weightsClipped() > 0, c.summary());
        Path e = dir.resolve("exact.nir");
        simple(2, 3, "IF", 0).write(e);
        NirImporter.Result x = NirImporter.importFile(e, NirImporter.Options.defaults());
        assertTrue(x.exact(), x.summary());
        assertEquals(3, x.populations().get(0).threshold());
    }

    NirException refused(NirTestGraph g, String name) {
        Path f = dir.resolve(name + ".nir");
        g.write(f);
        NirException e = assertThrows(NirException.class, () -> NirImporter.importFile(f, NirImporter.Options.defaults()));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("dev.neuroforge") || e.getMessage().contains("Exception"), e.getMessage());
        return e;
    }

    @Test
    void malformedFilesAreRefusedClearly() throws IOException {
        NirTestGraph noVersion = simple(1, 2, "IF", 0);
        noVersion.version = null;
        assertTrue(refused(noVersion, "noversion").getMessage().contains("/version is missing"));

        NirTestGraph unknown = simple(1, 2, "IF", 0).node("odd", "Frobnicate", "x", new double[] {1});
        String m = refused(unknown, "unknown").getMessage();
        assertTrue(m.contains("node \"odd\"") && m.contains("\"Frobnicate\"") && m.contains("NIR does not define"), m);

        NirTestGraph dangling = simple(1, 2, "IF", 0).edge("pop", "ghost");
        m = refused(dangling, "dangling").getMessage();
        assertTrue(m.contains("(pop, ghost)") && m.contains("\"ghost\", which is not in /node/nodes"), m);

        NirTestGraph shape = new NirTestGraph().node("input", "Input", "shape", new long[] {3})
                .node("fc", "Linear", "weight", new double[][] {{1, 1}, {1, 1}})
                .node("pop", "IF", "r", fill(2, 1), "v_threshold", fill(2, 1), "v_reset", new double[2])
                .node("output", "Output", "shape", new long[] {2}).edge("input", "fc").edge("fc", "pop").edge("pop", "output");
        m = refused(shape, "shape").getMessage();
        assertTrue(m.contains("node \"fc\" (Linear)") && m.contains("[2, 2]") && m.contains("3 values"), m);

        NirTestGraph reset = simple(1, 2, "IF", 0);
        reset.nodes.get("pop").params().put("v_reset", fill(2, 0.5));
        m = refused(reset, "reset").getMessage();
        assertTrue(m.contains("node \"pop\" (IF)") && m.contains("v_reset[0] = 0.5") && m.contains("must be 0"), m);

        NirTestGraph avg = new NirTestGraph().node("input", "Input", "shape", new long[] {1, 4, 4})
                .node("avg", "AvgPool2d", "kernel_size", new long[] {2, 2}, "stride", new long[] {2, 2}, "padding", new long[] {0, 0})
                .node("output", "Output", "shape", new long[] {4}).edge("input", "avg").edge("avg", "output");
        m = refused(avg, "avg").getMessage();
        assertTrue(m.contains("node \"avg\" (AvgPool2d)") && m.contains("sum pooling"), m);

        Path junk = dir.resolve("junk.nir");
        Files.writeString(junk, "not hdf5");
        NirException e = assertThrows(NirException.class, () -> NirImporter.importFile(junk, NirImporter.Options.defaults()));
        assertTrue(e.getMessage().startsWith(junk + ": not a readable HDF5"), e.getMessage());
    }
}
