package dev.neuroforge.generator.scdq;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.ParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of a Shared Circular Delay Queue.
 *
 * @param maxDelay   largest delay D in steps, 1..255; the queue has D + 1 slots
 * @param capacity   events it can hold at once, 2..65536 (the event memory's depth)
 * @param eventWidth bits of one event, 1..256
 * @param lossy      false (default): a full queue back-pressures pushes; true: a push into a full
 *                   queue is accepted and dropped, and counted on the saturating
 *                   {@value #OVERFLOW_WIDTH}-bit {@code overflow_o}
 */
public record ScdqParams(int maxDelay, int capacity, int eventWidth, boolean lossy) implements BlockParams {
    public static final int DEFAULT_MAX_DELAY = 25;
    public static final int DEFAULT_CAPACITY = 1024;
    public static final int DEFAULT_EVENT_WIDTH = 32;
    /** Bits of the overflow counter of the lossy configuration (it stops at all ones). */
    public static final int OVERFLOW_WIDTH = 16;
    /** Largest capacity, in events. */
    public static final int MAX_CAPACITY = 65536;

    public ScdqParams {
        ParameterException.requireInRange("maxDelay", maxDelay, 1, 255);
        ParameterException.requireInRange("capacity", capacity, 2, MAX_CAPACITY);
        ParameterException.requireInRange("eventWidth", eventWidth, 1, 256);
    }

    /** The back-pressure (lossless) configuration. */
    public ScdqParams(int maxDelay, int capacity, int eventWidth) {
        this(maxDelay, capacity, eventWidth, false);
    }

    /** JSON entry point: absent fields take their defaults. */
    public static ScdqParams fromJson(JsonParams j) {
        ScdqParams d = defaults();
        j.allow("maxDelay", "capacity", "eventWidth", "lossy");
        return j.build(() -> new ScdqParams(j.integer("maxDelay", d.maxDelay()), j.integer("capacity", d.capacity()),
                j.integer("eventWidth", d.eventWidth()), j.bool("lossy", d.lossy())));
    }

    public static ScdqParams defaults() {
        return new ScdqParams(DEFAULT_MAX_DELAY, DEFAULT_CAPACITY, DEFAULT_EVENT_WIDTH);
    }

    public String moduleName() {
        return "nf_scdq_d" + maxDelay + "_c" + capacity + "_w" + eventWidth + (lossy ? "_lossy" : "");
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxDelay", maxDelay);
        m.put("capacity", capacity);
        m.put("eventWidth", eventWidth);
        m.put("lossy", lossy);
        return m;
    }
}
