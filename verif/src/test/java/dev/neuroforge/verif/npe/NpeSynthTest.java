package dev.neuroforge.verif.npe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.npe.NpeBuilder;
import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.verif.common.YosysStat;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Yosys keeps each lane's two register files (states and o_prev) as memories, one read and one
 * write port each, and maps them to iCE40 block RAM: the lane's flip-flops are only its operand,
 * the forward registers and two row-valid bits, whatever the register-file depth.
 */
class NpeSynthTest {
    /**
     * Flip-flops of one lane: the operand (max(W + V, S) bits), two row-valid bits, and per register
     * file what Yosys adds around an iCE40 block RAM for the transparent read (the written word and a
     * collision flag), and the read address the two share.
     */
    static int laneFlipFlops(NpeParams p) {
        int rowBits = 32 - Integer.numberOfLeadingZeros(p.rfDepth() - 1);
        return Math.max(p.weightBits() + p.valueBits(), p.stateBits()) + 2 + 2 * (p.stateBits() + 1) + rowBits;
    }

    @Test
    void theLaneRegisterFilesAreTwoBlockRamMemoriesNotFlipFlops(@TempDir Path dir) throws IOException {
        NpeParams p = NpeParams.defaults();
        Design lane = Design.builder().add(NpeBuilder.buildLane(p)).build();
        YosysStat generic = YosysStat.generic(lane, dir.resolve("generic"));
        assertEquals(2, generic.memories(), "states and o_prev inferred as memories");
        assertEquals(2L * p.rfDepth() * p.stateBits(), generic.memoryBits());
        YosysStat ice = YosysStat.ice40(lane, dir.resolve("ice40"));
        int perRf = (int) Math.ceil(p.rfDepth() * p.stateBits() / 4096.0);
        assertEquals(2 * perRf, ice.brams(), "each register file in SB_RAM40_4K");
        assertTrue(ice.flipFlops() <= laneFlipFlops(p), ice.flipFlops() + " flip-flops in a lane, at most "
                + laneFlipFlops(p) + " expected (the " + 2 * p.rfDepth() * p.stateBits() + " register-file bits are not registers)");
        System.out.println("[npe] lane " + p.laneModuleName() + " on iCE40: " + ice.brams() + " SB_RAM40_4K, "
                + ice.flipFlops() + " flip-flops, " + ice.luts() + " LUT4");
    }

    @Test
    void aTwoLaneClusterHasThreeMemoriesPerLaneAndFewFlipFlops(@TempDir Path dir) throws IOException {
        NpeParams p = new NpeParams(2, 8, 16, 8, 64, 256);
        Design d = NpeBuilder.build(p);
        YosysStat generic = YosysStat.generic(d, dir.resolve("generic"));
        assertEquals(3 * p.lanes() + 1, generic.memories(), "per lane: weight bank, states, o_prev; the descriptor queue");
        assertTrue(generic.memoryBits() > (long) p.lanes() * (p.memDepth() * p.weightBits() + 2 * p.rfDepth() * p.stateBits()));
        YosysStat ice = YosysStat.ice40(d, dir.resolve("ice40"));
        assertEquals(3 * p.lanes(), ice.brams(), "every memory in block RAM");
        // Controller, queue, staging registers, event buffer and bus: well under one register file per lane.
        int bound = p.lanes() * laneFlipFlops(p) + 2 * p.rfDepth() + 2 * NpeMap.QUEUE_DEPTH * 128 + 400;
        assertTrue(ice.flipFlops() <= bound, ice.flipFlops() + " flip-flops in the cluster, bound " + bound);
        System.out.println("[npe] " + p.moduleName() + " on iCE40: " + ice.brams() + " SB_RAM40_4K, "
                + ice.flipFlops() + " flip-flops, " + ice.luts() + " LUT4");
    }
}
