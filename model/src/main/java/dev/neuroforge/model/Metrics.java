package dev.neuroforge.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NeuroBench-style counters of a run of the {@link EventModel}, and an energy estimate from an
 * {@link EnergyTable}. What is counted (docs/model.md, "Counters and energy"):
 * <ul>
 * <li>synaptic operations: effective (weight additions done, events x fan-out) and dense (every
 * synapse every step its delay allows);</li>
 * <li>per population: events, neuron updates and activation sparsity (1 - events / neuron-steps);</li>
 * <li>per projection: deliveries (events integrated, once per distinct delay they use);</li>
 * <li>memory accesses: a weight read per synaptic operation; a state read and write per synaptic
 * operation (read-modify-write of v) and per neuron update (plus o_prev for sigma-delta); a
 * delay-queue write per event and outgoing projection, a queue read per delivery;</li>
 * <li>with a {@link Mapping}: packets (one per event and projection between different tiles) and
 * XY hops.</li>
 * </ul>
 */
public record Metrics(long steps, long synopsEffective, long synopsDense, long neuronUpdates, long neuronSlots,
        Map<String, Long> eventsPerPopulation, Map<String, Long> updatesPerPopulation,
        Map<String, Double> activationSparsity, Map<String, Long> eventsPerProjection, Map<String, Long> operations,
        boolean mapped, EnergyTable energyTable, Map<String, Double> energyPicojoules, double energyTotalPicojoules) {

    /** Counters of a run with the default SENECA energy table and no mapping. */
    public static Metrics of(Network net, EventModel m) {
        return of(net, m, null, EnergyTable.seneca());
    }

    /** Counters of a run; {@code mapping} may be null (no packets or hops counted). */
    public static Metrics of(Network net, EventModel m, Mapping mapping, EnergyTable table) {
        if (mapping != null) {
            mapping.check(net);
        }
        Map<String, Long> perPop = new LinkedHashMap<>();
        Map<String, Long> updates = new LinkedHashMap<>();
        Map<String, Double> sparsity = new LinkedHashMap<>();
        long slots = 0;
        long stateAccesses = 0;
        long generated = 0;
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.populations().get(p);
            perPop.put(pop.name(), m.eventsEmitted(p));
            updates.put(pop.name(), m.neuronUpdates(p));
            sparsity.put(pop.name(), m.time() == 0 ? 1.0 : 1.0 - (double) m.eventsEmitted(p) / ((double) pop.size() * m.time()));
            if (!pop.isInput()) {
                slots += (long) pop.size() * m.time();
                generated += m.eventsEmitted(p);
                boolean sd = pop.neuron().kind() == NeuronParams.Kind.SIGMA_DELTA;
                stateAccesses += m.neuronUpdates(p) * (sd ? 2 : 1);
            }
        }
        Map<String, Long> perProj = new LinkedHashMap<>();
        long dense = 0;
        long queueWrites = 0;
        long queueReads = 0;
        long packets = 0;
        long hops = 0;
        for (int k = 0; k < net.projections().size(); k++) {
            Projection q = net.projections().get(k);
            perProj.put(k + ":" + q.from() + "->" + q.to(), m.eventsDelivered(k));
            dense += denseSynops(net, q, m.time());
            long sent = m.eventsEmitted(net.indexOf(q.from()));
            queueWrites += sent;
            queueReads += m.eventsDelivered(k);
            if (mapping != null) {
                int h = mapping.hops(q.from(), q.to());
                packets += h > 0 ? sent : 0;
                hops += sent * h;
            }
        }
        long synops = m.synapticOps();
        Map<String, Long> ops = new LinkedHashMap<>();
        ops.put("synop", synops);
        ops.put("neuronUpdate", m.neuronUpdates());
        ops.put("weightRead", synops);
        ops.put("stateRead", synops + stateAccesses);
        ops.put("stateWrite", synops + stateAccesses);
        ops.put("queueRead", queueReads);
        ops.put("queueWrite", queueWrites);
        ops.put("eventGenerated", generated);
        if (mapping != null) {
            ops.put("eventSent", packets);
            ops.put("hop", hops);
        }
        Map<String, Double> energy = new LinkedHashMap<>();
        double total = 0;
        for (String op : EnergyTable.OPERATIONS) {
            EnergyTable.Entry e = table.energies().get(op);
            if (e != null && ops.containsKey(op)) {
                double pj = ops.get(op) * e.pJ();
                energy.put(op, pj);
                total += pj;
            }
        }
        return new Metrics(m.time(), synops, dense, m.neuronUpdates(), slots, perPop, updates, sparsity, perProj, ops,
                mapping != null, table, energy, total);
    }

    /** Synapses times the steps in which their delay lets them act: max(0, T - 1 - d) each. */
    private static long denseSynops(Network net, Projection q, long steps) {
        if (q.uniformDelay()) {
            return q.synapses() * Math.max(0, steps - 1 - q.delay());
        }
        int n = net.populations().get(net.indexOf(q.from())).size();
        int[] count = new int[Projection.MAX_DELAY + 1];
        for (int i = 0; i < n; i++) {
            int src = i;
            q.forEachTarget(i, (j, w) -> count[q.delay(src, j)]++);
        }
        long dense = 0;
        for (int d = 0; d <= Projection.MAX_DELAY; d++) {
            dense += count[d] * Math.max(0, steps - 1 - d);
        }
        return dense;
    }

    /** A markdown report. */
    public String markdown(String title) {
        List<String> l = new ArrayList<>();
        l.add("# " + title);
        l.add("");
        l.add("| metric | value |");
        l.add("|---|---|");
        l.add("| timesteps | " + steps + " |");
        l.add("| synaptic operations, effective (event-driven) | " + synopsEffective + " |");
        l.add("| synaptic operations, dense equivalent | " + synopsDense + " |");
        l.add("| neuron updates (of " + neuronSlots + " neuron-steps) | " + neuronUpdates + " |");
        l.add(String.format(Locale.ROOT, "| energy estimate (%s) | %.3f nJ |", energyTable.name(), energyTotalPicojoules / 1000));
        l.add("");
        l.add("| population | events | neuron updates | activation sparsity |");
        l.add("|---|---|---|---|");
        eventsPerPopulation.forEach((k, v) -> l.add(String.format(Locale.ROOT, "| %s | %d | %d | %.4f |", k, v,
                updatesPerPopulation.get(k), activationSparsity.get(k))));
        l.add("");
        l.add("| projection | deliveries |");
        l.add("|---|---|");
        eventsPerProjection.forEach((k, v) -> l.add("| " + k + " | " + v + " |"));
        l.add("");
        l.add("| operation | count | pJ each | energy (nJ) | source |");
        l.add("|---|---|---|---|---|");
        for (String op : EnergyTable.OPERATIONS) {
            if (!operations.containsKey(op)) {
                l.add("| " + op + " | (no mapping given) | | | |");
                continue;
            }
            EnergyTable.Entry e = energyTable.energies().get(op);
            l.add(e == null ? "| " + op + " | " + operations.get(op) + " | not in table | | |"
                    : String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %s |", op, operations.get(op), e.pJ(),
                            energyPicojoules.getOrDefault(op, 0.0) / 1000, e.source()));
        }
        return String.join("\n", l) + "\n";
    }
}
