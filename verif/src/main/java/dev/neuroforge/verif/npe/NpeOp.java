package dev.neuroforge.verif.npe;

/** The operations of an NPE loop, with their OP register codes (docs/npe.md). */
public enum NpeOp {
    MAC(0), ACC(1), LEAK(2), FIRE(3), LIF(4), SD(5), LOAD(6), STORE(7);

    private final int code;

    NpeOp(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether an element of the loop reads a weight from the data memory. */
    public boolean readsMemory() {
        return this == MAC || this == ACC || this == LOAD;
    }

    /** Whether the operation can emit output events. */
    public boolean emits() {
        return this == FIRE || this == LIF || this == SD;
    }
}
