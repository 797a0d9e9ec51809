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
 * Issue 17: {@code describe BLOCK} and {@code --list-blocks} show every parameter with its default
 * and what it allows, taken from the records' own checks; {@code generate --dry-run} prints the
 * resolved config and writes nothing.
 */
class DescribeCommandTest {
    @Test
    void describeShowsEachParameterWithDefaultAndRange() {
        CliRun r = CliRun.run("describe", "mesh");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*\\n  cols +integer +required +must be an integer in 1\\.\\.16\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  router\\.flitWidth +integer +default 32 +must be an integer in 16\\.\\.256\\n.*"),
                r.out());
        r = CliRun.run("describe", "tile");
        assertTrue(r.out().matches("(?s).*\\n  npe\\.memDepth +integer +default 2048 \\(256 if npe is given without it\\)"
                + " +must be an integer in 2\\.\\.65536\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  core\\.resetPc +address +default 0x0 +must be a word-aligned.*"), r.out());
        r = CliRun.run("describe", "routr");
        assertEquals(2, r.exit());
        assertEquals("error: describe routr: no such block; the blocks are " + String.join(", ",
                dev.neuroforge.config.Blocks.all().stream().map(dev.neuroforge.config.Blocks.Block::name).toList())
                + System.lineSeparator(), r.err());
    }

    @Test
    void listBlocksShowsEveryBlocksParameters() {
        CliRun r = CliRun.run("--list-blocks");
        assertEquals(0, r.exit());
        for (String p : new String[] {"bufferDepth +integer +default 4 +must be an integer in 2\\.\\.64",
            "lossy +boolean +default false +true or false", "weightBits +integer +default 8 +must be 4, 8 or 16",
            "fastMul +boolean +default false +true or false"}) {
            assertTrue(r.out().matches("(?s).*\\n +" + p + "\\n.*"), p + " in\n" + r.out());
        }
    }

    @Test
    void dryRunPrintsTheResolvedConfigAndWritesNothing(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("t.json");
        Files.writeString(cfg, "{\"name\": \"t\", \"tile\": {\"npe\": {\"lanes\": 4}}}");
        CliRun r = CliRun.run("generate", "--config", cfg.toString(), "--out", dir.resolve("out").toString(), "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"lanes\" : 4,"), r.out());
        assertTrue(r.out().contains("\"memDepth\" : 256"), "the nested record's own default, as generated: " + r.out());
        assertTrue(r.out().contains("\"fanoutWords\" : 4096"), r.out());
        assertTrue(r.out().matches("(?s).*\"configSha256\" : \"[0-9a-f]{64}\".*"), r.out());
        assertTrue(r.out().endsWith("dry run: nothing written" + System.lineSeparator()), r.out());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void everyCommandsHelpListsItsExitStatuses() {
        for (String cmd : new String[] {"generate", "describe", "fpga", "simulate", "import-nir", "map", "run"}) {
            String out = CliRun.run(cmd, "--help").out();
            assertTrue(out.contains("Exit status:") && out.contains("  0   done") && out.contains("  1   refused or failed")
                    && out.contains("  2   usage error"), cmd + " --help:\n" + out);
        }
        String out = CliRun.run("--help").out();
        assertTrue(out.contains("run-elf has its own") && out.contains("5 trap loop"), out);
    }
}
