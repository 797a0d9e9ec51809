package dev.neuroforge.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an EDA tool (Verilator, Icarus, Yosys, ...) and captures its combined output. */
public final class ExternalCommand {
    private ExternalCommand() {
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
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new SimBuildException(String.join(" ", cmd) + " timed out after " + timeoutSeconds + " s");
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
