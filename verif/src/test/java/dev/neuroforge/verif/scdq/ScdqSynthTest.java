package dev.neuroforge.verif.scdq;

import static dev.neuroforge.generator.common.FifoBuilder.bitsFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.scdq.ScdqBuilder;
import dev.neuroforge.generator.scdq.ScdqParams;
import dev.neuroforge.verif.common.YosysStat;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Yosys maps the SCDQ's six memories (event words, next pointers, free list; slot table: tail and
 * count, count copy, heads) to memories (block RAM on iCE40), not to flip-flops: the iCE40
 * flip-flop count stays within the control registers the RTL declares plus the registers Yosys adds
 * to each memory for its read-during-write behaviour.
 */
class ScdqSynthTest {
    /**
     * Flip-flops the RTL declares outside its memories (templates/scdq/scdq.v.vm): step, occupancy,
     * allocation, free-list and output-stage registers, the push pipeline's stage 2 and forwarding
     * registers, the current slot's count and one live bit per slot. Nothing here is a table word:
     * a slot table in flip-flops would add (D + 1) x (2 ceil(log2 C) + ceil(log2 (C + 1))) bits.
     */
    static int controlFlops(ScdqParams p) {
        int slots = p.maxDelay() + 1;
        int aw = bitsFor(p.capacity() - 1);
        int cw = bitsFor(p.capacity());
        int sw = bitsFor(slots - 1);
        return slots + 3 * sw + 5 * cw + 7 * aw + 10 + (p.lossy() ? ScdqParams.OVERFLOW_WIDTH : 0);
    }

    /**
     * Flip-flops Yosys 0.23 adds around one {@code w}-bit, {@code depth}-word nf_sram_1r1w on iCE40 to
     * give it the model's read-old-data-on-collision behaviour (write data, address and a hit flag:
     * {@code 2w + ceil(log2 depth) + 2}; measured on a lone SRAM, the same for every size).
     */
    static int collisionFlops(int width, int depth) {
        return 2 * width + bitsFor(depth - 1) + 2;
    }

    /** The iCE40 flip-flop bound of an SCDQ whose six memories all stay memories. */
    static int flopBound(ScdqParams p) {
        int slots = p.maxDelay() + 1;
        int aw = bitsFor(p.capacity() - 1);
        int cw = bitsFor(p.capacity());
        return controlFlops(p) + collisionFlops(p.eventWidth(), p.capacity()) + 2 * collisionFlops(aw, p.capacity())
                + collisionFlops(cw + aw, slots) + collisionFlops(cw, slots) + collisionFlops(aw, slots);
    }

    @Test
    void yosysInfersTheQueueAndSlotTableMemoriesAndMapsThemToIce40BlockRam(@TempDir Path dir) throws IOException {
        ScdqParams p = ScdqParams.defaults();
        Design d = ScdqBuilder.build(p);
        YosysStat generic = YosysStat.generic(d, dir.resolve("generic"));
        assertEquals(6, generic.memories(), "event, next-pointer, free-list memories and the three slot-table memories");
        assertEquals(DelayMemory.scdqMemoryBits(p), generic.memoryBits(),
                "memory bits as the comparison in docs/scdq.md counts them");

        YosysStat ice = YosysStat.ice40(d, dir.resolve("ice40"));
        long queueBits = DelayMemory.scdqSramBits(p);
        assertTrue(ice.brams() >= queueBits / 4096 + 3, ice.brams() + " SB_RAM40_4K for " + queueBits
                + " bits of queue memory and three slot-table memories");
        long slotBits = (long) (p.maxDelay() + 1) * (2 * bitsFor(p.capacity() - 1) + bitsFor(p.capacity()));
        assertTrue(ice.flipFlops() <= flopBound(p), ice.flipFlops() + " flip-flops, more than the " + controlFlops(p)
                + " control registers of the RTL and Yosys's collision registers (" + flopBound(p) + " in all): part of a "
                + "memory became registers (a slot table in flip-flops alone is " + slotBits + ")");
        System.out.println("[scdq] " + d.top() + " on iCE40: " + ice.brams() + " SB_RAM40_4K, " + ice.flipFlops()
                + " flip-flops (bound " + flopBound(p) + "), " + ice.luts() + " LUT4");
    }

    @Test
    void theSlotTableIsMemoryAtTheBenchmarkPoints(@TempDir Path dir) throws IOException {
        // Yosys keeps a (D + 1)-word table as a memory whatever its size; only its iCE40 mapping
        // depends on size (SramBuilder.needsBlockRam).
        for (ScdqParams p : new ScdqParams[] {new ScdqParams(25, 228, 10), new ScdqParams(63, 820, 10, true)}) {
            Design d = ScdqBuilder.build(p);
            YosysStat generic = YosysStat.generic(d, dir.resolve(p.moduleName()));
            assertEquals(6, generic.memories(), p.moduleName());
            assertEquals(DelayMemory.scdqMemoryBits(p), generic.memoryBits(), p.moduleName());
        }
    }
}
