package dev.neuroforge.verif.npe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.Sat;
import dev.neuroforge.verif.common.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The NPE model and the golden event model (module {@code model}) agree on random one-layer
 * networks: each input event becomes a fan-out loop (ACC for a spike, MAC for a graded value) over
 * the weight row laid out in the data memory, each step ends with an update loop (FIRE for IF,
 * LIF, SD with a power-of-two step) over all neurons. Same events every step, same final states.
 */
class NpeModelAgreementTest {
    @Test
    void fanOutAndUpdateLoopsReproduceTheEventModelStepByStep() {
        Random rnd = new Random(Seeds.seed("NpeModelAgreementTest"));
        long events = 0;
        long elements = 0;
        for (int net = 0; net < 400; net++) {
            int lanes = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 32);
            int wb = new int[] {4, 8, 16}[rnd.nextInt(3)];
            int sb = 16 + rnd.nextInt(17);
            int vb = 2 + rnd.nextInt(15);
            int sources = 1 + rnd.nextInt(12);
            int targets = 1 + rnd.nextInt(70);
            int groups = (targets + lanes - 1) / lanes;
            NpeParams p = new NpeParams(lanes, wb, sb, vb, Math.max(2, groups), Math.max(2, sources * groups));
            NpeStimulus stim = new NpeStimulus(p, rnd);

            NeuronParams.Kind kind = NeuronParams.Kind.values()[rnd.nextInt(3)];
            NeuronParams.Reset reset = rnd.nextBoolean() ? NeuronParams.Reset.ZERO : NeuronParams.Reset.SUBTRACT;
            int theta = 1 + (int) (rnd.nextDouble() * Sat.max(sb) / (1 << rnd.nextInt(14)));
            int leak = rnd.nextInt(20);
            int q = rnd.nextInt(sb - 1);
            NeuronParams neuron = switch (kind) {
                case IF -> NeuronParams.integrateAndFire(theta, reset, sb);
                case LIF -> NeuronParams.leaky(theta, leak, reset, sb);
                case SIGMA_DELTA -> NeuronParams.sigmaDelta(1 << q, sb);
            };
            int[][] w = new int[sources][targets];
            NpeModel npe = new NpeModel(p);
            for (int i = 0; i < sources; i++) {
                for (int j = 0; j < targets; j++) {
                    w[i][j] = (int) stim.weight();
                    npe.setMem(j % lanes, i * groups + j / lanes, w[i][j]);
                }
            }
            EventModel golden = new EventModel(new Network("n" + net,
                    List.of(Population.input("in", sources), new Population("out", targets, neuron)),
                    List.of(new FullProjection("in", "out", wb, 0, w))));
            NpeOp update = switch (kind) {
                case IF -> NpeOp.FIRE;
                case LIF -> NpeOp.LIF;
                case SIGMA_DELTA -> NpeOp.SD;
            };
            boolean graded = rnd.nextBoolean();
            List<Event> previous = List.of();
            for (int t = 0; t < 12; t++) {
                List<Event> in = new ArrayList<>();
                for (int i = 0; i < sources; i++) {
                    if (rnd.nextInt(3) == 0) {
                        long x = graded ? stim.value(vb) : 1;
                        in.add(new Event(0, i, x == 0 ? 1 : x));
                    }
                }
                List<Event> want = golden.step(in).stream().filter(e -> e.population() == 1).toList();
                // The NPE integrates the previous step's input, in source order, then updates.
                for (Event e : previous) {
                    npe.run(graded ? NpeLoop.fanOut(targets, 0, e.neuron() * groups, e.value())
                            : NpeLoop.accumulate(targets, 0, e.neuron() * groups));
                }
                int before = npe.events().size();
                npe.run(NpeLoop.update(update, targets, 0, theta, reset == NeuronParams.Reset.SUBTRACT, leak, q));
                List<Event> got = npe.events().subList(before, npe.events().size()).stream()
                        .map(e -> new Event(1, e.index(), e.value())).toList();
                assertEquals(want, got, "network " + net + " (" + kind + ", " + p.moduleName() + "), step " + t);
                events += got.size();
                previous = in;
            }
            long[] v = golden.state(1);
            for (int j = 0; j < targets; j++) {
                assertEquals(v[j], npe.neuron(j), "network " + net + ": final state of neuron " + j);
            }
            elements += npe.laneOps();
        }
        System.out.println("[npe] model agreement: 400 networks, " + elements + " lane operations, " + events + " events");
        assertTrue(events > 1000, "networks fired: " + events + " events compared");
    }
}
