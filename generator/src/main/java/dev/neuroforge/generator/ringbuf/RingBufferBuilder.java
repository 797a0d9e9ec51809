package dev.neuroforge.generator.ringbuf;

import static dev.neuroforge.generator.common.FifoBuilder.bitsFor;
import static dev.neuroforge.generator.common.FifoBuilder.lit;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.TemplateRenderer;
import dev.neuroforge.generator.common.SramBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code nf_ringbuf_n<N>_d<D>_w<W>_v<V>} and its accumulator memory. */
public final class RingBufferBuilder {
    private RingBufferBuilder() {
    }

    public static Design build(RingBufferParams p) {
        int n = p.neurons();
        int slots = p.maxDelay() + 1;
        int words = p.words();
        int aw = bitsFor(words - 1);   // accumulator address
        int nb = bitsFor(n - 1);       // neuron index
        int nc = bitsFor(n);           // neuron count 0..N
        int sw = bitsFor(slots - 1);   // slot index and delay
        int w = p.accWidth();
        GeneratedModule acc = SramBuilder.build(w, words);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("neurons", n);
        v.put("slots", slots);
        v.put("maxDelay", p.maxDelay());
        v.put("words", words);
        v.put("accRam", acc.name());
        v.put("nMsb", nb - 1);
        v.put("ncMsb", nc - 1);
        v.put("sMsb", sw - 1);
        v.put("sMsb1", sw);
        v.put("aMsb", aw - 1);
        v.put("wMsb", w - 1);
        v.put("w", w);
        v.put("vMsb", p.valueWidth() - 1);
        v.put("valueSignExt", w + 1 - p.valueWidth());
        v.put("slotPad", aw - sw);
        v.put("neuronPad", aw - nb);
        v.put("delayOk", p.maxDelay() == (1 << sw) - 1 ? "1'b1" : "(push_delay_i <= " + lit(sw, p.maxDelay()) + ")");
        v.put("neuronOk", n == 1 << nb ? "1'b1" : "(push_neuron_i < " + lit(nb, n) + ")");
        v.put("nLitA", lit(aw, n));
        v.put("nLitC", lit(nc, n));
        v.put("slotsLit", lit(sw + 1, slots));
        v.put("lastSlotLit", lit(sw, slots - 1));
        v.put("lastWordLit", lit(aw, words - 1));
        v.put("vZero", lit(p.valueWidth(), 0));
        v.put("sZero", lit(sw, 0));
        v.put("sOne", lit(sw, 1));
        v.put("aZero", lit(aw, 0));
        v.put("aOne", lit(aw, 1));
        v.put("nZero", lit(nb, 0));
        v.put("nOne", lit(nb, 1));
        v.put("ncZero", lit(nc, 0));
        v.put("ncOne", lit(nc, 1));
        v.put("wZero", lit(w, 0));
        v.put("accMax", "{1'b0, {" + (w - 1) + "{1'b1}}}");
        v.put("accMin", "{1'b1, {" + (w - 1) + "{1'b0}}}");
        GeneratedModule top = TemplateRenderer.render("ringbuf/ringbuf.v.vm", p.moduleName(),
                "per-neuron ring buffer of future input", p.asMap(), v);
        return Design.builder().add(acc).add(top).build();
    }
}
