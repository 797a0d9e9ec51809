package dev.neuroforge.verif.noc;

import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.sim.PortInfo;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.Bits;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drives a Verilated mesh from Java: one source and one sink per node on the local ports, a
 * protocol monitor, and a {@link NocScoreboard} fed with every packet offered and delivered.
 *
 * <p>Sources hold a flit on {@code local_in} until the mesh accepts it (valid never depends on
 * ready); packets leave a source in the order they were offered. Sinks assert ready as a
 * {@link SinkPolicy} decides. The monitor checks that an offered output flit stays valid and
 * unchanged until it is taken, and that {@code misroute_o} rises exactly when the model says.
 */
public final class MeshHarness {
    /** Decides, per node and cycle, whether that node's sink takes a flit. */
    @FunctionalInterface
    public interface SinkPolicy {
        boolean ready(int node, long cycle);

        SinkPolicy ALWAYS = (n, c) -> true;
    }

    /** Called with each delivered packet's latency (cycles from offer to tail out). */
    @FunctionalInterface
    public interface LatencyListener {
        void delivered(int src, int dst, long createdCycle, long latency, int flits);
    }

    /** Called with every whole packet a node's sink takes, whether or not the scoreboard accepts it. */
    @FunctionalInterface
    public interface PacketListener {
        void received(int node, List<BigInteger> flits);
    }

    private record Offer(List<BigInteger> flits, long createdCycle) {
    }

    private final SimModel sim;
    private final MeshParams mesh;
    private NocScoreboard scoreboard;
    private final int n;
    private final int w;
    private final PortInfo inValid;
    private final PortInfo inReady;
    private final PortInfo inData;
    private final PortInfo inLast;
    private final PortInfo outValid;
    private final PortInfo outReady;
    private final PortInfo outData;
    private final PortInfo outLast;
    private final PortInfo misroute;
    private final int[] inValidW;
    private final int[] inLastW;
    private final int[] inDataW;
    private final int[] outReadyW;
    private final int[] inReadyW;
    private final int[] outValidW;
    private final int[] outDataW;
    private final int[] outLastW;
    private final int[] prevOffer;      // node -> 1 if last cycle's output was valid and not taken
    private final BigInteger[] prevFlit;
    private final boolean[] prevLast;
    private final List<ArrayDeque<Offer>> sources = new ArrayList<>();
    private final int[] nextFlit;
    private final List<List<BigInteger>> assembling = new ArrayList<>();
    private final long[] flitsInjected;
    private SinkPolicy sinks = SinkPolicy.ALWAYS;
    private LatencyListener latencyListener;
    private PacketListener packetListener;
    private long cycle;
    private long backPressuredCycles;
    private boolean misrouteSeen;

    public MeshHarness(SimModel sim, MeshParams mesh) {
        this.sim = sim;
        this.mesh = mesh;
        this.scoreboard = new NocScoreboard(new MeshModel(mesh));
        this.n = mesh.nodes();
        this.w = mesh.router().flitWidth();
        inValid = sim.port("local_in_valid_i");
        inReady = sim.port("local_in_ready_o");
        inData = sim.port("local_in_data_i");
        inLast = sim.port("local_in_last_i");
        outValid = sim.port("local_out_valid_o");
        outReady = sim.port("local_out_ready_i");
        outData = sim.port("local_out_data_o");
        outLast = sim.port("local_out_last_o");
        misroute = sim.port("misroute_o");
        inValidW = new int[inValid.words()];
        inLastW = new int[inLast.words()];
        inDataW = new int[inData.words()];
        outReadyW = new int[outReady.words()];
        inReadyW = new int[inReady.words()];
        outValidW = new int[outValid.words()];
        outDataW = new int[outData.words()];
        outLastW = new int[outLast.words()];
        prevOffer = new int[n];
        prevFlit = new BigInteger[n];
        prevLast = new boolean[n];
        nextFlit = new int[n];
        flitsInjected = new long[n];
        for (int i = 0; i < n; i++) {
            sources.add(new ArrayDeque<>());
            assembling.add(new ArrayList<>());
        }
    }

    public NocScoreboard scoreboard() {
        return scoreboard;
    }

    public SimModel sim() {
        return sim;
    }

    public long cycle() {
        return cycle;
    }

    /** Cycles in which some source had a flit to send and the mesh did not take it. */
    public long backPressuredCycles() {
        return backPressuredCycles;
    }

    public long flitsInjected(int node) {
        return flitsInjected[node];
    }

    public void setSinkPolicy(SinkPolicy p) {
        this.sinks = p;
    }

    public void setLatencyListener(LatencyListener l) {
        this.latencyListener = l;
    }

    public void setPacketListener(PacketListener l) {
        this.packetListener = l;
    }

    /**
     * Resets the RTL mid-stream: every flit in flight is lost by design, so the harness drops its
     * queues and starts a fresh scoreboard. Returns the scoreboard of the traffic before the reset.
     */
    public NocScoreboard reset() {
        NocScoreboard before = scoreboard;
        scoreboard = new NocScoreboard(new MeshModel(mesh));
        sim.reset(2);
        cycle += 2;
        Arrays.fill(prevOffer, 0);
        misrouteSeen = false;
        for (int i = 0; i < n; i++) {
            sources.get(i).clear();
            assembling.get(i).clear();
            nextFlit[i] = 0;
        }
        return before;
    }

