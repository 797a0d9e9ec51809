package dev.neuroforge.generator.fpga;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.VerilogFile;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.Provenance;
import dev.neuroforge.generator.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the FPGA hand-off of a generated design into {@code <design folder>/fpga/}: a filelist, a
 * FuseSoC CAPI2 core, a Yosys script, a Vivado non-project TCL script, an XDC constraints template,
 * the timing wrapper and HANDOFF.md. Every path points at the design's own files one folder up
 * ({@code ../nf_x.v}), so the Verilog and the memory images exist once, with their checksums in
 * {@code ../manifest.json}. The synthesis results ({@code report.md}, {@code report.json}) are
 * added by the flow that runs the tools.
 */
public final class HandoffPackage {
    /** Default Xilinx part of the Vivado script (Arty A7-35T); the script takes another as argument. */
    public static final String DEFAULT_PART = "xc7a35ticsg324-1L";
    /** Clock period of the constraint templates, ns. */
    public static final double DEFAULT_PERIOD_NS = 10.0;

    private final String name;
    private final String block;
    private final Map<String, Object> parameters;
    private final Design design;
    private final List<VerilogPort> ports;
    private final Provenance provenance;

    public HandoffPackage(String name, String block, Map<String, Object> parameters, Design design) {
        this.name = name;
        this.block = block;
        this.parameters = parameters;
        this.design = design;
        this.ports = VerilogPort.of(design.topModule());
        this.provenance = Provenance.ofDesign(name, block, parameters);
    }

    /** The provenance every file of the hand-off carries (the design's, as in {@code ../manifest.json}). */
    public Provenance provenance() {
        return provenance;
    }

    public String filelistName() {
        return name + ".f";
    }

    public String coreName() {
        return name + ".core";
    }

    /** The top module's ports. */
    public List<VerilogPort> ports() {
        return ports;
    }

    /** The timing wrapper of the top module, if it has a clock, inputs and outputs. */
    public Optional<GeneratedModule> wrapper() {
        return ScanWrapperBuilder.build(design.topModule());
    }

    /** Writes the package into {@code fpgaDir} (created) and returns the files written. */
    public List<Path> write(Path fpgaDir) throws IOException {
        Files.createDirectories(fpgaDir);
        List<Path> written = new ArrayList<>();
        written.add(Files.writeString(fpgaDir.resolve(filelistName()), filelist()));
        written.add(Files.writeString(fpgaDir.resolve(coreName()), core()));
        written.add(Files.writeString(fpgaDir.resolve("yosys.ys"), yosysScript()));
        written.add(Files.writeString(fpgaDir.resolve("vivado.tcl"), vivadoScript()));
        written.add(Files.writeString(fpgaDir.resolve("constraints.xdc"), xdc()));
        Optional<GeneratedModule> w = wrapper();
        if (w.isPresent()) {
            written.add(Files.writeString(fpgaDir.resolve(w.get().fileName()), VerilogFile.text(w.get(), stamp("//"))));
        }
        written.add(Files.writeString(fpgaDir.resolve("HANDOFF.md"), handoff()));
        return written;
    }

    private static String up(String file) {
        return "../" + file;
    }

    /** The provenance line, naming the design folder's manifest that records the config's parameters. */
    private String stamp(String comment) {
        return provenance.line(comment, "../manifest.json");
    }

    private String generatedBy(String comment) {
        return stamp(comment) + comment + " Generated for config " + name + " (block " + block
                + "). Do not edit: regenerate.\n";
    }

    /** Verilog files, leaves first, relative to the fpga folder; one per line after the provenance comment. */
    public String filelist() {
        StringBuilder b = new StringBuilder(stamp("//"));
        design.verilogFiles().forEach(f -> b.append(up(f)).append('\n'));
        return b.toString();
    }

