package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code map} and {@code run}: what they write, what they refuse, and that the RTL run equals the model's. */
class MapRunCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String NET = ROOT.resolve("configs/networks/tiny.json").toString();
    private static final String IN = ROOT.resolve("configs/networks/tiny-input.json").toString();
    private static final String ARRAY = ROOT.resolve("configs/array2x2.json").toString();

    @Test
    void mapWritesOneLoadFilePerTileTheHostRoutesAndTheReport(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("map");
        CliRun r = CliRun.run("map", "--network", NET, "--array", ARRAY, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String f : List.of("tile_c0_r0.load", "tile_c1_r0.load", "tile_c0_r1.load", "tile_c1_r1.load",
                "host-routes.json", "mapping.md")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        // every tile gets the firmware (IMEM word 0 is crt0's first instruction) and RUN is left to the host
        List<String> load = Files.readAllLines(out.resolve("tile_c0_r0.load"));
        assertEquals("00000000 00000093", load.get(2), "after the header and provenance comment lines");
        JsonNode routes = new ObjectMapper().readTree(out.resolve("host-routes.json").toFile());
        assertEquals(4, routes.get("routes").get("in").size(), "one route list per input neuron");
        assertTrue(Files.readString(out.resolve("mapping.md")).contains("| hidden | 3 |"));
        // deterministic: a second map writes the same bytes
        Path again = dir.resolve("again");
        assertEquals(0, CliRun.run("map", "--network", NET, "--array", ARRAY, "--out", again.toString()).exit());
        try (Stream<Path> s = Files.list(out)) {
            for (Path f : s.toList()) {
                assertEquals(Files.readString(f), Files.readString(again.resolve(f.getFileName())), f.toString());
            }
        }
    }

    @Test
    void mapRefusesWhatDoesNotFitAndFoldersWithOtherFiles(@TempDir Path dir) throws IOException {
        Path tiny = dir.resolve("tiny-tile.json");
        Files.writeString(tiny, "{\"name\": \"t\", \"array\": {\"cols\": 1, \"rows\": 1, \"tile\": {\"npe\": {\"lanes\": 1,"
                + " \"rfDepth\": 2, \"memDepth\": 64}}}}");
        CliRun r = CliRun.run("map", "--network", NET, "--array", tiny.toString(), "--out", dir.resolve("m").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("does not fit tile (0, 0) of the 1 x 1 array, holding hidden[0..2], out[0..1]")
                && r.err().contains("needs 5, the tile has 2"), r.err());
        assertFalse(Files.exists(dir.resolve("m")), "nothing written");

        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep");
        CliRun f = CliRun.run("map", "--network", NET, "--array", ARRAY, "--out", mine.toString());
        assertEquals(1, f.exit());
        assertTrue(f.err().contains("notes.txt"), f.err());
        assertEquals("keep", Files.readString(mine.resolve("notes.txt")));
        CliRun g = CliRun.run("run", "--network", NET, "--input", IN, "--array", ARRAY, "--on", "model", "--out",
                mine.toString());
        assertEquals(1, g.exit());
        assertTrue(g.err().contains("notes.txt"), g.err());
        assertEquals("keep", Files.readString(mine.resolve("notes.txt")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no scratch folder left behind");
        }
    }

    @Test
    void scdqBoundAtRunMapsPastTheWorstCaseAndSaysSo(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("small-scdq.json");
        Files.writeString(small, "{\"name\": \"t\", \"array\": {\"cols\": 1, \"rows\": 1, \"tile\": {\"scdq\":"
                + " {\"capacity\": 2}}}}");
        CliRun refused = CliRun.run("map", "--network", NET, "--array", small.toString(), "--out",
                dir.resolve("w").toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("SCDQ capacity (worst case events in flight)") && refused.err().contains(
                "the tile has 2"), refused.err());
        assertFalse(Files.exists(dir.resolve("w")), "nothing written");

        Path out = dir.resolve("a");
        CliRun r = CliRun.run("map", "--network", NET, "--array", small.toString(), "--scdq-bound", "at-run", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        String report = Files.readString(out.resolve("mapping.md"));
        assertTrue(report.contains("SCDQ sizing: at run"), report);
        assertTrue(report.matches("(?s).*\\| \\d+ / 2 \\|\\n.*"), "worst case against the capacity of 2: " + report);

        CliRun bad = CliRun.run("map", "--network", NET, "--array", small.toString(), "--scdq-bound", "sometimes",
                "--out", dir.resolve("b").toString());
        assertTrue(bad.exit() != 0 && bad.err().contains("--scdq-bound sometimes is not allowed: worst-case or at-run"),
                bad.err());
    }

    @Test
    void runOnTheRtlEqualsTheGoldenModelAndReportsTheHardwareFigures(@TempDir Path dir) throws IOException {
        Path rtl = dir.resolve("rtl");
        CliRun r = CliRun.run("run", "--network", NET, "--input", IN, "--array", ARRAY, "--on", "rtl", "--out", rtl.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("equal to the golden model at every step"), r.out());
        assertTrue(r.err().contains("running 9 steps"), "progress on stderr: " + r.err());
        Path model = dir.resolve("model");
        assertEquals(0, CliRun.run("run", "--network", NET, "--input", IN, "--array", ARRAY, "--on", "model", "--out",
                model.toString()).exit());
        assertEquals(Files.readString(model.resolve("events.json")), Files.readString(rtl.resolve("events.json")),
                "the RTL's events are the model's");
        JsonNode hw = new ObjectMapper().readTree(rtl.resolve("hardware.json").toFile());
        assertEquals(9, hw.get("cyclesPerStep").size());
        assertTrue(hw.get("operations").get("synop").asLong() > 0);
        assertTrue(hw.get("energyTotalPicojoules").asDouble() > 0);
        assertEquals(4, hw.get("tiles").size());
        assertTrue(Files.readString(rtl.resolve("hardware.md")).contains("| (1, 1) |"));
        assertTrue(Files.isRegularFile(rtl.resolve("raster.png")));
        assertEquals(2, CliRun.run("run", "--network", NET, "--input", IN, "--array", ARRAY, "--steps", "0").exit());
    }
}
