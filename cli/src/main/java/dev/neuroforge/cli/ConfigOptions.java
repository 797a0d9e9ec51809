package dev.neuroforge.cli;

import dev.neuroforge.config.ConfigException;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.config.DesignConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that renders a design config: {@code --config} and {@code --out}. */
final class ConfigOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE.json", description = "Design config (JSON).")
    Path config;

    @Option(names = "--out", defaultValue = "rtl-out", paramLabel = "DIR",
            description = "Output root; the design goes to DIR/<name>/ (default: ${DEFAULT-VALUE}).")
    Path out;

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
