package dev.neuroforge.verif.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.sim.ExternalCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core benchmark ({@code make bench-core}): CPI of every firmware program on the RTL (run in
 * lockstep, so every figure comes from a verified run), Yosys cell counts, and nextpnr-ice40
 * utilisation and Fmax of the core in a small block-RAM system ({@link CoreBuilder#benchTop}) for the
 * iCE40 UP5K and HX8K. Prints a Markdown report and writes it to the file given by
 * {@code --out} (default {@code docs/core-bench.md}); {@code --no-fpga} skips place and route.
 */
public final class CoreBench {
    private static final String HINT = "install it with `apt-get install -y yosys nextpnr-ice40`";

    private CoreBench() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("docs/core-bench.md");
        boolean fpga = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--no-fpga" -> fpga = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; use --out FILE, --no-fpga");
            }
        }
        StringBuilder md = new StringBuilder("# Core benchmark\n\nWritten by `make bench-core` (`dev.neuroforge.verif.core.CoreBench`). "
                + "Every run below is a lockstep run against the ISS that passed.\n\n");
        cpiTable(md);
        synthTable(md, fpga);
        System.out.println(md);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out);
    }

    private static void cpiTable(StringBuilder md) throws IOException {
        CoreParams[] cores = {CoreParams.defaults(), new CoreParams(true, true, 0)};
        md.append("## Cycles per instruction (single-cycle memories, no stalls)\n\n");
        md.append("| program | instructions | cycles ").append(cores[0].moduleName()).append(" | CPI | cycles ")
                .append(cores[1].moduleName()).append(" | CPI |\n|---|---:|---:|---:|---:|---:|\n");
        List<String> programs = new ArrayList<>(Firmware.isaTests());
        programs.addAll(Firmware.cPrograms());
        for (String name : programs) {
            Elf elf = Elf.read(Firmware.elf(name));
            md.append("| ").append(name);
            for (int c = 0; c < cores.length; c++) {
                Lockstep.Result r = Lockstep.run(elf, cores[c], null, 0, 0, 50_000_000);
                if (!r.passed()) {
                    throw new IllegalStateException(name + " on " + cores[c].moduleName() + ": " + r.summary() + "\n" + r.report());
                }
                if (c == 0) {
                    md.append(" | ").append(r.instructions());
                }
                md.append(" | ").append(r.cycles()).append(String.format(Locale.ROOT, " | %.3f", r.cpi()));
            }
            md.append(" |\n");
        }
        md.append("\nCycles include the 2 cycles of pipeline fill and the drain after the tohost store.\n\n");
    }

    private static void synthTable(StringBuilder md, boolean fpga) throws IOException {
        CoreParams[] cores = {new CoreParams(false, false, 0), CoreParams.defaults(), new CoreParams(true, true, 0)};
        md.append("## Synthesis\n\n");
        md.append("Yosys 0.23 `synth` (generic cells) of the core alone with its retirement port, and `synth_ice40` of "
                + "`nf_core_bench_*` (`templates/core/bench_top.v.vm`: the core with its RVFI outputs open, on a 4 KiB block RAM) for iCE40; "
                + "nextpnr-ice40 logic cells (LUT4 and/or flip-flop) and Fmax (`--freq 20 --seed 1`); the UP5K run uses `synth_ice40 -dsp` (its SB_MAC16 blocks), the HX8K run plain `synth_ice40`.\n\n");
        md.append("| core | Yosys cells (generic) | iCE40 SB_LUT4 | SB_CARRY | flip-flops | SB_RAM40_4K |"
                + " SB_LUT4 with -dsp | SB_MAC16 | UP5K logic cells (-dsp) | UP5K Fmax (MHz) | HX8K logic cells | HX8K Fmax (MHz) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CoreParams p : cores) {
            Path dir = Files.createTempDirectory("nf-core-bench-");
            Design d = CoreBuilder.build(p);
            GeneratedModule m = d.topModule();
            Path core = dir.resolve(m.fileName());
            Files.writeString(core, m.source());
            String generic = ExternalCommand.require(List.of("yosys", "-p", "read_verilog " + core + "; synth -top " + d.top()
                    + "; stat"), dir, 1800, "Yosys synth of " + d.top(), HINT);
            Design bench = CoreBuilder.benchTop(p);
            Path top = dir.resolve(bench.topModule().fileName());
            Files.writeString(top, bench.topModule().source());
            // Plain synth_ice40 (HX8K has no DSP blocks), and with -dsp for the UP5K's SB_MAC16.
            Path json = dir.resolve("top.json");
            String ice = ExternalCommand.require(List.of("yosys", "-p", "read_verilog " + core + " " + top
                    + "; synth_ice40 -top " + bench.top() + " -json " + json + "; stat"), dir, 1800,
                    "Yosys synth_ice40 of " + bench.top(), HINT);
            Path jsonDsp = dir.resolve("top-dsp.json");
            String iceDsp = ExternalCommand.require(List.of("yosys", "-p", "read_verilog " + core + " " + top
                    + "; synth_ice40 -dsp -top " + bench.top() + " -json " + jsonDsp + "; stat"), dir, 1800,
                    "Yosys synth_ice40 -dsp of " + bench.top(), HINT);
            int ffs = 0;
            for (String ff : List.of("SB_DFF", "SB_DFFE", "SB_DFFR", "SB_DFFER", "SB_DFFS", "SB_DFFES", "SB_DFFSR", "SB_DFFESR",
                    "SB_DFFSS", "SB_DFFESS")) {
                ffs += count(ice, ff);
            }
            md.append("| ").append(d.top()).append(" | ").append(count(generic, "Number of cells:")).append(" | ")
                    .append(count(ice, "SB_LUT4")).append(" | ").append(count(ice, "SB_CARRY")).append(" | ").append(ffs)
                    .append(" | ").append(count(ice, "SB_RAM40_4K"));
            md.append(" | ").append(count(iceDsp, "SB_LUT4")).append(" | ").append(count(iceDsp, "SB_MAC16"));
            md.append(fpga ? pnr(dir, jsonDsp, "up5k") : " | - | -");
            md.append(fpga ? pnr(dir, json, "hx8k") : " | - | -");
            md.append(" |\n");
            System.out.println("[bench-core] " + d.top() + " done");
        }
        md.append('\n');
    }

    /** " | cells/available | fmax" from nextpnr-ice40, or "does not fit". */
    private static String pnr(Path dir, Path json, String dev) throws IOException {
        Path report = dir.resolve("pnr-" + dev + ".json");
        List<String> cmd = new ArrayList<>(List.of("nextpnr-ice40", "--" + dev, "--package", dev.equals("up5k") ? "sg48" : "ct256",
                "--json", json.toString(), "--pcf-allow-unconstrained", "--freq", "20", "--timing-allow-fail", "--seed", "1",
                "--report", report.toString()));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Files.writeString(dir.resolve("pnr-" + dev + ".log"), log);
        if (!Files.exists(report)) {
            String why = log.lines().filter(l -> l.startsWith("ERROR")).findFirst().orElse("failed, see " + dir);
            return " | " + why.replace("|", "/") + " | -";
        }
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        JsonNode lc = r.path("utilization").path("ICESTORM_LC");
        double fmax = 0;
        for (JsonNode clk : r.path("fmax")) {
            fmax = clk.path("achieved").asDouble();
        }
        return " | " + lc.path("used").asInt() + " / " + lc.path("available").asInt() + String.format(Locale.ROOT, " | %.1f", fmax);
    }

    /** The last number after {@code what} in a Yosys log (the final statistics). */
    private static int count(String log, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what) + "\\s+(\\d+)").matcher(log);
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }
}
