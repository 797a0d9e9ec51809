package dev.neuroforge.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a design to {@code <outRoot>/<name>/}: one {@code .v} per module, a filelist
 * {@code <name>.f} (file names relative to that folder, leaves first) and {@code manifest.json}.
 * Each file but the manifest starts with the design's {@link Provenance} line (after the
 * {@code `default_nettype} and {@code `timescale} lines in Verilog); the manifest carries the
 * same values as fields.
 *
 * <p>Everything is written to a scratch sibling folder first and moved into place only when
 * complete, so a failure or an interrupted run never leaves a half-written design behind; scratch
 * folders of runs killed too hard to clean up are removed by the next run ({@link TempDirs}).
 * The manifest lists every file written with its SHA-256, so a regeneration can tell the tool's
 * own files from the user's: it refuses to replace a folder holding files the tool did not write
 * (or generated files edited since) unless forced, and it never replaces a plain file unforced.
 */
public final class DesignWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int NAMES_SHOWN = 8;

    private DesignWriter() {
    }

    /** Writes the design and returns the folder it is in. */
    public static Path write(Design design, String name, String block, Map<String, Object> parameters,
            Path outRoot) throws IOException {
        return write(design, name, block, parameters, outRoot, false, dir -> { });
    }

    /** Adds more output (the FPGA hand-off, say) to a design folder before it is moved into place. */
    @FunctionalInterface
    public interface Extra {
        /** Writes into {@code dir}, the complete but not yet published design folder. */
        void writeInto(Path dir) throws IOException;
    }

    /** As {@link #write(Design, String, String, Map, Path, boolean, Extra)}, never replacing the user's files. */
    public static Path write(Design design, String name, String block, Map<String, Object> parameters,
            Path outRoot, Extra extra) throws IOException {
        return write(design, name, block, parameters, outRoot, false, extra);
    }

    /**
     * Writes the design, then lets {@code extra} add to the folder; only when both succeed does
     * the folder replace {@code <outRoot>/<name>}. An exception from {@code extra} leaves the old
     * folder as it was. Unless {@code force}, a folder holding files the tool did not write, or a
     * plain file at {@code <outRoot>/<name>}, stops the write before anything is done
     * ({@link OutputException} naming them).
     */
    public static Path write(Design design, String name, String block, Map<String, Object> parameters,
            Path outRoot, boolean force, Extra extra) throws IOException {
        Path root = prepareRoot(outRoot);
        Path target = root.resolve(name);
        TempDirs.cleanLeftovers(root, tmpPrefix(name));
        recoverOld(root, name, target);
        if (!force) {
            refuseForeign(target);
        }
        Path tmp;
        try {
            tmp = TempDirs.create(root, tmpPrefix(name));
        } catch (IOException e) {
            throw new OutputException("cannot write in " + show(root) + ": " + reason(e), e);
        }
        try {
            Provenance provenance = Provenance.ofDesign(name, block, parameters);
            String stamp = provenance.line("//", "manifest.json");
            List<Map<String, Object>> modules = new ArrayList<>();
            StringBuilder filelist = new StringBuilder(stamp);
            for (GeneratedModule m : design.modules()) {
                byte[] bytes = VerilogFile.text(m, stamp).getBytes(StandardCharsets.UTF_8);
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
                byte[] bytes = (stamp + e.getValue().hexImage()).getBytes(StandardCharsets.UTF_8);
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
            extra.writeInto(tmp);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("name", name);
            manifest.putAll(provenance.json());  // generator, version, commit, configSha256
            manifest.put("block", block);
            manifest.put("top", design.top());
            manifest.put("parameters", parameters);
            manifest.put("filelist", name + ".f");
            manifest.put("modules", modules);
            if (!memories.isEmpty()) {
                manifest.put("memoryImages", memories);
            }
            manifest.put("files", hashes(tmp));
            Files.writeString(tmp.resolve("manifest.json"), JSON.writeValueAsString(manifest) + "\n");
            replace(tmp, target, root, name);
            return target;
        } finally {
            TempDirs.release(tmp);
        }
    }

    /**
     * The SHA-256 of the design's identity: its name, block and resolved parameters (keys sorted),
     * so equal configs however written give equal hashes.
     */
    public static String configHash(String name, String block, Map<String, Object> parameters) {
        Map<String, Object> c = new TreeMap<>();
        c.put("name", name);
        c.put("block", block);
        c.put("parameters", sorted(parameters));
        try {
            return sha256(new ObjectMapper().writeValueAsBytes(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> s = new TreeMap<>();
            m.forEach((k, x) -> s.put(String.valueOf(k), sorted(x)));
            return s;
        }
        return v;
    }

    private static String tmpPrefix(String name) {
        return "." + name + ".tmp-";
    }

    private static String oldPrefix(String name) {
        return "." + name + ".old-";
    }

    /**
     * Creates the output folder {@code outRoot} if needed; a file in the way (it, or a folder
     * above it), an empty path or a place that takes no folders is one clear error.
     */
    public static Path prepareRoot(Path outRoot) throws OutputException {
        if (outRoot.toString().isEmpty()) {
            throw new OutputException("the output folder is '' (empty): give a folder, e.g. rtl-out");
        }
        for (Path q = outRoot; q != null; q = q.getParent()) {
            if (Files.exists(q)) {
                if (!Files.isDirectory(q)) {
                    throw new OutputException(q.equals(outRoot)
                            ? "cannot write to " + show(outRoot) + ": it is a file, not a folder"
                            : "cannot write to " + show(outRoot) + ": " + show(q) + " is a file, not a folder");
                }
                break;
            }
        }
        try {
            Files.createDirectories(outRoot);
        } catch (IOException e) {
            throw new OutputException("cannot create the folder " + show(outRoot) + ": " + reason(e), e);
        }
        return outRoot;
    }

    /** Puts back a design folder a killed run had moved aside, or deletes it if the new one made it. */
    private static void recoverOld(Path root, String name, Path target) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root,
                p -> TempDirs.isLeftover(p.getFileName().toString(), oldPrefix(name)))) {
            for (Path old : s) {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    move(old, target);
                } else {
                    deleteTree(old);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover we cannot handle is no reason to refuse this run
        }
    }

    /** Fails, naming them, if {@code target} is a plain file or holds files this tool did not write. */
    private static void refuseForeign(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputException(show(target) + " is " + (Files.isSymbolicLink(target) ? "a link" : "a file")
                    + ", not a folder neuroforge wrote: move it away, or pass --force to replace it");
        }
        List<String> foreign = new ArrayList<>();
        List<String> edited = new ArrayList<>();
        Map<String, String> known = writtenFiles(target);
        try (Stream<Path> s = Files.walk(target)) {
            for (Path p : s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                String rel = relative(target, p);
                if (rel.equals("manifest.json") && known.containsKey(rel)) {
                    continue;
                }
                String hash = known.get(rel);
                if (!known.containsKey(rel)) {
                    foreign.add(rel);
                } else if (hash != null && !hash.equals(sha256(Files.readAllBytes(p)))) {
                    edited.add(rel);
                }
            }
        }
        if (foreign.isEmpty() && edited.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder("will not replace " + show(target) + ": it holds ");
        if (!foreign.isEmpty()) {
            b.append(foreign.size() == 1 ? "a file" : foreign.size() + " files").append(" neuroforge did not write (")
                    .append(names(foreign)).append(')');
        }
        if (!edited.isEmpty()) {
            b.append(foreign.isEmpty() ? "" : " and ").append(edited.size() == 1 ? "a generated file" : edited.size()
                    + " generated files").append(" edited since (").append(names(edited)).append(')');
        }
        b.append("; move ").append(foreign.size() + edited.size() == 1 ? "it" : "them")
                .append(" away, or pass --force to replace the folder and delete ")
                .append(foreign.size() + edited.size() == 1 ? "it" : "them");
        throw new OutputException(b.toString());
    }

    private static String names(List<String> l) {
        String shown = String.join(", ", l.subList(0, Math.min(l.size(), NAMES_SHOWN)));
        return l.size() > NAMES_SHOWN ? shown + " and " + (l.size() - NAMES_SHOWN) + " more" : shown;
    }

    /**
     * What the manifest in {@code dir} says the tool wrote: path to SHA-256 (null: written, hash
     * not recorded, for manifests of earlier versions). No manifest of ours: nothing.
     */
    private static Map<String, String> writtenFiles(Path dir) {
        Map<String, String> known = new HashMap<>();
        Path mf = dir.resolve("manifest.json");
        JsonNode m;
        try {
            m = JSON.readTree(mf.toFile());
        } catch (IOException e) {
            return known;
        }
        if (m == null || !"neuroforge".equals(m.path("generator").asText())) {
            return known;
        }
        known.put("manifest.json", null);
        if (m.path("files").isObject()) {
            m.path("files").fields().forEachRemaining(e -> known.put(e.getKey(), e.getValue().asText()));
            return known;
        }
        // an earlier version's manifest: the files it names, and the FPGA hand-off
        for (JsonNode n : m.path("modules")) {
            known.put(n.path("file").asText(), n.path("sha256").asText(null));
        }
        for (JsonNode n : m.path("memoryImages")) {
            known.put(n.path("file").asText(), n.path("sha256").asText(null));
        }
        known.put(m.path("filelist").asText(), null);
        Path fpga = dir.resolve("fpga");
        if (Files.isDirectory(fpga, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(fpga)) {
                s.filter(Files::isRegularFile).forEach(p -> known.put(relative(dir, p), null));
            } catch (IOException e) {
                // unreadable: those files count as foreign
            }
        }
        return known;
    }

    /** Every file below {@code dir} (relative, '/'-separated, sorted) with its SHA-256. */
    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> h = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                h.put(relative(dir, p), sha256(Files.readAllBytes(p)));
            }
        }
        return h;
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    private static void replace(Path tmp, Path target, Path outRoot, String name) throws IOException {
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = TempDirs.fresh(outRoot, oldPrefix(name));
            move(target, old);
        }
        try {
            move(tmp, target);
            TempDirs.forget(tmp);
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

    /** The path as the user wrote it ('.' for the current folder). */
    private static String show(Path p) {
        String s = p.toString();
        return s.isEmpty() ? "." : s;
    }

    /** Why a file operation failed, in words (no exception class names). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "this place does not take new files or folders";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a folder (or a file) and everything below it; nothing happens if it does not exist. */
    public static void deleteTree(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
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
