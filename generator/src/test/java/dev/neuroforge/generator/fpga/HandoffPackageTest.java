package dev.neuroforge.generator.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.DesignWriter;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.generator.Provenance;
import dev.neuroforge.generator.common.SramBuilder;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-off package names exactly the design's files, and its scripts and templates agree with the top's ports. */
class HandoffPackageTest {
    private static final String ROM = """
            // test ROM
            module nf_test_rom (
              input  wire       clk_i,
              input  wire       rst_ni,
              input  wire [1:0] addr_i,
              output reg  [7:0] data_o
            );
              reg [7:0] rom_q [0:3];
              initial $readmemh("nf_test_rom.hex", rom_q);
              always @(posedge clk_i) data_o <= rom_q[addr_i];
            endmodule
            """;

    private static Design design() {
        GeneratedModule rom = new GeneratedModule("nf_test_rom", ROM, Map.of()).withMemories(
                new Memory("rom_q", 8, 4, true, "nf_test_rom.hex", List.of(BigInteger.valueOf(0xa5), BigInteger.ONE)));
        return Design.builder().add(SramBuilder.build(8, 16)).add(rom).build();
    }

    private static List<String> coreFiles(String core) {
        return core.lines().filter(l -> l.startsWith("      - ")).map(l -> l.substring(8).replaceAll(":.*$", ""))
                .toList();
    }

