package dev.neuroforge.verif.scdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.scdq.ScdqBuilder;
import dev.neuroforge.generator.scdq.ScdqParams;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Waves;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Directed corner cases of the delay queue, checked cycle by cycle against the model. */
class ScdqDirectedTest {
    private static final ScdqParams P = new ScdqParams(25, 256, 32);
    private TestInfo info;

    @org.junit.jupiter.api.BeforeEach
    void remember(TestInfo info) {
        this.info = info;
    }

    private void with(ScdqParams p, Consumer<ScdqHarness> body) {
        String name = "ScdqDirectedTest_" + info.getTestMethod().orElseThrow().getName();
        try (SimModel sim = RtlModels.load(ScdqBuilder.build(p))) {
            Waves.maybeTrace(sim, name);
            ScdqHarness h = new ScdqHarness(sim, p);
            h.reset();
            body.accept(h);
            assertTrue(h.errors().isEmpty(), String.join("\n", h.errors()) + "\n" + Waves.where(sim, name));
        }
    }

    private static ScdqHarness.Drive push(long e, int d) {
        return new ScdqHarness.Drive(true, e, d, false, false);
    }

    private static final ScdqHarness.Drive IDLE = new ScdqHarness.Drive(false, 0, 0, false, false);
    private static final ScdqHarness.Drive POP = new ScdqHarness.Drive(false, 0, 0, false, true);
    private static final ScdqHarness.Drive ADVANCE = new ScdqHarness.Drive(false, 0, 0, true, false);

    @Test
    void delayZeroPopsInTheSameStepAndDelayMaxAfterMaxSteps() {
        with(P, h -> {
            assertTrue(h.tick(push(0xA0, 0)));
            assertTrue(h.tick(push(0xAD, P.maxDelay())));
            h.tick(IDLE);
            assertEquals(1, h.model().dueNow());
            h.tick(POP);
            h.tick(POP);
            assertEquals(1, h.pops(), "the delay-0 event left in its own step");
            for (int s = 1; s <= P.maxDelay(); s++) {
                h.tick(ADVANCE);
                h.tick(POP);
                h.tick(POP);
                assertEquals(s == P.maxDelay() ? 2 : 1, h.pops(), "after " + s + " advances");
            }
        });
    }

    @Test
    void manyEventsDueInOneStepPopOnePerCycleInPushOrder() {
        with(P, h -> {
            for (int i = 0; i < 200; i++) {
                assertTrue(h.tick(push(i, 3)));
            }
            for (int s = 0; s < 3; s++) {
                h.tick(ADVANCE);
            }
            h.tick(IDLE);  // the first event is read out
            long start = h.cycle();
            while (h.model().dueNow() > 0 && h.cycle() - start < 1000) {
                h.tick(POP);
            }
            assertEquals(200, h.pops());
            assertEquals(200, h.cycle() - start, "one pop per cycle once the head is read out");
        });
    }

    @Test
    void pushAndPopInTheSameCycleSustainOnePerCycleEach() {
        with(P, h -> {
            for (int i = 0; i < 100; i++) {
                h.tick(push(i, 1));
            }
            h.tick(ADVANCE);
            h.tick(IDLE);
            // Now 100 events are due; push 100 more (delay 1) while popping.
            long start = h.cycle();
            int pushed = 0;
            while (h.pops() < 100 && h.cycle() - start < 1000) {
                if (h.tick(new ScdqHarness.Drive(true, 1000 + pushed, 1, false, true))) {
                    pushed++;
                }
            }
            long cycles = h.cycle() - start;
            System.out.println("[scdq] 100 pops with " + pushed + " pushes alongside took " + cycles + " cycles");
            assertEquals(100, cycles, "100 pops in 100 cycles");
            assertEquals(100, pushed, "a push accepted in every one of those cycles");
        });
    }

    @Test
    void pushesToEverySlotAlongsidePopsSustainOnePerCycleThroughTheSlotTable() {
        // The slot table is a memory read and written by a two-stage push pipeline: runs of three
        // pushes into one slot (forwarding), delay 0 into the slot being popped (links behind the
        // output stage), and every other slot, while one event leaves per cycle.
        with(P, h -> {
            for (int i = 0; i < 120; i++) {
                assertTrue(h.tick(push(i, 1)));
            }
            h.tick(ADVANCE);
            h.tick(IDLE);  // the first event is read out
            long start = h.cycle();
            long both = h.pushPopCycles();
            for (int i = 0; i < 120; i++) {
                assertTrue(h.tick(new ScdqHarness.Drive(true, 5000 + i, (i / 3) % (P.maxDelay() + 1), false, true)),
                        "push " + i + " accepted");
            }
            assertEquals(120, h.pops(), "one pop per cycle");
            assertEquals(120, h.pushPopCycles() - both, "a push and a pop in every one of the 120 cycles");
            assertEquals(120, h.cycle() - start);
            for (int c = 0; c < 2000 && h.model().occupancy() > 0; c++) {
                h.tick(new ScdqHarness.Drive(false, 0, 0, true, true));
            }
            assertEquals(240, h.pops(), "every event left, in its step and in push order");
        });
    }

