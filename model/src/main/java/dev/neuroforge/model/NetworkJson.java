package dev.neuroforge.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a network description (docs/model.md) into the same records tests build in code. Every
 * error names its path in the file, e.g. {@code network.json: projections[2].weights[0][3]: ...}.
 * Large weight matrices may live in a side file of raw little-endian signed integers
 * ({@code weightsFile}, 1 byte per weight for 4 and 8 bits, 2 for 16), row-major, relative to
 * the JSON file.
 */
public final class NetworkJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Integers of this parse beyond 32 bits, by path: they are handed on as Integer.MIN_VALUE or
     * MAX_VALUE, which every field's range rejects, and the message then shows the value as written
     * with the field's own range.
     */
    private static final ThreadLocal<Map<String, String>> OVERFLOW = ThreadLocal.withInitial(LinkedHashMap::new);

    private NetworkJson() {
    }

    public static Network read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw Check.fail(file + ": no such file");
        } catch (IOException e) {
            throw Check.fail(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text, file.toAbsolutePath().getParent());
    }

    /** The network as JSON in the form {@link #parse} reads (full and conv projections, inline weights). */
    public static String toJson(Network net) {
        com.fasterxml.jackson.databind.node.ObjectNode root = MAPPER.createObjectNode();
        root.put("name", net.name());
        com.fasterxml.jackson.databind.node.ArrayNode ps = root.putArray("populations");
        for (Population p : net.populations()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = ps.addObject();
            o.put("name", p.name());
            o.put("size", p.size());
            if (p.isInput()) {
                o.put("input", true);
                continue;
            }
            NeuronParams n = p.neuron();
            com.fasterxml.jackson.databind.node.ObjectNode no = o.putObject("neuron");
            no.put("model", n.kind().name());
            no.put("threshold", n.threshold());
            no.put("leakShift", n.leakShift());
            no.put("reset", n.reset().name().toLowerCase(Locale.ROOT));
            no.put("stateBits", n.stateBits());
            no.put("quantStep", n.quantStep());
        }
        com.fasterxml.jackson.databind.node.ArrayNode qs = root.putArray("projections");
        for (Projection q : net.projections()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = qs.addObject();
            if (q instanceof ConvProjection c) {
                o.put("type", "conv");
                o.put("from", c.from());
                o.put("to", c.to());
                o.put("weightBits", c.weightBits());
                if (c.axonDelays() != null) {
                    o.set("delay", MAPPER.valueToTree(c.axonDelays()));
                } else {
                    o.put("delay", c.delay());
                }
                o.put("inChannels", c.inChannels());
                o.put("inHeight", c.inHeight());
                o.put("inWidth", c.inWidth());
                o.put("outChannels", c.outChannels());
                o.put("kernel", c.kernel());
                o.put("stride", c.stride());
                o.put("padding", c.padding());
                o.put("pool", c.pool());
                o.set("kernels", MAPPER.valueToTree(c.kernels()));
                continue;
            }
            FullProjection f = (FullProjection) q;
            o.put("from", f.from());
            o.put("to", f.to());
            o.put("weightBits", f.weightBits());
            if (f.synapseDelays() != null) {
                o.set("delay", MAPPER.valueToTree(f.synapseDelays()));
            } else if (f.axonDelays() != null) {
                o.set("delay", MAPPER.valueToTree(f.axonDelays()));
            } else {
                o.put("delay", f.delay());
            }
            o.set("weights", MAPPER.valueToTree(f.weights()));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses JSON text; {@code source} names it in errors, {@code dir} resolves weight files. */
    public static Network parse(String source, String json, Path dir) {
        JsonNode root;
        try {
            root = StrictJson.parse(json);
        } catch (StrictJson.SyntaxException e) {
            throw Check.fail(source + ": " + e.getMessage());
        }
        Map<String, String> overflow = OVERFLOW.get();
        overflow.clear();
        try {
            Network net = network(root, dir);
            if (!overflow.isEmpty()) {  // no field let a sentinel through today; should one, still refuse
                Map.Entry<String, String> f = overflow.entrySet().iterator().next();
                throw new PathError(f.getKey(), f.getValue() + " is not allowed: must be a 32-bit integer");
            }
            return net;
        } catch (PathError e) {
            throw Check.fail(source + ": " + e.path + ": " + asWritten(e.getMessage(), e.path, overflow));
        } finally {
            overflow.clear();
        }
    }

    /** {@code message} with a sentinel of an overflowed integer under {@code at} shown as written. */
    private static String asWritten(String message, String at, Map<String, String> overflow) {
        for (Map.Entry<String, String> f : overflow.entrySet()) {
            String sentinel = String.valueOf(f.getValue().startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE);
            if ((f.getKey().equals(at) || f.getKey().startsWith(at + ".") || f.getKey().startsWith(at + "["))
                    && message.contains("= " + sentinel + " ")) {
                return message.replaceFirst("= " + sentinel + " ", "= " + f.getValue() + " ");
            }
        }
        return message;
    }

    /** An integer as the reader hands it on: itself, or a sentinel for one beyond 32 bits. */
    private static int int32(JsonNode x, String at) {
        if (x.canConvertToInt()) {
            return x.intValue();
        }
        OVERFLOW.get().putIfAbsent(at, x.bigIntegerValue().toString());
        return x.bigIntegerValue().signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    }

    /** An error at a path inside the document. */
    private static final class PathError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String path;

        PathError(String path, String message) {
            super(message);
            this.path = path;
        }
    }

    private static Network network(JsonNode root, Path dir) {
        object(root, "(top)", Set.of("name", "populations", "projections"));
        String name = text(root, "name", "(top)");
        List<Population> pops = new ArrayList<>();
        JsonNode ps = array(root, "populations", "(top)");
        for (int i = 0; i < ps.size(); i++) {
            pops.add(population(ps.get(i), "populations[" + i + "]"));
        }
        List<Projection> projs = new ArrayList<>();
        JsonNode qs = root.has("projections") ? array(root, "projections", "(top)") : MAPPER.createArrayNode();
        for (int k = 0; k < qs.size(); k++) {
            projs.add(projection(qs.get(k), "projections[" + k + "]", pops, dir));
        }
        try {
            return new Network(name, pops, projs);
        } catch (Check.NetworkException e) {
            throw new PathError("(top)", e.getMessage());
        }
    }

    private static Population population(JsonNode n, String at) {
        object(n, at, Set.of("name", "size", "input", "neuron"));
        boolean input = n.has("input") && bool(n, "input", at);
        if (input == n.has("neuron")) {
            throw new PathError(at, "give either \"input\": true or a \"neuron\", not " + (input ? "both" : "neither"));
        }
        NeuronParams neuron = input ? null : neuron(n.get("neuron"), at + ".neuron");
        try {
            return new Population(text(n, "name", at), integer(n, "size", at), neuron);
        } catch (Check.NetworkException e) {
            throw new PathError(at, e.getMessage());
        }
    }

    private static NeuronParams neuron(JsonNode n, String at) {
        object(n, at, Set.of("model", "threshold", "leakShift", "reset", "stateBits", "quantStep"));
        String model = text(n, "model", at).toUpperCase(Locale.ROOT).replace('-', '_');
        NeuronParams.Kind kind;
        try {
            kind = NeuronParams.Kind.valueOf(model);
        } catch (IllegalArgumentException e) {
            throw new PathError(at + ".model", "\"" + n.get("model").asText() + "\" is not a neuron model; allowed: IF, LIF, SIGMA_DELTA");
        }
        NeuronParams.Reset reset = NeuronParams.Reset.ZERO;
        if (n.has("reset")) {
            String r = text(n, "reset", at).toUpperCase(Locale.ROOT);
            try {
                reset = NeuronParams.Reset.valueOf(r);
            } catch (IllegalArgumentException e) {
                throw new PathError(at + ".reset", "\"" + n.get("reset").asText() + "\" is not a reset mode; allowed: zero, subtract");
            }
        }
        try {
            return new NeuronParams(kind, n.has("threshold") ? integer(n, "threshold", at) : 1,
                    n.has("leakShift") ? integer(n, "leakShift", at) : 0, reset,
                    n.has("stateBits") ? integer(n, "stateBits", at) : 16,
                    n.has("quantStep") ? integer(n, "quantStep", at) : 1);
        } catch (Check.NetworkException e) {
            throw new PathError(at, e.getMessage());
        }
    }

    private static Projection projection(JsonNode n, String at, List<Population> pops, Path dir) {
        if (n != null && n.has("type") && !"full".equals(n.get("type").asText())) {
            if (!"conv".equals(n.get("type").asText())) {
                throw new PathError(at + ".type", n.get("type") + " is not a projection type; allowed: full, conv");
            }
            return conv(n, at, dir);
        }
        object(n, at, Set.of("type", "from", "to", "weightBits", "delay", "weights", "weightsFile"));
        String from = text(n, "from", at);
        String to = text(n, "to", at);
        int bits = n.has("weightBits") ? integer(n, "weightBits", at) : 8;
        int[][] w;
        if (n.has("weights") == n.has("weightsFile")) {
            throw new PathError(at, "give either \"weights\" or \"weightsFile\", not " + (n.has("weights") ? "both" : "neither"));
        }
        if (n.has("weights")) {
            w = matrix(array(n, "weights", at), at + ".weights");
        } else {
            w = weightsFile(dir.resolve(text(n, "weightsFile", at)), bits, size(pops, from, at + ".from"),
                    size(pops, to, at + ".to"), at + ".weightsFile");
        }
        Object d = delays(n, at);
        try {
            return new FullProjection(from, to, bits, d instanceof Integer i ? i : 0, w,
                    d instanceof int[] a ? a : null, d instanceof int[][] m ? m : null);
        } catch (Check.NetworkException e) {
            throw new PathError(at, e.getMessage());
        }
    }

    private static ConvProjection conv(JsonNode n, String at, Path dir) {
        object(n, at, Set.of("type", "from", "to", "weightBits", "delay", "inChannels", "inHeight", "inWidth",
                "outChannels", "kernel", "stride", "padding", "pool", "kernels", "weightsFile"));
        int bits = n.has("weightBits") ? integer(n, "weightBits", at) : 8;
        int ic = integer(n, "inChannels", at);
        int oc = integer(n, "outChannels", at);
        int k = integer(n, "kernel", at);
        if (n.has("kernels") == n.has("weightsFile")) {
            throw new PathError(at, "give either \"kernels\" or \"weightsFile\", not " + (n.has("kernels") ? "both" : "neither"));
        }
        int[][][][] kernels = new int[Math.max(0, oc)][Math.max(0, ic)][Math.max(0, k)][Math.max(0, k)];
        if (n.has("kernels")) {
            JsonNode a = array(n, "kernels", at);
            kernels = new int[a.size()][][][];
            for (int o = 0; o < a.size(); o++) {
                String ao = at + ".kernels[" + o + "]";
                JsonNode b = a.get(o);
                kernels[o] = new int[b.size()][][];
                for (int c = 0; c < b.size(); c++) {
                    kernels[o][c] = matrix(b.get(c), ao + "[" + c + "]");
                }
            }
        } else {
            int[][] flat = weightsFile(dir.resolve(text(n, "weightsFile", at)), bits, oc * ic, k * k, at + ".weightsFile");
            for (int o = 0; o < oc; o++) {
                for (int c = 0; c < ic; c++) {
                    for (int y = 0; y < k; y++) {
                        System.arraycopy(flat[o * ic + c], y * k, kernels[o][c][y], 0, k);
                    }
                }
            }
        }
        Object d = delays(n, at);
        if (d instanceof int[][]) {
            throw new PathError(at + ".delay", "per-synapse delays are for fully connected projections; a conv "
                    + "projection takes one delay or one per source neuron (per axon)");
        }
        try {
            return new ConvProjection(text(n, "from", at), text(n, "to", at), bits,
                    d instanceof Integer i ? i : 0, ic, integer(n, "inHeight", at),
                    integer(n, "inWidth", at), oc, k, n.has("stride") ? integer(n, "stride", at) : 1,
                    n.has("padding") ? integer(n, "padding", at) : 0, n.has("pool") ? integer(n, "pool", at) : 1,
                    kernels, d instanceof int[] a ? a : null);
        } catch (Check.NetworkException e) {
            throw new PathError(at, e.getMessage());
        }
    }

    /**
     * {@code "delay"}: an integer (per projection, default 0), an array of integers (one per source
     * neuron: per axon) or an array of arrays (one per synapse). Returns Integer, int[] or int[][].
     */
    private static Object delays(JsonNode n, String at) {
        JsonNode d = n.get("delay");
        if (d == null) {
            return 0;
        }
        if (!d.isArray()) {
            return integer(n, "delay", at);
        }
        if (d.size() > 0 && d.get(0).isArray()) {
            return matrix(d, at + ".delay");
        }
        int[] a = new int[d.size()];
        for (int i = 0; i < a.length; i++) {
            JsonNode x = d.get(i);
            if (!x.isIntegralNumber()) {
                throw new PathError(at + ".delay[" + i + "]", StrictJson.show(x) + " is not an integer (give one delay"
                        + " per source neuron, or one array per source neuron for per-synapse delays)");
            }
            a[i] = int32(x, at + ".delay[" + i + "]");
        }
        return a;
    }

    private static int[][] matrix(JsonNode rows, String at) {
        if (rows == null || !rows.isArray()) {
            throw new PathError(at, "must be an array of arrays of integers");
        }
        int[][] w = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            String ri = at + "[" + i + "]";
            if (!rows.get(i).isArray()) {
                throw new PathError(ri, "must be an array of integers");
            }
            w[i] = new int[rows.get(i).size()];
            for (int j = 0; j < w[i].length; j++) {
                JsonNode x = rows.get(i).get(j);
                if (!x.isIntegralNumber()) {
                    throw new PathError(ri + "[" + j + "]", StrictJson.show(x) + " is not an integer");
                }
                w[i][j] = int32(x, ri + "[" + j + "]");
            }
        }
        return w;
    }

    private static int size(List<Population> pops, String name, String at) {
        return pops.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new PathError(at, "\"" + name + "\" names no population")).size();
    }

    private static int[][] weightsFile(Path f, int bits, int rows, int cols, String at) {
        int bytesPer = bits == 16 ? 2 : 1;
        byte[] data;
        try {
            data = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new PathError(at, "cannot read " + f + ": " + e.getMessage());
        }
        long expected = (long) rows * cols * bytesPer;
        if (data.length != expected) {
            throw new PathError(at, f + " has " + data.length + " bytes; a " + rows + " x " + cols + " matrix of "
                    + bits + "-bit weights needs " + expected);
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int[][] w = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                w[i][j] = bytesPer == 2 ? b.getShort() : b.get();
            }
        }
        return w;
    }

    private static void object(JsonNode n, String at, Set<String> allowed) {
        if (n == null || !n.isObject()) {
            throw new PathError(at, "must be an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new PathError(at + "." + f, "unknown field; allowed here: " + allowed.stream().sorted().toList());
            }
        }
    }

    private static JsonNode field(JsonNode n, String f, String at) {
        JsonNode v = n.get(f);
        if (v == null) {
            throw new PathError(at + "." + f, "is missing: a value is required");
        }
        if (v.isNull()) {
            throw new PathError(at + "." + f, "null is not allowed: give a value (or leave out a field that has a default)");
        }
        return v;
    }

    private static String text(JsonNode n, String f, String at) {
        JsonNode v = field(n, f, at);
        if (!v.isTextual()) {
            throw new PathError(at + "." + f, StrictJson.show(v) + " must be a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String f, String at) {
        JsonNode v = field(n, f, at);
        if (!v.isIntegralNumber()) {
            throw new PathError(at + "." + f, StrictJson.show(v) + " must be an integer"
                    + (v.isTextual() ? " (a JSON number, without quotes)" : ""));
        }
        return int32(v, at + "." + f);
    }

    private static boolean bool(JsonNode n, String f, String at) {
        JsonNode v = field(n, f, at);
        if (!v.isBoolean()) {
            throw new PathError(at + "." + f, StrictJson.show(v) + " must be true or false");
        }
        return v.asBoolean();
    }

    private static JsonNode array(JsonNode n, String f, String at) {
        JsonNode v = field(n, f, at);
        if (!v.isArray()) {
            throw new PathError(at + "." + f, "must be an array");
        }
        return v;
    }
}
