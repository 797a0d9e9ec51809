package dev.neuroforge.model.nir;

/** A NIR file that cannot be read or imported; the message names the file, the node and the rule. */
public final class NirException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NirException(String message) {
        super(message);
    }
}
