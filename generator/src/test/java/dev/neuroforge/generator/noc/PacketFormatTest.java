package dev.neuroforge.generator.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketFormatTest {
    @Test
    void headFlitHoldsDestinationThenPayloadFromBitNine() {
        PacketFormat f = new PacketFormat(32);
        // dst (5, 9), payload 0b101: bits [3:0]=5, [7:4]=9, [8]=0, [10:9]=0b01 of the payload...
        List<BigInteger> flits = f.encode(5, 9, BigInteger.valueOf(0b101), 3);
        assertEquals(1, flits.size());
        long expected = 5 | 9 << 4 | 0b101 << 9;
        assertEquals(BigInteger.valueOf(expected), flits.get(0));
    }

    @Test
    void payloadSpillsIntoBodyFlitsLowBitsFirst() {
        PacketFormat f = new PacketFormat(16);
        assertEquals(7, f.headPayloadBits());
        assertEquals(1, f.flitsFor(7));
        assertEquals(2, f.flitsFor(8));
        assertEquals(2, f.flitsFor(23));
        assertEquals(3, f.flitsFor(24));
        BigInteger payload = BigInteger.valueOf(0xABCDEFL);  // 24 bits
        List<BigInteger> flits = f.encode(1, 2, payload, 24);
        assertEquals(3, flits.size());
        assertEquals(BigInteger.valueOf(1 | 2 << 4 | (0xEF & 0x7F) << 9), flits.get(0));
        assertEquals(BigInteger.valueOf(0xABCDEFL >> 7 & 0xFFFF), flits.get(1));
        assertEquals(BigInteger.valueOf(0xABCDEFL >> 23), flits.get(2));
        PacketFormat.Packet p = f.decode(flits);
        assertEquals(1, p.dstX());
        assertEquals(2, p.dstY());
        assertEquals(payload, p.payload());
    }

    @Test
    void roundTripsRandomPacketsAtEveryWidth() {
        Random r = new Random(1);
        for (int w : new int[] {16, 17, 32, 33, 64, 100, 256}) {
            PacketFormat f = new PacketFormat(w);
            for (int i = 0; i < 200; i++) {
                int bits = r.nextInt(600);
                BigInteger payload = new BigInteger(bits, r);
                int x = r.nextInt(16);
                int y = r.nextInt(16);
                List<BigInteger> flits = f.encode(x, y, payload, bits);
                assertEquals(f.flitsFor(bits), flits.size());
                flits.forEach(fl -> assertTrue(fl.bitLength() <= w, "flit fits " + w + " bits"));
                PacketFormat.Packet p = f.decode(flits);
                assertEquals(payload, p.payload(), "w=" + w + " bits=" + bits);
                assertEquals(x, p.dstX());
                assertEquals(y, p.dstY());
            }
        }
    }

    @Test
    void eventsRoundTripIncludingNegativeValues() {
        for (int w : new int[] {16, 32, 49, 64}) {
            PacketFormat f = new PacketFormat(w);
            PacketFormat.Event e = new PacketFormat.Event(65535, -32768, 255);
            List<BigInteger> flits = f.encodeEvent(3, 4, e);
            assertEquals(f.flitsFor(PacketFormat.EVENT_PAYLOAD_BITS), flits.size());
            assertEquals(e, f.decodeEvent(flits));
            assertEquals(new PacketFormat.Event(7, 1, 0), f.decodeEvent(f.encodeEvent(0, 0, new PacketFormat.Event(7, 1, 0))));
        }
        assertEquals(1, new PacketFormat(49).flitsFor(PacketFormat.EVENT_PAYLOAD_BITS), "49-bit flits carry an event in one flit");
    }

    @Test
    void multicastRectangleRoundTripsInOneFlit() {
        PacketFormat f = new PacketFormat(64);
        java.util.Random rnd = new java.util.Random(15);
        for (int i = 0; i < 2000; i++) {
            int xl = rnd.nextInt(16);
            int xh = xl + rnd.nextInt(16 - xl);
            int yl = rnd.nextInt(16);
            int yh = yl + rnd.nextInt(16 - yl);
            BigInteger payload = new BigInteger(f.multicastPayloadBits(), rnd);
            List<BigInteger> flits = f.encodeMulticast(xl, xh, yl, yh, payload);
            assertEquals(1, flits.size());
            assertTrue(flits.get(0).bitLength() <= 64);
            PacketFormat.Packet p = f.decode(flits);
            assertEquals(new PacketFormat.Packet(xl, yl, true, xh, yh, payload), p);
            // The low corner sits where a unicast head has its destination.
            assertEquals(xl, PacketFormat.dstX(flits.get(0)));
            assertEquals(yl, PacketFormat.dstY(flits.get(0)));
        }
        PacketFormat.Event e = new PacketFormat.Event(0xBEEF, -3, 9);
        PacketFormat f57 = new PacketFormat(57);
        assertEquals(e, f57.decodeEvent(f57.encodeMulticastEvent(1, 3, 0, 2, e)));
        assertThrows(IllegalArgumentException.class, () -> new PacketFormat(56).encodeMulticastEvent(0, 0, 0, 0, e));
        PacketFormat.Packet u = f.decode(f.encode(3, 4, BigInteger.TEN, 20));
        assertEquals(false, u.multicast());
        assertEquals(3, u.dstXHi());
        assertEquals(4, u.dstYHi());
    }

    @Test
    void rejectsWhatDoesNotFit() {
        PacketFormat f = new PacketFormat(32);
        assertThrows(IllegalArgumentException.class, () -> f.encode(16, 0, BigInteger.ZERO, 0));
        assertThrows(IllegalArgumentException.class, () -> f.encode(0, 0, BigInteger.valueOf(8), 3));
        assertThrows(IllegalArgumentException.class, () -> f.decode(List.of(BigInteger.ONE.shiftLeft(32))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.decode(List.of(BigInteger.ONE.shiftLeft(PacketFormat.MCAST_BIT), BigInteger.ONE)));
        assertTrue(e.getMessage().contains("multicast"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.encodeMulticast(2, 1, 0, 0, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> f.encodeMulticast(0, 1, 0, 16, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> f.encodeMulticast(0, 1, 0, 1, BigInteger.ONE.shiftLeft(15)));
        assertThrows(IllegalArgumentException.class, () -> new PacketFormat(16).encodeMulticast(0, 0, 0, 0, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new PacketFormat.Event(0, 40000, 0));
    }
}
