package dev.neuroforge.verif.npe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.npe.NpeBuilder;
import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Waves;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Directed cases on an 8-lane cluster (8-bit weights, 16-bit states, 16 rows, 32 words), with the
 * expected numbers worked by hand: saturation at both ends, threshold exactly met, both reset
 * modes, leak before threshold, sigma-delta changes, zero-length loops, loops that wrap the
 * register file and the memory, store then load, a stalled event consumer and the error flags.
 * The harness checks every event against the golden model as well.
 */
class NpeDirectedTest {
    private static final NpeParams P = new NpeParams(8, 8, 16, 8, 16, 32);
    private SimModel sim;
    private NpeHarness h;
    private NpeMap map;
    private String wave;

    @BeforeEach
    void load(TestInfo info) {
        sim = RtlModels.load(NpeBuilder.build(P));
        wave = "NpeDirectedTest_" + info.getTestMethod().orElseThrow().getName();
        Waves.maybeTrace(sim, wave);
        h = new NpeHarness(sim, P);
        map = h.map();
        h.reset();
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private long state(int lane, int row) {
        return NpeArith.signed(h.read(map.state(lane, row)), 32);
    }

    private void runAndCheck(NpeLoop... loops) {
        for (NpeLoop d : loops) {
            h.submit(d);
        }
        assertTrue(h.drain(100_000), "cluster went idle");
        h.checkStatus();
        h.checkMemories();
        assertTrue(h.errors().isEmpty(), String.join("\n", h.errors()) + "\n" + Waves.where(sim, wave));
    }

    @Test
    void macSaturatesAtTheTopAndTheBottomOfTheState() {
        h.loadState(0, 0, 32700);
        h.loadState(1, 0, -32700);
        h.loadState(2, 0, 5);
        h.loadWeight(0, 0, 127);
        h.loadWeight(1, 0, -128);
        h.loadWeight(2, 0, -3);
        runAndCheck(NpeLoop.fanOut(3, 0, 0, 127));
        assertEquals(32767, state(0, 0), "32700 + 127 * 127 clamps to the top");
        assertEquals(-32768, state(1, 0), "-32700 - 128 * 127 clamps to the bottom");
        assertEquals(5 - 3 * 127, state(2, 0), "in range: exact");
        assertEquals(0, state(3, 0), "lane 3 is past the count: untouched");
        runAndCheck(NpeLoop.fanOut(2, 0, 0, -128));
        assertEquals(32767 - 128 * 127, state(0, 0));
        assertEquals(-32768 + 128 * 128, state(1, 0), "from the bottom back up");
    }

    @Test
    void aNeuronFiresWhenItsStateMeetsTheThresholdExactly() {
        long[] v = {100, 99, 101, -5, 150, 0, 100, 32767};
        for (int lane = 0; lane < 8; lane++) {
            h.loadState(lane, 2, v[lane]);
        }
        runAndCheck(NpeLoop.update(NpeOp.FIRE, 8, 2, 100, false, 0, 0));
        assertEquals(List.of(new NpeModel.OutEvent(16, 1), new NpeModel.OutEvent(18, 1), new NpeModel.OutEvent(20, 1),
                new NpeModel.OutEvent(22, 1), new NpeModel.OutEvent(23, 1)), h.model().events(),
                "neurons row 2 x 8 + lanes 0, 2, 4, 6, 7 fire");
        long[] after = {0, 99, 0, -5, 0, 0, 0, 0};
        for (int lane = 0; lane < 8; lane++) {
            assertEquals(after[lane], state(lane, 2), "reset to zero, lane " + lane);
        }
    }

    @Test
    void resetBySubtractionKeepsTheRemainder() {
        long[] v = {100, 150, 32767, 99};
        for (int lane = 0; lane < 4; lane++) {
            h.loadState(lane, 0, v[lane]);
        }
        runAndCheck(NpeLoop.update(NpeOp.FIRE, 4, 0, 100, true, 0, 0));
        assertEquals(0, state(0, 0));
        assertEquals(50, state(1, 0));
        assertEquals(32667, state(2, 0));
        assertEquals(99, state(3, 0));
        assertEquals(3, h.model().events().size());
        // A negative threshold: the subtraction would overflow and clamps instead.
        h.loadState(0, 1, 32000);
        runAndCheck(NpeLoop.update(NpeOp.FIRE, 1, 1, -1000, true, 0, 0));
        assertEquals(32767, state(0, 1));
    }

    @Test
    void lifLeaksBeforeItComparesWithTheThreshold() {
        h.loadState(0, 0, 104);
        h.loadState(1, 0, 115);
        h.loadState(2, 0, -7);
        runAndCheck(NpeLoop.update(NpeOp.LIF, 3, 0, 100, true, 3, 0));
        assertEquals(91, state(0, 0), "104 - 13, below 100: no spike");
        assertEquals(1, state(1, 0), "115 - 14 = 101 fires, minus 100");
        assertEquals(-6, state(2, 0), "-7 - (-1)");
        assertEquals(List.of(new NpeModel.OutEvent(1, 1)), h.model().events());
        runAndCheck(NpeLoop.update(NpeOp.LEAK, 3, 0, 0, false, 1, 0));
        assertEquals(46, state(0, 0), "91 - 45");
        assertEquals(-3, state(2, 0), "-6 - (-3)");
    }

    @Test
    void sigmaDeltaSendsOnlyNonZeroChangesOfTheQuantizedState() {
        h.loadState(5, 0, 100);
        NpeLoop sd = NpeLoop.update(NpeOp.SD, 8, 0, 0, false, 0, 5);
        runAndCheck(sd);
        assertEquals(List.of(new NpeModel.OutEvent(5, 96)), h.model().events(), "100 rounds down to 96");
        runAndCheck(sd);
        assertEquals(1, h.model().events().size(), "no change, nothing sent");
        h.loadState(5, 0, 40);
        runAndCheck(sd);
        h.loadState(5, 0, -7);
        runAndCheck(sd);
        assertEquals(List.of(new NpeModel.OutEvent(5, 96), new NpeModel.OutEvent(5, -64), new NpeModel.OutEvent(5, -32)),
                h.model().events());
        assertEquals(0, NpeArith.signed(h.read(map.oprev(5, 0)), 32));
    }

    @Test
    void zeroLengthLoopsChangeNothingAndCountAsDone() {
        h.loadState(0, 0, 1000);
        h.loadWeight(0, 0, 7);
        for (NpeOp op : NpeOp.values()) {
            h.submit(new NpeLoop(op, true, 0, 0, 0, 3, 1, 1, 1));
        }
        assertTrue(h.drain(1000));
        long status = h.status();
        assertEquals(8, status >>> 16, "eight loops done");
        assertEquals(0, status & 0xFFFF, "idle, no error");
        assertEquals(1000, state(0, 0));
        assertEquals(7, NpeArith.signed(h.read(map.mem(0, 0)), 32));
        assertEquals(0, h.eventsSeen());
        runAndCheck();
    }

    @Test
    void loopsWrapAroundTheRegisterFileAndTheMemory() {
        for (int lane = 0; lane < 8; lane++) {
            for (int w = 0; w < 32; w++) {
                h.loadWeight(lane, w, 1);
            }
        }
        // 18 groups from row 15: rows 15, 0, 1, ..., 15, 0; words 31, 0, ..., 16.
        runAndCheck(NpeLoop.accumulate(8 * 18, 15, 31));
        for (int lane = 0; lane < 8; lane++) {
            assertEquals(2, state(lane, 15), "row 15 visited twice");
            assertEquals(2, state(lane, 0), "row 0 visited twice");
            for (int row = 1; row < 15; row++) {
                assertEquals(1, state(lane, row));
            }
        }
        // A count that is not a multiple of the lanes: the last group runs on lanes 0..2 only.
        runAndCheck(NpeLoop.accumulate(8 * 16 + 3, 3, 0));
        assertEquals(1 + 2, state(2, 3), "groups 0 and 16 both land on row 3 (lanes 0..2)");
        assertEquals(1 + 1, state(3, 3), "lane 3 is not in the last group: once");
        assertEquals(1 + 1, state(2, 2), "row 2 once more");
    }

    @Test
    void backToBackOperationsOnOneRowSeeEachOthersResults() {
        // Row 5 is updated in three consecutive cycles: the last group of a long ACC loop, then two
        // queued sigma-delta loops. Each reads the row one cycle before the previous one writes it
        // (the register files are synchronous memories), so both need the forwarded word: the first
        // SD the state just accumulated, the second the o_prev the first SD just wrote.
        long[] start = {100, 1, -4, 0, 32767, 7, -32768, 13};
        for (int lane = 0; lane < 8; lane++) {
            h.loadState(lane, 5, start[lane]);
            for (int w = 0; w < 32; w++) {
                h.loadWeight(lane, w, 1);
            }
        }
        // 48 groups from row 6: three times round the 16 rows, the last group on row 5.
        h.submit(NpeLoop.accumulate(8 * 48, 6, 0));
        h.submit(NpeLoop.update(NpeOp.SD, 8, 5, 0, false, 0, 2));
        h.submit(NpeLoop.update(NpeOp.SD, 8, 5, 0, false, 0, 0));
        long s = h.status();
        assertEquals(NpeMap.STATUS_BUSY | NpeMap.STATUS_QUEUE_FULL, s & 0xFFFF,
                "both SD loops wait behind the ACC loop, so the three run back to back");
        assertEquals(0, s >>> 16, "no loop done yet");
        runAndCheck();
        assertEquals(103, state(0, 5), "100 + 3, the last +1 forwarded to the SD loop");
        assertEquals(4, state(1, 5));
        assertEquals(32767, state(4, 5), "saturated at the top");
        assertEquals(-32765, state(6, 5));
        assertEquals(103, NpeArith.signed(h.read(map.oprev(0, 5)), 32), "second SD: the exact state");
        assertEquals(0, NpeArith.signed(h.read(map.oprev(2, 5)), 32), "-1 quantizes to 0");
        // RTL events are checked one by one against the model; lane 0 sent 100 then 3, lane 1 sent 4.
        assertEquals(List.of(new NpeModel.OutEvent(5 * 8, 100), new NpeModel.OutEvent(5 * 8 + 1, 4)),
                h.rtlEvents().subList(0, 2));
    }

    @Test
    void consecutiveLoopsOnOneRowChainLoadMacFireAndStore() {
        for (int lane = 0; lane < 8; lane++) {
            h.loadWeight(lane, 3, 10 + lane);
            h.loadWeight(lane, 4, -2);
        }
        // A long LEAK loop with k = 31 (64 groups from row 10, so its last group is on row 9; it keeps
        // states >= 0 as they are) lets the queue fill; then LOAD and MAC, later FIRE and STORE, on row 9, each one
        // cycle behind the previous one (the queue holds two).
        NpeLoop leak = NpeLoop.update(NpeOp.LEAK, 8 * 64, 10, 0, false, 31, 0);
        h.submit(leak);
        h.submit(new NpeLoop(NpeOp.LOAD, false, 8, 9, 3, 0, 0, 0, 0));
        h.submit(NpeLoop.fanOut(8, 9, 4, 3));
        assertTrue((h.status() & NpeMap.STATUS_QUEUE_FULL) != 0, "LOAD and MAC queued behind the long loop");
        runAndCheck();
        assertEquals(10 - 6, state(0, 9), "LOAD 10, then MAC 3 x -2 on the loaded value");
        h.submit(leak);
        h.submit(NpeLoop.update(NpeOp.FIRE, 8, 9, 5, true, 0, 0));
        h.submit(new NpeLoop(NpeOp.STORE, false, 8, 9, 20, 0, 0, 0, 0));
        assertTrue((h.status() & NpeMap.STATUS_QUEUE_FULL) != 0, "FIRE and STORE queued behind the long loop");
        runAndCheck();
        assertEquals(4, state(0, 9), "4 is below theta 5: kept");
        assertEquals(11 - 5, state(7, 9), "lane 7: 17 - 6 = 11 fires, minus theta");
        assertEquals(6, NpeArith.signed(h.read(map.mem(7, 20)), 32), "STORE right behind FIRE stores the reset state");
    }

    @Test
    void statesReadZeroAfterResetInEveryLaneWhateverTheMemoriesHeld() {
        // Fill every state and o_prev with non-zero words, reset, and read them all back as 0.
        for (int lane = 0; lane < 8; lane++) {
            for (int row = 0; row < 16; row++) {
                h.loadState(lane, row, 1000 + row * 8 + lane);
                h.loadOprev(lane, row, -1 - row);
            }
        }
        runAndCheck();
        h.reset();
        h = new NpeHarness(sim, P);
        runAndCheck();  // every state, o_prev and weight against a fresh model: states and o_prev 0
        // The first write of a row since reset is to one lane: the other lanes of that row still read 0.
        h.loadState(3, 2, 77);
        h.loadOprev(5, 2, -9);
        for (int lane = 0; lane < 8; lane++) {
            assertEquals(lane == 3 ? 77 : 0, state(lane, 2));
            assertEquals(lane == 5 ? -9 : 0, NpeArith.signed(h.read(map.oprev(lane, 2)), 32));
        }
        // A loop masked to lanes 0..2 writes row 11 first: lanes 3..7 of it stay 0, then a full loop adds.
        for (int lane = 0; lane < 8; lane++) {
            h.loadWeight(lane, 0, 5);
        }
        runAndCheck(NpeLoop.accumulate(3, 11, 0), NpeLoop.accumulate(8, 11, 0));
        for (int lane = 0; lane < 8; lane++) {
            assertEquals(lane < 3 ? 10 : 5, state(lane, 11));
        }
    }

    @Test
    void storeClampsToTheWeightWidthAndLoadBringsItBack() {
        h.loadState(0, 1, 300);
        h.loadState(1, 1, -5);
        h.loadState(2, 1, -300);
        h.loadState(0, 4, 50);
        // STORE, then a MAC reading the word just stored: the controller waits for the write.
        runAndCheck(new NpeLoop(NpeOp.STORE, false, 3, 1, 5, 0, 0, 0, 0),
                new NpeLoop(NpeOp.STORE, false, 1, 4, 6, 0, 0, 0, 0), NpeLoop.fanOut(1, 7, 6, 2),
                new NpeLoop(NpeOp.LOAD, false, 3, 9, 5, 0, 0, 0, 0));
        assertEquals(127, NpeArith.signed(h.read(map.mem(0, 5)), 32));
        assertEquals(-5, NpeArith.signed(h.read(map.mem(1, 5)), 32));
        assertEquals(-128, NpeArith.signed(h.read(map.mem(2, 5)), 32));
        assertEquals(100, state(0, 7), "50 stored, then multiplied by 2");
        assertEquals(127, state(0, 9));
        assertEquals(-5, state(1, 9));
        assertEquals(-128, state(2, 9));
    }

    @Test
    void eventsWaitForAStalledConsumerAndNoneIsLost() {
        for (int lane = 0; lane < 8; lane++) {
            for (int row = 0; row < 16; row++) {
                h.loadState(lane, row, 1);
            }
        }
        h.backPressure(new Random(1), 0.0);
        h.submit(NpeLoop.update(NpeOp.FIRE, 128, 0, 1, false, 0, 0));
        for (int c = 0; c < 60; c++) {
            h.idle();
        }
        assertTrue(h.busy(), "the cluster holds its events");
        assertEquals(0, h.eventsSeen());
        h.backPressure(new Random(2), 0.5);
        assertTrue(h.drain(10_000));
        assertEquals(128, h.eventsSeen(), "all 128 neurons fired, in neuron order (checked event by event)");
        runAndCheck();
    }

    @Test
    void busErrorsAreFlaggedAndClearedNotSilentlyLost() {
        h.write(map.reg(NpeMap.OP), NpeOp.LEAK.code());
        h.write(map.reg(NpeMap.COUNT), 65535);
        for (int i = 0; i < 4; i++) {
            h.write(map.reg(NpeMap.CTRL), NpeMap.CTRL_START);
        }
        long s = h.status();
        assertEquals(NpeMap.STATUS_BUSY | NpeMap.STATUS_QUEUE_FULL | NpeMap.STATUS_ERR_OVERFLOW, s & 0xFFFF,
                "one loop runs, two wait, the fourth START overflows");
        h.write(map.state(0, 0), 77);
        assertTrue((h.status() & NpeMap.STATUS_ERR_BUSY) != 0, "a state write while busy is flagged");
        h.write(map.reg(NpeMap.BASE_S), 16);
        h.write(map.reg(NpeMap.BASE_W), 32);
        assertTrue((h.status() & NpeMap.STATUS_ERR_RANGE) != 0, "bases past the memories are flagged");
        assertEquals(0, h.read(map.reg(NpeMap.BASE_S)), "and not taken");
        assertEquals(0, h.read(map.reg(NpeMap.BASE_W)));
        h.write(map.reg(NpeMap.CTRL), NpeMap.CTRL_CLEAR);
        assertEquals(NpeMap.STATUS_BUSY | NpeMap.STATUS_QUEUE_FULL, h.status() & 0xFFFF, "errors cleared");
        for (int c = 0; c < 3 * 65536 / 8 + 100 && h.busy(); c++) {
            h.idle();
        }
        assertEquals(3, h.status() >>> 16, "three loops done");
        assertEquals(0, state(0, 0), "the write during the busy loop was dropped");
    }

    @Test
    void queuedFanOutLoopsRunBackToBackAtOneGroupOfLanesPerCycle() {
        Random rnd = new Random(3);
        for (int lane = 0; lane < 8; lane++) {
            for (int w = 0; w < 32; w++) {
                h.loadWeight(lane, w, rnd.nextInt(256) - 128);
            }
        }
        // 8 loops of 128 targets (16 groups each, wrapping the register file), VALUE and BASE_W new each time.
        h.submit(NpeLoop.fanOut(128, 0, 0, 1));
        long first = h.lastStart();
        for (int k = 1; k < 8; k++) {
            h.submit(NpeLoop.fanOut(128, 3, (k * 16) % 32, k - 4));
        }
        assertTrue(h.drain(10_000));
        long cycles = h.cycle() - first;
        assertTrue(cycles <= 8 * 16 + 6, "8 x 16 groups took " + cycles + " cycles: the queue left bubbles");
        runAndCheck();
    }

    @Test
    void descriptorRegistersReadBackWithTheirSigns() {
        h.write(map.reg(NpeMap.OP), 8 | 4);
        h.write(map.reg(NpeMap.COUNT), 1234);
        h.write(map.reg(NpeMap.BASE_S), 15);
        h.write(map.reg(NpeMap.BASE_W), 31);
        h.write(map.reg(NpeMap.VALUE), 0x80);
        h.write(map.reg(NpeMap.THETA), 0xFFFF);
        h.write(map.reg(NpeMap.SHIFT), 7 | 9 << 8);
        assertEquals(12, h.read(map.reg(NpeMap.OP)));
        assertEquals(1234, h.read(map.reg(NpeMap.COUNT)));
        assertEquals(15, h.read(map.reg(NpeMap.BASE_S)));
        assertEquals(31, h.read(map.reg(NpeMap.BASE_W)));
        assertEquals(-128, NpeArith.signed(h.read(map.reg(NpeMap.VALUE)), 32));
        assertEquals(-1, NpeArith.signed(h.read(map.reg(NpeMap.THETA)), 32));
        assertEquals(7 | 9 << 8, h.read(map.reg(NpeMap.SHIFT)));
        assertEquals(0, h.read(map.state(8, 0)) | h.read(map.mem(0, 32)), "addresses past the lanes or words read 0");
    }
}
