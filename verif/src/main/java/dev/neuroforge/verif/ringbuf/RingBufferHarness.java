package dev.neuroforge.verif.ringbuf;

import dev.neuroforge.generator.ringbuf.RingBufferParams;
import dev.neuroforge.sim.PortInfo;
import dev.neuroforge.sim.SimModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a Verilated ring buffer cycle by cycle and checks it against the {@link RingBufferModel}:
 * after an advance the closed step's input leaves on the pop port, neuron by neuron in ascending
 * order, exactly as the model has it; pushes and advances are refused exactly while a read-out is
 * under way; the status outputs match. Mismatches are collected, not thrown.
 */
public final class RingBufferHarness {
    /** What the test offers in one cycle. */
    public record Drive(boolean push, int neuron, long value, int delay, boolean advance, boolean popReady) {
        public static final Drive IDLE = new Drive(false, 0, 0, 0, false, false);
        public static final Drive POP = new Drive(false, 0, 0, 0, false, true);
        public static final Drive ADVANCE = new Drive(false, 0, 0, 0, true, true);

        public static Drive push(int neuron, long value, int delay) {
            return new Drive(true, neuron, value, delay, false, false);
        }
    }

    private record Out(int neuron, long value) {
    }

    private final SimModel sim;
    private final RingBufferParams params;
    private RingBufferModel model;
    private final ArrayDeque<Out> expected = new ArrayDeque<>();
    private final PortInfo pushValid;
    private final PortInfo pushReady;
    private final PortInfo pushNeuron;
    private final PortInfo pushValue;
    private final PortInfo pushDelay;
    private final PortInfo advValid;
    private final PortInfo advReady;
    private final PortInfo popValid;
    private final PortInfo popReady;
    private final PortInfo popNeuron;
    private final PortInfo popValue;
    private final PortInfo dueO;
    private final PortInfo busyO;
    private final PortInfo satO;
    private final PortInfo badO;
    private final List<String> errors = new ArrayList<>();
    private final long valueMask;
    private boolean satAfterLast;
    private boolean satAfterPrevious;
    private int lastPushNeuron = -1;
    private long lastPushStep = -1;
    private int lastPushDelay = -1;
    private boolean pushedLastCycle;
    private long cycle;
    private long pushes;
    private long pops;
    private long nonZeroPops;
    private long advances;
    private long backToBackSameWord;
    private long pushWithAdvance;
    private long initCycles;

    public RingBufferHarness(SimModel sim, RingBufferParams params) {
        this.sim = sim;
        this.params = params;
        this.valueMask = (1L << params.valueWidth()) - 1;
        pushValid = sim.port("push_valid_i");
        pushReady = sim.port("push_ready_o");
        pushNeuron = sim.port("push_neuron_i");
        pushValue = sim.port("push_value_i");
        pushDelay = sim.port("push_delay_i");
        advValid = sim.port("advance_valid_i");
        advReady = sim.port("advance_ready_o");
        popValid = sim.port("pop_valid_o");
        popReady = sim.port("pop_ready_i");
        popNeuron = sim.port("pop_neuron_o");
        popValue = sim.port("pop_value_o");
        dueO = sim.port("due_o");
        busyO = sim.port("busy_o");
        satO = sim.port("saturated_o");
        badO = sim.port("bad_push_o");
        model = new RingBufferModel(params.neurons(), params.maxDelay(), params.accWidth());
    }

    public RingBufferModel model() {
        return model;
    }

    /**
     * Resets the RTL and waits for it to clear its memory: busy, refusing pushes and advances, for
     * one cycle per accumulator. The model starts afresh: everything held is gone by design.
     */
    public void reset() {
        sim.poke(pushValid, 0);
        sim.poke(advValid, 0);
        sim.poke(popReady, 0);
        sim.reset(2);
        model = new RingBufferModel(params.neurons(), params.maxDelay(), params.accWidth());
        expected.clear();
        satAfterLast = false;
        satAfterPrevious = false;
        pushedLastCycle = false;
        lastPushNeuron = -1;
        long start = cycle;
        long limit = 2L * params.words() + 10;
        while (sim.peek(busyO) != 0 && cycle - start < limit) {
            check(sim.peek(pushReady) == 0 && sim.peek(advReady) == 0, "ready while clearing the memory");
            check(sim.peek(popValid) == 0, "pop_valid_o while clearing the memory");
            sim.step(1);
            cycle++;
        }
        initCycles = cycle - start;
        check(initCycles == params.words(), "clearing took " + initCycles + " cycles, one per accumulator is "
                + params.words());
    }