    /** FuseSoC CAPI2 core: the design's files, its top, lint and synthesis targets. */
    public String core() {
        StringBuilder b = new StringBuilder("CAPI=2:\n");
        b.append(generatedBy("#"));
        b.append("name: neuroforge:generated:").append(name.replace('_', '-')).append(':')
                .append(coreVersion()).append('\n');
        b.append("description: \"NeuroForge ").append(block).append(' ').append(paramText()).append("\"\n\n");
        b.append("filesets:\n  rtl:\n    files:\n");
        for (String f : design.verilogFiles()) {
            b.append("      - ").append(up(f)).append('\n');
        }
        b.append("    file_type: verilogSource\n");
        if (!design.memoryImages().isEmpty()) {
            b.append("  mem:\n    files:\n");
            for (String f : design.memoryImages().keySet()) {
                b.append("      - ").append(up(f)).append(": {copyto: ").append(f).append("}\n");
            }
            b.append("    file_type: user\n");
        }
        String sets = design.memoryImages().isEmpty() ? "[rtl]" : "[rtl, mem]";
        b.append("\ntargets:\n");
        b.append("  default: &default\n    filesets: ").append(sets).append("\n    toplevel: ").append(design.top())
                .append("\n\n");
        b.append("  lint:\n    <<: *default\n    default_tool: verilator\n    tools:\n      verilator:\n"
                + "        mode: lint-only\n        verilator_options: [-Wall]\n\n");
        b.append("  synth:\n    <<: *default\n    default_tool: yosys\n    tools:\n      yosys:\n        arch: ice40\n"
                + "        output_format: json\n");
        return b.toString();
    }

    /** FuseSoC wants a plain dotted version: 0.1.0-SNAPSHOT becomes 0.1.0. */
    static String coreVersion() {
        String v = Version.get().replaceAll("[^0-9.].*$", "");
        return v.isEmpty() ? "0" : v;
    }

