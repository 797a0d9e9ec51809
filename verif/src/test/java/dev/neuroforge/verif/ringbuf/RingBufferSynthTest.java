package dev.neuroforge.verif.ringbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.ringbuf.RingBufferBuilder;
import dev.neuroforge.generator.ringbuf.RingBufferParams;
import dev.neuroforge.verif.common.YosysStat;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Yosys maps the ring buffer's accumulators to one memory (block RAM on iCE40), not to flip-flops. */
class RingBufferSynthTest {
    @Test
    void yosysInfersOneMemoryAndMapsItToIce40BlockRam(@TempDir Path dir) throws IOException {
        RingBufferParams p = RingBufferParams.defaults();
        Design d = RingBufferBuilder.build(p);
        YosysStat generic = YosysStat.generic(d, dir);
        assertEquals(1, generic.memories(), "the accumulator memory is inferred");
        assertEquals(p.memoryBits(), generic.memoryBits(), "of neurons x (D + 1) x accWidth bits");

        YosysStat ice = YosysStat.ice40(d, dir);
        assertTrue(ice.brams() >= p.memoryBits() / 4096, ice.brams() + " SB_RAM40_4K for " + p.memoryBits() + " bits");
        assertTrue(ice.flipFlops() < p.memoryBits() / 8, ice.flipFlops() + " flip-flops: the " + p.memoryBits()
                + " memory bits did not become registers");
        System.out.println("[ringbuf] " + d.top() + " on iCE40: " + ice.brams() + " SB_RAM40_4K, " + ice.flipFlops()
                + " flip-flops, " + ice.luts() + " LUT4");
    }
}
