package dev.neuroforge.generator;

import java.io.IOException;

/**
 * An output folder the tool will not or cannot write: a file in the way, files it did not write,
 * a folder that takes no new files. The message is one line a user can act on, naming the path.
 */
public final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
