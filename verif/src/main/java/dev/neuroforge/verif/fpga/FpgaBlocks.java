package dev.neuroforge.verif.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroforge.config.Blocks;
import dev.neuroforge.config.ConfigException;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.config.DesignConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configs the FPGA flow uses for each registered block: its defaults, a small one for CI and
 * a sweep of its main parameter for docs/fpga.md, read from {@code blocks.json} beside this class.
 * A block added to {@link Blocks} without an entry there still gets all three (defaults; defaults;
 * first integer parameter at half, default and double), as long as all its parameters have defaults.
 */
public final class FpgaBlocks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SETTINGS = load();

    private FpgaBlocks() {
    }

    /** A sweep: the parameter it varies (a label) and one config per point. */
    public record Sweep(String parameter, List<DesignConfig> points) {
    }

    private static JsonNode load() {
        try (InputStream in = FpgaBlocks.class.getResourceAsStream("blocks.json")) {
            if (in == null) {
                throw new IllegalStateException("dev/neuroforge/verif/fpga/blocks.json is missing from the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The block at its default parameters; a block with required parameters (the mesh's cols and
     * rows) takes them from the "default" entry of blocks.json.
     */
    public static DesignConfig defaults(Blocks.Block<?> b) {
        JsonNode d = SETTINGS.path(b.name()).path("default");
        return config(b, b.name() + "-default", d.isObject() ? d : JSON.createObjectNode());
    }

    /** The block's CI config: small enough to synthesize in seconds. */
    public static DesignConfig small(Blocks.Block<?> b) {
        JsonNode s = SETTINGS.path(b.name()).path("small");
        return config(b, b.name() + "-small", s.isObject() ? s : JSON.createObjectNode());
    }

    /** The sweep of the block's main parameter, as docs/fpga.md reports it. */
    public static Sweep sweep(Blocks.Block<?> b) {
        JsonNode s = SETTINGS.path(b.name());
        List<DesignConfig> points = new ArrayList<>();
        if (s.path("sweep").isArray()) {
            int i = 0;
            for (JsonNode p : s.path("sweep")) {
                points.add(config(b, b.name() + "-sweep" + i++, p));
            }
            return new Sweep(s.path("main").asText("parameters"), points);
        }
        for (Map.Entry<String, Object> e : defaults(b).parameters().entrySet()) {
            if (e.getValue() instanceof Integer v) {
                int i = 0;
                for (int x : new int[] {v / 2, v, v * 2}) {
                    ObjectNode o = JSON.createObjectNode().put(e.getKey(), x);
                    try {
                        points.add(ConfigLoader.parse("sweep", json(b, b.name() + "-sweep" + i++, o)));
                    } catch (ConfigException ex) {
                        // Outside the parameter's range: that point is left out.
                    }
                }
                return new Sweep(e.getKey(), points);
            }
        }
        return new Sweep("parameters", List.of(defaults(b)));
    }

    private static DesignConfig config(Blocks.Block<?> b, String name, JsonNode params) {
        try {
            return ConfigLoader.parse("blocks.json (" + b.name() + ")", json(b, name, params));
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage() + " (give the block a complete \"default\" or \"small\" "
                    + "entry in verif/src/main/resources/dev/neuroforge/verif/fpga/blocks.json)", e);
        }
    }

    private static String json(Blocks.Block<?> b, String name, JsonNode params) {
        ObjectNode root = JSON.createObjectNode().put("name", name);
        root.set(b.name(), params);
        return root.toString();
    }
}
