package dev.neuroforge.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The modules of one generated design, leaves first, top last. A module needed by several parents
 * (the FIFO inside every router, say) is kept once: modules are named after their parameters, so
 * equal names mean equal Verilog.
 */
public final class Design {
    private final String top;
    private final Map<String, GeneratedModule> modules;

    private Design(String top, Map<String, GeneratedModule> modules) {
        this.top = top;
        this.modules = modules;
    }

    /** The name of the top module. */
    public String top() {
        return top;
    }

    /** All modules, dependencies before the modules that instantiate them. */
    public List<GeneratedModule> modules() {
        return List.copyOf(modules.values());
    }

    @Override
    public String toString() {
        return top;
    }

    public GeneratedModule topModule() {
        return modules.get(top);
    }

    /** The Verilog file of every module, in {@link #modules()} order (leaves first). */
    public List<String> verilogFiles() {
        return modules.values().stream().map(GeneratedModule::fileName).toList();
    }

    /**
     * Writes every module's Verilog ({@link VerilogFile}) into {@code dir} (which must exist) for an external tool and
     * returns the paths, leaves first; memory images are not written.
     */
    public List<Path> writeVerilog(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (GeneratedModule m : modules.values()) {
            files.add(Files.writeString(dir.resolve(m.fileName()), VerilogFile.text(m, "")));
        }
        return files;
    }

    /** Every memory initialization image, by file name, in module order. */
    public Map<String, Memory> memoryImages() {
        Map<String, Memory> images = new LinkedHashMap<>();
        for (GeneratedModule m : modules.values()) {
            for (Memory mem : m.memories()) {
                if (mem.hasInit()) {
                    Memory old = images.putIfAbsent(mem.initFile(), mem);
                    if (old != null && !old.equals(mem)) {
                        throw new IllegalStateException("two different memory images named " + mem.initFile());
                    }
                }
            }
        }
        return images;
    }

    /** Every file the design consists of: Verilog (leaves first), then memory images. */
    public List<String> files() {
        List<String> files = new ArrayList<>(verilogFiles());
        files.addAll(memoryImages().keySet());
        return files;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects modules in dependency order; the last one added is the top. */
    public static final class Builder {
        private final Map<String, GeneratedModule> modules = new LinkedHashMap<>();
        private final List<String> order = new ArrayList<>();

        public Builder add(Design sub) {
            sub.modules.values().forEach(this::add);
            return this;
        }

        public Builder add(GeneratedModule m) {
            GeneratedModule old = modules.get(m.name());
            if (old == null) {
                modules.put(m.name(), m);
                order.add(m.name());
            } else if (!old.source().equals(m.source())) {
                throw new IllegalStateException("two different modules named " + m.name()
                        + ": a builder forgot a parameter in the module name");
            }
            return this;
        }

        public Design build() {
            if (order.isEmpty()) {
                throw new IllegalStateException("a design needs at least one module");
            }
            return new Design(order.get(order.size() - 1), new LinkedHashMap<>(modules));
        }
    }
}
