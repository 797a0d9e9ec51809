package dev.neuroforge.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A network: populations joined by projections. Validated as a whole on construction: names are
 * unique, projections name existing populations, weight matrices match the population sizes and
 * input populations receive nothing.
 */
public record Network(String name, List<Population> populations, List<Projection> projections) {
    public Network {
        Check.notNull("name", name);
        populations = List.copyOf(Check.notNull("populations", populations));
        projections = List.copyOf(Check.notNull("projections", projections));
        if (populations.isEmpty()) {
            throw Check.fail("populations is empty: a network needs at least one population");
        }
        Map<String, Population> byName = new HashMap<>();
        for (int i = 0; i < populations.size(); i++) {
            Population p = populations.get(i);
            if (byName.put(p.name(), p) != null) {
                throw Check.fail("populations[" + i + "].name = \"" + p.name() + "\" is used twice");
            }
        }
        for (int k = 0; k < projections.size(); k++) {
            Projection q = projections.get(k);
            String at = "projections[" + k + "]";
            Population from = byName.get(q.from());
            Population to = byName.get(q.to());
            if (from == null) {
                throw Check.fail(at + ".from = \"" + q.from() + "\" names no population; known: " + byName.keySet());
            }
            if (to == null) {
                throw Check.fail(at + ".to = \"" + q.to() + "\" names no population; known: " + byName.keySet());
            }
            if (to.isInput()) {
                throw Check.fail(at + ".to = \"" + q.to() + "\" is an input population; inputs receive no projections");
            }
            q.validate(from, to, at);
        }
    }

    public int indexOf(String population) {
        for (int i = 0; i < populations.size(); i++) {
            if (populations.get(i).name().equals(population)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no population " + population + " in network " + name);
    }

    /** The largest synapse delay of any projection. */
    public int maxDelay() {
        return projections.stream().mapToInt(Projection::maxDelay).max().orElse(0);
    }
}
