package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every counter of a small run, worked out by hand; energy tables and mappings, read and rejected. */
class MetricsTest {
    /**
     * in (2) -> h (3 IF neurons, threshold 1, weights 1, delay 0) -> out (1 sigma-delta, step 1,
     * weights 2, delay 1). in0 spikes in step 0. Step 1: h gets 3 synaptic operations, all three
     * fire (3 updates). Their events, over delay 1, reach out in step 3: 3 synaptic operations,
     * v = 6, out emits 6 (1 update). Four steps in all.
     */
    private static Metrics run(Mapping mapping, EnergyTable table) {
        Network net = new Network("m", List.of(Population.input("in", 2),
                new Population("h", 3, NeuronParams.integrateAndFire(1, NeuronParams.Reset.ZERO, 16)),
                new Population("out", 1, NeuronParams.sigmaDelta(1, 16))),
                List.of(new FullProjection("in", "h", 8, 0, new int[][] {{1, 1, 1}, {1, 1, 1}}),
                        new FullProjection("h", "out", 8, 1, new int[][] {{2}, {2}, {2}})));
        EventModel m = new EventModel(net);
        m.step(List.of(new Event(0, 0, 1)));
        m.step(List.of());
        m.step(List.of());
        assertEquals(List.of(new Event(2, 0, 6)), m.step(List.of()));
        return Metrics.of(net, m, mapping, table);
    }

    private static Mapping mesh() {
        return new Mapping(2, 3, Map.of("in", new int[] {0, 0}, "h", new int[] {1, 0}, "out", new int[] {1, 2}));
    }

    @Test
    void countsSynapticOperationsUpdatesSparsityAndDeliveries() {
        Metrics x = run(null, EnergyTable.seneca());
        assertEquals(4, x.steps());
        assertEquals(6, x.synopsEffective());
        // dense: 6 synapses x (4 - 1 - 0) steps + 3 synapses x (4 - 1 - 1) steps
        assertEquals(6 * 3 + 3 * 2, x.synopsDense());
        assertEquals(4, x.neuronUpdates());
        assertEquals((3 + 1) * 4, x.neuronSlots());
        assertEquals(Map.of("in", 1L, "h", 3L, "out", 1L), x.eventsPerPopulation());
        assertEquals(Map.of("in", 0L, "h", 3L, "out", 1L), x.updatesPerPopulation());
        assertEquals(1 - 1 / 8.0, x.activationSparsity().get("in"), 1e-12);
        assertEquals(1 - 3 / 12.0, x.activationSparsity().get("h"), 1e-12);
        assertEquals(1 - 1 / 4.0, x.activationSparsity().get("out"), 1e-12);
        assertEquals(List.of(1L, 3L), List.copyOf(x.eventsPerProjection().values()));
    }

    @Test
    void countsMemoryAccessesByKind() {
        Map<String, Long> ops = run(null, EnergyTable.seneca()).operations();
        assertEquals(6, ops.get("weightRead"));
        // 6 read-modify-writes of v by synaptic operations, 3 IF updates (v), 1 sigma-delta update (v and o_prev)
        assertEquals(6 + 3 + 2, ops.get("stateRead"));
        assertEquals(6 + 3 + 2, ops.get("stateWrite"));
        assertEquals(1 + 3, ops.get("queueWrite"), "in's event into projection 0, h's three into projection 1");
        assertEquals(1 + 3, ops.get("queueRead"));
        assertEquals(3 + 1, ops.get("eventGenerated"));
        assertFalse(ops.containsKey("hop"), "no hops without a mapping");
    }

    @Test
    void countsPacketsAndXyHopsWhenAMappingIsGiven() {
        Metrics x = run(mesh(), EnergyTable.seneca());
        // in (0,0) -> h (1,0): 1 hop for 1 event; h (1,0) -> out (1,2): 2 hops for 3 events
        assertEquals(1 + 3, x.operations().get("eventSent"));
        assertEquals(1 * 1 + 3 * 2, x.operations().get("hop"));
    }

