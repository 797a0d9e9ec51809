package dev.neuroforge.config;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.array.ArrayBuilder;
import dev.neuroforge.generator.array.ArrayParams;
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
import dev.neuroforge.generator.tile.TileBuilder;
import dev.neuroforge.generator.tile.TileParams;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every block a config can name: its key in the config file, its parameter record, its builder and a
 * one-line description. Adding a block to the tool is one line here.
 */
public final class Blocks {
    /** One generatable block. */
    public record Block<P extends BlockParams>(String name, Class<P> type, Function<JsonParams, P> reader,
            Function<P, Design> builder, String description) {
        /** Builds {@code params}, which must be of this block's type. */
        public Design build(BlockParams params) {
            return builder.apply(type.cast(params));
        }
    }

    private static final Map<String, Block<?>> ALL = new LinkedHashMap<>();

    static {
        add(new Block<>("router", RouterParams.class, RouterParams::fromJson, RouterBuilder::build,
                "5-port XY wormhole router (flitWidth, bufferDepth, multicast, voq)"));
        add(new Block<>("mesh", MeshParams.class, MeshParams::fromJson, MeshBuilder::build,
                "cols x rows mesh of routers, local ports exposed (cols, rows, router)"));
        add(new Block<>("scdq", ScdqParams.class, ScdqParams::fromJson, ScdqBuilder::build,
                "shared circular delay queue (maxDelay, capacity, eventWidth)"));
        add(new Block<>("ringbuf", RingBufferParams.class, RingBufferParams::fromJson, RingBufferBuilder::build,
                "per-neuron ring buffer of future input, SCDQ baseline (neurons, maxDelay, accWidth, valueWidth)"));
        add(new Block<>("npe", NpeParams.class, NpeParams::fromJson, NpeBuilder::build,
                "NPE cluster + loop controller (lanes, weightBits, stateBits, valueBits, rfDepth, memDepth)"));
        add(new Block<>("core", CoreParams.class, CoreParams::fromJson, CoreBuilder::build,
                "RV32IM controller core with RVFI-style retirement port (mExtension, fastMul, resetPc)"));
        add(new Block<>("tile", TileParams.class, TileParams::fromJson, TileBuilder::build,
                "core tile: core, IMEM, DMEM, NPE, SCDQ, event units, router (core, npe, scdq, router, imemWords, dmemWords, routeEntries, eventFifoDepth)"));
        add(new Block<>("array", ArrayParams.class, ArrayParams::fromJson, ArrayBuilder::build,
                "cols x rows core tiles on a mesh with host streams, load port and done (cols, rows, tile)"));
    }

    private Blocks() {
    }

    private static void add(Block<?> b) {
        ALL.put(b.name(), b);
    }

    /** All blocks, in registration order. */
    public static Collection<Block<?>> all() {
        return ALL.values();
    }

    public static Optional<Block<?>> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** The block whose parameter record is {@code params}' class. */
    public static Block<?> of(BlockParams params) {
        for (Block<?> b : ALL.values()) {
            if (b.type() == params.getClass()) {
                return b;
            }
        }
        throw new IllegalArgumentException(params.getClass().getName() + " is not a registered block");
    }
}
