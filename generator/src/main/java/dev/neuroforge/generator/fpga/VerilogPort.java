package dev.neuroforge.generator.fpga;

import dev.neuroforge.generator.GeneratedModule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One port of a generated module, read from its ANSI-style header ({@code input wire [31:0] x_i,}).
 * The hand-off documents, constrains and wraps the top module's ports from this list.
 *
 * @param name      port name
 * @param direction "input", "output" or "inout"
 * @param width     bits
 */
public record VerilogPort(String name, String direction, int width) {
    private static final Pattern DECL = Pattern.compile(
            "^\\s*(input|output|inout)\\s+(?:wire\\s+|reg\\s+)?(?:signed\\s+)?(?:\\[\\s*(\\d+)\\s*:\\s*(\\d+)\\s*\\]\\s*)?"
                    + "(\\w+)\\s*,?\\s*(?://.*)?$");
    private static final Pattern CLOCK = Pattern.compile("clk(_\\w+)?_i");
    private static final Pattern RESET = Pattern.compile("rst(_\\w+)?_ni?");

    public boolean isInput() {
        return direction.equals("input");
    }

    public boolean isOutput() {
        return direction.equals("output");
    }

    /** A clock by the project's naming rule: {@code clk_i} or {@code clk_<name>_i}. */
    public boolean isClock() {
        return isInput() && width == 1 && CLOCK.matcher(name).matches();
    }

    /** A reset by the project's naming rule: {@code rst_ni} (active low) or {@code rst_<name>_ni}. */
    public boolean isReset() {
        return isInput() && width == 1 && RESET.matcher(name).matches();
    }

    /** Bit names as constraint files address them: {@code x} for one bit, else {@code x[0]} ... */
    public List<String> bits() {
        if (width == 1) {
            return List.of(name);
        }
        List<String> b = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            b.add(name + "[" + i + "]");
        }
        return b;
    }

    /** The ports of {@code module}'s header, in order. */
    public static List<VerilogPort> of(GeneratedModule module) {
        String src = module.source();
        Matcher start = Pattern.compile("(?m)^\\s*module\\s+" + Pattern.quote(module.name()) + "\\b").matcher(src);
        if (!start.find()) {
            throw new IllegalArgumentException(module.fileName() + " does not declare module " + module.name());
        }
        int end = src.indexOf(");", start.end());
        if (end < 0) {
            throw new IllegalArgumentException(module.fileName() + ": the header of " + module.name() + " has no end");
        }
        List<VerilogPort> ports = new ArrayList<>();
        for (String line : src.substring(start.end(), end).split("\n")) {
            String t = line.trim();
            if (!(t.startsWith("input") || t.startsWith("output") || t.startsWith("inout"))) {
                continue;
            }
            Matcher m = DECL.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(module.fileName() + ": cannot read the port declaration '" + t
                        + "' (expected one ANSI port per line with a numeric range)");
            }
            int width = m.group(2) == null ? 1 : Math.abs(Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(3))) + 1;
            ports.add(new VerilogPort(m.group(4), m.group(1), width));
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException(module.fileName() + ": no ports found in the header of " + module.name());
        }
        return ports;
    }
}
