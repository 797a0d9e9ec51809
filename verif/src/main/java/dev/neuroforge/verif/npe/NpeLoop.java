package dev.neuroforge.verif.npe;

/**
 * One loop descriptor as the registers hold it (docs/npe.md): element {@code i < count} runs on
 * lane {@code i mod L}, state row {@code (baseS + i / L) mod rfDepth} and weight word
 * {@code (baseW + i / L) mod memDepth}.
 *
 * @param op       the operation of every element
 * @param subtract FIRE/LIF reset: subtract theta (true) or set to zero
 * @param count    elements, 0..65535
 * @param baseS    first state row
 * @param baseW    first weight word
 * @param value    MAC event value (signed, valueBits)
 * @param theta    FIRE/LIF threshold (signed, stateBits)
 * @param leak     LEAK/LIF shift k, 0..31
 * @param quant    SD quantisation shift q (step 2^q), 0..31
 */
public record NpeLoop(NpeOp op, boolean subtract, int count, int baseS, int baseW, long value, long theta, int leak,
        int quant) {
    public static NpeLoop fanOut(int count, int baseS, int baseW, long value) {
        return new NpeLoop(NpeOp.MAC, false, count, baseS, baseW, value, 0, 0, 0);
    }

    public static NpeLoop accumulate(int count, int baseS, int baseW) {
        return new NpeLoop(NpeOp.ACC, false, count, baseS, baseW, 0, 0, 0, 0);
    }

    public static NpeLoop update(NpeOp op, int count, int baseS, long theta, boolean subtract, int leak, int quant) {
        return new NpeLoop(op, subtract, count, baseS, 0, 0, theta, leak, quant);
    }
}
