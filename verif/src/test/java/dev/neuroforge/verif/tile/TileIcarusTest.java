package dev.neuroforge.verif.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.tile.TileBuilder;
import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.sim.ExternalCommand;
import dev.neuroforge.verif.npe.NpeArith;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated tile under a second, four-state simulator: Icarus Verilog ({@code -g2005}) runs
 * {@code tile_icarus_tb.v}, which resets the tile, loads the real image (firmware, tables, weights,
 * routing) over the host port from a command file written here, sets RUN, ticks six steps,
 * injecting the input packets after each tick, and reads the states and registers back. The run
 * must show no x or z bit on any output port at any clock after reset (which two-state Verilator
 * cannot show), idle_o must rise after boot and after every step, and the events that reach the
 * host and the final states must equal EventModel's.
 */
class TileIcarusTest {
    private static final String HINT = "install it with `apt-get install -y iverilog`, or run `make deps`";
    private static final int WRITE = 1;
    private static final int READ = 2;
    private static final int TICK = 3;
    private static final int FLIT = 4;
    private static final int WAIT_DONE = 5;
    private static final int STEP_TIMEOUT = 200_000;

    static Stream<TileParams> tiles() {
        return Stream.of(TileParams.defaults(), TileParams.defaults().withNpe(new NpeParams(4, 4, 24, 8, 32, 512))
                .withScdq(7, 256).withMemories(512, 1024, 256).withRouter(new RouterParams(16, 2)));
    }

    /** in (3) -> a (IF) -> b (LIF) -> a: feed-forward, per-axon delays and a recurrent loop through the router. */
    static Network network(TileParams p) {
        SplittableRandom r = new SplittableRandom(5);
        int w = (int) Math.min(7, (1L << (p.npe().weightBits() - 1)) - 1);
        int s = p.npe().stateBits();
        int[][] inA = TileDirectedTest.randomWeights(r, 3, 10, 1, w);
        int[][] aB = TileDirectedTest.randomWeights(r, 10, 6, -2, w);
        int[][] bA = TileDirectedTest.randomWeights(r, 6, 10, -w, 2);
        return new Network("icarus", List.of(Population.input("in", 3),
                new Population("a", 10, NeuronParams.integrateAndFire(6, NeuronParams.Reset.SUBTRACT, s)),
                new Population("b", 6, NeuronParams.leaky(8, 2, NeuronParams.Reset.ZERO, s))),
                List.of(new FullProjection("in", "a", 4, 0, inA, new int[] {0, 1, 2}, null),
                        new FullProjection("a", "b", 4, 0, aB), new FullProjection("b", "a", 4, 1, bA)));
    }

    /** Compiles the tile and the testbench with {@code iverilog -g2005} and runs {@code cmds}; returns the output. */
    static String simulate(TileParams p, Path cmds, Path dir) throws IOException {
        Design d = TileBuilder.build(p);
        List<String> files = new ArrayList<>(d.writeVerilog(dir).stream().map(Path::toString).toList());
        Path tb = dir.resolve("tile_icarus_tb.v");
        try (InputStream in = TileIcarusTest.class.getResourceAsStream("tile_icarus_tb.v")) {
            Files.writeString(tb, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("TILE dut", d.top() + " dut")
                    .replace("localparam FW = 32;", "localparam FW = " + p.router().flitWidth() + ";"));
        }
        files.add(0, tb.toString());
        Path vvp = dir.resolve("tb.vvp");
        List<String> compile = new ArrayList<>(List.of("iverilog", "-g2005", "-o", vvp.toString(), "-s", "tile_icarus_tb"));
        compile.addAll(files);
        ExternalCommand.require(compile, dir, 600, "Icarus compile of the tile testbench", HINT);
        return ExternalCommand.require(List.of("vvp", "-n", vvp.toString(), "+cmds=" + cmds), dir, 600,
                "Icarus run of the tile", HINT);
    }

