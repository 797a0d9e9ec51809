package dev.neuroforge.verif.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ELF loader: what it reads from a cross-compiled program, and the files it refuses. */
class ElfTest {
    private static byte[] alu() throws IOException {
        return Files.readAllBytes(Firmware.elf("isa/alu"));
    }

    private static String refused(Consumer<byte[]> damage) throws IOException {
        byte[] b = alu();
        damage.accept(b);
        return assertThrows(IllegalArgumentException.class, () -> Elf.parse("x.elf", b)).getMessage();
    }

    @Test
    void readsSegmentsEntryAndSymbolsOfACrossCompiledProgram() throws IOException {
        Elf e = Elf.parse("alu.elf", alu());
        assertEquals(0, e.entry(), "reset pc");
        assertEquals(0, e.segments().get(0).addr());
        assertEquals(0, e.tohost() & 63, "tohost is 64-byte aligned in its own section");
        assertTrue(e.symbol("fail").isPresent() && e.symbol("_start").getAsInt() == 0);
        Platform p = ElfRunner.platformFor(e);
        byte[] text = e.segments().get(0).data();
        assertEquals((text[0] & 0xFF) | (text[1] & 0xFF) << 8 | (text[2] & 0xFF) << 16 | (text[3] & 0xFF) << 24,
                p.load(0, 4), "the first word is in RAM");
    }

    @Test
    void refusesOtherClassesByteOrdersMachinesAndTypes() throws IOException {
        assertTrue(refused(b -> b[4] = 2).contains("ELF class 2 (64-bit); only ELFCLASS32"));
        assertTrue(refused(b -> b[5] = 2).contains("big-endian"));
        assertTrue(refused(b -> b[18] = 62).contains("is for machine 62, not RISC-V"));
        assertTrue(refused(b -> b[16] = 3).contains("e_type 3; only executables"));
        assertTrue(refused(b -> b[0] = 0).contains("is not an ELF file"));
    }

    @Test
    void refusesTruncatedFilesAndAnEntryOutsideRam() throws IOException {
        byte[] b = alu();
        byte[] cut = java.util.Arrays.copyOf(b, 60);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Elf.parse("cut.elf", cut)).getMessage()
                .contains("truncated"));
        assertTrue(refused(x -> x[27] = 0x20).contains("entry point 0x20000000, which is not a word-aligned RAM address"));
    }

    @Test
    void aProgramWithoutTohostCannotReportAndIsRefusedByTheRunner(@TempDir Path dir) throws Exception {
        Path stripped = dir.resolve("alu-stripped.elf");
        Process p = new ProcessBuilder("riscv64-unknown-elf-strip", "-o", stripped.toString(),
                Firmware.elf("isa/alu").toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        Elf e = Elf.read(stripped);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new IssBackend().run(e, 100, false));
        assertTrue(ex.getMessage().contains("has no 'tohost' symbol"), ex.getMessage());
    }
}
