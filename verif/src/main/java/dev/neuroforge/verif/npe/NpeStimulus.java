package dev.neuroforge.verif.npe;

import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.model.Sat;
import java.util.Random;

/**
 * Constrained-random loops, states and weights for an NPE cluster: extremes of every width weighted
 * up so that saturation at both ends, exact thresholds and large shifts happen often.
 */
public final class NpeStimulus {
    private final NpeParams p;
    private final Random rnd;

    public NpeStimulus(NpeParams p, Random rnd) {
        this.p = p;
        this.rnd = rnd;
    }

    /** A signed value of {@code bits} bits, one time in four an extreme or a value next to one. */
    public long value(int bits) {
        long max = Sat.max(bits);
        long min = Sat.min(bits);
        return switch (rnd.nextInt(16)) {
            case 0 -> max;
            case 1 -> min;
            case 2 -> rnd.nextInt(5) - 2;
            case 3 -> rnd.nextBoolean() ? max - rnd.nextInt(3) : min + rnd.nextInt(3);
            default -> min + (long) (rnd.nextDouble() * (max - min + 1));
        };
    }

    public long weight() {
        return value(p.weightBits());
    }

    public long state() {
        return value(p.stateBits());
    }

    private int count() {
        int all = p.lanes() * p.rfDepth();
        return switch (rnd.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 1 + rnd.nextInt(p.lanes());
            case 2 -> all + rnd.nextInt(all + 1);            // wraps the register file
            case 3 -> p.lanes() * (1 + rnd.nextInt(p.rfDepth()));
            default -> rnd.nextInt(all + 1);
        };
    }

    private long theta() {
        return switch (rnd.nextInt(6)) {
            case 0 -> value(p.stateBits());
            case 1 -> 1 + rnd.nextInt(8);
            default -> 1 + (long) (rnd.nextDouble() * Sat.max(p.stateBits()) / (1 << rnd.nextInt(12)));
        };
    }

    private int shift() {
        return rnd.nextInt(8) == 0 ? rnd.nextInt(32) : rnd.nextInt(p.stateBits());
    }

    /** A random loop of any operation over the whole register file and memory. */
    public NpeLoop loop() {
        int r = rnd.nextInt(100);
        NpeOp op = r < 30 ? NpeOp.MAC : r < 45 ? NpeOp.ACC : r < 52 ? NpeOp.LEAK : r < 62 ? NpeOp.FIRE
                : r < 74 ? NpeOp.LIF : r < 85 ? NpeOp.SD : r < 94 ? NpeOp.LOAD : NpeOp.STORE;
        return new NpeLoop(op, rnd.nextBoolean(), count(), rnd.nextInt(p.rfDepth()), rnd.nextInt(p.memDepth()),
                value(p.valueBits()), theta(), shift(), shift());
    }
}
