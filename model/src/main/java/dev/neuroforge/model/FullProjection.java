package dev.neuroforge.model;

/**
 * A fully connected projection: every source neuron {@code i} reaches every target neuron
 * {@code j} with weight {@code weights[i][j]} after an axonal delay.
 *
 * @param from       source population name
 * @param to         target population name (not an input population)
 * @param weightBits signed weight width: 4, 8 or 16
 * @param delay      axonal delay d, 0..{@link Projection#MAX_DELAY}: an event emitted in step t is
 *                   integrated in step t + 1 + d
 * @param weights    {@code [from.size][to.size]} weights, each within {@code weightBits}
 */
public record FullProjection(String from, String to, int weightBits, int delay, int[][] weights) implements Projection {
    public FullProjection {
        Check.notNull("from", from);
        Check.notNull("to", to);
        Check.range("delay", delay, 0, Projection.MAX_DELAY);
        Check.notNull("weights", weights);
        Projection.checkWeightBits(weightBits);
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

    @Override
    public void validate(Population src, Population dst, String at) {
        if (weights.length != src.size()) {
            throw Check.fail(at + ".weights has " + weights.length + " rows; must be " + src.size()
                    + " (the size of " + src.name() + ")");
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].length != dst.size()) {
                throw Check.fail(at + ".weights[" + i + "] has " + weights[i].length + " columns; must be "
                        + dst.size() + " (the size of " + dst.name() + ")");
            }
        }
    }

    @Override
    public boolean connects(int i, int j) {
        return true;
    }

    @Override
    public int weight(int i, int j) {
        return weights[i][j];
    }

    @Override
    public void forEachTarget(int i, Target t) {
        int[] row = weights[i];
        for (int j = 0; j < row.length; j++) {
            t.add(j, row[j]);
        }
    }

    @Override
    public long synapses() {
        return (long) weights.length * weights[0].length;
    }
}
