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
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.core.Firmware;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract of ARCHITECTURE section 8 on the generated tile: random single-tile networks
 * (TileNetworks: IF, LIF, sigma-delta, both resets, recurrent projections, delays per projection,
 * axon and synapse up to D, binary and graded input) run on the Verilated tile with the real
 * firmware, and every step's events and the final states must equal the golden EventModel's.
 */
class TileRtlTest {
    static Elf firmware() {
        try {
            return Elf.read(Firmware.tileElf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        try (TileRtl tile = new TileRtl(params, RtlModels.load(TileBuilder.build(params)))) {
            for (int n = 0; n < count; n++) {
                long s = master.nextLong();
                TileNetworks.Case c = TileNetworks.random(new SplittableRandom(s), params);
                cycles += runBoth(tile, params, c.network(), c.inputs(), test + " network " + n + " (case seed " + s + ")");
                steps += c.inputs().size();
                events += tile.harness().received().size();
            }
        }
        System.out.printf("[tile] %s: %d networks, %d steps, %d events out, %d cycles (%.0f per step)%n", test, count,
                steps, events, cycles, (double) cycles / steps);
        assertTrue(events > count, "the random networks fired too little to test anything: " + events + " events");
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
