package dev.neuroforge.generator.common;

import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.generator.TemplateRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code nf_sram_1r1w_w<width>_d<depth>}, the block-RAM model every memory uses. */
public final class SramBuilder {
    /**
     * Smallest memory that must become block RAM: below 128 bits or 8 words a block RAM (4 kbit on
     * iCE40) is mostly wasted and Yosys 0.23 builds it from flip-flops, which is the better choice.
     */
    public static final int BLOCK_RAM_MIN_BITS = 128;
    public static final int BLOCK_RAM_MIN_DEPTH = 8;

    private SramBuilder() {
    }

    /** Whether a {@code width x depth} memory must be mapped to block RAM by the FPGA flow. */
    public static boolean needsBlockRam(int width, int depth) {
        return (long) width * depth >= BLOCK_RAM_MIN_BITS && depth >= BLOCK_RAM_MIN_DEPTH;
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
                params, v).withMemories(new Memory("mem_q", width, depth, needsBlockRam(width, depth), null, List.of()));
    }
}
