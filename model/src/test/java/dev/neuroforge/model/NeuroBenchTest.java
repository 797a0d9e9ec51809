package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every NeuroBench metric of a tiny run, worked by hand. */
class NeuroBenchTest {
    @Test
    void tinyNetworkByHand() {
        // in (2) -> out (2, IF threshold 2, 16-bit state), weights [[2, 0], [1, 1]], delay 0, 8-bit weights
        Network net = new Network("t", List.of(Population.input("in", 2),
                new Population("out", 2, NeuronParams.integrateAndFire(2, NeuronParams.Reset.ZERO, 16))),
                List.of(new FullProjection("in", "out", 8, 0, new int[][] {{2, 0}, {1, 1}})));
        EventModel m = new EventModel(net);
        NeuroBench nb = new NeuroBench(net);
        List<List<Event>> in = List.of(List.of(new Event(0, 0, 1)), List.of(new Event(0, 1, 1)), List.of());
        int steps = 3;
        for (int t = 0; t < steps; t++) {
            nb.record(m, m.step(in.get(t)), steps);
        }
        // step 0: in0 spikes. step 1: out0 gets 2 -> fires, resets to 0 (state 0 -> 2 -> 0: unchanged);
        //         in1 spikes. step 2: out0 += 1, out1 += 1 -> states 1, 1 (two membrane updates).
        Map<String, Number> r = nb.metrics();
        assertEquals(4 + 2 * 2, r.get("footprint").longValue(), "4 weights of 1 byte + 2 states of 2 bytes");
        assertEquals(4L, r.get("parameter_count").longValue());
        assertEquals(0.25, r.get("connection_sparsity").doubleValue(), 1e-12);
        // out: 2 neurons x 3 steps = 6 activations, 1 spike (out0 in step 1)
        assertEquals(5.0 / 6, r.get("activation_sparsity").doubleValue(), 1e-12);
        assertEquals(4L * 3, r.get("synaptic_operations_dense").longValue());
        // in0 (1 nonzero synapse) + in1 (2 nonzero) integrated within the run; out has no projections
        assertEquals(3L, r.get("synaptic_operations_Eff_ACs").longValue());
        assertEquals(0L, r.get("synaptic_operations_Eff_MACs").longValue());
        assertEquals(2L, r.get("membrane_updates").longValue());
        // 2 IF neurons x 3 steps x 3 operations
        assertEquals(18L, r.get("neuron_operations").longValue());
    }
}
