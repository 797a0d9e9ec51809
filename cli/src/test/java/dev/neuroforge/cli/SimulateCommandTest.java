package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @Test
    void runsTheShippedExampleAndWritesEventsAndMetrics(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.run("simulate", "--network", "../configs/networks/tiny.json",
                "--input", "../configs/networks/tiny-input.json", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode steps = new ObjectMapper().readTree(dir.resolve("events.json").toFile()).get("steps");
        // Worked by hand from docs/model.md: inputs 0,1 at t0 give hidden v = [21, 7, 5] at t1, leak
        // (shift 3) makes [19, 7, 5]; input 2 at t1 adds [0, 15, 3] at t2: [19, 22, 8], leak
        // [17, 20, 7]: hidden neuron 1 reaches theta = 20 and fires in step 2, and only it.
        assertEquals("{\"in\":[2]}", steps.get(1).toString(), "step 1 holds only its input");
        assertEquals("[1]", steps.get(2).get("hidden").toString());
        assertEquals(9, steps.size(), "input length 6 + longest delay 2 + 1");
        String md = Files.readString(dir.resolve("metrics.md"));
        assertTrue(md.contains("| synaptic operations, dense equivalent | 132 |"), md);
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertEquals(132, metrics.get("synopsDense").asLong());
        assertEquals(6, metrics.get("eventsPerPopulation").get("in").asLong(), "six input spikes were given");
        assertTrue(Files.size(dir.resolve("raster.png")) > 1000, "raster plot written");
    }

    @Test
    void badNetworkExitsNonZeroNamingThePath(@TempDir Path dir) throws IOException {
        Path net = dir.resolve("net.json");
        Files.writeString(net, Files.readString(Path.of("../configs/networks/tiny.json")).replace("\"delay\": 2", "\"delay\": 999"));
        CliRun r = CliRun.run("simulate", "--network", net.toString(), "--input", "../configs/networks/tiny-input.json",
                "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("projections[1]: delay = 999 is not allowed: must be an integer in 0..255"),
                r.err());
    }

    @Test
    void takesAMappingAndAUserEnergyTable(@TempDir Path dir) throws IOException {
        Path map = dir.resolve("map.json");
        Files.writeString(map, "{\"mesh\": {\"width\": 2, \"height\": 2}, \"tiles\": {\"in\": [0, 0], \"hidden\": [1, 1], \"out\": [1, 0]}}");
        Path energy = dir.resolve("e.json");
        Files.writeString(energy, "{\"name\": \"hops only\", \"energies\": {\"hop\": 1.5}}");
        CliRun r = CliRun.run("simulate", "--network", "../configs/networks/tiny.json",
                "--input", "../configs/networks/tiny-input.json", "--mapping", map.toString(), "--energy", energy.toString(),
                "--out", dir.resolve("o").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve("o/metrics.json").toFile());
        long hops = metrics.get("operations").get("hop").asLong();
        assertTrue(hops > 0, "in (0,0) and hidden (1,1) are 2 hops apart");
        assertEquals(hops * 1.5, metrics.get("energyTotalPicojoules").asDouble(), 1e-9);
        assertTrue(Files.readString(dir.resolve("o/metrics.md")).contains("| energy estimate (hops only) |"));
    }

    @Test
    void mappingThatMissesAPopulationIsRejectedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path map = dir.resolve("map.json");
        Files.writeString(map, "{\"mesh\": {\"width\": 2, \"height\": 2}, \"tiles\": {\"in\": [0, 0]}}");
        CliRun r = CliRun.run("simulate", "--network", "../configs/networks/tiny.json",
                "--input", "../configs/networks/tiny-input.json", "--mapping", map.toString(),
                "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("map.json: tiles.hidden is missing: every population needs a tile"), r.err());
        assertTrue(!Files.exists(dir.resolve("o")), "no output folder left behind");
    }

    @Test
    void runsTheShippedPoolingAndDelaysExample(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.run("simulate", "--network", "../configs/networks/pool-delays.json",
                "--input", "../configs/networks/pool-delays-input.json", "--steps", "8",
                "--mapping", "../configs/networks/pool-delays-mapping.json",
                "--energy", "../configs/energy/seneca-instructions.json", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode steps = new ObjectMapper().readTree(dir.resolve("events.json").toFile()).get("steps");
        // By hand: img 0, 5, 10 spike in step 0. Sum pooling of the 2x2 conv gives them weights
        // 1, 10 and 4; their per-axon delays 0, 1, 2 bring them to pool in steps 1, 2, 3, and the
        // sigma-delta neuron (step 1) passes each change on: 1, 10, 4. out0 (weight 1, delay 0)
        // has 1 + 10 = 11 >= 10 in step 3 and fires; out1 (weight 2, delay 3) gets 2 in step 5 and
        // 20 more in step 6: 22 >= 10, fires in step 6.
        assertEquals("{\"pool\":[0]}", steps.get(1).toString(), "a value of 1 is written as a plain spike");
        assertEquals("{\"pool\":[[0,10]]}", steps.get(2).toString());
        assertEquals("{\"pool\":[[0,4]],\"out\":[0]}", steps.get(3).toString());
        assertEquals("{\"out\":[1]}", steps.get(6).toString());
        assertEquals("{}", steps.get(7).toString());
    }
}
