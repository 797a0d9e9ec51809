package dev.neuroforge.generator.noc;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.TemplateRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code nf_mesh_c<cols>_r<rows>_w<W>_d<D>}: the netlist of routers, links and edge
 * tie-offs is computed here and handed to the template as a list of pin connections.
 */
public final class MeshBuilder {
    private MeshBuilder() {
    }

    public static Design build(MeshParams p) {
        RouterParams rp = p.router();
        int w = rp.flitWidth();
        List<String> links = new ArrayList<>();
        List<Map<String, Object>> routers = new ArrayList<>();
        int edges = 0;
        for (int y = 0; y < p.rows(); y++) {
            for (int x = 0; x < p.cols(); x++) {
                int n = p.node(x, y);
                List<Map<String, String>> pins = new ArrayList<>();
                if (rp.wrr()) {
                    pin(pins, "x_max_i", PacketFormat.COORD_BITS + "'d" + (p.cols() - 1));
                    pin(pins, "y_max_i", PacketFormat.COORD_BITS + "'d" + (p.rows() - 1));
                }
                for (Port d : Port.values()) {
                    String t = d.tag();
                    if (d == Port.LOCAL) {
                        String bit = "[" + n + "]";
                        String word = "[" + (n * w) + " +: " + w + "]";
                        pin(pins, t + "_in_valid_i", "local_in_valid_i" + bit);
                        pin(pins, t + "_in_ready_o", "local_in_ready_o" + bit);
                        pin(pins, t + "_in_data_i", "local_in_data_i" + word);
                        pin(pins, t + "_in_last_i", "local_in_last_i" + bit);
                        pin(pins, t + "_out_valid_o", "local_out_valid_o" + bit);
                        pin(pins, t + "_out_ready_i", "local_out_ready_i" + bit);
                        pin(pins, t + "_out_data_o", "local_out_data_o" + word);
                        pin(pins, t + "_out_last_o", "local_out_last_o" + bit);
                        continue;
                    }
                    int nx = x + d.dx();
                    int ny = y + d.dy();
                    if (nx >= 0 && nx < p.cols() && ny >= 0 && ny < p.rows()) {
                        String out = link(x, y, d);
                        String in = link(nx, ny, d.opposite());
                        links.add(out);
                        pin(pins, t + "_in_valid_i", in + "_valid");
                        pin(pins, t + "_in_ready_o", in + "_ready");
                        pin(pins, t + "_in_data_i", in + "_data");
                        pin(pins, t + "_in_last_i", in + "_last");
                        pin(pins, t + "_out_valid_o", out + "_valid");
                        pin(pins, t + "_out_ready_i", out + "_ready");
                        pin(pins, t + "_out_data_o", out + "_data");
                        pin(pins, t + "_out_last_o", out + "_last");
                        if (rp.voq()) {
                            pin(pins, t + "_in_room_o", in + "_room");
                            pin(pins, t + "_out_room_i", out + "_room");
                        }
                    } else {
                        pin(pins, t + "_in_valid_i", "1'b0");
                        pin(pins, t + "_in_ready_o", "");
                        pin(pins, t + "_in_data_i", "{" + w + "{1'b0}}");
                        pin(pins, t + "_in_last_i", "1'b0");
                        pin(pins, t + "_out_valid_o", "edge_valid[" + edges++ + "]");
                        pin(pins, t + "_out_ready_i", "1'b1");
                        pin(pins, t + "_out_data_o", "");
                        pin(pins, t + "_out_last_o", "");
                        if (rp.voq()) {
                            pin(pins, t + "_in_room_o", "");
                            pin(pins, t + "_out_room_i", "5'b11111");
                        }
                    }
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("x", x);
                r.put("y", y);
                r.put("xLit", PacketFormat.COORD_BITS + "'d" + x);
                r.put("yLit", PacketFormat.COORD_BITS + "'d" + y);
                r.put("pins", pins);
                routers.add(r);
            }
        }

        Map<String, Object> v = new LinkedHashMap<>();
        v.put("cols", p.cols());
        v.put("rows", p.rows());
        v.put("width", w);
        v.put("msb", w - 1);
        v.put("nMsb", p.nodes() - 1);
        v.put("dMsb", p.nodes() * w - 1);
        v.put("eMsb", edges - 1);
        v.put("router", rp.moduleName());
        v.put("links", links);
        v.put("voq", rp.voq());
        v.put("routers", routers);
        return Design.builder()
                .add(RouterBuilder.build(rp))
                .add(TemplateRenderer.render("noc/mesh.v.vm", p.moduleName(), "mesh of XY routers", p.asMap(), v))
                .build();
    }

    private static String link(int x, int y, Port d) {
        return "lk_x" + x + "_y" + y + "_" + d.tag();
    }

    private static void pin(List<Map<String, String>> pins, String pin, String expr) {
        pins.add(Map.of("pin", pin, "expr", expr));
    }
}