    private String paramText() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(parameters).forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString().replace("\"", "'");
    }

    /** Yosys script for iCE40, run from the fpga folder: {@code yosys -s yosys.ys}. */
    public String yosysScript() {
        StringBuilder b = new StringBuilder();
        b.append(generatedBy("#"));
        b.append("# Run from this folder: yosys -s yosys.ys    (writes ").append(name).append(".json for nextpnr-ice40)\n");
        b.append("# Another target: replace synth_ice40 by synth_xilinx, synth_ecp5, ... or by the generic `synth`.\n");
        b.append("read_verilog");
        design.verilogFiles().forEach(f -> b.append(' ').append(up(f)));
        b.append('\n');
        b.append("hierarchy -check -top ").append(design.top()).append('\n');
        b.append("proc\ncheck -assert\n");
        b.append("synth_ice40 -top ").append(design.top()).append(" -json ").append(name).append(".json\n");
        b.append("stat\n");
        return b.toString();
    }

    /** Vivado non-project flow: synthesis, implementation, reports, optional bitstream. */
    public String vivadoScript() {
        StringBuilder b = new StringBuilder();
        b.append(generatedBy("#"));
        b.append("# Vivado non-project flow for ").append(design.top()).append(".\n");
        b.append("#   vivado -mode batch -source vivado.tcl -tclargs [part] [bitstream]\n");
        b.append("# Fill in the pins in constraints.xdc before asking for a bitstream.\n");
        b.append("set part [expr {$argc > 0 ? [lindex $argv 0] : \"").append(DEFAULT_PART).append("\"}]\n");
        b.append("set here [file dirname [file normalize [info script]]]\n");
        b.append("set out  [file join $here vivado-out]\nfile mkdir $out\n\n");
        b.append("read_verilog [list");
        design.verilogFiles().forEach(f -> b.append(" \\\n  [file join $here ").append(up(f)).append(']'));
        b.append("]\n");
        for (String f : design.memoryImages().keySet()) {
            b.append("add_files -norecurse [file join $here ").append(up(f)).append("]\n");
            b.append("set_property file_type {Memory Initialization Files} [get_files ").append(f).append("]\n");
        }
        b.append("read_xdc [file join $here constraints.xdc]\n\n");
        b.append("synth_design -top ").append(design.top()).append(" -part $part\n");
        b.append("report_utilization -file [file join $out utilization_synth.rpt]\n");
        b.append("opt_design\nplace_design\nroute_design\n");
        b.append("report_utilization -file [file join $out utilization.rpt]\n");
        b.append("report_timing_summary -file [file join $out timing.rpt]\n");
        b.append("write_checkpoint -force [file join $out ").append(design.top()).append(".dcp]\n");
        b.append("if {$argc > 1 && [lindex $argv 1] eq \"bitstream\"} {\n");
        b.append("  write_bitstream -force [file join $out ").append(design.top()).append(".bit]\n}\n");
        return b.toString();
    }

    /** XDC template: the clock constrained, every other pin a placeholder to fill in. */
    public String xdc() {
        StringBuilder b = new StringBuilder();
        b.append(generatedBy("#"));
        b.append("# Constraints template for ").append(design.top()).append(". The clock period is a placeholder\n");
        b.append("# (").append(DEFAULT_PERIOD_NS).append(" ns); pins are commented out: fill in <PIN> and the I/O standard of your board.\n\n");
        for (VerilogPort p : ports) {
            if (p.isClock()) {
                b.append("create_clock -name ").append(p.name()).append(" -period ")
                        .append(String.format(java.util.Locale.ROOT, "%.3f", DEFAULT_PERIOD_NS))
                        .append(" [get_ports ").append(p.name()).append("]\n");
                b.append("# set_property -dict {PACKAGE_PIN <PIN> IOSTANDARD LVCMOS33} [get_ports ").append(p.name())
                        .append("]\n");
            }
        }
        b.append("\n# Resets (asynchronous, active low): not timed from the pin.\n");
        for (VerilogPort p : ports) {
            if (p.isReset()) {
                b.append("set_false_path -from [get_ports ").append(p.name()).append("]\n");
                b.append("# set_property -dict {PACKAGE_PIN <PIN> IOSTANDARD LVCMOS33} [get_ports ").append(p.name())
                        .append("]\n");
            }
        }
        String clock = ports.stream().filter(VerilogPort::isClock).map(VerilogPort::name).findFirst().orElse(null);
        b.append("\n# Stream and control pins. Delays relative to the clock are placeholders too.\n");
        for (VerilogPort p : ports) {
            if (p.isClock() || p.isReset()) {
                continue;
            }
            b.append("\n# ").append(p.direction()).append(' ').append(p.name()).append(" (").append(p.width())
                    .append(p.width() == 1 ? " bit)\n" : " bits)\n");
            if (clock != null) {
                b.append("# set_").append(p.isInput() ? "input" : "output").append("_delay -clock ").append(clock)
                        .append(" 2.000 [get_ports {").append(p.width() == 1 ? p.name() : p.name() + "[*]")
                        .append("}]\n");
            }
            for (String bit : p.bits()) {
                b.append("# set_property -dict {PACKAGE_PIN <PIN> IOSTANDARD LVCMOS33} [get_ports {").append(bit)
                        .append("}]\n");
            }
        }
        return b.toString();
    }

    /** HANDOFF.md: what an FPGA engineer needs to know before opening any other file. */
    public String handoff() {
        StringBuilder b = new StringBuilder();
        b.append("# FPGA hand-off: ").append(name).append("\n\n");
        b.append(provenance.markdown()).append('\n');
        b.append("Generated from block `").append(block)
                .append("` with ").append(paramText().isEmpty() ? "default parameters" : "`" + paramText() + "`")
                .append(". Do not edit: regenerate with\n`bin/neuroforge fpga --config <config>.json` (or `make fpga CONFIG=...`).\n\n");
        b.append("- Top module: `").append(design.top()).append("`, ").append(design.modules().size())
                .append(" modules, Verilog-2005, one module per file in `../` (checksums in `../manifest.json`).\n");
        List<String> clocks = ports.stream().filter(VerilogPort::isClock).map(VerilogPort::name).toList();
        List<String> resets = ports.stream().filter(VerilogPort::isReset).map(VerilogPort::name).toList();
        b.append("- Clocks: ").append(clocks.isEmpty() ? "none (combinational)" : code(clocks))
                .append(", rising edge; everything is synchronous to it.\n");
        b.append("- Resets: ").append(resets.isEmpty() ? "none" : code(resets))
                .append(", asynchronous assertion, active low; release it synchronously to the clock on your board.\n\n");
        b.append("## Files\n\n| file | for |\n|---|---|\n");
        b.append("| `").append(filelistName()).append("` | filelist, leaves first, paths relative to this folder |\n");
        b.append("| `").append(coreName()).append("` | FuseSoC (CAPI2) core: `fusesoc --cores-root . run --target lint (or synth) neuroforge:generated:")
                .append(name.replace('_', '-')).append("` |\n");
        b.append("| `yosys.ys` | Yosys for iCE40: `yosys -s yosys.ys`, then `nextpnr-ice40 --hx8k --package ct256 --json ")
                .append(name).append(".json --pcf <your.pcf>` |\n");
        b.append("| `vivado.tcl` | Vivado non-project flow: `vivado -mode batch -source vivado.tcl -tclargs <part>` |\n");
        b.append("| `constraints.xdc` | clock constraint; reset, stream and control pins as placeholders |\n");
        wrapper().ifPresent(w -> b.append("| `").append(w.fileName()).append("` | timing wrapper used for Fmax: the data ports shift in and out through two pins |\n"));
        b.append("| `report.md`, `report.json` | what the flow measured: cells, LUTs, flip-flops, block RAMs, Fmax |\n\n");
        b.append("## Ports of `").append(design.top()).append("`\n\n| port | direction | bits |\n|---|---|---|\n");
        for (VerilogPort p : ports) {
            b.append("| `").append(p.name()).append("` | ").append(p.direction()).append(" | ").append(p.width()).append(" |\n");
        }
        b.append("\nStreams are valid/ready: a word moves in a cycle where both are high; the block documentation\n"
                + "(docs/ in the NeuroForge repository) describes the formats.\n\n");
        b.append("## Memories\n\n");
        List<String[]> mems = new ArrayList<>();
        for (GeneratedModule m : design.modules()) {
            for (Memory mem : m.memories()) {
                mems.add(new String[] {m.name(), mem.array(), mem.width() + " x " + mem.depth(),
                    mem.blockRam() ? "yes" : "no", mem.hasInit() ? "`" + mem.initFile() + "`" : "none (no reset)"});
            }
        }
        if (mems.isEmpty()) {
            b.append("None: all state is in flip-flops.\n\n");
        } else {
            b.append("| module | array | bits x words | block RAM | initial contents |\n|---|---|---|---|---|\n");
            for (String[] r : mems) {
                b.append("| `").append(r[0]).append("` | `").append(r[1]).append("` | ").append(r[2]).append(" | ")
                        .append(r[3]).append(" | ").append(r[4]).append(" |\n");
            }
            b.append("\nOne write port and one synchronous read port each; a read returns the old word when it hits\n"
                    + "the address written in the same cycle. Images are `$readmemh` text (one hex word per line,\n"
                    + "address 0 first), which Verilator, Icarus, Yosys and Vivado all read.\n\n");
        }
        b.append("## What was verified\n\n");
        b.append("- This folder is published only when Yosys 0.23 found, in every module and in the top: no latch, no\n"
                + "  signal with more than one driver, no combinational loop, no undriven signal or output, and every\n"
                + "  memory marked block RAM above mapped to iCE40 block RAM (`report.md`).\n");
        b.append("- In the NeuroForge repository, each block has testbenches that compare the RTL, compiled with\n"
                + "  Verilator, with a golden Java model (directed and seeded random tests), and lint checks\n"
                + "  (`verilator --lint-only -Wall`, Icarus, Yosys). Rerun them all with `make test`; one block's with\n"
                + "  `mvn -pl verif -am test -Dtest='<Block>*Test' -Dsurefire.failIfNoSpecifiedTests=false`.\n");
        b.append("- Not verified here: the Vivado script and the XDC template (no Vivado on the build machine), timing\n"
                + "  with real pins (Fmax in `report.md` is register to register, through the timing wrapper).\n");
        return b.toString();
    }

    private static String code(List<String> names) {
        return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
    }
}
