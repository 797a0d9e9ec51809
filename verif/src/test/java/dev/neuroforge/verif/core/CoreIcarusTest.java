package dev.neuroforge.verif.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.sim.ExternalCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second, four-state simulator: the core runs ISA tests under Icarus Verilog
 * ({@code core_icarus_tb.v}) and passes them with no x or z bit on any port or retirement field,
 * which two-state Verilator cannot show (reset and initialisation problems).
 */
class CoreIcarusTest {
    private static final String HINT = "install it with `apt-get install -y iverilog`, or run `make deps`";

    /** ISA tests that need no timer, interrupt or MMIO register beyond a store sink. */
    static Stream<String> programs() {
        return Stream.of("isa/alu", "isa/branch", "isa/mem", "isa/muldiv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void anIsaTestPassesUnderIcarusWithNoUnknownBits(String name, @TempDir Path dir) throws IOException {
        Elf elf = Elf.read(Firmware.elf(name));
        int[] words = new int[MemoryMap.RAM_SIZE / 4];
        for (Elf.Segment s : elf.segments()) {
            byte[] d = s.data();
            for (int i = 0; i < d.length; i++) {
                int a = s.addr() + i;
                words[a >>> 2] |= (d[i] & 0xFF) << (8 * (a & 3));
            }
        }
        StringBuilder hex = new StringBuilder();
        for (int w : words) {
            hex.append(String.format("%08x%n", w));
        }
        Path hexFile = dir.resolve("prog.hex");
        Files.writeString(hexFile, hex);
        Design d = CoreBuilder.build(CoreParams.defaults());
        Path core = dir.resolve(d.topModule().fileName());
        Files.writeString(core, d.topModule().source());
        Path tb = dir.resolve("core_icarus_tb.v");
        try (InputStream in = CoreIcarusTest.class.getResourceAsStream("core_icarus_tb.v")) {
            Files.writeString(tb, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("CORE dut", d.top() + " dut"));
        }
        Path vvp = dir.resolve("tb.vvp");
        ExternalCommand.require(List.of("iverilog", "-g2005", "-o", vvp.toString(), "-s", "core_icarus_tb", tb.toString(),
                core.toString()), dir, 600, "Icarus compile of the core testbench", HINT);
        String out = ExternalCommand.require(List.of("vvp", "-n", vvp.toString(), "+hex=" + hexFile,
                "+tohost=" + Integer.toHexString(elf.tohost())), dir, 600, "Icarus run of " + name, HINT);
        System.out.println("[icarus] " + name + ": " + out.strip());
        assertTrue(out.contains("TOHOST 00000001"), name + " under Icarus:\n" + out);
        assertTrue(!out.contains("UNKNOWN"), out);
    }
}
