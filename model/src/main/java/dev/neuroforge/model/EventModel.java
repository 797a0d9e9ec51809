package dev.neuroforge.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The golden functional event model: the same semantics as {@link DenseModel}, computed with work
 * proportional to the events. Emitted events wait in a per-step history ring until their
 * projection's delay has passed; a step touches only the targets of due events, plus the neurons
 * that could still change without input (an IF/LIF neuron at or above threshold, a LIF neuron whose
 * leak is not yet zero).
 */
public final class EventModel implements Simulator {
    private final Network net;
    private final int[] fromIndex;
    private final int[] toIndex;
    private final long[][] v;
    private final long[][] oPrev;
    /** Events emitted per step and population, ascending by neuron: history[t % h][pop]. */
    private final List<List<List<Event>>> history = new ArrayList<>();
    /** Neurons to update this step, as a mark per neuron plus a list of the marked ones. */
    private final boolean[][] marked;
    private final int[][] markedList;
    private final int[] markedCount;
    private long t;
    private long synops;
    private long neuronUpdates;
    private final long[] eventsPerPopulation;
    private final long[] eventsPerProjection;
    private final long[] updatesPerPopulation;
    /**
     * Emitted values per step of the populations that feed a projection with per-axon or
     * per-synapse delays (null for the others): values[t % h][pop][neuron]. Such a projection
     * looks up what a source emitted delay(i, j) + 1 steps ago.
     */
    private final long[][][] values;
    /**
     * Per projection with per-synapse delays, per source row: the group number of each delay (-1
     * where the row has no synapse of that delay) and each group's targets, ascending.
     */
    private final int[][][] groupIndex;
    private final int[][][][] groupTargets;
    /** The weights of groupTargets, in the same order (so a delivery reads them sequentially). */
    private final int[][][][] groupWeights;
    private long[] pairBuffer = new long[64];
    /** Per projection: its distinct delays (computed once). */
    private final int[][] distinctDelays;

