package dev.neuroforge.verif.fpga;

/**
 * What synthesis (and place and route, where it ran) measured for one module.
 *
 * @param module    module name
 * @param top       whether it is the design's top
 * @param cells     cells after Yosys' generic {@code synth} (gates, flip-flops; a memory is one cell)
 * @param luts      SB_LUT4 after {@code synth_ice40}
 * @param ffs       flip-flops (SB_DFF*) after {@code synth_ice40}
 * @param brams     SB_RAM40_4K block RAMs after {@code synth_ice40}
 * @param carries   SB_CARRY cells after {@code synth_ice40}
 * @param fmaxMhz   Fmax nextpnr-ice40 reported, or null when it did not run or failed
 * @param pnr       what happened in place and route, in words ("iCE40HX8K: 21% of LCs", "does not fit: ...")
 */
public record ModuleResult(String module, boolean top, int cells, int luts, int ffs, int brams, int carries,
        Double fmaxMhz, String pnr) {
}
