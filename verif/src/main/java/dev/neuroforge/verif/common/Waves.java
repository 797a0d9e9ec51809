package dev.neuroforge.verif.common;

import dev.neuroforge.sim.SimModel;
import dev.neuroforge.sim.TraceFormat;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Waveform policy for testbenches. Tracing is off by default (it slows simulation several times);
 * {@code -Dneuroforge.trace=vcd} (or {@code fst}, or {@code NF_TRACE=vcd} in the environment)
 * switches it on, and every testbench then writes {@code target/waves/<test>.<ext>}. A failing
 * testbench names that file, or says how to rerun it to get one.
 */
public final class Waves {
    private Waves() {
    }

    private static String setting() {
        String v = System.getProperty("neuroforge.trace");
        if (v == null) {
            v = System.getenv("NF_TRACE");
        }
        return v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean enabled() {
        String s = setting();
        return !s.isEmpty() && !s.equals("0") && !s.equals("false") && !s.equals("off");
    }

    public static TraceFormat format() {
        return setting().equals("fst") ? TraceFormat.FST : TraceFormat.VCD;
    }

    public static Path file(String testName) {
        return RtlModels.workDir().resolve("waves").resolve(testName.replaceAll("[^A-Za-z0-9_.-]", "_")
                + "." + format().extension()).toAbsolutePath();
    }

    /** Starts tracing {@code m} into the test's file when tracing is enabled. */
    public static void maybeTrace(SimModel m, String testName) {
        if (enabled()) {
            m.traceTo(file(testName));
        }
    }

    /** The sentence a failure message ends with: where the waveform is, or how to get one. */
    public static String where(SimModel m, String testName) {
        if (m.waveform() != null) {
            m.flushTrace();
            return "waveform: " + m.waveform();
        }
        return "no waveform written; rerun with -Dneuroforge.trace=vcd to get " + file(testName);
    }
}
