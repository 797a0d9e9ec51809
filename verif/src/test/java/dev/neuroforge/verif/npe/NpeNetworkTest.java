package dev.neuroforge.verif.npe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.npe.NpeBuilder;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.common.Waves;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * End to end: the RTL cluster, driven over its bus like the core will drive it, runs a layer of
 * 64 neurons of each neuron model fed by 4 inputs for 30 steps, and emits exactly the events of
 * the golden event model (module {@code model}) in every step, ending in its states.
 */
class NpeNetworkTest {
    private static final NpeParams P = new NpeParams(8, 8, 16, 8, 16, 32);

    @Test
    void theRtlRunsALayerStepByStepLikeTheEventModel() {
        Random rnd = new Random(Seeds.seed("NpeNetworkTest"));
        int sources = 4;
        int targets = 64;
        int groups = (targets + P.lanes() - 1) / P.lanes();
        try (SimModel sim = RtlModels.load(NpeBuilder.build(P))) {
            Waves.maybeTrace(sim, "NpeNetworkTest");
            for (NeuronParams neuron : List.of(NeuronParams.leaky(400, 3, NeuronParams.Reset.SUBTRACT, 16),
                    NeuronParams.integrateAndFire(300, NeuronParams.Reset.ZERO, 16),
                    NeuronParams.sigmaDelta(64, 16))) {
                NpeHarness h = new NpeHarness(sim, P);
                h.reset();
                int[][] w = new int[sources][targets];
                for (int i = 0; i < sources; i++) {
                    for (int j = 0; j < targets; j++) {
                        w[i][j] = rnd.nextInt(228) - 100;
                        h.loadWeight(j % P.lanes(), i * groups + j / P.lanes(), w[i][j]);
                    }
                }
                EventModel golden = new EventModel(new Network("layer", List.of(Population.input("in", sources),
                        new Population("out", targets, neuron)), List.of(new FullProjection("in", "out", 8, 0, w))));
                NpeOp update = switch (neuron.kind()) {
                    case IF -> NpeOp.FIRE;
                    case LIF -> NpeOp.LIF;
                    case SIGMA_DELTA -> NpeOp.SD;
                };
                boolean graded = neuron.kind() == NeuronParams.Kind.SIGMA_DELTA;
                List<Event> previous = List.of();
                int compared = 0;
                for (int t = 0; t < 30; t++) {
                    List<Event> in = new ArrayList<>();
                    for (int i = 0; i < sources; i++) {
                        if (rnd.nextBoolean()) {
                            in.add(new Event(0, i, graded ? rnd.nextInt(255) - 127 | 1 : 1));
                        }
                    }
                    List<Event> want = golden.step(in).stream().filter(e -> e.population() == 1).toList();
                    for (Event e : previous) {
                        h.submit(graded ? NpeLoop.fanOut(targets, 0, e.neuron() * groups, e.value())
                                : NpeLoop.accumulate(targets, 0, e.neuron() * groups));
                    }
                    int before = h.rtlEvents().size();
                    h.submit(NpeLoop.update(update, targets, 0, neuron.threshold(),
                            neuron.reset() == NeuronParams.Reset.SUBTRACT, neuron.leakShift(),
                            Integer.numberOfTrailingZeros(neuron.quantStep())));
                    assertTrue(h.drain(100_000));
                    List<Event> got = h.rtlEvents().subList(before, h.rtlEvents().size()).stream()
                            .map(e -> new Event(1, e.index(), e.value())).toList();
                    assertEquals(want, got, neuron.kind() + ", step " + t + "; " + Waves.where(sim, "NpeNetworkTest"));
                    compared += got.size();
                    previous = in;
                }
                long[] v = golden.state(1);
                for (int j = 0; j < targets; j++) {
                    long s = NpeArith.signed(h.read(h.map().state(j % P.lanes(), j / P.lanes())), 32);
                    assertEquals(v[j], s, neuron.kind() + ": final state of neuron " + j);
                }
                assertTrue(h.errors().isEmpty(), String.join("\n", h.errors()));
                assertTrue(compared > 20, neuron.kind() + ": only " + compared + " events compared");
                System.out.println("[npe] " + neuron.kind() + " layer: " + compared + " events over 30 steps match the event model");
            }
        }
    }
}
