package dev.neuroforge.generator.tile;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.scdq.ScdqParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of one core tile (docs/tile.md): the blocks it is made of and the sizes of its own
 * memories. The tile's mesh coordinates are ports, not parameters, so one module serves every tile.
 *
 * @param core           the controller core; {@code resetPc} must be 0 (the IMEM base)
 * @param npe            the NPE cluster
 * @param scdq           the delay queue; {@code eventWidth} must be 32 ({value, axon}) and
 *                       {@code lossy} false (the tile never drops an event)
 * @param router         the tile's router
 * @param imemWords      instruction memory, 32-bit words, 256..16384
 * @param dmemWords      data memory, 32-bit words, 256..16384
 * @param routeEntries   words of the event-out entry memory RTENT, 16..65536
 * @param eventFifoDepth packets the event-in FIFO holds, 2..64
 * @param fanoutWords    words of the fan-out table memory FANTAB (axon and segment tables the
 *                       fan-out unit reads), 64..65536
 */
public record TileParams(CoreParams core, NpeParams npe, ScdqParams scdq, RouterParams router, int imemWords,
        int dmemWords, int routeEntries, int eventFifoDepth, int fanoutWords) implements BlockParams {
    public static final int DEFAULT_IMEM_WORDS = 2048;
    public static final int DEFAULT_DMEM_WORDS = 4096;
    public static final int DEFAULT_ROUTE_ENTRIES = 1024;
    public static final int DEFAULT_EVENT_FIFO_DEPTH = 8;
    public static final int DEFAULT_FANOUT_WORDS = 4096;
    /** The SCDQ event of the tile: {value[31:16], axon[15:0]}. */
    public static final int EVENT_WIDTH = 32;

    public TileParams {
        ParameterException.requireNonNull("core", core);
        ParameterException.requireNonNull("npe", npe);
        ParameterException.requireNonNull("scdq", scdq);
        ParameterException.requireNonNull("router", router);
        if (core.resetPc() != 0) {
            throw new ParameterException("core.resetPc", core.resetPc(), "must be 0 in a tile (the IMEM base)");
        }
        if (scdq.eventWidth() != EVENT_WIDTH) {
            throw new ParameterException("scdq.eventWidth", scdq.eventWidth(),
                    "must be 32 in a tile (the event is {value[31:16], axon[15:0]})");
        }
        if (router.voq()) {
            throw new ParameterException("router.voq", true,
                    "must be false in a tile (the tile wires the router's valid/ready ports only; voq adds room ports)");
        }
        if (scdq.lossy()) {
            throw new ParameterException("scdq.lossy", true, "must be false in a tile (a full SCDQ back-pressures)");
        }
        ParameterException.requireInRange("imemWords", imemWords, 256, 16384);
        ParameterException.requireInRange("dmemWords", dmemWords, 256, 16384);
        ParameterException.requireInRange("routeEntries", routeEntries, 16, 65536);
        ParameterException.requireInRange("eventFifoDepth", eventFifoDepth, 2, 64);
        ParameterException.requireInRange("fanoutWords", fanoutWords, 64, 65536);
    }

    /** The tile's default NPE cluster: L 8, W 8, S 16, V 16, R 64, M 2048. */
    public static NpeParams defaultNpe() {
        return new NpeParams(8, 8, 16, 16, 64, 2048);
    }

    /** The tile's default SCDQ: D 15, C 1024, 32-bit events, back-pressure. */
    public static ScdqParams defaultScdq() {
        return new ScdqParams(15, 1024, EVENT_WIDTH, false);
    }

    public static TileParams defaults() {
        return new TileParams(CoreParams.defaults(), defaultNpe(), defaultScdq(), RouterParams.defaults(),
                DEFAULT_IMEM_WORDS, DEFAULT_DMEM_WORDS, DEFAULT_ROUTE_ENTRIES, DEFAULT_EVENT_FIFO_DEPTH,
                DEFAULT_FANOUT_WORDS);
    }

    /**
     * JSON entry point: absent fields take the tile's defaults; a nested record that is present is
     * read by its own {@code fromJson} (so its absent fields take that block's defaults).
     */
    public static TileParams fromJson(JsonParams j) {
        j.allow("core", "npe", "scdq", "router", "imemWords", "dmemWords", "routeEntries", "eventFifoDepth",
                "fanoutWords");
        return j.build(() -> new TileParams(
                j.object("core", "core parameters", CoreParams::fromJson, CoreParams::defaults),
                j.object("npe", "npe parameters", NpeParams::fromJson, TileParams::defaultNpe),
                j.object("scdq", "scdq parameters", ScdqParams::fromJson, TileParams::defaultScdq),
                j.object("router", "router parameters", RouterParams::fromJson, RouterParams::defaults),
                j.integer("imemWords", DEFAULT_IMEM_WORDS), j.integer("dmemWords", DEFAULT_DMEM_WORDS),
                j.integer("routeEntries", DEFAULT_ROUTE_ENTRIES), j.integer("eventFifoDepth", DEFAULT_EVENT_FIFO_DEPTH),
                j.integer("fanoutWords", DEFAULT_FANOUT_WORDS)));
    }

    /** This tile with another NPE cluster. */
    public TileParams withNpe(NpeParams n) {
        return new TileParams(core, n, scdq, router, imemWords, dmemWords, routeEntries, eventFifoDepth, fanoutWords);
    }

    /** This tile with another SCDQ depth and capacity. */
    public TileParams withScdq(int maxDelay, int capacity) {
        return new TileParams(core, npe, new ScdqParams(maxDelay, capacity, EVENT_WIDTH, false), router, imemWords,
                dmemWords, routeEntries, eventFifoDepth, fanoutWords);
    }

    /** This tile with other memory sizes. */
    public TileParams withMemories(int imem, int dmem, int entries) {
        return new TileParams(core, npe, scdq, router, imem, dmem, entries, eventFifoDepth, fanoutWords);
    }

    /** This tile with another fan-out table size. */
    public TileParams withFanoutWords(int words) {
        return new TileParams(core, npe, scdq, router, imemWords, dmemWords, routeEntries, eventFifoDepth, words);
    }

    /** This tile with another router. */
    public TileParams withRouter(RouterParams r) {
        return new TileParams(core, npe, scdq, r, imemWords, dmemWords, routeEntries, eventFifoDepth, fanoutWords);
    }

    /** Flits of one event packet on this tile's links. */
    public int eventFlits() {
        return new PacketFormat(router.flitWidth()).flitsFor(PacketFormat.EVENT_PAYLOAD_BITS);
    }

    /**
     * {@code nf_tile_<core>_l<L>_w<W>_s<S>_v<V>_r<R>_m<M>_d<D>_c<C>_f<flit>b<buffer>_i<imem>_dm<dmem>_rt<entries>_q<fifo>_ft<fanoutWords>},
     * e.g. {@code nf_tile_rv32im_l8_w8_s16_v16_r64_m2048_d15_c1024_f32b4_i2048_dm4096_rt1024_q8_ft4096}.
     */
    public String moduleName() {
        return "nf_tile_" + core.moduleName().substring("nf_core_".length()) + "_l" + npe.lanes() + "_w"
                + npe.weightBits() + "_s" + npe.stateBits() + "_v" + npe.valueBits() + "_r" + npe.rfDepth() + "_m"
                + npe.memDepth() + "_d" + scdq.maxDelay() + "_c" + scdq.capacity() + "_f" + router.flitWidth() + "b"
                + router.bufferDepth() + "_i" + imemWords + "_dm" + dmemWords + "_rt" + routeEntries + "_q"
                + eventFifoDepth + "_ft" + fanoutWords;
    }

    /** The event-in unit: depends on the flit width, D and the FIFO depth. */
    public String evinModuleName() {
        return "nf_tile_evin_f" + router.flitWidth() + "_d" + scdq.maxDelay() + "_q" + eventFifoDepth;
    }

    /** The event-out unit: depends on the flit width, S, the neurons (L x R) and RTENT's size. */
    public String evoutModuleName() {
        return "nf_tile_evout_f" + router.flitWidth() + "_s" + npe.stateBits() + "_n" + npe.neurons() + "_rt"
                + routeEntries;
    }

    /** The fan-out unit: depends on the NPE's bus (L, R, M) and FANTAB's size. */
    public String fanoutModuleName() {
        return "nf_tile_fanout_l" + npe.lanes() + "_r" + npe.rfDepth() + "_m" + npe.memDepth() + "_ft" + fanoutWords;
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        core.asMap().forEach((k, v) -> m.put("core." + k, v));
        npe.asMap().forEach((k, v) -> m.put("npe." + k, v));
        scdq.asMap().forEach((k, v) -> m.put("scdq." + k, v));
        router.asMap().forEach((k, v) -> m.put("router." + k, v));
        m.put("imemWords", imemWords);
        m.put("dmemWords", dmemWords);
        m.put("routeEntries", routeEntries);
        m.put("eventFifoDepth", eventFifoDepth);
        m.put("fanoutWords", fanoutWords);
        return m;
    }
}
