package dev.neuroforge.config;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.ParameterException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A design to generate: a name (the output folder) and exactly one block with its parameters.
 * This is what a config file holds, and tests build the same record in code. The block's key in
 * the file is its name in {@link Blocks}:
 *
 * <pre>{"name": "mesh4x4", "mesh": {"cols": 4, "rows": 4, "router": {"flitWidth": 32}}}</pre>
 * <pre>{"name": "delayq", "scdq": {"maxDelay": 25, "capacity": 1024, "eventWidth": 32}}</pre>
 */
public record DesignConfig(String name, BlockParams params) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public DesignConfig {
        ParameterException.requireNonNull("name", name);
        if (!NAME.matcher(name).matches()) {
            throw new ParameterException("name", '"' + name + '"',
                    "must start with a letter and hold only letters, digits, '_' and '-' (at most 64)");
        }
        ParameterException.requireNonNull("block", params);
        Blocks.of(params);
    }

    public static DesignConfig of(String name, BlockParams params) {
        return new DesignConfig(name, params);
    }

    /** Which block this config generates (its key in {@link Blocks}). */
    public String block() {
        return Blocks.of(params).name();
    }

    /** The block's parameters, flattened, for the manifest. */
    public Map<String, Object> parameters() {
        return params.asMap();
    }

    /** Renders the design. */
    public Design build() {
        return Blocks.of(params).build(params);
    }
}
