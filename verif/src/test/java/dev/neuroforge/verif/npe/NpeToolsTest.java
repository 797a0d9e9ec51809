package dev.neuroforge.verif.npe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.npe.NpeBuilder;
import dev.neuroforge.generator.npe.NpeParams;
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
 * The generated NPE cluster is lint clean under {@code verilator --lint-only -Wall} with no waiver,
 * compiles in Icarus as Verilog-2005, and synthesizes in Yosys with no latch and no problem found
 * by {@code check}, over the corners of its parameters (1 and 32 lanes, 4- and 16-bit weights,
 * 16- to 32-bit states, depths that are not powers of two).
 */
class NpeToolsTest {
    private static final String HINT = "install it with `apt-get install -y iverilog yosys`, or run `make deps`";

    static Stream<NpeParams> lintConfigs() {
        return Stream.of(NpeParams.defaults(), new NpeParams(1, 4, 16, 2, 2, 2), new NpeParams(3, 16, 32, 16, 5, 7),
                new NpeParams(32, 4, 20, 5, 17, 33), new NpeParams(16, 16, 16, 16, 4, 16),
                new NpeParams(5, 8, 24, 3, 40, 100));
    }

    static Stream<NpeParams> smallConfigs() {
        return Stream.of(new NpeParams(2, 4, 16, 2, 4, 4), new NpeParams(3, 16, 32, 16, 5, 7));
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
    @MethodSource("lintConfigs")
    void generatedVerilogIsLintClean(NpeParams p, @TempDir Path dir) throws IOException {
        Design d = NpeBuilder.build(p);
        List<String> args = new ArrayList<>(List.of("--lint-only", "-Wall", "--top-module", d.top()));
        args.addAll(write(d, dir));
        String out = Verilator.find().run(args, dir, "Linting " + d.top());
        assertEquals("", out.strip(), "verilator -Wall printed warnings for " + d.top());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lintConfigs")
    void icarusCompilesItAsVerilog2005(NpeParams p, @TempDir Path dir) throws IOException {
        Design d = NpeBuilder.build(p);
        List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2005", "-Wall", "-o", dir.resolve("a.vvp").toString(),
                "-s", d.top()));
        cmd.addAll(write(d, dir));
        String out = ExternalCommand.require(cmd, dir, 600, "Icarus compile of " + d.top(), HINT);
        assertTrue(out.isBlank(), "iverilog -Wall printed:\n" + out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallConfigs")
    void yosysSynthesizesItWithoutLatchesOrDriverProblems(NpeParams p, @TempDir Path dir) throws IOException {
        Design d = NpeBuilder.build(p);
        String script = "read_verilog " + String.join(" ", write(d, dir)) + "; synth -top " + d.top()
                + "; check -assert; select -assert-none t:$_DLATCH* t:$dlatch t:$_SR* t:$sr; stat";
        String out = ExternalCommand.require(List.of("yosys", "-p", script), dir, 900, "Yosys synthesis of " + d.top(), HINT);
        assertTrue(out.contains("Found and reported 0 problems."), "yosys check ran");
        assertTrue(!out.contains("Warning:"), "yosys warned:\n" + out.lines().filter(l -> l.contains("Warning")).toList());
    }
}
