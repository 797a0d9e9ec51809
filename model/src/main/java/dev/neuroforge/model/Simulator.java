package dev.neuroforge.model;

import java.util.List;

/**
 * A step-by-step simulation of a {@link Network} (semantics in docs/model.md). Two
 * implementations exist: {@link EventModel} (work proportional to events, the golden model) and
 * {@link DenseModel} (every neuron, every step: the plain reading of the definition, used to prove
 * the event-driven one right).
 */
public interface Simulator {
    /**
     * Runs one timestep. {@code inputs} are the events the input populations emit in this step
     * (at most one per neuron, value non-zero). Returns the events every population emitted in
     * this step, input populations included, sorted by (population, neuron).
     */
    List<Event> step(List<Event> inputs);

    /** The state v of every neuron of population {@code population} (zeros for an input population). */
    long[] state(int population);

    /** Steps run so far. */
    long time();

    /** Synaptic operations performed: weight additions actually done. */
    long synapticOps();
}
