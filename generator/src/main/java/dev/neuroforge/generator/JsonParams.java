package dev.neuroforge.generator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neuroforge.model.StrictJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads one parameter record from a JSON object, strictly: a value has the JSON type its field
 * has, or it is an error. Nothing is converted: {@code "512"} (a string), {@code 512.9} (a float),
 * {@code 0} or {@code 1} for a boolean, {@code null} for a value or a nested record are refused.
 * An absent field takes its default; an explicit {@code null} is not "absent". A whole number
 * written with an exponent ({@code 1e3}) is an integer. Address fields ({@link #address}) also take
 * a {@code "0x..."} string.
 *
 * <p>The record's own constructor stays the one place that knows what a field allows: a field of
 * the wrong type, or a number beyond any range, is handed to it as a value it rejects, and its
 * message (e.g. {@code must be an integer in 1..32}) is reported with the value as written. Every
 * error is a {@link ValueException} whose message starts with the field's full path, e.g.
 * {@code tile.npe.lanes = "512" is not allowed: must be an integer in 1..32}.
 */
public final class JsonParams {
    /** A field of the JSON that cannot be read; the message starts with its full path. */
    public static final class ValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public ValueException(String message) {
            super(message);
        }
    }

    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F](_?[0-9a-fA-F])*");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** A field read with the wrong type: what was written and what the field needs, for a message. */
    private record Bad(String written, String needs, String hint) {
    }

    private final JsonNode node;
    private final String path;
    /** The record this one is nested in (null at the top); it hears of this one's values as written. */
    private final JsonParams parent;
    private final String nameInParent;
    /** Each field read, as written, by its name relative to this record (nested: "core.resetPc"). */
    private final Map<String, String> written = new LinkedHashMap<>();
    private final Map<String, Bad> bad = new LinkedHashMap<>();

    /** In {@link #describe} mode: where each field read is recorded (null when reading a config). */
    private final List<Param> recording;
    /** In {@link #describe} mode: the record whose values are this one's real defaults (a nested record's may differ). */
    private final Object defaults;

    private JsonParams(JsonNode node, String path, JsonParams parent, String nameInParent) {
        this(node, path, parent, nameInParent, null, null);
    }

    private JsonParams(JsonNode node, String path, JsonParams parent, String nameInParent, List<Param> recording,
            Object defaults) {
        this.node = node;
        this.path = path;
        this.parent = parent;
        this.nameInParent = nameInParent;
        this.recording = recording;
        this.defaults = defaults;
    }

    /**
     * One parameter of a block, for {@code describe} and {@code --list-blocks}.
     *
     * @param path    its path below the block, e.g. {@code router.flitWidth}
     * @param type    {@code integer}, {@code boolean} or {@code address}
     * @param dflt    its default as JSON text, or null when the field is required
     * @param allowed what the record allows, e.g. {@code must be an integer in 16..256}
     */
    public record Param(String path, String type, String dflt, String allowed) {
    }

    /**
     * The parameters {@code reader} (a record's {@code fromJson}) reads, with their defaults, and
     * what each allows as the record's constructor says it: every field is tried with a value it
     * rejects, so the ranges come from the one place that checks them.
     */
    public static List<Param> describe(String block, Function<JsonParams, ?> reader) {
        List<Param> fields = new ArrayList<>();
        reader.apply(new JsonParams(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), block, null, null, fields, null));
        List<Param> out = new ArrayList<>();
        for (Param f : fields) {
            out.add(new Param(f.path(), f.type(), f.dflt(), f.type().equals("boolean") ? "true or false"
                    : probe(block, reader, fields, f)));
        }
        return out;
    }

    /** What the record says when {@code f} holds a value it cannot take (required fields set to 1). */
    private static String probe(String block, Function<JsonParams, ?> reader, List<Param> fields, Param f) {
        com.fasterxml.jackson.databind.node.ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Param g : fields) {
            if (g.dflt() == null && g != f) {
                put(root, g.path(), root.numberNode(1));
            }
        }
        put(root, f.path(), root.textNode("?"));
        try {
            reader.apply(new JsonParams(root, block, null, null));
        } catch (ValueException e) {
            String m = e.getMessage();
            String head = block + "." + f.path() + " = \"?\" is not allowed: ";
            if (m.startsWith(head)) {
                String allowed = m.substring(head.length());
                int hint = allowed.indexOf(" (a JSON");
                return hint < 0 ? allowed : allowed.substring(0, hint);
            }
        } catch (RuntimeException e) {
            // a record that fails otherwise on the probe: its range is not known here
        }
        return "must be " + (f.type().equals("address") ? "an address" : "an integer");
    }

    private static void put(com.fasterxml.jackson.databind.node.ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        com.fasterxml.jackson.databind.node.ObjectNode o = root;
        for (int i = 0; i < parts.length - 1; i++) {
            o = o.has(parts[i]) ? (com.fasterxml.jackson.databind.node.ObjectNode) o.get(parts[i]) : o.putObject(parts[i]);
        }
        o.set(parts[parts.length - 1], value);
    }

    private void record(String field, String type, Object dflt) {
        String own = show(type, dflt);
        String text = own;
        if (defaults != null) {
            try {
                String real = show(type, defaults.getClass().getMethod(field).invoke(defaults));
                if (!real.equals(own)) {
                    // the enclosing record's default differs from the nested record's own one
                    text = real + " (" + own + " if " + nameInParent + " is given without it)";
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no accessor of that name: the reader's own default stands
            }
        }
        recording.add(new Param(relativePath(field), type, text, null));
    }

    private static String show(String type, Object v) {
        return v instanceof Long l && type.equals("address") ? "0x" + Long.toHexString(l) : String.valueOf(v);
    }

    private String relativePath(String field) {
        return parent == null ? field : parent.relativePath(nameInParent + "." + field);
    }

    /**
     * Reads the record at {@code path} (e.g. {@code "tile"}) with {@code reader}, which must be a
     * record's {@code fromJson}. {@code what} names it in messages ("npe parameters").
     */
    public static <T> T read(JsonNode node, String path, String what, Function<JsonParams, T> reader) {
        return read(node, path, what, reader, null, null);
    }

    private static <T> T read(JsonNode node, String path, String what, Function<JsonParams, T> reader,
            JsonParams parent, String nameInParent) {
        if (node == null || !node.isObject()) {
            throw new ValueException(path + " = " + (node == null ? "nothing" : StrictJson.show(node))
                    + " is not allowed: must be an object of " + what + " {...}"
                    + (node != null && node.isNull() ? " (leave it out for the defaults)" : ""));
        }
        return reader.apply(new JsonParams(node, path, parent, nameInParent));
    }

    /** Fails on a field not in {@code names}; call first. */
    public void allow(String... names) {
        List<String> known = Arrays.asList(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new ValueException("unknown field " + path + "." + f + "; allowed here: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private void wrote(String field, String text) {
        written.put(field, text);
        if (parent != null) {
            parent.wrote(nameInParent + "." + field, text);
        }
    }

    /** A required integer field. */
    public int integer(String field) {
        if (recording != null) {
            recording.add(new Param(relativePath(field), "integer", null, null));
            return 1;
        }
        if (!node.has(field)) {
            throw new ValueException(path + "." + field + " is missing: a value is required (an integer)");
        }
        return integer(field, 0);
    }

    /** An integer field; absent: {@code dflt}. */
    public int integer(String field, int dflt) {
        if (recording != null) {
            record(field, "integer", dflt);
            return dflt;
        }
        JsonNode v = node.get(field);
        if (v == null) {
            return dflt;
        }
        wrote(field, StrictJson.show(v));
        BigInteger n = StrictJson.wholeNumber(v);
        if (n == null) {
            bad.put(field, new Bad(StrictJson.show(v), "must be an integer",
                    v.isNull() ? " (leave the field out for the default, " + dflt + ")"
                            : v.isTextual() ? " (a JSON number, without quotes)" : ""));
            return Integer.MIN_VALUE;  // the constructor rejects it and says what is allowed
        }
        if (n.compareTo(INT_MIN) < 0 || n.compareTo(INT_MAX) > 0) {
            bad.put(field, new Bad(StrictJson.show(v), "must be an integer in the field's range", ""));
            return n.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        return n.intValue();
    }

    /** A boolean field: only {@code true} or {@code false}; absent: {@code dflt}. */
    public boolean bool(String field, boolean dflt) {
        if (recording != null) {
            record(field, "boolean", dflt);
            return dflt;
        }
        JsonNode v = node.get(field);
        if (v == null) {
            return dflt;
        }
        wrote(field, StrictJson.show(v));
        if (!v.isBoolean()) {
            throw new ValueException(path + "." + field + " = " + StrictJson.show(v)
                    + " is not allowed: must be true or false"
                    + (v.isNull() ? " (leave the field out for the default, " + dflt + ")" : ""));
        }
        return v.booleanValue();
    }

    /**
     * An address field: a JSON integer or a hexadecimal string {@code "0x..."} ({@code _} may group
     * digits: {@code "0x0000_0100"}); absent: {@code dflt}. A decimal string is refused.
     */
    public long address(String field, long dflt) {
        if (recording != null) {
            record(field, "address", dflt);
            return dflt;
        }
        JsonNode v = node.get(field);
        if (v == null) {
            return dflt;
        }
        wrote(field, StrictJson.show(v));
        BigInteger n = v.isTextual() && HEX.matcher(v.textValue()).matches()
                ? new BigInteger(v.textValue().substring(2).replace("_", ""), 16)
                : StrictJson.wholeNumber(v);
        if (n == null) {
            bad.put(field, new Bad(StrictJson.show(v), "must be an address",
                    " (a JSON integer or a \"0x...\" string" + (v.isNull() ? "; leave the field out for the default, "
                            + dflt : "") + ")"));
            return -1;
        }
        if (n.signum() < 0 || n.compareTo(LONG_MAX) > 0) {
            bad.put(field, new Bad(StrictJson.show(v), "must be an address in the field's range", ""));
            return -1;
        }
        return n.longValue();
    }

    /** A nested record read by {@code reader}; absent: {@code dflt}. {@code what} names it in messages. */
    public <T> T object(String field, String what, Function<JsonParams, T> reader, Supplier<T> dflt) {
        if (recording != null) {
            T d = dflt.get();
            reader.apply(new JsonParams(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), path + "." + field, this, field, recording, d));
            return d;
        }
        JsonNode v = node.get(field);
        if (v == null) {
            return dflt.get();
        }
        return read(v, path + "." + field, what, reader, this, field);
    }

    /**
     * Builds the record with {@code constructor} (which calls this reader's getters) and reports
     * what it rejects under this record's path, with the values as written.
     */
    public <T> T build(Supplier<T> constructor) {
        if (recording != null) {
            try {
                return constructor.get();
            } catch (RuntimeException e) {
                return null;  // describing: the fields were recorded as the constructor's arguments were read
            }
        }
        T built;
        try {
            built = constructor.get();
        } catch (ParameterException e) {
            Bad b = bad.get(e.field());
            if (b != null) {
                throw new ValueException(path + "." + e.field() + " = " + b.written() + " is not allowed: "
                        + e.allowed() + b.hint());
            }
            if (!bad.isEmpty()) {
                throw firstBad();
            }
            throw new ValueException(path + "." + e.field() + " = " + (written.containsKey(e.field()) ? written.get(e.field()) : e.value())
                    + " is not allowed: " + e.allowed());
        }
        if (!bad.isEmpty()) {
            throw firstBad();
        }
        return built;
    }

    private ValueException firstBad() {
        Map.Entry<String, Bad> f = bad.entrySet().iterator().next();
        return new ValueException(path + "." + f.getKey() + " = " + f.getValue().written() + " is not allowed: "
                + f.getValue().needs() + f.getValue().hint());
    }
}
