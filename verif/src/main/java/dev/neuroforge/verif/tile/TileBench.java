package dev.neuroforge.verif.tile;

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
import dev.neuroforge.verif.common.Progress;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.core.Firmware;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The tile benchmark ({@code make bench-tile}): a single-tile LIF layer, 256 binary inputs to N
 * LIF neurons (8 lanes, 8-bit weights, 16-bit states, M = 8192), seeded random weights, random
 * input at 1 %, 5 % and 20 % activity per step, run on the Verilated tile ({@link TileRtl}) with
 * the real firmware. Every step (empty, warm-up and measured) is checked against the golden
 * {@link EventModel} and the final states are compared; a mismatch stops the bench, so every
 * figure comes from a verified run. The same layer and inputs also run on the instruction-accurate
 * {@link TileModel} (also checked) for its instructions per input event.
 *
 * <p>Only the public API of {@link TileRtl}, {@link TileImage}, {@link TileModel} and the
 * {@link TileMap} counters is used, so the bench keeps working when the firmware or the fan-out
 * path of the tile changes (the figures will move, the definitions stay).
 *
 * <p>Prints a Markdown report and writes it to {@code --out} (default {@code docs/tile-bench.md}, with
 * {@code --quick} {@code verif/target/tile-bench-quick.md}). Options: {@code --quick} (2 warm-up and 20
 * measured steps instead of 5 and 100), {@code --steps N}, {@code --seed N}, {@code --out FILE}.
 */
public final class TileBench {
    private static final int INPUTS = 256;
    private static final int LANES = 8;
    private static final int EMPTY_STEPS = 3;
    private static final int W_LO = -20;
    private static final int W_HI = 40;
    private static final int LEAK_SHIFT = 4;
    /** The output firing rate per neuron and step the threshold is calibrated for (on the event model). */
    private static final double TARGET_RATE = 0.04;
    private static final double SYNOPS_TARGET = 0.7;
    private static final double CORE_CYCLES_TARGET = 24;
    private static final long MODEL_BUDGET = 5_000_000;

    private TileBench() {
    }

