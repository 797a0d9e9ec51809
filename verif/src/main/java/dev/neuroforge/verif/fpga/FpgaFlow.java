package dev.neuroforge.verif.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.TempDirs;
import dev.neuroforge.generator.fpga.ScanWrapperBuilder;
import dev.neuroforge.sim.ExternalCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs Yosys on every module of a design and on its top (generic {@code synth}, memories kept as
 * one cell each, for cell counts;
 * {@code synth_ice40} for LUTs, flip-flops and block RAMs), checks the results, and places and
 * routes the modules that fit an iCE40HX8K with nextpnr-ice40 for their Fmax. Any latch, multiple
 * driver, combinational loop, undriven signal or block-RAM memory left in flip-flops fails the
 * flow with a {@link FpgaCheckException} naming every one.
 */
public final class FpgaFlow {
    /** The iCE40 part place and route targets: the largest one nextpnr-ice40 supports. */
    public static final String DEVICE = "iCE40HX8K-CT256";
    public static final int DEVICE_LCS = 7680;
    public static final int DEVICE_BRAMS = 32;
    /** Clock target handed to nextpnr (MHz); it drives timing-driven placement, Fmax is what it reaches. */
    public static final int TARGET_MHZ = 100;
    /** nextpnr-ice40's arguments naming {@link #DEVICE}. */
    private static final List<String> NEXTPNR_DEVICE = List.of("--hx8k", "--package", "ct256");

    static final String YOSYS_HINT = "install it with `apt-get install -y yosys`, or run `make deps`";
    static final String NEXTPNR_HINT = "install it with `apt-get install -y nextpnr-ice40 fpga-icestorm`, or run `make deps`";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to run.
     *
     * @param everyModule   synthesize every module, not only the top
     * @param placeAndRoute run nextpnr-ice40 on what fits
     * @param pnrEveryModule place and route every module that fits, not only the top
     * @param timeoutSeconds limit of each tool run
     */
    public record Options(boolean everyModule, boolean placeAndRoute, boolean pnrEveryModule, long timeoutSeconds) {
        /** Everything: each module synthesized, placed and routed where it fits. */
        public static Options full() {
            return new Options(true, true, true, 3600);
        }

        /** Each module synthesized and checked; no place and route. */
        public static Options synthesisOnly() {
            return new Options(true, false, false, 3600);
        }

        public Options withPlaceAndRoute(boolean pnr) {
            return new Options(everyModule, pnr, pnrEveryModule && pnr, timeoutSeconds);
        }
    }

    private final Options options;
    private final java.util.function.Consumer<String> progress;

    public FpgaFlow(Options options) {
        this(options, line -> { });
    }

