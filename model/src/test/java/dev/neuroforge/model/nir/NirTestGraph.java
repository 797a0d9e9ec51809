package dev.neuroforge.model.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph built in a test, written with jHDF's writer in NIR's layout (/version, /node with
 * type, nodes/NAME/{type, params}, edges), and simulated by a float64 discrete-time reference
 * written from NIR's published equations (dt = 1), independent of the importer.
 */
final class NirTestGraph {
    record N(String type, Map<String, Object> params, NirTestGraph sub) {
    }

    final Map<String, N> nodes = new LinkedHashMap<>();
    final List<String[]> edges = new ArrayList<>();
    String version = "1.0.7";

    NirTestGraph node(String name, String type, Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        nodes.put(name, new N(type, p, null));
        return this;
    }

    NirTestGraph sub(String name, NirTestGraph g) {
        nodes.put(name, new N("NIRGraph", Map.of(), g));
        return this;
    }

    NirTestGraph edge(String a, String b) {
        edges.add(new String[] {a, b});
        return this;
    }

    void write(Path file) {
        try (WritableHdfFile f = HdfFile.write(file)) {
            if (version != null) {
                f.putDataset("version", version);
            }
            writeGraph(f.putGroup("node"), this);
        }
    }

    private static void writeGraph(WritableGroup g, NirTestGraph graph) {
        g.putDataset("type", "NIRGraph");
        String[][] e = graph.edges.toArray(new String[0][]);
        if (e.length == 0) {
            g.putDataset("edges", new double[0]);
        } else {
            g.putDataset("edges", e);
        }
        WritableGroup ns = g.putGroup("nodes");
        graph.nodes.forEach((name, n) -> {
            WritableGroup ng = ns.putGroup(name);
            if (n.sub() != null) {
                writeGraph(ng, n.sub());
                return;
            }
            ng.putDataset("type", n.type());
            n.params().forEach(ng::putDataset);
        });
    }

    // ---- the reference: NIR's equations in discrete time, dt = 1 ------------------------------------