    /** The x check itself: an x written to DMEM by the host and read back must stop the run with UNKNOWN. */
    @org.junit.jupiter.api.Test
    void theTestbenchCatchesAnUnknownOnAnOutput(@TempDir Path dir) throws IOException {
        TileParams p = tiles().toList().get(1);
        Path cmds = dir.resolve("cmds.hex");
        String x = String.format("%08x%08x%s%n", WRITE, TileMap.dmem(100), "xxxxxxxx")
                + String.format("%08x%08x%08x%n", READ, TileMap.dmem(100), 0) + String.format("%024x%n", 0);
        Files.writeString(cmds, x);
        String out = simulate(p, cmds, dir);
        assertTrue(out.contains("UNKNOWN host_rdata_o"), "the x on host_rdata_o was reported:\n" + out);
        assertTrue(!out.contains("END"), out);
    }

    private static long hostPacketsSent(TileImage img, List<List<Event>> inputs) {
        long n = 0;
        for (List<Event> s : inputs) {
            for (Event e : s) {
                n += img.hostPackets(0, e.neuron(), e.value()).size();
            }
        }
        return n;
    }

    private static void cmd(StringBuilder sb, int op, long a, long d) {
        sb.append(String.format("%08x%08x%08x%n", op, a & 0xFFFF_FFFFL, d & 0xFFFF_FFFFL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void theTileRunsTheImageUnderIcarusWithNoUnknownOutputAndTheGoldenEvents(TileParams p, @TempDir Path dir)
            throws IOException {
        Network net = network(p);
        TileImage img = TileImage.build(p, net, TileRtlTest.firmware(), 1, 0, 0, 0);
        NpeMap npeMap = new NpeMap(p.npe());
        PacketFormat fmt = new PacketFormat(p.router().flitWidth());
        StringBuilder sb = new StringBuilder();
        img.writeTo((addr, word) -> cmd(sb, WRITE, addr, word));
        cmd(sb, READ, TileMap.mmio(TileMap.STATUS), 0); // before RUN
        cmd(sb, WRITE, TileMap.mmio(TileMap.CTRL), TileMap.CTRL_RUN);
        cmd(sb, WAIT_DONE, STEP_TIMEOUT, 0);
        // six steps with input packets after each tick
        SplittableRandom r = new SplittableRandom(9);
        int steps = 6;
        List<List<Event>> inputs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<Event> in = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                if (t < 4 && r.nextInt(3) != 0) {
                    in.add(new Event(0, i, 1));
                }
            }
            inputs.add(in);
            cmd(sb, TICK, 0, 0);
            for (Event e : in) {
                for (PacketFormat.Event pe : img.hostPackets(0, e.neuron(), 1)) {
                    List<BigInteger> flits = fmt.encodeEvent(1, 0, pe);
                    for (int f = 0; f < flits.size(); f++) {
                        cmd(sb, FLIT, f == flits.size() - 1 ? 1 : 0, flits.get(f).longValueExact());
                    }
                }
            }
            cmd(sb, WAIT_DONE, STEP_TIMEOUT, 0);
        }
        // read back: states of a and b, STATUS, the counters
        for (int pop = 1; pop <= 2; pop++) {
            for (int j = 0; j < net.populations().get(pop).size(); j++) {
                int n = img.npeIndex(pop, j);
                cmd(sb, READ, TileMap.npe(npeMap.state(n % p.npe().lanes(), n / p.npe().lanes())), 0);
            }
        }
        for (int off : new int[] {TileMap.STATUS, TileMap.STEP, TileMap.CNT_FIRES, TileMap.CNT_EV_OUT, TileMap.CNT_EV_IN}) {
            cmd(sb, READ, TileMap.mmio(off), 0);
        }
        cmd(sb, 0, 0, 0);
        Path cmds = dir.resolve("cmds.hex");
        Files.writeString(cmds, sb);

        String out = simulate(p, cmds, dir);
        List<String> lines = out.lines().toList();
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        System.out.println("[icarus] " + p.moduleName() + ": " + lines.stream().filter(l -> l.startsWith("END")).findFirst()
                .orElse("no END"));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("UNKNOWN") || l.startsWith("TIMEOUT")
                || l.startsWith("MISROUTE") || l.startsWith("ERROR")), "under Icarus:\n" + tail);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("END")), "the command list ran to the end:\n" + tail);

        // events per step from the flits between the DONE markers (DONE 0 is the boot)
        EventModel gold = new EventModel(net);
        List<List<Event>> got = new ArrayList<>();
        List<BigInteger> partial = new ArrayList<>();
        List<Event> cur = new ArrayList<>();
        Map<Long, Long> reads = new HashMap<>();
        List<Long> readOrder = new ArrayList<>();
        int dones = 0;
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            switch (f[0]) {
                case "FLIT" -> {
                    partial.add(new BigInteger(f[1], 16));
                    if (f[2].equals("1")) {
                        PacketFormat.Packet pk = fmt.decode(partial);
                        assertEquals(0, pk.dstX(), "packets leaving west go to the host at (0, 0)");
                        int[] pj = img.fromHostAxon(fmt.decodeEvent(partial).axon());
                        cur.add(new Event(pj[0], pj[1], fmt.decodeEvent(partial).value()));
                        partial.clear();
                    }
                }
                case "DONE" -> {
                    if (dones > 0) {
                        Collections.sort(cur);
                        got.add(cur);
                    } else {
                        assertTrue(cur.isEmpty(), "nothing leaves during boot");
                    }
                    cur = new ArrayList<>();
                    dones++;
                }
                case "READ" -> {
                    reads.put(Long.parseLong(f[1], 16), Long.parseLong(f[2], 16));
                    readOrder.add(Long.parseLong(f[2], 16));
                }
                case "IDLE_ROSE" -> assertTrue(Integer.parseInt(f[1]) >= 1 + steps,
                        "idle_o rose after boot and after every step: " + l);
                default -> {
                }
            }
        }
        assertEquals(1 + steps, dones, "boot and every step ended");
        long fires = 0;
        for (int t = 0; t < steps; t++) {
            List<Event> expected = new ArrayList<>();
            for (Event e : gold.step(inputs.get(t))) {
                if (e.population() != 0) {
                    expected.add(e);
                }
            }
            fires += expected.size();
            assertEquals(expected, got.get(t), "events of step " + t + " under Icarus");
        }
        assertTrue(fires > 3, "the network fired: " + fires);
        assertEquals(0, readOrder.get(0) & TileMap.STATUS_RUN, "STATUS before RUN");
        int k = 1;
        for (int pop = 1; pop <= 2; pop++) {
            long[] st = new long[net.populations().get(pop).size()];
            for (int j = 0; j < st.length; j++) {
                st[j] = NpeArith.signed(readOrder.get(k++), p.npe().stateBits());
            }
            assertArrayEquals(gold.state(pop), st, "final states of " + net.populations().get(pop).name());
        }
        long status = reads.get(TileMap.mmio(TileMap.STATUS));
        assertEquals(0, status & TileMap.STATUS_ERRORS, String.format("no error: STATUS 0x%x", status));
        assertTrue((status & TileMap.STATUS_IDLE) != 0 && (status & TileMap.STATUS_RUN) != 0, "idle and running");
        assertEquals(steps, reads.get(TileMap.mmio(TileMap.STEP)));
        assertEquals(fires, reads.get(TileMap.mmio(TileMap.CNT_FIRES)));
        assertEquals(1 + 16 + 5, readOrder.size(), "every read was shown");
        assertEquals(reads.get(TileMap.mmio(TileMap.CNT_EV_OUT)) - fires,
                reads.get(TileMap.mmio(TileMap.CNT_EV_IN)) - hostPacketsSent(img, inputs),
                "events out - host-bound = events in - host packets (the recurrent packets)");
        assertTrue(reads.get(TileMap.mmio(TileMap.CNT_EV_OUT)) > fires, "some packets went round the recurrent loop");
    }
}
