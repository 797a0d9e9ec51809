package dev.neuroforge.generator.noc;

import dev.neuroforge.generator.BlockParams;
import dev.neuroforge.generator.JsonParams;
import dev.neuroforge.generator.ParameterException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of a {@code cols x rows} mesh of identical routers. Node {@code (x, y)} has index
 * {@code y * cols + x}; x grows eastwards, y northwards.
 *
 * @param cols   routers per row, 1..16
 * @param rows   routers per column, 1..16
 * @param router the router every node uses
 */
public record MeshParams(int cols, int rows, RouterParams router) implements BlockParams {
    /** The largest mesh side: the head flit has 4 bits per coordinate. */
    public static final int MAX_SIDE = 1 << PacketFormat.COORD_BITS;

    public MeshParams {
        ParameterException.requireInRange("cols", cols, 1, MAX_SIDE);
        ParameterException.requireInRange("rows", rows, 1, MAX_SIDE);
        ParameterException.requireNonNull("router", router);
    }

    public MeshParams(int cols, int rows) {
        this(cols, rows, RouterParams.defaults());
    }

    /** JSON entry point: cols and rows are required; an absent router takes the router defaults. */
    public static MeshParams fromJson(JsonParams j) {
        j.allow("cols", "rows", "router");
        return j.build(() -> new MeshParams(j.integer("cols"), j.integer("rows"),
                j.object("router", "router parameters", RouterParams::fromJson, RouterParams::defaults)));
    }

    public int nodes() {
        return cols * rows;
    }

    public int node(int x, int y) {
        return y * cols + x;
    }

    public String moduleName() {
        return "nf_mesh_c" + cols + "_r" + rows + "_w" + router.flitWidth() + "_d" + router.bufferDepth()
                + router.suffix();
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cols", cols);
        m.put("rows", rows);
        m.putAll(router.asMap());
        return m;
    }
}
