package dev.neuroforge.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The generator's version, stamped into every generated file and manifest. */
public final class Version {
    private static final Properties PROPS = load();
    private static final String VERSION = PROPS.getProperty("version");
    private static final String COMMIT = commitOf(loadCommit());

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    /**
     * The git commit (12 hex digits) of the checkout the generator runs from, or {@code unknown}
     * when it runs from outside one.
     */
    public static String commit() {
        return COMMIT;
    }

    private static String commitOf(String raw) {
        String c = raw.strip();
        return c.isEmpty() || c.startsWith("${") ? "unknown" : c;
    }

    /**
     * The commit of the git checkout the generator's classes or jar sit in (the tool runs from its
     * build tree, {@code cli/target/neuroforge.jar}), read from {@code .git} without running git;
     * empty when there is none.
     */
    private static String loadCommit() {
        try {
            Path here = Path.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = here.toAbsolutePath(); d != null; d = d.getParent()) {
                Path git = d.resolve(".git");
                if (Files.isDirectory(git)) {
                    return headOf(git, git);
                }
                if (Files.isRegularFile(git)) {  // a worktree: "gitdir: <path>"
                    String line = Files.readString(git).strip();
                    if (!line.startsWith("gitdir:")) {
                        return "";
                    }
                    Path dir = d.resolve(line.substring("gitdir:".length()).strip());
                    Path common = dir;
                    Path commonFile = dir.resolve("commondir");
                    if (Files.isRegularFile(commonFile)) {
                        common = dir.resolve(Files.readString(commonFile).strip()).normalize();
                    }
                    return headOf(dir, common);
                }
            }
        } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
            // no checkout we can read: unknown
        }
        return "";
    }

    private static String headOf(Path gitDir, Path commonDir) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD")).strip();
        if (!head.startsWith("ref:")) {
            return shortHash(head);
        }
        String ref = head.substring("ref:".length()).strip();
        for (Path d : new Path[] {gitDir, commonDir}) {
            Path f = d.resolve(ref);
            if (Files.isRegularFile(f)) {
                return shortHash(Files.readString(f).strip());
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String l : Files.readAllLines(packed)) {
                if (l.endsWith(" " + ref)) {
                    return shortHash(l.substring(0, l.indexOf(' ')));
                }
            }
        }
        return "";
    }

    private static String shortHash(String h) {
        return h.matches("[0-9a-f]{40}") ? h.substring(0, 12) : "";
    }

    private static Properties load() {
        try (InputStream in = Version.class.getResourceAsStream("/neuroforge-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("neuroforge-version.properties is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
