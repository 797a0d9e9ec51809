package dev.neuroforge.generator;

/**
 * A parameter value that a block cannot be built with. The message always names the field, the
 * rejected value and what is allowed, so a user can fix the config without reading the source.
 */
public final class ParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final transient Object value;
    private final String allowed;

    public ParameterException(String field, Object value, String allowed) {
        super(field + " = " + value + " is not allowed: " + allowed);
        this.field = field;
        this.value = value;
        this.allowed = allowed;
    }

    /** The rejected value. */
    public Object value() {
        return value;
    }

    /** What the field allows, e.g. {@code must be an integer in 1..32}. */
    public String allowed() {
        return allowed;
    }

    /** The name of the offending field, relative to the record that rejected it. */
    public String field() {
        return field;
    }

    /** Fails unless {@code min <= value <= max}. */
    public static int requireInRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(field, value, "must be an integer in " + min + ".." + max);
        }
        return value;
    }

    /** Fails if {@code value} is null. */
    public static <T> T requireNonNull(String field, T value) {
        if (value == null) {
            throw new ParameterException(field, "null", "a value is required");
        }
        return value;
    }
}
