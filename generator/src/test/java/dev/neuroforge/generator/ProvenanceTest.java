package dev.neuroforge.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provenance record: what it refuses, and its line, paragraph and JSON field. */
class ProvenanceTest {
    private static final String HASH = "ab".repeat(32);

    @Test
    void refusesPartsThatIdentifyNothingNamingThePart() {
        for (Object[] c : new Object[][] {
            {new String[] {" ", "unknown", HASH}, "version is blank"},
            {new String[] {"1.0", "5e73e0e", HASH}, "commit 5e73e0e is not 12 hex digits or 'unknown'"},
            {new String[] {"1.0", "unknown", "abc"}, "config sha256 abc is not 64 hex digits"},
            {new String[] {"1.0", "unknown", null}, "config sha256 null is not 64 hex digits"},
        }) {
            String[] a = (String[]) c[0];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Provenance(a[0], a[1], a[2]));
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
        }
    }

    @Test
    void writesOneLineOneParagraphAndAFirstJsonField(@TempDir Path dir) throws IOException {
        Provenance p = new Provenance("1.0", "5e73e0e12345", HASH);
        assertEquals("# Provenance: NeuroForge 1.0, commit 5e73e0e12345, config sha256 " + HASH + "\n", p.line("#"));
        assertEquals("// Provenance: NeuroForge 1.0, commit 5e73e0e12345, config sha256 " + HASH + " (manifest.json)\n",
                p.line("//", "manifest.json"));
        assertEquals("_Provenance: NeuroForge 1.0, commit 5e73e0e12345, config sha256 " + HASH + "_\n", p.markdown());
        Path f = dir.resolve("x.json");
        p.writeJson(f, Map.of("steps", 3));
        assertEquals("{\n  \"provenance\" : {\n    \"generator\" : \"neuroforge\",\n    \"version\" : \"1.0\",\n"
                + "    \"commit\" : \"5e73e0e12345\",\n    \"configSha256\" : \"" + HASH + "\"\n  },\n  \"steps\" : 3\n}\n",
                Files.readString(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.writeJson(f, List.of(1)));
        assertTrue(e.getMessage().contains("x.json") && e.getMessage().contains("not an object"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.writeJson(f, Map.of("provenance", 1)));
        assertTrue(e.getMessage().contains("has a field \"provenance\" of its own"), e.getMessage());
    }
}
