package dev.neuroforge.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scratch folders and atomic files: a failed write changes nothing, and dead runs' leftovers go. */
class TempDirsTest {
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anAtomicWriteThatFailsLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("events.json");
        Files.writeString(f, "old");
        assertThrows(IOException.class, () -> TempDirs.writeAtomically(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("events.json"), names(dir));
        TempDirs.writeAtomically(f, tmp -> Files.writeString(tmp, "new"));
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("events.json"), names(dir));
    }

    @Test
    void leftoversOfDeadRunsAreRemovedAndLiveOnesKept(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path dead = Files.createDirectories(dir.resolve(".r.tmp-" + p.pid() + "-1/sub"));
        Path mine = TempDirs.create(dir, ".r.tmp-");
        Path other = Files.createDirectory(dir.resolve(".r.tmp-notapid-1"));
        TempDirs.cleanLeftovers(dir, ".r.tmp-");
        assertFalse(Files.exists(dead.getParent()), "a dead process's folder goes");
        assertTrue(Files.isDirectory(mine), "this run's own stays");
        assertTrue(Files.isDirectory(other), "a name not of the form is not ours to delete");
        TempDirs.release(mine);
        assertFalse(Files.exists(mine));
    }
}
