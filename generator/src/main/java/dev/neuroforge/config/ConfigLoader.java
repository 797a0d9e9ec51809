package dev.neuroforge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.model.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a {@link DesignConfig} from JSON, turning every failure into a message that names the path. */
public final class ConfigLoader {
    /** Writes configs back ({@link #toJson}); reading goes through {@link StrictJson}. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigLoader() {
    }

    public static DesignConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses config text; {@code source} names it in error messages. The JSON is read strictly
     * ({@link StrictJson}: no duplicate fields, nothing after the value) and every parameter has to
     * have its own JSON type ({@link JsonParams}: nothing is converted, {@code null} is not absent).
     */
    public static DesignConfig parse(String source, String json) throws ConfigException {
        try {
            JsonNode root = StrictJson.parse(json);
            if (root == null || !root.isObject()) {
                throw new ConfigException(source + ": the config must be a JSON object {\"name\": ..., <block>: {...}}");
            }
            String name = null;
            List<String> blocks = new ArrayList<>();
            for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
                if (f.getKey().equals("name")) {
                    if (!f.getValue().isTextual()) {
                        throw new ConfigException(source + ": name = " + StrictJson.show(f.getValue())
                                + " is not allowed: must be a string (the output folder's name)");
                    }
                    name = f.getValue().textValue();
                } else if (Blocks.named(f.getKey()).isPresent()) {
                    blocks.add(f.getKey());
                } else {
                    throw new ConfigException(source + ": unknown field " + f.getKey() + "; allowed here: name, "
                            + String.join(", ", blockNames()));
                }
            }
            if (name == null) {
                throw new ConfigException(source + ": name is missing: a value is required (the output folder's name)");
            }
            if (blocks.size() != 1) {
                throw new ConfigException(source + ": " + new ParameterException("block",
                        blocks.isEmpty() ? "none" : String.join(" and ", blocks),
                        "give exactly one of " + String.join(", ", blockNames())).getMessage());
            }
            String block = blocks.get(0);
            BlockParams params = JsonParams.read(root.get(block), block, block + " parameters",
                    Blocks.named(block).orElseThrow().reader());
            return new DesignConfig(name, params);
        } catch (StrictJson.SyntaxException | JsonParams.ValueException | ParameterException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    public static String toJson(DesignConfig c) {
        try {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("name", c.name());
            root.set(c.block(), MAPPER.valueToTree(c.params()));
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> blockNames() {
        return Blocks.all().stream().map(Blocks.Block::name).sorted().toList();
    }
}
