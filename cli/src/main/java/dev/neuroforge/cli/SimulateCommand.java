package dev.neuroforge.cli;

import dev.neuroforge.generator.DesignWriter;
import dev.neuroforge.generator.OutputException;
import dev.neuroforge.generator.Provenance;
import dev.neuroforge.generator.TempDirs;
import dev.neuroforge.model.EnergyTable;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.EventsJson;
import dev.neuroforge.model.Mapping;
import dev.neuroforge.model.Metrics;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NetworkJson;
import dev.neuroforge.model.NeuroBench;
import dev.neuroforge.model.nir.NirImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neuroforge simulate}: run a network on the golden event model. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        exitCodeListHeading = Main.EXIT_HEADING, exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2},
        description = "Run a network (JSON) on the golden event model; write output events and metrics.")
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "NET.json|GRAPH.nir",
            description = "Network description, or a NIR graph (imported with the NIR options; its bias population "
                    + "spikes every step).")
    Path network;

    @CommandLine.Mixin
    ImportNirCommand.NirOptions nir = new ImportNirCommand.NirOptions();

    @Option(names = "--always-on", paramLabel = "POP", split = ",",
            description = "Input populations whose every neuron spikes in every step (e.g. the bias of an imported NIR graph).")
    List<String> alwaysOn = new ArrayList<>();

    @Option(names = "--input", required = true, paramLabel = "EVENTS.json", description = "Input events per step.")
    Path input;

    @Option(names = "--steps", paramLabel = "N", description = "Timesteps to run, at least 1 (default: the input's length plus the longest delay + 1).")
    Integer steps;

    @Option(names = "--out", defaultValue = "sim-out", paramLabel = "DIR",
            description = "Folder for events.json, metrics.md, metrics.json, raster.png (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--mapping", paramLabel = "MAP.json",
            description = "Population -> mesh tile ({\"mesh\": {\"width\": W, \"height\": H}, \"tiles\": {\"pop\": [x, y]}}): "
                    + "adds packets and XY hops to the report.")
    Path mapping;

    @Option(names = "--energy", paramLabel = "TABLE.json",
            description = "Energy per operation ({\"energies\": {\"synop\": pJ, ...}}); default: published SENECA figures.")
    Path energy;

    /**
     * The provenance of this run's reports: its config hash covers what the run depends on, the
     * bytes of the network, input events, mapping and energy table, the NIR import options, the
     * steps and the always-on populations.
     */
    private Provenance provenance(String name, int n, List<String> on) throws IOException {
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("network", DesignWriter.sha256(Files.readAllBytes(network)));
        p.put("input", DesignWriter.sha256(Files.readAllBytes(input)));
        if (network.getFileName().toString().endsWith(".nir")) {
            p.put("nirOptions", String.valueOf(nir.options()));
        }
        if (mapping != null) {
            p.put("mapping", DesignWriter.sha256(Files.readAllBytes(mapping)));
        }
        if (energy != null) {
            p.put("energy", DesignWriter.sha256(Files.readAllBytes(energy)));
        }
        p.put("steps", n);
        p.put("alwaysOn", on);
        return Provenance.ofDesign(name, "simulate", p);
    }

    @Override
    public Integer call() {
        if (out.toString().isEmpty()) {
            spec.commandLine().getErr().println("error: --out '' is not allowed: give a folder, e.g. --out sim-out");
            return CommandLine.ExitCode.USAGE;
        }
        if (steps != null && steps < 1) {
            spec.commandLine().getErr().println("error: --steps = " + steps
                    + " is not allowed: must be a positive number of timesteps (at least 1)");
            return CommandLine.ExitCode.USAGE;
        }
        try {
            Network net;
            List<String> on = new ArrayList<>(alwaysOn);
            String note = "";
            if (network.getFileName().toString().endsWith(".nir")) {
                NirImporter.Result r = NirImporter.importFile(network, nir.options());
                net = r.network();
                if (r.biasUsed() && !on.contains(NirImporter.BIAS)) {
                    on.add(NirImporter.BIAS);
                }
                StringBuilder b = new StringBuilder();
                r.outputs().forEach((k, o) -> b.append("; output ").append(k).append(" = population ")
                        .append(o.population()).append(", ").append(o.latency()).append(" steps behind the NIR reference"));
                note = b.toString();
            } else {
                net = NetworkJson.read(network);
            }
            List<List<Event>> in = new ArrayList<>(EventsJson.read(input, net));
            for (String p : on) {
                int idx;
                try {
                    idx = net.indexOf(p);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--always-on " + p + ": no such population in " + network);
                }
                if (!net.populations().get(idx).isInput()) {
                    throw new IllegalArgumentException("--always-on " + p + ": not an input population of " + network);
                }
            }
            Mapping map = mapping == null ? null : Mapping.read(mapping);
            if (map != null) {
                try {
                    map.check(net);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(mapping + ": " + e.getMessage(), e);
                }
            }
            EnergyTable table = energy == null ? EnergyTable.seneca() : EnergyTable.read(energy);
            int n = steps != null ? steps : in.size() + net.maxDelay() + 1;
            MemoryBudget memory = MemoryBudget.ofThisJvm();
            long alwaysOnEvents = 0;
            for (String p : on) {
                alwaysOnEvents += net.populations().get(net.indexOf(p)).size();
            }
            memory.reserve(n * (MemoryBudget.STEP_BYTES * (on.isEmpty() ? 1 : 2) + alwaysOnEvents * MemoryBudget.EVENT_BYTES),
                    (steps != null ? "--steps = " + n : n + " steps") + (on.isEmpty() ? "" : " with --always-on " + String.join(",", on)));
            for (String p : on) {
                int idx = net.indexOf(p);
                while (in.size() < n) {
                    in.add(List.of());
                }
                for (int t = 0; t < n; t++) {
                    List<Event> ev = new ArrayList<>(in.get(t));
                    for (int i = 0; i < net.populations().get(idx).size(); i++) {
                        ev.add(new Event(idx, i, 1));
                    }
                    ev.sort(null);
                    in.set(t, ev);
                }
            }
            EventModel m = new EventModel(net);
            NeuroBench nb = new NeuroBench(net);
            List<List<Event>> outSteps = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                List<Event> o = m.step(t < in.size() ? in.get(t) : List.of());
                nb.record(m, o, n);
                outSteps.add(o);
                memory.reserve(o.size() * MemoryBudget.EVENT_BYTES, "the output events (" + (t + 1) + " of " + n
                        + " steps run)");
            }
            Provenance provenance = provenance(net.name(), n, on);
            DesignWriter.prepareRoot(out);
            TempDirs.writeAtomically(out.resolve("events.json"), f -> EventsJson.write(f, net, outSteps, provenance.json()));
            Metrics metrics = Metrics.of(net, m, map, table);
            StringBuilder md = new StringBuilder(metrics.markdown("Run of " + net.name()));
            md.append("\n## NeuroBench algorithm-track metrics (one sample; docs/model.md)\n\n| metric | value |\n|---|---|\n");
            nb.metrics().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            md.append(String.format(java.util.Locale.ROOT, "| energy estimate (%s) | %.3f nJ |%n", table.name(),
                    metrics.energyTotalPicojoules() / 1000));
            md.append('\n').append(provenance.markdown());
            TempDirs.writeAtomically(out.resolve("metrics.md"), f -> Files.writeString(f, md.toString()));
            java.util.Map<String, Object> nbj = new java.util.LinkedHashMap<>(nb.metrics());
            nbj.put("energy_estimate_pJ", metrics.energyTotalPicojoules());
            TempDirs.writeAtomically(out.resolve("neurobench.json"), f -> provenance.writeJson(f, nbj));
            TempDirs.writeAtomically(out.resolve("metrics.json"), f -> provenance.writeJson(f, metrics));
            TempDirs.writeAtomically(out.resolve("raster.png"), f -> RasterPlot.write(f, net, outSteps, provenance));
            spec.commandLine().getOut().println("ran " + n + " steps of " + net.name() + ": "
                    + metrics.synopsEffective() + " synaptic operations; wrote events.json, metrics.md, metrics.json, neurobench.json"
                    + " and raster.png to " + out + note);
            return 0;
        } catch (IllegalArgumentException e) {  // Check.NetworkException included
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } catch (OutputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot write to " + out + ": " + ConfigOptions.describe(e));
            return 1;
        }
    }
}
