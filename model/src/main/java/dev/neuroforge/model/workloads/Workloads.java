package dev.neuroforge.model.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the real workloads of docs/model.md and prints their figures as markdown:
 * {@code java ... Workloads [full|reduced] [fc|conv|shd ...]} (default: full, all three).
 * {@code make bench-workloads} runs the full set; {@code WorkloadsTest} a reduced one.
 */
public final class Workloads {
    private Workloads() {
    }

    public static void main(String[] args) throws IOException {
        boolean full = args.length == 0 || !args[0].equals("reduced");
        List<String> which = new ArrayList<>();
        for (int i = args.length > 0 && (args[0].equals("full") || args[0].equals("reduced")) ? 1 : 0; i < args.length; i++) {
            which.add(args[i]);
        }
        if (which.isEmpty()) {
            which.addAll(List.of("fc", "conv", "shd"));
        }
        List<String> md = new ArrayList<>();
        md.add("# Workloads (" + (full ? "full" : "reduced") + ")");
        for (String w : which) {
            md.add("");
            switch (w) {
                case "conv" -> md.addAll(conv(full));
                case "fc" -> md.addAll(fc(full));
                case "shd" -> md.addAll(shd(full));
                default -> throw new IllegalArgumentException("unknown workload " + w + "; known: fc, conv, shd");
            }
            System.out.println(String.join("\n", md.subList(md.size() - 1, md.size())));
        }
        String text = String.join("\n", md) + "\n";
        System.out.println();
        System.out.println(text);
        Path out = Path.of("model/target/workloads.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, text);
        }
    }

    static List<String> conv(boolean full) {
        ConvSigmaDelta.Result r = full ? ConvSigmaDelta.run(60000, 10000, 2, 7) : ConvSigmaDelta.run(3000, 200, 1, 7);
        return List.of("## (b) Convolutional sigma-delta network, Fashion-MNIST", "",
                "| train images | epochs | test images | ANN accuracy (float) | SNN accuracy (event model) | "
                        + "exact vs integer reference | synops/image effective | dense | hidden sparsity | "
                        + "energy/image (SENECA table) | ms/image |",
                "|---|---|---|---|---|---|---|---|---|---|---|",
                String.format(Locale.ROOT, "| %d | %d | %d | %.2f %% | %.2f %% | %d of %d differ | %d | %d | %.3f | %.3f uJ | %.2f |",
                        r.trainImages(), r.epochs(), r.testImages(), 100 * r.annAccuracy(), 100 * r.snnAccuracy(),
                        r.mismatches(), r.testImages(), r.synopsEffective() / r.testImages(),
                        r.synopsDense() / r.testImages(), r.hiddenSparsity(), r.energyMicrojoulesPerImage(), r.msPerImage()));
    }

    static List<String> fc(boolean full) {
        FcLif.Result r = full ? FcLif.run(60000, 10000, 3, 64, 11) : FcLif.run(4000, 100, 1, 32, 11);
        return List.of("## (a) 3-layer fully connected LIF network (784-256-128-10), Fashion-MNIST, rate-coded", "",
                "| train images | epochs | test images | timesteps | ANN accuracy (float) | SNN accuracy (event model) | "
                        + "synops/image effective | dense | sparsity in / h1 / h2 / out | energy/image (SENECA table) | "
                        + "ms/image | synops/s |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|",
                String.format(Locale.ROOT, "| %d | %d | %d | %d | %.2f %% | %.2f %% | %d | %d | %.3f / %.3f / %.3f / %.3f "
                        + "| %.3f uJ | %.1f | %.0f M |",
                        r.trainImages(), r.epochs(), r.testImages(), r.steps(), 100 * r.annAccuracy(), 100 * r.snnAccuracy(),
                        r.synopsEffective() / r.testImages(), r.synopsDense() / r.testImages(), r.sparsity()[0],
                        r.sparsity()[1], r.sparsity()[2], r.sparsity()[3], r.energyMicrojoulesPerImage(), r.msPerImage(),
                        r.synopsPerSecond() / 1e6));
    }

    static List<String> shd(boolean full) {
        ShdDelayed.Result r = full ? ShdDelayed.run(20, 250, 5) : ShdDelayed.run(2, 60, 5);
        return List.of("## (c) Delayed SNN of the SHD shape (700-256-20, per-synapse delays 0..25), synthetic input", "",
                "| samples | input steps (+ 27 to drain) | input events/sample | hidden events/sample | output events/sample | "
                        + "hidden sparsity | synops/sample effective | dense | energy/sample (SENECA table) | ms/sample | "
                        + "synops/s | heap of network + model |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|",
                String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.3f | %d | %d | %.3f uJ | %.1f | %.0f M | %.1f MB |",
                        r.samples(), r.steps(), r.inputEvents() / r.samples(), r.hiddenEvents() / r.samples(),
                        r.outputEvents() / r.samples(), r.hiddenSparsity(), r.synopsEffective() / r.samples(),
                        r.synopsDense() / r.samples(), r.energyMicrojoules(), r.msPerSample(), r.synopsPerSecond() / 1e6,
                        r.heapBytes() / 1e6));
    }
}
