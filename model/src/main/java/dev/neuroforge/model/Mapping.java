package dev.neuroforge.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each population lives on a 2-D mesh: one tile (x, y) per population. An event crossing a
 * projection between populations on different tiles travels as one packet per event and
 * projection, routed XY (first along x, then along y), so it takes |dx| + |dy| hops.
 * JSON: {@code {"mesh": {"width": 4, "height": 4}, "tiles": {"in": [0, 0], "hidden": [1, 0]}}}.
 *
 * @param width  mesh columns, 1..256
 * @param height mesh rows, 1..256
 * @param tiles  population name to {x, y}
 */
public record Mapping(int width, int height, Map<String, int[]> tiles) {
    public Mapping {
        Check.range("mesh.width", width, 1, 256);
        Check.range("mesh.height", height, 1, 256);
        tiles = Map.copyOf(Check.notNull("tiles", tiles));
        for (Map.Entry<String, int[]> e : tiles.entrySet()) {
            int[] xy = e.getValue();
            if (xy == null || xy.length != 2) {
                throw Check.fail("tiles." + e.getKey() + " must be [x, y]");
            }
            Check.range("tiles." + e.getKey() + "[0] (x)", xy[0], 0, width - 1);
            Check.range("tiles." + e.getKey() + "[1] (y)", xy[1], 0, height - 1);
        }
    }

    /** Checks that every population of {@code net} has a tile and no tile names an unknown population. */
    public void check(Network net) {
        for (Population p : net.populations()) {
            if (!tiles.containsKey(p.name())) {
                throw Check.fail("tiles." + p.name() + " is missing: every population needs a tile");
            }
        }
        for (String name : tiles.keySet()) {
            if (net.populations().stream().noneMatch(p -> p.name().equals(name))) {
                throw Check.fail("tiles." + name + " names no population of " + net.name());
            }
        }
    }

    /** XY-routing hops from population a's tile to b's. */
    public int hops(String a, String b) {
        int[] p = tiles.get(a);
        int[] q = tiles.get(b);
        return Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]);
    }

    public static Mapping read(Path file) {
        JsonNode root = StrictJson.read(file, "mapping");
        String at = file + ": ";
        if (root == null || !root.isObject() || !root.has("mesh") || !root.has("tiles") || !root.get("tiles").isObject()
                || !root.get("mesh").isObject()) {
            throw Check.fail(at + "must be {\"mesh\": {\"width\": W, \"height\": H}, \"tiles\": {population: [x, y]}}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals("mesh") && !f.equals("tiles")) {
                throw Check.fail(at + f + ": unknown field; allowed here: [mesh, tiles]");
            }
        }
        JsonNode mesh = root.get("mesh");
        for (Iterator<String> it = mesh.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals("width") && !f.equals("height")) {
                throw Check.fail(at + "mesh." + f + ": unknown field; allowed here: [height, width]");
            }
        }
        int w = integer(mesh, "width", at + "mesh.width");
        int h = integer(mesh, "height", at + "mesh.height");
        Map<String, int[]> tiles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("tiles").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (!v.isArray() || v.size() != 2 || !v.get(0).isInt() || !v.get(1).isInt()) {
                throw Check.fail(at + "tiles." + f.getKey() + ": " + v + " must be [x, y] (two integers)");
            }
            tiles.put(f.getKey(), new int[] {v.get(0).intValue(), v.get(1).intValue()});
        }
        try {
            return new Mapping(w, h, tiles);
        } catch (Check.NetworkException e) {
            throw Check.fail(at + e.getMessage());
        }
    }

    private static int integer(JsonNode n, String f, String at) {
        JsonNode v = n.get(f);
        if (v == null || !v.isInt()) {
            throw Check.fail(at + ": " + v + " must be an integer");
        }
        return v.intValue();
    }
}
