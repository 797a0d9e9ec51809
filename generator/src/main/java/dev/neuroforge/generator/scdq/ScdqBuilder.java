package dev.neuroforge.generator.scdq;

import static dev.neuroforge.generator.common.FifoBuilder.bitsFor;
import static dev.neuroforge.generator.common.FifoBuilder.lit;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.TemplateRenderer;
import dev.neuroforge.generator.common.SramBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds {@code nf_scdq_d<D>_c<C>_w<E>} and its memories: event words, next pointers and the free
 * list ({@code C} words each), and the slot table ({@code D + 1} words: {count, tail}, a copy of the
 * counts, heads), so that nothing grows with {@code D} in flip-flops but one live bit per slot.
 */
public final class ScdqBuilder {
    private ScdqBuilder() {
    }

    public static Design build(ScdqParams p) {
        int slots = p.maxDelay() + 1;
        int aw = bitsFor(p.capacity() - 1);
        int cw = bitsFor(p.capacity());
        int sw = bitsFor(slots - 1);
        GeneratedModule data = SramBuilder.build(p.eventWidth(), p.capacity());
        GeneratedModule ptr = SramBuilder.build(aw, p.capacity());
        // The slot table: {count, tail}, a copy of the counts, and the heads, one word per slot.
        GeneratedModule tc = SramBuilder.build(cw + aw, slots);
        GeneratedModule cnt = SramBuilder.build(cw, slots);
        GeneratedModule head = SramBuilder.build(aw, slots);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("slots", slots);
        v.put("maxDelay", p.maxDelay());
        v.put("capacity", p.capacity());
        v.put("eMsb", p.eventWidth() - 1);
        v.put("dMsb", sw - 1);
        v.put("aMsb", aw - 1);
        v.put("cMsb", cw - 1);
        v.put("sMsb", sw - 1);
        v.put("sMsb1", sw);
        v.put("lastSlot", slots - 1);
        v.put("capLit", lit(cw, p.capacity()));
        v.put("cw", cw);
        v.put("aw", aw);
        v.put("tcMsb", cw + aw - 1);
        v.put("liveZero", lit(slots, 0));
        v.put("liveOne", lit(slots, 1));
        // A delay field that cannot hold more than maxDelay needs no check (and lint would flag one).
        v.put("delayOk", p.maxDelay() == (1 << sw) - 1 ? "1'b1" : "(push_delay_i <= " + lit(sw, p.maxDelay()) + ")");
        v.put("sumPad", "1'b0, ");
        v.put("sMsb1zero", lit(sw, 0));
        v.put("slotsLit", lit(sw + 1, slots));
        v.put("lastSlotLit", lit(sw, slots - 1));
        v.put("sZero", lit(sw, 0));
        v.put("sOne", lit(sw, 1));
        v.put("cZero", lit(cw, 0));
        v.put("cOne", lit(cw, 1));
        v.put("aZero", lit(aw, 0));
        v.put("aOne", lit(aw, 1));
        v.put("aLast", lit(aw, p.capacity() - 1));
        v.put("lossy", p.lossy());
        v.put("oMsb", ScdqParams.OVERFLOW_WIDTH - 1);
        v.put("oZero", lit(ScdqParams.OVERFLOW_WIDTH, 0));
        v.put("oOne", lit(ScdqParams.OVERFLOW_WIDTH, 1));
        v.put("oMax", "{" + ScdqParams.OVERFLOW_WIDTH + "{1'b1}}");
        v.put("dataRam", data.name());
        v.put("ptrRam", ptr.name());
        v.put("tcRam", tc.name());
        v.put("cntRam", cnt.name());
        v.put("headRam", head.name());
        GeneratedModule top = TemplateRenderer.render("scdq/scdq.v.vm", p.moduleName(),
                "shared circular delay queue", p.asMap(), v);
        return Design.builder().add(data).add(ptr).add(tc).add(cnt).add(head).add(top).build();
    }
}
