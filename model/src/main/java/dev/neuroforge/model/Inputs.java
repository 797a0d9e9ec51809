package dev.neuroforge.model;

import java.util.List;

/** Checks a step's input events and writes them into the emitted values of the step. */
final class Inputs {
    private Inputs() {
    }

    static void apply(Network net, List<Event> inputs, long[][] emitted) {
        for (Event e : inputs) {
            if (e.population() < 0 || e.population() >= net.populations().size()) {
                throw new IllegalArgumentException("input event " + e + ": population index out of range");
            }
            Population p = net.populations().get(e.population());
            if (!p.isInput()) {
                throw new IllegalArgumentException("input event " + e + ": " + p.name() + " is not an input population");
            }
            if (e.neuron() < 0 || e.neuron() >= p.size()) {
                throw new IllegalArgumentException("input event " + e + ": neuron must be in 0.." + (p.size() - 1));
            }
            if (e.value() == 0) {
                throw new IllegalArgumentException("input event " + e + ": value 0 is no event");
            }
            if (emitted[e.population()][e.neuron()] != 0) {
                throw new IllegalArgumentException("input event " + e + ": neuron already has an event in this step");
            }
            emitted[e.population()][e.neuron()] = e.value();
        }
    }
}
