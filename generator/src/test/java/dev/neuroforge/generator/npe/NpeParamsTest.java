package dev.neuroforge.generator.npe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.ParameterException;
import org.junit.jupiter.api.Test;

/** NPE parameters are checked before anything is generated, and name their module after themselves. */
class NpeParamsTest {
    private static void rejects(String field, Object value, String allowed, Runnable r) {
        ParameterException e = assertThrows(ParameterException.class, r::run);
        assertEquals(field, e.field());
        assertEquals(field + " = " + value + " is not allowed: " + allowed, e.getMessage());
    }

    @Test
    void everyOutOfRangeParameterIsRejectedWithItsNameValueAndRange() {
        rejects("lanes", 0, "must be an integer in 1..32", () -> new NpeParams(0, 8, 16, 8, 4, 4));
        rejects("lanes", 33, "must be an integer in 1..32", () -> new NpeParams(33, 8, 16, 8, 4, 4));
        rejects("weightBits", 12, "must be 4, 8 or 16", () -> new NpeParams(8, 12, 16, 8, 4, 4));
        rejects("stateBits", 15, "must be an integer in 16..32", () -> new NpeParams(8, 8, 15, 8, 4, 4));
        rejects("stateBits", 33, "must be an integer in 16..32", () -> new NpeParams(8, 8, 33, 8, 4, 4));
        rejects("valueBits", 1, "must be an integer in 2..16", () -> new NpeParams(8, 8, 16, 1, 4, 4));
        rejects("rfDepth", 1, "must be an integer in 2..1024", () -> new NpeParams(8, 8, 16, 8, 1, 4));
        rejects("memDepth", 65537, "must be an integer in 2..65536", () -> new NpeParams(8, 8, 16, 8, 4, 65537));
    }

    @Test
    void modulesCarryTheirParametersInTheirNames() {
        Design d = NpeBuilder.build(NpeParams.defaults());
        assertEquals("nf_npe_l8_w8_s16_v8_r64_m256", d.top());
        assertTrue(d.modules().stream().anyMatch(m -> m.name().equals("nf_npe_lane_w8_s16_v8_r64")));
        assertTrue(d.modules().stream().anyMatch(m -> m.name().equals("nf_sram_1r1w_w8_d256")));
        assertTrue(d.topModule().source().contains("module nf_npe_l8_w8_s16_v8_r64_m256 ("));
    }

    @Test
    void theBusMapPutsTheRegionInTheTopTwoAddressBits() {
        NpeMap m = new NpeMap(new NpeParams(3, 8, 16, 8, 5, 100));
        assertEquals(2, m.laneBits());
        assertEquals(9, m.offsetBits(), "7 bits of word + 2 bits of lane");
        assertEquals(11, m.addrBits());
        assertEquals((1 << 9) | (4 << 2) | 2, m.state(2, 4));
        assertEquals((3 << 9) | (99 << 2), m.mem(0, 99));
        assertEquals(4, new NpeMap(new NpeParams(1, 8, 16, 8, 2, 2)).offsetBits(), "at least 4 for the registers");
    }
}
