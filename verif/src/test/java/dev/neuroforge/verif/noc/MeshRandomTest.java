package dev.neuroforge.verif.noc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.noc.MeshBuilder;
import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Progress;
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.common.Waves;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Constrained-random traffic with random back-pressure on meshes of several shapes and router
 * configurations, checked packet by packet against the delivery model.
 */
class MeshRandomTest {
    static Stream<Arguments> meshes() {
        return Stream.of(
                Arguments.of(1, 1, 32, 4, 10_000),
                Arguments.of(2, 2, 128, 2, 15_000),
                Arguments.of(3, 5, 32, 4, 25_000),
                Arguments.of(5, 3, 16, 3, 20_000),
                Arguments.of(4, 4, 32, 4, 35_000),
                Arguments.of(16, 16, 32, 4, 10_000));
    }

    @ParameterizedTest(name = "{0}x{1} w{2} d{3}, {4} packets")
    @MethodSource("meshes")
    void deliversRandomTrafficExactlyOnceInOrderUnderRandomBackPressure(int cols, int rows, int width, int depth,
            int packets) {
        MeshParams mesh = new MeshParams(cols, rows, new RouterParams(width, depth));
        String name = "MeshRandomTest#deliversRandomTrafficExactlyOnceInOrderUnderRandomBackPressure";
        String label = mesh.moduleName();
        Random rnd = new Random(Seeds.seed(name, label));
        try (SimModel sim = RtlModels.load(MeshBuilder.build(mesh))) {
            Waves.maybeTrace(sim, "MeshRandomTest_" + label);
            MeshHarness h = new MeshHarness(sim, mesh);
            h.reset();
            NocTraffic traffic = new NocTraffic(mesh, rnd);
            // Phases of different load and back-pressure, so both sparse and saturated traffic occur.
            int sent = 0;
            long maxCycles = 40L * packets + 50_000;  // far beyond any run that makes progress
            Progress progress = new Progress(label + " packets offered", packets);
            while (sent < packets && h.cycle() < maxCycles) {
                double rate = 0.02 + rnd.nextDouble() * 0.6;      // packets per node per cycle
                double sinkReady = 0.3 + rnd.nextDouble() * 0.7;  // probability a sink takes a flit
                int maxExtra = rnd.nextInt(4);
                long seed = rnd.nextLong();
                Random sinkRnd = new Random(seed);
                h.setSinkPolicy((node, cycle) -> sinkRnd.nextDouble() < sinkReady);
                int phase = 200 + rnd.nextInt(800);
                for (int c = 0; c < phase && sent < packets; c++) {
                    for (int src = 0; src < mesh.nodes() && sent < packets; src++) {
                        if (rnd.nextDouble() < rate && h.queued(src) < 64) {
                            int dst = rnd.nextInt(mesh.nodes());
                            h.offer(src, traffic.packet(src, dst, traffic.minFlits() + rnd.nextInt(maxExtra + 1)));
                            sent++;
                        }
                    }
                    h.tick();
                }
                progress.step(sent);
            }
            if (sent < packets) {
                h.scoreboard().error("traffic stalled: only " + sent + " of " + packets + " packets offered in "
                        + h.cycle() + " cycles");
            }
            h.setSinkPolicy(MeshHarness.SinkPolicy.ALWAYS);
            h.drain(20_000);
            progress.finish();
            NocScoreboard sb = h.scoreboard();
            System.out.printf("[noc] %s: %d packets, %d flits delivered in %d cycles, mean latency %.1f cycles, "
                    + "mean hops %.2f, back-pressured cycles %d%n", label, sb.delivered(), sb.flitsReceived(),
                    h.cycle(), sb.meanLatency(), sb.meanHops(), h.backPressuredCycles());
            assertTrue(sb.errors().isEmpty(), sb.errors().size() + " errors, first: " + String.join("\n", sb.errors())
                    + "\n" + Waves.where(sim, "MeshRandomTest_" + label));
            assertTrue(sb.delivered() == packets, "delivered " + sb.delivered() + " of " + packets);
            System.out.println("[coverage] " + label + ": " + sb.coverage() + ", back-pressured cycles "
                    + h.backPressuredCycles());
            if (mesh.nodes() <= 16) {
                assertTrue(sb.flowsCovered() == mesh.nodes() * mesh.nodes(), "every flow exercised: " + sb.coverage());
            }
            assertTrue(h.backPressuredCycles() > 0, "sources met back-pressure");
        }
    }
}
