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
 *   [8]      mcast   0 = unicast
 *   [W-1:9]  the first W-9 payload bits
 * </pre>
 * Body flits carry the following payload bits, W at a time, lowest bits first. A payload of
 * {@code n} bits therefore takes {@link #flitsFor(int)} flits.
 *
 * <p>A multicast head ({@code mcast = 1}) names a rectangle of destination tiles and is always a
 * single flit (head and tail at once; see docs/noc.md for why):
 * <pre>
 *   [3:0]    x_lo    lowest destination column   (the unicast dst_x field)
 *   [7:4]    y_lo    lowest destination row      (the unicast dst_y field)
 *   [8]      mcast   1
 *   [12:9]   x_hi    highest destination column, x_lo..15
 *   [16:13]  y_hi    highest destination row, y_lo..15
 *   [W-1:17] the payload, W-17 bits
 * </pre>
 */
public final class PacketFormat {
    public static final int COORD_BITS = 4;
    public static final int DST_X_LSB = 0;
    public static final int DST_Y_LSB = COORD_BITS;
    public static final int MCAST_BIT = 2 * COORD_BITS;
    /** Head-flit bits spent on routing. */
    public static final int HEADER_BITS = MCAST_BIT + 1;
    public static final int DST_X_HI_LSB = HEADER_BITS;
    public static final int DST_Y_HI_LSB = DST_X_HI_LSB + COORD_BITS;
    /** Head-flit bits a multicast packet spends on routing: the rectangle and the mcast bit. */
    public static final int MCAST_HEADER_BITS = DST_Y_HI_LSB + COORD_BITS;

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

    /** Payload bits of a multicast packet, which is always one flit. */
    public int multicastPayloadBits() {
        return flitWidth - MCAST_HEADER_BITS;
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

    /**
     * Encodes a multicast packet to every tile {@code (x, y)} with {@code xLo <= x <= xHi} and
     * {@code yLo <= y <= yHi}. It is one flit, so the payload must fit in
     * {@link #multicastPayloadBits()} bits.
     */
    public List<BigInteger> encodeMulticast(int xLo, int xHi, int yLo, int yHi, BigInteger payload) {
        checkCoord("xLo", xLo);
        checkCoord("xHi", xHi);
        checkCoord("yLo", yLo);
        checkCoord("yHi", yHi);
        if (xLo > xHi || yLo > yHi) {
            throw new IllegalArgumentException("multicast rectangle x " + xLo + ".." + xHi + ", y " + yLo + ".." + yHi
                    + " is empty: the low corner must not exceed the high one");
        }
        if (multicastPayloadBits() <= 0 || payload.signum() < 0 || payload.bitLength() > multicastPayloadBits()) {
            throw new IllegalArgumentException("multicast payload 0x" + payload.toString(16) + " does not fit in the "
                    + Math.max(0, multicastPayloadBits()) + " payload bits of one " + flitWidth + "-bit flit");
        }
        BigInteger head = BigInteger.valueOf(xLo | yLo << DST_Y_LSB | 1 << MCAST_BIT | xHi << DST_X_HI_LSB
                | yHi << DST_Y_HI_LSB).or(payload.shiftLeft(MCAST_HEADER_BITS));
        return List.of(head);
    }

    /** Whether a head flit is a multicast head. */
    public static boolean isMulticast(BigInteger head) {
        return head.testBit(MCAST_BIT);
    }

    /** Highest destination column of a head: {@code x_hi} for multicast, {@code dst_x} for unicast. */
    public static int dstXHi(BigInteger head) {
        return isMulticast(head) ? head.intValue() >>> DST_X_HI_LSB & ((1 << COORD_BITS) - 1) : dstX(head);
    }

    /** Highest destination row of a head: {@code y_hi} for multicast, {@code dst_y} for unicast. */
    public static int dstYHi(BigInteger head) {
        return isMulticast(head) ? head.intValue() >>> DST_Y_HI_LSB & ((1 << COORD_BITS) - 1) : dstY(head);
    }

    /** Decodes a whole packet (head first). The payload holds every bit the flits carried. */
    public Packet decode(List<BigInteger> flits) {
        if (flits.isEmpty()) {
            throw new IllegalArgumentException("a packet has at least a head flit");
        }
        BigInteger head = flits.get(0);
        checkFlit(head);
        if (isMulticast(head)) {
            if (flits.size() != 1) {
                throw new IllegalArgumentException("multicast packet of " + flits.size()
                        + " flits; a multicast packet is a single flit");
            }
            return new Packet(dstX(head), dstY(head), true, dstXHi(head), dstYHi(head),
                    head.shiftRight(MCAST_HEADER_BITS));
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
        return encode(dstX, dstY, BigInteger.valueOf(eventBits(e)), EVENT_PAYLOAD_BITS);
    }

    /**
     * Encodes a neural event for every tile of a rectangle (one flit: needs flits of at least
     * {@code MCAST_HEADER_BITS + EVENT_PAYLOAD_BITS} = 57 bits).
     */
    public List<BigInteger> encodeMulticastEvent(int xLo, int xHi, int yLo, int yHi, Event e) {
        return encodeMulticast(xLo, xHi, yLo, yHi, BigInteger.valueOf(eventBits(e)));
    }

    private static long eventBits(Event e) {
        return (long) e.delay() | (long) e.axon() << 8 | (long) (e.value() & 0xFFFF) << 24;
    }

    /** Decodes a packet made by {@link #encodeEvent} or {@link #encodeMulticastEvent}. */
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

    /**
     * A decoded packet: destination and the concatenated payload bits. A unicast packet has
     * {@code multicast = false} and {@code dstXHi == dstX}, {@code dstYHi == dstY}; a multicast one
     * names the rectangle {@code dstX..dstXHi} x {@code dstY..dstYHi}.
     */
    public record Packet(int dstX, int dstY, boolean multicast, int dstXHi, int dstYHi, BigInteger payload) {
        public Packet(int dstX, int dstY, BigInteger payload) {
            this(dstX, dstY, false, dstX, dstY, payload);
        }
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
