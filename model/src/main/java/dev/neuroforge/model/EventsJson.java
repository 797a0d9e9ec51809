package dev.neuroforge.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Event streams as JSON: {@code {"steps": [{"in": [0, 3]}, {}, {"in": [[1, 5], [2, -3]]}]}} gives,
 * per timestep, each input population's events: a neuron index is a spike (value 1), a
 * {@code [neuron, value]} pair a graded event. Output is written the same way, one entry per step,
 * after a {@code "provenance"} field (the run that wrote it); reading skips that field, so the
 * input format accepts the files this writes.
 */
public final class EventsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The smallest value an input event may carry. */
    public static final int MIN_VALUE = Integer.MIN_VALUE;
    /** The largest value an input event may carry. */
    public static final int MAX_VALUE = Integer.MAX_VALUE;

    private EventsJson() {
    }

    /**
     * Reads input events for {@code net}. Strict: the JSON as {@link StrictJson} reads it; each step
     * an object of input population to an array; each event a neuron index of that population or a
     * {@code [neuron, value]} pair with a value in {@value #MIN_VALUE}..{@value #MAX_VALUE} (a 32-bit
     * signed integer). Anything else, or a neuron outside the population, is an error naming the
     * file, the step and the event; nothing is wrapped or ignored.
     */
    public static List<List<Event>> read(Path file, Network net) {
        JsonNode root = StrictJson.read(file, "events");
        String src = file + ": ";
        if (root == null || !root.isObject() || !root.has("steps") || !root.get("steps").isArray()) {
            throw Check.fail(src + "must be an object with an array \"steps\"");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (f.equals("provenance") && !root.get(f).isObject()) {
                throw Check.fail(src + "provenance: " + StrictJson.show(root.get(f)) + " must be an object (as written"
                        + " by simulate and run)");
            }
            if (!f.equals("steps") && !f.equals("provenance")) {
                throw Check.fail(src + f + ": unknown field; allowed here: [steps, provenance]");
            }
        }
        List<List<Event>> steps = new ArrayList<>();
        JsonNode s = root.get("steps");
        for (int t = 0; t < s.size(); t++) {
            String at = src + "steps[" + t + "]";
            JsonNode step = s.get(t);
            if (!step.isObject()) {
                throw Check.fail(at + ": " + StrictJson.show(step) + " must be an object of population name to events");
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
                Population pop = net.populations().get(p);
                if (!pop.isInput()) {
                    throw Check.fail(at + "." + f.getKey() + ": not an input population");
                }
                JsonNode list = f.getValue();
                if (!list.isArray()) {
                    throw Check.fail(at + "." + f.getKey() + ": " + StrictJson.show(list) + " must be an array of"
                            + " events (neuron indices or [neuron, value] pairs), e.g. [0, 3] or [[1, 5]]");
                }
                for (int i = 0; i < list.size(); i++) {
                    JsonNode e = list.get(i);
                    String ei = at + "." + f.getKey() + "[" + i + "]";
                    boolean pair = e.isArray() && e.size() == 2;
                    BigInteger neuron = StrictJson.wholeNumber(pair ? e.get(0) : e);
                    BigInteger value = pair ? StrictJson.wholeNumber(e.get(1)) : BigInteger.ONE;
                    if (!e.isIntegralNumber() && !(pair && e.get(0).isIntegralNumber() && e.get(1).isIntegralNumber())) {
                        throw Check.fail(ei + ": " + StrictJson.show(e) + " must be a neuron index or a [neuron, value]"
                                + " pair of integers");
                    }
                    if (neuron.signum() < 0 || neuron.compareTo(BigInteger.valueOf(pop.size())) >= 0) {
                        throw Check.fail(ei + ": neuron " + neuron + " is not in " + pop.name() + ": must be in 0.."
                                + (pop.size() - 1));
                    }
                    if (value.compareTo(BigInteger.valueOf(MIN_VALUE)) < 0 || value.compareTo(BigInteger.valueOf(MAX_VALUE)) > 0) {
                        throw Check.fail(ei + ": value " + value + " is not allowed: must be an integer in " + MIN_VALUE
                                + ".." + MAX_VALUE);
                    }
                    events.add(new Event(p, neuron.intValue(), value.longValue()));
                }
            }
            steps.add(events);
        }
        return steps;
    }

    /** Writes {@code steps}, with {@code provenance} (a JSON object's fields) as the first field. */
    public static void write(Path file, Network net, List<List<Event>> steps, Map<String, Object> provenance)
            throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.putPOJO("provenance", provenance);
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
