package dev.neuroforge.verif.npe;

import dev.neuroforge.generator.npe.NpeParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Bit-exact golden model of an NPE cluster: the register files, the weight memory and the loops,
 * executed element by element in loop order (docs/npe.md). It knows nothing of the RTL's pipeline;
 * the RTL must produce the same states, memory words and output events in the same order.
 */
public final class NpeModel {
    /** An event leaving the cluster: neuron {@code row * L + lane} and its value. */
    public record OutEvent(int index, long value) {
    }

    private final NpeParams p;
    private final long[][] state;
    private final long[][] oprev;
    private final long[][] mem;
    private final List<OutEvent> events = new ArrayList<>();
    private long laneOps;
    private int loopsDone;

    public NpeModel(NpeParams p) {
        this.p = p;
        state = new long[p.lanes()][p.rfDepth()];
        oprev = new long[p.lanes()][p.rfDepth()];
        mem = new long[p.memDepth()][p.lanes()];
    }

    public long state(int lane, int row) {
        return state[lane][row];
    }

    public long oprev(int lane, int row) {
        return oprev[lane][row];
    }

    public long mem(int lane, int word) {
        return mem[word][lane];
    }

    /** Neuron {@code n}'s state when neurons are numbered {@code row * L + lane}. */
    public long neuron(int n) {
        return state[n % p.lanes()][n / p.lanes()];
    }

    public void setState(int lane, int row, long v) {
        state[lane][row] = NpeArith.signed(v, p.stateBits());
    }

    public void setOprev(int lane, int row, long v) {
        oprev[lane][row] = NpeArith.signed(v, p.stateBits());
    }

    public void setMem(int lane, int word, long w) {
        mem[word][lane] = NpeArith.signed(w, p.weightBits());
    }

    /** Every event emitted so far, in emission order. */
    public List<OutEvent> events() {
        return events;
    }

    /** Lane operations executed (elements of all loops). */
    public long laneOps() {
        return laneOps;
    }

    public int loopsDone() {
        return loopsDone;
    }

    /** Runs one loop to the end. */
    public void run(NpeLoop d) {
        int sb = p.stateBits();
        int lanes = p.lanes();
        for (int i = 0; i < d.count(); i++) {
            int lane = i % lanes;
            int row = (int) ((d.baseS() + (long) (i / lanes)) % p.rfDepth());
            int word = (int) ((d.baseW() + (long) (i / lanes)) % p.memDepth());
            long v = state[lane][row];
            long w = mem[word][lane];
            switch (d.op()) {
                case MAC -> v = NpeArith.mac(v, w, d.value(), sb);
                case ACC -> v = NpeArith.acc(v, w, sb);
                case LEAK -> v = NpeArith.leak(v, d.leak());
                case FIRE, LIF -> {
                    if (d.op() == NpeOp.LIF) {
                        v = NpeArith.leak(v, d.leak());
                    }
                    if (NpeArith.fires(v, d.theta())) {
                        v = NpeArith.afterSpike(v, d.theta(), d.subtract(), sb);
                        events.add(new OutEvent(row * lanes + lane, 1));
                    }
                }
                case SD -> {
                    long o = NpeArith.quantize(v, d.quant());
                    long delta = NpeArith.delta(o, oprev[lane][row], sb);
                    oprev[lane][row] = o;
                    if (delta != 0) {
                        events.add(new OutEvent(row * lanes + lane, delta));
                    }
                }
                case LOAD -> v = w;
                case STORE -> mem[word][lane] = NpeArith.store(v, p.weightBits());
                default -> throw new IllegalStateException(d.op().toString());
            }
            state[lane][row] = v;
            laneOps++;
        }
        loopsDone++;
    }
}
