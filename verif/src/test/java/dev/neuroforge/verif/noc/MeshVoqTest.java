package dev.neuroforge.verif.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.verif.common.Progress;
import dev.neuroforge.verif.common.Seeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code voq} router option (virtual output queues), unicast and with multicast, and its
 * {@code wrr} arbitration: the same contract as the single-FIFO router, checked by the same
 * scoreboard, and the fairness {@code wrr} is for.
 */
class MeshVoqTest {
    /** One non-square mesh with both options, so CI compiles one model for these tests. */
    private static final MeshParams MESH = new MeshParams(5, 3, new RouterParams(40, 2, true, true));

    @Test
    void zeroLoadLatencyIsOneCyclePerHopPlusOne() {
        MeshParams mesh = MESH;
        MeshModel model = new MeshModel(mesh);
        MeshMulticastTest.withMesh(mesh, "voqZeroLoad", h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(1));
            List<Long> latencies = new ArrayList<>();
            h.setLatencyListener((src, dst, created, latency, flits) -> latencies.add(latency));
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

    /** {@code wrr} on a non-square mesh (more rows than columns, unlike {@link #MESH}), with multicast. */
    private static final MeshParams WRR_MESH = new MeshParams(3, 5, new RouterParams(40, 2, true, true, true));

    /** The meshes of the random test: {@link #MESH}, and {@code wrr} on a square mesh and on {@link #WRR_MESH}. */
    static Stream<MeshParams> randomMeshes() {
        return Stream.of(MESH, new MeshParams(4, 4, RouterParams.defaults().withWrr(true)), WRR_MESH);
    }

    /** The multicast meshes: {@link #MESH} and {@link #WRR_MESH}. */
    static Stream<MeshParams> multicastMeshes() {
        return Stream.of(MESH, WRR_MESH);
    }

    /** Random unicast packets of 1 to 4 flits in load and back-pressure phases. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("randomMeshes")
    void deliversRandomUnicastTrafficExactlyOnceInOrderUnderRandomBackPressure(MeshParams mesh) {
        Random rnd = new Random(Seeds.seed("MeshVoqTest#deliversRandomUnicastTraffic", mesh.moduleName()));
        MeshMulticastTest.withMesh(mesh, "voqRandom", h -> {
            NocTraffic traffic = new NocTraffic(mesh, rnd);
            int packets = 40_000;
            int sent = 0;
            Progress progress = new Progress(mesh.moduleName() + " packets offered", packets);
            while (sent < packets && h.cycle() < 2_000_000) {
                double rate = 0.02 + rnd.nextDouble() * 0.6;
                double sinkReady = 0.3 + rnd.nextDouble() * 0.7;
                int maxExtra = rnd.nextInt(4);
                Random sinkRnd = new Random(rnd.nextLong());
                h.setSinkPolicy((node, cycle) -> sinkRnd.nextDouble() < sinkReady);
                int phase = 200 + rnd.nextInt(800);
                for (int c = 0; c < phase && sent < packets; c++) {
                    for (int src = 0; src < mesh.nodes() && sent < packets; src++) {
                        if (rnd.nextDouble() < rate && h.queued(src) < 64) {
                            h.offer(src, traffic.packet(src, rnd.nextInt(mesh.nodes()),
                                    traffic.minFlits() + rnd.nextInt(maxExtra + 1)));
                            sent++;
                        }
                    }
                    h.tick();
                }
                progress.step(sent);
            }
            h.setSinkPolicy(MeshHarness.SinkPolicy.ALWAYS);
            h.drain(20_000);
            progress.finish();
            NocScoreboard sb = h.scoreboard();
            System.out.printf("[noc] %s: %d packets delivered in %d cycles; %s%n", mesh.moduleName(), sb.delivered(),
                    h.cycle(), sb.coverage());
            assertEquals(packets, sb.delivered());
            assertEquals(0, sb.outstanding(), "mesh drained");
            assertEquals(mesh.nodes() * mesh.nodes(), sb.flowsCovered());
        });
    }

    /**
     * A hot spot on a 6x1 row: every node (the east end included) sends single-flit packets to the
     * east end node, always backlogged. The end node's sink takes one flit per cycle, so that is the
     * total either way. Plain round-robin halves a source's share at every hop (the end node's own
     * traffic gets 1/2, its neighbour's 1/4, ..., the two farthest 1/32 each: min/max 1/16);
     * {@code wrr} weights each input by the sources behind it and gives every source about 1/6.
     */
    @ParameterizedTest(name = "wrr = {0}")
    @ValueSource(booleans = {false, true})
    void weightedRoundRobinSharesAHotSpotEquallyBetweenSources(boolean wrr) {
        MeshParams mesh = new MeshParams(6, 1, new RouterParams(32, 4, false, true, wrr));
        Random rnd = new Random(Seeds.seed("MeshVoqTest#weightedRoundRobinSharesAHotSpot", mesh.moduleName()));
        int hot = mesh.node(mesh.cols() - 1, 0);
        MeshMulticastTest.withMesh(mesh, "hotSpot", h -> {
            NocTraffic traffic = new NocTraffic(mesh, rnd);
            long start = h.cycle() + 500;
            long end = start + 6_000;
            SourceRates rates = new SourceRates(mesh.nodes(), start, end);
            h.setLatencyListener((src, dst, created, latency, flits) -> rates.delivered(src, created, latency, flits));
            while (h.cycle() < end) {
                for (int src = 0; src < mesh.nodes(); src++) {
                    if (h.queued(src) < 8) {
                        h.offer(src, traffic.packet(src, hot, 1));
                    }
                }
                h.tick();
            }
            h.drain(20_000);
            double fairness = rates.min() / rates.max();
            System.out.printf(Locale.ROOT, "[noc] %s hot spot: per-source flits/cycle %s, total %.3f, min/max %.3f%n",
                    mesh.moduleName(), rates, rates.total(), fairness);
            assertTrue(rates.total() > 0.97, "the hot sink is busy every cycle: " + rates.total());
            assertEquals(0, h.scoreboard().outstanding(), "mesh drained");
            if (wrr) {
                assertTrue(fairness >= 0.7, "wrr: per-source shares within 0.7 of each other: " + rates);
            } else {
                assertTrue(fairness < 0.2, "round-robin favours the sources near the hot spot: " + rates);
            }
        });
    }

    /** Multicast with virtual output queues: zero-load copies, a broadcast stream, random mixes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("multicastMeshes")
    void multicastWithVirtualOutputQueues(MeshParams mesh) {
        MeshModel model = new MeshModel(mesh);
        MeshMulticastTest.withMesh(mesh, "voqMulticast", h -> {
            NocTraffic t = new NocTraffic(mesh, new Random(5));
            List<long[]> got = new ArrayList<>();
            h.setLatencyListener((src, dst, created, latency, flits) -> got.add(new long[] {dst, latency}));
            for (int src = 0; src < mesh.nodes(); src++) {
                for (int k = 0; k < 4; k++) {
                    got.clear();
                    List<BigInteger> p = k == 0 ? t.broadcast(src) : t.randomMulticast(src);
                    h.offer(src, p);
                    h.drain(100);
                    assertEquals(model.destinations(p).length, got.size());
                    for (long[] g : got) {
                        assertEquals(model.hops(src, (int) g[0]) + 1, g[1], src + " -> " + g[0]);
                    }
                }
            }
            h.setLatencyListener(null);
            for (int i = 0; i < 300; i++) {
                h.offer(5, t.broadcast(5));
            }
            long cycles = h.drain(3000);
            assertTrue(cycles <= 300 + 10, "300 broadcasts took " + cycles + " cycles");
            long[] multicasts = new long[1];
            Random rnd = new Random(Seeds.seed("MeshVoqTest#multicastWithVirtualOutputQueues", mesh.moduleName()));
            MeshMulticastTest.mix(h, rnd, 40_000, multicasts);
            NocScoreboard sb = h.scoreboard();
            System.out.printf("[noc] %s: %d packets (%d multicast), %d copies delivered in %d cycles; %s%n",
                    mesh.moduleName(), sb.sent(), multicasts[0], sb.delivered(), h.cycle(), sb.coverage());
            assertEquals(0, sb.outstanding());
            assertEquals(mesh.nodes() * mesh.nodes(), sb.flowsCovered());
        });
    }
}