    @Test
    void eventsPushedBehindTheOnlyDueEventFollowItWithoutAGap() {
        with(P, h -> {
            // Linked behind the staged event one cycle after the push, in the cycle that event leaves.
            h.tick(push(1, 0));
            h.tick(IDLE);  // event 1 is read out
            h.tick(push(2, 0));
            h.tick(new ScdqHarness.Drive(true, 3, 0, false, true));
            h.tick(POP);
            h.tick(POP);
            assertEquals(3, h.pops(), "1, 2, 3 on consecutive cycles");
            // The only due event leaves as the next one arrives: the newcomer's head is forwarded.
            h.tick(push(4, 0));
            h.tick(IDLE);
            h.tick(new ScdqHarness.Drive(true, 5, 0, false, true));
            h.tick(new ScdqHarness.Drive(true, 6, 0, false, false));
            h.tick(POP);
            h.tick(POP);
            assertEquals(6, h.pops());
            assertEquals(0, h.model().occupancy());
        });
    }

    @Test
    void fullQueueBackPressuresAndResumesAfterPops() {
        ScdqParams small = new ScdqParams(4, 8, 16);
        with(small, h -> {
            int accepted = 0;
            for (int i = 0; i < 20; i++) {
                if (h.tick(push(i, 2))) {
                    accepted++;
                }
            }
            assertEquals(8, accepted, "exactly capacity accepted, the rest held back");
            assertTrue(h.model().full());
            h.tick(ADVANCE);
            h.tick(ADVANCE);
            for (int i = 0; i < 12; i++) {
                h.tick(POP);
            }
            assertEquals(8, h.pops());
            int later = 0;
            for (int i = 0; i < 10; i++) {
                if (h.tick(push(100 + i, 0))) {
                    later++;
                }
            }
            assertTrue(later >= 8, "entries freed by pops are reused: " + later);
        });
    }

    @Test
    void advanceWaitsUntilTheStepIsDrained() {
        with(P, h -> {
            h.tick(push(1, 0));
            h.tick(push(2, 0));
            h.tick(ADVANCE);
            assertEquals(0, h.advances(), "two events still due");
            h.tick(POP);
            h.tick(POP);
            h.tick(ADVANCE);
            assertEquals(1, h.advances());
        });
    }

    @Test
    void resetMidStreamEmptiesTheQueue() {
        with(P, h -> {
            for (int i = 0; i < 50; i++) {
                h.tick(push(i, i % 7));
            }
            h.reset();
            h.tick(IDLE);
            assertEquals(0, h.model().occupancy());
            for (int i = 0; i < 5; i++) {
                h.tick(push(i, 0));
            }
            for (int i = 0; i < 10; i++) {
                h.tick(POP);
            }
            assertEquals(5, h.pops());
            assertFalse(h.model().full());
        });
    }

    @Test
    void lossyQueueTakesPushesWhenFullDropsThemAndCountsEachOne() {
        ScdqParams small = new ScdqParams(7, 5, 8, true);  // shared with ScdqRandomTest: one Verilator build
        with(small, h -> {
            for (int i = 0; i < 20; i++) {
                assertTrue(h.tick(push(i, 2)), "a lossy queue never back-pressures a full queue");
            }
            h.tick(IDLE);
            assertEquals(15, h.model().overflow(), "20 pushes into 5 entries: 15 dropped");
            assertEquals(15, h.dropped());
            h.tick(ADVANCE);
            h.tick(ADVANCE);
            for (int i = 0; i < 12; i++) {
                h.tick(POP);
            }
            assertEquals(5, h.pops(), "the first 5 events, in push order, untouched by the drops");
            h.tick(push(100, 0));
            h.tick(IDLE);
            assertEquals(15, h.model().overflow(), "no drop once there is room");
        });
    }

    @Test
    void aPushInTheCycleOfAPopFromAFullLossyQueueIsDroppedAndTheFreedEntryServesTheNextPush() {
        ScdqParams small = new ScdqParams(7, 5, 8, true);
        with(small, h -> {
            for (int i = 0; i < 5; i++) {
                assertTrue(h.tick(push(i, 0)));
            }
            h.tick(IDLE);  // the first event is read out
            assertTrue(h.model().full());
            assertTrue(h.tick(new ScdqHarness.Drive(true, 0x55, 3, false, true)), "taken while full");
            assertEquals(1, h.pops());
            assertEquals(1, h.dropped(), "the room the pop made is there from the next cycle");
            int waited = 0;
            while (!h.tick(push(0x66, 3)) && waited < 5) {
                waited++;
            }
            assertTrue(waited <= ScdqHarness.MAX_RECYCLE_WAIT, "waited " + waited + " cycles for the freed entry");
            assertEquals(1, h.dropped(), "the next push is held");
            assertEquals(5, h.model().occupancy());
        });
    }

    @Test
    void lossyOverflowCounterStopsAtAllOnes() {
        ScdqParams small = new ScdqParams(7, 5, 8, true);
        with(small, h -> {
            int max = (1 << ScdqParams.OVERFLOW_WIDTH) - 1;
            for (int i = 0; i < max + 100; i++) {
                h.tick(push(i & 0xff, 1));
            }
            h.tick(IDLE);
            assertEquals(max, h.model().overflow(), "saturated, not wrapped");
            assertEquals(max + 95, h.dropped());
        });
    }

    @Test
    void backPressureQueueNeverCountsAnOverflow() {
        ScdqParams small = new ScdqParams(4, 8, 16);
        with(small, h -> {
            for (int i = 0; i < 50; i++) {
                h.tick(push(i, 1));
            }
            assertEquals(0, h.model().overflow());
            assertEquals(0, h.dropped());
            assertEquals(8, h.pushes(), "the rest was held back, not taken");
        });
    }
}
