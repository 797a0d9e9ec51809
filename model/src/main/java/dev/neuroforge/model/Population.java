package dev.neuroforge.model;

import java.util.regex.Pattern;

/**
 * A layer of neurons. An input population has no neuron model: its events come from outside.
 *
 * @param name   unique name, used by projections and in reports
 * @param size   number of neurons, 1..1,048,576
 * @param neuron the neuron model, or null for an input population
 */
public record Population(String name, int size, NeuronParams neuron) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    public Population {
        Check.notNull("name", name);
        if (!NAME.matcher(name).matches()) {
            throw Check.fail("name = \"" + name + "\" is not allowed: a letter, then letters, digits or '_' (at most 64)");
        }
        Check.range("size", size, 1, 1 << 20);
    }

    public static Population input(String name, int size) {
        return new Population(name, size, null);
    }

    public boolean isInput() {
        return neuron == null;
    }
}
