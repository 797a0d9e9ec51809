package dev.neuroforge.verif.common;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.sim.ModelSpec;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.sim.TraceFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a generated {@link Design} into a running {@link SimModel}: writes its modules to
 * {@code target/nf-rtl/<top>/} and hands them to the (cached) Verilator build.
 */
public final class RtlModels {
    private RtlModels() {
    }

    /** Folder for the files a test run writes: {@code $neuroforge.work} or {@code target/}. */
    public static Path workDir() {
        return Paths.get(System.getProperty("neuroforge.work", "target"));
    }

    /** Writes the design's modules (only files whose text changed) and returns them in order. */
    public static List<Path> write(Design d) {
        Path dir = workDir().resolve("nf-rtl").resolve(d.top());
        try {
            Files.createDirectories(dir);
            List<Path> files = new ArrayList<>();
            for (GeneratedModule m : d.modules()) {
                Path f = dir.resolve(m.fileName());
                if (!Files.exists(f) || !Files.readString(f).equals(m.source())) {
                    Files.writeString(f, m.source());
                }
                files.add(f);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ModelSpec spec(Design d) {
        return ModelSpec.of(d.top(), write(d)).withTraceFormat(Waves.format());
    }

    public static SimModel load(Design d) {
        return SimModel.load(spec(d));
    }

    /** Convenience for callers that want a particular waveform format. */
    public static SimModel load(Design d, TraceFormat format) {
        return SimModel.load(spec(d).withTraceFormat(format));
    }
}