    public EventModel(Network net) {
        this.net = net;
        int n = net.populations().size();
        v = new long[n][];
        oPrev = new long[n][];
        marked = new boolean[n][];
        markedList = new int[n][];
        markedCount = new int[n];
        for (int p = 0; p < n; p++) {
            int size = net.populations().get(p).size();
            v[p] = new long[size];
            oPrev[p] = new long[size];
            marked[p] = new boolean[size];
            markedList[p] = new int[size];
        }
        eventsPerPopulation = new long[n];
        eventsPerProjection = new long[net.projections().size()];
        fromIndex = net.projections().stream().mapToInt(q -> net.indexOf(q.from())).toArray();
        toIndex = net.projections().stream().mapToInt(q -> net.indexOf(q.to())).toArray();
        updatesPerPopulation = new long[n];
        int h = net.maxDelay() + 2;
        for (int k = 0; k < h; k++) {
            List<List<Event>> perPop = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                perPop.add(List.of());
            }
            history.add(perPop);
        }
        values = new long[h][n][];
        int np = net.projections().size();
        groupIndex = new int[np][][];
        groupTargets = new int[np][][][];
        groupWeights = new int[np][][][];
        distinctDelays = new int[np][];
        for (int k = 0; k < np; k++) {
            Projection q = net.projections().get(k);
            distinctDelays[k] = q.distinctDelays();
            if (q.uniformDelay()) {
                continue;
            }
            int size = net.populations().get(fromIndex[k]).size();
            for (int s = 0; s < h; s++) {
                if (values[s][fromIndex[k]] == null) {
                    values[s][fromIndex[k]] = new long[size];
                }
            }
            if (q instanceof FullProjection f && f.synapseDelays() != null) {
                groupIndex[k] = new int[size][];
                groupTargets[k] = new int[size][][];
                groupWeights[k] = new int[size][][];
                for (int i = 0; i < size; i++) {
                    int[] row = f.synapseDelays()[i];
                    int[] count = new int[Projection.MAX_DELAY + 1];
                    for (int d : row) {
                        count[d]++;
                    }
                    int groups = 0;
                    for (int c : count) {
                        groups += c > 0 ? 1 : 0;
                    }
                    int[][] targets = new int[groups][];
                    int[] slot = new int[Projection.MAX_DELAY + 1];
                    Arrays.fill(slot, -1);
                    for (int d = 0, g = 0; d <= Projection.MAX_DELAY; d++) {
                        if (count[d] > 0) {
                            slot[d] = g;
                            targets[g++] = new int[count[d]];
                        }
                    }
                    int[][] weights = new int[groups][];
                    for (int g = 0; g < groups; g++) {
                        weights[g] = new int[targets[g].length];
                    }
                    int[] fill = new int[groups];
                    for (int j = 0; j < row.length; j++) {
                        int g = slot[row[j]];
                        weights[g][fill[g]] = f.weights()[i][j];
                        targets[g][fill[g]++] = j;
                    }
                    groupIndex[k][i] = slot;
                    groupTargets[k][i] = targets;
                    groupWeights[k][i] = weights;
                }
            }
        }
    }

    @Override
    public List<Event> step(List<Event> inputs) {
        int h = history.size();
        long[][] inputValues = new long[v.length][];
        for (int p = 0; p < v.length; p++) {
            inputValues[p] = net.populations().get(p).isInput() ? new long[net.populations().get(p).size()] : null;
        }
        Inputs.apply(net, inputs, inputValues);

        for (int k = 0; k < net.projections().size(); k++) {
            Projection q = net.projections().get(k);
            if (!q.uniformDelay()) {
                deliverWithDelays(k, q);
                continue;
            }
            long emitStep = t - 1 - q.delay();
            if (emitStep < 0) {
                continue;
            }
            int to = toIndex[k];
            int bits = net.populations().get(to).neuron().stateBits();
            long[] vt = v[to];
            List<Event> due = history.get((int) (emitStep % h)).get(fromIndex[k]);
            eventsPerProjection[k] += due.size();
            for (Event e : due) {
                if (q instanceof FullProjection f) {
                    // The hot path: a plain loop the JIT keeps tight.
                    int[] row = f.weights()[e.neuron()];
                    for (int j = 0; j < row.length; j++) {
                        vt[j] = Sat.add(vt[j], (long) row[j] * e.value(), bits);
                        mark(to, j);
                    }
                    synops += row.length;
                } else {
                    deliver(q, to, bits, e.neuron(), e.value());
                }
            }
        }

        List<List<Event>> now = history.get((int) (t % h));
        List<Event> out = new ArrayList<>();
        for (int p = 0; p < v.length; p++) {
            Population pop = net.populations().get(p);
            List<Event> emitted = new ArrayList<>();
            if (pop.isInput()) {
                for (Event e : inputs) {
                    if (e.population() == p) {
                        emitted.add(e);
                    }
                }
                Collections.sort(emitted);
            } else {
                emitted = updateMarked(p, pop.neuron());
            }
            long[] vals = values[(int) (t % h)][p];
            if (vals != null) {
                for (Event e : now.get(p)) {
                    vals[e.neuron()] = 0;
                }
                for (Event e : emitted) {
                    vals[e.neuron()] = e.value();
                }
            }
            now.set(p, emitted);
            eventsPerPopulation[p] += emitted.size();
            out.addAll(emitted);
        }
        t++;
        return out;
    }

    /** Adds x times the weight of every target of source i (any projection type). */
    private void deliver(Projection q, int to, int bits, int i, long x) {
        long[] vt = v[to];
        q.forEachTarget(i, (j, w) -> {
            vt[j] = Sat.add(vt[j], (long) w * x, bits);
            mark(to, j);
            synops++;
        });
    }

    /**
     * Integration over a projection with per-axon or per-synapse delays. Each (source i, delay d)
     * with an event of i emitted in step t - 1 - d that uses delay d is one delivery; deliveries are
     * taken in ascending source order (a source's deliveries of different delays reach different
     * targets, so their order among themselves does not matter), and each adds the event's value
     * times the weight to the targets of i whose synapse has delay d.
     */
    private void deliverWithDelays(int k, Projection q) {
        int h = history.size();
        int from = fromIndex[k];
        int to = toIndex[k];
        int bits = net.populations().get(to).neuron().stateBits();
        int[] axon = q.axonDelays();
        long[] pairs = pairBuffer;
        int n = 0;
        for (int d : distinctDelays[k]) {
            long s = t - 1 - d;
            if (s < 0) {
                continue;
            }
            for (Event e : history.get((int) (s % h)).get(from)) {
                int i = e.neuron();
                if (axon != null ? axon[i] != d : groupIndex[k][i][d] < 0) {
                    continue;
                }
                if (n == pairs.length) {
                    pairs = Arrays.copyOf(pairs, 2 * n);
                    pairBuffer = pairs;
                }
                pairs[n++] = (long) i << 8 | d;
            }
        }
        Arrays.sort(pairs, 0, n);
        long[] vt = v[to];
        for (int c = 0; c < n; c++) {
            int i = (int) (pairs[c] >>> 8);
            int d = (int) (pairs[c] & 0xFF);
            long x = values[(int) ((t - 1 - d) % h)][from][i];
            eventsPerProjection[k]++;
            if (axon != null) {
                deliver(q, to, bits, i, x);
                continue;
            }
            int g = groupIndex[k][i][d];
            int[] targets = groupTargets[k][i][g];
            int[] weights = groupWeights[k][i][g];
            for (int m = 0; m < targets.length; m++) {
                int j = targets[m];
                vt[j] = Sat.add(vt[j], (long) weights[m] * x, bits);
                mark(to, j);
            }
            synops += targets.length;
        }
    }

    /** Updates the marked neurons of population p in ascending order; marks those still pending. */
    private List<Event> updateMarked(int p, NeuronParams n) {
        int count = markedCount[p];
        int[] list = Arrays.copyOf(markedList[p], count);
        Arrays.sort(list);
        for (int j : list) {
            marked[p][j] = false;
        }
        markedCount[p] = 0;
        List<Event> emitted = new ArrayList<>();
        for (int j : list) {
            neuronUpdates++;
            updatesPerPopulation[p]++;
            long x = Neurons.update(n, v[p], oPrev[p], j);
            if (x != 0) {
                emitted.add(new Event(p, j, x));
            }
            if (Neurons.needsUpdateWithoutInput(n, v[p][j])) {
                mark(p, j);
            }
        }
        return emitted;
    }

    private void mark(int p, int j) {
        if (!marked[p][j]) {
            marked[p][j] = true;
            markedList[p][markedCount[p]++] = j;
        }
    }

    @Override
    public long[] state(int population) {
        return v[population].clone();
    }

    @Override
    public long time() {
        return t;
    }

    @Override
    public long synapticOps() {
        return synops;
    }

    /** Events emitted so far by population {@code p}. */
    public long eventsEmitted(int p) {
        return eventsPerPopulation[p];
    }

    /** Neuron updates performed so far in population {@code p}. */
    public long neuronUpdates(int p) {
        return updatesPerPopulation[p];
    }

    /**
     * Deliveries so far over projection {@code k}: events integrated, counted once per distinct
     * delay of the synapses they use (so once per event unless delays are per synapse).
     */
    public long eventsDelivered(int k) {
        return eventsPerProjection[k];
    }

    /** Neuron updates performed (the event-driven saving shows here). */
    public long neuronUpdates() {
        return neuronUpdates;
    }
}
