package dev.neuroforge.verif.npe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lane arithmetic on its own, with hand-worked numbers at the extremes of every width:
 * saturation at both ends (never wrap), arithmetic shifts of negative states, the threshold met
 * exactly, both reset modes, sigma-delta rounding and the clamped store.
 */
class NpeArithTest {
    private static long max(int bits) {
        return (1L << (bits - 1)) - 1;
    }

    private static long min(int bits) {
        return -(1L << (bits - 1));
    }

    @ParameterizedTest(name = "{0}-bit states")
    @ValueSource(ints = {16, 20, 24, 31, 32})
    void macSaturatesAtBothEndsOfEveryStateWidth(int sb) {
        assertEquals(max(sb), NpeArith.mac(max(sb), 127, 127, sb), "max + positive product stays at max");
        assertEquals(max(sb), NpeArith.mac(max(sb) - 5, 1, 6, sb), "one over the top clamps");
        assertEquals(max(sb) - 1, NpeArith.mac(max(sb) - 7, 1, 6, sb), "just below the top is exact");
        assertEquals(min(sb), NpeArith.mac(min(sb), -128, 127, sb), "min + negative product stays at min");
        assertEquals(min(sb), NpeArith.mac(min(sb) + 5, 1, -6, sb), "one under the bottom clamps");
        assertEquals(min(sb) + 10, NpeArith.mac(min(sb), 5, 2, sb), "from min upwards is exact");
        assertEquals(-1, NpeArith.mac(max(sb), min(sb), 1, sb), "max + min = -1");
        // The largest product, 16-bit weight times 16-bit value, from zero.
        assertEquals(Math.min(max(sb), 32768L * 32768L), NpeArith.mac(0, -32768, -32768, sb));
        assertEquals(Math.max(min(sb), -32768L * 32767L), NpeArith.mac(0, -32768, 32767, sb));
    }

    @Test
    void accumulateAddsTheWeightAndClamps() {
        assertEquals(32767, NpeArith.acc(32760, 8, 16));
        assertEquals(32767, NpeArith.acc(32760, 7, 16));
        assertEquals(32766, NpeArith.acc(32760, 6, 16));
        assertEquals(-32768, NpeArith.acc(-32760, -9, 16));
        assertEquals(-32767, NpeArith.acc(-32760, -7, 16));
        assertEquals(-8 + 7, NpeArith.acc(-8, 7, 16));
        assertEquals(max(32), NpeArith.acc(max(32), 32767, 32));
        assertEquals(min(32), NpeArith.acc(min(32), -32768, 32));
    }

    @Test
    void leakShiftsArithmeticallySoNegativeStatesLeakTowardsZero() {
        assertEquals(88, NpeArith.leak(100, 3), "100 - 12");
        assertEquals(-3, NpeArith.leak(-7, 1), "-7 - (-4) = -3: the shift rounds towards minus infinity");
        assertEquals(0, NpeArith.leak(-1, 5), "-1 >> 5 is -1, so -1 leaks to 0");
        assertEquals(0, NpeArith.leak(12345, 0), "shift 0 empties the state");
        assertEquals(0, NpeArith.leak(min(16), 0));
        assertEquals(max(16), NpeArith.leak(max(16), 15), "32767 >> 15 is 0");
        assertEquals(min(16) + 1, NpeArith.leak(min(16), 15), "-32768 >> 15 is -1");
        assertEquals(min(32) + 1, NpeArith.leak(min(32), 31));
        assertEquals(max(32), NpeArith.leak(max(32), 31));
        assertEquals(min(32) / 2, NpeArith.leak(min(32), 1));
    }

    @Test
    void aNeuronFiresWhenTheThresholdIsMetExactly() {
        assertTrue(NpeArith.fires(100, 100));
        assertFalse(NpeArith.fires(99, 100));
        assertTrue(NpeArith.fires(-5, -5), "a negative threshold is compared signed");
        assertFalse(NpeArith.fires(min(32), min(32) + 1));
        assertTrue(NpeArith.fires(max(32), max(32)));
    }

    @Test
    void resetSetsZeroOrSubtractsTheThresholdWithSaturation() {
        assertEquals(0, NpeArith.afterSpike(130, 100, false, 16));
        assertEquals(30, NpeArith.afterSpike(130, 100, true, 16));
        assertEquals(0, NpeArith.afterSpike(100, 100, true, 16), "exactly met, subtract: 0");
        assertEquals(max(16), NpeArith.afterSpike(32000, -1000, true, 16), "a negative threshold can overflow: clamps");
        assertEquals(max(32), NpeArith.afterSpike(max(32), min(32), true, 32));
    }

    @Test
    void sigmaDeltaRoundsTheRectifiedStateDownToAStepAndSendsTheChange() {
        assertEquals(96, NpeArith.quantize(100, 5), "100 -> 3 x 32");
        assertEquals(0, NpeArith.quantize(31, 5));
        assertEquals(32, NpeArith.quantize(32, 5));
        assertEquals(0, NpeArith.quantize(-100, 0), "negative states rectify to 0");
        assertEquals(0, NpeArith.quantize(0, 0));
        assertEquals(7, NpeArith.quantize(7, 0), "step 1 passes the state");
        assertEquals(0, NpeArith.quantize(max(16), 15), "a step above the range gives 0");
        assertEquals(1L << 30, NpeArith.quantize(max(32), 30));
        assertEquals(0, NpeArith.quantize(max(32), 31));
        assertEquals(-64, NpeArith.delta(32, 96, 16));
        assertEquals(0, NpeArith.delta(96, 96, 16), "no change, no event");
        assertEquals(max(16), NpeArith.delta(max(16), -5, 16), "an o_prev written negative cannot overflow the delta");
        assertEquals(min(16), NpeArith.delta(0, 40000, 16), "and clamps at the bottom too");
    }

    @Test
    void storeClampsAStateToTheWeightWidth() {
        assertEquals(7, NpeArith.store(100, 4));
        assertEquals(-8, NpeArith.store(-100, 4));
        assertEquals(-3, NpeArith.store(-3, 4));
        assertEquals(127, NpeArith.store(128, 8));
        assertEquals(-128, NpeArith.store(-128, 8));
        assertEquals(-32768, NpeArith.store(min(32), 16));
        assertEquals(32767, NpeArith.store(40000, 16));
    }

    @Test
    void signedReadsTheLowBitsAsTwosComplement() {
        assertEquals(-1, NpeArith.signed(0xFFFF, 16));
        assertEquals(32767, NpeArith.signed(0x7FFF, 16));
        assertEquals(-8, NpeArith.signed(0x8, 4));
        assertEquals(min(32), NpeArith.signed(0x80000000L, 32));
    }
}
