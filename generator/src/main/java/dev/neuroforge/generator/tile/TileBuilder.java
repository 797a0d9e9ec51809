package dev.neuroforge.generator.tile;

import static dev.neuroforge.generator.common.FifoBuilder.bitsFor;
import static dev.neuroforge.generator.common.FifoBuilder.lit;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.TemplateRenderer;
import dev.neuroforge.generator.common.FifoBuilder;
import dev.neuroforge.generator.common.SramBuilder;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.noc.Port;
import dev.neuroforge.generator.noc.RouterBuilder;
import dev.neuroforge.generator.npe.NpeBuilder;
import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.scdq.ScdqBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the core tile {@code nf_tile_...} (docs/tile.md): the core, NPE, SCDQ and router designs,
 * the memories (IMEM, four DMEM byte banks, RTIDX, RTENT), the event-in unit (with its FIFO), the
 * event-out unit, FANTAB, the fan-out unit (with its event queue), then the tile top. Widths, literals and the flit slicing of the event packet are
 * worked out here; the templates only lay the Verilog out.
 */
public final class TileBuilder {
    /** Bits of the event packet stream up to the end of the payload: 9 header bits + 40. */
    static final int PACKET_BITS = PacketFormat.HEADER_BITS + PacketFormat.EVENT_PAYLOAD_BITS;

    private TileBuilder() {
    }

