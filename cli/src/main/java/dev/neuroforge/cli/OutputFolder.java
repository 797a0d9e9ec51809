package dev.neuroforge.cli;

import dev.neuroforge.generator.DesignWriter;
import dev.neuroforge.generator.TempDirs;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A command's output folder, written whole or not at all: the files go into a scratch sibling
 * ({@link TempDirs}, so an interrupted run leaves nothing and a killed one is cleaned up by the
 * next), which then replaces the folder. A folder holding files the command does not write is
 * refused, naming them, so nothing of the user's is deleted.
 */
final class OutputFolder {
    /** Writes the folder's files into the scratch folder it is given. */
    @FunctionalInterface
    interface Writer {
        void writeInto(Path dir) throws IOException;
    }

    private OutputFolder() {
    }

    /**
     * Replaces {@code out} with what {@code writer} writes; {@code ours} says which file names the
     * command writes (anything else already in {@code out} is refused).
     */
    static void replace(Path out, Predicate<String> ours, Writer writer) throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IOException(out + " is a file, not a folder");
        }
        if (Files.isDirectory(abs)) {
            try (Stream<Path> s = Files.list(abs)) {
                List<String> foreign = s.map(q -> q.getFileName().toString()).filter(ours.negate()).sorted().toList();
                if (!foreign.isEmpty()) {
                    throw new IOException("it holds files this command did not write (" + String.join(", ", foreign)
                            + "): choose an empty or new folder");
                }
            }
        }
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        String prefix = "." + abs.getFileName() + ".tmp-";
        TempDirs.cleanLeftovers(parent, prefix);
        Path tmp = TempDirs.create(parent, prefix);
        try {
            writer.writeInto(tmp);
            if (Files.exists(abs)) {
                DesignWriter.deleteTree(abs);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs);
            }
        } finally {
            TempDirs.release(tmp);
        }
    }
}
