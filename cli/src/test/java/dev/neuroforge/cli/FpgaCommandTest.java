package dev.neuroforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.sim.ExternalCommand;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.Provenance;
import dev.neuroforge.generator.scdq.ScdqBuilder;
import dev.neuroforge.generator.scdq.ScdqParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neuroforge fpga} end to end on a small SCDQ (memories in block RAM), without place and route. */
class FpgaCommandTest {
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** {@code fpga} on a small SCDQ (config {@code q}, queue {@code nf_scdq_d3_c32_w8}) with {@code --out dir/out}. */
    private static CliRun fpgaOnSmallQueue(Path dir, String... options) throws IOException {
        Path cfg = Files.writeString(dir.resolve("q.json"),
                "{\"name\": \"q\", \"scdq\": {\"maxDelay\": 3, \"capacity\": 32, \"eventWidth\": 8}}");
        List<String> args = new ArrayList<>(List.of("fpga", "--config", cfg.toString(), "--out", dir.resolve("out").toString()));
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void dryRunPrintsTheModulesToolsAndDeviceAndRunsAndWritesNothing(@TempDir Path dir) throws IOException {
        CliRun r = fpgaOnSmallQueue(dir, "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "no tool run, so no progress");
        assertTrue(r.out().contains("\"capacity\" : 32,"), r.out());
        assertTrue(r.out().matches("(?s).*\"configSha256\" : \"[0-9a-f]{64}\".*"), r.out());
        Design design = ScdqBuilder.build(new ScdqParams(3, 32, 8));
        String modules = design.modules().stream().map(m -> "\"" + m.name() + "\"").reduce((a, b) -> a + ", " + b).orElseThrow();
        assertTrue(r.out().contains("\"synthesize\" : [ " + modules + " ]"), modules + " in " + r.out());
        assertTrue(r.out().contains("\"device\" : \"iCE40HX8K-CT256 (7680 LCs, 32 BRAM)\""), r.out());
        assertTrue(r.out().contains("\"nextpnr-ice40\" : \"--hx8k --package ct256 --freq 100 --seed 1,"), r.out());
        assertTrue(r.out().endsWith("dry run: nothing written" + System.lineSeparator()), r.out());
        assertFalse(Files.exists(dir.resolve("out")));

        CliRun noPnr = fpgaOnSmallQueue(dir, "--dry-run", "--no-pnr");
        assertTrue(noPnr.out().contains("\"nextpnr-ice40\" : \"not run (--no-pnr)\""), noPnr.out());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void writesTheHandOffWhoseCoreAndFilelistNameExactlyTheGeneratedFiles(@TempDir Path dir) throws IOException {
        CliRun r = fpgaOnSmallQueue(dir, "--no-pnr");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("checks passed"), r.out());
        assertTrue(r.out().contains("Fmax - MHz  (--no-pnr: place and route not run)"), "why no Fmax: " + r.out());
        assertTrue(r.err().matches("(?s)\\[1/\\d+\\] yosys nf_\\w+ \\.\\.\\.\\n\\[1/\\d+\\] yosys nf_\\w+ done in \\d+\\.\\d s .*"),
                "progress with elapsed time: " + r.err());
        Path d = dir.resolve("out/q");
        Path fpga = d.resolve("fpga");
        assertEquals(List.of("HANDOFF.md", "constraints.xdc", "nf_fpga_scan_nf_scdq_d3_c32_w8.v", "q.core", "q.f",
                "report.json", "report.md", "vivado.tcl", "yosys.ys"), names(fpga));

        Set<String> verilog = new TreeSet<>();
        for (String f : names(d)) {
            if (f.endsWith(".v")) {
                verilog.add("../" + f);
            }
        }
        Design design = ScdqBuilder.build(new ScdqParams(3, 32, 8));
        assertEquals(design.verilogFiles().size(), verilog.size(),
                "one file per module of the queue (its SRAMs and the queue)");
        assertEquals(verilog, new TreeSet<>(Filelist.entries(fpga.resolve("q.f"))));
        assertEquals(Filelist.entries(d.resolve("q.f")).stream().map(f -> "../" + f).toList(),
                Filelist.entries(fpga.resolve("q.f")), "same order as the design's filelist");
        List<String> core = new ArrayList<>();
        for (String l : Files.readAllLines(fpga.resolve("q.core"))) {
            if (l.startsWith("      - ")) {
                core.add(l.substring(8));
            }
        }
        assertEquals(verilog, new TreeSet<>(core));
        assertEquals(verilog.size(), core.size(), "each file once");
        assertTrue(Files.readString(fpga.resolve("q.core")).contains("toplevel: nf_scdq_d3_c32_w8"));

        Provenance p = ProvenanceTest.manifest(d);
        assertEquals(p, ProvenanceTest.field(fpga.resolve("report.json")), "the design's provenance");
        ProvenanceTest.assertParagraph(p, fpga.resolve("report.md"));
        JsonNode rep = new ObjectMapper().readTree(fpga.resolve("report.json").toFile());
        assertEquals(verilog.size(), rep.get("modules").size(), "one report row per module");
        JsonNode top = rep.get("modules").get(verilog.size() - 1);
        assertEquals("nf_scdq_d3_c32_w8", top.get("module").asText());
        long blockRams = design.modules().stream().flatMap(m -> m.memories().stream()).filter(Memory::blockRam).count();
        assertTrue(blockRams >= 2 && top.get("brams").asInt() >= blockRams, blockRams + " block-RAM memories: " + top);
        assertTrue(Files.readString(fpga.resolve("HANDOFF.md")).contains("| `nf_sram_1r1w_w8_d32` | `mem_q` | 8 x 32 | yes |"));

        // The packaged Yosys script runs as HANDOFF.md says, from the fpga folder, and writes the netlist.
        ExternalCommand.require(List.of("yosys", "-q", "-s", "yosys.ys"), fpga, 600, "packaged yosys.ys",
                "install it with `apt-get install -y yosys`, or run `make deps`");
        assertTrue(Files.size(fpga.resolve("q.json")) > 1000, "netlist for nextpnr written");
    }

    @Test
    void aBadConfigFailsBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path cfg = Files.writeString(dir.resolve("q.json"), "{\"name\": \"q\", \"scdq\": {\"maxDelay\": 0}}");
        CliRun r = CliRun.run("fpga", "--config", cfg.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("scdq.maxDelay = 0") || r.err().contains("maxDelay"), r.err());
        assertFalse(Files.exists(dir.resolve("out/q")));
    }

    @Test
    void aTopThatDoesNotFitSaysSoWithTheFiguresInsteadOfChecksPassed(@TempDir Path dir) throws IOException {
        Path cfg = Files.writeString(dir.resolve("rb.json"), "{\"name\": \"rb\", \"ringbuf\": {\"neurons\": 256, \"maxDelay\": 63}}");
        CliRun r = CliRun.run("fpga", "--config", cfg.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("\nchecks passed"), r.out());
        assertTrue(r.out().contains("synthesis checks passed, but the top nf_ringbuf_n256_d63_w16_v8 does not fit"
                + " iCE40HX8K-CT256: 315 LUT4, 188 FF for 7680 LCs, 64 of 32 BRAM: it needs a larger FPGA"), r.out());
        assertTrue(r.out().contains("Fmax - MHz  (does not fit iCE40HX8K-CT256: "), "why no Fmax: " + r.out());
    }
}
