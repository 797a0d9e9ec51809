package dev.neuroforge.model;

/**
 * Validation of network descriptions. Messages name the field, the value and what is allowed;
 * the loader prefixes the path in the file (e.g. {@code projections[2].delay}).
 */
public final class Check {
    private Check() {
    }

    /** A network description that cannot be simulated. */
    public static final class NetworkException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public NetworkException(String message) {
            super(message);
        }
    }

    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new NetworkException(field + " = " + value + " is not allowed: must be an integer in " + min + ".." + max);
        }
        return value;
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new NetworkException(field + " is missing: a value is required");
        }
        return value;
    }

    public static NetworkException fail(String message) {
        return new NetworkException(message);
    }
}