    public static Design build(TileParams p) {
        Design core = CoreBuilder.build(p.core());
        Design npe = NpeBuilder.build(p.npe());
        Design scdq = ScdqBuilder.build(p.scdq());
        Design router = RouterBuilder.build(p.router());
        GeneratedModule imem = SramBuilder.build(32, p.imemWords());
        GeneratedModule dmem = SramBuilder.build(8, p.dmemWords());
        GeneratedModule rtidx = SramBuilder.build(32, p.npe().neurons());
        GeneratedModule rtent = SramBuilder.build(32, p.routeEntries());
        GeneratedModule fifo = FifoBuilder.build(40, p.eventFifoDepth());
        GeneratedModule evin = buildEventIn(p, fifo);
        GeneratedModule evout = buildEventOut(p);
        GeneratedModule fantab = SramBuilder.build(32, p.fanoutWords());
        GeneratedModule foFifo = FifoBuilder.build(33, TileMap.FANOUT_QUEUE_DEPTH);
        GeneratedModule fanout = buildFanout(p, foFifo);

        NpeMap map = new NpeMap(p.npe());
        int ab = map.addrBits();
        int cw = bitsFor(p.scdq().capacity());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("coreName", core.top());
        v.put("npeName", npe.top());
        v.put("scdqName", scdq.top());
        v.put("routerName", router.top());
        v.put("evinName", evin.name());
        v.put("evoutName", evout.name());
        v.put("fanoutName", fanout.name());
        v.put("fantabRam", fantab.name());
        v.put("fanoutWords", p.fanoutWords());
        v.put("fantabEnd", hex32(TileMap.FANTAB_BASE + 4L * p.fanoutWords()));
        v.put("fantabHi", bitsFor(p.fanoutWords() - 1) + 1);
        v.put("tMsb", bitsFor(p.fanoutWords() - 1) - 1);
        v.put("fanoutOff", String.format("8'h%02x", TileMap.FANOUT));
        v.put("updateOff", String.format("8'h%02x", TileMap.UPDATE));
        v.put("updlistOff", String.format("8'h%02x", TileMap.UPDLIST));
        int slotBits = bitsFor(p.scdq().maxDelay());  // the delay tag's width: 2^bits > maxDelay
        v.put("slots", 1 << slotBits);
        v.put("slotLast", (1 << slotBits) - 1);
        v.put("keyBits", 16 * (1 << slotBits) - 1);
        v.put("dZero", lit(slotBits, 0));
        v.put("dOne", lit(slotBits, 1));
        v.put("imemRam", imem.name());
        v.put("dmemRam", dmem.name());
        v.put("rtidxRam", rtidx.name());
        v.put("rtentRam", rtent.name());
        v.put("imemWords", p.imemWords());
        v.put("dmemWords", p.dmemWords());
        v.put("neurons", p.npe().neurons());
        v.put("routeEntries", p.routeEntries());
        v.put("meshPorts", Arrays.stream(Port.values()).filter(x -> x != Port.LOCAL).map(Port::tag).toList());
        v.put("fMsb", p.router().flitWidth() - 1);
        v.put("imemEnd", hex32(TileMap.IMEM_BASE + 4L * p.imemWords()));
        v.put("dmemEnd", hex32(TileMap.DMEM_BASE + 4L * p.dmemWords()));
        v.put("rtidxEnd", hex32(TileMap.RTIDX_BASE + 4L * p.npe().neurons()));
        v.put("rtentEnd", hex32(TileMap.RTENT_BASE + 4L * p.routeEntries()));
        v.put("npeEnd", hex32(TileMap.NPE_BASE + 4L * (1L << ab)));
        v.put("aMsb", ab - 1);
        v.put("npeAddrHi", ab + 1);
        v.put("npeCtrl", lit(ab, map.reg(NpeMap.CTRL)));
        v.put("npeOp", lit(ab, map.reg(NpeMap.OP)));
        v.put("npeCount", lit(ab, map.reg(NpeMap.COUNT)));
        v.put("nMsb", map.indexBits() - 1);
        v.put("sMsb", p.npe().stateBits() - 1);
        v.put("dMsb", bitsFor(p.scdq().maxDelay()) - 1);
        v.put("cMsb", cw - 1);
        v.put("cZero", lit(cw, 0));
        v.put("eMsb", bitsFor(p.routeEntries() - 1) - 1);
        v.put("dueExt", zext("sq_due", cw, 32));
        v.put("occExt", zext("sq_occ", cw, 32));
        v.put("peakExt", zext("cnt_peak_q", cw, 32));
        v.put("imemHi", bitsFor(p.imemWords() - 1) + 1);
        v.put("dmemHi", bitsFor(p.dmemWords() - 1) + 1);
        v.put("rtidxHi", bitsFor(p.npe().neurons() - 1) + 1);
        v.put("rtentHi", bitsFor(p.routeEntries() - 1) + 1);
        List<Map<String, Object>> banks = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            banks.add(Map.of("i", b, "lo", 8 * b, "hi", 8 * b + 7));
        }
        v.put("banks", banks);
        GeneratedModule top = TemplateRenderer.render("tile/tile.v.vm", p.moduleName(),
                "core tile: core, IMEM, DMEM, NPE, SCDQ, event units, control, router", p.asMap(), v);
        return Design.builder().add(core).add(npe).add(scdq).add(router).add(imem).add(dmem).add(rtidx)
                .add(rtent).add(fifo).add(evin).add(evout).add(fantab).add(foFifo).add(fanout).add(top).build();
    }

    /** The event-in unit; {@code fifo} is its {@code 40 x eventFifoDepth} FIFO. */
    static GeneratedModule buildEventIn(TileParams p, GeneratedModule fifo) {
        int w = p.router().flitWidth();
        int n = p.eventFlits();
        int ib = bitsFor(n);
        int d = p.scdq().maxDelay();
        List<Map<String, Object>> slots = new ArrayList<>();
        boolean[] used = new boolean[w];
        for (int k = 0; k < n; k++) {
            // Stream bits [kW, (k+1)W) of flit k; payload bit j is stream bit j + 9.
            int lo = Math.max(k * w, PacketFormat.HEADER_BITS);
            int hi = Math.min((k + 1) * w, PACKET_BITS) - 1;
            if (lo > hi) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("idx", lit(ib, k));
            s.put("plo", lo - PacketFormat.HEADER_BITS);
            s.put("phi", hi - PacketFormat.HEADER_BITS);
            s.put("flo", lo - k * w);
            s.put("fhi", hi - k * w);
            for (int b = lo - k * w; b <= hi - k * w; b++) {
                used[b] = true;
            }
            slots.add(s);
        }
        List<String> unused = new ArrayList<>();
        for (int b = w - 1; b >= 0; b--) {
            if (!used[b]) {
                int top = b;
                while (b > 0 && !used[b - 1]) {
                    b--;
                }
                unused.add("in_data_i[" + top + ":" + b + "]");
            }
        }
        int sw = bitsFor(d);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("flits", n);
        v.put("flitWidth", w);
        v.put("fifoDepth", p.eventFifoDepth());
        v.put("maxDelay", d);
        v.put("fMsb", w - 1);
        v.put("dMsb", sw - 1);
        v.put("iMsb", ib - 1);
        v.put("flitsLit", lit(ib, n));
        v.put("iZero", lit(ib, 0));
        v.put("iOne", lit(ib, 1));
        v.put("slots", slots);
        v.put("unusedFlit", unused.isEmpty() ? "" : "&{1'b0, " + String.join(", ", unused) + "}");
        v.put("badExpr", d == 255 ? "1'b0" : "(head_delay > " + lit(8, d) + ")");
        v.put("fifo", fifo.name());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("flitWidth", w);
        params.put("maxDelay", d);
        params.put("eventFifoDepth", p.eventFifoDepth());
        return TemplateRenderer.render("tile/evin.v.vm", p.evinModuleName(), "tile event-in unit", params, v);
    }

    /** The fan-out unit; {@code fifo} is its queue ({@link TileMap#FANOUT_QUEUE_DEPTH} entries of 33 bits: tag, word). */
    static GeneratedModule buildFanout(TileParams p, GeneratedModule fifo) {
        NpeMap map = new NpeMap(p.npe());
        int ab = map.addrBits();
        int tb = bitsFor(p.fanoutWords() - 1);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("queueDepth", TileMap.FANOUT_QUEUE_DEPTH);
        v.put("fanoutWords", p.fanoutWords());
        v.put("fifo", fifo.name());
        v.put("tMsb", tb - 1);
        v.put("aMsb", ab - 1);
        v.put("tZero", lit(tb, 0));
        v.put("tOne", lit(tb, 1));
        v.put("npeCtrl", lit(ab, map.reg(NpeMap.CTRL)));
        v.put("npeValue", lit(ab, map.reg(NpeMap.VALUE)));
        v.put("npeBaseS", lit(ab, map.reg(NpeMap.BASE_S)));
        v.put("npeCount", lit(ab, map.reg(NpeMap.COUNT)));
        v.put("npeBaseW", lit(ab, map.reg(NpeMap.BASE_W)));
        v.put("npeOp", lit(ab, map.reg(NpeMap.OP)));
        v.put("npeTheta", lit(ab, map.reg(NpeMap.THETA)));
        v.put("npeShift", lit(ab, map.reg(NpeMap.SHIFT)));
        v.put("unusedAxon", tb >= 16 ? "1'b0" : "&{1'b0, fq_data[15:" + tb + "]}");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lanes", p.npe().lanes());
        params.put("rfDepth", p.npe().rfDepth());
        params.put("memDepth", p.npe().memDepth());
        params.put("fanoutWords", p.fanoutWords());
        return TemplateRenderer.render("tile/fanout.v.vm", p.fanoutModuleName(), "tile fan-out unit", params, v);
    }

    /** The event-out unit. */
    static GeneratedModule buildEventOut(TileParams p) {
        int w = p.router().flitWidth();
        int n = p.eventFlits();
        int kb = bitsFor(n - 1);
        int sb = p.npe().stateBits();
        int eb = bitsFor(p.routeEntries() - 1);
        int nb = new NpeMap(p.npe()).indexBits();
        int pad = n * w - PACKET_BITS;
        List<Map<String, Object>> slices = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            slices.add(Map.of("idx", lit(kb, k), "lo", k * w, "hi", (k + 1) * w - 1));
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("flits", n);
        v.put("flitWidth", w);
        v.put("neurons", p.npe().neurons());
        v.put("routeEntries", p.routeEntries());
        v.put("nMsb", nb - 1);
        v.put("sMsb", sb - 1);
        v.put("eMsb", eb - 1);
        v.put("fMsb", w - 1);
        v.put("kMsb", kb - 1);
        v.put("pMsb", n * w - 1);
        v.put("lastFlit", lit(kb, n - 1));
        v.put("kZero", lit(kb, 0));
        v.put("kOne", lit(kb, 1));
        v.put("eZero", lit(eb, 0));
        v.put("eOne", lit(eb, 1));
        v.put("wide", sb > 16);
        v.put("sExt", sb - 15);
        v.put("padExpr", pad == 0 ? "" : lit(pad, 0) + ", ");
        v.put("flitSlices", slices);
        v.put("unusedFirst", eb == 16 ? "" : "&{1'b0, idx_first[15:" + eb + "]}");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("flitWidth", w);
        params.put("stateBits", sb);
        params.put("neurons", p.npe().neurons());
        params.put("routeEntries", p.routeEntries());
        return TemplateRenderer.render("tile/evout.v.vm", p.evoutModuleName(), "tile event-out unit", params, v);
    }

    private static String hex32(long v) {
        return String.format("32'h%08x", v);
    }

    private static String zext(String name, int width, int to) {
        return width == to ? name : "{" + lit(to - width, 0) + ", " + name + "}";
    }
}
