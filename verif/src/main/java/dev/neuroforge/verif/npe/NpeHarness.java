package dev.neuroforge.verif.npe;

import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.sim.PortInfo;
import dev.neuroforge.sim.SimModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Drives a Verilated NPE cluster through its register bus, the way the controller core will, and
 * checks it against the {@link NpeModel}: each loop is run on the model when it is queued; every
 * event leaving the RTL must be the model's next one; {@link #checkMemories()} reads every state,
 * sigma-delta output and weight back over the bus. Mismatches are collected, not thrown.
 */
public final class NpeHarness {
    private final SimModel sim;
    private final NpeParams p;
    private final NpeMap map;
    private final NpeModel model;
    private final PortInfo addr;
    private final PortInfo wdata;
    private final PortInfo we;
    private final PortInfo re;
    private final PortInfo rdata;
    private final PortInfo busy;
    private final PortInfo outValid;
    private final PortInfo outReady;
    private final PortInfo outIndex;
    private final PortInfo outValue;
    private final List<String> errors = new ArrayList<>();
    private final List<NpeModel.OutEvent> rtlEvents = new ArrayList<>();
    private final long[] shadow = new long[16];
    private Random stall;
    private double readyRate = 1.0;
    private int expectedEvent;
    private long cycle;
    private long stallCycles;
    private int queued;
    private long lastStart;

    public NpeHarness(SimModel sim, NpeParams p) {
        this.sim = sim;
        this.p = p;
        this.map = new NpeMap(p);
        this.model = new NpeModel(p);
        addr = sim.port("addr_i");
        wdata = sim.port("wdata_i");
        we = sim.port("we_i");
        re = sim.port("re_i");
        rdata = sim.port("rdata_o");
        busy = sim.port("busy_o");
        outValid = sim.port("out_valid_o");
        outReady = sim.port("out_ready_i");
        outIndex = sim.port("out_index_o");
        outValue = sim.port("out_value_o");
        java.util.Arrays.fill(shadow, Long.MIN_VALUE);
    }

    public NpeModel model() {
        return model;
    }

    public NpeMap map() {
        return map;
    }

    /** Holds out_ready_i low at random in a fraction {@code 1 - rate} of cycles. */
    public void backPressure(Random rnd, double rate) {
        this.stall = rnd;
        this.readyRate = rate;
    }

    public void reset() {
        sim.poke(we, 0);
        sim.poke(re, 0);
        sim.poke(outReady, 1);
        sim.reset(2);
    }

    /** One clock cycle with the given bus inputs; the event port is sampled first. */
    private void tick(int a, long d, boolean w, boolean r) {
        sim.poke(addr, a);
        sim.poke(wdata, d & 0xFFFFFFFFL);
        sim.poke(we, w ? 1 : 0);
        sim.poke(re, r ? 1 : 0);
        boolean ready = stall == null || stall.nextDouble() < readyRate;
        sim.poke(outReady, ready ? 1 : 0);
        if (sim.peek(outValid) != 0) {
            if (ready) {
                int idx = (int) sim.peek(outIndex);
                long val = NpeArith.signed(sim.peek(outValue), p.stateBits());
                rtlEvents.add(new NpeModel.OutEvent(idx, val));
                List<NpeModel.OutEvent> want = model.events();
                if (expectedEvent >= want.size()) {
                    error("unexpected event (neuron " + idx + ", value " + val + ")");
                } else {
                    NpeModel.OutEvent e = want.get(expectedEvent);
                    if (e.index() != idx || e.value() != val) {
                        error("event " + expectedEvent + " is (neuron " + idx + ", value " + val + "), model ("
                                + e.index() + ", " + e.value() + ")");
                    }
                }
                expectedEvent++;
            } else {
                stallCycles++;
            }
        }
        sim.step(1);
        cycle++;
    }

    /** An idle bus cycle. */
    public void idle() {
        tick(0, 0, false, false);
    }

    public void write(int a, long d) {
        tick(a, d, true, false);
    }

    public long read(int a) {
        tick(a, 0, false, true);
        sim.poke(re, 0);
        return sim.peek(rdata) & 0xFFFFFFFFL;
    }

