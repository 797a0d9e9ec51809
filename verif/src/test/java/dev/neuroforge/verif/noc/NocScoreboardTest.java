package dev.neuroforge.verif.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.RouterParams;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scoreboard itself must catch every way delivery can go wrong. */
class NocScoreboardTest {
    private final MeshParams mesh = new MeshParams(3, 2);
    private final NocTraffic traffic = new NocTraffic(mesh, new Random(7));
    private final NocScoreboard sb = new NocScoreboard(new MeshModel(mesh));

    @Test
    void acceptsInOrderDeliveryAndMeasuresLatency() {
        List<BigInteger> a = traffic.packet(0, 5, 2);
        List<BigInteger> b = traffic.packet(0, 5, 1);
        assertEquals(5, sb.sent(0, a, 10));
        sb.sent(0, b, 11);
        assertNotNull(sb.received(5, a, 14));
        assertNotNull(sb.received(5, b, 20));
        assertTrue(sb.errors().isEmpty());
        assertEquals(2, sb.delivered());
        assertEquals((4 + 9) / 2.0, sb.meanLatency());
        assertEquals(3.0, sb.meanHops(), "node 0 (0,0) to node 5 (2,1) is 3 hops");
    }

    @Test
    void flagsReorderingWithinAFlow() {
        List<BigInteger> a = traffic.packet(1, 4, 1);
        List<BigInteger> b = traffic.packet(1, 4, 1);
        sb.sent(1, a, 0);
        sb.sent(1, b, 0);
        assertNull(sb.received(4, b, 5));
        assertTrue(sb.errors().get(0).contains("overtook 1 earlier packet"), sb.errors().get(0));
    }

    @Test
    void flagsMisdeliveryCorruptionDuplicatesAndLoss() {
        List<BigInteger> a = traffic.packet(2, 3, 1);
        List<BigInteger> b = traffic.packet(2, 1, 3);
        sb.sent(2, a, 0);
        sb.sent(2, b, 0);
        assertNull(sb.received(4, a, 3));
        assertTrue(sb.errors().get(0).contains("belongs to node 3"), sb.errors().get(0));
        assertNotNull(sb.received(3, a, 4));
        assertNull(sb.received(3, a, 5));
        assertTrue(sb.errors().get(1).contains("duplicate"), sb.errors().get(1));
        List<BigInteger> corrupt = List.of(b.get(0), b.get(1).flipBit(3), b.get(2));
        assertNull(sb.received(1, corrupt, 6));
        assertTrue(sb.errors().get(2).contains("unexpected packet"), sb.errors().get(2));
        sb.checkDrained("end of test");
        assertTrue(sb.errors().get(3).contains("never arrived"), sb.errors().get(3));
    }

    @Test
    void countsPacketsAddressedOutsideTheMesh() {
        List<BigInteger> out = traffic.packet(0, 7, 0, 1);
        assertEquals(-1, sb.sent(0, out, 0));
        assertEquals(1, sb.misroutesExpected());
        assertEquals(0, sb.outstanding());
    }

    @Test
    void modelFollowsXyPaths() {
        MeshModel m = new MeshModel(new MeshParams(4, 3));
        // node 1 = (1,0) to node 11 = (3,2): east twice, then north twice.
        assertEquals(List.of(1, 2, 3, 7, 11), m.path(1, 11));
        assertEquals(List.of(11, 10, 9, 5, 1), m.path(11, 1));
        assertEquals(List.of(6), m.path(6, 6));
        assertEquals(4, m.hops(1, 11));
    }

    @Test
    void expectsEveryCopyOfAMulticastPacketOnceInItsFlowOrder() {
        MeshParams mesh = new MeshParams(3, 2, new RouterParams(48, 4, true));
        NocScoreboard m = new NocScoreboard(new MeshModel(mesh));
        NocTraffic t = new NocTraffic(mesh, new Random(3));
        List<BigInteger> uni = t.packet(0, 4, 1);                // node 4 = (1, 1)
        List<BigInteger> mc = t.multicast(0, 1, 2, 0, 1);       // nodes 1, 2, 4, 5
        assertEquals(4, m.sent(0, uni, 0));
        assertEquals(1, m.sent(0, mc, 1));
        assertEquals(5, m.outstanding());
        assertNotNull(m.received(2, mc, 5));
        assertNull(m.received(4, mc, 6));                        // overtakes the unicast packet to node 4
        assertTrue(m.errors().get(0).contains("overtook 1"), m.errors().get(0));
        assertNotNull(m.received(4, uni, 7));
        assertNotNull(m.received(4, mc, 8));
        assertNull(m.received(4, mc, 9));                        // a second copy at node 4
        assertTrue(m.errors().get(1).contains("nodes [1, 5]"), m.errors().get(1));
        assertNull(m.received(3, mc, 9));                        // not in the rectangle
        assertNotNull(m.received(1, mc, 10));
        assertNotNull(m.received(5, mc, 11));
        assertEquals(0, m.outstanding());
        assertEquals(3, m.errors().size());
        // Past the mesh edge: the inside part is expected, and a misroute.
        assertEquals(2, m.sent(1, t.multicast(1, 2, 5, 0, 0), 12));
        assertEquals(1, m.misroutesExpected());
        assertEquals(1, m.outstanding());
    }
}
