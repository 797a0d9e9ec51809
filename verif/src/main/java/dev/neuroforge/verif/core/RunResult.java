package dev.neuroforge.verif.core;

import java.util.OptionalInt;

/**
 * The outcome of running a program: PASS when it wrote 1 to tohost, FAIL(n) for (n << 1) | 1,
 * TIMEOUT when the cycle limit came first. Cycles and instructions are as the back end counts them
 * (equal on the ISS, which takes one cycle per instruction).
 */
public record RunResult(Reason reason, OptionalInt tohost, long cycles, long instructions, String console,
        String detail) {
    /** Why the run stopped. */
    public enum Reason { PASS, FAIL, TIMEOUT, TRAP_LOOP }

    /** Exit status of a run that never wrote tohost because it was stuck in a trap loop. */
    public static final int EXIT_TRAP_LOOP = 5;

    public RunResult(Reason reason, OptionalInt tohost, long cycles, long instructions, String console) {
        this(reason, tohost, cycles, instructions, console, "");
    }

    /** A run stopped in a trap loop ({@link TrapLoop}'s description). */
    public static RunResult trapLoop(String detail, long cycles, long instructions, String console) {
        return new RunResult(Reason.TRAP_LOOP, OptionalInt.empty(), cycles, instructions, console, detail);
    }

    /** Classifies a run from its tohost word (empty: no result before the limit). */
    public static RunResult of(OptionalInt tohost, long cycles, long instructions, String console) {
        Reason r = tohost.isEmpty() ? Reason.TIMEOUT : tohost.getAsInt() == 1 ? Reason.PASS : Reason.FAIL;
        return new RunResult(r, tohost, cycles, instructions, console);
    }

    /** The failing test number n of a FAIL ((n << 1) | 1 written to tohost); 0 otherwise. */
    public int failedTest() {
        return reason == Reason.FAIL ? tohost.getAsInt() >>> 1 : 0;
    }

    /** The launcher's exit status: 0 pass, 1 fail, 2 timeout, 5 trap loop. */
    public int exitCode() {
        return switch (reason) {
            case PASS -> 0;
            case FAIL -> 1;
            case TIMEOUT -> 2;
            case TRAP_LOOP -> EXIT_TRAP_LOOP;
        };
    }

    /** Cycles per instruction. */
    public double cpi() {
        return instructions == 0 ? 0 : (double) cycles / instructions;
    }

    /** One line: verdict, tohost, cycles, instructions, CPI. */
    public String summary() {
        String verdict = switch (reason) {
            case PASS -> "PASS";
            case FAIL -> "FAIL test " + failedTest() + ((tohost.getAsInt() & 1) == 0 ? " (tohost even: not the (n<<1)|1 convention)" : "");
            case TIMEOUT -> "TIMEOUT (no write to tohost)";
            case TRAP_LOOP -> "TRAP LOOP: " + detail;
        };
        return String.format("%s  tohost=%s  cycles=%d  instructions=%d  CPI=%.3f", verdict,
                tohost.isPresent() ? MemoryMap.hex(tohost.getAsInt()) : "-", cycles, instructions, cpi());
    }
}
