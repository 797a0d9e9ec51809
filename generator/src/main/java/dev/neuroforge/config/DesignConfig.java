package dev.neuroforge.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.generator.noc.MeshBuilder;
import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.RouterBuilder;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.generator.scdq.ScdqBuilder;
import dev.neuroforge.generator.scdq.ScdqParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A design to generate: a name (the output folder) and exactly one block with its parameters.
 * This is what a config file holds, and tests build the same record in code.
 *
 * <pre>{"name": "mesh4x4", "mesh": {"cols": 4, "rows": 4, "router": {"flitWidth": 32}}}</pre>
 * <pre>{"name": "delayq", "scdq": {"maxDelay": 25, "capacity": 1024, "eventWidth": 32}}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesignConfig(String name, RouterParams router, MeshParams mesh, ScdqParams scdq) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    /** The blocks a config can name, with what each one is. */
    public static final Map<String, String> BLOCKS = Map.of(
            "router", "5-port XY wormhole router (flitWidth, bufferDepth)",
            "mesh", "cols x rows mesh of routers, local ports exposed (cols, rows, router)",
            "scdq", "shared circular delay queue (maxDelay, capacity, eventWidth)");

    public DesignConfig {
        ParameterException.requireNonNull("name", name);
        if (!NAME.matcher(name).matches()) {
            throw new ParameterException("name", '"' + name + '"',
                    "must start with a letter and hold only letters, digits, '_' and '-' (at most 64)");
        }
        List<String> set = new ArrayList<>();
        if (router != null) {
            set.add("router");
        }
        if (mesh != null) {
            set.add("mesh");
        }
        if (scdq != null) {
            set.add("scdq");
        }
        if (set.size() != 1) {
            throw new ParameterException("block", set.isEmpty() ? "none" : String.join(" and ", set),
                    "give exactly one of " + String.join(", ", BLOCKS.keySet().stream().sorted().toList()));
        }
    }

    public static DesignConfig of(String name, RouterParams router) {
        return new DesignConfig(name, router, null, null);
    }

    public static DesignConfig of(String name, MeshParams mesh) {
        return new DesignConfig(name, null, mesh, null);
    }

    public static DesignConfig of(String name, ScdqParams scdq) {
        return new DesignConfig(name, null, null, scdq);
    }

    /** Which block this config generates. */
    public String block() {
        return router != null ? "router" : mesh != null ? "mesh" : "scdq";
    }

    /** The block's parameters, flattened, for the manifest. */
    public Map<String, Object> parameters() {
        return router != null ? router.asMap() : mesh != null ? mesh.asMap() : scdq.asMap();
    }

    /** Renders the design. */
    public Design build() {
        return router != null ? RouterBuilder.build(router) : mesh != null ? MeshBuilder.build(mesh) : ScdqBuilder.build(scdq);
    }
}
