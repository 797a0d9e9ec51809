package dev.neuroforge.model;

/**
 * A fully connected projection: every source neuron {@code i} reaches every target neuron
 * {@code j} with weight {@code weights[i][j]} after an axonal delay.
 *
 * @param from          source population name
 * @param to            target population name (not an input population)
 * @param weightBits    signed weight width: 4, 8 or 16
 * @param delay         per-projection axonal delay d, 0..{@link Projection#MAX_DELAY}: an event
 *                      emitted in step t is integrated in step t + 1 + d (0 when one of the arrays
 *                      below is given)
 * @param weights       {@code [from.size][to.size]} weights, each within {@code weightBits}
 * @param axonDelays    null, or one delay per source neuron ({@code [from.size]})
 * @param synapseDelays null, or one delay per synapse ({@code [from.size][to.size]})
 */
public record FullProjection(String from, String to, int weightBits, int delay, int[][] weights, int[] axonDelays,
        int[][] synapseDelays) implements Projection {
    public FullProjection {
        Check.notNull("from", from);
        Check.notNull("to", to);
        Projection.checkAxonDelays(delay, axonDelays);
        Check.notNull("weights", weights);
        Projection.checkWeightBits(weightBits);
        if (axonDelays != null && synapseDelays != null) {
            throw Check.fail("delays: give them per axon or per synapse, not both");
        }
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
        if (synapseDelays != null) {
            if (delay != 0) {
                throw Check.fail("delay = " + delay + " is not allowed together with per-synapse delays: give one or the other");
            }
            for (int i = 0; i < synapseDelays.length; i++) {
                Check.notNull("delay[" + i + "]", synapseDelays[i]);
                for (int j = 0; j < synapseDelays[i].length; j++) {
                    Check.range("delay[" + i + "][" + j + "]", synapseDelays[i][j], 0, Projection.MAX_DELAY);
                }
            }
        }
    }

    /** A fully connected projection with one delay for all its synapses. */
    public FullProjection(String from, String to, int weightBits, int delay, int[][] weights) {
        this(from, to, weightBits, delay, weights, null, null);
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
        if (axonDelays != null && axonDelays.length != src.size()) {
            throw Check.fail(at + ".delay has " + axonDelays.length + " per-axon delays; must be " + src.size()
                    + " (the size of " + src.name() + ")");
        }
        if (synapseDelays != null) {
            if (synapseDelays.length != src.size()) {
                throw Check.fail(at + ".delay has " + synapseDelays.length + " rows of per-synapse delays; must be "
                        + src.size() + " (the size of " + src.name() + ")");
            }
            for (int i = 0; i < synapseDelays.length; i++) {
                if (synapseDelays[i].length != dst.size()) {
                    throw Check.fail(at + ".delay[" + i + "] has " + synapseDelays[i].length + " columns; must be "
                            + dst.size() + " (the size of " + dst.name() + ")");
                }
            }
        }
    }

    @Override
    public int delay(int i, int j) {
        return synapseDelays != null ? synapseDelays[i][j] : axonDelays != null ? axonDelays[i] : delay;
    }

    @Override
    public boolean uniformDelay() {
        return axonDelays == null && synapseDelays == null;
    }

    @Override
    public int[] distinctDelays() {
        if (synapseDelays != null) {
            return Projection.distinct(synapseDelays);
        }
        return axonDelays != null ? Projection.distinct(axonDelays) : new int[] {delay};
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
