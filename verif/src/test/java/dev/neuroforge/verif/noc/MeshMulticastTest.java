package dev.neuroforge.verif.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.noc.MeshBuilder;
import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.common.Waves;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code multicast} router option: rectangles replicated along XY trees, checked copy by copy
 * against the delivery model, mixed with multi-flit unicast traffic under random back-pressure.
 */
class MeshMulticastTest {
    /** Most tests share one mesh so CI compiles few models: 4x4, 48-bit flits, 4-flit buffers. */
    private static final MeshParams MAIN = mc(4, 4, 48, 4);

    private static MeshParams mc(int cols, int rows, int width, int depth) {
        return new MeshParams(cols, rows, new RouterParams(width, depth, true));
    }

    static void withMesh(MeshParams mesh, String name, Consumer<MeshHarness> body) {
        String label = "MeshMulticastTest_" + name + "_" + mesh.moduleName();
        try (SimModel sim = RtlModels.load(MeshBuilder.build(mesh))) {
            Waves.maybeTrace(sim, label);
            MeshHarness h = new MeshHarness(sim, mesh);
            h.reset();
            try {
                body.accept(h);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + Waves.where(sim, label), e);
            }
            assertTrue(h.scoreboard().errors().isEmpty(), h.scoreboard().errors().size() + " errors:\n"
                    + String.join("\n", h.scoreboard().errors()) + "\n" + Waves.where(sim, label));
        }
    }

    @Test
    void everyCopyOfAnIdleMeshMulticastTakesOneCyclePerHopPlusOne() {
        MeshParams mesh = MAIN;
        MeshModel model = new MeshModel(mesh);
        withMesh(mesh, "zeroLoad", h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(5));
            List<long[]> got = new ArrayList<>();
            h.setLatencyListener((src, dst, created, latency, flits) -> got.add(new long[] {dst, latency}));
            for (int src = 0; src < mesh.nodes(); src++) {
                for (int k = 0; k < 6; k++) {
                    got.clear();
                    List<BigInteger> p = k == 0 ? t.broadcast(src) : t.randomMulticast(src);
                    int[] dsts = model.destinations(p);
                    h.offer(src, p);
                    h.drain(100);
                    assertEquals(dsts.length, got.size(), "copies of " + p + " from " + src);
                    for (long[] g : got) {
                        assertEquals(model.hops(src, (int) g[0]) + 1, g[1], src + " -> " + g[0]);
                    }
                }
            }
        });
    }

    /**
     * Back-to-back broadcasts from one node reach every sink at one packet per cycle: a tree that
     * put two copies of a packet on one link would halve that rate on it.
     */
    @Test
    void aBroadcastStreamRunsAtOnePacketPerCyclePerSink() {
        MeshParams mesh = MAIN;
        withMesh(mesh, "stream", h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(7));
            int n = 400;
            for (int src : new int[] {0, 6, 15}) {
                for (int i = 0; i < n; i++) {
                    h.offer(src, t.broadcast(src));
                }
                long cycles = h.drain(10 * n);
                assertTrue(cycles <= n + mesh.cols() + mesh.rows() + 2, "source " + src + ": " + n
                        + " broadcasts took " + cycles + " cycles");
            }
            assertEquals(3L * n * mesh.nodes(), h.scoreboard().delivered());
        });
    }

    @Test
    void aRectangleReachingPastTheMeshDeliversItsInsideAndRaisesMisroute() {
        MeshParams mesh = MAIN;
        withMesh(mesh, "outside", h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(8));
            assertEquals(6, h.offer(0, t.multicast(0, 2, 6, 1, 1)));   // (2..6, 1): nodes 6 and 7 inside
            h.drain(100);
            assertTrue(h.misrouteSeen());
            assertEquals(2, h.scoreboard().delivered());
        });
    }

    /** With unicast traffic alone, the multicast router behaves cycle for cycle like the unicast one. */
    @Test
    void withoutMulticastHeadsTheRouterMatchesTheUnicastRouterCycleForCycle() {
        List<List<String>> logs = new ArrayList<>();
        for (boolean on : new boolean[] {false, true}) {
            // The unicast one is the default router, also used by MeshDirectedTest.
            MeshParams mesh = new MeshParams(4, 4, RouterParams.defaults().withMulticast(on));
            List<String> log = new ArrayList<>();
            withMesh(mesh, "equivalence", h -> {
                Random rnd = new Random(9);
                Random sinkRnd = new Random(10);
                NocTraffic t = new NocTraffic(mesh, rnd);
                h.setSinkPolicy((node, cycle) -> sinkRnd.nextInt(3) != 0);
                h.setPacketListener((node, flits) -> log.add(h.cycle() + " " + node + " " + flits));
                for (int c = 0; c < 3000; c++) {
                    for (int src = 0; src < mesh.nodes(); src++) {
                        if (rnd.nextDouble() < 0.25) {
                            h.offer(src, t.packet(src, rnd.nextInt(mesh.nodes()), 1 + rnd.nextInt(3)));
                        }
                    }
                    h.tick();
                }
                h.setSinkPolicy(MeshHarness.SinkPolicy.ALWAYS);
                h.drain(20_000);
            });
            logs.add(log);
        }
        assertTrue(logs.get(0).size() > 5000, "packets: " + logs.get(0).size());
        assertEquals(logs.get(0), logs.get(1));
    }

    static Stream<Arguments> meshes() {
        return Stream.of(
                Arguments.of(4, 4, 48, 4, 30_000),
                Arguments.of(5, 3, 40, 2, 15_000));
    }

    @ParameterizedTest(name = "{0}x{1} w{2} d{3}, {4} packets")
    @MethodSource("meshes")
    void deliversRandomUnicastAndMulticastMixesExactlyOnceInOrderUnderRandomBackPressure(int cols, int rows,
            int width, int depth, int packets) {
        MeshParams mesh = mc(cols, rows, width, depth);
        Random rnd = new Random(Seeds.seed("MeshMulticastTest#deliversRandomUnicastAndMulticastMixes", mesh.moduleName()));
        withMesh(mesh, "random", h -> {
            long[] multicasts = new long[1];
            mix(h, rnd, packets, multicasts);
            NocScoreboard sb = h.scoreboard();
            System.out.printf("[noc] %s: %d packets (%d multicast), %d copies delivered in %d cycles, "
                    + "back-pressured cycles %d; %s%n", mesh.moduleName(), sb.sent(), multicasts[0], sb.delivered(),
                    h.cycle(), h.backPressuredCycles(), sb.coverage());
            assertEquals(0, sb.outstanding(), "the mesh drained");
            assertTrue(multicasts[0] > packets / 10, "multicast share");
            assertTrue(h.backPressuredCycles() > 0, "sources met back-pressure");
            if (mesh.nodes() <= 16) {
                assertEquals(mesh.nodes() * mesh.nodes(), sb.flowsCovered(), "every flow exercised: " + sb.coverage());
            }
        });
    }

    /**
     * One million packets (a third of them multicast, so well over a million copies) on a 4x4
     * mesh, checked by the same scoreboard; the long CI run of the option.
     */
    @Test
    void aMillionMixedPacketsOnA4x4Mesh() {
        MeshParams mesh = MAIN;
        Random rnd = new Random(Seeds.seed("MeshMulticastTest#aMillionMixedPacketsOnA4x4Mesh", mesh.moduleName()));
        withMesh(mesh, "million", h -> {
            long[] multicasts = new long[1];
            mix(h, rnd, 1_000_000, multicasts);  // its progress and time on stderr
            NocScoreboard sb = h.scoreboard();
            System.out.printf("[noc] %s: %d packets (%d multicast), %d copies delivered in %d cycles%n",
                    mesh.moduleName(), sb.sent(), multicasts[0], sb.delivered(), h.cycle());
            assertEquals(1_000_000, sb.sent());
            assertEquals(0, sb.outstanding(), "the mesh drained");
        });
    }

    static void mix(MeshHarness h, Random rnd, int packets, long[] multicasts) {
        multicasts[0] += NocMix.run(h, rnd, packets);
    }
}
