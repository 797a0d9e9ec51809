package dev.neuroforge.generator.npe;

import static dev.neuroforge.generator.common.FifoBuilder.bitsFor;
import static dev.neuroforge.generator.common.FifoBuilder.lit;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.TemplateRenderer;
import dev.neuroforge.generator.common.FifoBuilder;
import dev.neuroforge.generator.common.SramBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code nf_npe_l<L>_w<W>_s<S>_v<V>_r<R>_m<M>}: lanes, weight banks, descriptor queue, controller. */
public final class NpeBuilder {
    private NpeBuilder() {
    }

    public static Design build(NpeParams p) {
        NpeMap map = new NpeMap(p);
        GeneratedModule lane = buildLane(p);
        GeneratedModule sram = SramBuilder.build(p.weightBits(), p.memDepth());
        int rb = map.rowBits();
        int mb = map.wordBits();
        int lb = map.laneBits();
        int sb = p.stateBits();
        int wb = p.weightBits();
        int vb = p.valueBits();
        int descBits = 30 + rb + mb + vb + sb;
        GeneratedModule fifo = FifoBuilder.build(descBits, NpeMap.QUEUE_DEPTH);
        int ob = map.offsetBits();
        int idxBits = ob - lb;
        int nb = map.indexBits();

        Map<String, Object> v = new LinkedHashMap<>();
        v.putAll(p.asMap());
        v.put("queueDepth", NpeMap.QUEUE_DEPTH);
        v.put("addrBits", map.addrBits());
        v.put("laneBits", lb);
        v.put("adMsb", map.addrBits() - 1);
        v.put("offBits", ob);
        v.put("offMsb", ob - 1);
        v.put("lMsb", lb - 1);
        v.put("lMsbL", p.lanes() - 1);
        v.put("iMsb", idxBits - 1);
        v.put("rMsb", rb - 1);
        v.put("mMsb", mb - 1);
        v.put("sMsb", sb - 1);
        v.put("wMsb", wb - 1);
        v.put("vMsb", vb - 1);
        v.put("nMsb", nb - 1);
        v.put("rowBits", rb);
        v.put("wordBits", mb);
        v.put("laneOk", p.lanes() == 1 << lb ? "1'b1" : "(bus_lane < " + lit(lb, p.lanes()) + ")");
        v.put("rowOk", idxBits == rb && p.rfDepth() == 1 << rb ? "1'b1" : "(bus_idx < " + lit(idxBits, p.rfDepth()) + ")");
        v.put("wordOk", idxBits == mb && p.memDepth() == 1 << mb ? "1'b1" : "(bus_idx < " + lit(idxBits, p.memDepth()) + ")");
        for (String[] r : new String[][] {{"offCtrl", "0"}, {"offStatus", "1"}, {"offOp", "2"}, {"offCount", "3"},
                {"offBaseS", "4"}, {"offBaseW", "5"}, {"offValue", "6"}, {"offTheta", "7"}, {"offShift", "8"}}) {
            v.put(r[0], lit(ob, Integer.parseInt(r[1])));
        }
        v.put("descBits", descBits);
        v.put("rfDepthLit", lit(32, p.rfDepth()));
        v.put("memDepthLit", lit(32, p.memDepth()));
        v.put("qBasesHi", descBits - 21);
        v.put("qBasewHi", descBits - 21 - rb);
        v.put("qValueHi", descBits - 21 - rb - mb);
        v.put("qThetaHi", sb + 9);
        v.put("fifo", fifo.name());
        v.put("sram", sram.name());
        v.put("lane", lane.name());
        v.put("lOne", lit(p.lanes(), 1));
        v.put("lZero", lit(p.lanes(), 0));
        v.put("lZeroIdx", lit(lb, 0));
        v.put("remL", lit(16, p.lanes()));
        v.put("obFlatMsb", p.lanes() * sb - 1);
        v.put("wFlatMsb", p.lanes() * wb - 1);
        v.put("indexExpr", "(" + zext("ob_row_q", rb, nb) + " * " + lit(nb, p.lanes()) + ") + " + zext("first_lane", lb, nb));
        v.put("rdBaseS", zext("d_bases_q", rb, 32));
        v.put("rdBaseW", zext("d_basew_q", mb, 32));
        v.put("rdValue", sext("d_value_q", vb, 32));
        v.put("rdTheta", sext("d_theta_q", sb, 32));
        v.put("rdRf", sext("sel_rf", sb, 32));
        v.put("okMsb", p.rfDepth() - 1);
        v.put("okZero", lit(p.rfDepth(), 0));
        v.put("rdMem", sext("sel_mem", wb, 32));
        v.put("rZero", lit(rb, 0));
        v.put("rOne", lit(rb, 1));
        v.put("rLast", lit(rb, p.rfDepth() - 1));
        v.put("mZero", lit(mb, 0));
        v.put("mOne", lit(mb, 1));
        v.put("mLast", lit(mb, p.memDepth() - 1));
        v.put("vZero", lit(vb, 0));
        v.put("sZero", lit(sb, 0));
        v.put("obZero", lit(p.lanes() * sb, 0));
        GeneratedModule top = TemplateRenderer.render("npe/npe.v.vm", p.moduleName(),
                "NPE cluster and loop controller", p.asMap(), v);
        return Design.builder().add(sram).add(fifo).add(lane).add(top).build();
    }

