package dev.neuroforge.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One generated Verilog module: its name (which carries its parameters), the file it lives in, its
 * source text, the parameters it was built from (for the manifest) and the memory arrays it
 * declares (for the FPGA flow: which must become block RAM, which are loaded from an image).
 */
public record GeneratedModule(String name, String source, Map<String, Object> parameters, List<Memory> memories) {
    public GeneratedModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        parameters = Map.copyOf(parameters);
        memories = List.copyOf(memories);
    }

    /** A module that declares no memory the FPGA flow needs to know about. */
    public GeneratedModule(String name, String source, Map<String, Object> parameters) {
        this(name, source, parameters, List.of());
    }

    /** This module, also declaring {@code more}. */
    public GeneratedModule withMemories(Memory... more) {
        List<Memory> all = new ArrayList<>(memories);
        all.addAll(List.of(more));
        return new GeneratedModule(name, source, parameters, all);
    }

    public String fileName() {
        return name + ".v";
    }
}
