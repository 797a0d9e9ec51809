package dev.neuroforge.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Verilator build killed mid-way leaves a folder in the cache; a later build removes it once it is stale. */
class ModelBuilderLeftoversTest {
    @Test
    void staleBuildFoldersOfDeadProcessesAreRemovedOthersKept(@TempDir Path cache) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path stale = Files.createDirectories(cache.resolve("nf_x-0123.tmp-" + p.pid() + "-77/obj"));
        Files.setLastModifiedTime(stale.getParent(), FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path recent = Files.createDirectory(cache.resolve("nf_y-0123.tmp-" + p.pid() + "-78"));
        Path live = Files.createDirectory(cache.resolve("nf_z-0123.tmp-" + ProcessHandle.current().pid() + "-79"));
        Files.setLastModifiedTime(live, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path built = Files.createDirectory(cache.resolve("nf_w-0123"));
        ModelBuilder.cleanLeftovers(cache);
        assertFalse(Files.exists(stale.getParent()), "a dead build an hour old goes");
        assertTrue(Files.exists(recent), "a recent one may be another namespace's live build");
        assertTrue(Files.exists(live), "a live process's build stays");
        assertTrue(Files.exists(built), "finished builds stay");
    }
}
