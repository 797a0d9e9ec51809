package dev.neuroforge.verif.array;

import dev.neuroforge.generator.array.ArrayBuilder;
import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.model.Event;
import dev.neuroforge.sim.PortInfo;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.npe.NpeArith;
import dev.neuroforge.verif.tile.TileImage;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A mapped network run on the Verilated array, step by step, as its host runs it (docs/array.md,
 * "Host protocol"): every tile's image written over the host port, RUN, then per step a tick, the
 * input events' packets streamed into {@code hin}, and the clock run until {@code done_o} (every
 * tile idle and every packet injected delivered). The packets that reached the host are the
 * step's events. The per-cycle traffic stays in the shim ({@link SimModel#runStream}): Java hands
 * over a step's input flits and gets its output flits back in one call.
 */
public final class ArrayRtl implements AutoCloseable {
    /** Clock cycles a step (or the boot) may take before the run is declared hung. */
    public static final long STEP_CYCLES = 5_000_000;
    private static final int OUT_FLITS = 4096;

    private final ArrayParams params;
    private final SimModel sim;
    private final PacketFormat format;
    private final NpeMap npeMap;
    private final SimModel.Stream hin;
    private final SimModel.Stream hout;
    private final PortInfo done;
    private final PortInfo tick;
    private final PortInfo[] hostIns;
    private final PortInfo hostRdata;
    private final int flitWords;
    private ArrayMapping mapping;
    private long cycles;
    private long stepCycles;
    private long packetsIn;
    private long packetsOut;
    private final List<BigInteger> partial = new ArrayList<>();

    public ArrayRtl(ArrayParams params) {
        this(params, RtlModels.load(ArrayBuilder.build(params)));
    }

    /** An array on an already loaded model of {@code params}. */
    public ArrayRtl(ArrayParams params, SimModel sim) {
        this.params = params;
        this.sim = sim;
        this.format = new PacketFormat(params.tile().router().flitWidth());
        this.npeMap = new NpeMap(params.tile().npe());
        hin = sim.stream("hin_", true);
        hout = sim.stream("hout_", false);
        done = sim.port("done_o");
        tick = sim.port("tick_i");
        hostIns = new PortInfo[] {sim.port("host_req_i"), sim.port("host_we_i"), sim.port("host_tile_i"),
            sim.port("host_addr_i"), sim.port("host_wdata_i")};
        hostRdata = sim.port("host_rdata_o");
        flitWords = hin.data().words();
    }

    public SimModel sim() {
        return sim;
    }

    public ArrayMapping mapping() {
        return mapping;
    }

    /** Resets the array, writes every tile's image over the host port, sets RUN and waits for every tile to boot. */
    public ArrayRtl load(ArrayMapping m) {
        if (!m.array().equals(params)) {
            throw new IllegalArgumentException("the mapping is for " + m.array().moduleName() + ", this array is "
                    + params.moduleName());
        }
        mapping = m;
        for (PortInfo p : sim.ports()) {
            if (p.input() && p.width() <= 64 && !p.name().equals("clk_i") && !p.name().equals("rst_ni")) {
                sim.poke(p, 0);
            }
        }
        sim.poke(hout.ready(), 1);
        sim.reset(2);
        cycles = 0;
        packetsIn = 0;
        packetsOut = 0;
        partial.clear();
        hostWrites(loadWrites(m));
        List<Event> boot = run(new int[0]);
        if (!boot.isEmpty()) {
            throw new IllegalStateException("the array sent " + boot.size() + " events while booting");
        }
        checkErrors("boot");
        return this;
    }

    /** The host-port writes {tile, addr, word} that load {@code m}: every tile's image, then RUN in every tile. */
    public static List<long[]> loadWrites(ArrayMapping m) {
        List<long[]> writes = new ArrayList<>();
        for (int t = 0; t < m.tiles(); t++) {
            final int ft = t;
            m.image(t).writeTo((addr, word) -> writes.add(new long[] {ft, addr, word & 0xFFFF_FFFFL}));
        }
        for (int t = 0; t < m.tiles(); t++) {
            writes.add(new long[] {t, TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN});
        }
        return writes;
    }

