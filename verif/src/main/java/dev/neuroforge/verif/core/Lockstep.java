package dev.neuroforge.verif.core;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.core.CoreParams;
import java.util.OptionalInt;

/**
 * Runs the RTL core and the {@link Iss} side by side and compares every retired instruction field
 * by field. It stops at the first difference with a readable report: order, pc, the instruction
 * disassembled, and expected (ISS) against got (RTL) for every field, plus the instructions that
 * led there.
 *
 * <p>The two run on separate platforms loaded with the same program. Where the two may
 * legitimately differ, the RTL's value is handed to the ISS: MMIO loads (mtime counts clock cycles
 * on the RTL, instructions on the ISS) and CSR reads of mcycle, mcycleh and mip
 * ({@link Iss#overrideNextLoad}). Interrupts are taken where the RTL took them
 * ({@link Iss#takeInterrupt}), after the ISS's timer has been set to the RTL's time of entry; the
 * ISS must find that interrupt pending and enabled, and the one it would pick itself.
 */
public final class Lockstep {
    /** How a lockstep run ended. */
    public enum Outcome { PASS, FAIL, MISMATCH, TIMEOUT }

    /** The result: outcome, the tohost word, counts, and the report (empty unless MISMATCH or TIMEOUT). */
    public record Result(Outcome outcome, OptionalInt tohost, long instructions, long cycles, long interrupts,
            String console, String report) {
        public boolean passed() {
            return outcome == Outcome.PASS;
        }

        /** Cycles per retired instruction on the RTL. */
        public double cpi() {
            return instructions == 0 ? 0 : (double) cycles / instructions;
        }

        public String summary() {
            return outcome + " tohost=" + (tohost.isPresent() ? MemoryMap.hex(tohost.getAsInt()) : "-") + " instructions="
                    + instructions + " cycles=" + cycles + String.format(" cpi=%.3f", cpi()) + " interrupts=" + interrupts;
        }
    }

    /** Cycles without a retirement after which the RTL is reported stuck. */
    public static final int WATCHDOG = 5_000;

    private final CoreHarness rtl;
    private final Iss iss;
    private final Platform issPlatform;
    private final RetireChecker checker;

    /**
     * @param rtl         the RTL core on its platform (program loaded, tohost watched)
     * @param iss         the ISS, on {@code issPlatform}, at the program's entry
     * @param issPlatform a second platform with the same program
     */
    public Lockstep(CoreHarness rtl, Iss iss, Platform issPlatform) {
        this.rtl = rtl;
        this.iss = iss;
        this.issPlatform = issPlatform;
        this.checker = new RetireChecker(iss, issPlatform::isMmio);
    }

    /**
     * Runs {@code elf} in lockstep on a core built from {@code params} (its reset pc must be the
     * ELF's entry) with an ISS of the same ISA, the core's ports stalled at random when
     * {@code stalls} is given.
     */
    public static Result run(Elf elf, CoreParams params, java.util.Random stalls, double imemStall, double dmemStall,
            long maxCycles) {
        return run(CoreBuilder.build(params), params.mExtension(), elf, stalls, imemStall, dmemStall, maxCycles);
    }

    /** As above for an already generated core design (tests use it for deliberately broken variants). */
    public static Result run(Design core, boolean mExtension, Elf elf, java.util.Random stalls, double imemStall,
            double dmemStall, long maxCycles) {
        Platform rp = ElfRunner.platformFor(elf);
        Platform ip = ElfRunner.platformFor(elf);
        Iss iss = new Iss(ip, mExtension);
        iss.setPc(elf.entry());
        try (CoreHarness h = new CoreHarness(core, rp)) {
            if (stalls != null) {
                h.stalls(stalls, imemStall, dmemStall);
            }
            return new Lockstep(h, iss, ip).run(maxCycles);
        }
    }

    /** Runs until the RTL's program writes tohost (then drains the pipeline), a mismatch, or {@code maxCycles}. */
    public Result run(long maxCycles) {
        Platform rp = rtl.platform();
        long lastRetire = rtl.cycles();
        long drainUntil = -1;
        while (rtl.cycles() < maxCycles) {
            Retire got = rtl.cycle();
            if (got != null) {
                lastRetire = rtl.cycles();
                String problem = check(got);
                if (problem != null) {
                    return result(Outcome.MISMATCH, problem);
                }
            } else if (rtl.cycles() - lastRetire > WATCHDOG) {
                return result(Outcome.MISMATCH, "the RTL retired nothing for " + WATCHDOG + " cycles (cycle " + rtl.cycles()
                        + "); the ISS is at pc " + MemoryMap.hex(iss.pc()) + "\n" + checker.historyText());
            }
            if (rp.tohost().isPresent() && drainUntil < 0) {
                drainUntil = rtl.cycles() + 4; // the tohost store retires one cycle after it reached the bus
            }
            if (drainUntil >= 0 && rtl.cycles() >= drainUntil) {
                OptionalInt want = issPlatform.tohost();
                if (!want.equals(rp.tohost())) {
                    return result(Outcome.MISMATCH, "tohost: RTL wrote " + rp.tohost() + ", ISS " + want + "\n" + checker.historyText());
                }
                if (!rp.console().equals(issPlatform.console())) {
                    return result(Outcome.MISMATCH, "console output differs:\n  RTL: " + rp.console() + "\n  ISS: "
                            + issPlatform.console());
                }
                return result(rp.tohost().getAsInt() == 1 ? Outcome.PASS : Outcome.FAIL, "");
            }
        }
        return result(Outcome.TIMEOUT, "no tohost write within " + maxCycles + " cycles; last retired:\n" + checker.historyText());
    }

    private Result result(Outcome o, String report) {
        return new Result(o, rtl.platform().tohost(), rtl.retired(), rtl.cycles(), checker.interrupts(), rtl.platform().console(), report);
    }

    /** Steps the ISS to match {@code got}; returns a report of the first difference, or null. */
    private String check(Retire got) {
        if (got.intr()) {
            CoreHarness.IrqEntry e = rtl.lastInterrupt();
            if (e == null) {
                return checker.report(got, null, "the RTL marks a handler entered by interrupt, but took no interrupt",
                        rtl.cycles());
            }
            issPlatform.setMtime(e.mtime());
            String problem = checker.enterInterrupt(got, e.cause(), "external=" + e.external() + " timer=" + e.timer()
                    + ", mtime " + e.mtime(), rtl.cycles());
            if (problem != null) {
                return problem;
            }
        }
        issPlatform.setMtime(rtl.platform().mtime());
        return checker.step(got, rtl.cycles());
    }
}
