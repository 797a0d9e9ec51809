package dev.neuroforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.config.ConfigException;
import dev.neuroforge.generator.Provenance;
import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.model.Network;
import dev.neuroforge.verif.array.ArrayMapping;
import dev.neuroforge.verif.tile.TileImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neuroforge map}: a network onto an array, one load image per tile and a report. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Map a network onto an array: writes tile_c<C>_r<R>.load (the host-port writes of each tile's "
                + "image, one 'address word' pair per line, in load order, after two '#' comment lines), host-routes.json and"
                + " mapping.md to --out; each carries a provenance line (host-routes.json: a field).",
        exitCodeListHeading = Main.EXIT_HEADING, exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2})
public final class MapCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ArrayOptions options = new ArrayOptions();

    @Option(names = "--out", defaultValue = "map-out", paramLabel = "DIR",
            description = "Folder for the images and the report (default: ${DEFAULT-VALUE}); written whole or not at all.")
    Path out;

    @Override
    public Integer call() {
        try {
            ArrayParams a = options.readArray();
            Network net = options.readNetwork();
            ArrayMapping m = options.map(net, a);
            write(m, out, options.provenance());
            spec.commandLine().getOut().println("mapped " + net.name() + " onto " + a.cols() + " x " + a.rows() + " tiles ("
                    + a.moduleName() + "); wrote " + m.tiles() + " tile images, host-routes.json and mapping.md to " + out);
            return 0;
        } catch (ConfigException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
    }

    /** The files map writes. */
    static boolean written(String name) {
        return name.matches("tile_c\\d+_r\\d+\\.load|host-routes\\.json|mapping\\.md");
    }

    /** Writes the mapping's files into {@code out}, whole or not at all ({@link OutputFolder}). */
    static void write(ArrayMapping m, Path out, Provenance provenance) throws IOException {
        OutputFolder.replace(out, MapCommand::written, tmp -> {
            for (int t = 0; t < m.tiles(); t++) {
                TileImage img = m.image(t);
                try (Writer w = Files.newBufferedWriter(tmp.resolve(String.format("tile_c%d_r%d.load", t % m.array().cols(),
                        t / m.array().cols())))) {
                    w.write("# " + m.array().moduleName() + " tile (" + t % m.array().cols() + ", " + t / m.array().cols()
                            + "), host_tile_i = " + t + ": host-port writes, then CTRL.RUN\n");
                    w.write(provenance.line("#"));
                    img.writeTo((addr, word) -> {
                        try {
                            w.write(String.format("%08x %08x%n", addr, word));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
            }
            StringBuilder routes = new StringBuilder("{\n  \"provenance\": ")
                    .append(new ObjectMapper().writeValueAsString(provenance.json()))
                    .append(",\n  \"routes\": {\n");
            boolean firstPop = true;
            for (int p = 0; p < m.network().populations().size(); p++) {
                if (!m.network().populations().get(p).isInput()) {
                    continue;
                }
                routes.append(firstPop ? "" : ",\n").append("    \"").append(m.network().populations().get(p).name())
                        .append("\": [");
                firstPop = false;
                for (int j = 0; j < m.network().populations().get(p).size(); j++) {
                    routes.append(j == 0 ? "" : ", ").append('[');
                    boolean first = true;
                    for (ArrayMapping.HostPacket h : m.inputRoutes(p, j)) {
                        routes.append(first ? "" : ", ").append(String.format("{\"x\": %d, \"y\": %d, \"axon\": %d, \"delay\": %d}",
                                h.x(), h.y(), h.event().axon(), h.event().delay()));
                        first = false;
                    }
                    routes.append(']');
                }
                routes.append(']');
            }
            routes.append("\n  }\n}\n");
            Files.writeString(tmp.resolve("host-routes.json"), routes.toString());
            Files.writeString(tmp.resolve("mapping.md"), m.report() + "\n" + provenance.markdown());
        });
    }
}
