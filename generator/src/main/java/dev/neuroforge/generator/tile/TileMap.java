package dev.neuroforge.generator.tile;

import dev.neuroforge.generator.npe.NpeMap;

/**
 * The tile's address map, MMIO registers and their bits (docs/tile.md), shared by the builder, the
 * testbenches and the firmware tooling so that all of them use the same numbers.
 */
public final class TileMap {
    /** Region bases (byte addresses on the core's data port and the host port). */
    public static final int IMEM_BASE = 0x0000_0000;
    public static final int DMEM_BASE = 0x0001_0000;
    public static final int RTIDX_BASE = 0x0004_0000;
    public static final int RTENT_BASE = 0x0008_0000;
    public static final int FANTAB_BASE = 0x000C_0000;
    public static final int MMIO_BASE = 0x1000_0000;
    public static final int MMIO_SIZE = 0x100;
    public static final int NPE_BASE = 0x2000_0000;

    /** MMIO offsets from {@link #MMIO_BASE}. */
    public static final int MTIME_LO = 0x00;
    public static final int MTIME_HI = 0x04;
    public static final int MTIMECMP_LO = 0x08;
    public static final int MTIMECMP_HI = 0x0C;
    public static final int CTRL = 0x10;
    public static final int STATUS = 0x14;
    public static final int STEP = 0x18;
    public static final int COORD = 0x1C;
    public static final int SCDQ_DUE = 0x20;
    public static final int SCDQ_POP = 0x24;
    public static final int SCDQ_ADV = 0x28;
    public static final int SCDQ_OCC = 0x2C;
    public static final int CNT_SYNOPS = 0x30;
    public static final int CNT_UPDATES = 0x34;
    public static final int CNT_EV_IN = 0x38;
    public static final int CNT_EV_OUT = 0x3C;
    public static final int CNT_FIRES = 0x40;
    public static final int CNT_SCDQ_PEAK = 0x44;
    public static final int CNT_BUSY = 0x48;
    public static final int CNT_NPE_BUSY = 0x4C;
    /** Write: hand one event {value[31:16], axon[15:0]} to the fan-out unit (waits while its queue is full). */
    public static final int FANOUT = 0x50;
    /**
     * Write: queue the update list in the fan-out unit behind the events handed to it so far; the
     * word is the list's descriptor {@code {count[31:16], FANTAB word[15:0]}} ({@link #updateListWord}).
     * The unit then runs the list's loops (5 FANTAB words each: OP, COUNT, BASE_S, THETA, SHIFT, then
     * START) and restores OP to MAC (waits while its queue is full, as FANOUT does).
     */
    public static final int UPDATE = 0x54;
    /** Read/write: the update-list descriptor a CTRL.DRAIN queues behind the due events (the firmware writes it at boot). */
    public static final int UPDLIST = 0x58;
    /** Entries (events or update lists) the fan-out unit's input queue holds. */
    public static final int FANOUT_QUEUE_DEPTH = 8;
    /** FANTAB words per update-list entry: OP, COUNT, BASE_S, THETA, SHIFT. */
    public static final int UPDATE_ENTRY_WORDS = 5;

    /** CTRL bits. */
    public static final int CTRL_DONE = 1 << 0;
    public static final int CTRL_TICK_ACK = 1 << 1;
    public static final int CTRL_RUN = 1 << 2;
    public static final int CTRL_CLEAR = 1 << 3;
    public static final int CTRL_CLEAR_COUNTERS = 1 << 4;
    /**
     * With TICK pending: the hardware moves every due SCDQ event, in order, into the fan-out queue,
     * queues the update list of UPDLIST behind them, advances the SCDQ and acknowledges the tick
     * (docs/tile.md, "Timestep protocol"). Written together with DONE, which it makes count.
     */
    public static final int CTRL_DRAIN = 1 << 5;

    /** STATUS bits. */
    public static final int STATUS_TICK_PENDING = 1 << 0;
    public static final int STATUS_DONE = 1 << 1;
    public static final int STATUS_RUN = 1 << 2;
    public static final int STATUS_IDLE = 1 << 3;
    public static final int STATUS_GATE_OPEN = 1 << 4;
    public static final int STATUS_FANOUT_BUSY = 1 << 5;
    /** The due events were pushed in non-decreasing axon order, so a CTRL.DRAIN hands them out in axon order. */
    public static final int STATUS_SORTED = 1 << 6;
    /** A CTRL.DRAIN is under way. */
    public static final int STATUS_DRAINING = 1 << 7;
    public static final int STATUS_BAD_DELAY = 1 << 8;
    public static final int STATUS_VALUE_RANGE = 1 << 9;
    public static final int STATUS_TICK_LOST = 1 << 10;
    public static final int STATUS_EARLY_TICK = 1 << 11;
    public static final int STATUS_POP_EMPTY = 1 << 12;
    /** Every sticky error bit of STATUS ({@code err_o} is their OR). */
    public static final int STATUS_ERRORS = STATUS_BAD_DELAY | STATUS_VALUE_RANGE | STATUS_TICK_LOST
            | STATUS_EARLY_TICK | STATUS_POP_EMPTY;

    /** NPE operation codes the activity counters sort by (docs/npe.md). */
    public static final int OP_MAC = 0;
    public static final int OP_ACC = 1;
    public static final int OP_FIRE = 3;
    public static final int OP_LIF = 4;
    public static final int OP_SD = 5;

    private TileMap() {
    }

    /** Byte address of MMIO register {@code offset}. */
    public static long mmio(int offset) {
        return MMIO_BASE + offset;
    }

    /** Byte address of DMEM word {@code word}. */
    public static long dmem(int word) {
        return DMEM_BASE + 4L * word;
    }

    public static long imem(int word) {
        return IMEM_BASE + 4L * word;
    }

    public static long rtidx(int neuron) {
        return RTIDX_BASE + 4L * neuron;
    }

    public static long rtent(int entry) {
        return RTENT_BASE + 4L * entry;
    }

    /** Byte address of FANTAB word {@code word}. */
    public static long fantab(int word) {
        return FANTAB_BASE + 4L * word;
    }

    /** FANTAB axon entry: {@code nseg} segments, the first at FANTAB word {@code first}. */
    public static int axonWord(int nseg, int first) {
        return (nseg & 0xFFFF) << 16 | (first & 0xFFFF);
    }

    /** An update-list descriptor: {@code count} entries from FANTAB word {@code first}. */
    public static int updateListWord(int count, int first) {
        return (count & 0xFFFF) << 16 | (first & 0xFFFF);
    }

    /** Byte address of NPE bus word {@code npeAddr} (an address from {@link NpeMap}). */
    public static long npe(int npeAddr) {
        return NPE_BASE + 4L * npeAddr;
    }

    /** RTIDX word: {@code count} entries from {@code first}. */
    public static int rtidxWord(int first, int count) {
        return (count & 0xFFFF) << 16 | (first & 0xFFFF);
    }

    /** RTENT word: one packet to tile (x, y), axon {@code axon}, delay tag {@code delay}. */
    public static int rtentWord(int x, int y, int axon, int delay) {
        return (delay & 0xFF) << 24 | (axon & 0xFFFF) << 8 | (y & 0xF) << 4 | (x & 0xF);
    }
}
