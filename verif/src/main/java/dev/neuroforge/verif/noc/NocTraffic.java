package dev.neuroforge.verif.noc;

import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.PacketFormat;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Test and benchmark traffic: destination patterns and packets made unique by tagging their
 * payload with the source node and a per-source sequence number (plus random filler), so the
 * scoreboard can tell every packet apart.
 */
public final class NocTraffic {
    /** Sequence bits in each packet; packets in flight per source must stay below 2^16. */
    static final int SEQ_BITS = 16;

    /** Destination patterns of the benchmark (BookSim's names). */
    public enum Pattern {
        /** Any node, the source included, with equal probability. */
        UNIFORM,
        /** (x, y) sends to (y, x); needs a square mesh. Diagonal nodes send to themselves. */
        TRANSPOSE,
        /** A fifth of the packets go to the hotspot node (the centre); the rest are uniform. */
        HOTSPOT
    }

    private final MeshParams mesh;
    private final PacketFormat format;
    private final Random rnd;
    private final int srcBits;
    private final int[] seq;

    public NocTraffic(MeshParams mesh, Random rnd) {
        this.mesh = mesh;
        this.format = new PacketFormat(mesh.router().flitWidth());
        this.rnd = rnd;
        this.srcBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(mesh.nodes() - 1));
        this.seq = new int[mesh.nodes()];
    }

    public PacketFormat format() {
        return format;
    }

    /** The fewest flits a tagged packet needs at this flit width. */
    public int minFlits() {
        return format.flitsFor(srcBits + SEQ_BITS);
    }

    /** A unique packet of {@code flits} flits (at least {@link #minFlits()}) from {@code src}. */
    public List<BigInteger> packet(int src, int dstX, int dstY, int flits) {
        if (flits < minFlits()) {
            throw new IllegalArgumentException("a tagged packet needs at least " + minFlits() + " flits at width "
                    + format.flitWidth() + ", asked for " + flits);
        }
        int bits = format.headPayloadBits() + (flits - 1) * format.flitWidth();
        int tag = src | (seq[src]++ & ((1 << SEQ_BITS) - 1)) << srcBits;
        BigInteger filler = new BigInteger(bits - srcBits - SEQ_BITS, rnd);
        BigInteger payload = filler.shiftLeft(srcBits + SEQ_BITS).or(BigInteger.valueOf(tag));
        return format.encode(dstX, dstY, payload, bits);
    }

    /** Whether a tagged multicast packet fits in one flit at this width. */
    public boolean multicastFits() {
        return format.multicastPayloadBits() >= srcBits + SEQ_BITS;
    }

    /** A unique single-flit multicast packet from {@code src} to the rectangle {@code xl..xh} x {@code yl..yh}. */
    public List<BigInteger> multicast(int src, int xl, int xh, int yl, int yh) {
        if (!multicastFits()) {
            throw new IllegalArgumentException("a tagged multicast packet needs " + (srcBits + SEQ_BITS)
                    + " payload bits; " + format.flitWidth() + "-bit flits leave " + format.multicastPayloadBits());
        }
        int bits = format.multicastPayloadBits();
        int tag = src | (seq[src]++ & ((1 << SEQ_BITS) - 1)) << srcBits;
        BigInteger filler = new BigInteger(bits - srcBits - SEQ_BITS, rnd);
        return format.encodeMulticast(xl, xh, yl, yh, filler.shiftLeft(srcBits + SEQ_BITS).or(BigInteger.valueOf(tag)));
    }

    /** A unique multicast packet from {@code src} to a random rectangle inside the mesh (one node up to all). */
    public List<BigInteger> randomMulticast(int src) {
        int xl = rnd.nextInt(mesh.cols());
        int xh = xl + rnd.nextInt(mesh.cols() - xl);
        int yl = rnd.nextInt(mesh.rows());
        int yh = yl + rnd.nextInt(mesh.rows() - yl);
        return multicast(src, xl, xh, yl, yh);
    }

    /** A unique multicast packet from {@code src} to every node of the mesh. */
    public List<BigInteger> broadcast(int src) {
        return multicast(src, 0, mesh.cols() - 1, 0, mesh.rows() - 1);
    }

    /** A unique packet from {@code src} to node {@code dst}. */
    public List<BigInteger> packet(int src, int dst, int flits) {
        return packet(src, dst % mesh.cols(), dst / mesh.cols(), flits);
    }

    /** Picks a destination node for a packet from {@code src}. */
    public int destination(Pattern p, int src) {
        return switch (p) {
            case UNIFORM -> rnd.nextInt(mesh.nodes());
            case TRANSPOSE -> {
                if (mesh.cols() != mesh.rows()) {
                    throw new IllegalArgumentException("transpose traffic needs a square mesh, not "
                            + mesh.cols() + "x" + mesh.rows());
                }
                yield mesh.node(src / mesh.cols(), src % mesh.cols());
            }
            case HOTSPOT -> rnd.nextInt(5) == 0 ? hotspot() : rnd.nextInt(mesh.nodes());
        };
    }

    /** The hotspot node: the centre of the mesh. */
    public int hotspot() {
        return mesh.node(mesh.cols() / 2, mesh.rows() / 2);
    }
}
