package dev.neuroforge.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, "no orphaned yosys/nextpnr processes": a tool started through {@link ExternalCommand}
 * dies with the JVM that started it. A child JVM runs a long {@code sleep} as the tool; the JVM is
 * sent SIGTERM (Ctrl-C, a CI timeout) and the sleep must be gone with it.
 */
class ExternalCommandKillTest {
    /** Run in the child JVM: a tool that would run for a minute. */
    public static void main(String[] args) {
        ExternalCommand.run(List.of("sleep", "60"), null, 120, "sleep is part of coreutils");
    }

    @Test
    void aToolStillRunningDiesWithTheJvm() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ExternalCommandKillTest.class.getName()).inheritIO().start();
        ProcessHandle tool = null;
        for (int i = 0; i < 600 && tool == null; i++) {
            tool = jvm.descendants().filter(h -> h.info().command().map(c -> c.endsWith("sleep")).orElse(false))
                    .findFirst().orElse(null);
            Thread.sleep(50);
        }
        assertTrue(tool != null, "the child started its tool");
        jvm.destroy();
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
        for (int i = 0; i < 100 && tool.isAlive(); i++) {
            Thread.sleep(50);
        }
        boolean alive = tool.isAlive();
        if (alive) {
            tool.destroyForcibly();
        }
        assertFalse(alive, "the tool outlived the JVM that started it");
    }
}