    /** Every file of the design folder except what the writer adds about the files (manifest, filelist). */
    private static Set<String> designFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(f -> !f.equals("manifest.json") && !f.endsWith(".f"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void coreFileAndFilelistListExactlyTheGeneratedFiles(@TempDir Path out) throws IOException {
        Design d = design();
        HandoffPackage pkg = new HandoffPackage("romtest", "test", Map.of("k", 1), d);
        Path dir = DesignWriter.write(d, "romtest", "test", Map.of("k", 1), out, tmp -> pkg.write(tmp.resolve("fpga")));
        Path fpga = dir.resolve("fpga");
        Set<String> onDisk = designFiles(dir);
        assertEquals(Set.of("nf_sram_1r1w_w8_d16.v", "nf_test_rom.v", "nf_test_rom.hex"), onDisk);

        List<String> core = coreFiles(Files.readString(fpga.resolve("romtest.core")));
        assertEquals(new TreeSet<>(onDisk), core.stream().map(f -> f.substring(3)).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(core.size(), new TreeSet<>(core).size(), "no file listed twice");
        for (String f : core) {
            assertTrue(Files.isRegularFile(fpga.resolve(f)), f + " resolves from the fpga folder");
        }
        List<String> filelist = Files.readAllLines(fpga.resolve("romtest.f")).stream().filter(l -> !l.startsWith("//"))
                .toList();
        assertEquals(List.of("../nf_sram_1r1w_w8_d16.v", "../nf_test_rom.v"), filelist, "Verilog only, leaves first");
        assertEquals(pkg.provenance().line("//", "manifest.json") + "// rom_q: 2 of 4 words of 8 bits, address 0 first\na5\n01\n",
                Files.readString(dir.resolve("nf_test_rom.hex")));
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"memoryImages\""));
    }

    /**
     * Each file of the design folder and its hand-off carries, at {@code line} (0 first), the
     * provenance line in its own comment syntax, with the version, commit and config hash of
     * manifest.json; Markdown carries it as a paragraph ({@code comment} {@code md}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "nf_test_rom.hex,               0, //, manifest.json",
        "romtest.f,                     0, //, manifest.json",
        "nf_test_rom.v,                 2, //, manifest.json",
        "fpga/romtest.f,                0, //, ../manifest.json",
        "fpga/nf_fpga_scan_nf_test_rom.v, 2, //, ../manifest.json",
        "fpga/romtest.core,             1, #,  ../manifest.json",
        "fpga/yosys.ys,                 0, #,  ../manifest.json",
        "fpga/vivado.tcl,               0, #,  ../manifest.json",
        "fpga/constraints.xdc,          0, #,  ../manifest.json",
        "fpga/HANDOFF.md,               2, md, ''",
    })
    void everyFileCarriesTheManifestsProvenance(String file, int line, String comment, String manifest, @TempDir Path out)
            throws IOException {
        Design d = design();
        HandoffPackage pkg = new HandoffPackage("romtest", "test", Map.of("k", 1), d);
        Path dir = DesignWriter.write(d, "romtest", "test", Map.of("k", 1), out, tmp -> pkg.write(tmp.resolve("fpga")));
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        Provenance p = new Provenance(m.get("version").asText(), m.get("commit").asText(), m.get("configSha256").asText());
        String want = comment.equals("md") ? p.markdown() : p.line(comment, manifest);
        List<String> lines = Files.readAllLines(dir.resolve(file));
        assertEquals(want.stripTrailing(), lines.get(line), file);
        if (file.endsWith(".core")) {
            assertEquals("CAPI=2:", lines.get(0), "FuseSoC reads a core only if CAPI=2: is its first line");
        }
    }

    @Test
    void scriptsReadEveryFileAndTheConstraintsCoverEveryPort() {
        Design d = design();
        HandoffPackage pkg = new HandoffPackage("romtest", "test", Map.of(), d);
        String ys = pkg.yosysScript();
        assertTrue(ys.contains("read_verilog ../nf_sram_1r1w_w8_d16.v ../nf_test_rom.v\n"), ys);
        assertTrue(ys.contains("synth_ice40 -top nf_test_rom"), ys);
        String tcl = pkg.vivadoScript();
        for (String f : d.files()) {
            assertTrue(tcl.contains("../" + f), f + " in vivado.tcl");
        }
        assertTrue(tcl.contains("synth_design -top nf_test_rom"), tcl);
        String xdc = pkg.xdc();
        assertTrue(xdc.contains("create_clock -name clk_i -period 10.000 [get_ports clk_i]"), xdc);
        assertTrue(xdc.contains("set_false_path -from [get_ports rst_ni]"), xdc);
        for (String bit : List.of("addr_i[0]", "addr_i[1]", "data_o[0]", "data_o[7]")) {
            assertTrue(xdc.contains("[get_ports {" + bit + "}]"), bit + " has a pin placeholder");
        }
        String md = pkg.handoff();
        assertTrue(md.contains("Top module: `nf_test_rom`") && md.contains("| `data_o` | output | 8 |")
                && md.contains("`nf_test_rom.hex`"), md);
    }

    @Test
    void portsAreReadFromTheHeaderWithTheirWidths() {
        List<VerilogPort> ports = VerilogPort.of(design().topModule());
        assertEquals(List.of(new VerilogPort("clk_i", "input", 1), new VerilogPort("rst_ni", "input", 1),
                new VerilogPort("addr_i", "input", 2), new VerilogPort("data_o", "output", 8)), ports);
        assertTrue(ports.get(0).isClock() && ports.get(1).isReset() && !ports.get(2).isClock());
    }

    @Test
    void aPortDeclarationTheReaderCannotParseIsAnErrorNotASilentGap() {
        GeneratedModule m = new GeneratedModule("nf_bad", "module nf_bad (\n  input wire [W-1:0] a_i\n);\nendmodule\n",
                Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VerilogPort.of(m));
        assertTrue(e.getMessage().contains("input wire [W-1:0] a_i"), e.getMessage());
    }

    @Test
    void theTimingWrapperShiftsEveryDataBitAndPassesClockAndReset() {
        GeneratedModule w = ScanWrapperBuilder.build(design().topModule()).orElseThrow();
        assertEquals("nf_fpga_scan_nf_test_rom", w.name());
        String v = w.source();
        assertTrue(v.contains(".clk_i(clk_i)") && v.contains(".rst_ni(rst_ni)"), v);
        assertTrue(v.contains(".addr_i(in_q[1:0])") && v.contains(".data_o(out_w[7:0])"), v);
        assertTrue(v.contains("in_q  <= {in_q[0:0], scan_i};"), v);
        GeneratedModule comb = new GeneratedModule("nf_comb",
                "module nf_comb (\n  input wire a_i,\n  output wire y_o\n);\n  assign y_o = a_i;\nendmodule\n", Map.of());
        assertFalse(ScanWrapperBuilder.build(comb).isPresent(), "nothing to time without a clock");
    }

    @Test
    void aFailingHandOffLeavesThePreviousDesignFolderUntouched(@TempDir Path out) throws IOException {
        Design d = design();
        Path dir = DesignWriter.write(d, "keep", "test", Map.of(), out);
        String before = Files.readString(dir.resolve("manifest.json"));
        IOException e = assertThrows(IOException.class, () -> DesignWriter.write(d, "keep", "test", Map.of("x", 2), out,
                tmp -> {
                    Files.writeString(tmp.resolve("partial.txt"), "half");
                    throw new IOException("synthesis failed");
                }));
        assertEquals("synthesis failed", e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("manifest.json")));
        assertFalse(Files.exists(dir.resolve("partial.txt")));
        List<String> left = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            s.forEach(p -> left.add(p.getFileName().toString()));
        }
        assertEquals(List.of("keep"), left, "no temporary folder left behind");
    }

    @Test
    void aMemoryImageWordWiderThanTheMemoryIsRejectedWithTheField() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new Memory("rom_q", 4, 4, true, "x.hex", List.of(BigInteger.valueOf(16))));
        assertTrue(e.getMessage().contains("rom_q.init[0]"), e.getMessage());
    }
}
