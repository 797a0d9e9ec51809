package dev.neuroforge.generator.array;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.generator.tile.TileParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the neuromorphic array (docs/array.md): {@code cols x rows} identical core tiles
 * on a mesh. Tile (c, r) sits at mesh coordinates (c + 1, r); column x = 0 is the host, which is
 * reached through the west ports of the first tile column.
 *
 * @param cols tiles per row, 1..15 (x = 0 is the host, the head flit has 4 bits per coordinate)
 * @param rows tiles per column, 1..16
 * @param tile the tile every node uses
 */
public record ArrayParams(int cols, int rows, TileParams tile) implements BlockParams {
    public static final int MAX_COLS = 15;
    public static final int MAX_ROWS = 16;

    public ArrayParams {
        ParameterException.requireInRange("cols", cols, 1, MAX_COLS);
        ParameterException.requireInRange("rows", rows, 1, MAX_ROWS);
        ParameterException.requireNonNull("tile", tile);
    }

    /** A 2 x 2 array of default tiles. */
    public static ArrayParams defaults() {
        return new ArrayParams(2, 2, TileParams.defaults());
    }

    /** JSON entry point: cols and rows are required; an absent tile takes the tile defaults. */
    public static ArrayParams fromJson(JsonParams j) {
        j.allow("cols", "rows", "tile");
        return j.build(() -> new ArrayParams(j.integer("cols"), j.integer("rows"),
                j.object("tile", "tile parameters", TileParams::fromJson, TileParams::defaults)));
    }

    public int tiles() {
        return cols * rows;
    }

    /** Tile index {@code r x cols + c} (the host port's {@code host_tile_i}). */
    public int index(int c, int r) {
        return r * cols + c;
    }

    /** Mesh x of tile column {@code c}. */
    public static int meshX(int c) {
        return c + 1;
    }

    /** Bits of {@code host_tile_i}. */
    public int tileBits() {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(tiles() - 1));
    }

    /** {@code nf_array_c<C>_r<R>_} followed by the tile's name without {@code nf_tile_}. */
    public String moduleName() {
        return "nf_array_c" + cols + "_r" + rows + "_" + tile.moduleName().substring("nf_tile_".length());
    }

    /** This array with another shape. */
    public ArrayParams withShape(int c, int r) {
        return new ArrayParams(c, r, tile);
    }

    @Override
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cols", cols);
        m.put("rows", rows);
        tile.asMap().forEach((k, v) -> m.put("tile." + k, v));
        return m;
    }
}