    static double[] flat(Object o) {
        if (o instanceof double[] d) {
            return d;
        }
        if (o instanceof double[][] m) {
            List<Double> l = new ArrayList<>();
            for (double[] r : m) {
                for (double v : r) {
                    l.add(v);
                }
            }
            return l.stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (o instanceof double[][][][] k) {
            List<Double> l = new ArrayList<>();
            for (double[][][] a : k) {
                for (double[][] b : a) {
                    for (double[] r : b) {
                        for (double v : r) {
                            l.add(v);
                        }
                    }
                }
            }
            return l.stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (o instanceof long[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        if (o instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        throw new IllegalArgumentException("" + o);
    }

    /**
     * Simulates the graph (no nested graphs: give the flat equivalent) for the input spikes; {@code back}
     * lists the recurrent edges as "src->dst" (they carry the previous step's value). Returns the
     * spikes of node {@code out} per step.
     */
    List<List<Integer>> simulate(String input, List<List<Integer>> spikes, List<String> back, String out, boolean gt) {
        List<String> order = topo(back);
        Map<String, double[]> cur = new LinkedHashMap<>();
        Map<String, double[]> prev = new LinkedHashMap<>();
        Map<String, double[]> v = new LinkedHashMap<>();
        Map<String, List<double[]>> hist = new LinkedHashMap<>();
        List<List<Integer>> res = new ArrayList<>();
        for (int t = 0; t < spikes.size(); t++) {
            cur = new LinkedHashMap<>();
            for (String n : order) {
                N node = nodes.get(n);
                double[] x = null;
                for (String[] e : edges) {
                    if (!e[1].equals(n)) {
                        continue;
                    }
                    boolean b = back.contains(e[0] + "->" + e[1]);
                    double[] s = b ? prev.get(e[0]) : cur.get(e[0]);
                    if (s == null) {
                        continue;  // previous step of t = 0: zero
                    }
                    x = x == null ? s.clone() : add(x, s);
                }
                double[] y;
                switch (node.type()) {
                    case "Input" -> {
                        int size = 1;
                        for (double d : flat(node.params().get("shape"))) {
                            size *= (int) d;
                        }
                        y = new double[size];
                        for (int i : spikes.get(t)) {
                            y[i] = 1;
                        }
                    }
                    case "Output", "Flatten" -> y = x;
                    case "Affine", "Linear" -> {
                        double[][] w = (double[][]) node.params().get("weight");
                        y = new double[w.length];
                        for (int r = 0; r < w.length; r++) {
                            for (int c = 0; c < w[r].length; c++) {
                                y[r] += w[r][c] * (x == null ? 0 : x[c]);
                            }
                            if (node.type().equals("Affine")) {
                                y[r] += ((double[]) node.params().get("bias"))[r];
                            }
                        }
                    }
                    case "Scale" -> {
                        double[] s = flat(node.params().get("scale"));
                        y = new double[x.length];
                        for (int i = 0; i < x.length; i++) {
                            y[i] = s[i] * x[i];
                        }
                    }
                    case "Delay" -> {
                        double[] d = flat(node.params().get("delay"));
                        List<double[]> h = hist.computeIfAbsent(n, k -> new ArrayList<>());
                        h.add(x);
                        y = new double[x.length];
                        for (int i = 0; i < x.length; i++) {
                            int k = h.size() - 1 - (int) d[i];
                            y[i] = k >= 0 ? h.get(k)[i] : 0;
                        }
                    }
                    case "IF", "LIF" -> {
                        double[] thr = flat(node.params().get("v_threshold"));
                        double[] r = flat(node.params().get("r"));
                        double[] vr = flat(node.params().get("v_reset"));
                        double[] st = v.computeIfAbsent(n, k -> new double[thr.length]);
                        y = new double[thr.length];
                        for (int i = 0; i < thr.length; i++) {
                            double in = x == null ? 0 : x[i];
                            if (node.type().equals("IF")) {
                                st[i] = st[i] + r[i] * in;
                            } else {
                                double tau = flat(node.params().get("tau"))[i];
                                double leak = flat(node.params().get("v_leak"))[i];
                                st[i] = st[i] + (1 / tau) * (leak - st[i] + r[i] * in);
                            }
                            boolean s = gt ? st[i] > thr[i] : st[i] >= thr[i];
                            if (s) {
                                y[i] = 1;
                                st[i] = vr[i];
                            }
                        }
                    }
                    case "Conv2d" -> y = conv(node, x);
                    case "SumPool2d" -> y = pool(node, x, cur, n);
                    default -> throw new IllegalStateException(node.type());
                }
                cur.put(n, y);
            }
            List<Integer> s = new ArrayList<>();
            double[] o = cur.get(out);
            for (int i = 0; i < o.length; i++) {
                if (o[i] != 0) {
                    s.add(i);
                }
            }
            res.add(s);
            prev = cur;
        }
        return res;
    }

    private final Map<String, int[]> shapes = new LinkedHashMap<>();

    private double[] conv(N node, double[] x) {
        double[][][][] w = (double[][][][]) node.params().get("weight");
        double[] b = (double[]) node.params().get("bias");
        long[] is = (long[]) node.params().get("input_shape");
        int s = (int) ((long[]) node.params().get("stride"))[0];
        int p = (int) ((long[]) node.params().get("padding"))[0];
        int h = (int) is[0];
        int wd = (int) is[1];
        int k = w[0][0].length;
        int ho = (h + 2 * p - k) / s + 1;
        int wo = (wd + 2 * p - k) / s + 1;
        double[] y = new double[w.length * ho * wo];
        for (int o = 0; o < w.length; o++) {
            for (int v = 0; v < ho; v++) {
                for (int u = 0; u < wo; u++) {
                    double acc = b[o];
                    for (int c = 0; c < w[o].length; c++) {
                        for (int a = 0; a < k; a++) {
                            for (int bb = 0; bb < k; bb++) {
                                int yy = v * s - p + a;
                                int xx = u * s - p + bb;
                                if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                    acc += w[o][c][a][bb] * x[(c * h + yy) * wd + xx];
                                }
                            }
                        }
                    }
                    y[(o * ho + v) * wo + u] = acc;
                }
            }
        }
        shapes.put("conv-out", new int[] {w.length, ho, wo});
        return y;
    }

    private double[] pool(N node, double[] x, Map<String, double[]> cur, String n) {
        int[] sh = shapes.get("conv-out");
        int k = (int) ((long[]) node.params().get("kernel_size"))[0];
        int ho = sh[1] / k;
        int wo = sh[2] / k;
        double[] y = new double[sh[0] * ho * wo];
        for (int c = 0; c < sh[0]; c++) {
            for (int v = 0; v < ho; v++) {
                for (int u = 0; u < wo; u++) {
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            y[(c * ho + v) * wo + u] += x[(c * sh[1] + v * k + a) * sh[2] + u * k + b];
                        }
                    }
                }
            }
        }
        return y;
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    private List<String> topo(List<String> back) {
        List<String> order = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        while (order.size() < nodes.size()) {
            for (String n : nodes.keySet()) {
                if (done.contains(n)) {
                    continue;
                }
                boolean ready = true;
                for (String[] e : edges) {
                    if (e[1].equals(n) && !back.contains(e[0] + "->" + e[1]) && !done.contains(e[0])) {
                        ready = false;
                    }
                }
                if (ready) {
                    order.add(n);
                    done.add(n);
                }
            }
        }
        return order;
    }
}
