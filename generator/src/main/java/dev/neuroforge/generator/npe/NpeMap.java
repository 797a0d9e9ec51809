package dev.neuroforge.generator.npe;

import static dev.neuroforge.generator.common.FifoBuilder.bitsFor;

/**
 * The register-bus map and descriptor format of one NPE cluster (docs/npe.md), shared by the
 * builder, the testbenches and the firmware side so that all of them agree on every address.
 */
public final class NpeMap {
    /** Register offsets in region 0. */
    public static final int CTRL = 0;
    public static final int STATUS = 1;
    public static final int OP = 2;
    public static final int COUNT = 3;
    public static final int BASE_S = 4;
    public static final int BASE_W = 5;
    public static final int VALUE = 6;
    public static final int THETA = 7;
    public static final int SHIFT = 8;

    /** CTRL bits. */
    public static final int CTRL_START = 1;
    public static final int CTRL_CLEAR = 2;

    /** STATUS bits; the loops-done counter is in bits 31..16. */
    public static final int STATUS_BUSY = 1;
    public static final int STATUS_QUEUE_FULL = 2;
    public static final int STATUS_ERR_OVERFLOW = 4;
    public static final int STATUS_ERR_BUSY = 8;
    public static final int STATUS_ERR_RANGE = 16;

    /** Regions (top two address bits). */
    public static final int REGION_REGS = 0;
    public static final int REGION_STATE = 1;
    public static final int REGION_OPREV = 2;
    public static final int REGION_MEM = 3;

    /** Descriptors the queue holds besides the loop that runs. */
    public static final int QUEUE_DEPTH = 2;
    /** Width of COUNT: loops of up to 65535 elements. */
    public static final int COUNT_BITS = 16;

    private final NpeParams p;

    public NpeMap(NpeParams p) {
        this.p = p;
    }

    /** Bits of the lane field in a window address. */
    public int laneBits() {
        return bitsFor(p.lanes() - 1);
    }

    public int rowBits() {
        return bitsFor(p.rfDepth() - 1);
    }

    public int wordBits() {
        return bitsFor(p.memDepth() - 1);
    }

    /** Bits of the offset within a region (at least 4, for the registers). */
    public int offsetBits() {
        return Math.max(4, Math.max(rowBits(), wordBits()) + laneBits());
    }

    public int addrBits() {
        return offsetBits() + 2;
    }

    /** Bits of an output event's neuron index ({@code row * lanes + lane}). */
    public int indexBits() {
        return bitsFor(p.neurons() - 1);
    }

    public int reg(int offset) {
        return offset;
    }

    public int state(int lane, int row) {
        return window(REGION_STATE, row, lane);
    }

    public int oprev(int lane, int row) {
        return window(REGION_OPREV, row, lane);
    }

    public int mem(int lane, int word) {
        return window(REGION_MEM, word, lane);
    }

    private int window(int region, int index, int lane) {
        return (region << offsetBits()) | (index << laneBits()) | lane;
    }
}
