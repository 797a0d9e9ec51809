package dev.neuroforge.verif.tile;

import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.sim.PortInfo;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.core.Retire;
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
    /** Ports every batched run samples (west output, idle, the other outputs' valid, the packet counters). */
    private static final int BASE_OUTS = 9;

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
    private PortInfo[] runOuts;
    private final int outWords;
    private RetireSink sink;
    private PortInfo[] retirePorts;
    private int lastIrqCause = -1;
    private final Deque<Flit> toSend = new ArrayDeque<>();
    private final List<BigInteger> partial = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private long doneAt = -1;
    private long hostSent;
    private long hostRecv;
    private long cycles;
    private java.util.function.LongPredicate westReady;
    private BigInteger heldData;
    private boolean heldLast;

    private record Flit(BigInteger data, boolean last) {
    }

    /** Receives every instruction the tile's core retires, with the cause of the last interrupt it took (-1: none). */
    public interface RetireSink {
        void retired(Retire r, int lastIrqCause, long cycle);
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
        runOuts = new PortInfo[] {outValid, outLast, outData, idle, otherOutValid[0], otherOutValid[1], otherOutValid[2],
            evSent, evRecv};
    }

    /**
     * Hands every retirement of the core (the tile's {@code rvfi_*_o} port) to {@code s}, cycle by
     * cycle, from now on (null: no more); the batched runs then sample the port too.
     */
    public void onRetire(RetireSink s) {
        sink = s;
        if (s == null) {
            runOuts = List.of(runOuts).subList(0, BASE_OUTS).toArray(new PortInfo[0]);
            return;
        }
        List<PortInfo> ports = new ArrayList<>(List.of(sim.port("irq_taken_o"), sim.port("irq_cause_o"),
                sim.port("rvfi_valid_o")));
        for (String f : Retire.FIELDS) {
            ports.add(sim.port("rvfi_" + f + "_o"));
        }
        retirePorts = ports.toArray(new PortInfo[0]);
        List<PortInfo> outs = new ArrayList<>(List.of(runOuts).subList(0, BASE_OUTS));
        outs.addAll(ports);
        runOuts = outs.toArray(new PortInfo[0]);
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
        lastIrqCause = -1;
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
        doneAt = -1;
        while (doneAt < 0) {
            if (done()) {
                doneAt = cycles;
                break;
            }
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

    /**
     * The cycle at which the last {@link #runUntilDone} found the step over (a batched run may
     * have gone on idling for a few cycles past it).
     */
    public long doneAt() {
        return doneAt;
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
        if (sink != null) {
            long[] v = new long[retirePorts.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = sim.peek(retirePorts[i]);
            }
            retire(v, cycles);
        }
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
        int per = 0;
        for (PortInfo p : runOuts) {
            per += p.words();
        }
        int[] out = new int[per * n];
        sim.run(n, runIns, new int[0], runOuts, out);
        cycles += n;
        for (int c = 0; c < n; c++) {
            int b = c * per;
            long sent = out[b + 2 + outWords + 4] & 0xFFFF_FFFFL;
            long recv = out[b + 2 + outWords + 5] & 0xFFFF_FFFFL;
            boolean quiet = out[b + 2 + outWords] != 0 && hostSent + sent == hostRecv + recv;
            if (doneAt < 0 && quiet) {
                doneAt = cycles - n + c;
            } else if (doneAt >= 0 && !quiet) {
                errors.add("the tile looked done at cycle " + doneAt + " and became busy again at cycle " + (cycles - n + c)
                        + " with no host action: idle_o or the packet counters lie");
                doneAt = -1;
            }
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
            if (sink != null) {
                int k = b + 2 + outWords + 6;
                long[] v = new long[retirePorts.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = out[k] & 0xFFFF_FFFFL;
                    if (retirePorts[i].words() == 2) {
                        v[i] |= (long) out[k + 1] << 32;
                    }
                    k += retirePorts[i].words();
                }
                retire(v, cycles - n + c);
            }
        }
    }

    /** One cycle's irq_taken, irq_cause, rvfi_valid and rvfi fields. */
    private void retire(long[] v, long cycle) {
        if (v[0] != 0) {
            lastIrqCause = (int) v[1];
        }
        if (v[2] != 0) {
            sink.retired(new Retire(v[3], (int) v[4], v[5] != 0, v[6] != 0, (int) v[7], (int) v[8], (int) v[9],
                    (int) v[10], (int) v[11], (int) v[12], (int) v[13], (int) v[14], (int) v[15], (int) v[16],
                    (int) v[17], (int) v[18], (int) v[19]), lastIrqCause, cycle);
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
