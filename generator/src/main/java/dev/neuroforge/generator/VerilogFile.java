package dev.neuroforge.generator;

/**
 * The text of a generated module's file: {@code `default_nettype none} first, so a misspelt net
 * is an error in every tool rather than a new 1-bit wire, and restored to {@code wire} at the end
 * so hand-written files read after it behave as they expect; a {@code `timescale}, so simulators
 * agree on units whichever file comes first; an optional stamp (provenance), then the module.
 */
public final class VerilogFile {
    /** The timescale of every generated file. */
    public static final String TIMESCALE = "`timescale 1ns / 1ps";

    private VerilogFile() {
    }

    /** The file text of {@code m}; {@code stamp} is a comment block ending in a newline, or empty. */
    public static String text(GeneratedModule m, String stamp) {
        String src = m.source();
        return "`default_nettype none\n" + TIMESCALE + "\n" + stamp + src + (src.endsWith("\n") ? "" : "\n")
                + "`default_nettype wire\n";
    }
}
