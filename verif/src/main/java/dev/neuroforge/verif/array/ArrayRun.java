package dev.neuroforge.verif.array;

import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.model.EnergyTable;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A whole run of a mapped network on the Verilated array (docs/array.md, "Run"): every step's
 * events, checked against the golden model as they come, and the hardware's own figures: cycles
 * per step, each tile's activity counters (read over the host port before and after), packets,
 * links crossed, and the energy estimate of those counts under an {@link EnergyTable}.
 */
public final class ArrayRun {
    /** The activity counters of one tile over the run (docs/tile.md, MMIO {@code CNT_*}). */
    public record TileCounters(long synops, long updates, long eventsIn, long eventsOut, long fires, long scdqPeak,
            long coreBusy, long npeBusy) {
    }

    /** What a run measured. */
    public record Result(List<List<Event>> events, long[][] states, long[] stepCycles, TileCounters[] tiles,
            long hostPacketsIn, long hostPacketsOut, long hops, Map<String, Long> operations,
            Map<String, Double> energyPicojoules, double energyTotalPicojoules, String mismatch) {
        public long cycles() {
            long c = 0;
            for (long s : stepCycles) {
                c += s;
            }
            return c;
        }
    }

    private static final int[] COUNTERS = {TileMap.CNT_SYNOPS, TileMap.CNT_UPDATES, TileMap.CNT_EV_IN,
        TileMap.CNT_EV_OUT, TileMap.CNT_FIRES, TileMap.CNT_SCDQ_PEAK, TileMap.CNT_BUSY, TileMap.CNT_NPE_BUSY};

    private ArrayRun() {
    }

    /**
     * Loads {@code m} on {@code rtl} and runs {@code steps} steps of {@code inputs} (missing steps
     * are empty). With {@code check}, the golden model runs beside it and the first step whose
     * events differ ends the run ({@link Result#mismatch()} says where). {@code progress} gets a
     * line every few seconds.
     */
    public static Result run(ArrayRtl rtl, ArrayMapping m, List<List<Event>> inputs, int steps, boolean check,
            EnergyTable table, Consumer<String> progress) {
        Network net = m.network();
        rtl.load(m);
        long[][] before = counters(rtl, m);
        EventModel gold = check ? new EventModel(net) : null;
        List<List<Event>> events = new ArrayList<>();
        long[] cycles = new long[steps];
        long hops = 0;
        long in = rtl.packetsIn();
        String mismatch = null;
        long t0 = System.nanoTime();
        long lastReport = t0;
        for (int t = 0; t < steps; t++) {
            List<Event> stepIn = t < inputs.size() ? inputs.get(t) : List.of();
            List<Event> got = rtl.step(stepIn);
            cycles[t] = rtl.stepCycles();
            for (Event e : stepIn) {
                hops += m.traffic(e.population(), e.neuron())[1];
            }
            for (Event e : got) {
                hops += m.traffic(e.population(), e.neuron())[1];
            }
            events.add(got);
            if (gold != null) {
                List<Event> want = new ArrayList<>();
                for (Event e : gold.step(stepIn)) {
                    if (m.reported(e.population())) {
                        want.add(e);
                    }
                }
                if (!want.equals(got)) {
                    mismatch = "step " + t + ": the array sent " + got.size() + " events, the golden model "
                            + want.size() + "; first difference " + firstDifference(want, got);
                    cycles = java.util.Arrays.copyOf(cycles, t + 1);
                    break;
                }
            }
            long now = System.nanoTime();
            if (progress != null && now - lastReport > 5_000_000_000L) {
                progress.accept(String.format(Locale.ROOT, "step %d of %d, %d cycles, %.1f s", t + 1, steps, rtl.cycles(),
                        (now - t0) / 1e9));
                lastReport = now;
            }
        }
        long[][] after = counters(rtl, m);
        TileCounters[] tiles = new TileCounters[m.tiles()];
        long[] sum = new long[COUNTERS.length];
        for (int k = 0; k < m.tiles(); k++) {
            long[] d = new long[COUNTERS.length];
            for (int c = 0; c < d.length; c++) {
                // the SCDQ peak is a high-water mark, the others count up
                d[c] = COUNTERS[c] == TileMap.CNT_SCDQ_PEAK ? after[k][c] : (after[k][c] - before[k][c]) & 0xFFFF_FFFFL;
                sum[c] += d[c];
            }
            tiles[k] = new TileCounters(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
        }
        long hostIn = rtl.packetsIn() - in;
        long[][] states = new long[net.populations().size()][];
        for (int p = 0; p < states.length; p++) {
            if (!net.populations().get(p).isInput()) {
                states[p] = rtl.states(p);
                if (mismatch == null && gold != null && !java.util.Arrays.equals(states[p], gold.state(p))) {
                    mismatch = "final states of " + net.populations().get(p).name() + " differ from the golden model's";
                }
            }
        }
        Map<String, Long> ops = new LinkedHashMap<>();
        ops.put("synop", sum[0]);
        ops.put("neuronUpdate", sum[1]);
        ops.put("weightRead", sum[0]);
        ops.put("stateRead", sum[0] + sum[1]);
        ops.put("stateWrite", sum[0] + sum[1]);
        ops.put("queueWrite", sum[2]);
        ops.put("queueRead", sum[2]);
        ops.put("eventGenerated", sum[4]);
        ops.put("eventSent", sum[3] + hostIn);
        ops.put("hop", hops);
        Map<String, Double> energy = new LinkedHashMap<>();
        double total = 0;
        for (String op : EnergyTable.OPERATIONS) {
            EnergyTable.Entry e = table.energies().get(op);
            if (e != null && ops.containsKey(op)) {
                energy.put(op, ops.get(op) * e.pJ());
                total += ops.get(op) * e.pJ();
            }
        }
        return new Result(events, states, cycles, tiles, hostIn, rtl.packetsOut(), hops, ops, energy, total, mismatch);
    }

    private static long[][] counters(ArrayRtl rtl, ArrayMapping m) {
        long[][] c = new long[m.tiles()][COUNTERS.length];
        for (int t = 0; t < m.tiles(); t++) {
            for (int k = 0; k < COUNTERS.length; k++) {
                c[t][k] = rtl.mmio(t, COUNTERS[k]);
            }
        }
        return c;
    }

    private static String firstDifference(List<Event> want, List<Event> got) {
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            Event w = i < want.size() ? want.get(i) : null;
            Event g = i < got.size() ? got.get(i) : null;
            if (w == null || !w.equals(g)) {
                return "at index " + i + ": golden " + w + ", array " + g;
            }
        }
        return "none";
    }