    /** One lane on its own (the cluster instantiates {@code lanes} of them). Its two register
     * files ({@code st_mem_q}, {@code op_mem_q}) are memories marked for block RAM when large enough. */
    public static GeneratedModule buildLane(NpeParams p) {
        int sb = p.stateBits();
        int wb = p.weightBits();
        int vb = p.valueBits();
        int pw = wb + vb;
        int ow = Math.max(pw, sb);
        int aw = ow + 1;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("rfDepth", p.rfDepth());
        v.put("rLast", p.rfDepth() - 1);
        v.put("stateBits", sb);
        v.put("weightBits", wb);
        v.put("valueBits", vb);
        v.put("ow", ow);
        v.put("wMsb", wb - 1);
        v.put("vMsb", vb - 1);
        v.put("sMsb", sb - 1);
        v.put("rMsb", bitsFor(p.rfDepth() - 1) - 1);
        v.put("pMsb", pw - 1);
        v.put("oMsb", ow - 1);
        v.put("aMsb", aw - 1);
        v.put("aw", aw);
        v.put("vExt", vb);
        v.put("wExt", wb);
        v.put("oExtW", ow - wb);
        v.put("prodExt", ow == pw ? "product" : "{{" + (ow - pw) + "{product[" + (pw - 1) + "]}}, product}");
        v.put("oZero", slit(ow, 0));
        v.put("vExtA", aw - sb);
        v.put("aMax", slit(aw, max(sb)));
        v.put("aMin", slit(aw, min(sb)));
        v.put("sMax", slit(sb, max(sb)));
        v.put("sMin", slit(sb, min(sb)));
        v.put("sZero", slit(sb, 0));
        v.put("sOne", slit(sb, 1));
        v.put("wMaxS", slit(sb, max(wb)));
        v.put("wMinS", slit(sb, min(wb)));
        v.put("wMax", slit(wb, max(wb)));
        v.put("wMin", slit(wb, min(wb)));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("weightBits", wb);
        params.put("stateBits", sb);
        params.put("valueBits", vb);
        params.put("rfDepth", p.rfDepth());
        boolean bram = SramBuilder.needsBlockRam(sb, p.rfDepth());
        return TemplateRenderer.render("npe/npe_lane.v.vm", p.laneModuleName(), "NPE lane", params, v).withMemories(
                new Memory("st_mem_q", sb, p.rfDepth(), bram, null, List.of()),
                new Memory("op_mem_q", sb, p.rfDepth(), bram, null, List.of()));
    }

    static long max(int bits) {
        return (1L << (bits - 1)) - 1;
    }

    static long min(int bits) {
        return -(1L << (bits - 1));
    }

    /** A sized signed literal holding {@code value}'s two's-complement bits, e.g. {@code 17'sh1ffff}. */
    static String slit(int bits, long value) {
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        return bits + "'sh" + Long.toHexString(value & mask);
    }

    private static String zext(String name, int width, int to) {
        return width == to ? name : "{" + lit(to - width, 0) + ", " + name + "}";
    }

    private static String sext(String name, int width, int to) {
        return width == to ? name : "{{" + (to - width) + "{" + name + "[" + (width - 1) + "]}}, " + name + "}";
    }
}