    /** Host-port writes {tile, addr, word}, one per cycle, in one native call. */
    private void hostWrites(List<long[]> writes) {
        int per = 0;
        for (PortInfo p : hostIns) {
            per += p.words();
        }
        if (per != 5) {
            throw new IllegalStateException("host port wider than expected");
        }
        int[] buf = new int[5 * writes.size()];
        for (int k = 0; k < writes.size(); k++) {
            long[] w = writes.get(k);
            buf[5 * k] = 1;
            buf[5 * k + 1] = 1;
            buf[5 * k + 2] = (int) w[0];
            buf[5 * k + 3] = (int) w[1];
            buf[5 * k + 4] = (int) w[2];
        }
        sim.run(writes.size(), hostIns, buf, new PortInfo[0], new int[0]);
        cycles += writes.size();
        sim.poke(hostIns[0], 0);
        sim.poke(hostIns[1], 0);
    }

    /** One host-port read of tile {@code t}: request in one cycle, the word the next. */
    public long read(int t, long addr) {
        sim.poke(hostIns[0], 1);
        sim.poke(hostIns[1], 0);
        sim.poke(hostIns[2], t);
        sim.poke(hostIns[3], addr & 0xFFFF_FFFFL);
        sim.step(1);
        cycles++;
        sim.poke(hostIns[0], 0);
        return sim.peek(hostRdata) & 0xFFFF_FFFFL;
    }

    /** A tile register read over the host port. */
    public long mmio(int t, int offset) {
        return read(t, TileMap.mmio(offset));
    }

    /** One whole step: tick, the inputs' packets, until done. Returns the events the host received, sorted. */
    public List<Event> step(List<Event> inputs) {
        long start = cycles;
        sim.poke(tick, 1);
        sim.step(1);
        cycles++;
        sim.poke(tick, 0);
        int[] buf = inputFlits(inputs);
        packetsIn += inputPackets;
        List<Event> out = run(buf);
        stepCycles = cycles - start;
        checkErrors("step");
        Collections.sort(out);
        return out;
    }

    private int inputPackets;

    /**
     * The host input stream of one step's events: every packet's flits, each as the data's words
     * then a word holding last ({@link SimModel#runStream}'s layout).
     */
    public int[] inputFlits(List<Event> inputs) {
        List<int[]> flits = new ArrayList<>();
        inputPackets = 0;
        for (Event e : inputs) {
            for (ArrayMapping.HostPacket h : mapping.hostPackets(e.population(), e.neuron(), e.value())) {
                List<BigInteger> f = format.encodeEvent(h.x(), h.y(), h.event());
                for (int k = 0; k < f.size(); k++) {
                    flits.add(words(f.get(k), k == f.size() - 1));
                }
                inputPackets++;
            }
        }
        int[] buf = new int[flits.size() * (flitWords + 1)];
        for (int k = 0; k < flits.size(); k++) {
            System.arraycopy(flits.get(k), 0, buf, k * (flitWords + 1), flitWords + 1);
        }
        return buf;
    }

    /** Data words per flit of the host streams. */
    public int flitWords() {
        return flitWords;
    }

    /** Streams {@code flits} in and runs until done; returns the events that reached the host. */
    private List<Event> run(int[] flits) {
        List<Event> events = new ArrayList<>();
        int ow = flitWords + 1;
        int[] out = new int[OUT_FLITS * ow];
        int[] rest = flits;
        long budget = STEP_CYCLES;
        while (true) {
            SimModel.StreamResult r = sim.runStream(hin, rest, hout, out, done, budget);
            cycles += r.cycles();
            budget -= r.cycles();
            for (int k = 0; k < r.captured(); k++) {
                BigInteger d = BigInteger.ZERO;
                for (int w = flitWords - 1; w >= 0; w--) {
                    d = d.shiftLeft(32).or(BigInteger.valueOf(out[k * ow + w] & 0xFFFF_FFFFL));
                }
                partial.add(d);
                if ((out[k * ow + flitWords] & 1) != 0) {
                    events.add(decode());
                }
            }
            rest = java.util.Arrays.copyOfRange(rest, r.taken() * ow, rest.length);
            switch (r.stop()) {
                case DONE:
                    return events;
                case LIMIT:
                    String full = fullScdqs();
                    if (!full.isEmpty()) {
                        throw new ScdqOverflow("SCDQ overflow: " + full + "; the step cannot finish while arriving events"
                                + " wait for room (mapped with SCDQ sizing " + mapping.scdqBound().label() + "; a larger scdq.capacity or array, or"
                                + " sparser input, is needed)");
                    }
                    throw new IllegalStateException("the array is not done after " + STEP_CYCLES + " cycles: sent "
                            + (sim.peek("sent_o") & 0xFFFF_FFFFL) + ", received " + (sim.peek("recv_o") & 0xFFFF_FFFFL)
                            + ", idle tiles " + Long.toBinaryString(sim.peek("idle_o")) + ", " + rest.length / ow
                            + " host flits not taken");
                default:
                    break;
            }
        }
    }

