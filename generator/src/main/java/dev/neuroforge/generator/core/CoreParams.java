package dev.neuroforge.generator.core;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.ParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the RV32I(M) controller core (docs/core.md, "Microarchitecture").
 *
 * @param mExtension the M extension (multiply/divide); without it those encodings are illegal
 *                   instructions. Default on.
 * @param fastMul    MUL/MULH/MULHSU/MULHU in one cycle with a full multiplier instead of the
 *                   32-step iterative unit (divisions stay iterative); needs {@code mExtension}.
 *                   Default off: a 32x32 multiplier is large on an FPGA without DSPs.
 * @param resetPc    address of the first instruction fetched after reset, word-aligned. Default 0
 *                   (the start of RAM in the tile's memory map).
 */
public record CoreParams(boolean mExtension, boolean fastMul, long resetPc) implements BlockParams {
    public static final boolean DEFAULT_M_EXTENSION = true;
    public static final boolean DEFAULT_FAST_MUL = false;
    public static final long DEFAULT_RESET_PC = 0;

    public CoreParams {
        if (fastMul && !mExtension) {
            throw new ParameterException("fastMul", true, "needs mExtension = true (there is no multiplier without M)");
        }
        if (resetPc < 0 || resetPc > 0xFFFF_FFFFL || (resetPc & 3) != 0) {
            throw new ParameterException("resetPc", resetPc, "must be a word-aligned 32-bit address (0..0xFFFFFFFC, a multiple of 4)");
        }
    }

    public static CoreParams defaults() {
        return new CoreParams(DEFAULT_M_EXTENSION, DEFAULT_FAST_MUL, DEFAULT_RESET_PC);
    }

    /** JSON entry point: absent fields take their defaults; {@code resetPc} may be a "0x..." string. */
    public static CoreParams fromJson(JsonParams j) {
        j.allow("mExtension", "fastMul", "resetPc");
        return j.build(() -> new CoreParams(j.bool("mExtension", DEFAULT_M_EXTENSION),
                j.bool("fastMul", DEFAULT_FAST_MUL), j.address("resetPc", DEFAULT_RESET_PC)));
    }

    /** {@code nf_core_rv32i}, {@code nf_core_rv32im} or {@code nf_core_rv32im_fastmul}, plus {@code _r<hex>} for a non-zero reset pc. */
    public String moduleName() {
        return "nf_core_rv32i" + (mExtension ? "m" : "") + (fastMul ? "_fastmul" : "")
                + (resetPc != 0 ? "_r" + Long.toHexString(resetPc) : "");
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mExtension", mExtension);
        m.put("fastMul", fastMul);
        m.put("resetPc", resetPc);
        return m;
    }
}