    /** A flow that reports each tool run as it starts and ends, with the elapsed time, to {@code progress}. */
    public FpgaFlow(Options options, java.util.function.Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * What {@link #run} would do on {@code design}, without running anything: the modules it
     * synthesizes, the tools, the device and the options ({@code fpga --dry-run} prints it).
     */
    public Map<String, Object> plan(Design design) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        List<GeneratedModule> targets = options.everyModule() ? design.modules() : List.of(design.topModule());
        p.put("synthesize", targets.stream().map(GeneratedModule::name).toList());
        p.put("yosys", "synth (generic, memories kept) and synth_ice40, then checks for latches, multiple drivers,"
                + " combinational loops, undriven signals and block-RAM memories in flip-flops");
        p.put("nextpnr-ice40", !options.placeAndRoute() ? "not run (--no-pnr)"
                : String.join(" ", NEXTPNR_DEVICE) + " --freq " + TARGET_MHZ + " --seed 1, on "
                + (options.pnrEveryModule() ? "the top and every module" : "the top") + " that fits");
        p.put("device", DEVICE + " (" + DEVICE_LCS + " LCs, " + DEVICE_BRAMS + " BRAM)");
        p.put("targetMhz", TARGET_MHZ);
        p.put("timeoutSecondsPerToolRun", options.timeoutSeconds());
        return p;
    }

    /** Writes the design's Verilog to a scratch folder and runs the flow on it. */
    public FpgaResult run(String name, Design design) {
        Path dir = tempDir();
        try {
            design.writeVerilog(dir);
            for (Map.Entry<String, Memory> e : design.memoryImages().entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue().hexImage());
            }
            return run(name, design, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirs.release(dir);
        }
    }

    /** Runs the flow on a design whose files are already in {@code srcDir}; scratch files go elsewhere. */
    public FpgaResult run(String name, Design design, Path srcDir) {
        Path work = tempDir();
        try {
            List<String> files = new ArrayList<>();
            for (String f : design.verilogFiles()) {
                files.add(srcDir.resolve(f).toAbsolutePath().toString());
            }
            List<GeneratedModule> targets = options.everyModule() ? design.modules() : List.of(design.topModule());
            List<Finding> findings = new ArrayList<>();
            List<ModuleResult> results = new ArrayList<>();
            String nextpnr = "not run";
            long start = System.nanoTime();
            int i = 0;
            for (GeneratedModule m : targets) {
                i++;
                boolean isTop = m.name().equals(design.top());
                long t0 = System.nanoTime();
                progress.accept(String.format(Locale.ROOT, "[%d/%d] yosys %s ...", i, targets.size(), m.name()));
                String log = yosys(work, srcDir, m.name(), synthScript(files, m.name()));
                progress.accept(String.format(Locale.ROOT, "[%d/%d] yosys %s done in %.1f s (%.0f s so far)", i,
                        targets.size(), m.name(), seconds(t0), seconds(start)));
                for (Finding f : SynthChecks.parse(log, m.name(), m.memories())) {
                    if (findings.stream().noneMatch(g -> g.kind() == f.kind() && g.subject().equals(f.subject()))) {
                        findings.add(f);
                    }
                }
                JsonNode generic = stat(work.resolve(m.name() + ".generic.json"));
                JsonNode ice = stat(work.resolve(m.name() + ".ice40.json"));
                int luts = count(ice, "SB_LUT4");
                int ffs = count(ice, "SB_DFF");
                int brams = count(ice, "SB_RAM40_4K");
                Double fmax = null;
                String pnr = "not run";
                if (options.placeAndRoute() && (isTop || options.pnrEveryModule())) {
                    if (nextpnr.equals("not run")) {
                        nextpnr = version(List.of("nextpnr-ice40", "--version"), NEXTPNR_HINT);
                    }
                    Pnr p;
                    if (luts > DEVICE_LCS || ffs > DEVICE_LCS || brams > DEVICE_BRAMS) {
                        p = new Pnr(null, doesNotFit(luts, ffs, brams));
                    } else {
                        long t1 = System.nanoTime();
                        progress.accept(String.format(Locale.ROOT, "[%d/%d] nextpnr-ice40 %s ...", i, targets.size(),
                                m.name()));
                        p = placeAndRoute(work, srcDir, files, m);
                        progress.accept(String.format(Locale.ROOT, "[%d/%d] nextpnr-ice40 %s done in %.1f s (%.0f s so far)",
                                i, targets.size(), m.name(), seconds(t1), seconds(start)));
                    }
                    fmax = p.fmax;
                    pnr = p.note;
                }
                results.add(new ModuleResult(m.name(), isTop, generic.path("num_cells").asInt(), luts, ffs, brams,
                        count(ice, "SB_CARRY"), fmax, pnr));
            }
            if (!findings.isEmpty()) {
                throw new FpgaCheckException(name + " (top " + design.top() + ")", findings);
            }
            return new FpgaResult(name, design.top(), results, version(List.of("yosys", "-V"), YOSYS_HINT), nextpnr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirs.release(work);
        }
    }

    /** The Yosys script of one module: checks on the elaborated RTL, then generic and iCE40 synthesis. */
    static String synthScript(List<String> files, String module) {
        return "read_verilog " + String.join(" ", files) + "\n"
                + "hierarchy -check -top " + module + "\n"
                + "proc\n"
                + "check\n"
                + "design -save rtl\n"
                // Yosys' generic synth, except that memories stay one $mem_v2 cell each (no memory_map).
                + "synth -flatten -top " + module + " -run begin:fine\n"
                + "opt -fast -full\nopt -full\ntechmap\nopt -fast\nabc -fast\nopt -fast\n"
                + "tee -q -o " + module + ".generic.json stat -json\n"
                + "design -load rtl\n"
                + "synth_ice40 -top " + module + "\n"
                + "check\n"
                + "tee -q -o " + module + ".ice40.json stat -json\n";
    }

    private record Pnr(Double fmax, String note) {
    }

    private Pnr placeAndRoute(Path work, Path srcDir, List<String> files, GeneratedModule m) throws IOException {
        Optional<GeneratedModule> wrapper = ScanWrapperBuilder.build(m);
        if (wrapper.isEmpty()) {
            return new Pnr(null, "no clocked path to time");
        }
        GeneratedModule w = wrapper.get();
        Path wf = work.resolve(w.fileName());
        Files.writeString(wf, w.source());
        List<String> all = new ArrayList<>(files);
        all.add(wf.toAbsolutePath().toString());
        yosys(work, srcDir, w.name(), "read_verilog " + String.join(" ", all) + "\n"
                + "synth_ice40 -top " + w.name() + " -json " + w.name() + ".json\n"
                + "tee -q -o " + w.name() + ".ice40.json stat -json\n");
        JsonNode ice = stat(work.resolve(w.name() + ".ice40.json"));
        int luts = count(ice, "SB_LUT4");
        int ffs = count(ice, "SB_DFF");
        int brams = count(ice, "SB_RAM40_4K");
        if (luts > DEVICE_LCS || ffs > DEVICE_LCS || brams > DEVICE_BRAMS) {
            return new Pnr(null, doesNotFit(luts, ffs, brams) + " in the timing wrapper");
        }
        Path report = work.resolve(w.name() + ".pnr.json");
        List<String> cmd = new ArrayList<>(List.of("nextpnr-ice40"));
        cmd.addAll(NEXTPNR_DEVICE);
        cmd.addAll(List.of("--json", w.name() + ".json", "--pcf-allow-unconstrained", "--freq", Integer.toString(TARGET_MHZ),
                "--timing-allow-fail", "--seed", "1", "--report", report.getFileName().toString(), "-q"));
        ExternalCommand.Result r = ExternalCommand.run(cmd, work, options.timeoutSeconds(), NEXTPNR_HINT);
        if (r.exitCode() != 0 || !Files.exists(report)) {
            String last = r.output().lines().filter(l -> l.contains("ERROR")).findFirst().orElse("exit " + r.exitCode());
            return new Pnr(null, "place and route failed: " + last.trim());
        }
        JsonNode rep = JSON.readTree(report.toFile());
        Double fmax = null;
        for (JsonNode clk : rep.path("fmax")) {
            double a = clk.path("achieved").asDouble();
            fmax = fmax == null ? a : Math.min(fmax, a);
        }
        JsonNode lc = rep.path("utilization").path("ICESTORM_LC");
        String util = lc.isMissingNode() ? "" : String.format(Locale.ROOT, ", %d of %d LCs",
                lc.path("used").asInt(), lc.path("available").asInt());
        return new Pnr(fmax, "placed and routed on " + DEVICE + " in the timing wrapper" + util);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String doesNotFit(int luts, int ffs, int brams) {
        return String.format(Locale.ROOT, "does not fit %s: %d LUT4, %d FF for %d LCs, %d of %d BRAM", DEVICE, luts, ffs,
                DEVICE_LCS, brams, DEVICE_BRAMS);
    }

    private String yosys(Path work, Path srcDir, String module, String script) throws IOException {
        Path ys = work.resolve(module + ".ys");
        Path log = work.resolve(module + ".log");
        Files.writeString(ys, script);
        // Run in the design folder so $readmemh finds its images; outputs go to absolute paths.
        String abs = script.replace("-o " + module, "-o " + work.toAbsolutePath() + "/" + module)
                .replace("-json " + module, "-json " + work.toAbsolutePath() + "/" + module);
        Files.writeString(ys, abs);
        ExternalCommand.Result r = ExternalCommand.run(List.of("yosys", "-q", "-l", log.toAbsolutePath().toString(),
                "-s", ys.toAbsolutePath().toString()), srcDir, options.timeoutSeconds(), YOSYS_HINT);
        String text = Files.exists(log) ? Files.readString(log) : r.output();
        if (r.exitCode() != 0) {
            List<String> lines = text.lines().toList();
            throw new IllegalStateException("Yosys failed on " + module + " (exit " + r.exitCode() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
        return text;
    }

    private static String version(List<String> cmd, String hint) {
        ExternalCommand.Result r = ExternalCommand.run(cmd, null, 60, hint);
        return r.output().lines().findFirst().orElse("unknown").trim();
    }

    private static JsonNode stat(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root.has("design")) {
            return root.get("design");
        }
        Iterator<JsonNode> mods = root.path("modules").elements();
        return mods.hasNext() ? mods.next() : JSON.createObjectNode();
    }

    /** Cells whose type starts with {@code prefix} (SB_DFF counts every flip-flop flavour). */
    private static int count(JsonNode stat, String prefix) {
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = stat.path("num_cells_by_type").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(prefix)) {
                n += e.getValue().asInt();
            }
        }
        return n;
    }

    private static Path tempDir() {
        try {
            return TempDirs.createSystem("nf-fpga-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