    private void writeReg(int reg, long v) {
        if (shadow[reg] != v) {
            write(map.reg(reg), v);
            shadow[reg] = v;
        }
    }

    public boolean busy() {
        return sim.peek(busy) != 0;
    }

    public long status() {
        return read(map.reg(NpeMap.STATUS));
    }

    /**
     * Queues {@code d} (writing only the registers whose value changed, then START), after waiting
     * while the queue is full, and runs it on the model.
     */
    public void submit(NpeLoop d) {
        writeReg(NpeMap.OP, d.op().code() | (d.subtract() ? 8 : 0));
        writeReg(NpeMap.COUNT, d.count());
        writeReg(NpeMap.BASE_S, d.baseS());
        writeReg(NpeMap.BASE_W, d.baseW());
        writeReg(NpeMap.VALUE, d.value() & ((1L << p.valueBits()) - 1));
        writeReg(NpeMap.THETA, d.theta() & ((1L << p.stateBits()) - 1));
        writeReg(NpeMap.SHIFT, d.leak() | (long) d.quant() << 8);
        while ((status() & NpeMap.STATUS_QUEUE_FULL) != 0) {
            // wait for a free queue entry
        }
        lastStart = cycle;
        write(map.reg(NpeMap.CTRL), NpeMap.CTRL_START);
        model.run(d);
        queued++;
    }

    /** Runs until the cluster is idle (every queued loop done, every event out); false on timeout. */
    public boolean drain(long maxCycles) {
        for (long c = 0; c < maxCycles; c++) {
            if (!busy()) {
                return true;
            }
            idle();
        }
        error("still busy after " + maxCycles + " cycles");
        return false;
    }

    /** Checks STATUS: idle, no error, loops-done counter equal to the loops queued. */
    public void checkStatus() {
        long s = status();
        check((s & 0xFFFF) == 0, String.format("STATUS = 0x%08x, expected idle without errors", s));
        check((s >>> 16) == (queued & 0xFFFF), "loops done " + (s >>> 16) + ", queued " + queued);
        check(expectedEvent == model.events().size(), "RTL sent " + expectedEvent + " events, model "
                + model.events().size());
    }

    /** Writes neuron states, o_prev and weights over the bus, on both sides. */
    public void loadState(int lane, int row, long v) {
        write(map.state(lane, row), v);
        model.setState(lane, row, v);
    }

    public void loadOprev(int lane, int row, long v) {
        write(map.oprev(lane, row), v);
        model.setOprev(lane, row, v);
    }

    public void loadWeight(int lane, int word, long w) {
        write(map.mem(lane, word), w);
        model.setMem(lane, word, w);
    }

    /** Reads every state, o_prev and weight over the bus and compares them with the model. */
    public void checkMemories() {
        for (int lane = 0; lane < p.lanes(); lane++) {
            for (int row = 0; row < p.rfDepth(); row++) {
                long s = NpeArith.signed(read(map.state(lane, row)), 32);
                check(s == model.state(lane, row), "state lane " + lane + " row " + row + " = " + s + ", model "
                        + model.state(lane, row));
                long o = NpeArith.signed(read(map.oprev(lane, row)), 32);
                check(o == model.oprev(lane, row), "o_prev lane " + lane + " row " + row + " = " + o + ", model "
                        + model.oprev(lane, row));
            }
            for (int w = 0; w < p.memDepth(); w++) {
                long m = NpeArith.signed(read(map.mem(lane, w)), 32);
                check(m == model.mem(lane, w), "weight lane " + lane + " word " + w + " = " + m + ", model "
                        + model.mem(lane, w));
            }
        }
    }

    public void check(boolean ok, String what) {
        if (!ok) {
            error(what);
        }
    }

    private void error(String what) {
        if (errors.size() < 30) {
            errors.add("cycle " + cycle + ": " + what);
        }
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public long cycle() {
        return cycle;
    }

    /** Every event the RTL sent, in order. */
    public List<NpeModel.OutEvent> rtlEvents() {
        return rtlEvents;
    }

    public long eventsSeen() {
        return expectedEvent;
    }

    public long stallCycles() {
        return stallCycles;
    }

    /** The cycle in which the last START was written. */
    public long lastStart() {
        return lastStart;
    }

    public int queued() {
        return queued;
    }
}
