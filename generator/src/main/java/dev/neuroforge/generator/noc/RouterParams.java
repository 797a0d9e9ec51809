package dev.neuroforge.generator.noc;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.ParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of one 5-port XY router.
 *
 * @param flitWidth   bits per flit on every link, 16..256 (default 32); the head flit spends
 *                    {@link PacketFormat#HEADER_BITS} of them on routing
 * @param bufferDepth flits per input FIFO, 2..64 (default 4); 2 is the least that sustains one
 *                    flit per cycle per port
 */
public record RouterParams(int flitWidth, int bufferDepth) implements BlockParams {
    public static final int DEFAULT_FLIT_WIDTH = 32;
    public static final int DEFAULT_BUFFER_DEPTH = 4;
    public static final int MIN_FLIT_WIDTH = 16;
    public static final int MAX_FLIT_WIDTH = 256;
    public static final int MIN_BUFFER_DEPTH = 2;
    public static final int MAX_BUFFER_DEPTH = 64;

    public RouterParams {
        ParameterException.requireInRange("flitWidth", flitWidth, MIN_FLIT_WIDTH, MAX_FLIT_WIDTH);
        ParameterException.requireInRange("bufferDepth", bufferDepth, MIN_BUFFER_DEPTH, MAX_BUFFER_DEPTH);
    }

    /** The defaults: 32-bit flits, 4-flit buffers. */
    public static RouterParams defaults() {
        return new RouterParams(DEFAULT_FLIT_WIDTH, DEFAULT_BUFFER_DEPTH);
    }

    /** JSON entry point: absent fields take their defaults. */
    public static RouterParams fromJson(JsonParams j) {
        j.allow("flitWidth", "bufferDepth");
        return j.build(() -> new RouterParams(j.integer("flitWidth", DEFAULT_FLIT_WIDTH),
                j.integer("bufferDepth", DEFAULT_BUFFER_DEPTH)));
    }

    public String moduleName() {
        return "nf_router_w" + flitWidth + "_d" + bufferDepth;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flitWidth", flitWidth);
        m.put("bufferDepth", bufferDepth);
        return m;
    }
}
