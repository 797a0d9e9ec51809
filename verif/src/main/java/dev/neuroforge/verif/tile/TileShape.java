package dev.neuroforge.verif.tile;

import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.generator.npe.NpeParams;

/**
 * The sizes of one core tile that the image builder and the tile model need (docs/tile.md,
 * "Parameters"): a stand-in for the RTL's {@code TileParams} until both branches meet, so the
 * firmware side does not depend on a class it does not have yet. Ranges as docs/tile.md.
 *
 * @param lanes        NPE lanes L
 * @param rfDepth      NPE states per lane R
 * @param memDepth     NPE weight words M
 * @param weightBits   NPE weight width W
 * @param stateBits    NPE state width S
 * @param valueBits    NPE MAC value width V
 * @param maxDelay     SCDQ maximum delay D
 * @param scdqCapacity SCDQ capacity C (events)
 * @param dmemWords    DMEM, 32-bit words
 * @param imemWords    IMEM, 32-bit words
 * @param routeEntries words of the event-out entry memory (RTENT)
 */
public record TileShape(int lanes, int rfDepth, int memDepth, int weightBits, int stateBits, int valueBits,
        int maxDelay, int scdqCapacity, int dmemWords, int imemWords, int routeEntries) {
    public TileShape {
        npe(lanes, weightBits, stateBits, valueBits, rfDepth, memDepth);
        ParameterException.requireInRange("maxDelay", maxDelay, 1, 255);
        ParameterException.requireInRange("scdqCapacity", scdqCapacity, 2, 65536);
        ParameterException.requireInRange("dmemWords", dmemWords, 256, 16384);
        ParameterException.requireInRange("imemWords", imemWords, 256, 16384);
        ParameterException.requireInRange("routeEntries", routeEntries, 16, 65536);
    }

    /** The defaults of docs/tile.md: L 8, W 8, S 16, V 16, R 64, M 2048, D 15, C 1024, DMEM 4096, IMEM 2048, 1024 entries. */
    public static TileShape defaults() {
        return new TileShape(8, 64, 2048, 8, 16, 16, 15, 1024, 4096, 2048, 1024);
    }

    public TileShape withNpe(int l, int r, int m, int w, int s, int v) {
        return new TileShape(l, r, m, w, s, v, maxDelay, scdqCapacity, dmemWords, imemWords, routeEntries);
    }

    public TileShape withMemories(int dmem, int imem, int entries) {
        return new TileShape(lanes, rfDepth, memDepth, weightBits, stateBits, valueBits, maxDelay, scdqCapacity, dmem,
                imem, entries);
    }

    public TileShape withScdq(int d, int c) {
        return new TileShape(lanes, rfDepth, memDepth, weightBits, stateBits, valueBits, d, c, dmemWords, imemWords,
                routeEntries);
    }

    /** The NPE cluster of this tile. */
    public NpeParams npeParams() {
        return npe(lanes, weightBits, stateBits, valueBits, rfDepth, memDepth);
    }

    private static NpeParams npe(int l, int w, int s, int v, int r, int m) {
        return new NpeParams(l, w, s, v, r, m);
    }
}
