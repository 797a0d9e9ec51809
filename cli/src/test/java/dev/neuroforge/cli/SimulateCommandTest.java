package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
    private static int run(StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void runsTheShippedExampleAndWritesEventsAndMetrics(@TempDir Path dir) throws IOException {
        StringWriter err = new StringWriter();
        int exit = run(err, "simulate", "--network", "../configs/networks/tiny.json",
                "--input", "../configs/networks/tiny-input.json", "--out", dir.toString());
        assertEquals(0, exit, err.toString());
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
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "simulate", "--network", net.toString(), "--input", "../configs/networks/tiny-input.json",
                "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("projections[1]: delay = 999 is not allowed: must be an integer in 0..255"),
                err.toString());
    }
}
