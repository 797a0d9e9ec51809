package dev.neuroforge.verif.fpga;

import java.util.List;

/**
 * The outcome of the FPGA flow on one design: every module's numbers (top last) and the tools used.
 *
 * @param design   config name
 * @param top      top module
 * @param modules  results, leaves first, top last
 * @param yosys    {@code yosys -V}
 * @param nextpnr  {@code nextpnr-ice40 --version}, or "not run"
 */
public record FpgaResult(String design, String top, List<ModuleResult> modules, String yosys, String nextpnr) {
    public FpgaResult {
        modules = List.copyOf(modules);
    }

    public ModuleResult topResult() {
        return modules.stream().filter(ModuleResult::top).findFirst().orElseThrow();
    }
}