    @Test
    void estimatesEnergyFromThePublishedSenecaFigures() {
        Metrics x = run(mesh(), EnergyTable.seneca());
        assertEquals(6 * 2.8, x.energyPicojoules().get("synop"), 1e-9);
        assertEquals(4 * 1.1, x.energyPicojoules().get("eventGenerated"), 1e-9);
        assertEquals(4 * 2.0, x.energyPicojoules().get("eventSent"), 1e-9);
        assertEquals(6 * 2.8 + 4 * 1.1 + 4 * 2.0, x.energyTotalPicojoules(), 1e-9);
        assertFalse(x.energyPicojoules().containsKey("hop"), "no per-hop figure is published, so none is used");
        for (EnergyTable.Entry e : EnergyTable.seneca().energies().values()) {
            assertTrue(e.source().startsWith("Tang et al., SENECA"), e.source());
        }
        String md = x.markdown("run");
        assertTrue(md.contains("| hop | 7 | not in table | | |"), md);
    }

    @Test
    void usesAUserEnergyTable(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{\"name\": \"mine\", \"energies\": {\"hop\": 0.5, \"stateRead\": {\"pJ\": 1.0, \"source\": \"lab\"}}}");
        EnergyTable t = EnergyTable.read(f);
        assertEquals("lab", t.energies().get("stateRead").source());
        Metrics x = run(mesh(), t);
        assertEquals(7 * 0.5 + 11 * 1.0, x.energyTotalPicojoules(), 1e-9);
    }

    @Test
    void rejectsBadEnergyTablesAndMappingsNamingTheField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{\"energies\": {\"flop\": 1}}");
        assertEquals(f + ": energies.flop is not a counted operation; allowed: " + EnergyTable.OPERATIONS,
                assertThrows(Check.NetworkException.class, () -> EnergyTable.read(f)).getMessage());
        Files.writeString(f, "{\"energies\": {\"synop\": -1}}");
        assertEquals(f + ": energies.synop = -1.0 is not allowed: must be a finite number >= 0 (pJ)",
                assertThrows(Check.NetworkException.class, () -> EnergyTable.read(f)).getMessage());
        Files.writeString(f, "{\"energies\": {\"synop\": \"a lot\"}}");
        assertEquals(f + ": energies.synop: \"a lot\" must be a number of picojoules or {\"pJ\": number, \"source\": text}",
                assertThrows(Check.NetworkException.class, () -> EnergyTable.read(f)).getMessage());
        Path g = dir.resolve("m.json");
        Files.writeString(g, "{\"mesh\": {\"width\": 2, \"height\": 2}, \"tiles\": {\"in\": [0, 2]}}");
        assertEquals(g + ": tiles.in[1] (y) = 2 is not allowed: must be an integer in 0..1",
                assertThrows(Check.NetworkException.class, () -> Mapping.read(g)).getMessage());
        Files.writeString(g, "{\"mesh\": {\"width\": 2, \"height\": 2}, \"tiles\": {\"in\": [0, 0], \"h\": [1, 1]}}");
        Mapping partial = Mapping.read(g);
        assertEquals("tiles.out is missing: every population needs a tile",
                assertThrows(Check.NetworkException.class, () -> run(partial, EnergyTable.seneca())).getMessage());
    }

    @Test
    void countsDenseOperationsAndDeliveriesPerSynapseDelay() {
        // One spike in step 0 over weights (2, 7) with delays (1, 3), six steps: the synapse of
        // delay 1 can act in steps 2..5 (4 steps), the one of delay 3 in steps 4..5 (2 steps).
        Network net = new Network("d", List.of(Population.input("in", 1),
                new Population("out", 2, NeuronParams.sigmaDelta(1, 16))),
                List.of(new FullProjection("in", "out", 8, 0, new int[][] {{2, 7}}, null, new int[][] {{1, 3}})));
        EventModel m = new EventModel(net);
        for (int t = 0; t < 6; t++) {
            m.step(t == 0 ? List.of(new Event(0, 0, 1)) : List.of());
        }
        Metrics x = Metrics.of(net, m);
        assertEquals(4 + 2, x.synopsDense());
        assertEquals(2, x.synopsEffective());
        assertEquals(1, x.operations().get("queueWrite"), "the event enters the projection's queue once");
        assertEquals(2, x.operations().get("queueRead"), "and leaves it once per delay group");
        assertEquals(2, x.eventsPerProjection().get("0:in->out"));
    }
}
