package dev.neuroforge.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a design to {@code <outRoot>/<name>/}: one {@code .v} per module, a filelist
 * {@code <name>.f} (file names relative to that folder, leaves first) and {@code manifest.json}.
 * Everything is written to a temporary sibling folder first and moved into place only when
 * complete, so a failure never leaves a half-written design behind.
 */
public final class DesignWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DesignWriter() {
    }

    /** Writes the design and returns the folder it is in. */
    public static Path write(Design design, String name, String block, Map<String, Object> parameters,
            Path outRoot) throws IOException {
        return write(design, name, block, parameters, outRoot, dir -> { });
    }

    /** Adds more output (the FPGA hand-off, say) to a design folder before it is moved into place. */
    @FunctionalInterface
    public interface Extra {
        /** Writes into {@code dir}, the complete but not yet published design folder. */
        void writeInto(Path dir) throws IOException;
    }

    /**
     * Writes the design, then lets {@code extra} add to the folder; only when both succeed does
     * the folder replace {@code <outRoot>/<name>}. An exception from {@code extra} leaves the old
     * folder as it was.
     */
    public static Path write(Design design, String name, String block, Map<String, Object> parameters,
            Path outRoot, Extra extra) throws IOException {
        Files.createDirectories(outRoot);
        Path target = outRoot.resolve(name);
        Path tmp = Files.createTempDirectory(outRoot, "." + name + ".tmp-");
        try {
            List<Map<String, Object>> modules = new ArrayList<>();
            StringBuilder filelist = new StringBuilder();
            for (GeneratedModule m : design.modules()) {
                byte[] bytes = m.source().getBytes(StandardCharsets.UTF_8);
                Files.write(tmp.resolve(m.fileName()), bytes);
                filelist.append(m.fileName()).append('\n');
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", m.name());
                e.put("file", m.fileName());
                e.put("sha256", sha256(bytes));
                e.put("parameters", m.parameters());
                modules.add(e);
            }
            List<Map<String, Object>> memories = new ArrayList<>();
            for (Map.Entry<String, Memory> e : design.memoryImages().entrySet()) {
                byte[] bytes = e.getValue().hexImage().getBytes(StandardCharsets.UTF_8);
                Files.write(tmp.resolve(e.getKey()), bytes);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", e.getKey());
                m.put("array", e.getValue().array());
                m.put("width", e.getValue().width());
                m.put("depth", e.getValue().depth());
                m.put("sha256", sha256(bytes));
                memories.add(m);
            }
            Files.writeString(tmp.resolve(name + ".f"), filelist.toString());
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("name", name);
            manifest.put("generator", "neuroforge");
            manifest.put("version", Version.get());
            manifest.put("block", block);
            manifest.put("top", design.top());
            manifest.put("parameters", parameters);
            manifest.put("filelist", name + ".f");
            manifest.put("modules", modules);
            if (!memories.isEmpty()) {
                manifest.put("memoryImages", memories);
            }
            Files.writeString(tmp.resolve("manifest.json"), JSON.writeValueAsString(manifest) + "\n");
            extra.writeInto(tmp);
            replace(tmp, target, outRoot, name);
            return target;
        } finally {
            deleteTree(tmp);
        }
    }

    private static void replace(Path tmp, Path target, Path outRoot, String name) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(outRoot, "." + name + ".old-");
            Files.delete(old);
            move(target, old);
        }
        try {
            move(tmp, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a folder and everything below it; nothing happens if it does not exist. */
    public static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