    /** A run stopped because a tile's SCDQ filled up (the mapping was sized at run, docs/array.md). */
    public static final class ScdqOverflow extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ScdqOverflow(String message) {
            super(message);
        }
    }

    /** Tiles whose SCDQ is full, with their occupancy and the mapping's worst case; empty if none. */
    private String fullScdqs() {
        StringBuilder b = new StringBuilder();
        int cap = mapping.array().tile().scdq().capacity();
        for (int t = 0; t < mapping.tiles(); t++) {
            long occ = mmio(t, TileMap.SCDQ_OCC);
            if (occ >= cap) {
                b.append(b.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                        "tile (%d, %d) holds %d events, its capacity (worst case %d)", t % mapping.array().cols(),
                        t / mapping.array().cols(), occ, mapping.image(t).worstCaseInFlight()));
            }
        }
        return b.toString();
    }

    private Event decode() {
        PacketFormat.Packet p = format.decode(partial);
        PacketFormat.Event e = format.decodeEvent(partial);
        partial.clear();
        packetsOut++;
        if (p.dstX() != ArrayMapping.HOST_X || p.dstY() != ArrayMapping.HOST_Y) {
            throw new IllegalStateException("a packet for (" + p.dstX() + ", " + p.dstY() + ") reached the host");
        }
        int[] pj = mapping.fromHostAxon(e.axon());
        return new Event(pj[0], pj[1], e.value());
    }

    private int[] words(BigInteger flit, boolean last) {
        int[] w = new int[flitWords + 1];
        for (int k = 0; k < flitWords; k++) {
            w[k] = flit.shiftRight(32 * k).intValue();
        }
        w[flitWords] = last ? 1 : 0;
        return w;
    }

    private void checkErrors(String when) {
        if (sim.peek("err_o") != 0) {
            StringBuilder b = new StringBuilder("array error after " + when + ":");
            if (sim.peek("misroute_o") != 0) {
                b.append(" a flit left through an edge port (addressed outside the array);");
            }
            for (int t = 0; t < mapping.tiles(); t++) {
                long s = mmio(t, TileMap.STATUS);
                if ((s & TileMap.STATUS_ERRORS) != 0) {
                    b.append(String.format(" tile %d STATUS 0x%08x;", t, s));
                }
            }
            throw new IllegalStateException(b.toString());
        }
    }

    /** Clock cycles of the last step, from the tick to done. */
    public long stepCycles() {
        return stepCycles;
    }

    /** Clock cycles since the last load's reset. */
    public long cycles() {
        return cycles;
    }

    /** Packets the host sent and received since the last load. */
    public long packetsIn() {
        return packetsIn;
    }

    public long packetsOut() {
        return packetsOut;
    }

    /** The final state of neuron {@code j} of non-input population {@code p}, read over the host port. */
    public long state(int p, int j) {
        int t = mapping.tileOf(p, j);
        TileImage img = mapping.image(t);
        int n = img.npeIndex(p, j);
        int lanes = params.tile().npe().lanes();
        return NpeArith.signed(read(t, TileMap.npe(npeMap.state(n % lanes, n / lanes))), params.tile().npe().stateBits());
    }

    /** The states of population {@code p}, in neuron order. */
    public long[] states(int p) {
        long[] s = new long[mapping.network().populations().get(p).size()];
        for (int j = 0; j < s.length; j++) {
            s[j] = state(p, j);
        }
        return s;
    }

    @Override
    public void close() {
        sim.close();
    }
}
