package dev.neuroforge.verif.core;

import dev.neuroforge.verif.common.RtlModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The programs of {@code firmware/}, built with the cross compiler (once per JVM; make skips what is
 * up to date) into {@code <work dir>/firmware}. Tests of the ISS and of the RTL both run them.
 */
public final class Firmware {
    private static Path built;

    private Firmware() {
    }

    /** The repository's {@code firmware/} folder, found from the working directory upwards. */
    public static Path sourceDir() {
        Path d = Path.of("").toAbsolutePath();
        for (Path p = d; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("firmware/Makefile"))) {
                return p.resolve("firmware");
            }
        }
        throw new IllegalStateException("no firmware/Makefile above " + d);
    }

    /** Builds everything (make) and returns the output folder. */
    public static synchronized Path build() {
        if (built != null) {
            return built;
        }
        Path out = RtlModels.workDir().resolve("firmware").toAbsolutePath();
        try {
            Process p = new ProcessBuilder("make", "-s", "-C", sourceDir().toString(), "OUT=" + out)
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("building firmware failed (is riscv64-unknown-elf-gcc installed?"
                        + " `make deps` installs it):\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run make for the firmware", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        built = out;
        return out;
    }

    /** A built program, e.g. {@code isa/alu} or {@code c/sort}. */
    public static Path elf(String name) {
        Path f = build().resolve(name + ".elf");
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("no firmware program " + name + " (looked for " + f + ")");
        }
        return f;
    }

    /**
     * The core tile's firmware ({@code firmware/tile/}, docs/tile.md), built by the same make run as
     * everything else: IMEM/DMEM layout of {@code firmware/tile/link.ld}, loaded by {@code TileImage}.
     */
    public static Path tileElf() {
        return elf("tile/tile");
    }

    /** The core tile's firmware, built if needed and read. */
    public static Elf tile() {
        try {
            return Elf.read(tileElf());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the tile firmware " + tileElf() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Assembles and links one assembly file on its own, with firmware/isa/isa.h on the include path
     * and firmware/link.ld unless {@code flags} bring their own layout (tests of the runner's error
     * paths use it to link outside the memory map).
     */
    public static Path compileAsm(Path source, Path out, boolean ourLinkerScript, String... flags) {
        java.util.List<String> cmd = new java.util.ArrayList<>(List.of("riscv64-unknown-elf-gcc", "-march=rv32im",
                "-mabi=ilp32", "-Wa,-march=rv32im_zicsr_zifencei", "-nostdlib", "-nostartfiles", "-static",
                "-I" + sourceDir().resolve("isa")));
        if (ourLinkerScript) {
            cmd.add("-T");
            cmd.add(sourceDir().resolve("link.ld").toString());
        }
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-o", out.toString(), source.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run riscv64-unknown-elf-gcc (make deps installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The names of the ISA tests ({@code isa/alu}, ...), sorted. */
    public static List<String> isaTests() {
        return names("isa", ".S");
    }

    /** The names of the C programs ({@code c/sort}, ...), sorted. */
    public static List<String> cPrograms() {
        return names("c", ".c");
    }

    private static List<String> names(String dir, String ext) {
        try (Stream<Path> s = Files.list(sourceDir().resolve(dir))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(ext))
                    .map(n -> dir + "/" + n.substring(0, n.length() - ext.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
