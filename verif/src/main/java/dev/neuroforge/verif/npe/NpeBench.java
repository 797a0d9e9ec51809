package dev.neuroforge.verif.npe;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.npe.NpeBuilder;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.sim.ExternalCommand;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NPE benchmark ({@code make bench-npe}): for L = 4, 8, 16 lanes (8-bit weights, 16-bit states,
 * 64 rows, 256 words) measures on the Verilated RTL, driven over the register bus the way the core
 * will drive it, the sustained synaptic operations per cycle of 256-target fan-out loops queued back
 * to back, the cycles of one such loop alone, the cycles per neuron of LIF update loops at three
 * firing rates, and the Yosys cell counts of one lane and of the cluster (generic {@code synth},
 * weight banks and register files, both SRAMs, left out as black boxes). Every run is also checked against the golden model.
 * Prints a Markdown table and writes it to {@code verif/target/npe-bench.md}.
 */
public final class NpeBench {
    private static final int FANOUT = 256;
    private static final int LOOPS = 64;

    private NpeBench() {
    }

    private record Row(int lanes, double sustained, long single, double cpnIdle, double cpn10, double cpnAll,
            int laneCells, int laneFfs, int clusterCells, int clusterFfs) {
    }

    public static void main(String[] args) throws IOException {
        boolean synth = true;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-synth" -> synth = false;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; allowed: --no-synth, --seed N");
                    System.exit(2);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int lanes : new int[] {4, 8, 16}) {
            NpeParams p = new NpeParams(lanes, 8, 16, 8, 64, 256);
            Random rnd = new Random(seed);
            double sustained;
            long single;
            double[] cpn = new double[3];
            try (SimModel sim = RtlModels.load(NpeBuilder.build(p))) {
                NpeHarness h = new NpeHarness(sim, p);
                h.reset();
                NpeStimulus stim = new NpeStimulus(p, rnd);
                for (int lane = 0; lane < lanes; lane++) {
                    for (int w = 0; w < p.memDepth(); w++) {
                        h.loadWeight(lane, w, stim.weight());
                    }
                }
                int groups = FANOUT / lanes;
                // One loop alone: START to idle.
                h.submit(NpeLoop.fanOut(FANOUT, 0, 0, 3));
                long t0 = h.lastStart();
                h.drain(100_000);
                single = h.cycle() - t0;
                // Loops back to back: the next descriptor is queued while the current one runs.
                long first = -1;
                for (int k = 0; k < LOOPS; k++) {
                    h.submit(NpeLoop.fanOut(FANOUT, 0, (k * groups) % p.memDepth(), stim.value(p.valueBits())));
                    if (first < 0) {
                        first = h.lastStart();
                    }
                }
                h.drain(1_000_000);
                sustained = (double) LOOPS * FANOUT / (h.cycle() - first);
                // LIF update loops over all neurons at three firing rates.
                double[] fire = {0.0, 0.1, 1.0};
                for (int f = 0; f < 3; f++) {
                    for (int lane = 0; lane < lanes; lane++) {
                        for (int row = 0; row < p.rfDepth(); row++) {
                            h.loadState(lane, row, rnd.nextDouble() < fire[f] ? 20000 : 1000);
                        }
                    }
                    h.submit(NpeLoop.update(NpeOp.LIF, p.neurons(), 0, 10000, false, 4, 0));
                    long s = h.lastStart();
                    h.drain(1_000_000);
                    cpn[f] = (double) (h.cycle() - s) / p.neurons();
                }
                h.checkStatus();
                h.checkMemories();
                if (!h.errors().isEmpty()) {
                    throw new IllegalStateException("RTL and model disagree:\n" + String.join("\n", h.errors()));
                }
            }
            int[] lane = synth ? cells(NpeBuilder.build(p), p.laneModuleName(), p) : new int[2];
            int[] cluster = synth ? cells(NpeBuilder.build(p), p.moduleName(), p) : new int[2];
            Row r = new Row(lanes, sustained, single, cpn[0], cpn[1], cpn[2], lane[0], lane[1], cluster[0], cluster[1]);
            System.out.println("[npe-bench] " + r);
            rows.add(r);
        }
        String table = table(rows);
        System.out.println(table);
        Path out = Paths.get("verif", "target", "npe-bench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println("written to " + out);
    }

    /** Yosys generic cells and flip-flops of {@code top}, SRAMs (weight banks, register files) read as black boxes. */
    private static int[] cells(Design d, String top, NpeParams p) throws IOException {
        Path dir = Files.createTempDirectory("npe-bench");
        List<String> files = new ArrayList<>();
        String lib = "";
        for (GeneratedModule m : d.modules()) {
            Path f = dir.resolve(m.fileName());
            Files.writeString(f, m.source());
            if (m.name().startsWith("nf_sram_")) {
                lib += "read_verilog -lib " + f + "; ";
            } else {
                files.add(f.toString());
            }
        }
        // Yosys' generic synth, except that a memory (a lane's register file) stays one $mem_v2 cell
        // (no memory_map), as in the FPGA report; the weight banks are black boxes.
        String script = lib + "read_verilog " + String.join(" ", files) + "; synth -flatten -top " + top
                + " -run begin:fine; opt -fast -full; opt -full; techmap; opt -fast; abc; opt -fast; stat";
        String log = ExternalCommand.require(List.of("yosys", "-p", script), dir, 3600, "Yosys synthesis of " + top,
                "install yosys");
        String stat = log.substring(log.lastIndexOf("Printing statistics"));
        Matcher m = Pattern.compile("\\n\\s+(\\$_\\w+|\\$mem_v2)\\s+(\\d+)").matcher(stat);
        int cells = 0;
        int ffs = 0;
        while (m.find()) {
            int n = Integer.parseInt(m.group(2));
            cells += n;
            if (m.group(1).startsWith("$_DFF") || m.group(1).startsWith("$_SDFF")) {
                ffs += n;
            }
        }
        return new int[] {cells, ffs};
    }

    private static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| L | synaptic ops/cycle, 256-target loops back to back | / L | one 256-target loop, START to idle "
                + "| cycles per neuron update: none fire | 10 % fire | all fire | cells of one lane (flip-flops) "
                + "| cells of the cluster (flip-flops) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %d | %.2f | %.3f | %d cycles | %.3f | %.3f | %.3f | %,d (%,d) | %,d (%,d) |%n",
                    r.lanes(), r.sustained(), r.sustained() / r.lanes(), r.single(), r.cpnIdle(), r.cpn10(), r.cpnAll(),
                    r.laneCells(), r.laneFfs(), r.clusterCells(), r.clusterFfs()));
        }
        return b.toString();
    }
}
