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
        for (int k = 0; k < net.maxDelay() + 2; k++) {
            List<List<Event>> perPop = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                perPop.add(List.of());
            }
            history.add(perPop);
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
                    long x = e.value();
                    q.forEachTarget(e.neuron(), (j, w) -> {
                        vt[j] = Sat.add(vt[j], (long) w * x, bits);
                        mark(to, j);
                        synops++;
                    });
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
            now.set(p, emitted);
            eventsPerPopulation[p] += emitted.size();
            out.addAll(emitted);
        }
        t++;
        return out;
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

    /** Events integrated so far over projection {@code k}. */
    public long eventsDelivered(int k) {
        return eventsPerProjection[k];
    }

    /** Neuron updates performed (the event-driven saving shows here). */
    public long neuronUpdates() {
        return neuronUpdates;
    }
}
