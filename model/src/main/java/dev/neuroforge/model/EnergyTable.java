package dev.neuroforge.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Energy per counted operation, in picojoules, each with its source. {@link Metrics} multiplies
 * each by the count of its operation; operations missing from the table cost nothing in the
 * estimate (and the report says which ones were not priced).
 *
 * <p>The default table holds only figures published for SENECA (Tang et al., "SENECA: building a
 * fully digital neuromorphic processor, design trade-offs and challenges", Frontiers in
 * Neuroscience 17:1187252, 2023; GF-22 nm). A user table is JSON:
 * {@code {"name": "...", "energies": {"synop": 2.8, "eventSent": {"pJ": 2.0, "source": "..."}}}}.
 *
 * @param name     what the table describes
 * @param energies operation (one of {@link #OPERATIONS}) to its energy and source
 */
public record EnergyTable(String name, Map<String, Entry> energies) {
    /** The operations {@link Metrics} counts, in report order. */
    public static final List<String> OPERATIONS = List.of("synop", "neuronUpdate", "weightRead", "stateRead",
            "stateWrite", "queueRead", "queueWrite", "eventGenerated", "eventSent", "hop");

    private static final String SENECA = "Tang et al., SENECA, Front. Neurosci. 17:1187252 (2023)";

    /** One energy figure and where it comes from. */
    public record Entry(double pJ, String source) {
    }

    public EnergyTable {
        Check.notNull("name", name);
        energies = Map.copyOf(Check.notNull("energies", energies));
        for (Map.Entry<String, Entry> e : energies.entrySet()) {
            if (!OPERATIONS.contains(e.getKey())) {
                throw Check.fail("energies." + e.getKey() + " is not a counted operation; allowed: " + OPERATIONS);
            }
            double pj = e.getValue().pJ();
            if (!(pj >= 0) || Double.isInfinite(pj)) {
                throw Check.fail("energies." + e.getKey() + " = " + pj + " is not allowed: must be a finite number >= 0 (pJ)");
            }
        }
    }

    /**
     * The default: published SENECA figures only. Not published as single figures, so left out:
     * a neuron update, a delay-queue access, a NoC hop (the paper gives energy per event
     * transmission, not per hop).
     */
    public static EnergyTable seneca() {
        Map<String, Entry> m = new LinkedHashMap<>();
        m.put("synop", new Entry(2.8, SENECA + ", abstract: 'around 2.8 pJ per synaptic operation'"));
        m.put("eventGenerated", new Entry(1.1, SENECA + ", Table 8: EVC event capture, +1.1 pJ per generated event"));
        m.put("eventSent", new Entry(2.0, SENECA + ", Table 8: NoC, 2 pJ per 32-bit event transmission"));
        return new EnergyTable("SENECA published figures (default)", m);
    }

    /** Reads a user table; errors name the file and the path in it. */
    public static EnergyTable read(Path file) {
        JsonNode root = StrictJson.read(file, "energy table");
        String at = file + ": ";
        if (root == null || !root.isObject() || !root.has("energies") || !root.get("energies").isObject()) {
            throw Check.fail(at + "must be an object with an object \"energies\" (operation: pJ)");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals("name") && !f.equals("energies")) {
                throw Check.fail(at + f + ": unknown field; allowed here: [energies, name]");
            }
        }
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("energies").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String path = at + "energies." + f.getKey();
            JsonNode v = f.getValue();
            if (v.isNumber()) {
                m.put(f.getKey(), new Entry(v.doubleValue(), "user table " + file.getFileName()));
            } else if (v.isObject() && v.has("pJ") && v.get("pJ").isNumber()) {
                for (Iterator<String> k = v.fieldNames(); k.hasNext();) {
                    String kf = k.next();
                    if (!kf.equals("pJ") && !kf.equals("source")) {
                        throw Check.fail(path + "." + kf + ": unknown field; allowed here: [pJ, source]");
                    }
                }
                if (v.has("source") && !v.get("source").isTextual()) {
                    throw Check.fail(path + ".source: " + StrictJson.show(v.get("source")) + " must be a string");
                }
                m.put(f.getKey(), new Entry(v.get("pJ").doubleValue(),
                        v.has("source") ? v.get("source").asText() : "user table " + file.getFileName()));
            } else {
                throw Check.fail(path + ": " + v + " must be a number of picojoules or {\"pJ\": number, \"source\": text}");
            }
        }
        if (root.has("name") && !root.get("name").isTextual()) {
            throw Check.fail(at + "name: " + StrictJson.show(root.get("name")) + " must be a string");
        }
        String name = root.has("name") ? root.get("name").asText() : file.getFileName().toString();
        try {
            return new EnergyTable(name, m);
        } catch (Check.NetworkException e) {
            throw Check.fail(at + e.getMessage());
        }
    }
}
