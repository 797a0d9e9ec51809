package dev.neuroforge.verif.array;

import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.EnergyTable;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.Metrics;
import dev.neuroforge.model.workloads.FashionMnist;
import dev.neuroforge.model.workloads.FcLif;
import dev.neuroforge.verif.common.Progress;
import dev.neuroforge.verif.core.Firmware;
import java.util.List;
import java.util.Locale;

/**
 * Model workloads on the RTL (docs/array.md): the Fashion-MNIST fully connected LIF network
 * (784 -> 256 -> 128 -> 10, 24-bit states; {@code model/workloads/FcLif}) on the smallest array it
 * fits, 2 x 2 tiles with 24-bit states and 8192 weight words. Every test image runs on the
 * Verilated array with the golden model checking every step and the final states; the array's
 * class and the model's (computed from the model's own run) are both kept.
 */
public final class ArrayWorkloads {
    private ArrayWorkloads() {
    }

    /** The workload's tile: the default tile with S 24 and M 8192, D 3, an SCDQ of 2048 events. */
    public static TileParams fcLifTile() {
        return TileParams.defaults().withNpe(new NpeParams(8, 8, 24, 16, 64, 8192)).withScdq(3, 2048);
    }

    /** What a workload run measured; {@code mismatch} is the first difference from the model (null: none). */
    public record Summary(String array, int samples, int correctArray, int correctModel, int classesDiffer,
            long cycles, int stepsPerSample, long synops, double energyPicojoules, double modelEnergyPicojoules,
            int peak, String mismatch) {
        public String line() {
            return String.format(Locale.ROOT, "%s: %d images, %d correct on the array (%d by the model), %d classes"
                    + " differ, %.0f cycles per image (%.0f per step), %.2f synaptic ops per cycle (peak %d), %.2f uJ per"
                    + " image from the counters (model's estimate %.2f uJ)", array, samples, correctArray, correctModel,
                    classesDiffer, (double) cycles / samples, (double) cycles / samples / stepsPerSample,
                    (double) synops / cycles, peak, energyPicojoules / samples / 1e6, modelEnergyPicojoules / samples / 1e6);
        }
    }

    /**
     * Trains FcLif (4000 images, 1 epoch, {@code seed}) and runs {@code samples} test images of 32
     * steps (+3); the images done so far go to stderr as {@link Progress}.
     */
    public static Summary fcLif(int samples, long seed) {
        int steps = 32;
        int run = steps + 3;
        FcLif.Trained tr = FcLif.train(4000, 1, seed);
        ArrayParams a = new ArrayParams(2, 2, fcLifTile());
        ArrayMapping m = ArrayMapping.map(a, tr.network(), Firmware.tile());
        FashionMnist test = FashionMnist.load(false, samples);
        int okArray = 0;
        int okModel = 0;
        int differ = 0;
        long cycles = 0;
        long synops = 0;
        double energy = 0;
        double modelEnergy = 0;
        String mismatch = null;
        try (ArrayRtl rtl = new ArrayRtl(a)) {
            Progress progress = new Progress(a.moduleName() + " FcLif images", samples);
            for (int i = 0; i < samples && mismatch == null; i++) {
                List<List<Event>> in = FcLif.input(test.images()[i], steps, seed, i);
                ArrayRun.Result r = ArrayRun.run(rtl, m, in, run, true, EnergyTable.seneca(), null);
                if (r.mismatch() != null) {
                    mismatch = "image " + i + ": " + r.mismatch();
                }
                EventModel gold = new EventModel(tr.network());
                long[] goldSpikes = new long[10];
                for (int t = 0; t < run; t++) {
                    for (Event e : gold.step(t < steps ? in.get(t) : List.of())) {
                        if (e.population() == FcLif.OUTPUT) {
                            goldSpikes[e.neuron()]++;
                        }
                    }
                }
                long[] spikes = new long[10];
                for (List<Event> step : r.events()) {
                    for (Event e : step) {
                        if (e.population() == FcLif.OUTPUT) {
                            spikes[e.neuron()]++;
                        }
                    }
                }
                int cls = tr.classify(spikes, r.states()[FcLif.OUTPUT]);
                int goldCls = tr.classify(goldSpikes, gold.state(FcLif.OUTPUT));
                okArray += cls == test.labels()[i] ? 1 : 0;
                okModel += goldCls == test.labels()[i] ? 1 : 0;
                differ += cls == goldCls ? 0 : 1;
                cycles += r.cycles();
                synops += r.operations().get("synop");
                energy += r.energyTotalPicojoules();
                modelEnergy += Metrics.of(tr.network(), gold).energyTotalPicojoules();
                progress.step(i + 1);
            }
            progress.finish();
        }
        return new Summary(a.moduleName(), samples, okArray, okModel, differ, cycles, run, synops, energy, modelEnergy,
                a.tiles() * a.tile().npe().lanes(), mismatch);
    }
}
