package dev.neuroforge.sim;

/**
 * Verilator is missing, or it (or the C++ compiler it drives) failed. The message says which
 * command failed and carries its output, so the cause is visible in the test report.
 */
public final class SimBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimBuildException(String message) {
        super(message);
    }

    public SimBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
