package dev.neuroforge.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NeuroBench algorithm-track complexity metrics of one run (one sample) of the {@link EventModel},
 * by NeuroBench's definitions (docs/model.md, "NeuroBench metrics", with the sources). Call
 * {@link #record} after every step with the events the step emitted.
 */
public final class NeuroBench {
    private final Network net;
    private final long[][] previous;
    private final int[][][] nonzeroFanout;  // [projection][source neuron] -> {delay, nonzero targets}... per target delay
    private long steps;
    private long effAcs;
    private long effMacs;
    private long membraneUpdates;
    private long zeroActivations;
    private long activationSlots;
    private long synapses;
    private long neuronOps;

    /**
     * Operations per neuron and step: LIF 4 (NeuroBench's figure for snnTorch's Leaky neuron, zero or
     * subtract reset); IF 3 (ours: NeuroBench lists no IF; the Leaky count without the leak);
     * sigma-delta 0 (not in NeuroBench's table; not counted).
     */
    public static int neuronOps(NeuronParams.Kind kind) {
        return switch (kind) {
            case LIF -> 4;
            case IF -> 3;
            case SIGMA_DELTA -> 0;
        };
    }

    public NeuroBench(Network net) {
        this.net = net;
        previous = new long[net.populations().size()][];
        for (int p = 0; p < previous.length; p++) {
            previous[p] = new long[net.populations().get(p).size()];
        }
        nonzeroFanout = new int[net.projections().size()][][];
        for (int k = 0; k < net.projections().size(); k++) {
            Projection q = net.projections().get(k);
            int n = net.populations().get(net.indexOf(q.from())).size();
            int[][] rows = new int[n][];
            for (int i = 0; i < n; i++) {
                int src = i;
                int[] byDelay = new int[Projection.MAX_DELAY + 1];
                q.forEachTarget(i, (j, w) -> {
                    if (w != 0) {
                        byDelay[q.delay(src, j)]++;
                    }
                });
                rows[i] = byDelay;
            }
            nonzeroFanout[k] = rows;
            synapses += q.synapses();
        }
    }

    /** Adds one step: the events it emitted (all populations) and the model's states after it. */
    public void record(EventModel m, List<Event> emitted, long totalSteps) {
        for (Event e : emitted) {
            boolean binary = e.value() == 1 && (net.populations().get(e.population()).isInput()
                    || net.populations().get(e.population()).neuron().kind() != NeuronParams.Kind.SIGMA_DELTA);
            String from = net.populations().get(e.population()).name();
            for (int k = 0; k < net.projections().size(); k++) {
                if (!net.projections().get(k).from().equals(from)) {
                    continue;
                }
                int[] byDelay = nonzeroFanout[k][e.neuron()];
                for (int d = 0; d < byDelay.length; d++) {
                    if (byDelay[d] != 0 && steps + 1 + d < totalSteps) {  // integrated within the run
                        if (binary) {
                            effAcs += byDelay[d];
                        } else {
                            effMacs += byDelay[d];
                        }
                    }
                }
            }
        }
        int[] fired = new int[net.populations().size()];
        for (Event e : emitted) {
            fired[e.population()]++;
        }
        for (int p = 0; p < previous.length; p++) {
            Population pop = net.populations().get(p);
            if (pop.isInput()) {
                continue;
            }
            activationSlots += pop.size();
            neuronOps += (long) pop.size() * neuronOps(pop.neuron().kind());
            zeroActivations += pop.size() - fired[p];
            long[] s = m.state(p);
            for (int i = 0; i < s.length; i++) {
                if (s[i] != previous[p][i]) {
                    membraneUpdates++;
                }
                previous[p][i] = s[i];
            }
        }
        steps++;
    }

    /** The metrics, by their NeuroBench names. */
    public Map<String, Number> metrics() {
        Map<String, Number> r = new LinkedHashMap<>();
        long params = 0;
        long zeros = 0;
        long bytes = 0;
        for (Projection q : net.projections()) {
            long[] c = weights(q);
            params += c[0];
            zeros += c[1];
            bytes += (c[0] * q.weightBits() + 7) / 8;
            if (q.axonDelays() != null) {
                bytes += q.axonDelays().length;
            } else if (!q.uniformDelay()) {
                bytes += q.synapses();
            }
        }
        for (Population p : net.populations()) {
            if (!p.isInput()) {
                bytes += (long) p.size() * ((p.neuron().stateBits() + 7) / 8);
            }
        }
        r.put("footprint", bytes);
        r.put("parameter_count", params);
        r.put("connection_sparsity", params == 0 ? 0.0 : (double) zeros / params);
        r.put("activation_sparsity", activationSlots == 0 ? 0.0 : (double) zeroActivations / activationSlots);
        r.put("synaptic_operations_dense", synapses * steps);
        r.put("synaptic_operations_Eff_MACs", effMacs);
        r.put("synaptic_operations_Eff_ACs", effAcs);
        r.put("membrane_updates", membraneUpdates);
        r.put("neuron_operations", neuronOps);
        return r;
    }

    /** {weights stored, of which zero}: every (i, j) of a full projection, every kernel entry of a conv. */
    private static long[] weights(Projection q) {
        if (q instanceof ConvProjection c) {
            long n = 0;
            long z = 0;
            for (int[][][] a : c.kernels()) {
                for (int[][] b : a) {
                    for (int[] row : b) {
                        for (int w : row) {
                            n++;
                            z += w == 0 ? 1 : 0;
                        }
                    }
                }
            }
            return new long[] {n, z};
        }
        FullProjection f = (FullProjection) q;
        long z = 0;
        for (int[] row : f.weights()) {
            for (int w : row) {
                z += w == 0 ? 1 : 0;
            }
        }
        return new long[] {f.synapses(), z};
    }
}
