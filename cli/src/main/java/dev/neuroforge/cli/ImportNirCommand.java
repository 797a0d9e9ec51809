package dev.neuroforge.cli;

import dev.neuroforge.model.NetworkJson;
import dev.neuroforge.model.nir.NirImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neuroforge import-nir}: a NIR graph (HDF5) to a NeuroForge network (JSON), with a report. */
@Command(name = "import-nir", mixinStandardHelpOptions = true,
        exitCodeListHeading = Main.EXIT_HEADING, exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2},
        description = "Import a NIR graph (.nir, HDF5) as a NeuroForge network (JSON); print what was approximated "
                + "(docs/nir.md).")
public final class ImportNirCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GRAPH.nir", description = "The NIR file.")
    Path graph;

    @Option(names = "--out", required = true, paramLabel = "NET.json", description = "Network to write.")
    Path out;

    @Mixin
    NirOptions nir = new NirOptions();

    @Override
    public Integer call() {
        if (out.toString().isEmpty()) {
            spec.commandLine().getErr().println("error: --out '' is not allowed: give the file to write, e.g. --out network.json");
            return CommandLine.ExitCode.USAGE;
        }
        try {
            if (Files.isDirectory(out)) {
                throw new dev.neuroforge.generator.OutputException("cannot write " + out
                        + ": it is a folder; give the file to write, e.g. " + out.resolve("network.json"));
            }
            NirImporter.Result r = NirImporter.importFile(graph, nir.options());
            if (out.getParent() != null) {
                dev.neuroforge.generator.DesignWriter.prepareRoot(out.getParent());
            }
            String json = NetworkJson.toJson(r.network());
            dev.neuroforge.generator.TempDirs.writeAtomically(out, f -> Files.writeString(f, json));
            spec.commandLine().getOut().print(r.summary());
            spec.commandLine().getOut().println("wrote " + out);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } catch (dev.neuroforge.generator.OutputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot write " + out + ": " + ConfigOptions.describe(e));
            return 1;
        }
    }

    /** The quantisation options, shared with {@code simulate --network GRAPH.nir}. */
    static final class NirOptions {
        @Option(names = "--dt", defaultValue = "1", paramLabel = "DT",
                description = "Time step in the graph's time unit (NIR fixes none; snnTorch exports use 1e-4); default ${DEFAULT-VALUE}.")
        double dt = 1;

        @Option(names = "--weight-bits", defaultValue = "0", paramLabel = "BITS",
                description = "Weight width 4, 8 or 16; 0 (default) picks 8 or 16.")
        int weightBits;

        @Option(names = "--state-bits", defaultValue = "32", paramLabel = "BITS",
                description = "Neuron state width 16..32 (default ${DEFAULT-VALUE}).")
        int stateBits = 32;

        @Option(names = "--threshold", defaultValue = "0", paramLabel = "THETA",
                description = "Integer threshold for every population (weights scaled to it); 0 (default) chooses one.")
        int theta;

        @Option(names = "--compare", defaultValue = "ge", paramLabel = "ge|gt",
                description = "Spike when v >= v_threshold (ge, default) or v > v_threshold (gt, NIR's docstrings, snnTorch).")
        String compare = "ge";

        NirImporter.Options options() {
            if (!compare.equals("ge") && !compare.equals("gt")) {
                throw new IllegalArgumentException("--compare " + compare + " is not allowed: must be ge or gt");
            }
            return new NirImporter.Options(dt, weightBits, stateBits, compare.equals("gt"), theta);
        }
    }
}
