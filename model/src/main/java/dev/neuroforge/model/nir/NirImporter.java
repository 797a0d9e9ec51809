package dev.neuroforge.model.nir;

import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.Projection;
import dev.neuroforge.model.Sat;
import dev.neuroforge.model.nir.NirGraph.NirNode;
import dev.neuroforge.model.nir.NirGraph.Param;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a NIR graph into a NeuroForge {@link Network} (docs/nir.md): every IF/LIF node becomes a
 * population, every Input node an input population; the linear nodes between them (Affine, Linear,
 * Scale, Conv2d, SumPool2d, Flatten, Delay, nested graphs' Input/Output) are multiplied out into
 * the weights and delays of full projections. Biases become weights from an input population
 * {@value #BIAS} of one neuron that must spike in every step. NIR's zero-latency edges become the
 * model's one-step projections: a population at depth L runs L steps behind the NIR reference
 * ({@link Result#outputs()} gives the latency of each output).
 */
public final class NirImporter {
    /** Name of the always-on input population that carries biases. */
    public static final String BIAS = "bias";

    /**
     * Quantisation options.
     *
     * @param dt            the time step in the graph's time unit (NIR fixes none); 1 by default
     * @param weightBits    4, 8 or 16; 0 picks the smallest of 8 and 16 that holds the weights exactly (16 for LIF)
     * @param stateBits     the neurons' state width, 16..32
     * @param strictGreater spike when v &gt; v_threshold (NIR's docstrings) instead of v &gt;= v_threshold
     * @param theta         the integer threshold to use for every population, or 0 to choose one
     */
    public record Options(double dt, int weightBits, int stateBits, boolean strictGreater, int theta) {
        public static Options defaults() {
            return new Options(1.0, 0, 32, false, 0);
        }
    }

    /** Where an Output node's spikes come from, and how many steps behind the NIR reference they are. */
    public record OutputInfo(String node, String population, int latency) {
    }

    /** What the import did to one IF/LIF node. */
    public record PopulationReport(String node, String population, String kind, int size, int threshold,
            int leakShift, double decayRelativeError, double scaleMin, double scaleMax, int weightBits,
            double maxWeightRelativeError, int weightsClipped, boolean exact) {
    }

    /** The imported network and the report of the approximation made. */
    public record Result(Network network, Map<String, String> inputs, boolean biasUsed, Map<String, OutputInfo> outputs,
            List<PopulationReport> populations, List<String> notes, boolean exact) {
        /** A short human-readable report. */
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(exact ? "exact: the network reproduces the graph's discrete-time (dt = 1 step) reference\n"
                    : "approximate: see the errors below\n");
            inputs.forEach((n, p) -> b.append("input ").append(n).append(" -> population ").append(p).append('\n'));
            if (biasUsed) {
                b.append("biases: population " + BIAS + " (1 neuron) must spike in every step\n");
            }
            for (PopulationReport r : populations) {
                b.append(String.format(Locale.ROOT, "%s %s -> population %s: %d neurons, threshold %d, %s, weights %d bits, "
                        + "scale %.6g..%.6g, largest relative weight error %.3g, %d weights clipped%s%n", r.kind(), r.node(),
                        r.population(), r.size(), r.threshold(), r.kind().equals("LIF") ? String.format(Locale.ROOT,
                                "leak shift %d (largest relative error of the decay %.3g)", r.leakShift(), r.decayRelativeError())
                                : "no leak", r.weightBits(), r.scaleMin(), r.scaleMax(), r.maxWeightRelativeError(),
                        r.weightsClipped(), r.exact() ? ", exact" : ""));
            }
            outputs.forEach((n, o) -> b.append("output ").append(n).append(" <- population ").append(o.population())
                    .append(", ").append(o.latency()).append(" steps behind the NIR reference\n"));
            notes.forEach(n -> b.append("note: ").append(n).append('\n'));
            return b.toString();
        }
    }

    private record Key(String source, int delay, boolean viaBack) {
    }

    private static final String IDENTITY = "(identity)";

    private final Path file;
    private final Options opt;
    private final Map<String, NirNode> nodes = new TreeMap<>();
    private final Map<String, String> origin = new HashMap<>();
    private final List<String[]> edges = new ArrayList<>();
    private final Set<Integer> backEdges = new HashSet<>();
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Map<String, Map<Key, double[][]>> signals = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    private NirImporter(Path file, Options opt) {
        this.file = file;
        this.opt = opt;
    }

    /** Reads and imports a NIR file. */
    public static Result importFile(Path file, Options opt) {
        return importGraph(file, NirGraph.read(file), opt);
    }

    /** Imports a graph read from {@code file} (named in messages). */
    public static Result importGraph(Path file, NirGraph g, Options opt) {
        if (!(opt.dt() > 0) || Double.isInfinite(opt.dt())) {
            throw new NirException("dt = " + opt.dt() + " is not allowed: must be a positive number");
        }
        if (opt.weightBits() != 0 && opt.weightBits() != 4 && opt.weightBits() != 8 && opt.weightBits() != 16) {
            throw new NirException("weight bits = " + opt.weightBits() + " is not allowed: must be 4, 8 or 16");
        }
        if (opt.stateBits() < 16 || opt.stateBits() > 32) {
            throw new NirException("state bits = " + opt.stateBits() + " is not allowed: must be in 16..32");
        }
        NirImporter im = new NirImporter(file, opt);
        im.inline(g, "");
        return im.build();
    }

    private NirException fail(String node, String message) {
        return new NirException(file + ": node \"" + node + "\" (" + type(node) + "): " + message);
    }

    private String type(String node) {
        NirNode n = nodes.get(node);
        return n == null ? "?" : n.type().equals(IDENTITY) ? origin.get(node) + " of a nested graph" : n.type();
    }

    // ---- flattening nested graphs -------------------------------------------------------------

    /** Copies g's nodes under prefix; returns nothing: nested graphs are replaced by their contents. */
    private void inline(NirGraph g, String prefix) {
        Map<String, String[]> ends = new HashMap<>();  // nested graph -> {its input node, its output node}
        for (NirNode n : g.nodes().values()) {
            String name = prefix + n.name();
            if (n.graph() != null) {
                inline(n.graph(), name + ".");
                String in = null;
                String out = null;
                for (NirNode c : n.graph().nodes().values()) {
                    if (c.type().equals("Input")) {
                        if (in != null) {
                            throw new NirException(file + ": node \"" + name + "\" (NIRGraph): has several Input nodes ("
                                    + in + ", " + c.name() + "); a nested graph is entered through a single Input node");
                        }
                        in = c.name();
                    } else if (c.type().equals("Output")) {
                        if (out != null) {
                            throw new NirException(file + ": node \"" + name + "\" (NIRGraph): has several Output nodes ("
                                    + out + ", " + c.name() + "); a nested graph is left through a single Output node");
                        }
                        out = c.name();
                    }
                }
                if (in == null || out == null) {
                    throw new NirException(file + ": node \"" + name + "\" (NIRGraph): a nested graph needs one Input and "
                            + "one Output node");
                }
                ends.put(name, new String[] {name + "." + in, name + "." + out});
                continue;
            }
            boolean nested = !prefix.isEmpty() && (n.type().equals("Input") || n.type().equals("Output"));
            nodes.put(name, nested ? new NirNode(name, IDENTITY, n.params(), null) : new NirNode(name, n.type(), n.params(), null));
            if (nested) {
                origin.put(name, n.type());
            }
        }
        for (String[] e : g.edges()) {
            String s = prefix + e[0];
            String t = prefix + e[1];
            if (ends.containsKey(s)) {
                s = ends.get(s)[1];
            }
            if (ends.containsKey(t)) {
                t = ends.get(t)[0];
            }
            edges.add(new String[] {s, t});
        }
    }

    // ---- graph structure -------------------------------------------------------------------------

    private List<String> order;

    private void structure() {
        for (int i = 0; i < edges.size(); i++) {
            String[] e = edges.get(i);
            if (nodes.get(e[1]).type().equals("Input")) {
                throw fail(e[1], "edge " + e[0] + " -> " + e[1] + " ends at an Input node; Input nodes receive nothing");
            }
            if (nodes.get(e[0]).type().equals("Output")) {
                throw fail(e[0], "edge " + e[0] + " -> " + e[1] + " leaves an Output node; Output nodes send nothing");
            }
        }
        // Back edges: DFS from the Input nodes (then any node left), following edges in file order.
        Map<String, Integer> color = new HashMap<>();
        List<String> starts = new ArrayList<>();
        nodes.forEach((n, v) -> {
            if (v.type().equals("Input")) {
                starts.add(n);
            }
        });
        starts.addAll(nodes.keySet());
        for (String s : starts) {
            if (!color.containsKey(s)) {
                dfs(s, color);
            }
        }
        // Topological order of the forward edges (Kahn, ties in name order).
        Map<String, Integer> indeg = new TreeMap<>();
        nodes.keySet().forEach(n -> indeg.put(n, 0));
        for (int i = 0; i < edges.size(); i++) {
            if (!backEdges.contains(i)) {
                indeg.merge(edges.get(i)[1], 1, Integer::sum);
            }
        }
        order = new ArrayList<>();
        java.util.TreeSet<String> ready = new java.util.TreeSet<>();
        indeg.forEach((n, d) -> {
            if (d == 0) {
                ready.add(n);
            }
        });
        while (!ready.isEmpty()) {
            String n = ready.pollFirst();
            order.add(n);
            for (int i = 0; i < edges.size(); i++) {
                if (!backEdges.contains(i) && edges.get(i)[0].equals(n) && indeg.merge(edges.get(i)[1], -1, Integer::sum) == 0) {
                    ready.add(edges.get(i)[1]);
                }
            }
        }
    }

    private void dfs(String n, Map<String, Integer> color) {
        color.put(n, 1);
        for (int i = 0; i < edges.size(); i++) {
            if (!edges.get(i)[0].equals(n)) {
                continue;
            }
            String t = edges.get(i)[1];
            Integer c = color.get(t);
            if (c == null) {
                dfs(t, color);
            } else if (c == 1) {
                backEdges.add(i);
            }
        }
        color.put(n, 2);
    }

    // ---- shapes ------------------------------------------------------------------------------------

    private Param need(String node, String p) {
        Param v = nodes.get(node).params().get(p);
        if (v == null || v.values() == null) {
            throw fail(node, "parameter " + p + " is missing or not numeric");
        }
        return v;
    }

    private static int prod(int[] s) {
        int n = 1;
        for (int x : s) {
            n *= x;
        }
        return n;
    }

    private int[] ints(String node, String p, int count) {
        Param v = need(node, p);
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            double x = v.values()[v.size() == 1 ? 0 : i];
            if (v.size() != 1 && v.size() != count || x != Math.rint(x)) {
                throw fail(node, p + " = " + java.util.Arrays.toString(v.values()) + " is not allowed: must be "
                        + count + " integer(s)");
            }
            r[i] = (int) x;
        }
        return r;
    }

    private static final Map<String, String> UNMAPPABLE = Map.of(
            "CubaLIF", "a current-based synapse (tau_syn) is a second state per neuron; NeuroForge neurons have one state",
            "CubaLI", "a current-based synapse (tau_syn) is a second state per neuron, and it emits no spikes",
            "LI", "it has no threshold and outputs its membrane potential; NeuroForge populations emit spikes",
            "I", "it has no threshold and outputs its membrane potential; NeuroForge populations emit spikes",
            "Threshold", "a stateless threshold (spike when the input itself exceeds it) has no NeuroForge neuron: "
                    + "NeuroForge neurons integrate their input into a state",
            "AvgPool2d", "average pooling divides by the window size; NeuroForge offers sum pooling only (SumPool2d)",
            "Conv1d", "1-D convolution is not mapped; NeuroForge maps Conv2d");

    private int[] inShape(String node) {
        int[] s = null;
        for (int i = 0; i < edges.size(); i++) {
            String[] e = edges.get(i);
            if (!e[1].equals(node) || backEdges.contains(i)) {
                continue;
            }
            int[] p = shapes.get(e[0]);
            if (s != null && prod(s) != prod(p)) {
                throw fail(node, "its inputs disagree in size: " + prod(s) + " and " + prod(p) + " (from " + e[0] + ")");
            }
            s = s == null ? p : s;
        }
        return s;
    }

    private void shapes() {
        for (String n : order) {
            NirNode node = nodes.get(n);
            String t = node.type();
            if (UNMAPPABLE.containsKey(t)) {
                throw fail(n, "NeuroForge cannot map this node: " + UNMAPPABLE.get(t));
            }
            if (t.equals("Input")) {
                Param sp = need(n, "shape");
                int[] s = ints(n, "shape", sp.size());
                shapes.put(n, s);
                continue;
            }
            int[] in = inShape(n);
            if (in == null) {
                in = ownInput(n);
                if (in == null) {
                    throw fail(n, "receives no edge; every node but Input needs an input");
                }
            }
            int size = prod(in);
            int[] out;
            switch (t) {
                case "Output" -> {
                    Param sp = need(n, "shape");
                    int[] s = ints(n, "shape", sp.size());
                    if (prod(s) != size) {
                        throw fail(n, "shape " + java.util.Arrays.toString(s) + " (" + prod(s) + " values) does not match "
                                + "its input of " + size + " values");
                    }
                    out = in;
                }
                case IDENTITY, "Flatten" -> {
                    if (t.equals("Flatten") && node.params().containsKey("input_type")) {
                        Param it = need(n, "input_type");
                        int[] s = ints(n, "input_type", it.size());
                        if (prod(s) != size) {
                            throw fail(n, "input_type " + java.util.Arrays.toString(s) + " (" + prod(s)
                                    + " values) does not match its input of " + size + " values");
                        }
                    }
                    out = t.equals("Flatten") ? new int[] {size} : in;
                }
                case "Affine", "Linear" -> {
                    Param w = need(n, "weight");
                    if (w.shape().length != 2) {
                        throw fail(n, "weight has shape " + java.util.Arrays.toString(w.shape()) + "; must be (out, in)");
                    }
                    if (w.shape()[1] != size) {
                        throw fail(n, "weight has shape " + java.util.Arrays.toString(w.shape()) + " but its input has "
                                + size + " values (weight must be (out, " + size + "))");
                    }
                    if (t.equals("Affine") && need(n, "bias").size() != w.shape()[0]) {
                        throw fail(n, "bias has " + need(n, "bias").size() + " values; must be " + w.shape()[0]);
                    }
                    out = new int[] {w.shape()[0]};
                }
                case "Scale", "Delay" -> {
                    Param p = need(n, t.equals("Scale") ? "scale" : "delay");
                    if (p.size() != size && p.size() != 1) {
                        throw fail(n, (t.equals("Scale") ? "scale" : "delay") + " has " + p.size()
                                + " values but its input has " + size);
                    }
                    out = in;
                }
                case "IF", "LIF" -> {
                    for (String p : t.equals("IF") ? List.of("r", "v_threshold") : List.of("tau", "r", "v_leak", "v_threshold")) {
                        if (need(n, p).size() != size && need(n, p).size() != 1) {
                            throw fail(n, p + " has " + need(n, p).size() + " values but its input has " + size);
                        }
                    }
                    out = new int[] {size};
                }
                case "Conv2d" -> out = convShape(n, in);
                case "SumPool2d" -> out = poolShape(n, in);
                default -> throw fail(n, "type " + t + " is not mapped");
            }
            shapes.put(n, out);
            sizes.put(n, prod(out));
        }
        for (int i : backEdges) {
            String[] e = edges.get(i);
            int[] s = shapes.get(e[0]);
            int[] tin = inShape(e[1]);
            int want = tin != null ? prod(tin) : prod(ownInput(e[1]));
            if (prod(s) != want) {
                throw fail(e[1], "edge " + e[0] + " -> " + e[1] + " brings " + prod(s) + " values; the node takes " + want);
            }
        }
    }

    /** The input size a node declares itself (for nodes fed only by recurrent edges). */
    private int[] ownInput(String n) {
        NirNode node = nodes.get(n);
        Map<String, Param> p = node.params();
        return switch (node.type()) {
            case "Affine", "Linear" -> p.containsKey("weight") && p.get("weight").shape().length == 2
                    ? new int[] {p.get("weight").shape()[1]} : null;
            case "IF", "LIF" -> p.containsKey("v_threshold") ? new int[] {p.get("v_threshold").size()} : null;
            case "Scale" -> p.containsKey("scale") ? new int[] {p.get("scale").size()} : null;
            default -> null;
        };
    }

    private int[] pair(String n, String p, int dflt) {
        if (!nodes.get(n).params().containsKey(p)) {
            return new int[] {dflt, dflt};
        }
        return ints(n, p, 2);
    }

    private int[] convShape(String n, int[] in) {
        Param w = need(n, "weight");
        if (w.shape().length != 4) {
            throw fail(n, "weight has shape " + java.util.Arrays.toString(w.shape()) + "; must be (C_out, C_in/groups, kH, kW)");
        }
        int groups = nodes.get(n).params().containsKey("groups") ? ints(n, "groups", 1)[0] : 1;
        int cin = w.shape()[1] * groups;
        int h;
        int wd;
        if (nodes.get(n).params().containsKey("input_shape")) {
            int[] is = ints(n, "input_shape", 2);
            h = is[0];
            wd = is[1];
        } else if (in.length == 3) {
            h = in[1];
            wd = in[2];
        } else {
            throw fail(n, "input_shape is missing and the input is not (C, H, W)");
        }
        if (cin * h * wd != prod(in)) {
            throw fail(n, "input of " + prod(in) + " values does not match C_in " + cin + " x input_shape " + h + " x " + wd);
        }
        int[] st = pair(n, "stride", 1);
        int[] dil = pair(n, "dilation", 1);
        int[] pad;
        Param pp = nodes.get(n).params().get("padding");
        int kh = w.shape()[2];
        int kw = w.shape()[3];
        if (pp != null && pp.text() != null) {
            if (pp.text().equals("valid")) {
                pad = new int[] {0, 0};
            } else if (pp.text().equals("same")) {
                pad = new int[] {dil[0] * (kh - 1) / 2, dil[1] * (kw - 1) / 2};
                if (st[0] != 1 || st[1] != 1 || dil[0] * (kh - 1) % 2 != 0 || dil[1] * (kw - 1) % 2 != 0) {
                    throw fail(n, "padding \"same\" is mapped only for stride 1 and an odd effective kernel");
                }
            } else {
                throw fail(n, "padding = \"" + pp.text() + "\" is not allowed: must be \"same\", \"valid\" or two integers");
            }
        } else {
            pad = pair(n, "padding", 0);
        }
        int ho = (h + 2 * pad[0] - dil[0] * (kh - 1) - 1) / st[0] + 1;
        int wo = (wd + 2 * pad[1] - dil[1] * (kw - 1) - 1) / st[1] + 1;
        if (ho < 1 || wo < 1 || w.shape()[0] % groups != 0 || groups < 1) {
            throw fail(n, "kernel, stride, padding and groups give no output for input " + cin + " x " + h + " x " + wd);
        }
        convGeom.put(n, new int[] {cin, h, wd, w.shape()[0], kh, kw, st[0], st[1], pad[0], pad[1], dil[0], dil[1], groups, ho, wo});
        return new int[] {w.shape()[0], ho, wo};
    }

    private final Map<String, int[]> convGeom = new HashMap<>();

    private int[] poolShape(String n, int[] in) {
        if (in.length != 3) {
            throw fail(n, "its input has shape " + java.util.Arrays.toString(in) + "; sum pooling needs (C, H, W)");
        }
        int[] k = ints(n, "kernel_size", 2);
        int[] st = pair(n, "stride", 1);
        int[] pad = pair(n, "padding", 0);
        int ho = (in[1] + 2 * pad[0] - k[0]) / st[0] + 1;
        int wo = (in[2] + 2 * pad[1] - k[1]) / st[1] + 1;
        if (ho < 1 || wo < 1) {
            throw fail(n, "kernel_size " + k[0] + "x" + k[1] + " gives no output for input " + in[1] + "x" + in[2]);
        }
        convGeom.put(n, new int[] {in[0], in[1], in[2], k[0], k[1], st[0], st[1], pad[0], pad[1], ho, wo});
        return new int[] {in[0], ho, wo};
    }

    // ---- signals: each node's output as a linear function of the sources' spikes ------------------

    private boolean isSource(String n) {
        String t = nodes.get(n).type();
        return t.equals("Input") || t.equals("IF") || t.equals("LIF");
    }

    private Map<Key, double[][]> input(String n) {
        Map<Key, double[][]> sum = new LinkedHashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            String[] e = edges.get(i);
            if (!e[1].equals(n)) {
                continue;
            }
            boolean back = backEdges.contains(i);
            for (Map.Entry<Key, double[][]> en : signal(e[0]).entrySet()) {
                Key k = en.getKey();
                add(sum, new Key(k.source(), k.delay() + (back ? 1 : 0), k.viaBack() || back), en.getValue());
            }
        }
        return sum;
    }

    private static void add(Map<Key, double[][]> sum, Key k, double[][] m) {
        double[][] cur = sum.get(k);
        if (cur == null) {
            double[][] c = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                c[i] = m[i].clone();
            }
            sum.put(k, c);
            return;
        }
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                cur[i][j] += m[i][j];
            }
        }
    }

    private Map<Key, double[][]> signal(String n) {
        Map<Key, double[][]> s = signals.get(n);
        if (s != null) {
            return s;
        }
        if (isSource(n)) {
            int size = sizes.getOrDefault(n, prod(shapes.get(n)));
            double[][] id = new double[size][size];
            for (int i = 0; i < size; i++) {
                id[i][i] = 1;
            }
            s = new LinkedHashMap<>();
            s.put(new Key(n, 0, false), id);
            signals.put(n, s);
            return s;
        }
        if (!inProgress.add(n)) {
            throw fail(n, "lies on a loop without a spiking (IF or LIF) node; such a loop has no meaning in discrete time");
        }
        Map<Key, double[][]> in = input(n);
        String t = nodes.get(n).type();
        Map<Key, double[][]> out = new LinkedHashMap<>();
        int outSize = sizes.get(n);
        for (Map.Entry<Key, double[][]> en : in.entrySet()) {
            double[][] m = en.getValue();
            if (t.equals("Delay")) {
                Param d = need(n, "delay");
                for (int i = 0; i < m.length; i++) {
                    for (int k = 0; k < m[i].length; k++) {
                        if (m[i][k] == 0) {
                            continue;
                        }
                        int steps = delaySteps(n, d.values()[d.size() == 1 ? 0 : k]);
                        Key key = new Key(en.getKey().source(), en.getKey().delay() + steps, en.getKey().viaBack());
                        out.computeIfAbsent(key, x -> new double[m.length][outSize])[i][k] += m[i][k];
                    }
                }
                continue;
            }
            double[][] r = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                r[i] = apply(n, t, m[i]);
            }
            add(out, en.getKey(), r);
        }
        double[] bias = bias(n, t);
        if (bias != null) {
            add(out, new Key(BIAS, 0, false), new double[][] {bias});
        }
        inProgress.remove(n);
        signals.put(n, out);
        return out;
    }

    private final Map<String, Double> delayErrors = new TreeMap<>();

    private int delaySteps(String n, double delay) {
        double steps = delay / opt.dt();
        long r = Math.round(steps);
        if (steps < 0 || r > Projection.MAX_DELAY) {
            throw fail(n, "delay " + delay + " is " + steps + " steps; allowed: 0.." + Projection.MAX_DELAY + " steps");
        }
        if (Math.abs(steps - r) > 1e-9) {
            delayErrors.merge(n, Math.abs(steps - r), Math::max);
        }
        return (int) r;
    }

    private double[] bias(String n, String t) {
        if (!t.equals("Affine") && !t.equals("Conv2d")) {
            return null;
        }
        Param b = nodes.get(n).params().get("bias");
        if (b == null || b.values() == null) {
            return null;
        }
        boolean any = false;
        for (double v : b.values()) {
            any |= v != 0;
        }
        if (!any) {
            return null;
        }
        if (t.equals("Affine")) {
            return b.values().clone();
        }
        int[] g = convGeom.get(n);
        int per = g[13] * g[14];
        double[] r = new double[g[3] * per];
        for (int o = 0; o < g[3]; o++) {
            for (int k = 0; k < per; k++) {
                r[o * per + k] = b.values()[o];
            }
        }
        return r;
    }

    /** The node's linear map (without bias) applied to one input vector. */
    private double[] apply(String n, String t, double[] x) {
        switch (t) {
            case "Output", IDENTITY, "Flatten" -> {
                return x.clone();
            }
            case "Affine", "Linear" -> {
                Param w = need(n, "weight");
                int rows = w.shape()[0];
                int cols = w.shape()[1];
                double[] y = new double[rows];
                for (int c = 0; c < cols; c++) {
                    if (x[c] == 0) {
                        continue;
                    }
                    for (int r = 0; r < rows; r++) {
                        y[r] += w.values()[r * cols + c] * x[c];
                    }
                }
                return y;
            }
            case "Scale" -> {
                Param s = need(n, "scale");
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = s.values()[s.size() == 1 ? 0 : i] * x[i];
                }
                return y;
            }
            case "Conv2d" -> {
                int[] g = convGeom.get(n);
                int cin = g[0], h = g[1], wd = g[2], cout = g[3], kh = g[4], kw = g[5], sy = g[6], sx = g[7];
                int py = g[8], px = g[9], dy = g[10], dx = g[11], groups = g[12], ho = g[13], wo = g[14];
                double[] w = need(n, "weight").values();
                int cpg = cin / groups;
                int opg = cout / groups;
                double[] y = new double[cout * ho * wo];
                for (int o = 0; o < cout; o++) {
                    int grp = o / opg;
                    for (int v = 0; v < ho; v++) {
                        for (int u = 0; u < wo; u++) {
                            double acc = 0;
                            for (int c = 0; c < cpg; c++) {
                                int ci = grp * cpg + c;
                                for (int ky = 0; ky < kh; ky++) {
                                    int yy = v * sy - py + ky * dy;
                                    if (yy < 0 || yy >= h) {
                                        continue;
                                    }
                                    for (int kx = 0; kx < kw; kx++) {
                                        int xx = u * sx - px + kx * dx;
                                        if (xx < 0 || xx >= wd) {
                                            continue;
                                        }
                                        acc += w[((o * cpg + c) * kh + ky) * kw + kx] * x[(ci * h + yy) * wd + xx];
                                    }
                                }
                            }
                            y[(o * ho + v) * wo + u] = acc;
                        }
                    }
                }
                return y;
            }
            case "SumPool2d" -> {
                int[] g = convGeom.get(n);
                int ch = g[0], h = g[1], wd = g[2], kh = g[3], kw = g[4], sy = g[5], sx = g[6], py = g[7], px = g[8];
                int ho = g[9], wo = g[10];
                double[] y = new double[ch * ho * wo];
                for (int c = 0; c < ch; c++) {
                    for (int v = 0; v < ho; v++) {
                        for (int u = 0; u < wo; u++) {
                            double acc = 0;
                            for (int a = 0; a < kh; a++) {
                                for (int b = 0; b < kw; b++) {
                                    int yy = v * sy - py + a;
                                    int xx = u * sx - px + b;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        acc += x[(c * h + yy) * wd + xx];
                                    }
                                }
                            }
                            y[(c * ho + v) * wo + u] = acc;
                        }
                    }
                }
                return y;
            }
            default -> throw fail(n, "type " + t + " is not mapped");
        }
    }

    // ---- building the network ----------------------------------------------------------------------

    private final Map<String, String> popName = new LinkedHashMap<>();

    private String popName(String node) {
        return popName.computeIfAbsent(node, n -> {
            String s = n.replaceAll("[^A-Za-z0-9_]", "_");
            if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
                s = "n_" + s;
            }
            s = s.length() > 60 ? s.substring(0, 60) : s;
            String base = s;
            int k = 2;
            while (popName.containsValue(s) || s.equals(BIAS)) {
                s = base + "_" + k++;
            }
            return s;
        });
    }

    private double[] vec(String n, String p, int size) {
        Param v = need(n, p);
        double[] r = new double[size];
        for (int i = 0; i < size; i++) {
            r[i] = v.values()[v.size() == 1 ? 0 : i];
        }
        return r;
    }

    private Result build() {
        structure();
        shapes();
        Map<String, Integer> latency = new HashMap<>();
        latency.put(BIAS, 0);
        List<Population> pops = new ArrayList<>();
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String n : order) {
            if (nodes.get(n).type().equals("Input")) {
                latency.put(n, 0);
                pops.add(Population.input(popName(n), prod(shapes.get(n))));
                inputs.put(n, popName(n));
            }
        }
        List<Population> neurons = new ArrayList<>();
        List<Projection> projs = new ArrayList<>();
        List<PopulationReport> reports = new ArrayList<>();
        boolean biasUsed = false;
        boolean exact = true;
        for (String n : order) {
            String t = nodes.get(n).type();
            if (!t.equals("IF") && !t.equals("LIF")) {
                continue;
            }
            int size = sizes.get(n);
            Map<Key, double[][]> in = input(n);
            int lq = 1;
            for (Key k : in.keySet()) {
                if (!k.viaBack() && !k.source().equals(BIAS)) {
                    lq = Math.max(lq, latency.get(k.source()) + 1);
                }
            }
            latency.put(n, lq);
            double[] r = vec(n, "r", size);
            double[] thr = vec(n, "v_threshold", size);
            double[] reset = nodes.get(n).params().containsKey("v_reset") ? vec(n, "v_reset", size) : new double[size];
            for (int j = 0; j < size; j++) {
                if (reset[j] != 0) {
                    throw fail(n, "v_reset[" + j + "] = " + reset[j] + " is not allowed: NeuroForge resets to 0 (v_reset must be 0)");
                }
                if (!(thr[j] > 0)) {
                    throw fail(n, "v_threshold[" + j + "] = " + thr[j] + " is not allowed: must be positive");
                }
            }
            double[] gain = r.clone();
            int shift = 0;
            double decayErr = 0;
            if (t.equals("LIF")) {
                double[] tau = vec(n, "tau", size);
                double[] leak = vec(n, "v_leak", size);
                double[] a = new double[size];
                for (int j = 0; j < size; j++) {
                    if (leak[j] != 0) {
                        throw fail(n, "v_leak[" + j + "] = " + leak[j] + " is not allowed: NeuroForge neurons leak towards 0 "
                                + "(v_leak must be 0)");
                    }
                    a[j] = opt.dt() / tau[j];
                    if (!(a[j] > 0 && a[j] < 1)) {
                        throw fail(n, "tau[" + j + "] = " + tau[j] + " gives dt/tau = " + a[j] + "; allowed: 0 < dt/tau < 1 "
                                + "(tau longer than one step of dt = " + opt.dt() + ")");
                    }
                }
                double best = Double.MAX_VALUE;
                for (int k = 1; k <= 31; k++) {
                    double err = 0;
                    for (int j = 0; j < size; j++) {
                        err = Math.max(err, Math.abs((1 - Math.scalb(1.0, -k)) - (1 - a[j])) / (1 - a[j]));
                    }
                    if (err < best) {
                        best = err;
                        shift = k;
                    }
                }
                decayErr = best;
                double kept = 1 - Math.scalb(1.0, -shift);
                for (int j = 0; j < size; j++) {
                    // the model leaks after integrating: v = (v + in) (1 - 2^-k); NIR adds (dt/tau) r I undecayed
                    gain[j] = a[j] * r[j] / kept;
                }
            }
            // coefficients per (source, model delay)
            Map<String, Map<Integer, double[][]>> coef = new LinkedHashMap<>();
            for (Map.Entry<Key, double[][]> en : in.entrySet()) {
                Key k = en.getKey();
                int d = lq - latency.get(k.source()) - 1 + k.delay();
                if (d < 0) {
                    throw fail(n, "the recurrent edge from " + k.source() + " delivers in " + k.delay() + " step(s), but "
                            + "NeuroForge needs " + (lq - latency.get(k.source()) - 1) + " or more (one step per population "
                            + "on the way); the loop is too short to map exactly");
                }
                if (d > Projection.MAX_DELAY) {
                    throw fail(n, "the edge from " + k.source() + " needs a delay of " + d + " steps; allowed: 0.."
                            + Projection.MAX_DELAY);
                }
                double[][] m = en.getValue();
                double[][] c = coef.computeIfAbsent(k.source(), x -> new TreeMap<>())
                        .computeIfAbsent(d, x -> new double[m.length][size]);
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < size; j++) {
                        c[i][j] += m[i][j] * gain[j];
                    }
                }
            }
            // scale per target neuron: s_j = Theta / thr_j
            double[] q = new double[size];  // max |c| / thr per target
            double maxRel = 0;
            for (Map<Integer, double[][]> bySrc : coef.values()) {
                for (double[][] c : bySrc.values()) {
                    for (double[] row : c) {
                        for (int j = 0; j < size; j++) {
                            q[j] = Math.max(q[j], Math.abs(row[j]));
                            maxRel = Math.max(maxRel, Math.abs(row[j]) / thr[j]);
                        }
                    }
                }
            }
            long stateMax = Sat.max(opt.stateBits());
            int wbMax = opt.weightBits() == 0 ? 16 : opt.weightBits();
            long wMax = Sat.max(wbMax);
            double theta = 0;
            boolean popExact = false;
            if (opt.theta() > 0) {
                theta = opt.theta();
                popExact = integral(coef, thr, theta, wMax);
            } else {
                long lcm = 1;
                boolean intThr = true;
                for (double v : thr) {
                    if (v != Math.rint(v) || v > 1 << 20) {
                        intThr = false;
                        break;
                    }
                    lcm = lcm(lcm, (long) v);
                    if (lcm > stateMax / 4) {
                        intThr = false;
                        break;
                    }
                }
                if (intThr) {
                    for (long m = 1; m <= 64 && lcm * m <= stateMax / 4; m++) {
                        if (integral(coef, thr, lcm * m, wMax)) {
                            theta = lcm * m;
                            popExact = true;
                            break;
                        }
                    }
                }
                if (popExact && t.equals("LIF")) {
                    // fractional bits: the leak's rounding error shrinks with the scale
                    while (theta * 2 <= stateMax / 64 && integral(coef, thr, theta * 2, wMax)) {
                        theta *= 2;
                    }
                }
                if (!popExact) {
                    theta = Math.floor(maxRel > 0 ? wMax / maxRel : 1 << 10);
                    theta = Math.max(1, Math.min(theta, stateMax / 64));
                }
            }
            // LIF with a decay that rounds is exact only up to the leak's rounding
            if (t.equals("LIF") && decayErr > 1e-12) {
                popExact = false;
            }
            int threshold = (int) theta + (opt.strictGreater() ? 1 : 0);
            double relErr = 0;
            int clipped = 0;
            int usedBits = opt.weightBits() == 0 ? (t.equals("LIF") ? 16 : 8) : opt.weightBits();
            Map<String, Map<Integer, int[][]>> ints = new LinkedHashMap<>();
            for (Map.Entry<String, Map<Integer, double[][]>> bySrc : coef.entrySet()) {
                for (Map.Entry<Integer, double[][]> en : bySrc.getValue().entrySet()) {
                    double[][] c = en.getValue();
                    int[][] w = new int[c.length][size];
                    for (int i = 0; i < c.length; i++) {
                        for (int j = 0; j < size; j++) {
                            double v = c[i][j] * theta / thr[j];
                            long rv = Math.round(v);
                            if (rv > wMax || rv < -wMax - 1) {
                                clipped++;
                                rv = Math.max(-wMax - 1, Math.min(wMax, rv));
                            }
                            if (v != 0) {
                                relErr = Math.max(relErr, Math.abs(rv - v) / Math.abs(v));
                            }
                            w[i][j] = (int) rv;
                            if (opt.weightBits() == 0 && (rv > 127 || rv < -128)) {
                                usedBits = 16;
                            }
                        }
                    }
                    ints.computeIfAbsent(bySrc.getKey(), x -> new TreeMap<>()).put(en.getKey(), w);
                }
            }
            String pn = popName(n);
            for (Map.Entry<String, Map<Integer, int[][]>> bySrc : ints.entrySet()) {
                String src = bySrc.getKey();
                if (src.equals(BIAS)) {
                    biasUsed = true;
                }
                projs.addAll(projections(src.equals(BIAS) ? BIAS : popName(src), pn, usedBits, bySrc.getValue()));
            }
            NeuronParams np = t.equals("IF") ? NeuronParams.integrateAndFire(threshold, NeuronParams.Reset.ZERO, opt.stateBits())
                    : NeuronParams.leaky(threshold, shift, NeuronParams.Reset.ZERO, opt.stateBits());
            neurons.add(new Population(pn, size, np));
            double smin = Double.MAX_VALUE;
            double smax = 0;
            for (double v : thr) {
                smin = Math.min(smin, theta / v);
                smax = Math.max(smax, theta / v);
            }
            boolean ok = popExact && clipped == 0 && relErr < 1e-9;
            exact &= ok;
            reports.add(new PopulationReport(n, pn, t, size, threshold, shift, decayErr, smin, smax, usedBits, relErr, clipped, ok));
        }
        if (biasUsed) {
            pops.add(Population.input(BIAS, 1));
            notes.add("biases are weights from the input population " + BIAS + ", which must spike in every step");
        }
        pops.addAll(neurons);
        Map<String, OutputInfo> outputs = new LinkedHashMap<>();
        for (String n : order) {
            if (!nodes.get(n).type().equals("Output")) {
                continue;
            }
            Map<Key, double[][]> s = signal(n);
            if (s.size() != 1) {
                throw fail(n, "an Output must take the spikes of one IF, LIF or Input node directly; it gets " + s.size()
                        + " signals " + describe(s.keySet()));
            }
            Key k = s.keySet().iterator().next();
            double[][] m = s.get(k);
            boolean identity = !k.source().equals(BIAS) && k.delay() == 0 && m.length == m[0].length;
            for (int i = 0; identity && i < m.length; i++) {
                for (int j = 0; j < m.length; j++) {
                    identity &= m[i][j] == (i == j ? 1 : 0);
                }
            }
            if (!identity) {
                throw fail(n, "an Output must take the spikes of one IF, LIF or Input node directly; here a weighted, "
                        + "delayed or biased signal of " + k.source() + " reaches it");
            }
            outputs.put(n, new OutputInfo(n, popName(k.source()), latency.get(k.source())));
        }
        delayErrors.forEach((n, e) -> notes.add("delay of node " + n + " rounded to whole steps (largest error " + e + " steps)"));
        if (!delayErrors.isEmpty()) {
            exact = false;
        }
        String name = popNameOf(file);
        return new Result(new Network(name, pops, projs), inputs, biasUsed, outputs, reports, notes, exact);
    }

    private static String describe(Set<Key> keys) {
        List<String> l = new ArrayList<>();
        for (Key k : keys) {
            l.add(k.source() + (k.delay() > 0 ? " (delayed " + k.delay() + ")" : ""));
        }
        return l.toString();
    }

    private static String popNameOf(Path file) {
        String s = file.getFileName().toString().replaceAll("\\.nir$", "").replaceAll("\\.gzip$", "");
        return s.isEmpty() ? "nir" : s;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    private static boolean integral(Map<String, Map<Integer, double[][]>> coef, double[] thr, double theta, long wMax) {
        for (Map<Integer, double[][]> bySrc : coef.values()) {
            for (double[][] c : bySrc.values()) {
                for (double[] row : c) {
                    for (int j = 0; j < row.length; j++) {
                        double v = row[j] * theta / thr[j];
                        if (Math.abs(v - Math.rint(v)) > 1e-9 * Math.max(1, Math.abs(v)) || Math.abs(v) > wMax) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /** One projection per source: per-projection, per-axon or per-synapse delays, else one per delay. */
    private static List<Projection> projections(String from, String to, int bits, Map<Integer, int[][]> byDelay) {
        byDelay.values().removeIf(NirImporter::allZero);
        if (byDelay.isEmpty()) {
            return List.of();
        }
        if (byDelay.size() == 1) {
            Map.Entry<Integer, int[][]> e = byDelay.entrySet().iterator().next();
            return List.of(new FullProjection(from, to, bits, e.getKey(), e.getValue()));
        }
        int[][] any = byDelay.values().iterator().next();
        int rows = any.length;
        int cols = any[0].length;
        int[][] w = new int[rows][cols];
        int[][] d = new int[rows][cols];
        boolean single = true;
        for (int i = 0; i < rows && single; i++) {
            for (int j = 0; j < cols && single; j++) {
                int count = 0;
                for (Map.Entry<Integer, int[][]> e : byDelay.entrySet()) {
                    if (e.getValue()[i][j] != 0) {
                        count++;
                        w[i][j] = e.getValue()[i][j];
                        d[i][j] = e.getKey();
                    }
                }
                single = count <= 1;
            }
        }
        if (!single) {
            List<Projection> l = new ArrayList<>();
            byDelay.forEach((dl, m) -> l.add(new FullProjection(from, to, bits, dl, m)));
            return l;
        }
        int[] axon = new int[rows];
        boolean perAxon = true;
        for (int i = 0; i < rows; i++) {
            int di = -1;
            for (int j = 0; j < cols; j++) {
                if (w[i][j] != 0) {
                    if (di >= 0 && d[i][j] != di) {
                        perAxon = false;
                    }
                    di = d[i][j];
                }
            }
            axon[i] = Math.max(di, 0);
        }
        if (perAxon) {
            return List.of(new FullProjection(from, to, bits, 0, w, axon, null));
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (w[i][j] == 0) {
                    d[i][j] = 0;
                }
            }
        }
        return List.of(new FullProjection(from, to, bits, 0, w, null, d));
    }

    private static boolean allZero(int[][] m) {
        for (int[] r : m) {
            for (int v : r) {
                if (v != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
