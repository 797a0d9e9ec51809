package dev.neuroforge.cli;

import dev.neuroforge.config.DesignConfig;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.DesignWriter;
import dev.neuroforge.generator.OutputException;
import dev.neuroforge.generator.fpga.HandoffPackage;
import dev.neuroforge.verif.fpga.FpgaCheckException;
import dev.neuroforge.verif.fpga.FpgaFlow;
import dev.neuroforge.verif.fpga.FpgaResult;
import dev.neuroforge.verif.fpga.ModuleResult;
import dev.neuroforge.verif.fpga.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuroforge fpga --config FILE.json [--out DIR] [--no-pnr] [--dry-run]}: generate a config and its FPGA
 * hand-off ({@code <out>/<name>/fpga/}), synthesize every module with Yosys, place and route what
 * fits an iCE40 with nextpnr, and publish the folder only if every check passed.
 */
@Command(name = "fpga", mixinStandardHelpOptions = true,
        exitCodeListHeading = Main.EXIT_HEADING, exitCodeList = {Main.EXIT_0, Main.EXIT_1, Main.EXIT_2},
        description = {"Generate a config with its FPGA hand-off in <out>/<name>/fpga/:",
            "filelist, FuseSoC core, Yosys and Vivado scripts, XDC template,",
            "HANDOFF.md, and report.md/report.json from Yosys and nextpnr-ice40.",
            "Fails, leaving <out> unchanged, on latches, multiple drivers,",
            "combinational loops, undriven signals or block-RAM memories mapped",
            "to flip-flops. --dry-run prints what it would run and writes nothing."})
public final class FpgaCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--no-pnr", description = "Skip place and route (no Fmax); synthesis and checks only.")
    boolean noPnr;

    @Option(names = "--dry-run",
            description = "Print the resolved config, its hash, the modules it would synthesize, the tools, the target"
                    + " device and options; run no tool and write nothing.")
    boolean dryRun;

    /** Why a module has no Fmax, in words. */
    private String whyNoFmax(ModuleResult m) {
        if (noPnr) {
            return "--no-pnr: place and route not run";
        }
        if (m.pnr().equals("not run")) {
            return "place and route runs on the top and the modules that fit only";
        }
        return m.pnr();
    }

    /** The flow as the options ask for it, its progress on {@code err}. */
    private FpgaFlow flow(PrintWriter err) {
        return new FpgaFlow(FpgaFlow.Options.full().withPlaceAndRoute(!noPnr), line -> {
            err.println(line);
            err.flush();
        });
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!options.outIsUsable(err)) {
            return CommandLine.ExitCode.USAGE;
        }
        DesignConfig c = options.load(err);
        if (c == null) {
            return 1;
        }
        Path out = options.out;
        FpgaResult[] result = new FpgaResult[1];
        Path dir;
        try {
            Design d = c.build();
            if (dryRun) {
                DryRun.print(spec.commandLine().getOut(), c, d, out, flow(err).plan(d));
                return 0;
            }
            HandoffPackage pkg = new HandoffPackage(c.name(), c.block(), c.parameters(), d);
            FpgaFlow flow = flow(err);
            dir = DesignWriter.write(d, c.name(), c.block(), c.parameters(), out, options.force, tmp -> {
                Path fpga = tmp.resolve("fpga");
                pkg.write(fpga);
                result[0] = flow.run(c.name(), d, tmp);
                ReportWriter.write(result[0], fpga, pkg.provenance());
            });
        } catch (FpgaCheckException e) {
            err.println("error: " + e.getMessage());
            err.println(out.resolve(c.name()) + " left unchanged.");
            return 1;
        } catch (OutputException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("error: FPGA flow for " + c.name() + " failed, " + out + " left unchanged: "
                    + ConfigOptions.describe(e));
            return 1;
        }
        PrintWriter o = spec.commandLine().getOut();
        ModuleResult top = null;
        for (ModuleResult m : result[0].modules()) {
            o.printf("%-40s %7d cells %6d LUT4 %6d FF %3d BRAM  Fmax %s MHz%s%n", m.module(), m.cells(), m.luts(), m.ffs(),
                    m.brams(), ReportWriter.fmax(m.fmaxMhz()), m.fmaxMhz() == null ? "  (" + whyNoFmax(m) + ")" : "");
            if (m.top()) {
                top = m;
            }
        }
        Path fpga = dir.resolve("fpga");
        if (top != null && top.pnr().startsWith("does not fit")) {
            o.println("synthesis checks passed, but the top " + top.module() + " " + top.pnr()
                    + ": it needs a larger FPGA (the Vivado scripts in the hand-off target one); hand-off in " + fpga);
        } else if (!noPnr && top != null && top.fmaxMhz() == null) {
            o.println("synthesis checks passed; no Fmax for the top " + top.module() + " (" + whyNoFmax(top)
                    + "); hand-off in " + fpga + " (HANDOFF.md, report.md)");
        } else {
            o.println("checks passed; hand-off in " + fpga + " (HANDOFF.md, report.md)");
        }
        return 0;
    }
}
