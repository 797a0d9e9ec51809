package dev.neuroforge.cli;

import dev.neuroforge.config.ConfigException;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.config.DesignConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that renders a design config: {@code --config}, {@code --out} and {@code --force}. */
final class ConfigOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE.json", description = "Design config (JSON).")
    Path config;

    @Option(names = "--out", defaultValue = "rtl-out", paramLabel = "DIR",
            description = "Output root; the design goes to DIR/<name>/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force",
            description = "Replace DIR/<name> even if it holds files neuroforge did not write (or generated files edited"
                    + " since), or is a plain file; they are deleted.")
    boolean force;

    /**
     * Whether {@code --out} is usable as given; if not ({@code --out ''}), prints why to {@code err}.
     * The caller then exits with the usage status.
     */
    boolean outIsUsable(PrintWriter err) {
        if (out.toString().isEmpty()) {
            err.println("error: --out '' is not allowed: give a folder, e.g. --out rtl-out (the design goes to"
                    + " <folder>/<name>/)");
            return false;
        }
        return true;
    }

    /** What went wrong, in a user's words: the message of the exception or of the I/O error inside it. */
    static String describe(Throwable e) {
        Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        String m = t.getMessage();
        if (t instanceof java.nio.file.NoSuchFileException) {
            return m + ": no such file or folder";
        }
        if (t instanceof java.nio.file.AccessDeniedException) {
            return m + ": permission denied";
        }
        return m == null ? "unexpected failure (" + t.getClass().getSimpleName() + ")" : m;
    }

    /** The validated config, or null after printing the error (field, value, what is allowed) to {@code err}. */
    DesignConfig load(PrintWriter err) {
        try {
            return ConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return null;
        }
    }
}