    /** The hardware figures of a run as markdown: per step, per tile, traffic and energy. */
    public static String markdown(ArrayMapping m, Result r) {
        StringBuilder b = new StringBuilder();
        long cycles = r.cycles();
        int steps = r.stepCycles().length;
        b.append(String.format(Locale.ROOT, "## Hardware figures (%s, RTL)%n%n", m.array().moduleName()));
        b.append("| figure | value |\n|---|---:|\n");
        b.append(String.format(Locale.ROOT, "| steps | %d |%n| clock cycles (tick to done, all steps) | %d |%n", steps,
                cycles));
        b.append(String.format(Locale.ROOT, "| cycles per step (mean) | %.1f |%n", steps == 0 ? 0.0 : (double) cycles / steps));
        long max = 0;
        for (long s : r.stepCycles()) {
            max = Math.max(max, s);
        }
        b.append(String.format(Locale.ROOT, "| cycles per step (max) | %d |%n", max));
        b.append(String.format(Locale.ROOT, "| host packets in / out | %d / %d |%n", r.hostPacketsIn(), r.hostPacketsOut()));
        b.append(String.format(Locale.ROOT, "| links crossed (hops) | %d |%n", r.hops()));
        long synops = r.operations().get("synop");
        int lanes = m.array().tile().npe().lanes();
        b.append(String.format(Locale.ROOT, "| synaptic ops per cycle (peak %d = tiles x lanes) | %.3f |%n",
                m.tiles() * lanes, cycles == 0 ? 0.0 : (double) synops / cycles));
        b.append(String.format(Locale.ROOT, "| energy estimate (%s) | %.3f nJ |%n%n", "counters x table",
                r.energyTotalPicojoules() / 1000));
        b.append("| tile | synaptic ops | neuron updates | events in | packets out | fires | SCDQ peak | core busy |"
                + " NPE busy |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int t = 0; t < r.tiles().length; t++) {
            TileCounters c = r.tiles()[t];
            b.append(String.format(Locale.ROOT, "| (%d, %d) | %d | %d | %d | %d | %d | %d | %.1f %% | %.1f %% |%n",
                    t % m.array().cols(), t / m.array().cols(), c.synops(), c.updates(), c.eventsIn(), c.eventsOut(),
                    c.fires(), c.scdqPeak(), pct(c.coreBusy(), cycles), pct(c.npeBusy(), cycles)));
        }
        b.append("\n| operation | count | energy (pJ) |\n|---|---:|---:|\n");
        r.operations().forEach((k, v) -> b.append(String.format(Locale.ROOT, "| %s | %d | %s |%n", k, v,
                r.energyPicojoules().containsKey(k) ? String.format(Locale.ROOT, "%.1f", r.energyPicojoules().get(k)) : "-")));
        return b.toString();
    }

    private static double pct(long a, long b) {
        return b == 0 ? 0 : Math.min(100.0, 100.0 * a / b);
    }
}
