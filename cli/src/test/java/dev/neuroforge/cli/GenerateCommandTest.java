package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.generator.DesignWriter;
import dev.neuroforge.generator.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private static Path config(Path dir, String json) throws IOException {
        Path f = dir.resolve("cfg.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void writesModulesFilelistAndManifestAndNothingElse(@TempDir Path dir) throws IOException {
        Path cfg = config(dir, "{\"name\": \"m23\", \"mesh\": {\"cols\": 2, \"rows\": 3}}");
        CliRun r = CliRun.run("generate", "--config", cfg.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        Path d = dir.resolve("out/m23");
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(List.of("m23.f", "manifest.json", "nf_fifo_w33_d4.v", "nf_mesh_c2_r3_w32_d4.v",
                    "nf_router_w32_d4.v"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertEquals(1, s.count(), "no temporary folders left behind");
        }
        assertEquals(List.of("nf_fifo_w33_d4.v", "nf_router_w32_d4.v", "nf_mesh_c2_r3_w32_d4.v"),
                Filelist.entries(d.resolve("m23.f")));
        JsonNode m = new ObjectMapper().readTree(d.resolve("manifest.json").toFile());
        assertEquals("nf_mesh_c2_r3_w32_d4", m.get("top").asText());
        assertEquals(Version.get(), m.get("version").asText());
        assertEquals(2, m.get("parameters").get("cols").asInt());
        assertEquals(32, m.get("parameters").get("flitWidth").asInt(), "defaults are filled in");
        for (JsonNode mod : m.get("modules")) {
            byte[] bytes = Files.readAllBytes(d.resolve(mod.get("file").asText()));
            assertEquals(DesignWriter.sha256(bytes), mod.get("sha256").asText(), mod.get("file").asText());
        }
    }

    @Test
    void badConfigExitsNonZeroNamesTheFieldAndLeavesOutputUntouched(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Path good = config(dir, "{\"name\": \"m\", \"mesh\": {\"cols\": 2, \"rows\": 2}}");
        assertEquals(0, CliRun.run("generate", "--config", good.toString(), "--out", out.toString()).exit());
        String before = Files.readString(out.resolve("m/manifest.json"));

        Path bad = config(dir, "{\"name\": \"m\", \"mesh\": {\"cols\": 2, \"rows\": 2, \"router\": {\"bufferDepth\": 99}}}");
        CliRun r = CliRun.run("generate", "--config", bad.toString(), "--out", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("mesh.router.bufferDepth = 99 is not allowed: must be an integer in 2..64"), r.err());
        assertEquals(before, Files.readString(out.resolve("m/manifest.json")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(1, s.count(), "nothing added to the output folder");
        }
    }

    @Test
    void reportsUnknownFieldsMissingBlocksAndBadJson(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.run("generate", "--config", config(dir, "{\"name\": \"m\", \"mesh\": {\"cols\": 2, \"rows\": 2, \"colz\": 1}}").toString(),
                "--out", dir.toString());
        assertTrue(r.err().contains("unknown field mesh.colz; allowed here: cols, router, rows"), r.err());
        r = CliRun.run("generate", "--config", config(dir, "{\"name\": \"m\"}").toString(), "--out", dir.toString());
        assertTrue(r.err().contains("block = none is not allowed: give exactly one of " + String.join(", ",
                dev.neuroforge.config.Blocks.all().stream().map(dev.neuroforge.config.Blocks.Block::name).sorted().toList())),
                r.err());
        r = CliRun.run("generate", "--config", config(dir, "{\"name\": \"m\", \"router\": {}, \"mesh\": {\"cols\": 1, \"rows\": 1}}").toString(),
                "--out", dir.toString());
        assertTrue(r.err().contains("block = router and mesh is not allowed"), r.err());
        r = CliRun.run("generate", "--config", config(dir, "{\"name\": \"m\", ").toString(), "--out", dir.toString());
        assertTrue(r.err().contains("not valid JSON at line 1"), r.err());
        r = CliRun.run("generate", "--config", config(dir, "{\"name\": \"../x\", \"router\": {}}").toString(), "--out", dir.toString());
        assertTrue(r.err().contains("name = \"../x\" is not allowed"), r.err());
        r = CliRun.run("generate", "--config", dir.resolve("missing.json").toString());
        assertTrue(r.err().contains("no such file"), r.err());
        assertEquals(1, r.exit());
    }

    @Test
    void listsBlocksAndPrintsHelp() {
        CliRun r = CliRun.run("--list-blocks");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("mesh") && r.out().contains("router"), r.out());
        r = CliRun.run("--help");
        assertTrue(r.out().contains("generate"), r.out());
        r = CliRun.run("generate", "--help");
        assertTrue(r.out().contains("--config") && r.out().contains("--out"), r.out());
    }

    @Test
    void theShippedDefaultConfigGenerates(@TempDir Path dir) {
        Path cfg = Path.of("..", "configs", "mesh4x4.json");
        assertTrue(Files.exists(cfg), "configs/mesh4x4.json exists");
        CliRun r = CliRun.run("generate", "--config", cfg.toString(), "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(dir.resolve("mesh4x4/nf_mesh_c4_r4_w32_d4.v")));
        assertFalse(r.out().isBlank());
    }
}
