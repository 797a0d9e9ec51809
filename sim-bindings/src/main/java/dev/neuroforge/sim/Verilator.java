package dev.neuroforge.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs Verilator. The executable is {@code $VERILATOR} if set, else {@code verilator}
 * on the PATH; a missing one is reported with the command that installs it.
 */
public final class Verilator {
    private static final String INSTALL_HINT =
            "install it with `apt-get install -y verilator zlib1g-dev` (as root), or run `make deps`";

    private final String executable;
    private final String version;

    private Verilator(String executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    /** Locates Verilator and reads its version; fails with an install hint if it is missing. */
    public static Verilator find() {
        return find(System.getenv().getOrDefault("VERILATOR", "verilator"));
    }

    /** Locates the given Verilator executable (a name on the PATH or a path). */
    public static Verilator find(String exe) {
        Result r;
        try {
            r = run(List.of(exe, "--version"), null, 60);
        } catch (SimBuildException e) {
            throw new SimBuildException("Verilator not found (tried `" + exe + "`): " + INSTALL_HINT, e);
        }
        if (r.exitCode != 0) {
            throw new SimBuildException("`" + exe + " --version` failed (exit " + r.exitCode + "):\n" + r.output);
        }
        return new Verilator(exe, r.output.trim());
    }

    public String executable() {
        return executable;
    }

    /** The first line of {@code verilator --version}, e.g. "Verilator 5.006 2023-01-22 ...". */
    public String version() {
        return version;
    }

    /** Runs Verilator with {@code args} in {@code dir}; a non-zero exit throws with the full output. */
    public String run(List<String> args, Path dir, String what) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(args);
        Result r = run(cmd, dir, 3600);
        if (r.exitCode != 0) {
            throw new SimBuildException(what + " failed (exit " + r.exitCode + ")\ncommand: "
                    + String.join(" ", cmd) + "\n--- output ---\n" + r.output);
        }
        return r.output;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> cmd, Path dir, long timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Path log = Files.createTempFile("nf-verilator", ".log");
            try {
                pb.redirectOutput(log.toFile());
                Process p = pb.start();
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
}
