package dev.neuroforge.verif.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.tile.TileBuilder;
import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Waves;
import dev.neuroforge.verif.npe.NpeArith;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Directed smoke tests of the Verilated tile at (1, 0), driven through its host port, tick input
 * and west mesh port: host access to DMEM and the MMIO registers, a hand-assembled program that
 * stores to DMEM (words and bytes), reads COORD and writes CTRL.DONE, the timestep handshake, an
 * event packet taken by the event-in unit into the SCDQ and popped after its delay, a delay above D
 * dropped with BAD_DELAY, and a FIRE loop whose event leaves through the event-out unit as packets
 * to (0, 0) on the west port; the core's side of the SCDQ (an interrupt handler that pops the
 * due events and advances, SCDQ_POP waiting for an advance, SCDQ_ADV waiting for the pops), access
 * faults, and the 16-bit clamp of a sigma-delta value. Run with the default tile (32-bit flits, 2
 * per event), the small one (16-bit flits, 4 per event), the wide one (64-bit flits, 1 per
 * event, 32-bit states) and an odd one (24-bit flits, 3 per event); the fan-out unit driven from
 * the host port (FANTAB, FANOUT, FANOUT_BUSY, CNT_SYNOPS).
 */
class TileSmokeTest {
    private static final int X = 1;
    private static final int Y = 0;
    private SimModel sim;
    private TileParams p;
    private long retired;

    static Stream<TileParams> tiles() {
        return Stream.of(TileParams.defaults(), TileConfigs.small(), TileConfigs.wide(), TileConfigs.odd());
    }

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    private void load(TileParams params, String name) {
        p = params;
        sim = RtlModels.load(TileBuilder.build(p));
        Waves.maybeTrace(sim, "TileSmokeTest_" + name + "_f" + p.router().flitWidth());
        for (String d : List.of("n", "e", "s", "w")) {
            sim.poke(d + "_in_valid_i", 0);
            sim.poke(d + "_in_data_i", 0);
            sim.poke(d + "_in_last_i", 0);
            sim.poke(d + "_out_ready_i", 1);
        }
        sim.poke("x_i", X);
        sim.poke("y_i", Y);
        sim.poke("host_req_i", 0);
        sim.poke("host_we_i", 0);
        sim.poke("host_addr_i", 0);
        sim.poke("host_wdata_i", 0);
        sim.poke("tick_i", 0);
        sim.reset(2);
    }

    // ------------------------------------------------------------ host port, clock

    private void step() {
        sim.step(1);
        if (sim.peek("rvfi_valid_o") != 0) {
            retired++;
        }
    }

    private void step(int n) {
        for (int i = 0; i < n; i++) {
            step();
        }
    }

    private void write(long addr, long data) {
        sim.poke("host_req_i", 1);
        sim.poke("host_we_i", 1);
        sim.poke("host_addr_i", addr);
        sim.poke("host_wdata_i", data & 0xFFFFFFFFL);
        step();
        sim.poke("host_req_i", 0);
        sim.poke("host_we_i", 0);
    }

    private long read(long addr) {
        sim.poke("host_req_i", 1);
        sim.poke("host_we_i", 0);
        sim.poke("host_addr_i", addr);
        step();
        sim.poke("host_req_i", 0);
        return sim.peek("host_rdata_o") & 0xFFFFFFFFL;
    }

    private long mmio(int off) {
        return read(TileMap.mmio(off));
    }

    private void tick() {
        sim.poke("tick_i", 1);
        step();
        sim.poke("tick_i", 0);
    }

    private boolean waitFor(java.util.function.BooleanSupplier c, int cycles) {
        for (int i = 0; i < cycles; i++) {
            if (c.getAsBoolean()) {
                return true;
            }
            step();
        }
        return c.getAsBoolean();
    }

    private void sendWest(List<BigInteger> flits) {
        for (int i = 0; i < flits.size(); i++) {
            sim.poke("w_in_valid_i", 1);
            sim.poke("w_in_data_i", flits.get(i).longValue());
            sim.poke("w_in_last_i", i == flits.size() - 1 ? 1 : 0);
            assertTrue(waitFor(() -> sim.peek("w_in_ready_o") != 0, 100), "router takes flit " + i);
            step();
        }
        sim.poke("w_in_valid_i", 0);
        sim.poke("w_in_last_i", 0);
    }

