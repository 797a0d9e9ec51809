package dev.neuroforge.verif.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.sim.ExternalCommand;
import dev.neuroforge.sim.Verilator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration of the core is lint-clean under {@code verilator --lint-only -Wall} (no
 * waivers), compiles in Icarus Verilog as Verilog-2005, and synthesizes in Yosys with no latch,
 * no multiple drivers and no warning.
 */
class CoreToolsTest {
    private static final String HINT = "install it with `apt-get install -y iverilog yosys`, or run `make deps`";

    static Stream<Design> designs() {
        return Stream.of(CoreBuilder.build(CoreParams.defaults()), CoreBuilder.build(new CoreParams(false, false, 0)),
                CoreBuilder.build(new CoreParams(true, true, 0x100)));
    }

    private static List<String> write(Design d, Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        for (GeneratedModule m : d.modules()) {
            Path f = dir.resolve(m.fileName());
            Files.writeString(f, m.source());
            files.add(f.toString());
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void verilatorLintIsSilent(Design d, @TempDir Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("--lint-only", "-Wall", "--top-module", d.top()));
        args.addAll(write(d, dir));
        String out = Verilator.find().run(args, dir, "Linting " + d.top());
        assertEquals("", out.strip(), "verilator -Wall printed warnings for " + d.top());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void icarusCompilesItAsVerilog2005(Design d, @TempDir Path dir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2005", "-Wall", "-o", dir.resolve("a.vvp").toString(),
                "-s", d.top()));
        cmd.addAll(write(d, dir));
        String out = ExternalCommand.require(cmd, dir, 600, "Icarus compile of " + d.top(), HINT);
        assertTrue(out.isBlank(), "iverilog -Wall printed:\n" + out);
    }

    static Stream<Design> synthDesigns() {
        return Stream.of(CoreBuilder.build(CoreParams.defaults()), CoreBuilder.build(new CoreParams(false, false, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("synthDesigns")
    void yosysSynthesizesItWithoutLatchesOrDriverProblems(Design d, @TempDir Path dir) throws IOException {
        String script = "read_verilog " + String.join(" ", write(d, dir)) + "; synth -top " + d.top()
                + "; check -assert; select -assert-none t:$_DLATCH* t:$dlatch t:$_SR* t:$sr; stat";
        String out = ExternalCommand.require(List.of("yosys", "-p", script), dir, 900, "Yosys synthesis of " + d.top(), HINT);
        assertTrue(out.contains("Found and reported 0 problems."), "yosys check ran");
        assertTrue(!out.contains("Warning:"), "yosys warned:\n" + out.lines().filter(l -> l.contains("Warning")).toList());
    }
}
