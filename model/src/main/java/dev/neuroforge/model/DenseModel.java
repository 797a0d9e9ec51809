package dev.neuroforge.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The definition, read literally: every step, every projection adds {@code w[i][j] * x[i]} for
 * every source i and target j in ascending order (x = what i emitted delay(i, j) + 1 steps ago, 0
 * for nothing),
 * then every neuron is updated. Slow on purpose; it exists to check {@link EventModel}.
 */
public final class DenseModel implements Simulator {
    private final Network net;
    private final long[][] v;
    private final long[][] oPrev;
    /** Emitted values per step, kept for the longest delay: history[t % h][pop][neuron]. */
    private final long[][][] history;
    private long t;
    private long synops;

    public DenseModel(Network net) {
        this.net = net;
        int n = net.populations().size();
        v = new long[n][];
        oPrev = new long[n][];
        int h = net.maxDelay() + 2;
        history = new long[h][n][];
        for (int p = 0; p < n; p++) {
            int size = net.populations().get(p).size();
            v[p] = new long[size];
            oPrev[p] = new long[size];
            for (int k = 0; k < h; k++) {
                history[k][p] = new long[size];
            }
        }
    }

    @Override
    public List<Event> step(List<Event> inputs) {
        long[][] now = history[(int) (t % history.length)];
        for (long[] row : now) {
            java.util.Arrays.fill(row, 0);
        }
        Inputs.apply(net, inputs, now);
        for (Projection q : net.projections()) {
            int from = net.indexOf(q.from());
            int to = net.indexOf(q.to());
            int bits = net.populations().get(to).neuron().stateBits();
            int sources = net.populations().get(from).size();
            for (int i = 0; i < sources; i++) {
                for (int j = 0; j < v[to].length; j++) {
                    long emitStep = t - 1 - q.delay(i, j);
                    long x = emitStep < 0 ? 0 : history[(int) (emitStep % history.length)][from][i];
                    v[to][j] = Sat.add(v[to][j], (long) q.weight(i, j) * x, bits);
                    synops += x != 0 && q.connects(i, j) ? 1 : 0;
                }
            }
        }
        List<Event> out = new ArrayList<>();
        for (int p = 0; p < v.length; p++) {
            Population pop = net.populations().get(p);
            for (int j = 0; j < pop.size(); j++) {
                if (!pop.isInput()) {
                    now[p][j] = Neurons.update(pop.neuron(), v[p], oPrev[p], j);
                }
                if (now[p][j] != 0) {
                    out.add(new Event(p, j, now[p][j]));
                }
            }
        }
        t++;
        Collections.sort(out);
        return out;
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
}
