package dev.neuroforge.verif.noc;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the mesh delivers with what the {@link MeshModel} says it must: every packet
 * exactly once, at the right node, intact, in order per (source, destination) flow. A multicast
 * packet is expected once at every node of its destination set, each copy in order within its own
 * (source, destination) flow. Mismatches are collected, not thrown, so a failing run reports all of
 * them ({@link #errors()}).
 *
 * <p>Test traffic makes packets unique (source and sequence number in the payload), which lets
 * the scoreboard tell a duplicate, a reordering, a misdelivery and a corruption apart.
 */
public final class NocScoreboard {
    private static final int MAX_ERRORS = 50;

    private final MeshModel model;
    private final int nodes;
    /** Expected packets per flow, index src * nodes + dst, oldest first. */
    private final List<ArrayDeque<Expected>> flows = new ArrayList<>();
    /** Copies in flight by their flits, then by destination node. */
    private final Map<List<BigInteger>, Map<Integer, Expected>> pending = new HashMap<>();
    private int pendingCopies;
    private long multicastSent;
    private final List<String> errors = new ArrayList<>();
    private long sent;
    private long received;
    private long misrouteExpected;
    private long flitsReceived;
    private long latencySum;
    private long deliveredCount;
    private long hopSum;
    private final long[] perFlow;
    private final java.util.TreeMap<Integer, Long> lengths = new java.util.TreeMap<>();

    /** A packet the model expects, with when it was offered and where it must go. */
    public record Expected(int src, int dst, List<BigInteger> flits, long createdCycle) {
    }

    public NocScoreboard(MeshModel model) {
        this.model = model;
        this.nodes = model.mesh().nodes();
        this.perFlow = new long[nodes * nodes];
        for (int i = 0; i < nodes * nodes; i++) {
            flows.add(new ArrayDeque<>());
        }
    }

    /**
     * Records a packet offered at {@code src}; returns its expected destination, the lowest one
     * for a multicast packet, or -1 when it has none in the mesh (a misroute).
     */
    public int sent(int src, List<BigInteger> flits, long cycle) {
        sent++;
        int[] dsts = model.destinations(flits);
        if (model.leavesMesh(flits)) {
            misrouteExpected++;
        }
        if (dsts.length > 1 || dev.neuroforge.generator.noc.PacketFormat.isMulticast(flits.get(0))) {
            multicastSent++;
        }
        if (dsts.length == 0) {
            return -1;
        }
        List<BigInteger> key = List.copyOf(flits);
        if (pending.containsKey(key)) {
            throw new IllegalArgumentException("test traffic must make packets in flight unique; repeated: " + flits);
        }
        Map<Integer, Expected> copies = new HashMap<>();
        for (int dst : dsts) {
            Expected e = new Expected(src, dst, key, cycle);
            copies.put(dst, e);
            flows.get(src * nodes + dst).add(e);
        }
        pending.put(key, copies);
        pendingCopies += dsts.length;
        return dsts[0];
    }

    /** Checks a whole packet that left node {@code node} at {@code cycle}; returns what it matched, or null. */
    public Expected received(int node, List<BigInteger> flits, long cycle) {
        received++;
        flitsReceived += flits.size();
        for (int src = 0; src < nodes; src++) {
            ArrayDeque<Expected> q = flows.get(src * nodes + node);
            Expected head = q.peekFirst();
            if (head != null && head.flits().equals(flits)) {
                q.removeFirst();
                Map<Integer, Expected> copies = pending.get(head.flits());
                copies.remove(node);
                if (copies.isEmpty()) {
                    pending.remove(head.flits());
                }
                pendingCopies--;
                deliveredCount++;
                perFlow[src * nodes + node]++;
                lengths.merge(flits.size(), 1L, Long::sum);
                latencySum += cycle - head.createdCycle();
                hopSum += model.hops(src, node);
                return head;
            }
        }
        error("cycle " + cycle + ", node " + node + ": " + diagnose(node, flits));
        return null;
    }

    private String diagnose(int node, List<BigInteger> flits) {
        Map<Integer, Expected> copies = pending.get(flits);
        if (copies != null && !copies.containsKey(node)) {
            Expected any = copies.values().iterator().next();
            String owners = copies.size() == 1 ? "node " + copies.keySet().iterator().next()
                    : "nodes " + new java.util.TreeSet<>(copies.keySet());
            return "packet " + show(flits) + " from node " + any.src() + " belongs to " + owners
                    + (model.destinations(flits).length > 1 ? " (a duplicate copy, or not in its destination set)" : "");
        }
        if (copies != null) {
            Expected e = copies.get(node);
            ArrayDeque<Expected> q = flows.get(e.src() * nodes + node);
            int earlier = 0;
            for (Expected x : q) {
                if (x == e) {
                    break;
                }
                earlier++;
            }
            return "packet " + show(flits) + " from node " + e.src() + " overtook " + earlier
                    + " earlier packet(s) of its flow; expected first " + show(q.peekFirst().flits());
        }
        return "unexpected packet " + show(flits) + " (a duplicate, or corrupted or interleaved flits)";
    }

    private static String show(List<BigInteger> flits) {
        StringBuilder b = new StringBuilder("[");
        for (BigInteger f : flits) {
            b.append(b.length() > 1 ? " " : "").append("0x").append(f.toString(16));
        }
        return b.append("]").toString();
    }

    /** Records a checker's failure (protocol, misroute flag, ...) beside the delivery errors. */
    public void error(String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        } else if (errors.size() == MAX_ERRORS) {
            errors.add("... further errors suppressed");
        }
    }

    /** Copies sent to nodes in the mesh that have not arrived yet (a multicast packet counts each copy). */
    public int outstanding() {
        return pendingCopies;
    }

    /** Packets offered with the multicast bit set. */
    public long multicastSent() {
        return multicastSent;
    }

    /** Adds an error for every packet still missing (call once traffic has stopped and drained). */
    public void checkDrained(String why) {
        if (!pending.isEmpty()) {
            int shown = 0;
            for (ArrayDeque<Expected> q : flows) {
                for (Expected e : q) {
                    if (shown++ < 10) {
                        error(why + ": packet " + show(e.flits()) + " from node " + e.src() + " to node " + e.dst()
                                + " (offered in cycle " + e.createdCycle() + ") never arrived");
                    }
                }
            }
            error(pendingCopies + " packet cop(ies) missing in all");
        }
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public long sent() {
        return sent;
    }

    /** Coverage: (source, destination) flows that delivered at least one packet. */
    public int flowsCovered() {
        int n = 0;
        for (long c : perFlow) {
            n += c > 0 ? 1 : 0;
        }
        return n;
    }

    /** Coverage: delivered packets by length in flits. */
    public java.util.SortedMap<Integer, Long> lengthHistogram() {
        return java.util.Collections.unmodifiableSortedMap(lengths);
    }

    /** One line of what the traffic covered, for test logs. */
    public String coverage() {
        return "flows " + flowsCovered() + "/" + (nodes * nodes) + ", packet lengths " + lengths
                + ", misroutes expected " + misrouteExpected;
    }

    /** Packets (multicast: copies) that arrived where and when the model said. */
    public long delivered() {
        return deliveredCount;
    }

    public long receivedCount() {
        return received;
    }

    public long flitsReceived() {
        return flitsReceived;
    }

    public long misroutesExpected() {
        return misrouteExpected;
    }

    /** Mean cycles from offering a packet to its tail leaving the mesh, over delivered packets. */
    public double meanLatency() {
        return deliveredCount == 0 ? Double.NaN : (double) latencySum / deliveredCount;
    }

    public double meanHops() {
        return deliveredCount == 0 ? Double.NaN : (double) hopSum / deliveredCount;
    }
}
