package dev.neuroforge.verif.scdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memory formulas of the SCDQ / ring-buffer comparison, against figures worked by hand. */
class DelayMemoryTest {
    private static final DelayMemory SHD = new DelayMemory("shd", 700, 256, 25, 0, 16);

    @Test
    void capacityIsEventsInFlightTimesTheMargin() {
        assertEquals(10, SHD.eventWidth(), "700 source ids need 10 bits");
        assertEquals(1820.0, SHD.inFlight(0.10), 1e-9, "70 sources firing per step, held up to 26 steps");
        assertEquals(2275, SHD.capacity(0.10), "1820 x 1.25");
        assertEquals(228, SHD.capacity(0.01), "182 x 1.25 = 227.5, rounded up");
    }

    @Test
    void bitsFollowTheOrganisation() {
        // 2275 entries: 10-bit event + 12-bit next pointer + 12-bit free-list word; 26 slots of
        // tail + count (12 + 12), count copy (12) and head (12) bits.
        assertEquals(2275L * 34, DelayMemory.scdqSramBits(2275, 10));
        assertEquals(26L * 48, DelayMemory.scdqSlotBits(25, 2275));
        assertEquals(2275L * 34 + 26 * 48, SHD.scdqBits(0.10));
        assertEquals(256L * 26 * 16, SHD.ringBits());
    }

    @Test
    void crossoverIsWhereTheScdqStopsBeingSmaller() {
        double x = SHD.crossover();
        assertTrue(x > 0.01 && x < 0.5, "crossover " + x);
        assertTrue(SHD.scdqBits(x) >= SHD.ringBits());
        assertTrue(SHD.scdqBits(x - 0.001) < SHD.ringBits());
        DelayMemory fanIn = new DelayMemory("wide", 100, 4096, 25, 0, 16);
        assertTrue(Double.isNaN(fanIn.crossover()), "few sources, many neurons: the SCDQ wins at any activity");
    }
}
