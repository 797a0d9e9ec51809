package dev.neuroforge.generator;

import java.util.Map;
import java.util.Objects;

/**
 * One generated Verilog module: its name (which carries its parameters), the file it lives in, its
 * source text and the parameters it was built from (for the manifest).
 */
public record GeneratedModule(String name, String source, Map<String, Object> parameters) {
    public GeneratedModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        parameters = Map.copyOf(parameters);
    }

    public String fileName() {
        return name + ".v";
    }
}
