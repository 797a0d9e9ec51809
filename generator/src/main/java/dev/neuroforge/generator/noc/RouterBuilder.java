package dev.neuroforge.generator.noc;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.TemplateRenderer;
import dev.neuroforge.generator.common.FifoBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds {@code nf_router_w<W>_d<D>[_mc]}: the connection matrix of XY routing (which input may reach
 * which output) is worked out here, so each output arbiter only sees inputs that can ask for it.
 */
public final class RouterBuilder {
    /** Weights of the {@code wrr} arbiter: up to 15 x 16 source nodes behind one input. */
    private static final int WEIGHT_BITS = 2 * PacketFormat.COORD_BITS;

    private RouterBuilder() {
    }

    public static Design build(RouterParams p) {
        int w = p.flitWidth();
        GeneratedModule fifo = FifoBuilder.build(w + 1, p.bufferDepth());

        List<Map<String, Object>> inputs = new ArrayList<>();
        for (Port in : Port.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tag", in.tag());
            List<String> unused = new ArrayList<>();
            List<String> pops = new ArrayList<>();
            for (Port out : Port.values()) {
                if (Port.xyAllows(in, out)) {
                    int j = allowedInputs(out).indexOf(in);
                    pops.add("(" + out.tag() + "_gnt[" + j + "] & " + out.tag() + "_xfer)");
                } else {
                    unused.add(in.tag() + "_route[" + out.ordinal() + "]");
                }
            }
            m.put("unused", unused.isEmpty() ? "" : "^{" + String.join(", ", unused) + "}");
            m.put("popTerms", String.join("\n                | ", pops));
            // Multicast: which outputs took the head flit this cycle (bit = output ordinal), and
            // the outputs XY lets this input reach.
            List<String> take = new ArrayList<>();
            StringBuilder allow = new StringBuilder("5'b");
            for (int o = Port.values().length - 1; o >= 0; o--) {
                Port out = Port.values()[o];
                boolean ok = Port.xyAllows(in, out);
                allow.append(ok ? '1' : '0');
                take.add(ok ? "(" + out.tag() + "_gnt[" + allowedInputs(out).indexOf(in) + "] & " + out.tag() + "_xfer)"
                        : "1'b0");
            }
            m.put("takeTerms", String.join(",\n                    ", take));
            m.put("allow", allow.toString());
            // Virtual output queues: one per output XY lets this input reach.
            List<Map<String, Object>> queues = new ArrayList<>();
            List<String> room = new ArrayList<>();
            for (int o = Port.values().length - 1; o >= 0; o--) {
                Port out = Port.values()[o];
                room.add(Port.xyAllows(in, out) ? queue(in, out) + "_room" : "1'b1");
            }
            for (Port out : Port.values()) {
                if (Port.xyAllows(in, out)) {
                    queues.add(Map.of("name", queue(in, out), "bit", out.ordinal()));
                }
            }
            m.put("queues", queues);
            m.put("queueList", queues.stream().map(q -> q.get("name").toString().substring(2 + in.tag().length() + 1))
                    .collect(Collectors.joining(", ")));
            m.put("roomTerms", String.join(",\n                   ", room));
            inputs.add(m);
        }

        List<Map<String, Object>> outputs = new ArrayList<>();
        for (Port out : Port.values()) {
            List<Port> ins = allowedInputs(out);
            int k = ins.size();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tag", out.tag());
            m.put("k", k);
            m.put("kMsb", k - 1);
            m.put("k2Msb", 2 * k - 1);
            m.put("kZero", k + "'d0");
            m.put("kOne", k + "'d1");
            m.put("inputList", ins.stream().map(Port::tag).collect(Collectors.joining(", ")));
            // Concatenation is MSB first: input j sits at bit j.
            List<String> req = new ArrayList<>();
            for (int j = k - 1; j >= 0; j--) {
                Port in = ins.get(j);
                req.add(p.voq() ? queue(in, out) + "_valid"
                        : in.tag() + "_head_valid & " + in.tag() + (p.multicast() ? "_want[" : "_route[")
                        + out.ordinal() + "]");
            }
            m.put("reqTerms", String.join(",\n                          ", req));
            List<String> mux = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                mux.add("({" + (w + 1) + "{" + out.tag() + "_gnt[" + j + "]}} & "
                        + (p.voq() ? queue(ins.get(j), out) : ins.get(j).tag()) + "_head)");
            }
            List<Map<String, Object>> pops = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                pops.add(Map.of("queue", queue(ins.get(j), out), "j", j));
            }
            m.put("pops", pops);
            if (out != Port.LOCAL) {
                // What the next router does with a head this output sends: its route there, masked
                // to the turns its input (the one facing us) allows.
                Port there = out.opposite();
                StringBuilder nextAllow = new StringBuilder("5'b");
                for (int o = Port.values().length - 1; o >= 0; o--) {
                    nextAllow.append(Port.xyAllows(there, Port.values()[o]) ? '1' : '0');
                }
                m.put("nextAllow", nextAllow.toString());
                m.put("nextX", neighbour("x_i", out.dx()));
                m.put("nextY", neighbour("y_i", out.dy()));
                List<Map<String, Object>> srcs = new ArrayList<>();
                List<String> fits = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    srcs.add(Map.of("q", queue(ins.get(j), out)));
                }
                for (int j = k - 1; j >= 0; j--) {
                    fits.add(queue(ins.get(j), out) + "_fits");
                }
                m.put("srcs", srcs);
                m.put("fitsTerms", String.join(", ", fits));
            }
            m.put("muxTerms", String.join("\n                      | ", mux));
            m.put("wtMux", ins.stream().map(in -> "({" + WEIGHT_BITS + "{" + out.tag() + "_gnt[" + ins.indexOf(in)
                    + "]}} & wt_" + in.tag() + ")").collect(Collectors.joining("\n                   | ")));
            String g = out.tag() + "_gnt";
            m.put("rotGnt", k == 1 ? g : "{" + g + "[" + (k - 2) + ":0], " + g + "[" + (k - 1) + "]}");
            outputs.add(m);
        }

        Map<String, String> hot = new LinkedHashMap<>();
        for (Port port : Port.values()) {
            hot.put(port.name(), "5'b" + String.format("%5s", Integer.toBinaryString(1 << port.ordinal())).replace(' ', '0'));
        }

        Map<String, Object> v = new LinkedHashMap<>();
        v.put("width", w);
        v.put("msb", w - 1);
        v.put("fmsb", w);
        v.put("coordMsb", PacketFormat.COORD_BITS - 1);
        v.put("dstXRange", range(PacketFormat.DST_X_LSB));
        v.put("dstYRange", range(PacketFormat.DST_Y_LSB));
        v.put("multicast", p.multicast());
        v.put("wrr", p.wrr());
        v.put("wMsb", WEIGHT_BITS - 1);
        v.put("wOne", WEIGHT_BITS + "'d1");
        v.put("wZero", WEIGHT_BITS + "'d0");
        v.put("cZero", (WEIGHT_BITS - PacketFormat.COORD_BITS) + "'d0");
        v.put("mcastBit", PacketFormat.MCAST_BIT);
        v.put("dstXHiRange", range(PacketFormat.DST_X_HI_LSB));
        v.put("dstYHiRange", range(PacketFormat.DST_Y_HI_LSB));
        v.put("fifo", fifo.name());
        v.put("ports", Arrays.stream(Port.values()).map(Port::tag).toList());
        v.put("nbPorts", Arrays.stream(Port.values()).filter(x -> x != Port.LOCAL).map(Port::tag).toList());
        v.put("inputs", inputs);
        v.put("outputs", outputs);
        v.put("hot", hot);
        String what = "5-port XY wormhole router" + (p.voq() ? " with virtual output queues" : "")
                + (p.wrr() ? ", weighted round-robin" : "")
                + (p.multicast() ? (p.voq() ? " and" : " with") + " XY-tree multicast" : "");
        GeneratedModule router = TemplateRenderer.render(p.voq() ? "noc/router_voq.v.vm" : "noc/router.v.vm",
                p.moduleName(), what, p.asMap(), v);
        return Design.builder().add(fifo).add(router).build();
    }

    /** Inputs that XY routing lets reach {@code out}, in port order; input j is arbiter bit j. */
    static List<Port> allowedInputs(Port out) {
        return Arrays.stream(Port.values()).filter(in -> Port.xyAllows(in, out)).toList();
    }

    private static String neighbour(String coord, int d) {
        int bits = PacketFormat.COORD_BITS;
        return d == 0 ? coord : coord + (d > 0 ? " + " : " - ") + bits + "'d1";
    }

    /** The virtual output queue of input {@code in} towards output {@code out}. */
    private static String queue(Port in, Port out) {
        return "q_" + in.tag() + "_" + out.tag();
    }

    private static String range(int lsb) {
        return (lsb + PacketFormat.COORD_BITS - 1) + ":" + lsb;
    }
}
