package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networks and input events are read strictly (issue 17): one test per cause, each message naming
 * the file and the path, without Java in it.
 */
class StrictInputTest {
    private static final Pattern JAVA = Pattern.compile("java\\.|jackson|Feature|Source:|`");
    private static final String NET = """
            {"name": "tiny",
             "populations": [
               {"name": "in", "size": 4, "input": true},
               {"name": "h", "size": 3, "neuron": {"model": "if", "threshold": 10}}],
             "projections": [{"from": "in", "to": "h", "weights": [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]}]}
            """;

    private static String netError(String json) {
        String m = assertThrows(Check.NetworkException.class, () -> NetworkJson.parse("net.json", json, Path.of(".")))
                .getMessage();
        assertFalse(JAVA.matcher(m).find(), m);
        return m;
    }

    @Test
    void networkRefusesCoercion() {
        assertEquals("net.json: populations[1].size: \"3\" must be an integer (a JSON number, without quotes)",
                netError(NET.replace("\"size\": 3", "\"size\": \"3\"")));
        assertEquals("net.json: populations[1].neuron.threshold: 10.5 must be an integer",
                netError(NET.replace("10}", "10.5}")));
        assertEquals("net.json: populations[0].input: 1 must be true or false",
                netError(NET.replace("\"input\": true", "\"input\": 1")));
        assertEquals("net.json: populations[1].neuron.threshold: null is not allowed: give a value (or leave out a"
                + " field that has a default)", netError(NET.replace("10}", "null}")));
    }

    @Test
    void networkRefusesDuplicatesAndTrailingText() {
        assertEquals("net.json: line 4, column 83: the field \"threshold\" is given twice",
                netError(NET.replace("10}", "10, \"threshold\": 2}")));
        assertEquals("net.json: line 6, column 1: unexpected text after the end of the JSON value (one value per file)",
                netError(NET + "{}"));
        assertEquals("net.json: not valid JSON at line 6, column 1: '}' where ']' should close",
                netError(NET + "}"));
    }

    @Test
    void networkOverflowGivesTheFieldsOwnRange() {
        assertEquals("net.json: populations[1]: size = 2147483648 is not allowed: must be an integer in 1..1048576",
                netError(NET.replace("\"size\": 3", "\"size\": 2147483648")));
        assertEquals("net.json: projections[0]: weights[0][0] = 99999999999 is not allowed: must be in -128..127"
                + " for weightBits = 8", netError(NET.replace("[[1, 2", "[[99999999999, 2")));
    }

    private static String eventsError(Path dir, String json) throws IOException {
        Path f = dir.resolve("ev.json");
        Files.writeString(f, json);
        Network net = NetworkJson.parse("net.json", NET, dir);
        String m = assertThrows(Check.NetworkException.class, () -> EventsJson.read(f, net)).getMessage();
        assertFalse(JAVA.matcher(m).find(), m);
        return m.replace(f.toString(), "ev.json");
    }

    @Test
    void anEventsNeuronOutOfRangeNamesTheFileAndTheStep(@TempDir Path dir) throws IOException {
        assertEquals("ev.json: steps[1].in[1]: neuron 4 is not in in: must be in 0..3",
                eventsError(dir, "{\"steps\": [{\"in\": [0]}, {\"in\": [1, 4]}]}"));
        assertEquals("ev.json: steps[0].in[0]: neuron -1 is not in in: must be in 0..3",
                eventsError(dir, "{\"steps\": [{\"in\": [[-1, 5]]}]}"));
    }

    @Test
    void anEventListOfTheWrongShapeIsAnError(@TempDir Path dir) throws IOException {
        assertEquals("ev.json: steps[0].in: 5 must be an array of events (neuron indices or [neuron, value] pairs),"
                + " e.g. [0, 3] or [[1, 5]]", eventsError(dir, "{\"steps\": [{\"in\": 5}]}"));
        assertEquals("ev.json: steps[0].in[0]: \"1\" must be a neuron index or a [neuron, value] pair of integers",
                eventsError(dir, "{\"steps\": [{\"in\": [\"1\"]}]}"));
        assertEquals("ev.json: steps[0].in[0]: [1,2.5] must be a neuron index or a [neuron, value] pair of integers",
                eventsError(dir, "{\"steps\": [{\"in\": [[1, 2.5]]}]}"));
        assertEquals("ev.json: stepz: unknown field; allowed here: [steps, provenance]",
                eventsError(dir, "{\"steps\": [], \"stepz\": []}"));
        assertEquals("ev.json: provenance: \"x\" must be an object (as written by simulate and run)",
                eventsError(dir, "{\"steps\": [], \"provenance\": \"x\"}"));
        assertEquals("ev.json: line 1, column 28: the field \"in\" is given twice",
                eventsError(dir, "{\"steps\": [{\"in\": [0], \"in\": [1]}]}"));
    }

    @Test
    void eventNeuronsAndValuesThatOverflowAreErrorsNotWrapped(@TempDir Path dir) throws IOException {
        assertEquals("ev.json: steps[0].in[0]: neuron 4294967296 is not in in: must be in 0..3",
                eventsError(dir, "{\"steps\": [{\"in\": [4294967296]}]}"));
        assertEquals("ev.json: steps[0].in[0]: value 2147483648 is not allowed: must be an integer in"
                + " -2147483648..2147483647", eventsError(dir, "{\"steps\": [{\"in\": [[1, 2147483648]]}]}"));
        assertEquals("ev.json: steps[0].in[0]: value -99999999999999999999999 is not allowed: must be an integer in"
                + " -2147483648..2147483647", eventsError(dir, "{\"steps\": [{\"in\": [[1, -99999999999999999999999]]}]}"));
    }

    @Test
    void goodEventsStillRead(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("ev.json");
        Files.writeString(f, "{\"steps\": [{\"in\": [0, [3, -7]]}, {}]}");
        List<List<Event>> s = EventsJson.read(f, NetworkJson.parse("net.json", NET, dir));
        assertEquals(List.of(List.of(new Event(0, 0, 1), new Event(0, 3, -7)), List.of()), s);
    }

    @Test
    void writtenEventsCarryTheirProvenanceFirstAndReadBack(@TempDir Path dir) throws IOException {
        Network net = NetworkJson.parse("net.json", NET, dir);
        List<List<Event>> s = List.of(List.of(new Event(0, 0, 1), new Event(0, 3, -7)), List.of());
        Path f = dir.resolve("out.json");
        EventsJson.write(f, net, s, java.util.Map.of("generator", "neuroforge"));
        assertTrue(Files.readString(f).startsWith("{\n  \"provenance\" : {\n    \"generator\" : \"neuroforge\"\n  },\n  \"steps\""),
                Files.readString(f));
        assertEquals(s, EventsJson.read(f, net));
    }
}
