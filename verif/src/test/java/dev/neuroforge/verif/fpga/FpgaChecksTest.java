package dev.neuroforge.verif.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.TemplateRenderer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each check of the FPGA flow fails on a deliberately broken template (under
 * {@code src/test/resources/templates/fpgatest/}, rendered by the real renderer) and names the culprit;
 * a correct memory passes, so the checks are not failing everything.
 */
class FpgaChecksTest {
    private static final FpgaFlow FLOW = new FpgaFlow(FpgaFlow.Options.synthesisOnly());

    private static GeneratedModule render(String template, String module, Map<String, Object> values) {
        return TemplateRenderer.render("fpgatest/" + template + ".v.vm", module, "deliberately broken test module",
                Map.of(), values);
    }

    private static Design design(GeneratedModule m) {
        return Design.builder().add(m).build();
    }

    private static FpgaCheckException failure(GeneratedModule m) {
        return assertThrows(FpgaCheckException.class, () -> FLOW.run(m.name(), design(m)));
    }

    private static Finding only(FpgaCheckException e, Finding.Kind kind) {
        List<Finding> of = e.findings().stream().filter(f -> f.kind() == kind).toList();
        assertEquals(1, of.size(), "one " + kind + " finding in:\n" + e.getMessage());
        return of.get(0);
    }

    private static Map<String, Object> ram(int width, int depth) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("width", width);
        v.put("depth", depth);
        v.put("msb", width - 1);
        v.put("last", depth - 1);
        v.put("aMsb", 32 - Integer.numberOfLeadingZeros(depth - 1) - 1);
        return v;
    }

    @Test
    void aLatchFailsTheFlowAndNamesTheSignal() {
        FpgaCheckException e = failure(render("latch", "nf_test_latch", Map.of()));
        assertEquals("nf_test_latch.q_o", only(e, Finding.Kind.LATCH).subject());
        assertTrue(e.getMessage().contains("latch inferred: nf_test_latch.q_o"), e.getMessage());
    }

    @Test
    void aLatchInASubmoduleFailsAFlowThatSynthesizesOnlyTheTop() {
        GeneratedModule latch = render("latch", "nf_test_latch", Map.of());
        GeneratedModule top = new GeneratedModule("nf_test_top", """
                module nf_test_top (
                  input  wire clk_i,
                  input  wire en_i,
                  input  wire d_i,
                  output reg  q_o
                );
                  wire l_w;
                  nf_test_latch u_latch (.en_i(en_i), .d_i(d_i), .q_o(l_w));
                  always @(posedge clk_i) q_o <= l_w;
                endmodule
                """, Map.of());
        Design d = Design.builder().add(latch).add(top).build();
        FpgaFlow topOnly = new FpgaFlow(new FpgaFlow.Options(false, false, false, 600));
        FpgaCheckException e = assertThrows(FpgaCheckException.class, () -> topOnly.run("hier", d));
        assertEquals("nf_test_latch.q_o", only(e, Finding.Kind.LATCH).subject());
        assertEquals("nf_test_top", only(e, Finding.Kind.LATCH).module(), "found while synthesizing the top");
    }

    @Test
    void twoDriversOfOneOutputFailTheFlow() {
        FpgaCheckException e = failure(render("multi_driver", "nf_test_multi", Map.of()));
        Finding f = only(e, Finding.Kind.MULTIPLE_DRIVERS);
        assertTrue(f.subject().startsWith("nf_test_multi."), f.toString());
        assertTrue(f.detail().contains("a_i") && f.detail().contains("b_i"), "both drivers named: " + f);
    }

    @Test
    void aCombinationalLoopFailsTheFlow() {
        FpgaCheckException e = failure(render("loop", "nf_test_loop", Map.of()));
        Finding f = only(e, Finding.Kind.COMBINATIONAL_LOOP);
        assertTrue(f.subject().contains("nf_test_loop"), f.toString());
        assertTrue(f.detail().contains("$and") && f.detail().contains("$xor"), "loop members named: " + f);
    }

    @Test
    void anUndrivenOutputFailsTheFlowWithItsBits() {
        FpgaCheckException e = failure(render("undriven", "nf_test_undriven", Map.of()));
        Finding f = only(e, Finding.Kind.UNDRIVEN);
        assertEquals("nf_test_undriven.u_o", f.subject());
        assertTrue(f.detail().contains("0") && f.detail().contains("3"), f.toString());
        assertTrue(e.findings().stream().noneMatch(g -> g.subject().endsWith(".y_o")), "y_o is driven");
    }

    @Test
    void aBlockRamMemoryThatBecameFlipFlopsFailsTheFlow() {
        GeneratedModule m = render("async_read_ram", "nf_test_async_ram", ram(8, 64))
                .withMemories(Memory.blockRam("mem_q", 8, 64));
        FpgaCheckException e = failure(m);
        Finding f = only(e, Finding.Kind.MEMORY_IN_FLIP_FLOPS);
        assertTrue(f.subject().startsWith("nf_test_async_ram.mem_q (8 x 64)"), f.toString());
        assertTrue(f.detail().contains("512 bits"), f.toString());
    }

    @Test
    void theSameMemoryNotMarkedForBlockRamPasses() {
        GeneratedModule m = render("async_read_ram", "nf_test_async_ram", ram(8, 64));
        FpgaResult r = FLOW.run(m.name(), design(m));
        assertEquals(0, r.topResult().brams());
        assertTrue(r.topResult().ffs() >= 512, r.topResult() + ": the memory's 512 bits are flip-flops");
    }

    @Test
    void aRomLoadedFromItsImageMapsToBlockRamAndPasses() {
        List<BigInteger> words = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            words.add(BigInteger.valueOf((i * 37 + 5) & 0xffff));
        }
        Map<String, Object> v = ram(16, 256);
        v.put("image", "nf_test_rom.hex");
        GeneratedModule m = render("rom", "nf_test_rom", v)
                .withMemories(new Memory("rom_q", 16, 256, true, "nf_test_rom.hex", words));
        FpgaResult r = FLOW.run(m.name(), design(m));
        ModuleResult top = r.topResult();
        assertEquals(1, top.brams(), top.toString());
        assertTrue(top.ffs() < 32, top + ": no memory bits in flip-flops");
        assertNotNull(r.yosys());
    }
}
