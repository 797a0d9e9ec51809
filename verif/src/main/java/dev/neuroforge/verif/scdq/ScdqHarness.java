package dev.neuroforge.verif.scdq;

import dev.neuroforge.generator.scdq.ScdqParams;
import dev.neuroforge.sim.PortInfo;
import dev.neuroforge.sim.SimModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a Verilated SCDQ cycle by cycle and checks it against the {@link ScdqModel}: every popped
 * event is the one the model says is next, the step advances exactly when the model allows, the
 * status outputs match, full back-pressures (or, lossy, drops and counts exactly the pushes the model
 * drops). Mismatches are collected, not thrown.
 */
public final class ScdqHarness {
    /** What the test offers in one cycle. */
    public record Drive(boolean push, long event, int delay, boolean advance, boolean popReady) {
    }

    private final SimModel sim;
    private final ScdqParams params;
    private ScdqModel model;
    private final PortInfo pushValid;
    private final PortInfo pushReady;
    private final PortInfo pushEvent;
    private final PortInfo pushDelay;
    private final PortInfo advValid;
    private final PortInfo advReady;
    private final PortInfo popValid;
    private final PortInfo popReady;
    private final PortInfo popEvent;
    private final PortInfo occupancy;
    private final PortInfo dueO;
    private final PortInfo emptyO;
    private final PortInfo fullO;
    private final PortInfo badDelay;
    private final PortInfo overflowO;
    private final List<String> errors = new ArrayList<>();
    private long cycle;
    private long pushes;
    private long pops;
    private long advances;
    private long fullCycles;
    private long pushPopCycles;
    private long dropped;
    private int recycleWait;
    /** Cycles a push may wait for an entry while the queue is not full (free-list read latency). */
    public static final int MAX_RECYCLE_WAIT = 1;
    private int maxDue;

    public ScdqHarness(SimModel sim, ScdqParams params) {
        this.sim = sim;
        this.params = params;
        this.model = newModel();
        pushValid = sim.port("push_valid_i");
        pushReady = sim.port("push_ready_o");
        pushEvent = sim.port("push_event_i");
        pushDelay = sim.port("push_delay_i");
        advValid = sim.port("advance_valid_i");
        advReady = sim.port("advance_ready_o");
        popValid = sim.port("pop_valid_o");
        popReady = sim.port("pop_ready_i");
        popEvent = sim.port("pop_event_o");
        occupancy = sim.port("occupancy_o");
        dueO = sim.port("due_o");
        emptyO = sim.port("empty_o");
        fullO = sim.port("full_o");
        badDelay = sim.port("bad_delay_o");
        overflowO = sim.port("overflow_o");
    }

    private ScdqModel newModel() {
        return new ScdqModel(params.maxDelay(), params.capacity(), params.lossy(), ScdqParams.OVERFLOW_WIDTH);
    }

    public ScdqModel model() {
        return model;
    }

    /** Resets the RTL; the model starts afresh (everything held is gone by design). */
    public void reset() {
        sim.poke(pushValid, 0);
        sim.poke(advValid, 0);
        sim.poke(popReady, 0);
        sim.reset(2);
        model = newModel();
        recycleWait = 0;
    }

    /** Runs one cycle; returns whether the push (if any) was accepted. */
    public boolean tick(Drive d) {
        sim.poke(pushValid, d.push() ? 1 : 0);
        if (d.push()) {
            sim.poke(pushEvent, d.event());
            sim.poke(pushDelay, d.delay());
        }
        sim.poke(advValid, d.advance() ? 1 : 0);
        sim.poke(popReady, d.popReady() ? 1 : 0);

        long occ = sim.peek(occupancy);
        long due = sim.peek(dueO);
        boolean full = sim.peek(fullO) != 0;
        boolean pushOk = sim.peek(pushReady) != 0;
        boolean advOk = sim.peek(advReady) != 0;
        boolean popV = sim.peek(popValid) != 0;
        boolean fullAtStart = model.full();
        check(occ == model.occupancy(), "occupancy_o " + occ + ", model " + model.occupancy());
        check(due == model.dueNow(), "due_o " + due + ", model " + model.dueNow());
        check(full == model.full(), "full_o " + full + ", model full " + model.full());
        check((sim.peek(emptyO) != 0) == (model.occupancy() == 0), "empty_o disagrees with occupancy " + model.occupancy());
        if (model.full()) {
            check(pushOk == params.lossy(), "push_ready_o " + pushOk + " while full" + (params.lossy()
                    ? ": a lossy queue takes the push and drops it" : ": a full queue back-pressures"));
        } else {
            // An entry freed by a pop is reusable one cycle later, so a push may wait one cycle.
            recycleWait = pushOk ? 0 : recycleWait + 1;
            check(recycleWait <= MAX_RECYCLE_WAIT, "push_ready_o low for " + recycleWait + " cycles with "
                    + model.occupancy() + " of " + params.capacity() + " entries held");
        }
        check(sim.peek(overflowO) == model.overflow(), "overflow_o " + sim.peek(overflowO) + ", model "
                + model.overflow());
        check(advOk == model.canAdvance(), "advance_ready_o " + advOk + " but model " + model.canAdvance()
                + " (" + model.dueNow() + " due)");
        check(!popV || model.peek() != null, "pop_valid_o with nothing due");
        check(sim.peek(badDelay) == 0, "bad_delay_o raised by a legal delay");
        if (full) {
            fullCycles++;
        }
        maxDue = (int) Math.max(maxDue, due);

        boolean popped = popV && d.popReady();
        if (popped) {
            long got = sim.peek(popEvent);
            Long want = model.peek();
            if (want != null) {
                check(got == want, "popped 0x" + Long.toHexString(got) + ", model expects 0x" + Long.toHexString(want)
                        + " (step " + model.now() + ")");
                model.pop();
            }
            pops++;
        }
        if (d.advance() && advOk) {
            model.advance();
            advances++;
        }
        boolean pushed = d.push() && pushOk;
        if (pushed) {
            if (fullAtStart) {
                model.drop();  // only a lossy queue takes a push while full
                dropped++;
            } else if (!model.push(d.event(), d.delay())) {
                dropped++;
            }
            pushes++;
        }
        if (pushed && popped) {
            pushPopCycles++;
        }
        sim.step(1);
        cycle++;
        return pushed;
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

    public long advances() {
        return advances;
    }

    public long fullCycles() {
        return fullCycles;
    }

    /** Accepted pushes the lossy queue dropped because it was full (not saturating). */
    public long dropped() {
        return dropped;
    }

    public long pushPopCycles() {
        return pushPopCycles;
    }

    public int maxDue() {
        return maxDue;
    }
}
