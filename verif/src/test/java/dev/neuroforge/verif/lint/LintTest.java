package dev.neuroforge.verif.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.neuroforge.sim.Verilator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated block, in several configurations, passes {@code verilator --lint-only -Wall}
 * with no warning at all (the only waiver is the documented PINCONNECTEMPTY around the mesh's
 * open edge pins).
 */
class LintTest {
    static Stream<Design> designs() {
        return Stream.of(
                RouterBuilder.build(new RouterParams(16, 2)),
                RouterBuilder.build(RouterParams.defaults()),
                RouterBuilder.build(new RouterParams(17, 5)),
                RouterBuilder.build(new RouterParams(64, 8)),
                RouterBuilder.build(new RouterParams(256, 3)),
                MeshBuilder.build(new MeshParams(1, 1)),
                MeshBuilder.build(new MeshParams(3, 5, new RouterParams(16, 2))),
                MeshBuilder.build(new MeshParams(2, 7, new RouterParams(128, 4))),
                MeshBuilder.build(new MeshParams(16, 16)),
                RouterBuilder.build(new RouterParams(24, 2, true)),
                MeshBuilder.build(new MeshParams(3, 2, new RouterParams(64, 4, true))),
                MeshBuilder.build(new MeshParams(16, 16, new RouterParams(32, 4, true))),
                RouterBuilder.build(RouterParams.defaults().withVoq(true)),
                RouterBuilder.build(RouterParams.defaults().withWrr(true)),
                RouterBuilder.build(new RouterParams(24, 2, true, true, true)),
                MeshBuilder.build(new MeshParams(1, 1, RouterParams.defaults().withWrr(true))),
                MeshBuilder.build(new MeshParams(3, 5, new RouterParams(40, 2, true, true, true))),
                ScdqBuilder.build(ScdqParams.defaults()),
                ScdqBuilder.build(new ScdqParams(1, 2, 1)),
                ScdqBuilder.build(new ScdqParams(255, 100, 40)),
                ScdqBuilder.build(new ScdqParams(7, 5, 200)),
                ScdqBuilder.build(new ScdqParams(25, 1024, 32, true)),
                ScdqBuilder.build(new ScdqParams(1, 2, 1, true)),
                RingBufferBuilder.build(RingBufferParams.defaults()),
                RingBufferBuilder.build(new RingBufferParams(5, 3, 6, 1)),
                RingBufferBuilder.build(new RingBufferParams(37, 255, 12, 5)),
                RingBufferBuilder.build(new RingBufferParams(2, 1, 2, 2)),
                NpeBuilder.build(NpeParams.defaults()),
                NpeBuilder.build(new NpeParams(1, 4, 16, 2, 2, 2)),
                NpeBuilder.build(new NpeParams(3, 16, 32, 16, 5, 7)),
                NpeBuilder.build(new NpeParams(32, 4, 20, 5, 17, 33)),
                NpeBuilder.build(new NpeParams(16, 16, 16, 16, 4, 16)),
                NpeBuilder.build(new NpeParams(5, 8, 24, 3, 40, 100)),
                CoreBuilder.build(CoreParams.defaults()),
                CoreBuilder.build(new CoreParams(false, false, 0)),
                CoreBuilder.build(new CoreParams(true, true, 0x100)),
                TileBuilder.build(TileParams.defaults()),
                TileBuilder.build(TileConfigs.small()),
                TileBuilder.build(TileConfigs.wide()),
                TileBuilder.build(TileConfigs.odd()),
                ArrayBuilder.build(new ArrayParams(1, 1, TileConfigs.small())),
                ArrayBuilder.build(ArrayParams.defaults()),
                ArrayBuilder.build(new ArrayParams(3, 2, TileConfigs.odd())),
                ArrayBuilder.build(new ArrayParams(2, 3, TileConfigs.wide())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void generatedVerilogIsLintClean(Design d, @TempDir Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("--lint-only", "-Wall", "--top-module", d.top()));
        args.addAll(d.writeVerilog(dir).stream().map(Path::toString).toList());
        String out = Verilator.find().run(args, dir, "Linting " + d.top());
        assertEquals("", out.strip(), "verilator -Wall printed warnings for " + d.top());
    }
}
