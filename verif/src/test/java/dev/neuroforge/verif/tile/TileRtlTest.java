package dev.neuroforge.verif.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.generator.tile.TileBuilder;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.Network;
import dev.neuroforge.verif.common.RtlModels;
import dev.neuroforge.verif.common.Progress;
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.core.Firmware;
import dev.neuroforge.verif.core.Retire;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract of ARCHITECTURE section 8 on the generated tile: random single-tile networks
 * (TileNetworks: IF, LIF, sigma-delta, both resets, recurrent projections, delays per projection,
 * axon and synapse up to D, binary and graded input) run on the Verilated tile with the real
 * firmware, and every step's events and the final states must equal the golden EventModel's, with
 * the core in lockstep with the ISS on every instruction.
 */
class TileRtlTest {
    static Elf firmware() {
        return Firmware.tile();
    }

    /** Runs {@code c} on the tile and on the event model; returns the cycles of all steps. */
    static long runBoth(TileRtl tile, TileParams params, Network net, List<List<Event>> inputs, String label) {
        TileImage img = TileImage.build(params, net, firmware(), 1, 0, 0, 0);
        tile.load(img);
        EventModel gold = new EventModel(net);
        long cycles = 0;
        for (int t = 0; t < inputs.size(); t++) {
            List<Event> expected = new ArrayList<>();
            for (Event e : gold.step(inputs.get(t))) {
                if (!net.populations().get(e.population()).isInput()) {
                    expected.add(e);
                }
            }
            assertEquals(expected, tile.step(inputs.get(t)), label + ": events of step " + t);
            cycles += tile.stepCycles();
        }
        for (int p = 0; p < net.populations().size(); p++) {
            if (!net.populations().get(p).isInput()) {
                assertArrayEquals(gold.state(p), tile.states(p), label + ": final states of "
                        + net.populations().get(p).name());
            }
        }
        return cycles;
    }

    private static void randomNetworks(String test, TileParams params, int count) {
        long seed = Seeds.seed(test);
        SplittableRandom master = new SplittableRandom(seed);
        long cycles = 0;
        long steps = 0;
        long events = 0;
        long instructions = 0;
        try (TileRtl tile = new TileRtl(params, RtlModels.load(TileBuilder.build(params)))) {
            Progress progress = new Progress(params.moduleName() + " random networks", count);
            for (int n = 0; n < count; n++) {
                long s = master.nextLong();
                TileNetworks.Case c = TileNetworks.random(new SplittableRandom(s), params);
                cycles += runBoth(tile, params, c.network(), c.inputs(), test + " network " + n + " (case seed " + s + ")");
                steps += c.inputs().size();
                events += tile.harness().received().size();
                instructions += tile.lockstep().checked();
                progress.step(n + 1);
            }
            progress.finish();
        }
        System.out.printf("[tile] %s: %d networks, %d steps, %d events out, %d cycles (%.0f per step), %d instructions"
                + " in lockstep with the ISS%n", test, count, steps, events, cycles, (double) cycles / steps, instructions);
        assertTrue(events > count, "the random networks fired too little to test anything: " + events + " events");
        assertTrue(instructions > 100L * steps, "lockstep compared only " + instructions + " instructions");
    }

    /** The lockstep is not vacuous: the first instruction of the firmware (crt0 clears x1) with a wrong result is caught. */
    @Test
    void lockstepReportsARetirementTheIssDisagreesWith() {
        TileImage img = TileImage.build(TileParams.defaults(), TileNetworks.random(new SplittableRandom(1),
                TileParams.defaults()).network(), firmware(), 1, 0, 0, 0);
        assertEquals(0x00000093, img.imem()[0], "crt0 starts with li x1, 0");
        TileLockstep good = new TileLockstep(img);
        good.retired(new Retire(0, 0x00000093, false, false, 0, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0), -1, 10);
        assertEquals(null, good.problem());
        assertEquals(1, good.checked());
        TileLockstep bad = new TileLockstep(img);
        bad.retired(new Retire(0, 0x00000093, false, false, 0, 4, 0, 0, 0, 0, 1, 5, 0, 0, 0, 0, 0), -1, 10);
        assertTrue(bad.problem() != null && bad.problem().contains("rd_wdata") && bad.problem().contains("differs"),
                String.valueOf(bad.problem()));
        TileLockstep intr = new TileLockstep(img);
        intr.retired(new Retire(0, 0x00000093, false, true, 0, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0), -1, 10);
        assertTrue(intr.problem() != null && intr.problem().contains("took no interrupt"), String.valueOf(intr.problem()));
    }

    @Test
    void twoHundredRandomNetworksOnTheDefaultTileEqualTheEventModel() {
        randomNetworks("TileRtlTest#twoHundredRandomNetworksOnTheDefaultTileEqualTheEventModel", TileParams.defaults(),
                Integer.getInteger("neuroforge.tile.networks", 200));
    }

    /** 4 lanes, 4-bit weights, 24-bit states, 8-bit values, D = 7, small memories, 16-bit flits (4 per event). */
    @Test
    void randomNetworksOnASmallTileWithWideStatesAndNarrowFlits() {
        TileParams small = TileParams.defaults().withNpe(new NpeParams(4, 4, 24, 8, 32, 512)).withScdq(7, 256)
                .withMemories(512, 1024, 256).withRouter(new RouterParams(16, 2));
        randomNetworks("TileRtlTest#randomNetworksOnASmallTileWithWideStatesAndNarrowFlits", small, 40);
    }
}
