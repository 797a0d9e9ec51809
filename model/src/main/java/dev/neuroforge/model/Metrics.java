package dev.neuroforge.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NeuroBench-style counters of a run of the {@link EventModel}, and an energy estimate.
 *
 * <p>Energy: only the figure the design brief gives is built in, about 2.8 pJ per synaptic
 * operation for SENECA (ARCHITECTURE.md section 3, from imec's published SENECA figures). Other
 * per-operation energies are not guessed: pass a table to {@link #energyPicojoules(Map)} to
 * count them.
 */
public record Metrics(long steps, long synopsEffective, long synopsDense, long neuronUpdates, long neuronSlots,
        Map<String, Long> eventsPerPopulation, Map<String, Double> activationSparsity,
        Map<String, Long> eventsPerProjection) {
    /** Default energy per synaptic operation, picojoules (SENECA, per the design brief). */
    public static final double SYNOP_PJ = 2.8;

    public static Metrics of(Network net, EventModel m) {
        Map<String, Long> perPop = new LinkedHashMap<>();
        Map<String, Double> sparsity = new LinkedHashMap<>();
        long slots = 0;
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.populations().get(p);
            perPop.put(pop.name(), m.eventsEmitted(p));
            sparsity.put(pop.name(), m.time() == 0 ? 1.0 : 1.0 - (double) m.eventsEmitted(p) / ((double) pop.size() * m.time()));
            slots += pop.isInput() ? 0 : (long) pop.size() * m.time();
        }
        Map<String, Long> perProj = new LinkedHashMap<>();
        long dense = 0;
        for (int k = 0; k < net.projections().size(); k++) {
            Projection q = net.projections().get(k);
            perProj.put(k + ":" + q.from() + "->" + q.to(), m.eventsDelivered(k));
            dense += q.synapses() * Math.max(0, m.time() - 1 - q.delay());
        }
        return new Metrics(m.time(), m.synapticOps(), dense, m.neuronUpdates(), slots, perPop, sparsity, perProj);
    }

    /** Energy in picojoules from a table of per-operation energies ("synop", "neuronUpdate"). */
    public double energyPicojoules(Map<String, Double> table) {
        return synopsEffective * table.getOrDefault("synop", 0.0) + neuronUpdates * table.getOrDefault("neuronUpdate", 0.0);
    }

    public static Map<String, Double> defaultEnergyTable() {
        return Map.of("synop", SYNOP_PJ);
    }

    /** A markdown summary. */
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
        l.add(String.format(Locale.ROOT, "| energy estimate, synaptic operations at %.1f pJ | %.3f nJ |", SYNOP_PJ,
                energyPicojoules(defaultEnergyTable()) / 1000));
        l.add("");
        l.add("| population | events | activation sparsity |");
        l.add("|---|---|---|");
        eventsPerPopulation.forEach((k, v) -> l.add(String.format(Locale.ROOT, "| %s | %d | %.4f |", k, v, activationSparsity.get(k))));
        l.add("");
        l.add("| projection | events delivered |");
        l.add("|---|---|");
        eventsPerProjection.forEach((k, v) -> l.add("| " + k + " | " + v + " |"));
        return String.join("\n", l) + "\n";
    }
}
