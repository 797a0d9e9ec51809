package dev.neuroforge.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to Verilate: the top module, its source files, the clock and reset ports the shim drives,
 * the waveform format it can write, and any extra Verilator flags. Everything here goes into the
 * build-cache key.
 *
 * @param top            top module name
 * @param sources        Verilog files, dependencies first
 * @param clock          1-bit clock input the shim toggles
 * @param reset          1-bit reset input that {@code reset(n)} drives
 * @param resetActiveLow true when {@code reset} is active low (e.g. {@code rst_ni})
 * @param traceFormat    waveform format compiled in (tracing itself is switched on at run time)
 * @param extraFlags     further Verilator arguments
 */
public record ModelSpec(String top, List<Path> sources, String clock, String reset, boolean resetActiveLow,
        TraceFormat traceFormat, List<String> extraFlags) {
    public ModelSpec {
        Objects.requireNonNull(top, "top");
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("ModelSpec for " + top + " needs at least one source file");
        }
        sources = List.copyOf(sources);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(traceFormat, "traceFormat");
        extraFlags = List.copyOf(extraFlags);
    }

    /** The project convention: {@code clk_i}, active-low {@code rst_ni}, VCD. */
    public static ModelSpec of(String top, List<Path> sources) {
        return new ModelSpec(top, sources, "clk_i", "rst_ni", true, TraceFormat.VCD, List.of());
    }

    public ModelSpec withTraceFormat(TraceFormat f) {
        return new ModelSpec(top, sources, clock, reset, resetActiveLow, f, extraFlags);
    }
}
