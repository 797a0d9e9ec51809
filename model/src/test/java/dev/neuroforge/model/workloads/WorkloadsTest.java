package dev.neuroforge.model.workloads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.model.DenseModel;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.Network;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reduced versions of the real workloads (the full ones: {@code make bench-workloads}). Fixed
 * seeds: the training and the synthetic data are the same every run.
 */
class WorkloadsTest {
    @Test
    void convolutionalSigmaDeltaNetworkReproducesItsQuantizedAnnExactlyOnFashionMnist() {
        ConvSigmaDelta.Result r = ConvSigmaDelta.run(3000, 200, 1, 7);
        System.out.println("[workload] conv sigma-delta: " + r);
        assertEquals(0, r.mismatches(), "event model = integer recomputation of the quantized ANN on every test image");
        assertTrue(r.snnAccuracy() >= 0.6, "well above chance (0.1) on 200 test images: " + r.snnAccuracy());
        assertTrue(Math.abs(r.snnAccuracy() - r.annAccuracy()) <= 0.05, "quantization costs little: " + r);
        assertTrue(r.synopsEffective() < r.synopsDense(), "delta coding skips zero pixels and silent neurons");
    }

    @Test
    void fullyConnectedLifNetworkClassifiesFashionMnistNearItsAnn() {
        FcLif.Result r = FcLif.run(4000, 100, 1, 32, 11);
        System.out.println("[workload] fc LIF: " + r);
        assertTrue(r.snnAccuracy() >= 0.55, "well above chance on 100 test images: " + r.snnAccuracy());
        assertTrue(r.snnAccuracy() >= r.annAccuracy() - 0.15, "conversion loses little: " + r);
    }

    @Test
    void delayedShdShapedNetworkAgreesWithTheDenseReferenceAndFitsInAFewMegabytes() {
        Network net = ShdDelayed.network(5);
        EventModel ev = new EventModel(net);
        DenseModel dense = new DenseModel(net);
        List<List<Event>> in = ShdDelayed.input(30, 6);
        long events = 0;
        for (int t = 0; t < 30 + ShdDelayed.MAX_DELAY + 2; t++) {
            List<Event> step = t < 30 ? in.get(t) : List.of();
            List<Event> a = ev.step(step);
            assertEquals(dense.step(step), a, "step " + t);
            events += a.size();
        }
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(dense.state(p), ev.state(p));
        }
        assertEquals(dense.synapticOps(), ev.synapticOps());
        assertTrue(events > 1000, "the network is active: " + events + " events");
        ShdDelayed.Result r = ShdDelayed.run(2, 60, 5);
        System.out.println("[workload] SHD-shaped delayed: " + r);
        assertTrue(r.hiddenEvents() > 0 && r.outputEvents() > 0, "spikes reach every layer");
        // 700 x 256 weights and delays as int arrays are 1.4 MB; the delay groups add about as much.
        assertTrue(r.heapBytes() < 32_000_000, "network and model heap: " + r.heapBytes());
    }
}
