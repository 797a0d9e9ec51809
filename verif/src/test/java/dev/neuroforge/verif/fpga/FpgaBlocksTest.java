package dev.neuroforge.verif.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.config.Blocks;
import dev.neuroforge.config.DesignConfig;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.fpga.ScanWrapperBuilder;
import dev.neuroforge.sim.ExternalCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered block, in its small CI configuration, goes through the FPGA flow's synthesis
 * and checks; one small design is also placed and routed for an Fmax.
 */
class FpgaBlocksTest {
    static Stream<Blocks.Block<?>> blocks() {
        return Blocks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void everyModuleOfTheSmallConfigSynthesizesAndPassesTheChecks(Blocks.Block<?> block) {
        DesignConfig c = FpgaBlocks.small(block);
        Design d = c.build();
        FpgaResult r = new FpgaFlow(FpgaFlow.Options.synthesisOnly()).run(c.name(), d);
        assertEquals(d.modules().stream().map(GeneratedModule::name).toList(),
                r.modules().stream().map(ModuleResult::module).toList(), "one result per module, top last");
        int expectedBrams = 0;
        for (GeneratedModule m : d.modules()) {
            expectedBrams += (int) m.memories().stream().filter(Memory::blockRam).count();
        }
        for (ModuleResult m : r.modules()) {
            assertTrue(m.cells() > 0 && m.luts() + m.ffs() + m.brams() > 0, m.toString());
        }
        ModuleResult top = r.topResult();
        assertEquals(d.top(), top.module());
        assertTrue(top.brams() >= Math.min(expectedBrams, 1), top + ": block-RAM memories in the design");
        System.out.println("[fpga] " + c.name() + ": " + top);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void everyBlockHasADefaultASmallAndASweepConfigThatBuild(Blocks.Block<?> block) {
        assertEquals(block.name(), FpgaBlocks.defaults(block).block());
        assertNotNull(FpgaBlocks.defaults(block).build().top());
        assertNotNull(FpgaBlocks.small(block).build().top());
        FpgaBlocks.Sweep s = FpgaBlocks.sweep(block);
        assertTrue(s.points().size() >= 2, block.name() + " sweeps at least two points of " + s.parameter());
        assertEquals(s.points().size(), s.points().stream().map(c -> c.build().top()).distinct().count(),
                "each sweep point is a different design");
    }

    @Test
    void placeAndRouteGivesTheSmallRouterAnFmax() {
        DesignConfig c = FpgaBlocks.small(Blocks.named("router").orElseThrow());
        FpgaResult r = new FpgaFlow(new FpgaFlow.Options(false, true, false, 900)).run(c.name(), c.build());
        ModuleResult top = r.topResult();
        assertNotNull(top.fmaxMhz(), top.toString());
        assertTrue(top.fmaxMhz() > 5 && top.fmaxMhz() < 1000, top + ": an iCE40 Fmax");
        assertTrue(top.pnr().contains("LCs"), top.pnr());
        System.out.println("[fpga] " + c.name() + " Fmax " + top.fmaxMhz() + " MHz: " + top.pnr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void theTimingWrapperOfTheSmallConfigIsLintClean(Blocks.Block<?> block, @TempDir Path dir) throws IOException {
        Design d = FpgaBlocks.small(block).build();
        GeneratedModule w = ScanWrapperBuilder.build(d.topModule()).orElseThrow();
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", w.name()));
        d.writeVerilog(dir).forEach(f -> cmd.add(f.toString()));
        cmd.add(Files.writeString(dir.resolve(w.fileName()), w.source()).toString());
        String out = ExternalCommand.require(cmd, dir, 300, "Verilator lint of " + w.name(),
                "install it with `apt-get install -y verilator`, or run `make deps`");
        assertTrue(out.isBlank(), out);
    }
}
