package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.generator.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, "outputs are safe", as a user meets it: regenerating never deletes what the tool did
 * not write unless forced, and each unusable output path is one line naming it.
 */
class SafeOutputsCommandTest {
    private static final String NL = System.lineSeparator();

    private static Path config(Path dir) throws IOException {
        Path cfg = dir.resolve("cfg.json");
        Files.writeString(cfg, "{\"name\": \"r\", \"router\": {}}");
        return cfg;
    }

    private static CliRun generate(Path cfg, String out, String... more) {
        String[] args = {"generate", "--config", cfg.toString(), "--out", out};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.run(all);
    }

    @Test
    void regeneratingRefusesToDeleteForeignOrEditedFilesUnlessForced(@TempDir Path dir) throws IOException {
        Path cfg = config(dir);
        Path out = dir.resolve("out");
        assertEquals(0, generate(cfg, out.toString()).exit());
        Path d = out.resolve("r");
        assertEquals(0, generate(cfg, out.toString()).exit(), "the tool's own files are replaced without --force");
        Files.createDirectories(d.resolve("notes"));
        Files.writeString(d.resolve("notes/todo.txt"), "mine");
        Files.writeString(d.resolve("nf_router_w32_d4.v"), "// edited\n", java.nio.file.StandardOpenOption.APPEND);

        CliRun r = generate(cfg, out.toString());
        assertEquals(1, r.exit());
        assertEquals("error: will not replace " + d + ": it holds a file neuroforge did not write (notes/todo.txt) and a"
                + " generated file edited since (nf_router_w32_d4.v); move them away, or pass --force to replace the"
                + " folder and delete them" + NL, r.err());
        assertEquals("mine", Files.readString(d.resolve("notes/todo.txt")), "nothing deleted");
        assertTrue(Files.readString(d.resolve("nf_router_w32_d4.v")).endsWith("// edited\n"), "nothing overwritten");

        r = generate(cfg, out.toString(), "--force");
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(d.resolve("notes")));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("r"), s.map(p -> p.getFileName().toString()).toList(), "no scratch folders left");
        }
    }

    @Test
    void aPlainFileInTheWayIsRefusedUnlessForced(@TempDir Path dir) throws IOException {
        Path cfg = config(dir);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("r"), "a file");
        CliRun r = generate(cfg, out.toString());
        assertEquals(1, r.exit());
        assertEquals("error: " + out.resolve("r") + " is a file, not a folder neuroforge wrote: move it away, or pass"
                + " --force to replace it" + NL, r.err());
        assertEquals("a file", Files.readString(out.resolve("r")));
        assertEquals(0, generate(cfg, out.toString(), "--force").exit());
        assertTrue(Files.isDirectory(out.resolve("r")));
    }

    @Test
    void unusableOutputPathsAreOneLineEach(@TempDir Path dir) throws IOException {
        Path cfg = config(dir);
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        CliRun r = generate(cfg, "");
        assertEquals(2, r.exit(), "a usage error");
        assertEquals("error: --out '' is not allowed: give a folder, e.g. --out rtl-out (the design goes to"
                + " <folder>/<name>/)" + NL, r.err());
        r = generate(cfg, file.toString());
        assertEquals(1, r.exit());
        assertEquals("error: cannot write to " + file + ": it is a file, not a folder" + NL, r.err());
        r = generate(cfg, file.resolve("sub/dir").toString());
        assertEquals("error: cannot write to " + file.resolve("sub/dir") + ": " + file + " is a file, not a folder" + NL,
                r.err());
        if (Files.isDirectory(Path.of("/proc/self"))) {
            r = generate(cfg, "/proc");
            assertEquals(1, r.exit());
            assertTrue(r.err().startsWith("error: cannot write in /proc: ") && r.err().lines().count() == 1, r.err());
            assertFalse(r.err().contains("java") || r.err().contains("Exception"), r.err());
        }
        r = CliRun.run("simulate", "--network", "../configs/networks/tiny.json", "--input",
                "../configs/networks/tiny-input.json", "--out", file.toString());
        assertEquals("error: cannot write to " + file + ": it is a file, not a folder" + NL, r.err());
    }

    @Test
    void importNirRefusesAnEmptyPathAFolderAndAPathUnderAFile(@TempDir Path dir) throws IOException {
        String graph = "../model/src/test/resources/nir/b_lif_2layer.gzip.nir";
        Path file = Files.writeString(dir.resolve("plain"), "x");
        CliRun r = CliRun.run("import-nir", graph, "--out", "");
        assertEquals(2, r.exit());
        assertEquals("error: --out '' is not allowed: give the file to write, e.g. --out network.json" + NL, r.err());
        r = CliRun.run("import-nir", graph, "--out", dir.toString());
        assertEquals(1, r.exit());
        assertEquals("error: cannot write " + dir + ": it is a folder; give the file to write, e.g. "
                + dir.resolve("network.json") + NL, r.err());
        r = CliRun.run("import-nir", graph, "--out", file.resolve("n.json").toString());
        assertEquals("error: cannot write to " + file + ": it is a file, not a folder" + NL, r.err());
        r = CliRun.run("import-nir", graph, "--out", dir.resolve("new/n.json").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("n.json"), List.of(dir.resolve("new").toFile().list()), "no temporary left beside it");
    }

    @Test
    void generatedFoldersAreGroupReadableAndCarryProvenance(@TempDir Path dir) throws IOException {
        Path cfg = config(dir);
        Path out = dir.resolve("out");
        assertEquals(0, generate(cfg, out.toString()).exit());
        Path d = out.resolve("r");
        Path mine = Files.createDirectory(dir.resolve("made-by-the-user"));
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(mine);
        assertEquals(usual, Files.getPosixFilePermissions(d), "the design folder has the permissions of any new folder");

        JsonNode m = new ObjectMapper().readTree(d.resolve("manifest.json").toFile());
        assertEquals(Version.commit(), m.get("commit").asText());
        assertTrue(m.get("commit").asText().matches("[0-9a-f]{12}|unknown"), m.get("commit").asText());
        String hash = m.get("configSha256").asText();
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(List.of("nf_fifo_w33_d4.v", "nf_router_w32_d4.v", "r.f"),
                List.copyOf(iterable(m.get("files").fieldNames())), "every file written but the manifest, with its hash");
        List<String> lines = Files.readAllLines(d.resolve("nf_router_w32_d4.v"));
        assertEquals("`default_nettype none", lines.get(0));
        assertEquals("`timescale 1ns / 1ps", lines.get(1));
        assertEquals("// Provenance: NeuroForge " + Version.get() + ", commit " + Version.commit() + ", config sha256 "
                + hash + " (manifest.json)", lines.get(2));
        assertEquals("`default_nettype wire", lines.get(lines.size() - 1));
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
