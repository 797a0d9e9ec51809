package dev.neuroforge.verif.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of the RTL tile on a 256 -> 256 LIF layer at 5 % input activity (L 8, M 8192): cycles
 * per step, synaptic operations per cycle, core busy cycles per input event. A measurement, run with
 * {@code -Dnf.measure=true}; it also checks the events against EventModel.
 */
@EnabledIfSystemProperty(named = "nf.measure", matches = "true")
class TileRtlMeasureTest {
    @Test
    void measuresA256To256LifLayerOnTheRtl() {
        measure(256, 300, "256->256 LIF");
    }

    @Test
    void measuresA256To256LayerThatNeverFires() {
        measure(256, 30000, "256->256 LIF, threshold 30000 (no fires)");
    }

    @Test
    void measuresA256To64LayerThatNeverFires() {
        measure(64, 30000, "256->64 LIF, threshold 30000 (no fires)");
    }

    private static void measure(int out, int threshold, String label) {
        SplittableRandom r = new SplittableRandom(5);
        int[][] w = new int[256][out];
        for (int[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] = -20 + r.nextInt(61);
            }
        }
        Network net = new Network("fc", List.of(Population.input("in", 256),
                new Population("out", out, NeuronParams.leaky(threshold, 4, NeuronParams.Reset.SUBTRACT, 16))),
                List.<Projection>of(new FullProjection("in", "out", 8, 0, w)));
        TileParams shape = TileParams.defaults().withNpe(new NpeParams(8, 8, 16, 16, 64, 8192));
        try (TileRtl tile = new TileRtl(shape)) {
            tile.load(TileImage.build(shape, net, TileRtlTest.firmware(), 1, 0, 0, 0));
            EventModel gold = new EventModel(net);
            tile.step(List.of());
            gold.step(List.of());
            tile.step(List.of());
            gold.step(List.of());
            long emptyBusy0 = tile.mmio(TileMap.CNT_BUSY);
            tile.step(List.of());
            gold.step(List.of());
            long emptyBusy = tile.mmio(TileMap.CNT_BUSY) - emptyBusy0;
            long syn0 = tile.mmio(TileMap.CNT_SYNOPS);
            long busy0 = tile.mmio(TileMap.CNT_BUSY);
            long fires0 = tile.mmio(TileMap.CNT_FIRES);
            long npe0 = tile.mmio(TileMap.CNT_NPE_BUSY);
            long cycles = 0;
            long events = 0;
            int steps = 50;
            for (int t = 0; t < steps; t++) {
                List<Event> in = new ArrayList<>();
                for (int i = 0; i < 256; i++) {
                    if (r.nextDouble() < 0.05) {
                        in.add(new Event(0, i, 1));
                    }
                }
                List<Event> expected = gold.step(in).stream().filter(e -> e.population() == 1).toList();
                assertEquals(expected, tile.step(in), "step " + t);
                cycles += tile.stepCycles();
                events += in.size();
            }
            // The inputs of the last step are integrated in the next one.
            List<Event> expected = gold.step(List.of()).stream().filter(e -> e.population() == 1).toList();
            assertEquals(expected, tile.step(List.of()), "last step");
            cycles += tile.stepCycles();
            long syn = tile.mmio(TileMap.CNT_SYNOPS) - syn0;
            long busy = tile.mmio(TileMap.CNT_BUSY) - busy0;
            long fires = tile.mmio(TileMap.CNT_FIRES) - fires0;
            long npe = tile.mmio(TileMap.CNT_NPE_BUSY) - npe0;
            assertEquals(events * out, syn, "CNT_SYNOPS counts every target of every MAC loop the fan-out unit starts");
            System.out.printf("[tile-rtl] %s, 5 %% input, L 8: %d input events, %d steps, %.1f fires per step;"
                    + " %.1f cycles per step (NPE busy %.1f); %d synops, %.3f synops per cycle (%.3f x L);"
                    + " CNT_BUSY %.1f per input event (%.1f beyond an empty step's %d)%n", label, events, steps + 1,
                    (double) fires / (steps + 1), (double) cycles / (steps + 1), (double) npe / (steps + 1), syn,
                    (double) syn / cycles, (double) syn / cycles / 8, (double) busy / events,
                    (double) (busy - (steps + 1) * emptyBusy) / events, emptyBusy);
        }
    }
}
