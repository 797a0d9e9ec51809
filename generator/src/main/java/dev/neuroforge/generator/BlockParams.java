package dev.neuroforge.generator;

import java.util.Map;

/** The validated parameters of one generated block; the manifest records {@link #asMap()}. */
public interface BlockParams {
    /** Every parameter, defaults filled in, in a stable order. */
    Map<String, Object> asMap();
}
