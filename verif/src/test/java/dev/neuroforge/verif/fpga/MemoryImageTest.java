package dev.neuroforge.verif.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.DesignWriter;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.Memory;
import dev.neuroforge.generator.TemplateRenderer;
import dev.neuroforge.sim.ExternalCommand;
import dev.neuroforge.verif.common.Seeds;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A memory image written by the generator, provenance comment first, is read back word for word by
 * {@code $readmemh} in Icarus Verilog, which reads the design from its filelist (comment line first too).
 */
class MemoryImageTest {
    @Test
    void icarusReadsTheRomImageWordForWord(@TempDir Path dir) throws IOException {
        long seed = Seeds.seed("MemoryImageTest");
        Random rnd = new Random(seed);
        int width = 20;
        int depth = 64;
        List<BigInteger> words = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            words.add(new BigInteger(width, rnd));
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("width", width);
        v.put("depth", depth);
        v.put("msb", width - 1);
        v.put("last", depth - 1);
        v.put("aMsb", 5);
        v.put("image", "nf_test_rom_img.hex");
        GeneratedModule rom = TemplateRenderer.render("fpgatest/rom.v.vm", "nf_test_rom_img", "test ROM", Map.of(), v)
                .withMemories(new Memory("rom_q", width, depth, true, "nf_test_rom_img.hex", words));
        Design d = Design.builder().add(rom).build();
        Path out = DesignWriter.write(d, "img", "test", Map.of(), dir);
        for (String f : List.of("nf_test_rom_img.hex", "img.f")) {
            assertTrue(Files.readString(out.resolve(f)).startsWith("// Provenance: NeuroForge "), f);
        }

        StringBuilder tb = new StringBuilder("module tb;\n  reg clk = 0;\n  reg [5:0] a = 0;\n  wire [19:0] q;\n"
                + "  integer i;\n  nf_test_rom_img u (.clk_i(clk), .addr_i(a), .data_o(q));\n  initial begin\n"
                + "    for (i = 0; i < 50; i = i + 1) begin\n      a = i; #1 clk = 1; #1 clk = 0;\n"
                + "      $display(\"%h\", q);\n    end\n    $finish;\n  end\nendmodule\n");
        Files.writeString(out.resolve("tb.v"), tb.toString());
        String hint = "install it with `apt-get install -y iverilog`, or run `make deps`";
        ExternalCommand.require(List.of("iverilog", "-g2005", "-o", "tb.vvp", "-c", "img.f", "tb.v"), out, 120,
                "Icarus compile", hint);
        String sim = ExternalCommand.require(List.of("vvp", "-n", "tb.vvp"), out, 120, "Icarus run", hint);
        List<String> got = sim.lines().filter(l -> l.matches("[0-9a-f]{5}")).toList();
        List<String> want = words.stream().map(w -> String.format("%05x", w)).toList();
        assertEquals(want, got, "seed " + seed);
    }
}
