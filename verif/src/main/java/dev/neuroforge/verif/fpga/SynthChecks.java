package dev.neuroforge.verif.fpga;

import dev.neuroforge.generator.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the findings out of a Yosys 0.23 log of the flow's script ({@code proc; check; ...;
 * synth_ice40}): latches from {@code proc_dlatch}, multiple drivers, logic loops and undriven wires
 * from {@code check}, and memories that {@code memory_libmap} did not put in block RAM.
 */
public final class SynthChecks {
    private static final Pattern LATCH = Pattern.compile("^Latch inferred for signal `\\\\?([^']+)' from process");
    private static final Pattern UNDRIVEN = Pattern.compile("^Warning: Wire (\\S+?)(?: \\[(\\d+)\\])? is used but has no driver\\.");
    private static final Pattern MULTI = Pattern.compile("^Warning: multiple conflicting drivers for (\\S+?):?$");
    private static final Pattern LOOP = Pattern.compile("^Warning: found logic loop in module (\\S+?):?$");

    private SynthChecks() {
    }

    /**
     * The findings in {@code log}, from synthesizing {@code module}; {@code blockRams} are the
     * memory arrays declared in {@code module} itself that must become block RAM.
     */
    public static List<Finding> parse(String log, String module, List<Memory> blockRams) {
        List<Finding> out = new ArrayList<>();
        String[] lines = log.split("\n");
        Set<String> latches = new LinkedHashSet<>();
        Map<String, List<String>> undriven = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> multi = new LinkedHashSet<>();
        boolean inCheck = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = LATCH.matcher(line);
            if (m.find()) {
                latches.add(clean(m.group(1)));
                continue;
            }
            if (line.contains("Executing CHECK pass")) {
                inCheck = true;
                continue;
            }
            if (line.startsWith("Found and reported")) {
                inCheck = false;
                continue;
            }
            if (!inCheck || !line.startsWith("Warning:")) {
                continue;
            }
            StringBuilder detail = new StringBuilder();
            while (i + 1 < lines.length && lines[i + 1].startsWith("    ")) {
                detail.append(detail.length() == 0 ? "" : "; ").append(clean(lines[++i].trim()));
            }
            if (!seen.add(line + detail)) {
                continue;
            }
            if ((m = UNDRIVEN.matcher(line)).find()) {
                undriven.computeIfAbsent(clean(m.group(1)), k -> new ArrayList<>())
                        .add(m.group(2) == null ? "" : m.group(2));
            } else if ((m = MULTI.matcher(line)).find()) {
                // Yosys reports a conflict once per name of the net; one finding per set of drivers.
                List<String> drivers = new ArrayList<>(List.of(detail.toString().split("; ")));
                drivers.sort(null);
                if (!multi.add(drivers.toString())) {
                    continue;
                }
                out.add(new Finding(Finding.Kind.MULTIPLE_DRIVERS, module, clean(m.group(1)), detail.toString()));
            } else if ((m = LOOP.matcher(line)).find()) {
                out.add(new Finding(Finding.Kind.COMBINATIONAL_LOOP, module, "loop in " + clean(m.group(1)),
                        detail.toString()));
            } else {
                out.add(new Finding(Finding.Kind.OTHER, module, line.substring("Warning:".length()).trim(),
                        detail.toString()));
            }
        }
        for (String l : latches) {
            out.add(new Finding(Finding.Kind.LATCH, module, l, ""));
        }
        undriven.forEach((wire, bits) -> out.add(new Finding(Finding.Kind.UNDRIVEN, module, wire,
                bits.contains("") ? "" : "bits " + String.join(",", bits))));
        for (Memory mem : blockRams) {
            if (!mem.blockRam()) {
                continue;
            }
            String name = module + "." + mem.array();
            boolean inBram = log.contains("mapping memory " + name + " via $__ICE40_RAM");
            if (!inBram) {
                String why = log.contains("using FF mapping for memory " + name + "\n")
                        ? "Yosys mapped its " + mem.bits() + " bits to flip-flops"
                        : "Yosys did not infer it as a memory, so its " + mem.bits() + " bits are registers";
                out.add(new Finding(Finding.Kind.MEMORY_IN_FLIP_FLOPS, module,
                        name + " (" + mem.width() + " x " + mem.depth() + ")", why));
            }
        }
        return out;
    }

    /** Yosys' escaped names ({@code \mod.\sig}) without the backslashes. */
    static String clean(String s) {
        return s.replace("\\", "");
    }
}
