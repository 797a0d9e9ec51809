package dev.neuroforge.verif.tile;

import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.sim.PortInfo;
import dev.neuroforge.sim.SimModel;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Drives one Verilated tile as the host of a single-tile system would (docs/tile.md): the host
 * port to load images and read back, {@code tick_i}, event packets injected on the router's west
 * port and packets leaving it collected. The tile sits at {@code (x, y)} with the host at
 * {@code (x - 1, y)}, so packets to the host leave on the west port; a flit on any other mesh port
 * is a misroute and recorded as an error.
 *
 * <p>A step is over when the tile is idle and every packet sent (the host's and the tile's
 * {@code ev_sent_o}) has been received (the host's and {@code ev_recv_o}): the tile's idle alone
 * cannot see a packet still in its router.
 */
public final class TileHarness implements AutoCloseable {
    private static final int CHUNK = 64;

    private final SimModel sim;
    private final PacketFormat format;
    private final int x;
    private final int y;
    private final PortInfo hostReq;
    private final PortInfo hostWe;
    private final PortInfo hostAddr;
    private final PortInfo hostWdata;
    private final PortInfo hostRdata;
    private final PortInfo tick;
    private final PortInfo idle;
    private final PortInfo evSent;
    private final PortInfo evRecv;
    private final PortInfo inValid;
    private final PortInfo inReady;
    private final PortInfo inData;
    private final PortInfo inLast;
    private final PortInfo outValid;
    private final PortInfo outReady;
    private final PortInfo outData;
    private final PortInfo outLast;
    private final PortInfo[] otherOutValid;
    private final PortInfo[] runIns;
    private final PortInfo[] runOuts;
    private final int outWords;
    private final Deque<Flit> toSend = new ArrayDeque<>();
    private final List<BigInteger> partial = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private long hostSent;
    private long hostRecv;
    private long cycles;
    private java.util.function.LongPredicate westReady;
    private BigInteger heldData;
    private boolean heldLast;

    private record Flit(BigInteger data, boolean last) {
    }

    /** An event packet that reached the host: where it was addressed and what it carried. */
    public record Received(int dstX, int dstY, PacketFormat.Event event) {
    }

    public TileHarness(SimModel sim, int flitWidth, int x, int y) {
        if (x < 1) {
            throw new IllegalArgumentException("the tile needs x >= 1: the host sits west of it at x - 1");
        }
        this.sim = sim;
        this.format = new PacketFormat(flitWidth);
        this.x = x;
        this.y = y;
        hostReq = sim.port("host_req_i");
        hostWe = sim.port("host_we_i");
        hostAddr = sim.port("host_addr_i");
        hostWdata = sim.port("host_wdata_i");
        hostRdata = sim.port("host_rdata_o");
        tick = sim.port("tick_i");
        idle = sim.port("idle_o");
        evSent = sim.port("ev_sent_o");
        evRecv = sim.port("ev_recv_o");
        inValid = sim.port("w_in_valid_i");
        inReady = sim.port("w_in_ready_o");
        inData = sim.port("w_in_data_i");
        inLast = sim.port("w_in_last_i");
        outValid = sim.port("w_out_valid_o");
        outReady = sim.port("w_out_ready_i");
        outData = sim.port("w_out_data_o");
        outLast = sim.port("w_out_last_o");
        otherOutValid = new PortInfo[] {sim.port("n_out_valid_o"), sim.port("e_out_valid_o"), sim.port("s_out_valid_o")};
        runIns = new PortInfo[0];
        outWords = outData.words();
        runOuts = new PortInfo[] {outValid, outLast, outData, idle, otherOutValid[0], otherOutValid[1], otherOutValid[2]};
    }

    public SimModel sim() {
        return sim;
    }

    public int x() {
        return x;
    }

    public int y() {
        return y;
    }

    /** Every packet the host has received, in arrival order. */
    public List<Received> received() {
        return received;
    }

    /** Protocol errors seen so far (misrouted flits, timeouts). */
    public List<String> errors() {
        return errors;
    }

    public long cycles() {
        return cycles;
    }

    /**
     * Makes the host a slow receiver: in cycle {@code c} (counted by {@link #cycles()}) the west
     * output is ready only if {@code ready.test(c)}; {@code null} (the default) is always ready.
     * While set, the clock runs one cycle per native call.
     */
    public void setWestReady(java.util.function.LongPredicate ready) {
        this.westReady = ready;
    }

    /** Resets the tile with every input idle, all mesh outputs ready and the coordinates set. */
    public void reset() {
        for (PortInfo p : sim.ports()) {
            if (p.input() && p.width() <= 64 && !p.name().equals("clk_i") && !p.name().equals("rst_ni")) {
                sim.poke(p, 0);
            }
        }
        sim.poke("x_i", x);
        sim.poke("y_i", y);
        for (String side : new String[] {"n", "e", "s", "w"}) {
            sim.poke(side + "_out_ready_i", 1);
        }
        sim.reset(2);
        heldData = null;
        toSend.clear();
        partial.clear();
        received.clear();
        hostSent = 0;
        hostRecv = 0;
    }

    /** One host-port write (the word is in place after this cycle). */
    public void write(long addr, long word) {
        sim.poke(hostReq, 1);
        sim.poke(hostWe, 1);
        sim.poke(hostAddr, addr & 0xFFFF_FFFFL);
        sim.poke(hostWdata, word & 0xFFFF_FFFFL);
        cycle();
        sim.poke(hostReq, 0);
        sim.poke(hostWe, 0);
    }

    /** One host-port read: request in one cycle, the word the next. */
    public long read(long addr) {
        sim.poke(hostReq, 1);
        sim.poke(hostWe, 0);
        sim.poke(hostAddr, addr & 0xFFFF_FFFFL);
        cycle();
        sim.poke(hostReq, 0);
        return sim.peek(hostRdata) & 0xFFFF_FFFFL;
    }

    /** A one-cycle pulse on {@code tick_i}. */
    public void tick() {
        sim.poke(tick, 1);
        cycle();
        sim.poke(tick, 0);
    }

    public boolean idle() {
        return sim.peek(idle) != 0;
    }

    public long tileSent() {
        return sim.peek(evSent) & 0xFFFF_FFFFL;
    }

    public long tileReceived() {
        return sim.peek(evRecv) & 0xFFFF_FFFFL;
    }

    /** Queues an event packet from the host to the tile; it is sent as the clock runs. */
    public void send(PacketFormat.Event e) {
        List<BigInteger> flits = format.encodeEvent(x, y, e);
        for (int i = 0; i < flits.size(); i++) {
            toSend.add(new Flit(flits.get(i), i == flits.size() - 1));
        }
        hostSent++;
    }

    /** True when the tile is idle and no packet is anywhere between the host and the tile. */
    public boolean done() {
        return toSend.isEmpty() && idle() && hostSent + tileSent() == hostRecv + tileReceived();
    }

    /** Runs until {@link #done()}; records an error and returns false after {@code maxCycles}. */
    public boolean runUntilDone(long maxCycles) {
        long start = cycles;
        while (!done()) {
            if (cycles - start > maxCycles) {
                errors.add("not done after " + maxCycles + " cycles (idle " + idle() + ", sent host/tile " + hostSent
                        + "/" + tileSent() + ", received host/tile " + hostRecv + "/" + tileReceived() + ")");
                return false;
            }
            if (toSend.isEmpty() && westReady == null) {
                runChunk(CHUNK);
            } else {
                cycle();
            }
        }
        return true;
    }

    /** One clock cycle: offer the next host flit, take any flit leaving west, then step. */
    public void cycle() {
        Flit f = toSend.peek();
        if (f != null) {
            sim.poke(inValid, 1);
            sim.pokeBig(inData, f.data());
            sim.poke(inLast, f.last() ? 1 : 0);
        } else {
            sim.poke(inValid, 0);
        }
        boolean ready = westReady == null || westReady.test(cycles);
        sim.poke(outReady, ready ? 1 : 0);
        boolean taken = f != null && sim.peek(inReady) != 0;
        boolean valid = sim.peek(outValid) != 0;
        if (heldData != null) {
            // a flit offered and not taken must stay offered, unchanged, until it is taken
            if (!valid || !heldData.equals(sim.peekBig(outData)) || heldLast != (sim.peek(outLast) != 0)) {
                errors.add("the west output withdrew or changed a flit that was not taken, at cycle " + cycles);
            }
            heldData = null;
        }
        if (valid && ready) {
            take(sim.peekBig(outData), sim.peek(outLast) != 0);
        } else if (valid) {
            heldData = sim.peekBig(outData);
            heldLast = sim.peek(outLast) != 0;
        }
        checkOtherPorts();
        sim.step(1);
        cycles++;
        if (taken) {
            toSend.poll();
        }
    }

    /** {@code n} cycles in one native call, the west input idle and the west output always ready. */
    private void runChunk(int n) {
        sim.poke(inValid, 0);
        sim.poke(outReady, 1);
        int per = 2 + outWords + 4;
        int[] out = new int[per * n];
        sim.run(n, runIns, new int[0], runOuts, out);
        cycles += n;
        for (int c = 0; c < n; c++) {
            int b = c * per;
            if (out[b] != 0) {
                BigInteger d = BigInteger.ZERO;
                for (int w = outWords - 1; w >= 0; w--) {
                    d = d.shiftLeft(32).or(BigInteger.valueOf(out[b + 2 + w] & 0xFFFF_FFFFL));
                }
                take(d, out[b + 1] != 0);
            }
            for (int k = 0; k < 3; k++) {
                if (out[b + 2 + outWords + 1 + k] != 0) {
                    errors.add("flit on the " + "nes".charAt(k) + " port at cycle " + (cycles - n + c)
                            + ": only the host's west port is connected");
                }
            }
        }
    }

    private void take(BigInteger data, boolean last) {
        partial.add(data);
        if (last) {
            PacketFormat.Packet p = format.decode(partial);
            received.add(new Received(p.dstX(), p.dstY(), format.decodeEvent(partial)));
            partial.clear();
            hostRecv++;
        }
    }

    private void checkOtherPorts() {
        for (int k = 0; k < 3; k++) {
            if (sim.peek(otherOutValid[k]) != 0) {
                errors.add("flit on the " + "nes".charAt(k) + " port at cycle " + cycles
                        + ": only the host's west port is connected");
            }
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
