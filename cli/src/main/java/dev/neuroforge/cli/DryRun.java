package dev.neuroforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.config.DesignConfig;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.DesignWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code --dry-run} prints for a command that renders a config: the resolved config (every
 * parameter, defaults filled in), its hash, the modules and the folder it would write, then what
 * the command adds (for {@code fpga}: the tools, device and options). Nothing is written.
 */
final class DryRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DryRun() {
    }

    /** Prints the plan of writing {@code d} (built from {@code c}) under {@code out}, followed by {@code extra}. */
    static void print(PrintWriter o, DesignConfig c, Design d, Path out, Map<String, Object> extra) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("configSha256", DesignWriter.configHash(c.name(), c.block(), c.parameters()));
        r.put("top", d.top());
        r.put("modules", d.modules().stream().map(m -> m.name()).toList());
        r.put("wouldWrite", out.resolve(c.name()).toString());
        r.putAll(extra);
        o.println("resolved config (every parameter, defaults filled in):");
        o.println(ConfigLoader.toJson(c));
        o.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
        o.println("dry run: nothing written");
        o.flush();
    }
}
