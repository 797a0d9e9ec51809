package dev.neuroforge.generator;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A memory array declared in a generated module ({@code reg [w-1:0] array [0:depth-1]}). The FPGA
 * flow reads this to check that a memory meant for block RAM did not end up as flip-flops, and to
 * write its initialization image. A memory with {@code init} words is loaded by the module with
 * {@code $readmemh("<initFile>", <array>)}; the image is written next to the Verilog.
 *
 * @param array    the array's name in the module's Verilog
 * @param width    bits per word
 * @param depth    words
 * @param blockRam true when synthesis must map it to block RAM (SB_RAM40_4K on iCE40)
 * @param initFile name of its {@code $readmemh} image, or null when it has no initial contents
 * @param init     initial words from address 0 (may be shorter than depth), empty without image
 */
public record Memory(String array, int width, int depth, boolean blockRam, String initFile, List<BigInteger> init) {
    public Memory {
        Objects.requireNonNull(array, "array");
        ParameterException.requireInRange(array + ".width", width, 1, 4096);
        ParameterException.requireInRange(array + ".depth", depth, 1, 1 << 24);
        init = List.copyOf(init);
        if (initFile == null && !init.isEmpty()) {
            throw new IllegalArgumentException(array + ": initial words need an initFile name");
        }
        if (initFile != null && !initFile.matches("[A-Za-z0-9_.-]+\\.hex")) {
            throw new ParameterException(array + ".initFile", initFile, "must be a plain file name ending in .hex");
        }
        if (init.size() > depth) {
            throw new ParameterException(array + ".init", init.size() + " words", "at most depth = " + depth);
        }
        for (int i = 0; i < init.size(); i++) {
            BigInteger w = init.get(i);
            if (w.signum() < 0 || w.bitLength() > width) {
                throw new ParameterException(array + ".init[" + i + "]", w.toString(16),
                        "must be an unsigned " + width + "-bit word");
            }
        }
    }

    /** A memory without initial contents that must become block RAM. */
    public static Memory blockRam(String array, int width, int depth) {
        return new Memory(array, width, depth, true, null, List.of());
    }

    /** This memory, loaded from {@code file} with {@code words}. */
    public Memory withInit(String file, List<BigInteger> words) {
        return new Memory(array, width, depth, blockRam, file, words);
    }

    public boolean hasInit() {
        return initFile != null;
    }

    public long bits() {
        return (long) width * depth;
    }

    /**
     * The image in the format {@code $readmemh} reads in Verilator, Icarus, Yosys and Vivado: one
     * word per line, hexadecimal, zero-padded to the word width, address 0 first.
     */
    public String hexImage() {
        int digits = (width + 3) / 4;
        StringBuilder b = new StringBuilder();
        b.append("// ").append(array).append(": ").append(init.size()).append(" of ").append(depth)
                .append(" words of ").append(width).append(" bits, address 0 first\n");
        for (BigInteger w : init) {
            String h = w.toString(16);
            b.append("0".repeat(digits - h.length())).append(h).append('\n');
        }
        return b.toString();
    }
}
