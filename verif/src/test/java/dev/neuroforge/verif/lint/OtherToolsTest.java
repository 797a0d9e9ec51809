package dev.neuroforge.verif.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.generator.noc.MeshBuilder;
import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.RouterBuilder;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.generator.npe.NpeBuilder;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.ringbuf.RingBufferBuilder;
import dev.neuroforge.generator.ringbuf.RingBufferParams;
import dev.neuroforge.generator.scdq.ScdqBuilder;
import dev.neuroforge.generator.scdq.ScdqParams;
import dev.neuroforge.generator.array.ArrayBuilder;
import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.generator.tile.TileBuilder;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.verif.tile.TileConfigs;
import dev.neuroforge.sim.ExternalCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated Verilog is plain Verilog-2005 that Icarus Verilog compiles, and that Yosys
 * synthesizes with no latches and no problem reported by {@code check} (multiple drivers,
 * combinational loops, undriven signals).
 */
class OtherToolsTest {
    private static final String HINT = "install it with `apt-get install -y iverilog yosys`, or run `make deps`";

    static Stream<Design> designs() {
        return Stream.of(
                RouterBuilder.build(RouterParams.defaults()),
                RouterBuilder.build(new RouterParams(16, 2)),
                MeshBuilder.build(new MeshParams(2, 2)),
                MeshBuilder.build(new MeshParams(3, 1, new RouterParams(40, 3))),
                ScdqBuilder.build(new ScdqParams(7, 16, 8)),
                ScdqBuilder.build(new ScdqParams(6, 64, 16)),
                ScdqBuilder.build(new ScdqParams(7, 16, 8, true)),
                RingBufferBuilder.build(new RingBufferParams(10, 5, 8, 6)),
                RingBufferBuilder.build(new RingBufferParams(16, 15, 16, 8)),
                NpeBuilder.build(new NpeParams(2, 4, 16, 2, 4, 4)),
                NpeBuilder.build(new NpeParams(3, 16, 32, 16, 5, 7)),
                CoreBuilder.build(CoreParams.defaults()),
                CoreBuilder.build(new CoreParams(false, false, 0)),
                CoreBuilder.build(new CoreParams(true, true, 0x100)),
                TileBuilder.build(TileConfigs.small()),
                ArrayBuilder.build(new ArrayParams(2, 1, TileConfigs.small())));
    }

    /** Icarus is quick, so it also sees the wide and odd NPE configurations Yosys would take minutes on. */
    static Stream<Design> icarusDesigns() {
        return Stream.concat(designs(), Stream.of(
                NpeBuilder.build(NpeParams.defaults()),
                NpeBuilder.build(new NpeParams(1, 4, 16, 2, 2, 2)),
                NpeBuilder.build(new NpeParams(32, 4, 20, 5, 17, 33)),
                NpeBuilder.build(new NpeParams(5, 8, 24, 3, 40, 100)),
                TileBuilder.build(TileParams.defaults()),
                TileBuilder.build(TileConfigs.wide()),
                ArrayBuilder.build(new ArrayParams(3, 2, TileConfigs.odd()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("icarusDesigns")
    void icarusCompilesItAsVerilog2005(Design d, @TempDir Path dir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2005", "-Wall", "-o", dir.resolve("a.vvp").toString(),
                "-s", d.top()));
        cmd.addAll(d.writeVerilog(dir).stream().map(Path::toString).toList());
        String out = ExternalCommand.require(cmd, dir, 600, "Icarus compile of " + d.top(), HINT);
        assertTrue(out.isBlank(), "iverilog -Wall printed:\n" + out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void yosysSynthesizesItWithoutLatchesOrDriverProblems(Design d, @TempDir Path dir) throws IOException {
        List<String> files = d.writeVerilog(dir).stream().map(Path::toString).toList();
        String script = "read_verilog " + String.join(" ", files) + "; synth -top " + d.top()
                + "; check -assert; select -assert-none t:$_DLATCH* t:$dlatch t:$_SR* t:$sr; stat";
        String out = ExternalCommand.require(List.of("yosys", "-p", script), dir, 900, "Yosys synthesis of " + d.top(), HINT);
        assertTrue(out.contains("Found and reported 0 problems."), "yosys check ran");
        assertTrue(!out.contains("Warning:"), "yosys warned:\n" + out.lines().filter(l -> l.contains("Warning")).toList());
    }
}
