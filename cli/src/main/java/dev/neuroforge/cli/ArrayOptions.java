package dev.neuroforge.cli;

import dev.neuroforge.config.ConfigException;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.config.DesignConfig;
import dev.neuroforge.generator.Provenance;
import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NetworkJson;
import dev.neuroforge.verif.array.ArrayMapping;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.core.Firmware;
import dev.neuroforge.verif.tile.TileImage.ScdqBound;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code map} and {@code run} share: the network, the array config and which populations the host sees. */
final class ArrayOptions {
    @Option(names = "--network", required = true, paramLabel = "NET.json", description = "Network description (JSON).")
    Path network;

    @Option(names = "--array", required = true, paramLabel = "ARRAY.json",
            description = "Array config ({\"name\": ..., \"array\": {\"cols\": C, \"rows\": R, \"tile\": {...}}}); a tile config"
                    + " is a 1 x 1 array.")
    Path array;

    @Option(names = "--report", paramLabel = "POP", split = ",",
            description = "Populations whose events go to the host (default: every non-input population).")
    List<String> report = new ArrayList<>();

    @Option(names = "--scdq-bound", paramLabel = "worst-case|at-run", converter = ScdqBoundConverter.class,
            description = "How each tile's SCDQ is sized: worst-case (default) refuses a mapping whose events in flight,"
                    + " with every source firing every step, could exceed a tile's SCDQ; at-run maps it anyway, reports the"
                    + " worst case, and a run whose SCDQ fills stops naming the tile (nothing is lost: the SCDQ back-pressures).")
    ScdqBound scdqBound = ScdqBound.WORST_CASE;

    /** The config {@link #readArray} read, for {@link #provenance}. */
    private DesignConfig config;

    /** Reads {@code worst-case} / {@code at-run}. */
    static final class ScdqBoundConverter implements picocli.CommandLine.ITypeConverter<ScdqBound> {
        @Override
        public ScdqBound convert(String v) {
            try {
                return ScdqBound.of(v);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("--scdq-bound " + v
                        + " is not allowed: worst-case or at-run");
            }
        }
    }

    Network readNetwork() {
        return NetworkJson.read(network);
    }

    /** The array config's provenance (as in the manifest of {@code generate --config ARRAY.json}); after {@link #readArray}. */
    Provenance provenance() {
        if (config == null) {
            throw new IllegalStateException("provenance() needs the array config: call readArray() first");
        }
        return Provenance.ofDesign(config.name(), config.block(), config.parameters());
    }

    ArrayParams readArray() throws ConfigException {
        DesignConfig c = ConfigLoader.load(array);
        config = c;
        if (c.params() instanceof ArrayParams a) {
            return a;
        }
        if (c.params() instanceof TileParams t) {
            return new ArrayParams(1, 1, t);
        }
        throw new ConfigException(array + ": block " + c.block() + " is not allowed here: --array needs an \"array\""
                + " (or \"tile\") config");
    }

    boolean[] reportFlags(Network net) {
        boolean[] r = new boolean[net.populations().size()];
        if (report.isEmpty()) {
            java.util.Arrays.fill(r, true);
            return r;
        }
        for (String p : report) {
            int idx;
            try {
                idx = net.indexOf(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--report " + p + ": no such population in " + network);
            }
            if (net.populations().get(idx).isInput()) {
                throw new IllegalArgumentException("--report " + p + ": an input population's events come from the host");
            }
            r[idx] = true;
        }
        return r;
    }

    /** Maps the network; refusals name the tile, the population slices on it and the resource. */
    ArrayMapping map(Network net, ArrayParams a) {
        Elf fw;
        try {
            fw = Firmware.tile();
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return ArrayMapping.map(a, net, fw, reportFlags(net), scdqBound);
    }
}
