package dev.neuroforge.verif.scdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.scdq.ScdqBuilder;
import dev.neuroforge.generator.scdq.ScdqParams;
import dev.neuroforge.sim.ExternalCommand;
import dev.neuroforge.verif.common.YosysStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Yosys maps the SCDQ's three memories to memories (block RAM on iCE40), not to flip-flops. */
class ScdqSynthTest {
    private static final String HINT = "install it with `apt-get install -y yosys`, or run `make deps`";

    private static String files(Design d, Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        for (GeneratedModule m : d.modules()) {
            Path f = dir.resolve(m.fileName());
            Files.writeString(f, m.source());
            files.add(f.toString());
        }
        return String.join(" ", files);
    }

    private static int count(String log, String cell) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(cell) + "\\s+(\\d+)").matcher(log);
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    @Test
    void yosysInfersThreeMemoriesAndMapsThemToIce40BlockRam(@TempDir Path dir) throws IOException {
        ScdqParams p = ScdqParams.defaults();
        Design d = ScdqBuilder.build(p);
        String read = "read_verilog " + files(d, dir) + "; ";
        String generic = ExternalCommand.require(List.of("yosys", "-p", read + "prep -top " + d.top()
                + "; memory -nomap; flatten; stat"), dir, 600, "Yosys memory inference", HINT);
        assertEquals(3, count(generic, "$mem_v2"), "event, next-pointer and free-list memories inferred");
        assertEquals(DelayMemory.scdqSramBits(p), YosysStat.generic(d, dir.resolve("bits")).memoryBits(),
                "memory bits as the comparison in docs/scdq.md counts them");

        String ice = ExternalCommand.require(List.of("yosys", "-p", read + "synth_ice40 -top " + d.top() + "; stat"),
                dir, 900, "Yosys iCE40 synthesis", HINT);
        int brams = count(ice, "SB_RAM40_4K");
        long memBits = (long) p.capacity() * (p.eventWidth() + 2 * 10);
        assertTrue(brams >= memBits / 4096, brams + " SB_RAM40_4K for " + memBits + " bits of memory");
        int ffs = count(ice, "SB_DFF") + count(ice, "SB_DFFE") + count(ice, "SB_DFFER") + count(ice, "SB_DFFR")
                + count(ice, "SB_DFFES") + count(ice, "SB_DFFS") + count(ice, "SB_DFFSR") + count(ice, "SB_DFFESR");
        assertTrue(ffs < memBits / 8, ffs + " flip-flops: the " + memBits + " memory bits did not become registers");
        System.out.println("[scdq] " + d.top() + " on iCE40: " + brams + " SB_RAM40_4K, " + ffs + " flip-flops, "
                + count(ice, "SB_LUT4") + " LUT4");
    }
}
