package dev.neuroforge.generator.noc;

import dev.neuroforge.generator.ParameterException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The one encoder/decoder of NoC packets, shared by the generator, the golden models, the
 * testbenches and the mapper. The layout is documented in {@code docs/noc.md}.
 *
 * <p>A packet is a head flit followed by zero or more body flits; the link carries a separate
 * {@code last} bit that marks the final flit. The head flit holds, from bit 0 up:
 * <pre>
 *   [3:0]    dst_x   destination column
 *   [7:4]    dst_y   destination row
 *   [8]      mcast   0 = unicast; 1 is reserved for multicast and rejected today
 *   [W-1:9]  the first W-9 payload bits
 * </pre>
 * Body flits carry the following payload bits, W at a time, lowest bits first. A payload of
 * {@code n} bits therefore takes {@link #flitsFor(int)} flits.
 */
public final class PacketFormat {
    public static final int COORD_BITS = 4;
    public static final int DST_X_LSB = 0;
    public static final int DST_Y_LSB = COORD_BITS;
    public static final int MCAST_BIT = 2 * COORD_BITS;
    /** Head-flit bits spent on routing. */
    public static final int HEADER_BITS = MCAST_BIT + 1;

    private final int flitWidth;

    public PacketFormat(int flitWidth) {
        ParameterException.requireInRange("flitWidth", flitWidth,
                RouterParams.MIN_FLIT_WIDTH, RouterParams.MAX_FLIT_WIDTH);
        this.flitWidth = flitWidth;
    }

    public int flitWidth() {
        return flitWidth;
    }

    /** Payload bits that travel in the head flit. */
    public int headPayloadBits() {
        return flitWidth - HEADER_BITS;
    }

    /** Flits needed to carry {@code payloadBits} bits of payload (at least one: the head). */
    public int flitsFor(int payloadBits) {
        if (payloadBits < 0) {
            throw new IllegalArgumentException("payloadBits = " + payloadBits + " must be >= 0");
        }
        int rest = Math.max(0, payloadBits - headPayloadBits());
        return 1 + (rest + flitWidth - 1) / flitWidth;
    }

    /**
     * Encodes a unicast packet. The payload must fit in {@code payloadBits} bits and be
     * non-negative; the destination must fit the 4-bit coordinates.
     */
    public List<BigInteger> encode(int dstX, int dstY, BigInteger payload, int payloadBits) {
        checkCoord("dstX", dstX);
        checkCoord("dstY", dstY);
        if (payload.signum() < 0 || payload.bitLength() > payloadBits) {
            throw new IllegalArgumentException("payload 0x" + payload.toString(16) + " does not fit in "
                    + payloadBits + " unsigned bits");
        }
        int n = flitsFor(payloadBits);
        List<BigInteger> flits = new ArrayList<>(n);
        BigInteger head = BigInteger.valueOf(dstX | (dstY << DST_Y_LSB))
                .or(low(payload, headPayloadBits()).shiftLeft(HEADER_BITS));
        flits.add(head);
        BigInteger rest = payload.shiftRight(headPayloadBits());
        for (int i = 1; i < n; i++) {
            flits.add(low(rest, flitWidth));
            rest = rest.shiftRight(flitWidth);
        }
        return flits;
    }

    /** Decodes a whole packet (head first). The payload holds every bit the flits carried. */
    public Packet decode(List<BigInteger> flits) {
        if (flits.isEmpty()) {
            throw new IllegalArgumentException("a packet has at least a head flit");
        }
        BigInteger head = flits.get(0);
        checkFlit(head);
        if (head.testBit(MCAST_BIT)) {
            throw new IllegalArgumentException("head flit 0x" + head.toString(16)
                    + " has the multicast bit set; multicast is reserved and not supported yet");
        }
        BigInteger payload = head.shiftRight(HEADER_BITS);
        int shift = headPayloadBits();
        for (int i = 1; i < flits.size(); i++) {
            checkFlit(flits.get(i));
            payload = payload.or(flits.get(i).shiftLeft(shift));
            shift += flitWidth;
        }
        return new Packet(dstX(head), dstY(head), payload);
    }

    public static int dstX(BigInteger head) {
        return head.intValue() >>> DST_X_LSB & ((1 << COORD_BITS) - 1);
    }

    public static int dstY(BigInteger head) {
        return head.intValue() >>> DST_Y_LSB & ((1 << COORD_BITS) - 1);
    }

    /**
     * Encodes a neural event: the payload is {@code delay[7:0]}, {@code axon[23:8]},
     * {@code value[39:24]} (16-bit two's complement), {@link #EVENT_PAYLOAD_BITS} bits in all.
     */
    public List<BigInteger> encodeEvent(int dstX, int dstY, Event e) {
        long bits = (long) e.delay() | (long) e.axon() << 8 | (long) (e.value() & 0xFFFF) << 24;
        return encode(dstX, dstY, BigInteger.valueOf(bits), EVENT_PAYLOAD_BITS);
    }

    /** Decodes a packet made by {@link #encodeEvent}. */
    public Event decodeEvent(List<BigInteger> flits) {
        long bits = decode(flits).payload().longValue();
        return new Event((int) (bits >>> 8 & 0xFFFF), (short) (bits >>> 24 & 0xFFFF), (int) (bits & 0xFF));
    }

    /** Payload bits of an event packet. */
    public static final int EVENT_PAYLOAD_BITS = 40;

    /**
     * A neural event as it crosses the NoC.
     *
     * @param axon  source axon id at the destination tile, 0..65535
     * @param value 1 for a binary spike, or a signed graded value, -32768..32767
     * @param delay synaptic delay tag in timesteps, 0..255
     */
    public record Event(int axon, int value, int delay) {
        public Event {
            ParameterException.requireInRange("axon", axon, 0, 0xFFFF);
            ParameterException.requireInRange("value", value, Short.MIN_VALUE, Short.MAX_VALUE);
            ParameterException.requireInRange("delay", delay, 0, 0xFF);
        }
    }

    /** A decoded packet: destination and the concatenated payload bits. */
    public record Packet(int dstX, int dstY, BigInteger payload) {
    }

    private void checkFlit(BigInteger f) {
        if (f.signum() < 0 || f.bitLength() > flitWidth) {
            throw new IllegalArgumentException("flit 0x" + f.toString(16) + " is wider than " + flitWidth + " bits");
        }
    }

    private static void checkCoord(String field, int v) {
        ParameterException.requireInRange(field, v, 0, (1 << COORD_BITS) - 1);
    }

    private static BigInteger low(BigInteger v, int bits) {
        return v.and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
    }
}
