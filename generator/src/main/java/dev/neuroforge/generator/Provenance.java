package dev.neuroforge.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a generated file came from: the generator's version, the git commit it ran from and the
 * SHA-256 of the config it was made from ({@link DesignWriter#configHash}). Every file the tool
 * writes carries it, as one comment line in the file's own syntax or, in JSON, as a
 * {@code "provenance"} field, so a file found on its own can be traced back to its config.
 */
public record Provenance(String version, String commit, String configSha256) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Checks each part, so a line or field never reads "null" or a hash that identifies nothing. */
    public Provenance {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("provenance version is " + (version == null ? "missing" : "blank"));
        }
        if (commit == null || !commit.matches("[0-9a-f]{12}|unknown")) {
            throw new IllegalArgumentException("provenance commit " + commit + " is not 12 hex digits or 'unknown'");
        }
        if (configSha256 == null || !configSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("provenance config sha256 " + configSha256 + " is not 64 hex digits");
        }
    }

    /**
     * This generator's version and commit, for the design named {@code name} of {@code block} with
     * these resolved parameters.
     */
    public static Provenance ofDesign(String name, String block, Map<String, Object> parameters) {
        return new Provenance(Version.get(), Version.commit(), DesignWriter.configHash(name, block, parameters));
    }

    /** {@code NeuroForge 0.1.0-SNAPSHOT, commit 5e73e0e12345, config sha256 ...}. */
    public String text() {
        return "NeuroForge " + version + ", commit " + commit + ", config sha256 " + configSha256;
    }

    /**
     * One line, {@code comment} (the format's comment marker: {@code //}, {@code #}) then
     * {@code Provenance: } and {@link #text()}, ending in a newline.
     */
    public String line(String comment) {
        return comment + " Provenance: " + text() + "\n";
    }

    /**
     * {@link #line(String)} for a file next to a manifest, which records the same values with the
     * config's parameters: {@code // Provenance: ... (manifest.json)}.
     */
    public String line(String comment, String manifest) {
        return comment + " Provenance: " + text() + " (" + manifest + ")\n";
    }

    /** The same line for Markdown: a paragraph of its own, in italics. */
    public String markdown() {
        return "_Provenance: " + text() + "_\n";
    }

    /** The {@code "provenance"} field of a JSON file. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "neuroforge");
        m.put("version", version);
        m.put("commit", commit);
        m.put("configSha256", configSha256);
        return m;
    }

    /**
     * Writes {@code value} (a record or a map that serializes to a JSON object) to {@code file} as
     * indented JSON with a {@code "provenance"} field ({@link #json()}) first.
     */
    public void writeJson(Path file, Object value) throws IOException {
        JsonNode tree = JSON.valueToTree(value);
        if (!(tree instanceof ObjectNode fields)) {
            throw new IllegalArgumentException(file.getFileName() + ": " + value.getClass().getSimpleName()
                    + " serializes to a JSON " + tree.getNodeType() + ", not an object that can carry a provenance field");
        }
        if (fields.has("provenance")) {
            throw new IllegalArgumentException(file.getFileName() + ": " + value.getClass().getSimpleName()
                    + " has a field \"provenance\" of its own");
        }
        ObjectNode n = JSON.createObjectNode();
        n.putPOJO("provenance", json());
        n.setAll(fields);
        Files.writeString(file, JSON.writeValueAsString(n) + "\n");
    }
}
