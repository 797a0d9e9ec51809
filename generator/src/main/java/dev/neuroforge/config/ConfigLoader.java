package dev.neuroforge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.ParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads a {@link DesignConfig} from JSON, turning every failure into a message that names the path. */
public final class ConfigLoader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    /** Parses config text; {@code source} names it in error messages. */
    public static DesignConfig parse(String source, String json) throws ConfigException {
        String block = null;
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new ConfigException(source + ": the config must be a JSON object {\"name\": ..., <block>: {...}}");
            }
            String name = null;
            List<String> blocks = new ArrayList<>();
            for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
                if (f.getKey().equals("name")) {
                    name = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
                } else if (Blocks.named(f.getKey()).isPresent()) {
                    blocks.add(f.getKey());
                } else {
                    throw new ConfigException(source + ": unknown field " + f.getKey() + "; allowed here: name, "
                            + String.join(", ", blockNames()));
                }
            }
            if (blocks.size() != 1) {
                throw new ConfigException(source + ": " + new ParameterException("block",
                        blocks.isEmpty() ? "none" : String.join(" and ", blocks),
                        "give exactly one of " + String.join(", ", blockNames())).getMessage());
            }
            block = blocks.get(0);
            BlockParams params = MAPPER.treeToValue(root.get(block), Blocks.named(block).orElseThrow().type());
            if (params == null) {
                throw new ConfigException(source + ": " + block + " must be an object of parameters, not null");
            }
            return new DesignConfig(name, params);
        } catch (ParameterException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + describe(block, e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
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

    private static String describe(String block, JsonMappingException e) {
        String path = Stream.concat(Stream.ofNullable(block), e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]"))
                .collect(Collectors.joining("."));
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ParameterException pe) {
                return (path.isEmpty() ? "" : path + ".") + pe.getMessage();
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return "unknown field " + (path.isEmpty() ? u.getPropertyName() : path) + "; allowed here: " + known;
        }
        return (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage();
    }
}
