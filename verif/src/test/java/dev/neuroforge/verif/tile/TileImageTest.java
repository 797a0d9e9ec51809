package dev.neuroforge.verif.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.Projection;
import dev.neuroforge.verif.core.Elf;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image layout of docs/tile.md worked by hand for a small network (what the RTL test loads). */
class TileImageTest {
    @Test
    void headerTablesWeightsAndRoutesAreLaidOutAsDocumented() {
        int[][] w0 = new int[2][10];
        int[][] w1 = new int[10][10];
        int[][] d1 = new int[10][10];
        for (int j = 0; j < 10; j++) {
            w0[0][j] = j + 1;
            w0[1][j] = -(j + 1);
            for (int i = 0; i < 10; i++) {
                w1[i][j] = i - j;
                d1[i][j] = i == 0 ? (j < 8 ? 0 : 2) : 1;
            }
        }
        Network net = new Network("layout", List.of(Population.input("in", 2),
                new Population("h", 10, NeuronParams.leaky(5, 2, NeuronParams.Reset.SUBTRACT, 16))),
                List.<Projection>of(new FullProjection("in", "h", 8, 3, w0),
                        new FullProjection("h", "h", 8, 0, w1, null, d1)));
        Elf fw = TileModelTest.firmware();
        TileImage img = TileImage.build(TileParams.defaults(), net, fw, 1, 2, 0, 0);
        int[] dm = img.dmem();
        long fwEnd = TileMap.DMEM_BASE + TileImage.HEADER_BYTES;
        for (Elf.Segment s : fw.segments()) {
            if (s.addr() >= TileMap.DMEM_BASE) {
                fwEnd = Math.max(fwEnd, s.addr() + (long) s.memSize());
            }
        }
        int buf = (int) ((fwEnd + 3) & ~3);
        int updTab = 13 + 2 * 13;  // FANTAB word behind the segments
        assertArrayEquals(new int[] {0x3154464E, 13, TileMap.FANTAB_BASE, TileMap.FANTAB_BASE + 4 * 13, 1,
            1 << 16 | updTab, buf, 0x0001_4000}, java.util.Arrays.copyOf(dm, 8), "header");
        // FANTAB: axons (in, 0, 3) (in, 1, 3) (h, 0, 0) (h, 0, 2) (h, 1..9, 1), one segment each, the
        // segment pairs from word 13
        int[] ft = img.fantab();
        assertEquals(13 + 2 * 13 + 5, ft.length, "FANTAB words used");
        for (int a = 0; a < 13; a++) {
            assertEquals(1 << 16 | (13 + 2 * a), ft[a], "axon " + a);
        }
        int[][] segs = {{0, 10, 0}, {0, 10, 2}, {0, 8, 4}, {1, 2, 5}};
        for (int k = 0; k < 13; k++) {
            int[] e = k < 4 ? segs[k] : new int[] {0, 10, 6 + 2 * (k - 4)};
            assertEquals(e[0] << 16 | e[1], ft[13 + 2 * k], "segment " + k + " {base_s, count}");
            assertEquals(e[2], ft[13 + 2 * k + 1], "segment " + k + " base_w");
        }
        assertArrayEquals(new int[] {4 | 8, 10, 0, 5, 2}, java.util.Arrays.copyOfRange(ft, updTab, updTab + 5),
                "LIF update loop (OP, COUNT, BASE_S, THETA, SHIFT)");
        assertEquals(10, img.weight(1, 1), "in[0] -> h[9]: lane 1 of word 1");
        assertEquals(-3, img.weight(2, 2), "in[1] -> h[2]");
        assertEquals(-8, img.weight(0, 5), "h[0] -> h[8] (delay 2): lane 0 of word 5");
        assertEquals(0, img.weight(2, 5), "lanes past the group's targets hold 0");
        assertEquals(2 - 9, img.weight(1, 9), "h[2] -> h[9]: segment 5 at words 8..9");
        assertEquals(2 + 2 + 1 + 1 + 9 * 2, img.weightWords());
        int[] ri = img.rtidx();
        int[] re = img.rtent();
        assertEquals(3 << 16 | 0, ri[0], "h[0]: host + 2 recurrent groups");
        assertEquals(2 << 16 | 3, ri[1], "h[1]: host + 1");
        assertEquals(0 << 24 | 2 << 8 | 0 << 4 | 0, re[0], "h[0] -> host, axon 2 (network-wide index)");
        assertEquals(0 << 24 | 2 << 8 | 2 << 4 | 1, re[1], "h[0] -> tile (1,2), axon 2, delay 0");
        assertEquals(2 << 24 | 3 << 8 | 2 << 4 | 1, re[2], "h[0] -> tile, axon 3, delay 2");
        assertEquals(1 << 24 | 4 << 8 | 2 << 4 | 1, re[4], "h[1] -> tile, axon 4, delay 1");
        assertEquals(3 + 9 * 2, img.routeEntriesUsed());
        assertEquals(List.of(new TileImage.Route(0, 3)), img.inputRoutes(0, 0));
        assertEquals(List.of(new TileImage.Route(1, 3)), img.inputRoutes(0, 1));
        assertArrayEquals(new int[] {1, 9}, img.fromHostAxon(11));
    }

    @Test
    void aFragmentWhoseFanOutTablesExceedFantabIsRefusedNamingIt() {
        int[][] w = new int[40][8];
        Network net = new Network("wide", List.of(Population.input("in", 40),
                new Population("h", 8, NeuronParams.leaky(5, 2, NeuronParams.Reset.SUBTRACT, 16))),
                List.<Projection>of(new FullProjection("in", "h", 8, 0, w)));
        Elf fw = TileModelTest.firmware();
        // 40 axons of one segment each and one update loop: 40 + 2 x 40 + 5 = 125 words
        assertEquals(125, TileImage.build(TileParams.defaults().withFanoutWords(125), net, fw, 1, 2, 0, 0)
                .fantab().length);
        TileImage.DoesNotFit e = assertThrows(TileImage.DoesNotFit.class,
                () -> TileImage.build(TileParams.defaults().withFanoutWords(124), net, fw, 1, 2, 0, 0));
        assertEquals("fan-out table words (FANTAB, fanoutWords)", e.resource());
        assertEquals(125, e.needed());
        assertEquals(124, e.available());
        assertTrue(e.getMessage().contains("40 axons + 2 x 40 segments + 5 x 1 update loops"), e.getMessage());
    }
}
