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
 * @param multicast   whether the router replicates multicast heads ({@code mcast = 1}, a rectangle
 *                    of destinations) along an XY tree (default off); needs flits of at least
 *                    {@link #MIN_MULTICAST_FLIT_WIDTH} bits. Off, the router is exactly the unicast
 *                    router and treats every head as unicast.
 * @param voq         virtual output queues (default off): each input has one FIFO of
 *                    {@code bufferDepth} flits per output that XY lets it reach (17 FIFOs in all
 *                    instead of 5), so a flit waiting for a busy output never blocks flits behind it
 *                    that go elsewhere (no head-of-line blocking). Module name gets {@code _voq}.
 * @param wrr         weighted round-robin arbitration (default off; needs {@code voq}): each output
 *                    lets an input send as many packets in a row as there are source nodes whose
 *                    traffic can reach it through that input, so that backlogged sources share a
 *                    link equally instead of halving at every hop; takes the mesh size on
 *                    {@code x_max_i}/{@code y_max_i}. Module name gets {@code _wrr}.
 */
public record RouterParams(int flitWidth, int bufferDepth, boolean multicast, boolean voq, boolean wrr)
        implements BlockParams {
    public static final int DEFAULT_FLIT_WIDTH = 32;
    public static final int DEFAULT_BUFFER_DEPTH = 4;
    public static final int MIN_FLIT_WIDTH = 16;
    public static final int MAX_FLIT_WIDTH = 256;
    public static final int MIN_BUFFER_DEPTH = 2;
    public static final int MAX_BUFFER_DEPTH = 64;
    /** A multicast flit holds the 17-bit rectangle header and at least 7 payload bits. */
    public static final int MIN_MULTICAST_FLIT_WIDTH = 24;

    public RouterParams {
        ParameterException.requireInRange("flitWidth", flitWidth, MIN_FLIT_WIDTH, MAX_FLIT_WIDTH);
        ParameterException.requireInRange("bufferDepth", bufferDepth, MIN_BUFFER_DEPTH, MAX_BUFFER_DEPTH);
        if (multicast) {
            ParameterException.requireInRange("flitWidth (with multicast)", flitWidth, MIN_MULTICAST_FLIT_WIDTH,
                    MAX_FLIT_WIDTH);
        }
        if (wrr && !voq) {
            throw new ParameterException("wrr", true, "needs voq = true (weighted arbitration is built into the "
                    + "virtual-output-queue router only)");
        }
    }

    /** A router with the default round-robin arbitration. */
    public RouterParams(int flitWidth, int bufferDepth, boolean multicast, boolean voq) {
        this(flitWidth, bufferDepth, multicast, voq, false);
    }

    /** A unicast router with one FIFO per input. */
    public RouterParams(int flitWidth, int bufferDepth) {
        this(flitWidth, bufferDepth, false, false);
    }

    /** A router with one FIFO per input, multicast on or off. */
    public RouterParams(int flitWidth, int bufferDepth, boolean multicast) {
        this(flitWidth, bufferDepth, multicast, false);
    }

    /** The same router with multicast on or off. */
    public RouterParams withMulticast(boolean on) {
        return new RouterParams(flitWidth, bufferDepth, on, voq, wrr);
    }

    /** The same router with virtual output queues on or off (off also turns {@code wrr} off, which needs them). */
    public RouterParams withVoq(boolean on) {
        return new RouterParams(flitWidth, bufferDepth, multicast, on, wrr && on);
    }

    /** The same router with weighted round-robin arbitration on or off (on also turns voq on). */
    public RouterParams withWrr(boolean on) {
        return new RouterParams(flitWidth, bufferDepth, multicast, voq || on, on);
    }

    /** The defaults: 32-bit flits, 4-flit buffers. */
    public static RouterParams defaults() {
        return new RouterParams(DEFAULT_FLIT_WIDTH, DEFAULT_BUFFER_DEPTH);
    }

    /** JSON entry point: absent fields take their defaults. */
    public static RouterParams fromJson(JsonParams j) {
        j.allow("flitWidth", "bufferDepth", "multicast", "voq", "wrr");
        return j.build(() -> new RouterParams(j.integer("flitWidth", DEFAULT_FLIT_WIDTH),
                j.integer("bufferDepth", DEFAULT_BUFFER_DEPTH), j.bool("multicast", false), j.bool("voq", false),
                j.bool("wrr", false)));
    }

    /**
     * {@code nf_router_w<W>_d<D>}, with {@code _mc} appended for multicast, {@code _voq} for VOQs and
     * {@code _wrr} for weighted round-robin.
     */
    public String moduleName() {
        return "nf_router_w" + flitWidth + "_d" + bufferDepth + suffix();
    }

    /** What the options add to module names: {@code ""} for the default unicast router. */
    public String suffix() {
        return (multicast ? "_mc" : "") + (voq ? "_voq" : "") + (wrr ? "_wrr" : "");
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flitWidth", flitWidth);
        m.put("bufferDepth", bufferDepth);
        if (multicast) {
            m.put("multicast", true);
        }
        if (voq) {
            m.put("voq", true);
        }
        if (wrr) {
            m.put("wrr", true);
        }
        return m;
    }
}
