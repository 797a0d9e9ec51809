package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {
    private static final NeuronParams IF = NeuronParams.integrateAndFire(10, NeuronParams.Reset.ZERO, 16);

    private static String error(Runnable r) {
        return assertThrows(Check.NetworkException.class, r::run).getMessage();
    }

    @Test
    void rejectsWeightsOutsideTheirBits() {
        assertEquals("weights[1][0] = 8 is not allowed: must be in -8..7 for weightBits = 4",
                error(() -> new FullProjection("a", "b", 4, 0, new int[][] {{7}, {8}})));
        assertEquals("weightBits = 5 is not allowed: must be 4, 8 or 16",
                error(() -> new FullProjection("a", "b", 5, 0, new int[][] {{0}})));
    }

    @Test
    void rejectsDelaysAboveTheMaximum() {
        assertEquals("delay = 256 is not allowed: must be an integer in 0..255",
                error(() -> new FullProjection("a", "b", 8, 256, new int[][] {{0}})));
    }

    @Test
    void rejectsShapesThatDoNotMatch() {
        List<Population> pops = List.of(Population.input("a", 2), new Population("b", 3, IF));
        assertEquals("projections[0].weights has 1 rows; must be 2 (the size of a)",
                error(() -> new Network("n", pops, List.of(new FullProjection("a", "b", 8, 0, new int[][] {{1, 2, 3}})))));
        assertEquals("projections[0].weights[1] has 2 columns; must be 3 (the size of b)",
                error(() -> new Network("n", pops, List.of(new FullProjection("a", "b", 8, 0, new int[][] {{1, 2, 3}, {1, 2}})))));
    }

    @Test
    void rejectsUnknownPopulationsInputTargetsAndDuplicates() {
        List<Population> pops = List.of(Population.input("a", 1), new Population("b", 1, IF));
        assertEquals("projections[0].to = \"c\" names no population; known: [a, b]",
                error(() -> new Network("n", pops, List.of(new FullProjection("a", "c", 8, 0, new int[][] {{1}})))));
        assertEquals("projections[0].to = \"a\" is an input population; inputs receive no projections",
                error(() -> new Network("n", pops, List.of(new FullProjection("b", "a", 8, 0, new int[][] {{1}})))));
        assertEquals("populations[1].name = \"a\" is used twice",
                error(() -> new Network("n", List.of(Population.input("a", 1), Population.input("a", 2)), List.of())));
    }

    @Test
    void rejectsNeuronParametersOutOfRange() {
        assertEquals("stateBits = 40 is not allowed: must be an integer in 16..32",
                error(() -> NeuronParams.integrateAndFire(1, NeuronParams.Reset.ZERO, 40)));
        assertEquals("threshold = 40000 is not allowed: must be an integer in 1..32767",
                error(() -> NeuronParams.integrateAndFire(40000, NeuronParams.Reset.ZERO, 16)));
    }

    @Test
    void rejectsBadInputEvents() {
        Network net = new Network("n", List.of(Population.input("a", 2), new Population("b", 1, IF)),
                List.of(new FullProjection("a", "b", 8, 0, new int[][] {{1}, {1}})));
        EventModel m = new EventModel(net);
        assertThrows(IllegalArgumentException.class, () -> m.step(List.of(new Event(1, 0, 1))));
        assertThrows(IllegalArgumentException.class, () -> m.step(List.of(new Event(0, 2, 1))));
        assertThrows(IllegalArgumentException.class, () -> m.step(List.of(new Event(0, 0, 1), new Event(0, 0, 1))));
    }
}
