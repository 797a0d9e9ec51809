package dev.neuroforge.cli;

import dev.neuroforge.config.ConfigException;
import dev.neuroforge.generator.Provenance;
import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.model.EnergyTable;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.EventsJson;
import dev.neuroforge.model.Metrics;
import dev.neuroforge.model.Network;
import dev.neuroforge.verif.array.ArrayMapping;
import dev.neuroforge.verif.array.ArrayRtl;
import dev.neuroforge.verif.array.ArrayRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neuroforge run}: a network mapped onto an array, run on the Verilated RTL or on the golden model. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Map a network onto an array and run it on the RTL (Verilated, with the golden model checking "
                + "every step) or on the golden model; writes events.json, metrics.md, metrics.json, raster.png and "
                + "hardware.md / hardware.json to --out.",
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2,
            "3:on rtl: the array's events or final states differ from the golden model's (outputs still written)"})
public final class RunCommand implements Callable<Integer> {
    /** The array and the golden model disagree. */
    static final int MISMATCH = 3;

    enum Target { rtl, model }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ArrayOptions options = new ArrayOptions();

    @Option(names = "--input", required = true, paramLabel = "EVENTS.json", description = "Input events per step.")
    Path input;

    @Option(names = "--on", defaultValue = "rtl", paramLabel = "rtl|model",
            description = "Where to run: the Verilated array (rtl) or the golden event model (model); default: ${DEFAULT-VALUE}.")
    Target on;

    @Option(names = "--steps", paramLabel = "N",
            description = "Timesteps to run, at least 1 (default: the input's length plus the longest delay + 1).")
    Integer steps;

    @Option(names = "--no-check", description = "On rtl: do not run the golden model beside the array.")
    boolean noCheck;

    @Option(names = "--out", defaultValue = "run-out", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}); written whole or not at all.")
    Path out;

    @Option(names = "--energy", paramLabel = "TABLE.json",
            description = "Energy per operation; default: published SENECA figures.")
    Path energy;

    /** The files run writes. */
    static boolean written(String name) {
        return List.of("events.json", "metrics.md", "metrics.json", "hardware.json", "hardware.md", "raster.png")
                .contains(name);
    }

    @Override
    public Integer call() {
        if (steps != null && steps < 1) {
            spec.commandLine().getErr().println("error: --steps = " + steps
                    + " is not allowed: must be a positive number of timesteps (at least 1)");
            return CommandLine.ExitCode.USAGE;
        }
        try {
            ArrayParams a = options.readArray();
            Network net = options.readNetwork();
            List<List<Event>> in = EventsJson.read(input, net);
            EnergyTable table = energy == null ? EnergyTable.seneca() : EnergyTable.read(energy);
            ArrayMapping m = options.map(net, a);
            int n = steps != null ? steps : in.size() + net.maxDelay() + 1;
            EventModel gold = new EventModel(net);
            List<List<Event>> modelEvents = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                modelEvents.add(gold.step(t < in.size() ? in.get(t) : List.of()));
            }
            Metrics metrics = Metrics.of(net, gold, null, table);
            List<List<Event>> events;
            String hardware;
            Map<String, Object> hw = new LinkedHashMap<>();
            hw.put("array", a.moduleName());
            hw.put("on", on.name());
            String mismatch = null;
            if (on == Target.rtl) {
                var err = spec.commandLine().getErr();
                err.println("run: building and loading the Verilated array " + a.moduleName()
                        + " (the first build of a configuration takes minutes; later runs reuse it)");
                err.flush();
                long t0 = System.nanoTime();
                ArrayRun.Result r;
                try (ArrayRtl rtl = new ArrayRtl(a)) {
                    err.printf(Locale.ROOT, "run: model ready after %.1f s; running %d steps%n", (System.nanoTime() - t0) / 1e9, n);
                    err.flush();
                    r = ArrayRun.run(rtl, m, in, n, !noCheck, table, msg -> {
                        err.println("run: " + msg);
                        err.flush();
                    });
                }
                events = r.events();
                mismatch = r.mismatch();
                hardware = ArrayRun.markdown(m, r);
                hw.put("cyclesPerStep", r.stepCycles());
                hw.put("cycles", r.cycles());
                hw.put("hostPacketsIn", r.hostPacketsIn());
                hw.put("hostPacketsOut", r.hostPacketsOut());
                hw.put("hops", r.hops());
                hw.put("tiles", r.tiles());
                hw.put("operations", r.operations());
                hw.put("energyPicojoules", r.energyPicojoules());
                hw.put("energyTotalPicojoules", r.energyTotalPicojoules());
                hw.put("checkedAgainstGoldenModel", !noCheck);
                hw.put("mismatch", mismatch);
            } else {
                events = new ArrayList<>();
                long packets = 0;
                long hops = 0;
                for (List<Event> step : modelEvents) {
                    List<Event> rep = new ArrayList<>();
                    for (Event e : step) {
                        if (net.populations().get(e.population()).isInput() || m.reported(e.population())) {
                            long[] ph = m.traffic(e.population(), e.neuron());
                            packets += ph[0];
                            hops += ph[1];
                        }
                        if (m.reported(e.population())) {
                            rep.add(e);
                        }
                    }
                    events.add(rep);
                }
                hardware = String.format(Locale.ROOT, "## Traffic on %s (golden model, mapped)%n%n| figure | value |%n|---|---:|%n"
                        + "| packets | %d |%n| links crossed (hops) | %d |%n%nCycles and activity counters come from"
                        + " `--on rtl`.%n", a.moduleName(), packets, hops);
                hw.put("packets", packets);
                hw.put("hops", hops);
            }
            String report = metrics.markdown("Run of " + net.name() + " (golden model)") + "\n"
                    + m.report().replace("# Mapping", "## Mapping") + "\n" + hardware;
            Provenance provenance = options.provenance();
            OutputFolder.replace(out, RunCommand::written, tmp -> {
                EventsJson.write(tmp.resolve("events.json"), net, events, provenance.json());
                Files.writeString(tmp.resolve("metrics.md"), report + "\n" + provenance.markdown());
                provenance.writeJson(tmp.resolve("metrics.json"), metrics);
                provenance.writeJson(tmp.resolve("hardware.json"), hw);
                Files.writeString(tmp.resolve("hardware.md"), hardware + "\n" + provenance.markdown());
                RasterPlot.write(tmp.resolve("raster.png"), net, events, provenance);
            });
            if (mismatch != null) {
                spec.commandLine().getErr().println("error: the array differs from the golden model: " + mismatch
                        + " (outputs written to " + out + ")");
                return MISMATCH;
            }
            spec.commandLine().getOut().println("ran " + n + " steps of " + net.name() + " on " + (on == Target.rtl
                    ? a.cols() + " x " + a.rows() + " array RTL" + (noCheck ? "" : ", equal to the golden model at every step")
                    : "the golden model") + "; wrote events.json, metrics.md, metrics.json, hardware.md, hardware.json and"
                    + " raster.png to " + out);
            return 0;
        } catch (ConfigException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
    }
}
