package dev.neuroforge.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.noc.RouterBuilder;
import dev.neuroforge.generator.noc.RouterParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, "an interrupted run leaves nothing behind": a JVM killed in the middle of writing a
 * design (here while its FPGA hand-off step sleeps) leaves no scratch folder after SIGTERM (the
 * shutdown hook), and after SIGKILL the next run removes what it left; the old design stays.
 */
class InterruptedWriteTest {
    /** Run in a child JVM: writes a router into args[0], sleeping in the extra step after touching args[1]. */
    public static void main(String[] args) throws Exception {
        Path marker = Path.of(args[1]);
        DesignWriter.write(RouterBuilder.build(RouterParams.defaults()), "r", "router", Map.of(), Path.of(args[0]),
                false, dir -> {
                    Files.writeString(marker, dir.toString());
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    private static Process startAndWait(Path out, Path marker) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), InterruptedWriteTest.class.getName(), out.toString(),
                marker.toString()).inheritIO().start();
        for (int i = 0; i < 600 && !Files.exists(marker); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(marker), "the child reached the slow step");
        assertTrue(Files.isDirectory(Path.of(Files.readString(marker))), "its scratch folder exists meanwhile");
        return p;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aKilledWriteLeavesNoScratchFolderAndTheOldDesignStays(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        DesignWriter.write(RouterBuilder.build(RouterParams.defaults()), "r", "router", Map.of(), out);
        String before = Files.readString(out.resolve("r/manifest.json"));

        Process p = startAndWait(out, dir.resolve("m1"));
        p.destroy();  // SIGTERM: the shutdown hook deletes the scratch folder
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of("r"), names(out));
        assertEquals(before, Files.readString(out.resolve("r/manifest.json")));

        p = startAndWait(out, dir.resolve("m2"));
        p.destroyForcibly();  // SIGKILL: no hook runs, the scratch folder stays...
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> left = names(out);
        assertEquals(2, left.size(), left.toString());
        assertTrue(left.get(0).startsWith(".r.tmp-" + p.pid() + "-"), left.toString());
        assertEquals(before, Files.readString(out.resolve("r/manifest.json")));

        DesignWriter.write(RouterBuilder.build(RouterParams.defaults()), "r", "router", Map.of(), out);
        assertEquals(List.of("r"), names(out), "...until the next run");
        assertFalse(Files.exists(dir.resolve(left.get(0))));
    }
}
