package dev.neuroforge.sim;

/**
 * A top-level port of a Verilated model.
 *
 * @param id    index used by the shim's poke/peek calls
 * @param name  Verilog port name
 * @param width bits
 * @param input true for inputs, false for outputs
 */
public record PortInfo(int id, String name, int width, boolean input) {
    /** 32-bit words the port takes in word buffers. */
    public int words() {
        return (width + 31) / 32;
    }
}
