package dev.neuroforge.verif.tile;

import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.tile.TileBuilder;
import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.npe.NpeArith;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A network fragment run on the Verilated tile, step by step, as the host of a single-tile
 * system runs it (docs/tile.md, "Timestep protocol"): load the {@link TileImage} over the host
 * port, set RUN, then per step tick, send the input events as packets on the west port and wait
 * until the step is provably over (tile idle, packets sent = packets received). The events of a
 * step are the packets that reached the host, translated back to (population, neuron) by the
 * image; the final states are read back over the host port. The same API as {@link TileModel}.
 * Unless switched off, the core is checked in lockstep with the ISS on every instruction it
 * retires ({@link TileLockstep}); a mismatch fails the step with the lockstep report.
 */
public final class TileRtl implements TileRun, AutoCloseable {
    /** Cycles a step may take before the run is declared hung. */
    public static final long STEP_CYCLES = 2_000_000;

    private final TileParams params;
    private final TileHarness h;
    private final NpeMap npeMap;
    private TileImage image;
    private long stepCycles;
    private boolean lockstepOn = true;
    private TileLockstep lockstep;

    public TileRtl(TileParams params) {
        this(params, RtlModels.load(TileBuilder.build(params)));
    }

    /** A tile on an already loaded model of {@code params}. */
    public TileRtl(TileParams params, SimModel sim) {
        this.params = params;
        this.h = new TileHarness(sim, params.router().flitWidth(), 1, 0);
        this.npeMap = new NpeMap(params.npe());
    }

    /** Switches the instruction-by-instruction check of the core on (the default) or off, from the next load. */
    public TileRtl lockstep(boolean on) {
        lockstepOn = on;
        return this;
    }

    /** The lockstep checker of the current load, or null when it is off. */
    public TileLockstep lockstep() {
        return lockstep;
    }

    @Override
    public TileImage image() {
        return image;
    }

    public TileHarness harness() {
        return h;
    }

    /**
     * Resets the tile and loads {@code img} (built for this tile at (1, 0) with the host at (0, 0)),
     * then lets the core boot until it reports DONE.
     */
    public TileRtl load(TileImage img) {
        if (!img.shape().equals(params)) {
            throw new IllegalArgumentException("the image was built for " + img.shape().moduleName() + ", this tile is "
                    + params.moduleName());
        }
        if (img.x() != h.x() || img.y() != h.y() || img.hostX() != h.x() - 1 || img.hostY() != h.y()) {
            throw new IllegalArgumentException("the image must be built for the tile at (" + h.x() + ", " + h.y()
                    + ") with the host at (" + (h.x() - 1) + ", " + h.y() + ")");
        }
        image = img;
        h.reset();
        lockstep = lockstepOn ? new TileLockstep(img) : null;
        h.onRetire(lockstep);
        img.writeTo(h::write);
        h.write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN);
        if (!h.runUntilDone(STEP_CYCLES)) {
            throw new IllegalStateException("the tile firmware did not boot: " + h.errors());
        }
        checkLockstep();
        return this;
    }

    /** One whole step: tick, inputs, until done. Returns the events of the tile's populations, sorted. */
    public List<Event> step(List<Event> inputs) {
        long start = h.cycles();
        int before = h.received().size();
        h.tick();
        for (Event e : inputs) {
            image.hostPackets(e.population(), e.neuron(), e.value()).forEach(h::send);
        }
        h.runUntilDone(STEP_CYCLES);
        stepCycles = h.doneAt() - start;
        checkLockstep();
        long status = status();
        if ((status & TileMap.STATUS_ERRORS) != 0 || !h.errors().isEmpty()) {
            throw new IllegalStateException(String.format("tile error after step: STATUS 0x%08x, harness %s", status,
                    h.errors()));
        }
        List<Event> out = new ArrayList<>();
        for (TileHarness.Received r : h.received().subList(before, h.received().size())) {
            if (r.dstX() != image.hostX() || r.dstY() != image.hostY()) {
                throw new IllegalStateException("a packet for (" + r.dstX() + ", " + r.dstY() + ") reached the host");
            }
            int[] pj = image.fromHostAxon(r.event().axon());
            out.add(new Event(pj[0], pj[1], r.event().value()));
        }
        Collections.sort(out);
        return out;
    }

    private void checkLockstep() {
        if (lockstep != null && lockstep.problem() != null) {
            throw new IllegalStateException(lockstep.problem());
        }
    }

    /** Clock cycles of the last step, from the tick to done. */
    public long stepCycles() {
        return stepCycles;
    }

    public long status() {
        return mmio(TileMap.STATUS);
    }

    /** A tile register read over the host port. */
    public long mmio(int offset) {
        return h.read(TileMap.mmio(offset));
    }

    /** The final state of neuron {@code j} of population {@code p}, read over the host port. */
    @Override
    public long state(int p, int j) {
        int n = image.npeIndex(p, j);
        int lanes = params.npe().lanes();
        return NpeArith.signed(h.read(TileMap.npe(npeMap.state(n % lanes, n / lanes))), params.npe().stateBits());
    }

    @Override
    public void close() {
        h.close();
    }
}