    /** Every packet leaving on the west port within {@code cycles}, flits in order. */
    private List<List<BigInteger>> collectWest(int cycles) {
        List<List<BigInteger>> packets = new ArrayList<>();
        List<BigInteger> cur = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            if (sim.peek("w_out_valid_o") != 0) {
                cur.add(BigInteger.valueOf(sim.peek("w_out_data_o")).and(mask(p.router().flitWidth())));
                if (sim.peek("w_out_last_o") != 0) {
                    packets.add(cur);
                    cur = new ArrayList<>();
                }
            }
            step();
        }
        assertTrue(cur.isEmpty(), "no packet left half sent");
        return packets;
    }

    private static BigInteger mask(int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    // ------------------------------------------------------------ a few RV32I encodings

    private static int lui(int rd, int imm20) {
        return imm20 << 12 | rd << 7 | 0x37;
    }

    private static int addi(int rd, int rs1, int imm) {
        return (imm & 0xFFF) << 20 | rs1 << 15 | rd << 7 | 0x13;
    }

    private static int store(int f3, int rs2, int rs1, int imm) {
        return (imm >> 5 & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 0x1F) << 7 | 0x23;
    }

    private static int lw(int rd, int rs1, int imm) {
        return (imm & 0xFFF) << 20 | rs1 << 15 | 2 << 12 | rd << 7 | 0x03;
    }

    private static int branch(int f3, int rs1, int rs2, int imm) {
        return (imm >> 12 & 1) << 31 | (imm >> 5 & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12
                | (imm >> 1 & 0xF) << 8 | (imm >> 11 & 1) << 7 | 0x63;
    }

    private static int csr(int f3, int rd, int csr, int rs1) {
        return csr << 20 | rs1 << 15 | f3 << 12 | rd << 7 | 0x73;
    }

    private static int slli(int rd, int rs1, int sh) {
        return sh << 20 | rs1 << 15 | 1 << 12 | rd << 7 | 0x13;
    }

    private static final int LOOP = 0x0000006F; // jal x0, 0
    private static final int MRET = 0x30200073;
    private static final int MTVEC = 0x305;
    private static final int MIE = 0x304;
    private static final int MSTATUS = 0x300;
    private static final int MCAUSE = 0x342;
    private static final int MEPC = 0x341;

    /** Places {@code words} from IMEM word {@code at}. */
    private void loadAt(int at, int... words) {
        for (int i = 0; i < words.length; i++) {
            write(TileMap.imem(at + i), words[i] & 0xFFFFFFFFL);
        }
    }

    private void loadProgram(int... words) {
        for (int i = 0; i < words.length; i++) {
            write(TileMap.imem(i), words[i] & 0xFFFFFFFFL);
        }
    }

    /** Stores 0x5a to DMEM word 0 and byte 5, COORD to word 2, then writes CTRL.DONE and loops. */
    private void runDoneProgram() {
        loadProgram(
                lui(1, 0x10000),                          // x1 = MMIO base
                lui(3, 0x10),                             // x3 = DMEM base
                addi(4, 0, 0x5a),
                store(2, 4, 3, 0),                        // sw x4, 0(x3)
                store(0, 4, 3, 5),                        // sb x4, 5(x3)
                lw(5, 1, TileMap.COORD),
                store(2, 5, 3, 8),                        // sw x5, 8(x3)
                addi(2, 0, TileMap.CTRL_DONE),
                store(2, 2, 1, TileMap.CTRL),             // CTRL.DONE
                LOOP);
        write(TileMap.dmem(1), 0x11223344L);
        step(20);
        assertEquals(0, retired, "the core is held in reset while RUN = 0");
        write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN);
        assertTrue(waitFor(() -> sim.peek("idle_o") != 0, 500), "idle_o rises after the program writes DONE");
        assertTrue(retired >= 9, "the program retired its instructions: " + retired);
    }

    // ------------------------------------------------------------ tests

    /**
     * The fan-out unit on its own (core in reset): FANTAB and the NPE written by the host, two
     * events handed over with FANOUT stores; the unit runs the axons' MAC loops (two segments, then
     * one with the same {base_s, count} as the last), FANOUT_BUSY is set until it is done and
     * CNT_SYNOPS counts every loop it started.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void theFanOutUnitRunsEachSegmentOfAnAxonAsAMacLoop(TileParams params) {
        load(params, "fanout");
        NpeMap map = new NpeMap(p.npe());
        write(TileMap.npe(map.mem(0, 0)), 5);
        write(TileMap.npe(map.mem(0, 1)), -7);
        write(TileMap.npe(map.reg(NpeMap.OP)), TileMap.OP_MAC);
        int[] fantab = {TileMap.axonWord(2, 2), TileMap.axonWord(1, 6), 0 << 16 | 1, 0, 1 << 16 | 1, 1, 1 << 16 | 1, 0};
        for (int i = 0; i < fantab.length; i++) {
            write(TileMap.fantab(i), fantab[i]);
        }
        assertEquals(0, read(TileMap.fantab(0)), "host reads of FANTAB return 0");
        assertEquals(0, mmio(TileMap.STATUS) & TileMap.STATUS_FANOUT_BUSY, "idle before the first event");
        write(TileMap.mmio(TileMap.FANOUT), 3 << 16 | 0);      // value 3 to axon 0
        write(TileMap.mmio(TileMap.FANOUT), (-2 & 0xFFFF) << 16 | 1); // value -2 to axon 1
        assertTrue((mmio(TileMap.STATUS) & TileMap.STATUS_FANOUT_BUSY) != 0, "FANOUT_BUSY while events are queued");
        assertTrue(waitFor(() -> (mmio(TileMap.STATUS) & TileMap.STATUS_FANOUT_BUSY) == 0, 200), "fan-out done");
        assertTrue(waitFor(() -> (read(TileMap.npe(map.reg(NpeMap.STATUS))) & 1) == 0, 200), "NPE idle");
        // axon 0: row 0 += 3 x w0, row 1 += 3 x w1; axon 1: row 1 += -2 x w0
        assertEquals(15, read(TileMap.npe(map.state(0, 0))), "row 0");
        assertEquals(-21 - 10, (int) NpeArith.signed(read(TileMap.npe(map.state(0, 1))), p.npe().stateBits()), "row 1");
        assertEquals(3, mmio(TileMap.CNT_SYNOPS), "three MAC loops of one target");
        assertEquals(0, read(TileMap.npe(map.reg(NpeMap.STATUS))) & 0x1C, "no NPE error (no START dropped)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void hostPortReachesDmemAndTheRegistersAndTheTileStartsStopped(TileParams params) {
        load(params, "host");
        assertEquals(TileMap.STATUS_GATE_OPEN | TileMap.STATUS_SORTED, mmio(TileMap.STATUS),
                "after reset: RUN, DONE, IDLE, TICK_PENDING 0, gate open, SCDQ step empty (sorted)");
        assertEquals(0, sim.peek("idle_o"));
        assertEquals(0, sim.peek("err_o"));
        assertEquals(Y << 4 | X, mmio(TileMap.COORD));
        assertEquals(0xFFFFFFFFL, mmio(TileMap.MTIMECMP_LO));
        assertEquals(0xFFFFFFFFL, mmio(TileMap.MTIMECMP_HI));
        write(TileMap.mmio(TileMap.MTIMECMP_LO), 0x1234);
        assertEquals(0x1234, mmio(TileMap.MTIMECMP_LO));
        long t0 = mmio(TileMap.MTIME_LO);
        step(10);
        long t1 = mmio(TileMap.MTIME_LO);
        assertEquals(11, t1 - t0, "mtime counts cycles (10 steps + the read)");
        int last = p.dmemWords() - 1;
        write(TileMap.dmem(0), 0xDEADBEEFL);
        write(TileMap.dmem(last), 0x01020304L);
        write(TileMap.dmem(7), 0xCAFEF00DL);
        assertEquals(0xDEADBEEFL, read(TileMap.dmem(0)));
        assertEquals(0x01020304L, read(TileMap.dmem(last)));
        long v = read(TileMap.dmem(7));
        step(5);
        assertEquals(0xCAFEF00DL, v);
        assertEquals(0xCAFEF00DL, sim.peek("host_rdata_o") & 0xFFFFFFFFL, "the read word stays until the next read");
        write(TileMap.imem(3), 0x12345678L);
        assertEquals(0, read(TileMap.imem(3)), "IMEM reads return 0 on the host port");
        assertEquals(0, read(0x3000_0000L), "unmapped: reads 0");
        assertEquals(0, read(TileMap.dmem(p.dmemWords())), "past DMEM: reads 0");
        assertEquals(0, mmio(TileMap.SCDQ_OCC));
        assertEquals(0, mmio(TileMap.STEP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void aProgramStoresToDmemWritesDoneAndTheTileGoesIdle(TileParams params) {
        load(params, "program");
        runDoneProgram();
        assertEquals(0x5a, read(TileMap.dmem(0)), "sw");
        assertEquals(0x11225a44L, read(TileMap.dmem(1)), "sb into byte 5 only");
        assertEquals(Y << 4 | X, read(TileMap.dmem(2)), "COORD read by the core");
        long st = mmio(TileMap.STATUS);
        assertEquals(TileMap.STATUS_RUN | TileMap.STATUS_DONE | TileMap.STATUS_IDLE | TileMap.STATUS_GATE_OPEN
                | TileMap.STATUS_SORTED, st, "STATUS 0x" + Long.toHexString(st));
        long busy = mmio(TileMap.CNT_BUSY);
        assertTrue(busy > 9 && busy < 500, "CNT_BUSY counted the cycles before DONE: " + busy);
        // A tick: pending, DONE cleared, gate closed, STEP + 1; the idle tile takes it without error.
        tick();
        assertEquals(0, sim.peek("idle_o"));
        st = mmio(TileMap.STATUS);
        assertEquals(TileMap.STATUS_RUN | TileMap.STATUS_TICK_PENDING | TileMap.STATUS_SORTED, st,
                "STATUS 0x" + Long.toHexString(st));
        assertEquals(1, mmio(TileMap.STEP));
        tick();
        assertEquals(TileMap.STATUS_TICK_LOST | TileMap.STATUS_EARLY_TICK,
                mmio(TileMap.STATUS) & TileMap.STATUS_ERRORS, "a second tick is lost and early");
        assertEquals(1, sim.peek("err_o"));
        write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN | TileMap.CTRL_CLEAR | TileMap.CTRL_TICK_ACK
                | TileMap.CTRL_DONE);
        assertEquals(0, sim.peek("err_o"), "CLEAR");
        assertEquals(1, sim.peek("idle_o"), "TICK_ACK and DONE from the host: idle again");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void anEventPacketIsQueuedInTheScdqAndPoppedAfterItsDelay(TileParams params) {
        load(params, "evin");
        runDoneProgram();
        tick();
        assertEquals(0, mmio(TileMap.STATUS) & TileMap.STATUS_GATE_OPEN, "gate closed by the tick");
        PacketFormat fmt = new PacketFormat(p.router().flitWidth());
        List<BigInteger> flits = fmt.encodeEvent(X, Y, new PacketFormat.Event(7, -3, 2));
        assertEquals(p.eventFlits(), flits.size());
        sendWest(flits);
        assertTrue(waitFor(() -> sim.peek("ev_recv_o") == 1, 50), "event-in took the packet");
        step(10);
        assertEquals(0, mmio(TileMap.SCDQ_OCC), "gate closed: the event waits in the FIFO");
        write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN | TileMap.CTRL_TICK_ACK);
        step(3);
        assertEquals(1, mmio(TileMap.SCDQ_OCC), "pushed once the gate opens");
        assertEquals(1, mmio(TileMap.CNT_EV_IN));
        assertEquals(0, mmio(TileMap.SCDQ_DUE), "delay 2: not due yet");
        // A delay above D is dropped and reported (D = 255 takes every delay tag).
        if (p.scdq().maxDelay() < 255) {
            sendWest(fmt.encodeEvent(X, Y, new PacketFormat.Event(8, 1, p.scdq().maxDelay() + 1)));
            assertTrue(waitFor(() -> sim.peek("ev_recv_o") == 2, 50), "event-in took the second packet");
            step(5);
            assertEquals(1, mmio(TileMap.SCDQ_OCC), "the bad event was not queued");
            assertEquals(TileMap.STATUS_BAD_DELAY, mmio(TileMap.STATUS) & TileMap.STATUS_ERRORS);
            assertEquals(1, sim.peek("err_o"));
        }
        // Two advances (host writes to SCDQ_ADV) make it due; the pop returns {value, axon}.
        write(TileMap.mmio(TileMap.SCDQ_ADV), 0);
        step(3);
        write(TileMap.mmio(TileMap.SCDQ_ADV), 0);
        step(3);
        assertEquals(1, mmio(TileMap.SCDQ_DUE), "due after two steps");
        assertEquals(0xFFFD0007L, mmio(TileMap.SCDQ_POP), "{value -3, axon 7}");
        assertEquals(0, mmio(TileMap.SCDQ_OCC));
        assertEquals(1, mmio(TileMap.CNT_SCDQ_PEAK));
        assertEquals(0, mmio(TileMap.STATUS) & TileMap.STATUS_POP_EMPTY);
        assertEquals(0, mmio(TileMap.SCDQ_POP), "nothing due: 0");
        assertTrue((mmio(TileMap.STATUS) & TileMap.STATUS_POP_EMPTY) != 0, "POP_EMPTY");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void aFireEventLeavesAsOnePacketPerRoutingEntry(TileParams params) {
        load(params, "evout");
        NpeMap map = new NpeMap(p.npe());
        int lanes = p.npe().lanes();
        int lane = 1;
        int row = 1;
        int neuron = row * lanes + lane;
        write(TileMap.rtidx(neuron), TileMap.rtidxWord(3, 2));
        write(TileMap.rtent(3), TileMap.rtentWord(0, 0, 9, 1));
        write(TileMap.rtent(4), TileMap.rtentWord(0, 0, 0x1234, 7));
        write(TileMap.npe(map.state(lane, row)), 10);
        assertEquals(10, read(TileMap.npe(map.state(lane, row))), "NPE state over the host port");
        write(TileMap.npe(map.reg(NpeMap.THETA)), 5);
        write(TileMap.npe(map.reg(NpeMap.OP)), TileMap.OP_FIRE);
        write(TileMap.npe(map.reg(NpeMap.COUNT)), lanes);
        write(TileMap.npe(map.reg(NpeMap.BASE_S)), row);
        write(TileMap.npe(map.reg(NpeMap.CTRL)), NpeMap.CTRL_START);
        List<List<BigInteger>> packets = collectWest(100);
        assertEquals(2, packets.size(), "two routing entries: two packets");
        PacketFormat fmt = new PacketFormat(p.router().flitWidth());
        List<PacketFormat.Event> expect = List.of(new PacketFormat.Event(9, 1, 1), new PacketFormat.Event(0x1234, 1, 7));
        for (int i = 0; i < 2; i++) {
            List<BigInteger> f = packets.get(i);
            assertEquals(p.eventFlits(), f.size(), "flits of packet " + i);
            assertEquals(0, PacketFormat.dstX(f.get(0)));
            assertEquals(0, PacketFormat.dstY(f.get(0)));
            assertEquals(expect.get(i), fmt.decodeEvent(f), "packet " + i);
        }
        assertEquals(2, sim.peek("ev_sent_o"));
        assertEquals(2, mmio(TileMap.CNT_EV_OUT));
        assertEquals(1, mmio(TileMap.CNT_FIRES));
        assertEquals(lanes, mmio(TileMap.CNT_UPDATES), "COUNT of the FIRE loop");
        assertEquals(0, mmio(TileMap.CNT_SYNOPS));
        assertEquals(0, read(TileMap.npe(map.state(lane, row))), "fired: reset to 0");
        // A neuron with no routing entry (count 0) sends nothing.
        write(TileMap.rtidx(neuron + 1), TileMap.rtidxWord(5, 0));
        write(TileMap.npe(map.state(lane + 1, row)), 6);
        write(TileMap.npe(map.reg(NpeMap.CTRL)), NpeMap.CTRL_START);
        assertEquals(0, collectWest(60).size());
        assertEquals(2, mmio(TileMap.CNT_FIRES), "the second fire was counted");
        assertEquals(2, sim.peek("ev_sent_o"));
        assertEquals(0, sim.peek("err_o"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void anInterruptHandlerPopsTheDueEventsAdvancesAndAcknowledgesTheTick(TileParams params) {
        load(params, "irq");
        // main: mtvec = 0x80, mie.MEIE, mstatus.MIE, DONE, loop
        loadProgram(
                lui(1, 0x10000),
                lui(3, 0x10),
                addi(5, 0, 0x80),
                csr(1, 0, MTVEC, 5),
                addi(5, 0, 1),
                slli(5, 5, 11),
                csr(2, 0, MIE, 5),
                addi(5, 0, 8),
                csr(2, 0, MSTATUS, 5),
                addi(2, 0, TileMap.CTRL_DONE),
                store(2, 2, 1, TileMap.CTRL),
                LOOP);
        // handler at 0x80: for each due event: DMEM[x3++] = pop; then ADV, TICK_ACK | DONE, mret
        loadAt(0x20,
                lw(6, 1, TileMap.SCDQ_DUE),               // 0x80
                branch(0, 6, 0, 24),                      // 0x84 beq x6, x0, adv (0x9c)
                lw(7, 1, TileMap.SCDQ_POP),               // 0x88 pop:
                store(2, 7, 3, 0),                        // 0x8c
                addi(3, 3, 4),                            // 0x90
                addi(6, 6, -1),                           // 0x94
                branch(1, 6, 0, -16),                     // 0x98 bne x6, x0, pop
                store(2, 0, 1, TileMap.SCDQ_ADV),         // 0x9c adv:
                addi(2, 0, TileMap.CTRL_TICK_ACK | TileMap.CTRL_DONE),
                store(2, 2, 1, TileMap.CTRL),
                MRET);
        write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN);
        assertTrue(waitFor(() -> sim.peek("idle_o") != 0, 500), "idle after setting up");
        PacketFormat fmt = new PacketFormat(p.router().flitWidth());
        // Gate open before the first tick: pushed at step 0.
        sendWest(fmt.encodeEvent(X, Y, new PacketFormat.Event(1, 10, 0)));
        sendWest(fmt.encodeEvent(X, Y, new PacketFormat.Event(2, 20, 1)));
        sendWest(fmt.encodeEvent(X, Y, new PacketFormat.Event(3, 30, 0)));
        assertTrue(waitFor(() -> sim.peek("ev_recv_o") == 3 && sim.peek("idle_o") != 0, 100), "three packets in");
        tick();
        assertTrue(waitFor(() -> sim.peek("idle_o") != 0, 1000), "the handler ran and the tile is idle again");
        assertTrue(sim.peek("irq_taken_o") == 0);
        assertEquals(10L << 16 | 1, read(TileMap.dmem(0)), "first due event, in push order");
        assertEquals(30L << 16 | 3, read(TileMap.dmem(1)), "second due event");
        assertEquals(1, mmio(TileMap.SCDQ_OCC), "the delay-1 event waits");
        assertEquals(0, mmio(TileMap.STATUS) & TileMap.STATUS_ERRORS);
        tick();
        assertTrue(waitFor(() -> sim.peek("idle_o") != 0, 1000), "second step done");
        assertEquals(20L << 16 | 2, read(TileMap.dmem(2)), "the delay-1 event one step later");
        assertEquals(0, mmio(TileMap.SCDQ_OCC));
        assertEquals(2, mmio(TileMap.STEP));
        assertEquals(0, mmio(TileMap.STATUS) & TileMap.STATUS_ERRORS, "no tick lost or early, no empty pop");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void theCoreWaitsOnScdqPopUntilTheEventIsPresentedAndOnScdqAdvUntilItIsPopped(TileParams params) {
        load(params, "waits");
        PacketFormat fmt = new PacketFormat(p.router().flitWidth());
        sendWest(fmt.encodeEvent(X, Y, new PacketFormat.Event(5, 55, 1)));
        sendWest(fmt.encodeEvent(X, Y, new PacketFormat.Event(6, 66, 2)));
        assertTrue(waitFor(() -> sim.peek("ev_recv_o") == 2, 100));
        step(5);
        loadProgram(
                lui(1, 0x10000),
                lui(3, 0x10),
                store(2, 0, 1, TileMap.SCDQ_ADV),         // step 1: event 5 due
                lw(7, 1, TileMap.SCDQ_POP),               // right after the advance: waits for it
                store(2, 7, 3, 0),
                store(2, 0, 1, TileMap.SCDQ_ADV),         // step 2: event 6 due
                store(2, 0, 1, TileMap.SCDQ_ADV),         // waits until the host pops event 6
                lw(8, 1, TileMap.SCDQ_DUE),
                store(2, 8, 3, 4),
                addi(2, 0, TileMap.CTRL_DONE),
                store(2, 2, 1, TileMap.CTRL),
                LOOP);
        write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN);
        step(200);
        assertEquals(0, sim.peek("idle_o"), "stalled on the second SCDQ_ADV");
        assertEquals(55L << 16 | 5, read(TileMap.dmem(0)), "the pop waited for the event instead of reading 0");
        assertEquals(0, mmio(TileMap.STATUS) & TileMap.STATUS_POP_EMPTY);
        assertEquals(66L << 16 | 6, mmio(TileMap.SCDQ_POP), "the host pops");
        assertTrue(waitFor(() -> sim.peek("idle_o") != 0, 200), "the advance went through");
        assertEquals(0, read(TileMap.dmem(1)), "step 3 has nothing due");
        assertEquals(0, mmio(TileMap.SCDQ_OCC));
        assertEquals(0, mmio(TileMap.STATUS) & TileMap.STATUS_ERRORS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void accessesOutsideWhatTheCoreMayTouchTrapWithAnAccessFault(TileParams params) {
        load(params, "faults");
        loadProgram(
                lui(1, 0x10000),
                lui(3, 0x10),
                addi(5, 0, 0x80),
                csr(1, 0, MTVEC, 5),
                lui(6, 0x40),                             // RTIDX base
                lw(7, 6, 0),                              // 0x14: load access fault (5)
                store(0, 7, 1, TileMap.CTRL),             // 0x18: byte store to MMIO: store access fault (7)
                lui(6, 0x30000),
                lw(7, 6, 0),                              // 0x20: unmapped: load access fault
                lw(7, 0, 0),                              // 0x24: IMEM on the data port: load access fault
                addi(2, 0, TileMap.CTRL_DONE),
                store(2, 2, 1, TileMap.CTRL),
                LOOP);
        // handler: DMEM[x3++] = mcause, DMEM[x3++] = mepc; mepc += 4; mret
        loadAt(0x20,
                csr(2, 8, MCAUSE, 0),
                store(2, 8, 3, 0),
                csr(2, 9, MEPC, 0),
                store(2, 9, 3, 4),
                addi(3, 3, 8),
                addi(9, 9, 4),
                csr(1, 0, MEPC, 9),
                MRET);
        write(TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN);
        assertTrue(waitFor(() -> sim.peek("idle_o") != 0, 1000), "the program ran to DONE");
        long[][] expect = {{5, 0x14}, {7, 0x18}, {5, 0x20}, {5, 0x24}};
        for (int i = 0; i < expect.length; i++) {
            assertEquals(expect[i][0], read(TileMap.dmem(2 * i)), "mcause of fault " + i);
            assertEquals(expect[i][1], read(TileMap.dmem(2 * i + 1)), "mepc of fault " + i);
        }
        assertEquals(0, read(TileMap.dmem(8)), "no fifth trap");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void aSigmaDeltaValueWiderThanSixteenBitsIsSentClampedAndFlagged(TileParams params) {
        assumeTrue(params.npe().stateBits() > 16, "needs states wider than the packet's 16-bit value");
        load(params, "clamp");
        NpeMap map = new NpeMap(p.npe());
        write(TileMap.rtidx(0), TileMap.rtidxWord(0, 1));
        write(TileMap.rtent(0), TileMap.rtentWord(0, 0, 4, 0));
        write(TileMap.npe(map.state(0, 0)), 100_000);
        write(TileMap.npe(map.reg(NpeMap.OP)), TileMap.OP_SD);
        write(TileMap.npe(map.reg(NpeMap.SHIFT)), 0);
        write(TileMap.npe(map.reg(NpeMap.COUNT)), 1);
        write(TileMap.npe(map.reg(NpeMap.BASE_S)), 0);
        write(TileMap.npe(map.reg(NpeMap.CTRL)), NpeMap.CTRL_START);
        List<List<BigInteger>> packets = collectWest(60);
        assertEquals(1, packets.size());
        PacketFormat fmt = new PacketFormat(p.router().flitWidth());
        assertEquals(new PacketFormat.Event(4, Short.MAX_VALUE, 0), fmt.decodeEvent(packets.get(0)));
        assertEquals(TileMap.STATUS_VALUE_RANGE, mmio(TileMap.STATUS) & TileMap.STATUS_ERRORS);
        assertEquals(1, sim.peek("err_o"));
        assertEquals(1, mmio(TileMap.CNT_UPDATES));
    }
}
