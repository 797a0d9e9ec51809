package dev.neuroforge.model.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A NIR graph as stored in a NIR file (HDF5, read with jHDF): {@code /version}, and {@code /node}
 * holding {@code type = "NIRGraph"}, {@code nodes/<name>/} (a {@code type} string and one dataset
 * per parameter, or a nested graph) and {@code edges} ((E, 2) strings). docs/nir.md describes the
 * layout. Parameters are read as flat row-major doubles with their shape; strings (Conv2d's
 * "same"/"valid" padding) are kept as text. Optional {@code metadata} groups are ignored.
 */
public final class NirGraph {
    /** Node types NIR 1.0 defines. */
    public static final Set<String> NIR_TYPES = Set.of("Input", "Output", "Affine", "Linear", "Scale", "Conv1d",
            "Conv2d", "SumPool2d", "AvgPool2d", "Flatten", "I", "IF", "LI", "LIF", "CubaLI", "CubaLIF", "Delay",
            "Threshold", "NIRGraph");

    /** One parameter: its shape (empty for a scalar) and values, or a string. */
    public record Param(int[] shape, double[] values, String text) {
        public int size() {
            return values == null ? 0 : values.length;
        }
    }

    /** One node; {@code graph} is set for a nested NIRGraph. */
    public record NirNode(String name, String type, Map<String, Param> params, NirGraph graph) {
    }

    private final String version;
    private final Map<String, NirNode> nodes;
    private final List<String[]> edges;

    public NirGraph(String version, Map<String, NirNode> nodes, List<String[]> edges) {
        this.version = version;
        this.nodes = nodes;
        this.edges = edges;
    }

    public String version() {
        return version;
    }

    /** Nodes by name, in name order. */
    public Map<String, NirNode> nodes() {
        return nodes;
    }

    /** Edges (source, target) in file order. */
    public List<String[]> edges() {
        return edges;
    }

    /** Reads a NIR file; every problem names the file and the place in it. */
    public static NirGraph read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NirException(file + ": no such file");
        }
        try (HdfFile h = new HdfFile(file)) {
            Node v = h.getChildren().get("version");
            if (!(v instanceof Dataset vd) || !(vd.getData() instanceof String vs)) {
                throw new NirException(file + ": /version is missing: a NIR file holds its version as a string in /version");
            }
            Node root = h.getChildren().get("node");
            if (!(root instanceof Group g)) {
                throw new NirException(file + ": /node is missing: a NIR file holds its graph in the group /node");
            }
            return graph(file, g, "/node", vs);
        } catch (NirException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NirException(file + ": not a readable HDF5 (NIR) file: " + e.getMessage());
        }
    }

    private static NirGraph graph(Path file, Group g, String at, String version) {
        String type = string(file, g, "type", at);
        if (!"NIRGraph".equals(type)) {
            throw new NirException(file + ": " + at + "/type = \"" + type + "\": the graph must be a NIRGraph");
        }
        Node ns = g.getChildren().get("nodes");
        if (!(ns instanceof Group nodesGroup)) {
            throw new NirException(file + ": " + at + "/nodes is missing: a graph holds its nodes in the group nodes");
        }
        Map<String, NirNode> nodes = new TreeMap<>();
        for (Node n : nodesGroup.getChildren().values()) {
            String nat = at + "/nodes/" + n.getName();
            if (!(n instanceof Group ng)) {
                throw new NirException(file + ": " + nat + " is a dataset; each node must be a group");
            }
            String t = string(file, ng, "type", nat);
            if (!NIR_TYPES.contains(t)) {
                throw new NirException(file + ": node \"" + n.getName() + "\" (" + nat + ") has type \"" + t
                        + "\", which NIR does not define; NIR types: " + new java.util.TreeSet<>(NIR_TYPES));
            }
            if (t.equals("NIRGraph")) {
                nodes.put(n.getName(), new NirNode(n.getName(), t, Map.of(), graph(file, ng, nat, version)));
                continue;
            }
            Map<String, Param> params = new TreeMap<>();
            for (Node p : ng.getChildren().values()) {
                if (p.getName().equals("type") || p.getName().equals("metadata")) {
                    continue;
                }
                if (!(p instanceof Dataset d)) {
                    throw new NirException(file + ": " + nat + "/" + p.getName() + " is a group; parameters are datasets");
                }
                params.put(p.getName(), param(file, d, nat + "/" + p.getName()));
            }
            nodes.put(n.getName(), new NirNode(n.getName(), t, params, null));
        }
        List<String[]> edges = new ArrayList<>();
        Node e = g.getChildren().get("edges");
        if (!(e instanceof Dataset ed)) {
            throw new NirException(file + ": " + at + "/edges is missing: a graph lists its edges as (source, target) names");
        }
        Object data = ed.getData();
        if (data instanceof String[][] rows) {
            for (int i = 0; i < rows.length; i++) {
                if (rows[i].length != 2) {
                    throw new NirException(file + ": " + at + "/edges[" + i + "] has " + rows[i].length
                            + " names; each edge is (source, target)");
                }
                edges.add(rows[i].clone());
            }
        } else if (!(ed.getDimensions().length == 1 && ed.getDimensions()[0] == 0)) {
            throw new NirException(file + ": " + at + "/edges has shape " + Arrays.toString(ed.getDimensions())
                    + " of " + ed.getJavaType().getSimpleName() + "; must be (E, 2) strings");
        }
        for (int i = 0; i < edges.size(); i++) {
            for (String end : edges.get(i)) {
                if (!nodes.containsKey(end)) {
                    throw new NirException(file + ": " + at + "/edges[" + i + "] = (" + edges.get(i)[0] + ", "
                            + edges.get(i)[1] + ") names node \"" + end + "\", which is not in " + at
                            + "/nodes; nodes: " + nodes.keySet());
                }
            }
        }
        return new NirGraph(version, nodes, edges);
    }

    private static String string(Path file, Group g, String name, String at) {
        Node n = g.getChildren().get(name);
        if (!(n instanceof Dataset d) || !(d.getData() instanceof String s)) {
            throw new NirException(file + ": " + at + "/" + name + " is missing or not a string: every node and graph "
                    + "names its type as a string");
        }
        return s;
    }

    private static Param param(Path file, Dataset d, String at) {
        Object data = d.getData();
        if (data instanceof String s) {
            return new Param(new int[0], null, s);
        }
        int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
        int total = 1;
        for (int s : shape) {
            total *= s;
        }
        double[] out = new double[total];
        if (d.isScalar()) {
            if (!(data instanceof Number num)) {
                throw new NirException(file + ": " + at + " is a " + d.getJavaType().getSimpleName()
                        + "; parameters must be numbers");
            }
            out[0] = num.doubleValue();
            return new Param(shape, out, null);
        }
        Object flat = d.getDataFlat();
        if (!flat.getClass().isArray() || !flat.getClass().getComponentType().isPrimitive()
                || flat.getClass().getComponentType() == boolean.class) {
            throw new NirException(file + ": " + at + " holds " + d.getJavaType().getSimpleName()
                    + " values; parameters must be numbers");
        }
        for (int i = 0; i < total; i++) {
            out[i] = ((Number) Array.get(flat, i)).doubleValue();
        }
        return new Param(shape, out, null);
    }
}
