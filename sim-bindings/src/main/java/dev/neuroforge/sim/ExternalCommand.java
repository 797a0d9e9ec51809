package dev.neuroforge.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs an EDA tool (Verilator, Icarus, Yosys, ...) and captures its combined output. A tool still
 * running when the JVM exits (Ctrl-C, SIGTERM, a CI timeout) is killed with it, children included,
 * by a shutdown hook, so no yosys or nextpnr is left behind; the set of running tools is the one
 * piece of static state, as the hook is the JVM's.
 */
public final class ExternalCommand {
    private static final java.util.Map<Process, Path> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExternalCommand::killAll, "neuroforge-tool-cleanup"));
    }

    private ExternalCommand() {
    }

    private static void killAll() {
        for (Process p : RUNNING.keySet()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (java.util.Map.Entry<Process, Path> e : RUNNING.entrySet()) {
            try {
                e.getKey().waitFor(2, TimeUnit.SECONDS);
                Files.deleteIfExists(e.getValue());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException ie) {
                // the log is in the system's temporary folder; nothing more to do
            }
        }
    }

    /** Exit code and everything the command printed. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code cmd} in {@code dir} (null: the current folder). A command that cannot start
     * fails with {@code installHint} in the message.
     */
    public static Result run(List<String> cmd, Path dir, long timeoutSeconds, String installHint) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Path log = Files.createTempFile("nf-tool", ".log");
            try {
                pb.redirectOutput(log.toFile());
                Process p;
                try {
                    p = pb.start();
                } catch (IOException e) {
                    throw new SimBuildException(cmd.get(0) + " not found or not runnable (" + e.getMessage() + "): "
                            + installHint, e);
                }
                RUNNING.put(p, log);
                try {
                    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                        throw new SimBuildException(String.join(" ", cmd) + " timed out after " + timeoutSeconds + " s");
                    }
                } finally {
                    if (p.isAlive()) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                    RUNNING.remove(p);
                }
                return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new SimBuildException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimBuildException("interrupted while running " + String.join(" ", cmd), e);
        }
    }

    /** Runs {@code cmd}; a non-zero exit throws with the command and its full output. */
    public static String require(List<String> cmd, Path dir, long timeoutSeconds, String what, String installHint) {
        Result r = run(cmd, dir, timeoutSeconds, installHint);
        if (r.exitCode() != 0) {
            throw new SimBuildException(what + " failed (exit " + r.exitCode() + ")\ncommand: "
                    + String.join(" ", cmd) + "\n--- output ---\n" + r.output());
        }
        return r.output();
    }
}
