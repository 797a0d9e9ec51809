package dev.neuroforge.verif.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.Network;
import dev.neuroforge.verif.common.Progress;
import dev.neuroforge.verif.common.Seeds;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.core.Firmware;
import dev.neuroforge.verif.tile.TileNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract of ARCHITECTURE section 8 on the generated array: random multi-population networks
 * mapped by {@link ArrayMapping} over every tile run on the Verilated array with the real
 * firmware, and every step's events and the final states equal the golden EventModel's.
 */
class ArrayRtlTest {
    static Elf firmware() {
        return Firmware.tile();
    }

    /** Runs a network on the array and on the event model; returns the packets the array's tiles sent. */
    static long runBoth(ArrayRtl rtl, ArrayParams params, Network net, List<List<Event>> inputs, String label) {
        ArrayMapping m = ArrayMapping.map(params, net, firmware());
        rtl.load(m);
        EventModel gold = new EventModel(net);
        for (int t = 0; t < inputs.size(); t++) {
            List<Event> expected = new ArrayList<>();
            for (Event e : gold.step(inputs.get(t))) {
                if (!net.populations().get(e.population()).isInput()) {
                    expected.add(e);
                }
            }
            assertEquals(expected, rtl.step(inputs.get(t)), label + ": events of step " + t);
        }
        for (int p = 0; p < net.populations().size(); p++) {
            if (!net.populations().get(p).isInput()) {
                assertArrayEquals(gold.state(p), rtl.states(p), label + ": final states of "
                        + net.populations().get(p).name());
            }
        }
        return rtl.sim().peek("sent_o") - rtl.packetsIn();
    }

    static void randomNetworks(String test, ArrayParams params, int count) {
        long seed = Seeds.seed(test);
        SplittableRandom master = new SplittableRandom(seed);
        long steps = 0;
        long tilePackets = 0;
        long hostPackets = 0;
        long cycles = 0;
        try (ArrayRtl rtl = new ArrayRtl(params)) {
            Progress progress = new Progress(params.moduleName() + " random networks", count);
            for (int n = 0; n < count; n++) {
                long s = master.nextLong();
                TileNetworks.Case c = ArrayNetworks.random(new SplittableRandom(s), params, firmware());
                tilePackets += runBoth(rtl, params, c.network(), c.inputs(), test + " network " + n + " (case seed " + s + ")");
                steps += c.inputs().size();
                hostPackets += rtl.packetsOut();
                cycles += rtl.cycles();
                progress.step(n + 1);
            }
            progress.finish();
        }
        System.out.printf("[array] %s: %d networks on %d x %d, %d steps, %d packets between tiles, %d to the host,"
                + " %d cycles%n", test, count, params.cols(), params.rows(), steps, tilePackets, hostPackets, cycles);
        assertTrue(hostPackets > count, "the random networks fired too little to test anything: " + hostPackets);
    }

    /** 2 x 2 default tiles: 8 lanes, S 16, 32-bit flits (2 per event), D 15. */
    @Test
    void randomNetworksOnA2x2ArrayEqualTheEventModel() {
        randomNetworks("ArrayRtlTest#randomNetworksOnA2x2ArrayEqualTheEventModel", new ArrayParams(2, 2,
                TileParams.defaults()), Integer.getInteger("neuroforge.array.networks", 40));
    }

    /** One default tile: the array's streams, merge and done around a single tile. */
    @Test
    void randomNetworksOnA1x1ArrayEqualTheEventModel() {
        randomNetworks("ArrayRtlTest#randomNetworksOnA1x1ArrayEqualTheEventModel", new ArrayParams(1, 1,
                TileParams.defaults()), Integer.getInteger("neuroforge.array.networks", 20));
    }

    /** 2 columns x 3 rows of odd tiles: 5 lanes, 24-bit flits (3 per event, partly padding), D 25, M 1000. */
    @Test
    void randomNetworksOnA2x3ArrayOfOddTilesEqualTheEventModel() {
        TileParams odd = TileParams.defaults().withNpe(new NpeParams(5, 8, 16, 8, 40, 1000)).withScdq(25, 600)
                .withRouter(new RouterParams(24, 3));
        randomNetworks("ArrayRtlTest#randomNetworksOnA2x3ArrayOfOddTilesEqualTheEventModel", new ArrayParams(2, 3, odd),
                Integer.getInteger("neuroforge.array.networks", 25));
    }

    /** 3 columns x 2 rows of small tiles: 4 lanes, W 4, S 24, V 8, 16-bit flits (4 per event), D 7, small memories. */
    @Test
    void randomNetworksOnA3x2ArrayOfSmallTilesEqualTheEventModel() {
        TileParams small = TileParams.defaults().withNpe(new NpeParams(4, 4, 24, 8, 32, 512)).withScdq(7, 256)
                .withMemories(512, 1024, 256).withRouter(new RouterParams(16, 2));
        randomNetworks("ArrayRtlTest#randomNetworksOnA3x2ArrayOfSmallTilesEqualTheEventModel", new ArrayParams(3, 2, small),
                Integer.getInteger("neuroforge.array.networks", 25));
    }
}
