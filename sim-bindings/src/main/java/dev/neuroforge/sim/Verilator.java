package dev.neuroforge.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        String out = ExternalCommand.require(List.of(exe, "--version"), null, 60,
                "Checking Verilator (`" + exe + " --version`)", "Verilator is needed: " + INSTALL_HINT);
        return new Verilator(exe, out.trim());
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
        return ExternalCommand.require(cmd, dir, 3600, what, INSTALL_HINT);
    }
}
