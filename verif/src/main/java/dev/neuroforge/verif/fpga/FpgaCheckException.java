package dev.neuroforge.verif.fpga;

import java.util.List;

/** The FPGA flow found problems: latches, multiple drivers, loops, undriven signals, memories in flip-flops. */
public final class FpgaCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Finding> findings;

    public FpgaCheckException(String design, List<Finding> findings) {
        super(message(design, findings));
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }

    /** True when some finding is of {@code kind}. */
    public boolean has(Finding.Kind kind) {
        return findings.stream().anyMatch(f -> f.kind() == kind);
    }

    private static String message(String design, List<Finding> findings) {
        StringBuilder b = new StringBuilder("FPGA checks failed for " + design + ": " + findings.size()
                + (findings.size() == 1 ? " problem" : " problems"));
        findings.forEach(f -> b.append("\n  ").append(f));
        return b.toString();
    }
}
