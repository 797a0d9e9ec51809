package dev.neuroforge.verif.lint;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a design's modules into a folder for an external tool; returns their paths, leaves first. */
final class Sources {
    private Sources() {
    }

    static List<String> write(Design d, Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        for (GeneratedModule m : d.modules()) {
            Path f = dir.resolve(m.fileName());
            Files.writeString(f, m.source());
            files.add(f.toString());
        }
        return files;
    }
}
