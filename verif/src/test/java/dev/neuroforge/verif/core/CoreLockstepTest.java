package dev.neuroforge.verif.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.verif.common.Seeds;
import java.io.IOException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RTL core retires every instruction of the firmware's ISA tests and C programs exactly as the
 * ISS does (Lockstep compares each RVFI record field by field), with and without random stalls
 * on its memory ports, in each configuration; and the comparison does fail on a broken core.
 */
class CoreLockstepTest {
    private static final CoreParams DEFAULT = CoreParams.defaults();
    private static final CoreParams FAST_MUL = new CoreParams(true, true, 0);
    private static final CoreParams RV32I = new CoreParams(false, false, 0);

    static Stream<String> isaTests() {
        return Firmware.isaTests().stream();
    }

    static Stream<String> cPrograms() {
        return Firmware.cPrograms().stream();
    }

    private static Elf elf(String name) throws IOException {
        return Elf.read(Firmware.elf(name));
    }

    private static void assertPass(String name, Lockstep.Result r) {
        System.out.println("[lockstep] " + name + ": " + r.summary());
        assertEquals(Lockstep.Outcome.PASS, r.outcome(), name + ": " + r.summary() + "\n" + r.report());
        assertTrue(r.instructions() > 50, name + " ran: " + r.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isaTests")
    void everyIsaTestRetiresExactlyAsOnTheIss(String name) throws IOException {
        assertPass(name, Lockstep.run(elf(name), DEFAULT, null, 0, 0, 2_000_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isaTests")
    void everyIsaTestStillMatchesWhenBothMemoryPortsStallAtRandom(String name) throws IOException {
        long seed = Seeds.seed("CoreLockstepTest#everyIsaTestStillMatchesWhenBothMemoryPortsStallAtRandom", name);
        Lockstep.Result r = Lockstep.run(elf(name), DEFAULT, new Random(seed), 0.3, 0.3, 4_000_000);
        assertPass(name + " with stalls", r);
        assertTrue(r.cpi() > 1.2, "the stalls happened: " + r.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isaTests")
    void everyIsaTestMatchesOnTheOneCycleMultiplierCore(String name) throws IOException {
        assertPass(name + " (fastMul)", Lockstep.run(elf(name), FAST_MUL, null, 0, 0, 2_000_000));
    }

    /** muldiv multiplies; csr checks that misa reports M. */
    private static final java.util.Set<String> NEED_M = java.util.Set.of("isa/muldiv", "isa/csr");

    @Test
    void withoutTheMExtensionMultiplyAndDivideTrapExactlyAsOnAnIssWithoutM() throws IOException {
        for (String name : Firmware.isaTests()) {
            Lockstep.Result r = Lockstep.run(elf(name), RV32I, null, 0, 0, 200_000);
            System.out.println("[lockstep] rv32i " + name + ": " + r.summary());
            assertNotEquals(Lockstep.Outcome.MISMATCH, r.outcome(), name + ":\n" + r.report());
            if (NEED_M.contains(name)) {
                assertNotEquals(Lockstep.Outcome.PASS, r.outcome(), name + " cannot pass without M");
            } else {
                assertEquals(Lockstep.Outcome.PASS, r.outcome(), name + " needs no M: " + r.summary());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cPrograms")
    void everyCProgramComputesTheRightAnswerInLockstep(String name) throws IOException {
        Lockstep.Result r = Lockstep.run(elf(name), DEFAULT, null, 0, 0, 20_000_000);
        assertPass(name, r);
        // crc32("123456789") = cbf43926 and adler32("Wikipedia") = 11e60398 are the published check values.
        String expect = name.equals("c/checksum") ? "crc32(123456789) = cbf43926\nadler32(Wikipedia) = 11e60398\n"
                : "sorted 000000c8 numbers, min ";
        assertTrue(r.console().startsWith(expect), name + " printed:\n" + r.console());
        assertTrue(r.cpi() < 1.5, name + " CPI " + r.cpi());
    }

    /** The default core without the load-use check on rs1 (it reads a stale register): a classic hazard bug. */
    static Design coreWithoutLoadUseCheck() {
        GeneratedModule m = CoreBuilder.build(DEFAULT).topModule();
        String good = "wire load_use_a  = wb_load_rd && uses_rs1 && wb_rd_q == rs1;";
        assertTrue(m.source().contains(good), "the hazard check to break is in the template");
        String bad = m.source().replace(good, "wire load_use_a  = 1'b0;")
                .replace("module " + m.name() + " (", "module " + m.name() + "_hazardbug (");
        return Design.builder().add(new GeneratedModule(m.name() + "_hazardbug", bad, m.parameters())).build();
    }

    @Test
    void aLoadUseHazardBugInjectedIntoTheRtlIsCaughtWithAReadableReport() throws IOException {
        Lockstep.Result r = Lockstep.run(coreWithoutLoadUseCheck(), true, elf("isa/mem"), null, 0, 0, 2_000_000);
        System.out.println("[lockstep] broken core on isa/mem: " + r.summary() + "\n" + r.report());
        assertEquals(Lockstep.Outcome.MISMATCH, r.outcome(), r.summary());
        String rep = r.report();
        assertTrue(rep.startsWith("lockstep mismatch at instruction #"), rep);
        assertTrue(rep.matches("(?s).*rs1_rdata +\\S+ +\\S+ +<-- differs.*"), "field-by-field table:\n" + rep);
        assertTrue(rep.contains("  ISS: #") && rep.contains("  RTL: #"), "both retirements described:\n" + rep);
        assertTrue(rep.contains("preceding instructions"), rep);
    }

    /** The default core with the interrupt priority swapped (timer before external). */
    static Design coreWithTimerBeforeExternal() {
        GeneratedModule m = CoreBuilder.build(DEFAULT).topModule();
        String good = "wire [3:0] irq_cause = irq_ext ? IRQ_EXTERNAL : IRQ_TIMER;";
        assertTrue(m.source().contains(good), "the priority to break is in the template");
        String bad = m.source().replace(good, "wire [3:0] irq_cause = irq_tmr ? IRQ_TIMER : IRQ_EXTERNAL;")
                .replace("module " + m.name() + " (", "module " + m.name() + "_irqbug (");
        return Design.builder().add(new GeneratedModule(m.name() + "_irqbug", bad, m.parameters())).build();
    }

    @Test
    void anInterruptPriorityBugInjectedIntoTheRtlIsCaughtAtTheHandlerEntry() throws IOException {
        Lockstep.Result r = Lockstep.run(coreWithTimerBeforeExternal(), true, elf("isa/irq"), null, 0, 0, 2_000_000);
        System.out.println("[lockstep] broken core on isa/irq: " + r.summary() + "\n" + r.report());
        assertEquals(Lockstep.Outcome.MISMATCH, r.outcome(), r.summary());
        assertTrue(r.report().contains("the RTL took interrupt cause 7 but the ISS would take cause 11"), r.report());
    }
}
