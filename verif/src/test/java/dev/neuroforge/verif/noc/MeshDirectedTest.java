package dev.neuroforge.verif.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.noc.MeshBuilder;
import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.common.Waves;
import dev.neuroforge.generator.noc.PacketFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Directed corner cases of the mesh, each checked by the scoreboard against the delivery model. */
class MeshDirectedTest {
    private TestInfo info;

    @org.junit.jupiter.api.BeforeEach
    void remember(TestInfo info) {
        this.info = info;
    }

    /** Loads the mesh, runs {@code body} on a fresh harness and fails with every scoreboard error. */
    private void withMesh(MeshParams mesh, Consumer<MeshHarness> body) {
        String name = "MeshDirectedTest_" + info.getTestMethod().orElseThrow().getName() + "_" + mesh.moduleName();
        try (SimModel sim = RtlModels.load(MeshBuilder.build(mesh))) {
            Waves.maybeTrace(sim, name);
            MeshHarness h = new MeshHarness(sim, mesh);
            h.reset();
            try {
                body.accept(h);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + Waves.where(sim, name), e);
            }
            assertTrue(h.scoreboard().errors().isEmpty(), String.join("\n", h.scoreboard().errors())
                    + "\n" + Waves.where(sim, name));
        }
    }

    @Test
    void zeroLoadLatencyIsOneCyclePerHopPlusOne() {
        MeshParams mesh = new MeshParams(4, 4);
        withMesh(mesh, h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(1));
            List<Long> latencies = new ArrayList<>();
            h.setLatencyListener((src, dst, created, latency, flits) -> latencies.add(latency));
            MeshModel model = new MeshModel(mesh);
            for (int src = 0; src < mesh.nodes(); src++) {
                for (int dst = 0; dst < mesh.nodes(); dst++) {
                    latencies.clear();
                    h.offer(src, t.packet(src, dst, 1));
                    h.drain(100);
                    assertEquals(List.of((long) model.hops(src, dst) + 1), latencies, src + " -> " + dst);
                }
            }
        });
    }

    @Test
    void selfAddressedPacketsLeaveThroughTheirOwnNode() {
        MeshParams mesh = new MeshParams(3, 3);
        withMesh(mesh, h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(2));
            for (int k = 0; k < 20; k++) {
                for (int n = 0; n < mesh.nodes(); n++) {
                    h.offer(n, t.packet(n, n, 1 + k % 3));
                }
            }
            h.drain(2_000);
            assertEquals(20L * mesh.nodes(), h.scoreboard().delivered());
        });
    }

    @Test
    void cornersAndEdgesReachEveryNodeOnNonSquareMeshes() {
        for (MeshParams mesh : List.of(new MeshParams(3, 5), new MeshParams(5, 3), new MeshParams(1, 4),
                new MeshParams(6, 1))) {
            withMesh(mesh, h -> {
                NocTraffic t = new NocTraffic(mesh, new Random(3));
                int last = mesh.nodes() - 1;
                int[] corners = {0, mesh.cols() - 1, last - mesh.cols() + 1, last};
                int sent = 0;
                for (int c : corners) {
                    for (int n = 0; n < mesh.nodes(); n++) {
                        h.offer(c, t.packet(c, n, 2));
                        h.offer(n, t.packet(n, c, 1));
                        sent += 2;
                    }
                }
                h.drain(5_000);
                assertEquals(sent, h.scoreboard().delivered(), mesh.moduleName());
            });
        }
    }

    @Test
    void centreRouterMovesFiveFlitsPerCycleWhenAllPortsAreBusy() {
        MeshParams mesh = new MeshParams(3, 3);
        int k = 300;
        withMesh(mesh, h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(4));
            int west = mesh.node(0, 1);
            int east = mesh.node(2, 1);
            int south = mesh.node(1, 0);
            int north = mesh.node(1, 2);
            int centre = mesh.node(1, 1);
            // Five flows that cross the centre router on five different outputs.
            int[][] flows = {{west, east}, {east, west}, {south, north}, {north, south}, {centre, centre}};
            for (int i = 0; i < k; i++) {
                for (int[] f : flows) {
                    h.offer(f[0], t.packet(f[0], f[1], 1));
                }
            }
            long cycles = h.drain(10 * k);
            assertEquals(5L * k, h.scoreboard().delivered());
            // One flit per cycle per flow, plus the pipeline fill of two hops and one ejection.
            assertTrue(cycles <= k + 4, "5 x " + k + " flits took " + cycles + " cycles; expected at most " + (k + 4));
        });
    }

    @Test
    void sinkThatStallsForLongBackPressuresWithoutLoss() {
        MeshParams mesh = new MeshParams(4, 4);
        int victim = mesh.node(1, 1);
        long stallUntil = 3_000;
        withMesh(mesh, h -> {
            Random rnd = new Random(Seeds.seed("MeshDirectedTest#sinkThatStallsForLongBackPressuresWithoutLoss"));
            NocTraffic t = new NocTraffic(mesh, rnd);
            long start = h.cycle();
            h.setSinkPolicy((node, cycle) -> node != victim || cycle - start >= stallUntil);
            int toVictim = 0;
            for (int src = 0; src < mesh.nodes(); src++) {
                for (int i = 0; i < 30; i++) {
                    h.offer(src, t.packet(src, victim, 1 + rnd.nextInt(4)));
                    toVictim++;
                    int other = rnd.nextInt(mesh.nodes());
                    h.offer(src, t.packet(src, other == victim ? 0 : other, 1 + rnd.nextInt(3)));
                }
            }
            h.run(stallUntil - 10);
            long deliveredDuringStall = h.scoreboard().delivered();
            assertTrue(h.backPressuredCycles() > stallUntil / 2, "sources were held back: " + h.backPressuredCycles());
            assertTrue(h.scoreboard().outstanding() >= toVictim, "nothing reached the stalled sink");
            h.drain(20_000);
            assertTrue(deliveredDuringStall > 0, "traffic ahead of the blocked packets still moved");
            assertEquals(2L * 30 * mesh.nodes(), h.scoreboard().delivered());
        });
    }

    @Test
    void multiFlitPacketsToOneNodeNeverInterleave() {
        MeshParams mesh = new MeshParams(2, 2, new RouterParams(16, 2));
        withMesh(mesh, h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(5));
            for (int i = 0; i < 50; i++) {
                for (int src = 0; src < mesh.nodes(); src++) {
                    h.offer(src, t.packet(src, 0, 8));
                }
            }
            h.setSinkPolicy((node, cycle) -> cycle % 3 != 0);
            h.drain(10_000);
            assertEquals(50L * mesh.nodes(), h.scoreboard().delivered());
        });
    }

    @Test
    void packetsAddressedOutsideTheMeshRaiseMisrouteAndOthersStillArrive() {
        MeshParams mesh = new MeshParams(3, 3);
        withMesh(mesh, h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(6));
            for (int n = 0; n < mesh.nodes(); n++) {
                h.offer(n, t.packet(n, mesh.nodes() - 1 - n, 2));
            }
            assertEquals(-1, h.offer(4, t.packet(4, 7, 1, 1)));
            assertEquals(-1, h.offer(0, t.packet(0, 1, 12, 3)));
            for (int n = 0; n < mesh.nodes(); n++) {
                h.offer(n, t.packet(n, n, 1));
            }
            h.drain(1_000);
            assertTrue(h.misrouteSeen(), "misroute_o rose");
            assertEquals(2L * mesh.nodes(), h.scoreboard().delivered());
        });
    }

    @Test
    void neuralEventsCrossTheMeshAndDecodeUnchanged() {
        MeshParams mesh = new MeshParams(3, 2);
        withMesh(mesh, h -> {
            PacketFormat f = new PacketFormat(mesh.router().flitWidth());
            Random rnd = new Random(Seeds.seed("MeshDirectedTest#neuralEventsCrossTheMeshAndDecodeUnchanged"));
            Map<Integer, List<PacketFormat.Event>> expected = new HashMap<>();
            Map<Integer, List<PacketFormat.Event>> got = new HashMap<>();
            int axon = 0;
            for (int i = 0; i < 200; i++) {
                int src = rnd.nextInt(mesh.nodes());
                int dst = rnd.nextInt(mesh.nodes());
                // Unique axon ids keep every packet distinct for the scoreboard.
                PacketFormat.Event e = new PacketFormat.Event(axon++, rnd.nextInt(65536) - 32768, rnd.nextInt(256));
                h.offer(src, f.encodeEvent(dst % mesh.cols(), dst / mesh.cols(), e));
                expected.computeIfAbsent(dst, k -> new ArrayList<>()).add(e);
            }
            // The scoreboard compares flits; decode them too, as a tile would.
            h.setPacketListener((node, flits) -> got.computeIfAbsent(node, k -> new ArrayList<>()).add(f.decodeEvent(flits)));
            h.drain(5_000);
            assertEquals(200, h.scoreboard().delivered());
            for (int n = 0; n < mesh.nodes(); n++) {
                List<PacketFormat.Event> want = new ArrayList<>(expected.getOrDefault(n, List.of()));
                List<PacketFormat.Event> have = new ArrayList<>(got.getOrDefault(n, List.of()));
                want.sort(java.util.Comparator.comparingInt(PacketFormat.Event::axon));
                have.sort(java.util.Comparator.comparingInt(PacketFormat.Event::axon));
                assertEquals(want, have, "events at node " + n);
            }
        });
    }

    @Test
    void resetMidStreamEmptiesTheMeshAndTrafficResumes() {
        MeshParams mesh = new MeshParams(4, 4);
        withMesh(mesh, h -> {
            Random rnd = new Random(Seeds.seed("MeshDirectedTest#resetMidStreamEmptiesTheMeshAndTrafficResumes"));
            NocTraffic t = new NocTraffic(mesh, rnd);
            h.setSinkPolicy((node, cycle) -> rnd.nextInt(4) != 0);
            for (int c = 0; c < 400; c++) {
                for (int src = 0; src < mesh.nodes(); src++) {
                    if (rnd.nextInt(3) == 0) {
                        h.offer(src, t.packet(src, rnd.nextInt(mesh.nodes()), 1 + rnd.nextInt(3)));
                    }
                }
                h.tick();
            }
            assertTrue(h.scoreboard().outstanding() > 0, "packets were in flight at the reset");
            NocScoreboard before = h.reset();
            assertTrue(before.errors().isEmpty(), String.join("\n", before.errors()));
            SimModel sim = h.sim();
            assertEquals(0, sim.peekBig(sim.port("local_out_valid_o")).signum(), "no output valid after reset");
            assertEquals(mesh.nodes(), sim.peekBig(sim.port("local_in_ready_o")).bitCount(), "every input ready");
            assertFalse(h.misrouteSeen());
            h.setSinkPolicy(MeshHarness.SinkPolicy.ALWAYS);
            for (int src = 0; src < mesh.nodes(); src++) {
                for (int i = 0; i < 10; i++) {
                    h.offer(src, t.packet(src, rnd.nextInt(mesh.nodes()), 1 + rnd.nextInt(3)));
                }
            }
            h.drain(5_000);
            assertEquals(10L * mesh.nodes(), h.scoreboard().delivered());
        });
    }
}
