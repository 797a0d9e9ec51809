package dev.neuroforge.generator.common;

import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.generator.TemplateRenderer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code nf_sram_1r1w_w<width>_d<depth>}, the block-RAM model every memory uses. */
public final class SramBuilder {
    private SramBuilder() {
    }

    public static String moduleName(int width, int depth) {
        return "nf_sram_1r1w_w" + width + "_d" + depth;
    }

    public static GeneratedModule build(int width, int depth) {
        ParameterException.requireInRange("sram.width", width, 1, 4096);
        ParameterException.requireInRange("sram.depth", depth, 2, 1 << 20);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("width", width);
        v.put("depth", depth);
        v.put("msb", width - 1);
        v.put("last", depth - 1);
        v.put("aMsb", FifoBuilder.bitsFor(depth - 1) - 1);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("width", width);
        params.put("depth", depth);
        return TemplateRenderer.render("common/sram_1r1w.v.vm", moduleName(width, depth), "1R1W synchronous SRAM",
                params, v).withMemories(Memory.blockRam("mem_q", width, depth));
    }
}