    /** The figures of one verified run. */
    record Result(int fanOut, double activity, int theta, int lag, int steps, long inputEvents, long cycles, long synops,
            long busy, long emptyBusy, long emptyCycles, long evOut, long fires, long npeBusy, long minCycles,
            long maxCycles, double modelPerEvent, long modelEmpty, double modelPerStep) {
        double cyclesPerStep() {
            return (double) cycles / steps;
        }

        double synopsPerCycle() {
            return (double) synops / cycles;
        }

        double coreCyclesPerEvent() {
            return (double) (busy - steps * emptyBusy) / inputEvents;
        }

        double eventsOutPerCycle() {
            return (double) evOut / cycles;
        }

        double firingRate() {
            return (double) fires / ((double) steps * fanOut);
        }

        /** Core busy cycles per instruction the TileModel executes on the same steps (CPI including stalls and polling). */
        double busyPerModelInstruction() {
            return busy / (modelPerStep * steps);
        }

        double busyPerStep() {
            return (double) busy / steps;
        }

        /** Synaptic operations per cycle of core time (tick to DONE): free of the harness's end-of-step granularity. */
        double synopsPerBusyCycle() {
            return (double) synops / busy;
        }

        double synopsPerEvent() {
            return (double) synops / inputEvents;
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        boolean quick = false;
        int steps = -1;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; allowed: --quick, --steps N, --seed N, --out FILE");
                    System.exit(2);
                }
            }
        }
        if (steps < 0) {
            steps = quick ? 20 : 100;
        }
        if (out == null) {
            // A quick run does not overwrite the committed full figures.
            out = quick ? Path.of("verif/target/tile-bench-quick.md") : Path.of("docs/tile-bench.md");
        }
        int warmup = quick ? 2 : 5;
        TileParams params = TileParams.defaults().withNpe(new NpeParams(LANES, 8, 16, 16, 64, 8192));
        Elf fw = Elf.read(Firmware.tileElf());
        double[] activities = {0.01, 0.05, 0.20};
        int[] sweep = {64, 128, 256};
        List<Result> main = new ArrayList<>();
        List<Result> fan = new ArrayList<>();
        Progress progress = new Progress("tile-bench runs", activities.length + Arrays.stream(sweep).filter(n -> n != INPUTS)
                .count());
        long compile = System.nanoTime();
        try (TileRtl tile = new TileRtl(params)) {
            compile = System.nanoTime() - compile;
            System.out.printf(Locale.ROOT, "[tile-bench] %s loaded in %.1f s%n", params.moduleName(), compile / 1e9);
            for (double a : activities) {
                Result r = run(tile, params, fw, INPUTS, a, warmup, steps, seed);
                main.add(r);
                if (a == 0.05) {
                    fan.add(r);
                }
                progress.step(main.size());
            }
            for (int n : sweep) {
                if (n != INPUTS) {
                    fan.add(run(tile, params, fw, n, 0.05, warmup, steps, seed));
                    progress.step(main.size() + fan.size() - 1);
                }
            }
        }
        progress.finish();
        fan.sort((x, y) -> Integer.compare(x.fanOut(), y.fanOut()));
        double seconds = progress.elapsedSeconds();
        String md = report(params, main, fan, steps, warmup, seed, quick, args, seconds, compile / 1e9);
        System.out.println(md);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        System.out.println("written to " + out);
    }

    /** The layer 256 -> {@code n}, LIF with threshold {@code theta}, subtract reset, leak shift 4. */
    private static Network layer(int[][] w, int n, int theta) {
        return new Network("tile-bench-" + INPUTS + "x" + n, List.of(Population.input("in", INPUTS),
                new Population("out", n, NeuronParams.leaky(theta, LEAK_SHIFT, NeuronParams.Reset.SUBTRACT, 16))),
                List.<Projection>of(new FullProjection("in", "out", 8, 0, w)));
    }

    private static List<Event> outputs(EventModel gold, List<Event> in) {
        return gold.step(in).stream().filter(e -> e.population() == 1).toList();
    }

    /** Output fires per neuron and step over the measured steps, on the event model. */
    private static double rate(int[][] w, int n, int theta, List<List<Event>> inputs, int from) {
        EventModel gold = new EventModel(layer(w, n, theta));
        long fires = 0;
        for (int t = 0; t < inputs.size(); t++) {
            int k = outputs(gold, inputs.get(t)).size();
            if (t >= from) {
                fires += k;
            }
        }
        return (double) fires / ((double) (inputs.size() - from) * n);
    }

    /** The smallest threshold whose firing rate (event model, same inputs) is at most {@link #TARGET_RATE}. */
    private static int calibrate(int[][] w, int n, List<List<Event>> inputs, int from) {
        int lo = 1;
        int hi = 32767;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rate(w, n, mid, inputs, from) <= TARGET_RATE) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static long counter(TileRtl tile, int offset) {
        return tile.mmio(offset);
    }

    private static long delta(long before, long after) {
        return (after - before) & 0xFFFF_FFFFL;
    }

    private static void check(List<Event> expected, List<Event> got, String what) {
        if (!expected.equals(got)) {
            throw new IllegalStateException("MISMATCH: " + what + ": the event model gives " + expected.size()
                    + " events " + abbrev(expected) + ", the tile " + got.size() + " events " + abbrev(got)
                    + "; no figure of this run counts");
        }
    }

    private static String abbrev(List<Event> ev) {
        return ev.size() <= 12 ? ev.toString() : ev.subList(0, 12) + "...";
    }

    private static Result run(TileRtl tile, TileParams params, Elf fw, int n, double activity, int warmup, int steps,
            long seed) {
        long t0 = System.nanoTime();
        String label = String.format(Locale.ROOT, "256 -> %d at %.0f %%", n, activity * 100);
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + n * 101L + Math.round(activity * 1000));
        int[][] w = new int[INPUTS][n];
        for (int[] row : w) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextInt(W_LO, W_HI + 1);
            }
        }
        List<List<Event>> inputs = new ArrayList<>();
        for (int t = 0; t < warmup + steps; t++) {
            List<Event> s = new ArrayList<>();
            for (int i = 0; i < INPUTS; i++) {
                if (r.nextDouble() < activity) {
                    s.add(new Event(0, i, 1));
                }
            }
            inputs.add(s);
        }
        int theta = calibrate(w, n, inputs, warmup);
        Network net = layer(w, n, theta);
        TileImage img = TileImage.build(params, net, fw, 1, 0, 0, 0);
        tile.load(img);
        TileModel model = new TileModel().load(img);
        EventModel gold = new EventModel(net);

        // Empty steps: the fixed cost of a step (tick entry, update loop over every neuron, exit).
        long emptyBusy = Long.MAX_VALUE;
        long emptyCycles = Long.MAX_VALUE;
        long modelEmpty = Long.MAX_VALUE;
        for (int t = 0; t < EMPTY_STEPS; t++) {
            List<Event> expected = outputs(gold, List.of());
            long b0 = counter(tile, TileMap.CNT_BUSY);
            check(expected, tile.step(List.of()), label + ", empty step " + t + " (RTL)");
            long b1 = counter(tile, TileMap.CNT_BUSY);
            check(expected, model.step(List.of(), MODEL_BUDGET), label + ", empty step " + t + " (TileModel)");
            emptyBusy = Math.min(emptyBusy, delta(b0, b1));
            emptyCycles = Math.min(emptyCycles, tile.stepCycles());
            modelEmpty = Math.min(modelEmpty, model.stepInstructions());
        }
        for (int t = 0; t < warmup; t++) {
            List<Event> expected = outputs(gold, inputs.get(t));
            check(expected, tile.step(inputs.get(t)), label + ", warm-up step " + t + " (RTL)");
            check(expected, model.step(inputs.get(t), MODEL_BUDGET), label + ", warm-up step " + t + " (TileModel)");
        }
        int[] offs = {TileMap.CNT_SYNOPS, TileMap.CNT_BUSY, TileMap.CNT_EV_OUT, TileMap.CNT_FIRES, TileMap.CNT_NPE_BUSY};
        long[] prev = new long[offs.length];
        for (int k = 0; k < offs.length; k++) {
            prev[k] = counter(tile, offs[k]);
        }
        long[] d = new long[offs.length];
        long[] stepSynops = new long[steps];
        long cycles = 0;
        long modelInstr = 0;
        long minCycles = Long.MAX_VALUE;
        long maxCycles = 0;
        long fires = 0;
        for (int t = warmup; t < warmup + steps; t++) {
            List<Event> in = inputs.get(t);
            List<Event> expected = outputs(gold, in);
            check(expected, tile.step(in), label + ", step " + t + " (RTL)");
            check(expected, model.step(in, MODEL_BUDGET), label + ", step " + t + " (TileModel)");
            cycles += tile.stepCycles();
            minCycles = Math.min(minCycles, tile.stepCycles());
            maxCycles = Math.max(maxCycles, tile.stepCycles());
            modelInstr += model.stepInstructions();
            fires += expected.size();
            for (int k = 0; k < offs.length; k++) {
                long now = counter(tile, offs[k]);
                long dk = delta(prev[k], now);
                d[k] += dk;
                prev[k] = now;
                if (k == 0) {
                    stepSynops[t - warmup] = dk;
                }
            }
        }
        // Which step's input a step integrates: the host sends step t's events after tick t, they are
        // pushed at SCDQ step t + 1 and integrated in step t + 1 (delay 0), docs/tile.md. Found from
        // the per-step CNT_SYNOPS (each input event has exactly n synapses), not assumed.
        int lag = -1;
        for (int l = 0; l <= Math.min(2, warmup); l++) {
            boolean fits = true;
            for (int t = 0; t < steps && fits; t++) {
                fits = stepSynops[t] == (long) n * inputs.get(warmup + t - l).size();
            }
            if (fits) {
                lag = l;
                break;
            }
        }
        if (lag < 0) {
            throw new IllegalStateException("CNT_SYNOPS per step is not n x the input events of step t, t - 1 or t - 2 ("
                    + label + "): " + Arrays.toString(stepSynops));
        }
        long events = 0;
        for (int t = warmup; t < warmup + steps; t++) {
            events += inputs.get(t - lag).size();
        }
        double modelPerEvent = (double) (modelInstr - (long) steps * modelEmpty) / events;
        Result res = new Result(n, activity, theta, lag, steps, events, cycles, d[0], d[1], emptyBusy, emptyCycles, d[2], d[3],
                d[4], minCycles, maxCycles, modelPerEvent, modelEmpty, (double) modelInstr / steps);
        System.out.printf(Locale.ROOT, "[tile-bench] %s: theta %d, %d input events in %d steps, firing %.2f %%, %.0f cycles/step,"
                + " %.2f synops/cycle, %.1f core cycles/input event, %.1f TileModel instructions/input event (%.1f s)%n",
                label, theta, events, steps, 100 * res.firingRate(), res.cyclesPerStep(), res.synopsPerCycle(),
                res.coreCyclesPerEvent(), modelPerEvent, (System.nanoTime() - t0) / 1e9);
        return res;
    }

    private static String tool(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return s.lines().findFirst().orElse("?").trim();
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String mark(boolean ok) {
        return ok ? "met" : "**not met**";
    }

    private static String report(TileParams params, List<Result> main, List<Result> fan, int steps, int warmup, long seed,
            boolean quick, String[] args, double seconds, double loadSeconds) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String argLine = args.length == 0 ? "" : " " + String.join(" ", args);
        StringBuilder b = new StringBuilder();
        b.append("# Tile benchmark\n\n");
        b.append("Written by `make bench-tile").append(args.length == 0 ? "" : " BENCH_ARGS='" + String.join(" ", args) + "'")
                .append("` (`dev.neuroforge.verif.tile.TileBench`) on ").append(date).append(". Exact command:\n\n```sh\n")
                .append("mvn -B -q -pl verif -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt\n")
                .append("java -cp verif/target/classes:$(cat verif/target/classpath.txt) dev.neuroforge.verif.tile.TileBench")
                .append(argLine).append("\n```\n\n");
        b.append("Tools: Java ").append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("), ").append(tool("verilator", "--version")).append(", ").append(tool("riscv64-unknown-elf-gcc", "--version"))
                .append(" (firmware), commit ").append(tool("git", "rev-parse", "--short", "HEAD")).append(".\n\n");
        b.append("Tile: `").append(params.moduleName()).append("` (TileParams.defaults() with NpeParams(8, 8, 16, 16, 64, 8192)), ")
                .append("the firmware `firmware/tile/tile.c`, the host at (0, 0) west of the tile at (1, 0).\n\n");
        b.append("Layer: 256 binary inputs -> N LIF neurons (16-bit state, leak shift ").append(LEAK_SHIFT)
                .append(", subtract reset), one full projection, delay 0, weights uniform in [").append(W_LO).append(", ")
                .append(W_HI).append("] (seeded, `--seed ").append(seed).append("`). The threshold is calibrated per run on the ")
                .append("event model (same weights and inputs) to the smallest value giving at most ")
                .append(String.format(Locale.ROOT, "%.0f", TARGET_RATE * 100)).append(" % output fires per neuron and step. ")
                .append("Input: each of the 256 inputs spikes independently with the given probability per step. Per run: ")
                .append(EMPTY_STEPS).append(" empty steps, ").append(warmup).append(" warm-up steps, then ").append(steps)
                .append(" measured steps").append(quick ? " (`--quick`)" : "").append(". **Every step of every run (empty, ")
                .append("warm-up, measured) equals the golden `EventModel` on the RTL and on `TileModel`, and so do the final ")
                .append("states; the bench stops on the first mismatch.**\n\n");
        b.append("Definitions (all over the measured steps):\n\n")
                .append("- *input events*: the events a measured step integrates. The host sends step t's events after ")
                .append("tick t; they are pushed at SCDQ step t + 1 and integrated in step t + 1 (delay 0), so a step's ")
                .append("work is the previous step's input. The bench finds this lag from the per-step `CNT_SYNOPS` (each ")
                .append("event has exactly N synapses; found: ").append(main.get(0).lag()).append(" step) instead of assuming it.\n")
                .append("- *cycles/step*: clock cycles from the host's tick to the step being provably over (tile idle, packets ")
                .append("sent = received), `TileRtl.stepCycles()`; mean (min-max).\n")
                .append("  The harness samples idle and the packet counters every cycle, so the end of a step is exact. ")
                .append("*tick to DONE*: the `CNT_BUSY` cycles per step (the core working on the ")
                .append("step; after DONE only the event-out unit's last packets and their trip to the host remain), and ")
                .append("*synops per busy cycle* divides by it.\n")
                .append("- *synops/cycle*: `CNT_SYNOPS` delta (sum of COUNT of every MAC/ACC loop, read over the host port) / ")
                .append("the cycles of the steps; `/ L` divides by the 8 lanes. Includes every cycle of the step (tick entry, ")
                .append("popping, the update loop), so it is the sustained figure of a whole step, not of the NPE alone.\n")
                .append("- *core cycles per input event*: (`CNT_BUSY` delta - steps x the busy cycles of an empty step) / input ")
                .append("events. `CNT_BUSY` counts the cycles from the tick until the firmware writes DONE; an empty step ")
                .append("(no input: tick entry, SCDQ advance, the LIF loop over all neurons, exit) is the fixed cost, ")
                .append("the rest is what the input events add: popping and sorting, handing each event to the fan-out unit, ")
                .append("the core's waits on a full fan-out queue (with N targets an event takes the NPE N / L cycles: 32 at ")
                .append("N = 256, so there the core waits for the NPE and this figure is the NPE's pace, not the core's ")
                .append("work), and the longer update loop while fire events drain through the event-out unit.\n")
                .append("- *events out/cycle*: `CNT_EV_OUT` delta (packets to the host, one per fire) / cycles.\n")
                .append("- *TileModel instr/event*: the instruction-accurate `TileModel` on the same layer and inputs, ")
                .append("(sum of `stepInstructions()` - steps x those of an empty step) / input events. *busy cycles per ")
                .append("TileModel instruction*: `CNT_BUSY` / the TileModel's instructions on the same steps, the core's CPI ")
                .append("including NPE-queue stalls and waits (the model's NPE never stalls, so polling loops run once there).\n\n");

        b.append("## Input activity (256 -> 256)\n\n");
        b.append("| input activity | fan-out | threshold | input events/step | output fires per neuron and step | cycles/step "
                + "| tick to DONE (CNT_BUSY)/step | empty step: cycles / busy | synops/cycle | / L | target >= 0.7 L "
                + "| synops per busy cycle | core cycles per input event "
                + "| target <= 24 | events out/cycle | TileModel instr/event (empty step) | busy cycles per TileModel instruction |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|---:|---:|\n");
        for (Result r : main) {
            b.append(String.format(Locale.ROOT,
                    "| %.0f %% | %d | %d | %.2f | %.2f %% | %.0f (%d-%d) | %.0f | %d / %d | %.2f | %.3f | %s | %.2f | %.1f | %s | %.4f | %.1f (%d) | %.2f |%n",
                    r.activity() * 100, r.fanOut(), r.theta(), (double) r.inputEvents() / r.steps(), 100 * r.firingRate(),
                    r.cyclesPerStep(), r.minCycles(), r.maxCycles(), r.busyPerStep(), r.emptyCycles(), r.emptyBusy(),
                    r.synopsPerCycle(), r.synopsPerCycle() / LANES,
                    r.activity() == 0.05 && r.fanOut() >= 64 ? mark(r.synopsPerCycle() >= SYNOPS_TARGET * LANES) : "(at 5 %)",
                    r.synopsPerBusyCycle(),
                    r.coreCyclesPerEvent(), mark(r.coreCyclesPerEvent() <= CORE_CYCLES_TARGET), r.eventsOutPerCycle(),
                    r.modelPerEvent(), r.modelEmpty(), r.busyPerModelInstruction()));
        }
        b.append("\n## Fan-out sweep at 5 % input activity (256 -> N)\n\n");
        b.append("| fan-out N | NPE rows | threshold | output fires per neuron and step | cycles/step | synops per input event "
                + "| synops/cycle | / L | target >= 0.7 L | synops per busy cycle | NPE busy / cycles | core cycles per input event | target <= 24 "
                + "| TileModel instr/event |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|\n");
        for (Result r : fan) {
            b.append(String.format(Locale.ROOT, "| %d | %d | %d | %.2f %% | %.0f | %.0f | %.2f | %.3f | %s | %.2f | %.2f | %.1f | %s | %.1f |%n",
                    r.fanOut(), (r.fanOut() + LANES - 1) / LANES, r.theta(), 100 * r.firingRate(), r.cyclesPerStep(),
                    r.synopsPerEvent(), r.synopsPerCycle(), r.synopsPerCycle() / LANES,
                    mark(r.synopsPerCycle() >= SYNOPS_TARGET * LANES), r.synopsPerBusyCycle(), (double) r.npeBusy() / r.cycles(),
                    r.coreCyclesPerEvent(), mark(r.coreCyclesPerEvent() <= CORE_CYCLES_TARGET), r.modelPerEvent()));
        }
        b.append(String.format(Locale.ROOT, "%nThe 256 row is the 5 %% run of the first table. NPE busy / cycles is "
                + "`CNT_NPE_BUSY` / cycles. Bench time: %.0f s (of which %.0f s building or loading the Verilated tile).%n",
                seconds, loadSeconds));
        return b.toString();
    }
}
