package dev.neuroforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimModelTest {
    private static Path probe() {
        try {
            return Path.of(SimModelTest.class.getResource("/nf_shim_probe.v").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModelSpec spec(int step) {
        return new ModelSpec("nf_shim_probe", List.of(probe()), "clk_i", "rst_ni", true, TraceFormat.VCD,
                List.of("-GSTEP=8'd" + step));
    }

    @Test
    void drivesNarrowWideAnd64BitPortsAndTheClock() {
        try (SimModel m = SimModel.load(spec(1))) {
            m.reset(2);
            PortInfo wideIn = m.port("wide_i");
            PortInfo wideOut = m.port("wide_o");
            assertEquals(100, wideIn.width());
            BigInteger v = BigInteger.ONE.shiftLeft(99).or(BigInteger.valueOf(0x1234_5678_9ABCL));
            m.pokeBig(wideIn, v);
            BigInteger mask = BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE);
            assertEquals(v.xor(mask), m.peekBig(wideOut));

            m.poke("q_i", -2L);
            assertEquals(-1L, m.peek("q_o"));

            m.poke("en_i", 1);
            m.step(5);
            assertEquals(5, m.peek("count_o"));
            assertEquals(5 + 0xBC, m.peek("sum_o"));
            m.poke("en_i", 0);
            m.step(3);
            assertEquals(5, m.peek("count_o"));
            assertEquals(2 + 5 + 3, m.cycle());
        }
    }

    @Test
    void batchedRunAppliesInputsAndSamplesOutputsEveryCycle() {
        try (SimModel m = SimModel.load(spec(1))) {
            m.reset(1);
            PortInfo[] ins = {m.port("en_i"), m.port("wide_i")};
            PortInfo[] outs = {m.port("count_o"), m.port("wide_o")};
            int cycles = 6;
            int[] in = new int[cycles * 5];
            for (int c = 0; c < cycles; c++) {
                in[c * 5] = c % 2;          // en_i on odd cycles
                in[c * 5 + 1] = c;          // wide_i low word
            }
            int[] out = new int[cycles * 5];
            m.run(cycles, ins, in, outs, out);
            int count = 0;
            for (int c = 0; c < cycles; c++) {
                assertEquals(count, out[c * 5], "count_o in cycle " + c);
                assertEquals(~c, out[c * 5 + 1], "wide_o low word in cycle " + c);
                assertEquals(-1, out[c * 5 + 2]);
                assertEquals(0xF, out[c * 5 + 4], "wide_o top word keeps only 4 bits");
                count += c % 2;
            }
        }
    }

    private static SimModel streamProbe() throws URISyntaxException {
        Path v = Path.of(SimModelTest.class.getResource("/nf_stream_probe.v").toURI());
        return SimModel.load(ModelSpec.of("nf_stream_probe", List.of(v)));
    }

    @Test
    void streamedRunOffersFlitsUnderBackPressureCapturesTheOutputAndStopsOnTheStopPort() throws URISyntaxException {
        try (SimModel m = streamProbe()) {
            m.reset(1);
            SimModel.Stream in = m.stream("in_", true);
            SimModel.Stream out = m.stream("out_", false);
            int n = 7;
            int[] flits = new int[n * 3];
            for (int k = 0; k < n; k++) {
                flits[3 * k] = 0xFFFF_FFF0 + k;    // low word (no carry into the high word for k < 15)
                flits[3 * k + 1] = k;              // bits 39:32
                flits[3 * k + 2] = k % 3 == 2 ? 1 : 0;
            }
            int[] got = new int[32 * 3];
            SimModel.StreamResult r = m.runStream(in, flits, out, got, m.port("done_o"), 1000);
            assertEquals(SimModel.Stop.DONE, r.stop());
            assertEquals(n, r.taken());
            assertEquals(n, r.captured());
            for (int k = 0; k < n; k++) {
                assertEquals(0xFFFF_FFF1 + k, got[3 * k], "low word of flit " + k);
                assertEquals(k, got[3 * k + 1], "high word of flit " + k);
                assertEquals(k % 3 == 2 ? 1 : 0, got[3 * k + 2], "last of flit " + k);
            }
            // ready every other cycle, one flit in the register: at least two cycles per flit
            assertTrue(r.cycles() >= 2L * n && r.cycles() < 4L * n + 4, "cycles " + r.cycles());
            assertEquals(0, m.peek("in_valid_i"), "the input is left idle");

            SimModel.StreamResult idle = m.runStream(in, new int[0], out, got, m.port("done_o"), 1000);
            assertEquals(new SimModel.StreamResult(0, 0, 0, SimModel.Stop.DONE), idle, "already done: no cycle run");

            SimModel.StreamResult full = m.runStream(in, flits, out, new int[2 * 3], m.port("done_o"), 1000);
            assertEquals(SimModel.Stop.OUTPUT_FULL, full.stop());
            assertEquals(2, full.captured());

            m.reset(1);
            SimModel.StreamResult limit = m.runStream(in, flits, out, got, m.port("done_o"), 5);
            assertEquals(SimModel.Stop.LIMIT, limit.stop());
            assertEquals(5, limit.cycles());
            assertThrows(IllegalArgumentException.class, () -> m.runStream(in, new int[4], out, got, m.port("done_o"), 9));
        }
    }

    @Test
    void twoConfigurationsLiveInOneJvm() {
        try (SimModel a = SimModel.load(spec(1)); SimModel b = SimModel.load(spec(3));
                SimModel a2 = SimModel.load(spec(1))) {
            for (SimModel m : List.of(a, b, a2)) {
                m.reset(1);
                m.poke("en_i", 1);
            }
            a.step(4);
            b.step(4);
            a2.step(1);
            assertEquals(4, a.peek("count_o"));
            assertEquals(12, b.peek("count_o"));
            assertEquals(1, a2.peek("count_o"), "two instances of one library keep separate state");
        }
    }

    @Test
    void buildsAreCachedByContent() throws IOException {
        ModelBuilder.Built first = ModelBuilder.build(spec(1));
        long stamp = Files.getLastModifiedTime(first.library()).toMillis();
        ModelBuilder.Built again = ModelBuilder.build(spec(1));
        assertEquals(first.library(), again.library());
        assertEquals(stamp, Files.getLastModifiedTime(again.library()).toMillis());
        assertNotEquals(first.key(), ModelBuilder.build(spec(3)).key());
        assertNotEquals(first.key(), ModelBuilder.build(spec(1).withTraceFormat(TraceFormat.FST)).key());
    }

    @Test
    void writesVcdAndFstWaveforms(@TempDir Path dir) throws IOException {
        for (TraceFormat f : TraceFormat.values()) {
            Path file = dir.resolve("probe." + f.extension());
            try (SimModel m = SimModel.load(spec(1).withTraceFormat(f))) {
                m.traceTo(file);
                m.reset(1);
                m.poke("en_i", 1);
                m.step(10);
                m.stopTrace();
            }
            byte[] bytes = Files.readAllBytes(file);
            assertTrue(bytes.length > 100, f + " waveform is " + bytes.length + " bytes");
            if (f == TraceFormat.VCD) {
                String text = new String(bytes);
                assertTrue(text.contains("count_o"), "VCD declares count_o");
                assertTrue(text.contains("#95"), "VCD reaches the last rising edge");
            }
        }
    }

    @Test
    void rejectsBadPortUse() {
        try (SimModel m = SimModel.load(spec(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.port("nope"));
            assertTrue(e.getMessage().contains("clk_i"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.poke("count_o", 1));
            e = assertThrows(IllegalArgumentException.class, () -> m.poke("en_i", 2));
            assertTrue(e.getMessage().contains("1 bits"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.peek("wide_o"));
        }
    }

    @Test
    void reportsMissingVerilatorWithTheInstallCommand() {
        SimBuildException e = assertThrows(SimBuildException.class,
                () -> Verilator.find("/nonexistent/verilator"));
        assertTrue(e.getMessage().contains("apt-get install -y verilator"), e.getMessage());
    }

    @Test
    void reportsVerilatorErrorsWithTheirOutput(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("nf_broken.v");
        Files.writeString(bad, "module nf_broken(input wire clk_i, input wire rst_ni);\n  wire x = ;\nendmodule\n");
        SimBuildException e = assertThrows(SimBuildException.class,
                () -> ModelBuilder.build(ModelSpec.of("nf_broken", List.of(bad))));
        assertTrue(e.getMessage().contains("Verilating nf_broken failed"), e.getMessage());
        assertTrue(e.getMessage().contains("nf_broken.v:2"), "output names the line: " + e.getMessage());
    }
}
