package dev.neuroforge.model;

/**
 * An event: neuron {@code neuron} of population {@code population} emitted {@code value}
 * (1 for a binary spike, a signed change for a sigma-delta neuron).
 */
public record Event(int population, int neuron, long value) implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
        int c = Integer.compare(population, o.population);
        return c != 0 ? c : Integer.compare(neuron, o.neuron);
    }
}
