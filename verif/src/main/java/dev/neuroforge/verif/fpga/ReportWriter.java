package dev.neuroforge.verif.fpga;

import dev.neuroforge.generator.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a {@link FpgaResult} as {@code report.json} and {@code report.md}. */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** Writes both reports into {@code dir}, each carrying {@code provenance} (a field, a line). */
    public static void write(FpgaResult r, Path dir, Provenance provenance) throws IOException {
        Files.createDirectories(dir);
        provenance.writeJson(dir.resolve("report.json"), r);
        Files.writeString(dir.resolve("report.md"), markdown(r) + "\n" + provenance.markdown());
    }

    /** "85.3" or "-" when place and route did not run. */
    public static String fmax(Double mhz) {
        return mhz == null ? "-" : String.format(Locale.ROOT, "%.1f", mhz);
    }

    public static String markdown(FpgaResult r) {
        StringBuilder b = new StringBuilder();
        b.append("# FPGA report: ").append(r.design()).append("\n\n");
        b.append("Top `").append(r.top()).append("`. Every module below passed the flow's checks: no latch, no\n"
                + "multiple drivers, no combinational loop, no undriven signal, every block-RAM memory in block RAM.\n\n");
        b.append("| module | cells (generic) | LUT4 | FF | BRAM | carry | Fmax MHz | place and route |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (ModuleResult m : r.modules()) {
            b.append("| `").append(m.module()).append('`').append(m.top() ? " (top)" : "").append(" | ")
                    .append(m.cells()).append(" | ").append(m.luts()).append(" | ").append(m.ffs()).append(" | ")
                    .append(m.brams()).append(" | ").append(m.carries()).append(" | ").append(fmax(m.fmaxMhz()))
                    .append(" | ").append(m.pnr()).append(" |\n");
        }
        b.append("\nCells: Yosys `synth -flatten` (technology independent; a memory counts as one cell). LUT4, FF, BRAM (SB_RAM40_4K), carry: Yosys\n"
                + "`synth_ice40`, flattened. Fmax: nextpnr-ice40 on " + FpgaFlow.DEVICE + " (seed 1, target "
                + FpgaFlow.TARGET_MHZ + " MHz), the module inside\nits timing wrapper (ports shifted in and out "
                + "through two pins, every path registered), so it is the\nregister-to-register Fmax of the module "
                + "itself; the wrapper's registers are not in the counts.\n\n");
        b.append("Tools: ").append(r.yosys()).append("; nextpnr: ").append(r.nextpnr()).append(".\n");
        return b.toString();
    }
}
