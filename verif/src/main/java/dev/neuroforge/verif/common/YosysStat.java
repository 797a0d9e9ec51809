package dev.neuroforge.verif.common;

import dev.neuroforge.generator.Design;
import dev.neuroforge.sim.ExternalCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Yosys's {@code stat} of a generated design, parsed: either after generic elaboration with memory
 * inference ({@link #generic}: {@code $mem_v2} memories and their bits, coarse cells) or after {@code synth_ice40}
 * ({@link #ice40}: block RAMs, flip-flops, LUT4s). Used by the synthesis tests and benchmarks.
 */
public record YosysStat(String log, int memories, long memoryBits, int cells, int brams, int flipFlops, int luts,
        int carries) {
    private static final String HINT = "install it with `apt-get install -y yosys`, or run `make deps`";
    private static final String[] FLOPS = {"SB_DFF", "SB_DFFE", "SB_DFFER", "SB_DFFR", "SB_DFFES", "SB_DFFS",
        "SB_DFFSR", "SB_DFFESR", "SB_DFFSS", "SB_DFFESS", "SB_DFFRSS", "SB_DFFERSS"};

    /**
     * {@code proc; flatten; stat} (memory bits, before they are collected into cells), then
     * {@code prep; memory -nomap; stat}: memories stay {@code $mem_v2} cells, the rest is coarse cells.
     */
    public static YosysStat generic(Design d, Path dir) throws IOException {
        return run(d, dir, "hierarchy -top " + d.top() + "; proc; flatten; stat; prep -top " + d.top()
                + "; memory -nomap; stat", "Yosys memory inference");
    }

    /** {@code synth_ice40; stat}: memories become SB_RAM40_4K block RAMs when Yosys infers them. */
    public static YosysStat ice40(Design d, Path dir) throws IOException {
        return run(d, dir, "synth_ice40 -top " + d.top() + "; stat", "Yosys iCE40 synthesis");
    }

    private static YosysStat run(Design d, Path folder, String script, String what) throws IOException {
        Path dir = folder.toAbsolutePath();
        Files.createDirectories(dir);
        List<String> files = d.writeVerilog(dir).stream().map(Path::toString).toList();
        String log = ExternalCommand.require(List.of("yosys", "-p", "read_verilog " + String.join(" ", files) + "; "
                + script), dir, 1800, what + " of " + d.top(), HINT);
        int ffs = 0;
        for (String f : FLOPS) {
            ffs += count(log, f);
        }
        return new YosysStat(log, count(log, "$mem_v2"), maxLong(log, "Number of memory bits:"),
                count(log, "Number of cells:"), count(log, "SB_RAM40_4K"), ffs, count(log, "SB_LUT4"),
                count(log, "SB_CARRY"));
    }

    /** The last figure Yosys printed after {@code label} (so the final {@code stat} wins). */
    private static long countLong(String log, String label) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+(\\d+)\\s*$").matcher(log);
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    /** The largest figure Yosys printed after {@code label} in any {@code stat}. */
    private static long maxLong(String log, String label) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+(\\d+)\\s*$").matcher(log);
        long max = 0;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
        }
        return max;
    }

    private static int count(String log, String label) {
        return (int) countLong(log, label);
    }
}
