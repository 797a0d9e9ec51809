package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NetworkJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import-nir} and {@code simulate --network GRAPH.nir} on the shared NIR fixtures (../shared/nir). */
class ImportNirCommandTest {
    static Path fixture(String name) {
        Path dir = Path.of("").toAbsolutePath().resolve("../../shared/nir").normalize();
        assumeTrue(Files.isDirectory(dir), "skipped: the NIR fixtures are not at " + dir
                + " (the CI clones the repo with shared/ beside it)");
        return dir.resolve(name);
    }

    @Test
    void importsToAJsonNetworkTheSimulatorReads(@TempDir Path dir) {
        Path out = dir.resolve("net.json");
        CliRun r = CliRun.run("import-nir", fixture("a_affine_if.nir").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("exact"), r.out());
        assertTrue(r.out().contains("output output <- population if, 1 steps behind the NIR reference"), r.out());
        Network net = NetworkJson.read(out);
        assertEquals(2, net.populations().size());
        // thresholds 3, 4, 5, 6 per neuron become one threshold, lcm 60, with each neuron's weights scaled
        assertEquals(60, net.populations().get(1).neuron().threshold());
    }

    @Test
    void simulatesANirFileDirectlyAndReportsNeuroBenchMetrics(@TempDir Path dir) throws IOException {
        ObjectMapper om = new ObjectMapper();
        JsonNode input = om.readTree(fixture("d_delay.input.json").toFile());
        JsonNode expected = om.readTree(fixture("d_delay.expected.json").toFile());
        ObjectNode events = om.createObjectNode();
        ArrayNode steps = events.putArray("steps");
        input.get("spikes").forEach(s -> steps.addObject().set("input", s));
        Path ev = dir.resolve("in.json");
        om.writeValue(ev.toFile(), events);
        CliRun r = CliRun.run("simulate", "--network", fixture("d_delay.nir").toString(), "--input", ev.toString(),
                "--steps", "52", "--out", dir.resolve("o").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("output output = population if2, 2 steps behind the NIR reference"), r.out());
        JsonNode got = om.readTree(dir.resolve("o/events.json").toFile()).get("steps");
        JsonNode want = expected.get("output_spikes");
        for (int t = 0; t < want.size(); t++) {
            JsonNode g = got.get(t + 2).get("if2");
            assertEquals(want.get(t).toString(), g == null ? "[]" : g.toString(), "reference step " + t);
        }
        JsonNode nb = om.readTree(dir.resolve("o/neurobench.json").toFile());
        for (String k : new String[] {"footprint", "parameter_count", "connection_sparsity", "activation_sparsity",
            "synaptic_operations_dense", "synaptic_operations_Eff_MACs", "synaptic_operations_Eff_ACs", "membrane_updates", "neuron_operations",
            "energy_estimate_pJ"}) {
            assertTrue(nb.has(k), k + " in " + nb);
        }
        assertTrue(nb.get("synaptic_operations_Eff_ACs").asLong() > 0);
        assertTrue(Files.readString(dir.resolve("o/metrics.md")).contains("| synaptic_operations_Eff_ACs |"));
    }

    @Test
    void theWrittenNetworkRunsTheSameWithItsBiasAlwaysOn(@TempDir Path dir) throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode events = om.createObjectNode();
        ArrayNode steps = events.putArray("steps");
        om.readTree(fixture("d_delay.input.json").toFile()).get("spikes").forEach(s -> steps.addObject().set("input", s));
        Path ev = dir.resolve("in.json");
        om.writeValue(ev.toFile(), events);
        Path net = dir.resolve("net.json");
        assertEquals(0, CliRun.run("import-nir", fixture("d_delay.nir").toString(), "--out", net.toString()).exit());
        CliRun a = CliRun.run("simulate", "--network", fixture("d_delay.nir").toString(), "--input", ev.toString(),
                "--steps", "52", "--out", dir.resolve("a").toString());
        CliRun b = CliRun.run("simulate", "--network", net.toString(), "--input", ev.toString(), "--always-on", "bias",
                "--steps", "52", "--out", dir.resolve("b").toString());
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        assertEquals(om.readTree(dir.resolve("a/events.json").toFile()).get("steps"),
                om.readTree(dir.resolve("b/events.json").toFile()).get("steps"),
                "the same events (the provenance differs: another network file)");
        CliRun c = CliRun.run("simulate", "--network", net.toString(), "--input", ev.toString(), "--always-on", "if1",
                "--out", dir.resolve("c").toString());
        assertEquals(1, c.exit());
        assertTrue(c.err().contains("--always-on if1: not an input population of " + net), c.err());
    }

    @Test
    void refusesAnUnmappableNodeByNameAndType(@TempDir Path dir) {
        CliRun r = CliRun.run("import-nir", fixture("f1_unsupported_cubalif.nir").toString(), "--out",
                dir.resolve("x.json").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("f1_unsupported_cubalif.nir: node \"cuba\" (CubaLIF): NeuroForge cannot map this node"),
                r.err());
        assertTrue(!Files.exists(dir.resolve("x.json")), "nothing written");
        CliRun m = CliRun.run("import-nir", dir.resolve("none.nir").toString(), "--out", dir.resolve("y.json").toString());
        assertEquals(1, m.exit());
        assertTrue(m.err().contains("none.nir: no such file"), m.err());
    }
}
