package dev.neuroforge.generator;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Scratch folders that never outlive the run that made them. Each is named
 * {@code <prefix><pid>-<n>}: a JVM shutdown hook (Ctrl-C, SIGTERM, a timeout's kill) deletes the
 * ones still in use, and a run killed too hard for the hook (SIGKILL, a power cut) leaves a folder
 * whose pid is dead, which {@link #cleanLeftovers} removes on the next run without touching the
 * folders of a run still going. The set of live folders is the one piece of static state: it
 * belongs to the JVM, as the shutdown hook does.
 */
public final class TempDirs {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicLong SEQ = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : LIVE) {
                deleteQuietly(p);
            }
        }, "neuroforge-temp-cleanup"));
    }

    private TempDirs() {
    }

    /**
     * Creates {@code parent/<prefix><pid>-<n>} with the default permissions (the umask's, as
     * any folder the user makes: group-readable where the user's folders are).
     */
    public static Path create(Path parent, String prefix) throws IOException {
        while (true) {
            Path p = parent.resolve(prefix + PID + "-" + SEQ.incrementAndGet());
            try {
                Files.createDirectory(p);
                LIVE.add(p);
                return p;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // a leftover of an earlier JVM with the same pid: take the next number
            }
        }
    }

    /** A name {@code parent/<prefix><pid>-<n>} nothing has yet, for a folder to be moved there (not deleted on exit). */
    public static Path fresh(Path parent, String prefix) {
        while (true) {
            Path p = parent.resolve(prefix + PID + "-" + SEQ.incrementAndGet());
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
    }

    /** Writes one file into a path it is given. */
    @FunctionalInterface
    public interface FileWriter {
        void writeTo(Path file) throws IOException;
    }

    /**
     * Writes {@code target} whole or not at all: {@code writer} writes a hidden sibling
     * ({@code .<name>.tmp-<pid>-<n>-<name>}, same extension, for writers that add one), which is
     * then renamed over {@code target}. Dead runs' siblings are removed first.
     */
    public static void writeAtomically(Path target, FileWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        String prefix = "." + name + ".tmp-";
        cleanLeftovers(dir, prefix);
        Path tmp = dir.resolve(prefix + PID + "-" + SEQ.incrementAndGet() + "-" + name);
        LIVE.add(tmp);
        try {
            writer.writeTo(tmp);
            try {
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            LIVE.remove(tmp);
        }
    }

    /** A scratch folder under the system's temporary folder, after removing dead runs' leftovers. */
    public static Path createSystem(String prefix) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        cleanLeftovers(tmp, prefix);
        return create(tmp, prefix);
    }

    /** Tells the shutdown hook that {@code p} is no longer this run's to delete (moved into place). */
    public static void forget(Path p) {
        LIVE.remove(p);
    }

    /** Deletes {@code p} (if it is still there) and forgets it. */
    public static void release(Path p) {
        try {
            DesignWriter.deleteTree(p);
        } finally {
            LIVE.remove(p);
        }
    }

    /** The pid a folder named {@code <prefix><pid>-<n>} was made by, or -1 if the name is not of that form. */
    static long pidOf(String fileName, String prefix) {
        if (!fileName.startsWith(prefix)) {
            return -1;
        }
        String rest = fileName.substring(prefix.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return -1;
        }
        try {
            return Long.parseLong(rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a folder named {@code <prefix><pid>-<n>} belongs to a process that is gone. */
    static boolean isLeftover(String fileName, String prefix) {
        long pid = pidOf(fileName, prefix);
        return pid > 0 && pid != PID && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    /** Deletes every {@code <prefix><pid>-*} in {@code parent} whose process is gone; best effort. */
    public static void cleanLeftovers(Path parent, String prefix) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, p -> isLeftover(p.getFileName().toString(), prefix))) {
            for (Path p : s) {
                deleteQuietly(p);
            }
        } catch (IOException e) {
            // not ours to fail on: a folder we cannot list holds nothing we made
        }
    }

    private static void deleteQuietly(Path p) {
        for (int attempt = 0; attempt < 3 && Files.exists(p); attempt++) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            } catch (IOException | RuntimeException e) {
                // a tool still writing into it: try again shortly
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
