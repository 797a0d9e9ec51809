package dev.neuroforge.model;

/**
 * A fully connected projection: every source neuron {@code i} reaches every target neuron
 * {@code j} with weight {@code weights[i][j]} after an axonal delay.
 *
 * @param from       source population name
 * @param to         target population name (not an input population)
 * @param weightBits signed weight width: 4, 8 or 16
 * @param delay      axonal delay d, 0..{@link #MAX_DELAY}: an event emitted in step t is
 *                   integrated in step t + 1 + d
 * @param weights    {@code [from.size][to.size]} weights, each within {@code weightBits}
 */
public record Projection(String from, String to, int weightBits, int delay, int[][] weights) {
    public static final int MAX_DELAY = 255;

    public Projection {
        Check.notNull("from", from);
        Check.notNull("to", to);
        if (weightBits != 4 && weightBits != 8 && weightBits != 16) {
            throw Check.fail("weightBits = " + weightBits + " is not allowed: must be 4, 8 or 16");
        }
        Check.range("delay", delay, 0, MAX_DELAY);
        Check.notNull("weights", weights);
        long lo = Sat.min(weightBits);
        long hi = Sat.max(weightBits);
        for (int i = 0; i < weights.length; i++) {
            Check.notNull("weights[" + i + "]", weights[i]);
            for (int j = 0; j < weights[i].length; j++) {
                if (weights[i][j] < lo || weights[i][j] > hi) {
                    throw Check.fail("weights[" + i + "][" + j + "] = " + weights[i][j] + " is not allowed: must be in "
                            + lo + ".." + hi + " for weightBits = " + weightBits);
                }
            }
        }
    }
}