    /** Queues a packet at node {@code src}; returns the node the model says it goes to (-1: none). */
    public int offer(int src, List<BigInteger> flits) {
        int dst = scoreboard.sent(src, flits, cycle);
        sources.get(src).add(new Offer(flits, cycle));
        return dst;
    }

    /** Packets queued at {@code src} that have not fully entered the mesh. */
    public int queued(int src) {
        return sources.get(src).size();
    }

    /** Runs one clock cycle of traffic. */
    public void tick() {
        Arrays.fill(inValidW, 0);
        Arrays.fill(inLastW, 0);
        Arrays.fill(outReadyW, 0);
        for (int i = 0; i < n; i++) {
            Offer o = sources.get(i).peekFirst();
            if (o != null) {
                Bits.setBit(inValidW, i, true);
                Bits.setBit(inLastW, i, nextFlit[i] == o.flits().size() - 1);
                Bits.put(inDataW, i * w, w, o.flits().get(nextFlit[i]));
            }
            Bits.setBit(outReadyW, i, sinks.ready(i, cycle));
        }
        sim.pokeWords(inValid, inValidW);
        sim.pokeWords(inLast, inLastW);
        sim.pokeWords(inData, inDataW);
        sim.pokeWords(outReady, outReadyW);
        sim.peekWords(inReady, inReadyW);
        sim.peekWords(outValid, outValidW);
        sim.peekWords(outData, outDataW);
        sim.peekWords(outLast, outLastW);
        boolean misrouteNow = sim.peek(misroute) != 0;

        boolean stalled = false;
        for (int i = 0; i < n; i++) {
            if (Bits.bit(inValidW, i)) {
                if (Bits.bit(inReadyW, i)) {
                    flitsInjected[i]++;
                    Offer o = sources.get(i).peekFirst();
                    if (++nextFlit[i] == o.flits().size()) {
                        nextFlit[i] = 0;
                        sources.get(i).removeFirst();
                    }
                } else {
                    stalled = true;
                }
            }
            boolean valid = Bits.bit(outValidW, i);
            BigInteger flit = valid ? Bits.get(outDataW, i * w, w) : null;
            boolean last = valid && Bits.bit(outLastW, i);
            if (prevOffer[i] != 0 && (!valid || !flit.equals(prevFlit[i]) || last != prevLast[i])) {
                scoreboard.error("cycle " + cycle + ", node " + i + ": output flit 0x" + prevFlit[i].toString(16)
                        + " was withdrawn or changed before it was accepted");
            }
            boolean ready = Bits.bit(outReadyW, i);
            prevOffer[i] = valid && !ready ? 1 : 0;
            prevFlit[i] = flit;
            prevLast[i] = last;
            if (valid && ready) {
                List<BigInteger> pkt = assembling.get(i);
                pkt.add(flit);
                if (last) {
                    if (packetListener != null) {
                        packetListener.received(i, pkt);
                    }
                    NocScoreboard.Expected e = scoreboard.received(i, pkt, cycle);
                    if (e != null && latencyListener != null) {
                        latencyListener.delivered(e.src(), i, e.createdCycle(), cycle - e.createdCycle(), pkt.size());
                    }
                    assembling.set(i, new ArrayList<>());
                }
            }
        }
        if (stalled) {
            backPressuredCycles++;
        }
        if (misrouteNow && !misrouteSeen) {
            misrouteSeen = true;
            if (scoreboard.misroutesExpected() == 0) {
                scoreboard.error("cycle " + cycle + ": misroute_o rose but no packet was addressed outside the mesh");
            }
        }
        sim.step(1);
        cycle++;
    }

    public void run(long cycles) {
        for (long i = 0; i < cycles; i++) {
            tick();
        }
    }

    /**
     * Runs until every source is empty and every packet has arrived, at most {@code maxCycles};
     * a mesh that does not drain in time is reported as a scoreboard error (deadlock or loss).
     * Returns the cycles it took.
     */
    public long drain(long maxCycles) {
        long start = cycle;
        while (cycle - start < maxCycles) {
            if (idle()) {
                return cycle - start;
            }
            tick();
        }
        if (!idle()) {
            scoreboard.checkDrained("mesh did not drain within " + maxCycles + " cycles after traffic stopped");
        }
        // A packet addressed outside the mesh needs a few more cycles to reach the edge.
        for (int i = 0; i < mesh.cols() + mesh.rows() + 8 && scoreboard.misroutesExpected() > 0 && !misrouteSeen; i++) {
            tick();
        }
        if (scoreboard.misroutesExpected() > 0 && !misrouteSeen) {
            scoreboard.error("packets were addressed outside the mesh but misroute_o never rose");
        }
        return cycle - start;
    }

    private boolean idle() {
        if (scoreboard.outstanding() > 0) {
            return false;
        }
        for (ArrayDeque<Offer> s : sources) {
            if (!s.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the misroute flag has been seen high since the last reset. */
    public boolean misrouteSeen() {
        return misrouteSeen;
    }

    public MeshParams mesh() {
        return mesh;
    }
}
