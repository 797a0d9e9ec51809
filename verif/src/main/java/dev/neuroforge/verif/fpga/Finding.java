package dev.neuroforge.verif.fpga;

/**
 * One problem the FPGA flow found in a design; any finding fails the flow.
 *
 * @param kind    what kind of problem
 * @param module  the module Yosys was synthesizing when it found it
 * @param subject the signal, loop or memory concerned, as Yosys names it
 * @param detail  Yosys' own words (drivers, loop members), may be empty
 */
public record Finding(Kind kind, String module, String subject, String detail) {
    /** The problems the flow looks for, each with what to do about it. */
    public enum Kind {
        LATCH("latch inferred", "assign the signal on every path through its always @(*) block (give it a default first)"),
        MULTIPLE_DRIVERS("multiple drivers", "drive the signal from exactly one assign or always block"),
        COMBINATIONAL_LOOP("combinational loop", "break the loop with a register"),
        UNDRIVEN("undriven signal", "drive it, or tie it to a constant if it is meant to be unused"),
        MEMORY_IN_FLIP_FLOPS("memory not in block RAM",
                "a block-RAM memory needs a synchronous read port, no reset and no more ports than the RAM has"),
        OTHER("other Yosys check problem", "see the Yosys message");

        private final String label;
        private final String fix;

        Kind(String label, String fix) {
            this.label = label;
            this.fix = fix;
        }

        public String label() {
            return label;
        }

        public String fix() {
            return fix;
        }
    }

    @Override
    public String toString() {
        return kind.label() + ": " + subject + " (in " + module + ")" + (detail.isEmpty() ? "" : " [" + detail + "]")
                + "; fix: " + kind.fix();
    }
}
