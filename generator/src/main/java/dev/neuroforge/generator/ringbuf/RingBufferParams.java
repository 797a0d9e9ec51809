package dev.neuroforge.generator.ringbuf;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.ParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the per-neuron ring buffer of future input, the Loihi-style baseline the SCDQ is
 * compared with (docs/scdq.md): one accumulator per neuron and per future step.
 *
 * @param neurons    neurons served, 2..65536
 * @param maxDelay   largest delay D in steps, 1..255; each neuron has D + 1 accumulators
 * @param accWidth   bits of one signed, saturating accumulator, 2..32
 * @param valueWidth bits of one signed pushed value, 1..accWidth
 */
public record RingBufferParams(int neurons, int maxDelay, int accWidth, int valueWidth) implements BlockParams {
    public static final int DEFAULT_NEURONS = 256;
    public static final int DEFAULT_MAX_DELAY = 25;
    public static final int DEFAULT_ACC_WIDTH = 16;
    public static final int DEFAULT_VALUE_WIDTH = 8;
    /** Largest accumulator memory, in words (the SRAM model's limit). */
    public static final int MAX_WORDS = 1 << 20;

    public RingBufferParams {
        ParameterException.requireInRange("neurons", neurons, 2, 65536);
        ParameterException.requireInRange("maxDelay", maxDelay, 1, 255);
        ParameterException.requireInRange("accWidth", accWidth, 2, 32);
        ParameterException.requireInRange("valueWidth", valueWidth, 1, accWidth);
        long words = (long) neurons * (maxDelay + 1);
        if (words > MAX_WORDS) {
            throw new ParameterException("neurons", neurons, "neurons x (maxDelay + 1) must be at most " + MAX_WORDS
                    + " accumulators; with maxDelay = " + maxDelay + " that is neurons <= " + MAX_WORDS / (maxDelay + 1));
        }
    }

    /** JSON entry point: absent fields take their defaults. */
    public static RingBufferParams fromJson(JsonParams j) {
        j.allow("neurons", "maxDelay", "accWidth", "valueWidth");
        return j.build(() -> new RingBufferParams(j.integer("neurons", DEFAULT_NEURONS),
                j.integer("maxDelay", DEFAULT_MAX_DELAY), j.integer("accWidth", DEFAULT_ACC_WIDTH),
                j.integer("valueWidth", DEFAULT_VALUE_WIDTH)));
    }

    public static RingBufferParams defaults() {
        return new RingBufferParams(DEFAULT_NEURONS, DEFAULT_MAX_DELAY, DEFAULT_ACC_WIDTH, DEFAULT_VALUE_WIDTH);
    }

    /** Accumulators held: neurons x (maxDelay + 1). */
    public int words() {
        return neurons * (maxDelay + 1);
    }

    /** Bits of accumulator memory: neurons x (maxDelay + 1) x accWidth. */
    public long memoryBits() {
        return (long) words() * accWidth;
    }

    public String moduleName() {
        return "nf_ringbuf_n" + neurons + "_d" + maxDelay + "_w" + accWidth + "_v" + valueWidth;
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("neurons", neurons);
        m.put("maxDelay", maxDelay);
        m.put("accWidth", accWidth);
        m.put("valueWidth", valueWidth);
        return m;
    }
}
