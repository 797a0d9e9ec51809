package dev.neuroforge.generator.fpga;

import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.TemplateRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@code nf_fpga_scan_<module>}, the timing wrapper that lets place and route measure a
 * block whose ports outnumber a package's pins (see {@code templates/fpga/scan_wrapper.v.vm}).
 */
public final class ScanWrapperBuilder {
    private ScanWrapperBuilder() {
    }

    public static String moduleName(String dut) {
        return "nf_fpga_scan_" + dut;
    }

    /**
     * The wrapper of {@code dut}, or empty when the block has no clock, no data input or no output
     * (then there is no register-to-register path to time).
     */
    public static Optional<GeneratedModule> build(GeneratedModule dut) {
        List<VerilogPort> ports = VerilogPort.of(dut);
        List<String> pass = new ArrayList<>();
        String clock = null;
        int in = 0;
        int out = 0;
        for (VerilogPort p : ports) {
            if (p.isClock() || p.isReset()) {
                pass.add(p.name());
                if (p.isClock() && clock == null) {
                    clock = p.name();
                }
            } else if (p.isInput()) {
                in += p.width();
            } else if (p.isOutput()) {
                out += p.width();
            } else {
                return Optional.empty();
            }
        }
        if (clock == null || in == 0 || out == 0) {
            return Optional.empty();
        }
        List<String> conns = new ArrayList<>();
        int inOff = 0;
        int outOff = 0;
        for (VerilogPort p : ports) {
            String expr;
            if (p.isClock() || p.isReset()) {
                expr = p.name();
            } else if (p.isInput()) {
                expr = slice("in_q", inOff, p.width());
                inOff += p.width();
            } else {
                expr = slice("out_w", outOff, p.width());
                outOff += p.width();
            }
            conns.add("." + p.name() + "(" + expr + ")");
        }
        for (int i = 0; i < conns.size() - 1; i++) {
            conns.set(i, conns.get(i) + ",");
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("dut", dut.name());
        v.put("passPorts", pass);
        v.put("clock", clock);
        v.put("inBits", in);
        v.put("outBits", out);
        v.put("inMsb", in - 1);
        v.put("outMsb", out - 1);
        v.put("inNext", in == 1 ? "scan_i" : "{in_q[" + (in - 2) + ":0], scan_i}");
        v.put("outNext", out == 1 ? "out_w" : "{out_q[" + (out - 2) + ":0], 1'b0} ^ out_w");
        v.put("connections", conns);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dut", dut.name());
        return Optional.of(TemplateRenderer.render("fpga/scan_wrapper.v.vm", moduleName(dut.name()),
                "FPGA timing wrapper", params, v));
    }

    private static String slice(String reg, int off, int width) {
        return width == 1 ? reg + "[" + off + "]" : reg + "[" + (off + width - 1) + ":" + off + "]";
    }
}
