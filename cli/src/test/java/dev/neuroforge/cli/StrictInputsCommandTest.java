package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, "configs and networks are read strictly", as a user meets it: each bad input is one
 * line on stderr, naming the file, the path, the value and what is allowed, and a non-zero exit;
 * nothing is generated or simulated from a quietly converted value.
 */
class StrictInputsCommandTest {
    private static final String NET = "../configs/networks/tiny.json";
    private static final String IN = "../configs/networks/tiny-input.json";

    /** Generates {@code json}; it must fail with exactly {@code message} (after "error: my.json: "). */
    private static void refused(Path dir, String json, String message) throws IOException {
        Path cfg = dir.resolve("my.json");
        Files.writeString(cfg, json);
        Path out = dir.resolve("out");
        CliRun r = CliRun.run("generate", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals("error: " + cfg + ": " + message + System.lineSeparator(), r.err());
        assertFalse(Files.exists(out), "nothing is written for a refused config");
    }

    @Test
    void generateRefusesEveryCoercion(@TempDir Path dir) throws IOException {
        refused(dir, "{\"name\": \"c\", \"core\": {\"mExtension\": 0}}",
                "core.mExtension = 0 is not allowed: must be true or false");
        refused(dir, "{\"name\": \"t\", \"tile\": {\"npe\": {\"lanes\": \"512\"}}}",
                "tile.npe.lanes = \"512\" is not allowed: must be an integer in 1..32 (a JSON number, without quotes)");
        refused(dir, "{\"name\": \"t\", \"tile\": {\"npe\": {\"lanes\": 512.9}}}",
                "tile.npe.lanes = 512.9 is not allowed: must be an integer in 1..32");
        refused(dir, "{\"name\": \"m\", \"mesh\": {\"cols\": 2, \"rows\": 2, \"router\": null}}",
                "mesh.router = null is not allowed: must be an object of router parameters {...} (leave it out for the defaults)");
        refused(dir, "{\"name\": \"m\", \"mesh\": {\"cols\": 2, \"rows\": 2, \"router\": {\"flitWidth\": null}}}",
                "mesh.router.flitWidth = null is not allowed: must be an integer in 16..256 (leave the field out for the default, 32)");
        refused(dir, "{\"name\": \"r\", \"router\": {\"flitWidth\": 32, \"flitWidth\": 64}}",
                "line 1, column 54: the field \"flitWidth\" is given twice");
        refused(dir, "{\"name\": \"r\", \"router\": {\"flitWidth\": 1e12}}",
                "router.flitWidth = 1000000000000 is not allowed: must be an integer in 16..256");
        refused(dir, "{\"name\": \"r\", \"router\": {\"bufferDepth\": 2147483648}}",
                "router.bufferDepth = 2147483648 is not allowed: must be an integer in 2..64");
        refused(dir, "{\"name\": \"r\", \"router\": {}}\n{}",
                "line 2, column 1: unexpected text after the end of the JSON value (one value per file)");
        refused(dir, "{\"name\": \"m\", \"mesh\": {\"rows\": 2}}",
                "mesh.cols is missing: a value is required (an integer)");
    }

    @Test
    void generateTakesAHexResetPc(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("my.json");
        Files.writeString(cfg, "{\"name\": \"c\", \"core\": {\"resetPc\": \"0x100\"}}");
        CliRun r = CliRun.run("generate", "--config", cfg.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(true, Files.exists(dir.resolve("out/c/nf_core_rv32im_r100.v")), r.out());
    }

    private static CliRun simulate(Path dir, String events, String... more) throws IOException {
        Path ev = dir.resolve("ev.json");
        Files.writeString(ev, events);
        String[] args = {"simulate", "--network", NET, "--input", ev.toString(), "--out", dir.resolve("o").toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.run(all);
    }

    @Test
    void simulateRefusesBadEventsAndSteps(@TempDir Path dir) throws IOException {
        Path ev = dir.resolve("ev.json");
        CliRun r = simulate(dir, "{\"steps\": [{\"in\": 5}]}");
        assertEquals(1, r.exit());
        assertEquals("error: " + ev + ": steps[0].in: 5 must be an array of events (neuron indices or [neuron, value]"
                + " pairs), e.g. [0, 3] or [[1, 5]]" + System.lineSeparator(), r.err());
        r = simulate(dir, "{\"steps\": [{}, {\"in\": [0, 4]}]}");
        assertEquals(1, r.exit());
        assertEquals("error: " + ev + ": steps[1].in[1]: neuron 4 is not in in: must be in 0..3"
                + System.lineSeparator(), r.err());
        r = simulate(dir, "{\"steps\": [{\"in\": [4294967296]}]}");
        assertEquals("error: " + ev + ": steps[0].in[0]: neuron 4294967296 is not in in: must be in 0..3"
                + System.lineSeparator(), r.err());
        r = simulate(dir, "{\"steps\": [{\"in\": [[0, 2147483648]]}]}");
        assertEquals("error: " + ev + ": steps[0].in[0]: value 2147483648 is not allowed: must be an integer in"
                + " -2147483648..2147483647" + System.lineSeparator(), r.err());
        assertFalse(Files.exists(dir.resolve("o")));
        for (String n : new String[] {"0", "-3"}) {
            r = CliRun.run("simulate", "--network", NET, "--input", IN, "--out", dir.resolve("o").toString(), "--steps", n);
            assertEquals(2, r.exit(), r.err());
            assertEquals("error: --steps = " + n + " is not allowed: must be a positive number of timesteps (at least 1)"
                    + System.lineSeparator(), r.err());
        }
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void simulateRefusesARunWhoseEventsWouldNotFitInMemoryWithTheFigures(@TempDir Path dir) {
        CliRun r = CliRun.run("simulate", "--network", NET, "--input", IN, "--out", dir.resolve("o").toString(),
                "--steps", "2000000000");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().matches("error: --steps = 2000000000 needs at least \\d+ MB in memory, and this run may use"
                + " \\d+ MB \\(half of Java's \\d+ MB heap\\): run fewer --steps, or give Java more memory"
                + " \\(e\\.g\\. JAVA_TOOL_OPTIONS=-Xmx\\d+g\\)\\R"), r.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void aUsageErrorIsOneLineWithoutJavaTypeNamesAndSaysWhereTheOptionsAre(@TempDir Path dir) {
        String nl = System.lineSeparator();
        CliRun r = CliRun.run("simulate", "--network", NET, "--input", IN, "--out", dir.toString(), "--steps", "abc");
        assertEquals(2, r.exit());
        assertEquals("error: Invalid value for option '--steps': 'abc' is not a whole number" + nl
                + "(neuroforge simulate --help lists the options)" + nl, r.err());
        r = CliRun.run("simulate", "--network", NET, "--input", IN, "--out", dir.toString(), "--steps", "99999999999");
        assertEquals("error: Invalid value for option '--steps': '99999999999' is too large (at most 2147483647)" + nl
                + "(neuroforge simulate --help lists the options)" + nl, r.err());
        r = CliRun.run("generate", "--config", "x.json", "--bogus");
        assertEquals(2, r.exit());
        assertEquals("error: Unknown option: '--bogus'" + nl + "(neuroforge generate --help lists the options)" + nl, r.err());
    }
}
