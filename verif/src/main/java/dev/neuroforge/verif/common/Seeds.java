package dev.neuroforge.verif.common;

import java.security.SecureRandom;

/**
 * Seeds for random tests: {@code -Dneuroforge.seed=N} replays a run, otherwise every run draws a
 * fresh seed. The seed is always printed with the command that replays it.
 */
public final class Seeds {
    private static final SecureRandom FRESH = new SecureRandom();

    private Seeds() {
    }

    /** The seed for {@code test} (e.g. {@code MeshRandomTest#routes4x4}), printed for replay. */
    public static long seed(String test) {
        return seed(test, "");
    }

    /**
     * The seed for one case of a parameterized test; {@code label} names the case in the log.
     * Replaying runs every case of {@code test} with that seed.
     */
    public static long seed(String test, String label) {
        String fixed = System.getProperty("neuroforge.seed");
        long seed = fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.trim()) : FRESH.nextLong();
        System.out.println("[seed] " + test + (label.isEmpty() ? "" : " [" + label + "]") + " seed=" + seed
                + "  replay: mvn -pl verif -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='" + test
                + "' -Dneuroforge.seed=" + seed);
        return seed;
    }
}
