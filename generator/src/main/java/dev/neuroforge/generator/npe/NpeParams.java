package dev.neuroforge.generator.npe;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.ParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of an NPE cluster with its loop controller and weight memory (docs/npe.md).
 *
 * @param lanes      SIMD lanes L, 1..32
 * @param weightBits signed weight width: 4, 8 or 16
 * @param stateBits  signed neuron-state width, 16..32; every result saturates to it
 * @param valueBits  signed width of the event value a MAC multiplies by, 2..16
 * @param rfDepth    neuron states per lane (register-file rows), 2..1024
 * @param memDepth   words of the weight memory, each {@code lanes x weightBits} wide, 2..65536
 */
public record NpeParams(int lanes, int weightBits, int stateBits, int valueBits, int rfDepth, int memDepth)
        implements BlockParams {
    public static final int DEFAULT_LANES = 8;
    public static final int DEFAULT_WEIGHT_BITS = 8;
    public static final int DEFAULT_STATE_BITS = 16;
    public static final int DEFAULT_VALUE_BITS = 8;
    public static final int DEFAULT_RF_DEPTH = 64;
    public static final int DEFAULT_MEM_DEPTH = 256;

    public NpeParams {
        ParameterException.requireInRange("lanes", lanes, 1, 32);
        if (weightBits != 4 && weightBits != 8 && weightBits != 16) {
            throw new ParameterException("weightBits", weightBits, "must be 4, 8 or 16");
        }
        ParameterException.requireInRange("stateBits", stateBits, 16, 32);
        ParameterException.requireInRange("valueBits", valueBits, 2, 16);
        ParameterException.requireInRange("rfDepth", rfDepth, 2, 1024);
        ParameterException.requireInRange("memDepth", memDepth, 2, 65536);
    }

    /** JSON entry point: absent fields take their defaults. */
    public static NpeParams fromJson(JsonParams j) {
        NpeParams d = defaults();
        j.allow("lanes", "weightBits", "stateBits", "valueBits", "rfDepth", "memDepth");
        return j.build(() -> new NpeParams(j.integer("lanes", d.lanes()), j.integer("weightBits", d.weightBits()),
                j.integer("stateBits", d.stateBits()), j.integer("valueBits", d.valueBits()),
                j.integer("rfDepth", d.rfDepth()), j.integer("memDepth", d.memDepth())));
    }

    public static NpeParams defaults() {
        return new NpeParams(DEFAULT_LANES, DEFAULT_WEIGHT_BITS, DEFAULT_STATE_BITS, DEFAULT_VALUE_BITS,
                DEFAULT_RF_DEPTH, DEFAULT_MEM_DEPTH);
    }

    /** The cluster's module name, e.g. {@code nf_npe_l8_w8_s16_v8_r64_m256}. */
    public String moduleName() {
        return "nf_npe_l" + lanes + "_w" + weightBits + "_s" + stateBits + "_v" + valueBits + "_r" + rfDepth
                + "_m" + memDepth;
    }

    /** One lane's module name (the lane does not depend on L or the memory). */
    public String laneModuleName() {
        return "nf_npe_lane_w" + weightBits + "_s" + stateBits + "_v" + valueBits + "_r" + rfDepth;
    }

    /** Neurons the cluster holds: {@code lanes x rfDepth}. */
    public int neurons() {
        return lanes * rfDepth;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lanes", lanes);
        m.put("weightBits", weightBits);
        m.put("stateBits", stateBits);
        m.put("valueBits", valueBits);
        m.put("rfDepth", rfDepth);
        m.put("memDepth", memDepth);
        return m;
    }
}
