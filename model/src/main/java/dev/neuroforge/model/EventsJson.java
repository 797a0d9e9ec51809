package dev.neuroforge.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Event streams as JSON: {@code {"steps": [{"in": [0, 3]}, {}, {"in": [[1, 5], [2, -3]]}]}} gives,
 * per timestep, each input population's events: a neuron index is a spike (value 1), a
 * {@code [neuron, value]} pair a graded event. Output is written the same way, one entry per step.
 */
public final class EventsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventsJson() {
    }

    public static List<List<Event>> read(Path file, Network net) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw Check.fail(file + ": cannot read events: " + e.getMessage());
        }
        String src = file + ": ";
        if (root == null || !root.isObject() || !root.has("steps") || !root.get("steps").isArray()) {
            throw Check.fail(src + "must be an object with an array \"steps\"");
        }
        List<List<Event>> steps = new ArrayList<>();
        JsonNode s = root.get("steps");
        for (int t = 0; t < s.size(); t++) {
            String at = src + "steps[" + t + "]";
            JsonNode step = s.get(t);
            if (!step.isObject()) {
                throw Check.fail(at + ": must be an object of population name to events");
            }
            List<Event> events = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = step.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                int p;
                try {
                    p = net.indexOf(f.getKey());
                } catch (IllegalArgumentException e) {
                    throw Check.fail(at + "." + f.getKey() + ": no such population");
                }
                if (!net.populations().get(p).isInput()) {
                    throw Check.fail(at + "." + f.getKey() + ": not an input population");
                }
                JsonNode list = f.getValue();
                for (int i = 0; i < list.size(); i++) {
                    JsonNode e = list.get(i);
                    String ei = at + "." + f.getKey() + "[" + i + "]";
                    if (e.isIntegralNumber()) {
                        events.add(new Event(p, e.intValue(), 1));
                    } else if (e.isArray() && e.size() == 2 && e.get(0).isIntegralNumber() && e.get(1).isIntegralNumber()) {
                        events.add(new Event(p, e.get(0).intValue(), e.get(1).longValue()));
                    } else {
                        throw Check.fail(ei + ": " + e + " must be a neuron index or a [neuron, value] pair");
                    }
                }
            }
            steps.add(events);
        }
        return steps;
    }

    public static void write(Path file, Network net, List<List<Event>> steps) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("steps");
        for (List<Event> step : steps) {
            ObjectNode o = arr.addObject();
            for (Event e : step) {
                String name = net.populations().get(e.population()).name();
                ArrayNode list = o.has(name) ? (ArrayNode) o.get(name) : o.putArray(name);
                if (e.value() == 1) {
                    list.add(e.neuron());
                } else {
                    list.addArray().add(e.neuron()).add(e.value());
                }
            }
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}
