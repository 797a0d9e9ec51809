package dev.neuroforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a generated {@code .f} filelist the way Verilator and Icarus do: its {@code //} comment lines skipped. */
final class Filelist {
    private Filelist() {
    }

    /** The file names listed, in order. */
    static List<String> entries(Path f) throws IOException {
        return Files.readAllLines(f).stream().filter(l -> !l.startsWith("//")).toList();
    }
}
