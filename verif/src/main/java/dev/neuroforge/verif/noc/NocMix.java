package dev.neuroforge.verif.noc;

import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.verif.common.Progress;
import java.util.Random;

/**
 * Random mixes of unicast and multicast traffic for multicast meshes, shared by
 * {@code MeshMulticastTest}, {@code MeshVoqTest} and the soak run of {@link NocOptionsBench}.
 */
public final class NocMix {
    private NocMix() {
    }

    /**
     * Phases of random load, multicast share, packet length and sink back-pressure: unicast packets
     * of 1 to 4 flits to any node, multicast packets to random rectangles (one node up to all) or to
     * the whole mesh. Ends with a full drain. Returns how many packets were multicast. Packets offered
     * so far go to stderr as {@link Progress} (every 10 s at most, so a short mix prints its closing line only).
     */
    public static long run(MeshHarness h, Random rnd, long packets) {
        long multicasts = 0;
        MeshParams mesh = h.mesh();
        NocTraffic traffic = new NocTraffic(mesh, rnd);
        long sent = 0;
        long maxCycles = 40L * packets + 50_000;
        Progress progress = new Progress(mesh.moduleName() + " packets offered", packets);
        while (sent < packets && h.cycle() < maxCycles) {
            double rate = 0.02 + rnd.nextDouble() * 0.5;
            double mcShare = rnd.nextDouble() * 0.7;
            double broadcastShare = rnd.nextDouble() * 0.3;
            double sinkReady = 0.3 + rnd.nextDouble() * 0.7;
            int maxExtra = rnd.nextInt(4);
            Random sinkRnd = new Random(rnd.nextLong());
            h.setSinkPolicy((node, cycle) -> sinkRnd.nextDouble() < sinkReady);
            int phase = 200 + rnd.nextInt(800);
            for (int c = 0; c < phase && sent < packets; c++) {
                for (int src = 0; src < mesh.nodes() && sent < packets; src++) {
                    if (rnd.nextDouble() < rate && h.queued(src) < 64) {
                        if (rnd.nextDouble() < mcShare) {
                            h.offer(src, rnd.nextDouble() < broadcastShare ? traffic.broadcast(src)
                                    : traffic.randomMulticast(src));
                            multicasts++;
                        } else {
                            h.offer(src, traffic.packet(src, rnd.nextInt(mesh.nodes()),
                                    traffic.minFlits() + rnd.nextInt(maxExtra + 1)));
                        }
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
        h.drain(50_000);
        progress.finish();
        return multicasts;
    }
}