    private long signed(long raw, int width) {
        long v = raw & ((1L << width) - 1);
        return (v & (1L << (width - 1))) != 0 ? v - (1L << width) : v;
    }

    /** Runs one cycle; returns whether the push (if any) was accepted. */
    public boolean tick(Drive d) {
        sim.poke(pushValid, d.push() ? 1 : 0);
        if (d.push()) {
            sim.poke(pushNeuron, d.neuron());
            sim.poke(pushValue, d.value() & valueMask);
            sim.poke(pushDelay, d.delay());
        }
        sim.poke(advValid, d.advance() ? 1 : 0);
        sim.poke(popReady, d.popReady() ? 1 : 0);

        boolean readingOut = !expected.isEmpty();
        boolean pushOk = sim.peek(pushReady) != 0;
        boolean advOk = sim.peek(advReady) != 0;
        boolean popV = sim.peek(popValid) != 0;
        long due = sim.peek(dueO);
        check(pushOk == (!readingOut && !d.advance()), "push_ready_o " + pushOk + " with " + expected.size()
                + " neurons left to read out, advance_valid_i " + d.advance());
        check(advOk == !readingOut, "advance_ready_o " + advOk + " with " + expected.size() + " neurons left to read out");
        check(due == expected.size(), "due_o " + due + ", " + expected.size() + " neurons left to read out");
        check((sim.peek(busyO) != 0) == readingOut, "busy_o " + sim.peek(busyO) + " but reading out " + readingOut);
        check(!popV || readingOut, "pop_valid_o with no read-out under way");
        check((sim.peek(satO) != 0) == satAfterPrevious, "saturated_o " + sim.peek(satO) + ", model "
                + satAfterPrevious);
        check((sim.peek(badO) != 0) == model.badPush(), "bad_push_o " + sim.peek(badO) + ", model " + model.badPush());

        if (popV && d.popReady()) {
            int n = (int) sim.peek(popNeuron);
            long v = signed(sim.peek(popValue), params.accWidth());
            Out want = expected.pollFirst();
            if (want != null) {
                check(n == want.neuron() && v == want.value(), "popped neuron " + n + " value " + v + ", model expects neuron "
                        + want.neuron() + " value " + want.value() + " (read-out of step " + (model.now() - 1) + ")");
            }
            pops++;
            if (v != 0) {
                nonZeroPops++;
            }
        }
        boolean advanced = d.advance() && advOk;
        if (advanced) {
            long[] in = model.advance();
            for (int n = 0; n < in.length; n++) {
                expected.addLast(new Out(n, in[n]));
            }
            advances++;
        }
        boolean pushed = d.push() && pushOk;
        if (pushed) {
            long v = signed(d.value(), params.valueWidth());
            boolean legal = model.push(d.neuron(), v, d.delay());
            if (legal && pushedLastCycle && d.neuron() == lastPushNeuron
                    && model.now() + d.delay() == lastPushStep + lastPushDelay) {
                backToBackSameWord++;
            }
            lastPushNeuron = legal ? d.neuron() : -1;
            lastPushStep = model.now();
            lastPushDelay = d.delay();
            pushes++;
        }
        if (d.push() && advanced) {
            pushWithAdvance++;
        }
        pushedLastCycle = pushed;
        satAfterPrevious = satAfterLast;
        satAfterLast = model.saturated();
        sim.step(1);
        cycle++;
        return pushed;
    }

    /** Runs the read-out of the current step to its end, popping every cycle. */
    public void drain() {
        for (int c = 0; c < 4 * params.neurons() + 8 && !expected.isEmpty(); c++) {
            tick(Drive.POP);
        }
    }

    /** Neurons still to be read out, as the model has it. */
    public int left() {
        return expected.size();
    }

    private void check(boolean ok, String what) {
        if (!ok && errors.size() < 30) {
            errors.add("cycle " + cycle + ": " + what);
        }
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public long cycle() {
        return cycle;
    }

    public long pushes() {
        return pushes;
    }

    public long pops() {
        return pops;
    }

    public long nonZeroPops() {
        return nonZeroPops;
    }

    public long advances() {
        return advances;
    }

    /** Pushes accepted in the cycle after a push to the same accumulator (the forwarding path). */
    public long backToBackSameWord() {
        return backToBackSameWord;
    }

    /** Cycles that offered a push and an accepted advance together (the push must wait). */
    public long pushWithAdvance() {
        return pushWithAdvance;
    }

    public long initCycles() {
        return initCycles;
    }
}
