package dev.neuroforge.generator.common;

import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.generator.TemplateRenderer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code nf_fifo_w<width>_d<depth>}, the register FIFO every buffered block shares. */
public final class FifoBuilder {
    private FifoBuilder() {
    }

    public static String moduleName(int width, int depth) {
        return "nf_fifo_w" + width + "_d" + depth;
    }

    public static GeneratedModule build(int width, int depth) {
        ParameterException.requireInRange("fifo.width", width, 1, 4096);
        ParameterException.requireInRange("fifo.depth", depth, 1, 1024);
        int ptrBits = bitsFor(depth - 1);
        int cntBits = bitsFor(depth);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("width", width);
        v.put("depth", depth);
        v.put("msb", width - 1);
        v.put("last", depth - 1);
        v.put("ptrMsb", ptrBits - 1);
        v.put("cntMsb", cntBits - 1);
        v.put("ptrZero", lit(ptrBits, 0));
        v.put("ptrOne", lit(ptrBits, 1));
        v.put("ptrLast", lit(ptrBits, depth - 1));
        v.put("cntOne", lit(cntBits, 1));
        v.put("empty", lit(cntBits, 0));
        v.put("full", lit(cntBits, depth));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("width", width);
        params.put("depth", depth);
        return TemplateRenderer.render("common/fifo.v.vm", moduleName(width, depth),
                "valid/ready FIFO", params, v);
    }

    /** Bits needed to hold values 0..max (at least 1). */
    public static int bitsFor(int max) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
    }

    /** A sized Verilog literal, e.g. {@code 3'd5}. */
    public static String lit(int bits, long value) {
        return bits + "'d" + value;
    }
}
