package dev.neuroforge.verif.core;

import dev.neuroforge.generator.core.CoreParams;
import java.io.PrintStream;
import java.util.List;

/** The back ends the launcher runs ELFs on, by name: the Java ISS or the Verilated default core. */
public final class Backends {
    public static final List<String> NAMES = List.of("iss", "rtl");

    private Backends() {
    }

    /** The back end called {@code name}; a clear error for unknown names. */
    public static ElfRunner.Backend named(String name) {
        return named(name, System.out);
    }

    /** As {@link #named(String)}, with trace lines going to {@code traceOut}. */
    public static ElfRunner.Backend named(String name, PrintStream traceOut) {
        switch (name) {
            case "iss":
                return new IssBackend(true, traceOut);
            case "rtl":
                return new RtlBackend(CoreParams.DEFAULT_M_EXTENSION, CoreParams.DEFAULT_FAST_MUL, traceOut);
            default:
                throw new IllegalArgumentException("--on = " + name + " is not allowed: must be one of " + NAMES);
        }
    }
}
