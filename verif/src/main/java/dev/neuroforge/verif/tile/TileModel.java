package dev.neuroforge.verif.tile;

import static dev.neuroforge.generator.tile.TileMap.*;

import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.Sat;
import dev.neuroforge.verif.core.Bus;
import dev.neuroforge.verif.core.Iss;
import dev.neuroforge.verif.core.Retire;
import dev.neuroforge.verif.npe.NpeArith;
import dev.neuroforge.verif.npe.NpeLoop;
import dev.neuroforge.verif.npe.NpeModel;
import dev.neuroforge.verif.npe.NpeOp;
import dev.neuroforge.verif.scdq.ScdqModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Instruction-accurate model of one core tile (docs/tile.md): the ISS runs the tile firmware
 * against the tile's address map (IMEM, DMEM, MMIO registers, the NPE register bus on an
 * {@link NpeModel}, the SCDQ on a {@link ScdqModel}), with the event-in FIFO and the event-out
 * unit (RTIDX/RTENT) and the fan-out unit (FANTAB; a FANOUT store runs the event's MAC loops at
 * once). Time is counted in instructions: {@code mtime} and the cycle counters
 * advance by one per instruction, NPE loops run to the end on START (so STATUS reads BUSY = 0 and
 * QUEUE_FULL = 0), and the router is a wire: a self-addressed packet goes straight back to the
 * event-in FIFO, every other one is collected as the tile's output.
 *
 * <p>The ISS checks data addresses against the core's own memory map ({@code MemoryMap}), which
 * has neither the tile's MMIO registers past {@code +0x18} nor the NPE window. So word loads and
 * stores into the tile's MMIO and NPE windows are executed here (register file read and written
 * through {@link Iss#reg}/{@link Iss#setReg}, pc + 4); every other instruction runs on the ISS.
 * A trap of the firmware, a data access to IMEM, RTIDX or RTENT, or a sub-word access outside DMEM
 * (all access faults on the tile) stop the model with an exception.
 */
public final class TileModel implements TileRun {
    /** A packet the tile sent to another tile or the host, in the step ({@code step}) it was sent. */
    public record Sent(long step, int x, int y, int axon, int value, int delay) {
    }

    private TileImage image;
    private TileParams shape;
    private NpeModel npe;
    private NpeMap npeMap;
    private ScdqModel scdq;
    private Iss iss;
    private int[] imem;
    private int[] dmem;
    private int[] rtidx;
    private int[] rtent;
    private int[] fantab;
    private final ArrayDeque<PacketFormat.Event> eventIn = new ArrayDeque<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Sent> sentThisStep = new ArrayList<>();

    private long mtime;
    private long mtimecmp = -1L;
    private boolean run;
    private boolean done;
    private boolean tickPending;
    private boolean gate = true;
    private int errors;
    private int updList;
    private int step;
    private int cntSynops;
    private int cntUpdates;
    private int cntEvIn;
    private int cntEvOut;
    private int cntFires;
    private int cntScdqPeak;
    private int cntBusy;
    private int cntNpeBusy;
    private long instructions;
    private long stepInstructions;

    // NPE staging registers (region 0) and flags.
    private int npeOp;
    private int npeCount;
    private int npeBaseS;
    private int npeBaseW;
    private long npeValue;
    private long npeTheta;
    private int npeShift;
    private int npeErr;
    private int npeEventsSeen;

    private final Bus bus = new Bus() {
        @Override
        public int load(int addr, int bytes) {
            return coreLoad(addr, bytes);
        }

        @Override
        public void store(int addr, int bytes, int value) {
            coreStore(addr, bytes, value);
        }

        @Override
        public boolean isMmio(int addr) {
            return inMmio(addr) || inNpe(addr);
        }

        @Override
        public boolean externalIrq() {
            return tickPending;
        }

        @Override
        public boolean timerIrq() {
            return Long.compareUnsigned(mtime, mtimecmp) >= 0;
        }
    };

    /**
     * Resets the tile, writes {@code img} through the host port (IMEM, DMEM, NPE weights over the
     * register bus, RTIDX, RTENT), sets RUN and runs the firmware's boot until it reports DONE.
     */
    public TileModel load(TileImage img) {
        image = img;
        shape = img.shape();
        npe = new NpeModel(shape.npe());
        npeMap = new NpeMap(shape.npe());
        scdq = new ScdqModel(shape.scdq().maxDelay(), shape.scdq().capacity());
        imem = new int[shape.imemWords()];
        dmem = new int[shape.dmemWords()];
        rtidx = new int[shape.npe().lanes() * shape.npe().rfDepth()];
        rtent = new int[shape.routeEntries()];
        fantab = new int[shape.fanoutWords()];
        eventIn.clear();
        sent.clear();
        sentThisStep.clear();
        mtime = 0;
        mtimecmp = -1L;
        run = false;
        done = false;
        tickPending = false;
        gate = true;
        errors = 0;
        updList = 0;
        step = 0;
        clearCounters();
        instructions = 0;
        npeOp = npeCount = npeBaseS = npeBaseW = npeShift = npeErr = npeEventsSeen = 0;
        npeValue = npeTheta = 0;
        img.writeTo((addr, word) -> hostWrite((int) addr, word));
        hostWrite(TileMap.MMIO_BASE + CTRL, CTRL_RUN);
        runUntilIdle(100_000);
        return this;
    }

    @Override
    public TileImage image() {
        return image;
    }

    /** The host raises {@code tick_i}: the next timestep starts (docs/tile.md, "Timestep protocol" 1). */
    public void tick() {
        if (tickPending) {
            errors |= STATUS_TICK_LOST;
        }
        if (!idle()) {
            errors |= STATUS_EARLY_TICK;
        }
        tickPending = true;
        done = false;
        gate = false;
        step++;
        sentThisStep.clear();
        stepInstructions = 0;
    }

    /** A packet arrives from the router's local port (decoded). */
    public void inject(PacketFormat.Event e) {
        eventIn.addLast(e);
        cntEvIn++;
        drain();
    }

    public void inject(List<PacketFormat.Event> events) {
        for (PacketFormat.Event e : events) {
            inject(e);
        }
    }

    /** {@code idle_o}: RUN, DONE, no tick pending, event-in FIFO empty (event-out and NPE are never busy here). */
    public boolean idle() {
        return run && done && !tickPending && eventIn.isEmpty();
    }

    /**
     * Runs the core until the tile is idle; returns the instructions executed.
     *
     * @throws IllegalStateException when it is not idle after {@code maxInstructions}
     */
    public long runUntilIdle(long maxInstructions) {
        long n = 0;
        while (!idle()) {
            if (!run) {
                throw new IllegalStateException("the tile's core is in reset (CTRL.RUN = 0)");
            }
            if (n >= maxInstructions) {
                throw new IllegalStateException("tile not idle after " + n + " instructions (pc " + TileImage.hex(iss.pc())
                        + ", STATUS " + TileImage.hex(status()) + ", event-in FIFO " + eventIn.size() + ", SCDQ occupancy "
                        + scdq.occupancy() + ")");
            }
            execute();
            n++;
        }
        return n;
    }

    /**
     * One timestep as a single-tile harness runs it: tick, the host's packets for {@code inputs}
     * (events of input populations), run until idle, and the fire events the host received in this
     * step as model events, sorted by (population, neuron).
     *
     * @throws IllegalStateException when a sticky error flag of STATUS is set after the step
     */
    public List<Event> step(List<Event> inputs, long maxInstructions) {
        tick();
        for (Event e : inputs) {
            inject(image.hostPackets(e.population(), e.neuron(), e.value()));
        }
        runUntilIdle(maxInstructions);
        if ((status() & 0xFF00) != 0) {
            throw new IllegalStateException("tile error flags after step " + (step - 1) + ": STATUS "
                    + TileImage.hex(status()));
        }
        List<Event> out = new ArrayList<>();
        for (Sent s : sentThisStep) {
            if (s.x() == image.hostX() && s.y() == image.hostY()) {
                int[] pj = image.fromHostAxon(s.axon());
                out.add(new Event(pj[0], pj[1], s.value()));
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Packets sent off the tile since the last tick. */
    public List<Sent> sentThisStep() {
        return List.copyOf(sentThisStep);
    }

    /** Every packet sent off the tile since load. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Instructions executed since load (boot included). */
    public long instructions() {
        return instructions;
    }

    /** Instructions executed since the last tick. */
    public long stepInstructions() {
        return stepInstructions;
    }

    /** The state of neuron {@code j} of population {@code p} (network index). */
    @Override
    public long state(int p, int j) {
        int n = image.npeIndex(p, j);
        return npe.state(n % shape.npe().lanes(), n / shape.npe().lanes());
    }

    public int status() {
        return (tickPending ? STATUS_TICK_PENDING : 0) | (done ? STATUS_DONE : 0) | (run ? STATUS_RUN : 0)
                | (idle() ? STATUS_IDLE : 0) | (gate ? STATUS_GATE_OPEN : 0) | (dueSorted() ? STATUS_SORTED : 0)
                | errors;
    }

    /** STATUS.SORTED: the events due now, in the order they leave the SCDQ, have non-decreasing axons. */
    private boolean dueSorted() {
        int last = 0;
        for (long e : scdq.dueEvents()) {
            int axon = (int) (e & 0xFFFF);
            if (axon < last) {
                return false;
            }
            last = axon;
        }
        return true;
    }

    /** An MMIO register as the host reads it (offset from 0x1000_0000); reading SCDQ_POP pops. */
    public int mmio(int offset) {
        return hostRead(TileMap.MMIO_BASE + offset);
    }

    /** The host port: a word write (IMEM, DMEM, RTIDX, RTENT, MMIO, NPE); anything else is ignored. */
    public void hostWrite(int addr, int value) {
        if ((addr & 3) != 0) {
            return;
        }
        if (inRange(addr, TileMap.IMEM_BASE, 4L * shape.imemWords())) {
            imem[(addr - TileMap.IMEM_BASE) >>> 2] = value;
        } else if (inDmem(addr, 4)) {
            dmem[(addr - TileMap.DMEM_BASE) >>> 2] = value;
        } else if (inRange(addr, TileMap.RTIDX_BASE, 4L * rtidx.length)) {
            rtidx[(addr - TileMap.RTIDX_BASE) >>> 2] = value;
        } else if (inRange(addr, TileMap.RTENT_BASE, 4L * rtent.length)) {
            rtent[(addr - TileMap.RTENT_BASE) >>> 2] = value;
        } else if (inRange(addr, TileMap.FANTAB_BASE, 4L * fantab.length)) {
            fantab[(addr - TileMap.FANTAB_BASE) >>> 2] = value;
        } else if (inMmio(addr)) {
            mmioWrite(addr - TileMap.MMIO_BASE, value, true);
        } else if (inNpe(addr)) {
            npeWrite((addr - TileMap.NPE_BASE) >>> 2, value);
        }
    }

    /** The host port: a word read (DMEM, MMIO, NPE; IMEM, RTIDX, RTENT and anything else read 0). */
    public int hostRead(int addr) {
        if ((addr & 3) != 0) {
            return 0;
        }
        if (inDmem(addr, 4)) {
            return dmem[(addr - TileMap.DMEM_BASE) >>> 2];
        }
        if (inMmio(addr)) {
            Integer v = mmioRead(addr - TileMap.MMIO_BASE);
            return v == null ? 0 : v;
        }
        if (inNpe(addr)) {
            return npeRead((addr - TileMap.NPE_BASE) >>> 2);
        }
        return 0;
    }

    // ---- the core ----

    private void execute() {
        int cause = iss.pendingInterrupt();
        if (cause >= 0) {
            iss.takeInterrupt(cause);
        }
        int pc = iss.pc();
        if ((pc & 3) != 0 || !inRange(pc, TileMap.IMEM_BASE, 4L * shape.imemWords())) {
            throw fault("instruction fetch at " + TileImage.hex(pc) + " outside IMEM");
        }
        int insn = imem[pc >>> 2];
        int opc = insn & 0x7F;
        int f3 = (insn >>> 12) & 7;
        int rs1 = (insn >>> 15) & 31;
        boolean handled = false;
        if (opc == 0x03 || opc == 0x23) {
            int imm = opc == 0x03 ? insn >> 20 : (insn >> 25) << 5 | (insn >>> 7) & 31;
            int addr = iss.reg(rs1) + imm;
            if (inMmio(addr) || inNpe(addr)) {
                if (f3 != 2 || (addr & 3) != 0) {
                    throw fault("sub-word or misaligned access at " + TileImage.hex(addr) + " (pc " + TileImage.hex(pc)
                            + "): the tile's registers are word-only");
                }
                if (opc == 0x03) {
                    int v = coreLoad(addr, 4);
                    iss.setReg((insn >>> 7) & 31, v);
                } else {
                    coreStore(addr, 4, iss.reg((insn >>> 20) & 31));
                }
                iss.setPc(pc + 4);
                handled = true;
            } else if (!inDmem(addr, 1)) {
                throw fault("data access at " + TileImage.hex(addr) + " (pc " + TileImage.hex(pc)
                        + ") outside DMEM, MMIO and the NPE window: an access fault on the tile");
            }
        }
        if (!handled) {
            Retire r = iss.step();
            if (r.trap()) {
                throw fault("the firmware trapped at pc " + TileImage.hex(r.pcRdata()) + " (mcause "
                        + TileImage.hex(iss.csr(0x342)) + ", mtval " + TileImage.hex(iss.csr(0x343)) + ")");
            }
        }
        instructions++;
        stepInstructions++;
        mtime++;
        if (run && !done) {
            cntBusy++;
        }
        drain();
    }

    private IllegalStateException fault(String what) {
        return new IllegalStateException("tile model: " + what);
    }

    private int coreLoad(int addr, int bytes) {
        if (bytes == 4 && inRange(addr, TileMap.IMEM_BASE, 4L * shape.imemWords()) && addr == iss.pc()) {
            return imem[addr >>> 2]; // the ISS fetching
        }
        if (inDmem(addr, bytes)) {
            int w = dmem[(addr - TileMap.DMEM_BASE) >>> 2] >>> (8 * (addr & 3));
            return bytes == 4 ? w : w & ((1 << (8 * bytes)) - 1);
        }
        if (bytes == 4 && inMmio(addr)) {
            Integer v = mmioRead(addr - TileMap.MMIO_BASE);
            if (v == null) {
                throw fault("load from unmapped MMIO register " + TileImage.hex(addr));
            }
            return v;
        }
        if (bytes == 4 && inNpe(addr)) {
            return npeRead((addr - TileMap.NPE_BASE) >>> 2);
        }
        throw fault(bytes + "-byte load from " + TileImage.hex(addr) + ": an access fault on the tile");
    }

    private void coreStore(int addr, int bytes, int value) {
        if (inDmem(addr, bytes)) {
            int i = (addr - TileMap.DMEM_BASE) >>> 2;
            int sh = 8 * (addr & 3);
            int mask = (bytes == 4 ? -1 : (1 << (8 * bytes)) - 1) << sh;
            dmem[i] = dmem[i] & ~mask | (value << sh) & mask;
            return;
        }
        if (bytes == 4 && inMmio(addr)) {
            if (!mmioWrite(addr - TileMap.MMIO_BASE, value, false)) {
                throw fault("store to unmapped MMIO register " + TileImage.hex(addr));
            }
            return;
        }
        if (bytes == 4 && inNpe(addr)) {
            npeWrite((addr - TileMap.NPE_BASE) >>> 2, value);
            return;
        }
        throw fault(bytes + "-byte store to " + TileImage.hex(addr) + ": an access fault on the tile");
    }

    private boolean inDmem(int addr, int bytes) {
        return inRange(addr, TileMap.DMEM_BASE, 4L * shape.dmemWords() - bytes + 1);
    }

    private static boolean inMmio(int addr) {
        return inRange(addr, TileMap.MMIO_BASE, 0x100);
    }

    private boolean inNpe(int addr) {
        return inRange(addr, TileMap.NPE_BASE, 4L << npeMap.addrBits());
    }

    private static boolean inRange(int addr, int base, long size) {
        long o = (addr & 0xFFFF_FFFFL) - base;
        return o >= 0 && o < size;
    }

    // ---- MMIO ----

    private Integer mmioRead(int off) {
        return switch (off) {
            case MTIME_LO -> (int) mtime;
            case MTIME_HI -> (int) (mtime >>> 32);
            case MTIMECMP_LO -> (int) mtimecmp;
            case MTIMECMP_HI -> (int) (mtimecmp >>> 32);
            case CTRL, SCDQ_ADV, FANOUT, UPDATE -> 0;
            case UPDLIST -> updList;
            case STATUS -> status();
            case STEP -> step;
            case COORD -> image.y() << 4 | image.x();
            case SCDQ_DUE -> scdq.dueNow();
            case SCDQ_POP -> pop();
            case SCDQ_OCC -> scdq.occupancy();
            case CNT_SYNOPS -> cntSynops;
            case CNT_UPDATES -> cntUpdates;
            case CNT_EV_IN -> cntEvIn;
            case CNT_EV_OUT -> cntEvOut;
            case CNT_FIRES -> cntFires;
            case CNT_SCDQ_PEAK -> cntScdqPeak;
            case CNT_BUSY -> cntBusy;
            case CNT_NPE_BUSY -> cntNpeBusy;
            default -> null;
        };
    }

    /** Returns false for an offset with no register. Writes to read-only registers are ignored. */
    private boolean mmioWrite(int off, int v, boolean host) {
        switch (off) {
            case MTIMECMP_LO -> mtimecmp = (mtimecmp & 0xFFFF_FFFF_0000_0000L) | (v & 0xFFFF_FFFFL);
            case MTIMECMP_HI -> mtimecmp = (mtimecmp & 0xFFFF_FFFFL) | ((long) v << 32);
            case CTRL -> ctrl(v, host);
            case FANOUT -> fanout(v);
            case UPDATE -> updateList(v);
            case UPDLIST -> updList = v;
            case SCDQ_ADV -> {
                if (!scdq.canAdvance()) {
                    throw fault("SCDQ_ADV with " + scdq.dueNow() + " events still due: the core would wait forever");
                }
                scdq.advance();
            }
            default -> {
                if (mmioRead(off) == null) {
                    return false;
                }
            }
        }
        return true;
    }

    private void ctrl(int v, boolean host) {
        boolean drain = (v & CTRL_DRAIN) != 0 && tickPending;
        if ((v & CTRL_DONE) != 0 && (!tickPending || (v & CTRL_TICK_ACK) != 0 || drain)) {
            done = true; // a DONE written while a tick is pending belongs to the step before it
        }
        if (drain) {
            // the due events in SCDQ order to the fan-out unit, the update list behind them, then
            // the SCDQ advances and the tick is acknowledged
            while (scdq.dueNow() > 0) {
                fanout((int) scdq.pop());
            }
            updateList(updList);
            scdq.advance();
        }
        if ((v & CTRL_TICK_ACK) != 0 || drain) {
            tickPending = false;
            gate = true;
        }
        if (host) {
            boolean r = (v & CTRL_RUN) != 0;
            if (r) {
                done = false;
                if (!run) {
                    iss = new Iss(bus, true);
                    iss.autoInterrupts(false);
                    iss.setPc(image.entry());
                }
            }
            run = r;
        }
        if ((v & CTRL_CLEAR) != 0) {
            errors = 0;
        }
        if ((v & CTRL_CLEAR_COUNTERS) != 0) {
            clearCounters();
        }
    }

    /**
     * The fan-out unit, functionally: the event's value into VALUE, then per segment of its axon
     * (FANTAB) BASE_S, COUNT, BASE_W and START, as the RTL unit writes them (it skips BASE_S and
     * COUNT when they hold the segment's values already, which leaves the same staging registers).
     */
    private void fanout(int w) {
        int axon = w & 0xFFFF;
        if (axon >= fantab.length) {
            throw fault("FANOUT of axon " + axon + " past FANTAB (" + fantab.length + " words)");
        }
        int entry = fantab[axon];
        npeWrite(npeMap.reg(NpeMap.VALUE), w >> 16);
        for (int k = 0, at = entry & 0xFFFF; k < entry >>> 16; k++, at += 2) {
            if (at + 1 >= fantab.length) {
                throw fault("segment of axon " + axon + " at FANTAB word " + at + " past FANTAB");
            }
            int bc = fantab[at];
            npeWrite(npeMap.reg(NpeMap.BASE_S), bc >>> 16);
            npeWrite(npeMap.reg(NpeMap.COUNT), bc);
            npeWrite(npeMap.reg(NpeMap.BASE_W), fantab[at + 1]);
            npeWrite(npeMap.reg(NpeMap.CTRL), NpeMap.CTRL_START);
        }
    }

    /**
     * An update list {@code {count[31:16], first[15:0]}}: per entry the five FANTAB words into OP,
     * COUNT, BASE_S, THETA and SHIFT, then START; then OP back to MAC.
     */
    private void updateList(int w) {
        int count = w >>> 16;
        int first = w & 0xFFFF;
        if (count == 0) {
            return;
        }
        int[] regs = {NpeMap.OP, NpeMap.COUNT, NpeMap.BASE_S, NpeMap.THETA, NpeMap.SHIFT};
        for (int k = 0; k < count; k++) {
            int at = first + UPDATE_ENTRY_WORDS * k;
            if (at + UPDATE_ENTRY_WORDS > fantab.length) {
                throw fault("update-list entry " + k + " at FANTAB word " + at + " past FANTAB");
            }
            for (int r = 0; r < regs.length; r++) {
                npeWrite(npeMap.reg(regs[r]), fantab[at + r]);
            }
            npeWrite(npeMap.reg(NpeMap.CTRL), NpeMap.CTRL_START);
        }
        npeWrite(npeMap.reg(NpeMap.OP), OP_MAC);
    }

    private void clearCounters() {
        cntSynops = cntUpdates = cntEvIn = cntEvOut = cntFires = cntScdqPeak = cntBusy = cntNpeBusy = 0;
    }

    // ---- SCDQ and the event units ----

    private int pop() {
        if (scdq.dueNow() == 0) {
            errors |= STATUS_POP_EMPTY;
            return 0;
        }
        return (int) scdq.pop();
    }

    /** The event-in unit: while the gate is open, FIFO head into the SCDQ (one per cycle on the RTL). */
    private void drain() {
        while (gate && !eventIn.isEmpty() && !scdq.full()) {
            PacketFormat.Event e = eventIn.removeFirst();
            if (e.delay() > shape.scdq().maxDelay()) {
                errors |= STATUS_BAD_DELAY;
                continue;
            }
            scdq.push((e.value() & 0xFFFFL) << 16 | e.axon(), e.delay());
            cntScdqPeak = Math.max(cntScdqPeak, scdq.occupancy());
        }
    }

    /** The event-out unit: new NPE fire events through RTIDX/RTENT into packets. */
    private void eventOut() {
        List<NpeModel.OutEvent> ev = npe.events();
        for (; npeEventsSeen < ev.size(); npeEventsSeen++) {
            NpeModel.OutEvent o = ev.get(npeEventsSeen);
            cntFires++;
            int idx = rtidx[o.index()];
            int count = idx >>> 16;
            int first = idx & 0xFFFF;
            long value = o.value();
            if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
                errors |= STATUS_VALUE_RANGE;
                value = Sat.clamp(value, 16);
            }
            for (int k = first; k < first + count; k++) {
                int e = rtent[k % rtent.length];
                int ex = e & 15;
                int ey = (e >>> 4) & 15;
                int axon = (e >>> 8) & 0xFFFF;
                int delay = e >>> 24;
                cntEvOut++;
                if (ex == image.x() && ey == image.y()) {
                    inject(new PacketFormat.Event(axon, (int) value, delay));
                } else {
                    Sent s = new Sent(step - 1, ex, ey, axon, (int) value, delay);
                    sent.add(s);
                    sentThisStep.add(s);
                }
            }
        }
    }

    // ---- NPE register bus ----

    private int npeRead(int a) {
        int region = a >>> npeMap.offsetBits();
        int off = a & ((1 << npeMap.offsetBits()) - 1);
        if (region == NpeMap.REGION_REGS) {
            return switch (off) {
                case NpeMap.STATUS -> (npe.loopsDone() & 0xFFFF) << 16 | npeErr;
                case NpeMap.OP -> npeOp;
                case NpeMap.COUNT -> npeCount;
                case NpeMap.BASE_S -> npeBaseS;
                case NpeMap.BASE_W -> npeBaseW;
                case NpeMap.VALUE -> (int) npeValue;
                case NpeMap.THETA -> (int) npeTheta;
                case NpeMap.SHIFT -> npeShift;
                default -> 0;
            };
        }
        int lane = off & ((1 << npeMap.laneBits()) - 1);
        int index = off >>> npeMap.laneBits();
        if (lane >= shape.npe().lanes()) {
            return 0;
        }
        return switch (region) {
            case NpeMap.REGION_STATE -> index < shape.npe().rfDepth() ? (int) npe.state(lane, index) : 0;
            case NpeMap.REGION_OPREV -> index < shape.npe().rfDepth() ? (int) npe.oprev(lane, index) : 0;
            default -> index < shape.npe().memDepth() ? (int) npe.mem(lane, index) : 0;
        };
    }

    private void npeWrite(int a, int v) {
        int region = a >>> npeMap.offsetBits();
        int off = a & ((1 << npeMap.offsetBits()) - 1);
        if (region == NpeMap.REGION_REGS) {
            switch (off) {
                case NpeMap.CTRL -> {
                    if ((v & NpeMap.CTRL_CLEAR) != 0) {
                        npeErr = 0;
                    }
                    if ((v & NpeMap.CTRL_START) != 0) {
                        start();
                    }
                }
                case NpeMap.OP -> npeOp = v & 0xF;
                case NpeMap.COUNT -> npeCount = v & 0xFFFF;
                case NpeMap.BASE_S -> {
                    if (Integer.compareUnsigned(v, shape.npe().rfDepth()) < 0) {
                        npeBaseS = v;
                    } else {
                        npeErr |= NpeMap.STATUS_ERR_RANGE;
                    }
                }
                case NpeMap.BASE_W -> {
                    if (Integer.compareUnsigned(v, shape.npe().memDepth()) < 0) {
                        npeBaseW = v;
                    } else {
                        npeErr |= NpeMap.STATUS_ERR_RANGE;
                    }
                }
                case NpeMap.VALUE -> npeValue = NpeArith.signed(v, shape.npe().valueBits());
                case NpeMap.THETA -> npeTheta = NpeArith.signed(v, shape.npe().stateBits());
                case NpeMap.SHIFT -> npeShift = v & 0x1F1F;
                default -> {
                }
            }
            return;
        }
        int lane = off & ((1 << npeMap.laneBits()) - 1);
        int index = off >>> npeMap.laneBits();
        if (lane >= shape.npe().lanes()) {
            return;
        }
        switch (region) {
            case NpeMap.REGION_STATE -> {
                if (index < shape.npe().rfDepth()) {
                    npe.setState(lane, index, v);
                }
            }
            case NpeMap.REGION_OPREV -> {
                if (index < shape.npe().rfDepth()) {
                    npe.setOprev(lane, index, v);
                }
            }
            default -> {
                if (index < shape.npe().memDepth()) {
                    npe.setMem(lane, index, v);
                }
            }
        }
    }

    private void start() {
        NpeOp op = NpeOp.values()[npeOp & 7];
        NpeLoop loop = new NpeLoop(op, (npeOp & 8) != 0, npeCount, npeBaseS, npeBaseW, npeValue, npeTheta,
                npeShift & 31, (npeShift >>> 8) & 31);
        npe.run(loop);
        if (op == NpeOp.MAC || op == NpeOp.ACC) {
            cntSynops += npeCount;
        } else if (op.emits()) {
            cntUpdates += npeCount;
        }
        cntNpeBusy += (npeCount + shape.npe().lanes() - 1) / shape.npe().lanes();
        eventOut();
    }
}
