package dev.neuroforge.generator.core;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.TemplateRenderer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the controller core {@code nf_core_rv32i[m][_fastmul]} (one module, docs/core.md). */
public final class CoreBuilder {
    /**
     * The fields of the core's retirement port, in port order after {@code rvfi_valid_o}: each is
     * the output {@code rvfi_<field>_o} of the core, the tile and (left open) the array.
     */
    public static final java.util.List<String> RVFI_FIELDS = java.util.List.of("order", "insn", "trap", "intr",
            "pc_rdata", "pc_wdata", "rs1_addr", "rs2_addr", "rs1_rdata", "rs2_rdata", "rd_addr", "rd_wdata",
            "mem_addr", "mem_rmask", "mem_wmask", "mem_rdata", "mem_wdata");

    private CoreBuilder() {
    }

    /** misa: MXL = 1 (RV32), I, and M when present. */
    public static int misa(boolean mExtension) {
        return 0x4000_0000 | 1 << ('I' - 'A') | (mExtension ? 1 << ('M' - 'A') : 0);
    }

    public static Design build(CoreParams p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("mExt", p.mExtension());
        v.put("fastMul", p.fastMul());
        v.put("mLetter", p.mExtension() ? "M" : "");
        v.put("mDescription", !p.mExtension() ? "No M extension: multiply/divide encodings trap as illegal instructions."
                : p.fastMul() ? "M extension: one-cycle multiplies, 35-cycle divides."
                : "M extension: iterative multiply and divide, 35 cycles each.");
        v.put("fastMulNote", p.fastMul() ? " Multiplies bypass it (fastMul)." : "");
        v.put("mDecode", p.mExtension() ? "opcode == 7'h33 && funct7 == 7'h01" : "1'b0");
        v.put("resetPc", String.format("%08x", p.resetPc()));
        v.put("misa", String.format("%08x", misa(p.mExtension())));
        GeneratedModule top = TemplateRenderer.render("core/core.v.vm", p.moduleName(),
                "RV32I" + (p.mExtension() ? "M" : "") + " controller core with RVFI-style retirement port", p.asMap(), v);
        return Design.builder().add(top).build();
    }

    /**
     * The core of {@code p} in the synthesis wrapper of the benchmark, {@code nf_core_bench_<core>}:
     * on a 4 KiB block RAM, retirement port open, one output pin.
     */
    public static Design benchTop(CoreParams p) {
        Design core = build(p);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("core", core.top());
        String name = core.top().replace("nf_core_", "nf_core_bench_");
        GeneratedModule top = TemplateRenderer.render("core/bench_top.v.vm", name,
                "benchmark wrapper of " + core.top() + " on block RAM", p.asMap(), v);
        return Design.builder().add(core).add(top).build();
    }
}
