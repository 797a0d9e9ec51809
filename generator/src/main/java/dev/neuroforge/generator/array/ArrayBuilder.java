package dev.neuroforge.generator.array;

import static dev.neuroforge.generator.common.FifoBuilder.bitsFor;
import static dev.neuroforge.generator.common.FifoBuilder.lit;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.TemplateRenderer;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.noc.Port;
import dev.neuroforge.generator.tile.TileBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code nf_array_c<C>_r<R>_...} (docs/array.md): the tile design once, then the top that
 * instantiates it C x R times. The netlist (links between neighbours, the first column's west
 * ports toward the host, edge tie-offs) is worked out here as a pin list per tile, as
 * {@code MeshBuilder} does for routers; the template only lays the Verilog out.
 */
public final class ArrayBuilder {
    private ArrayBuilder() {
    }

    public static Design build(ArrayParams p) {
        Design tile = TileBuilder.build(p.tile());
        int w = p.tile().router().flitWidth();
        int rows = p.rows();
        int sb = bitsFor(rows - 1);
        List<String> links = new ArrayList<>();
        List<Map<String, Object>> tiles = new ArrayList<>();
        int edges = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < p.cols(); c++) {
                List<Map<String, String>> pins = new ArrayList<>();
                for (Port d : Port.values()) {
                    if (d == Port.LOCAL) {
                        continue;
                    }
                    String t = d.tag();
                    int nc = c + d.dx();
                    int nr = r + d.dy();
                    if (nc >= 0 && nc < p.cols() && nr >= 0 && nr < rows) {
                        String out = link(c, r, d);
                        String in = link(nc, nr, d.opposite());
                        links.add(out);
                        connect(pins, t + "_in", in + "_valid", in + "_ready", in + "_data", in + "_last");
                        connect(pins, t + "_out", out + "_valid", out + "_ready", out + "_data", out + "_last");
                    } else if (d == Port.WEST) {
                        // toward the host: out into the merge, in from the host stream (row 0) or idle
                        connect(pins, "w_out", "wv[" + r + "]", "wr[" + r + "]", "wd[" + (r * w) + " +: " + w + "]",
                                "wl[" + r + "]");
                        if (r == 0) {
                            connect(pins, "w_in", "hin_valid_i", "hin_ready_o", "hin_data_i", "hin_last_i");
                        } else {
                            connect(pins, "w_in", "1'b0", "", "{" + w + "{1'b0}}", "1'b0");
                        }
                    } else {
                        connect(pins, t + "_in", "1'b0", "", "{" + w + "{1'b0}}", "1'b0");
                        connect(pins, t + "_out", "edge_valid[" + edges++ + "]", "1'b1", "", "");
                    }
                }
                Map<String, Object> m = new LinkedHashMap<>();
                int n = p.index(c, r);
                m.put("c", c);
                m.put("r", r);
                m.put("n", n);
                m.put("xLit", PacketFormat.COORD_BITS + "'d" + ArrayParams.meshX(c));
                m.put("yLit", PacketFormat.COORD_BITS + "'d" + r);
                m.put("nLit", lit(p.tileBits(), n));
                m.put("pins", pins);
                tiles.add(m);
            }
        }
        List<Map<String, Object>> rowList = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            rowList.add(Map.of("i", r, "lit", lit(sb, r)));
        }
        List<String> sent = new ArrayList<>();
        List<String> recv = new ArrayList<>();
        for (int n = 0; n < p.tiles(); n++) {
            sent.add("sent[" + n + "]");
            recv.add("recv[" + n + "]");
        }
        List<String> retire = new ArrayList<>();
        retire.add("rvfi_valid_o");
        for (String f : CoreBuilder.RVFI_FIELDS) {
            retire.add("rvfi_" + f + "_o");
        }

        Map<String, Object> v = new LinkedHashMap<>();
        v.put("cols", p.cols());
        v.put("rows", rows);
        v.put("tile", tile.top());
        v.put("tMsb", p.tileBits() - 1);
        v.put("fMsb", w - 1);
        v.put("nMsb", p.tiles() - 1);
        v.put("eMsb", Math.max(edges, 1) - 1);
        v.put("rMsb", rows - 1);
        v.put("wMsb", rows * w - 1);
        v.put("links", links);
        v.put("tiles", tiles);
        v.put("retire", retire);
        v.put("pow2Tiles", Integer.bitCount(p.tiles()) == 1);
        v.put("tilesLit", lit(p.tileBits(), p.tiles()));
        v.put("tZero", lit(p.tileBits(), 0));
        v.put("sMsb", sb - 1);
        v.put("sZero", lit(sb, 0));
        v.put("kMsb", sb);
        v.put("rowsLit", lit(sb + 1, rows));
        v.put("flitWidth", w);
        v.put("rowList", rowList);
        v.put("sentSum", String.join(" + ", sent));
        v.put("recvSum", String.join(" + ", recv));
        return Design.builder().add(tile)
                .add(TemplateRenderer.render("array/array.v.vm", p.moduleName(),
                        "neuromorphic array: " + p.cols() + " x " + rows + " core tiles on a mesh, host streams and done",
                        p.asMap(), v))
                .build();
    }

    private static String link(int c, int r, Port d) {
        return "lk_c" + c + "_r" + r + "_" + d.tag();
    }

    /** The four pins of one direction of a port: {@code <side>_valid_x}, ready, data and last. */
    private static void connect(List<Map<String, String>> pins, String side, String valid, String ready, String data,
            String last) {
        boolean in = side.endsWith("_in");
        pins.add(Map.of("pin", side + "_valid_" + (in ? "i" : "o"), "expr", valid));
        pins.add(Map.of("pin", side + "_ready_" + (in ? "o" : "i"), "expr", ready));
        pins.add(Map.of("pin", side + "_data_" + (in ? "i" : "o"), "expr", data));
        pins.add(Map.of("pin", side + "_last_" + (in ? "i" : "o"), "expr", last));
    }
}
