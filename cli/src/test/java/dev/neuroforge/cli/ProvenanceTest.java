package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.generator.Provenance;
import dev.neuroforge.generator.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Every file generate, map, run and simulate write (events.json and raster.png included) carries the provenance of the config it came
 * from: a comment line, a Markdown paragraph or a JSON field with the version, commit and the
 * config hash that {@code generate}'s manifest.json records for that config.
 */
class ProvenanceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String NET = ROOT.resolve("configs/networks/tiny.json").toString();
    private static final String IN = ROOT.resolve("configs/networks/tiny-input.json").toString();
    private static final String ARRAY = ROOT.resolve("configs/array2x2.json").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Provenance of(JsonNode n) {
        return new Provenance(n.path("version").asText(null), n.path("commit").asText(null),
                n.path("configSha256").asText(null));
    }

    /** What {@code generate --config cfg} records in its manifest. */
    private static Provenance generated(String cfg, Path dir) throws IOException {
        Path out = dir.resolve("gen");
        CliRun r = CliRun.run("generate", "--config", cfg, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        try (Stream<Path> s = Files.list(out)) {
            return manifest(s.filter(Files::isDirectory).findFirst().orElseThrow());
        }
    }

    /** What the manifest.json of a design folder records: this build's version and commit, and the config's hash. */
    static Provenance manifest(Path design) throws IOException {
        Provenance p = of(JSON.readTree(design.resolve("manifest.json").toFile()));
        assertEquals(new Provenance(Version.get(), Version.commit(), p.configSha256()), p, "this build's version and commit");
        return p;
    }

    /** The {@code "provenance"} field of a JSON output. */
    static Provenance field(Path json) throws IOException {
        JsonNode p = JSON.readTree(json.toFile()).get("provenance");
        assertEquals("neuroforge", p.path("generator").asText(), json + ": " + p);
        return of(p);
    }

    /** Line {@code index} (0 first) of {@code file} is {@code p}'s line with this comment marker. */
    private static void assertLine(Provenance p, Path file, int index, String comment) throws IOException {
        assertEquals(p.line(comment).stripTrailing(), Files.readAllLines(file).get(index), file.toString());
    }

    /** A Markdown report ends with {@code p}'s paragraph. */
    static void assertParagraph(Provenance p, Path md) throws IOException {
        List<String> lines = Files.readAllLines(md);
        assertEquals(p.markdown().stripTrailing(), lines.get(lines.size() - 1), md.toString());
    }

    /** The tEXt chunks of a PNG, keyword to value, as ImageIO reads them. */
    static Map<String, String> pngText(Path png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            try {
                r.setInput(in);
                Node root = r.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
                Map<String, String> text = new TreeMap<>();
                for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                    for (Node e = n.getFirstChild(); n.getNodeName().equals("tEXt") && e != null; e = e.getNextSibling()) {
                        NamedNodeMap a = e.getAttributes();
                        text.put(a.getNamedItem("keyword").getNodeValue(), a.getNamedItem("value").getNodeValue());
                    }
                }
                return text;
            } finally {
                r.dispose();
            }
        }
    }

    /** {@code events.json} and {@code raster.png} of a run carry {@code p}: a JSON field, PNG tEXt chunks. */
    private static void assertEventsAndRaster(Provenance p, Path run) throws IOException {
        assertEquals(p, field(run.resolve("events.json")));
        assertTrue(JSON.readTree(run.resolve("events.json").toFile()).get("steps").isArray(), "the events, as before");
        assertEquals(Map.of("Software", "NeuroForge " + p.version(), "Comment", "Provenance: " + p.text()),
                pngText(run.resolve("raster.png")), run.resolve("raster.png").toString());
    }

    @Test
    void mapAndRunOutputsCarryTheArrayConfigsProvenance(@TempDir Path dir) throws IOException {
        Provenance p = generated(ARRAY, dir);
        Path map = dir.resolve("map");
        CliRun r = CliRun.run("map", "--network", NET, "--array", ARRAY, "--out", map.toString());
        assertEquals(0, r.exit(), r.err());
        for (String load : List.of("tile_c0_r0.load", "tile_c1_r0.load", "tile_c0_r1.load", "tile_c1_r1.load")) {
            assertLine(p, map.resolve(load), 1, "#");
        }
        assertParagraph(p, map.resolve("mapping.md"));
        assertEquals(p, field(map.resolve("host-routes.json")));

        Path run = dir.resolve("run");
        r = CliRun.run("run", "--network", NET, "--input", IN, "--array", ARRAY, "--on", "model", "--out", run.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(p, field(run.resolve("metrics.json")));
        assertEquals(p, field(run.resolve("hardware.json")));
        assertParagraph(p, run.resolve("metrics.md"));
        assertParagraph(p, run.resolve("hardware.md"));
        assertEventsAndRaster(p, run);
    }

    @Test
    void simulateReportsShareOneProvenanceWhoseHashFollowsTheRunsInputs(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        CliRun r = CliRun.run("simulate", "--network", NET, "--input", IN, "--out", a.toString());
        assertEquals(0, r.exit(), r.err());
        Provenance p = field(a.resolve("metrics.json"));
        assertEquals(new Provenance(Version.get(), Version.commit(), p.configSha256()), p);
        assertEquals(p, field(a.resolve("neurobench.json")));
        assertParagraph(p, a.resolve("metrics.md"));
        assertEventsAndRaster(p, a);

        Path b = dir.resolve("b");
        assertEquals(0, CliRun.run("simulate", "--network", NET, "--input", IN, "--steps", "3", "--out", b.toString()).exit());
        assertNotEquals(p.configSha256(), field(b.resolve("metrics.json")).configSha256(), "another run, another hash");
    }
}
