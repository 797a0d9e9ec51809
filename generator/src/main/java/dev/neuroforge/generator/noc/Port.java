package dev.neuroforge.generator.noc;

/**
 * The five router ports. An input port is named after where its flits come from: flits moving
 * north arrive on the SOUTH input. x grows to the EAST, y to the NORTH.
 */
public enum Port {
    LOCAL("l", 0, 0),
    NORTH("n", 0, 1),
    EAST("e", 1, 0),
    SOUTH("s", 0, -1),
    WEST("w", -1, 0);

    private final String tag;
    private final int dx;
    private final int dy;

    Port(String tag, int dx, int dy) {
        this.tag = tag;
        this.dx = dx;
        this.dy = dy;
    }

    /** Short name used in Verilog signal names ({@code n_in_valid_i}). */
    public String tag() {
        return tag;
    }

    public int dx() {
        return dx;
    }

    public int dy() {
        return dy;
    }

    /** The port on the neighbour that faces this one. */
    public Port opposite() {
        return switch (this) {
            case LOCAL -> LOCAL;
            case NORTH -> SOUTH;
            case SOUTH -> NORTH;
            case EAST -> WEST;
            case WEST -> EAST;
        };
    }

    /**
     * XY dimension-order routing: the output a packet takes at router {@code (x, y)} on its way to
     * {@code (dstX, dstY)}. X is resolved first, then Y.
     */
    public static Port routeXY(int x, int y, int dstX, int dstY) {
        if (dstX > x) {
            return EAST;
        }
        if (dstX < x) {
            return WEST;
        }
        if (dstY > y) {
            return NORTH;
        }
        if (dstY < y) {
            return SOUTH;
        }
        return LOCAL;
    }

    /**
     * Whether XY routing can ever send a flit that arrived on input {@code in} to output
     * {@code out}. Turns from Y back to X and U-turns never happen, so the router leaves them out.
     */
    public static boolean xyAllows(Port in, Port out) {
        return switch (out) {
            case LOCAL -> true;
            case EAST -> in == WEST || in == LOCAL;
            case WEST -> in == EAST || in == LOCAL;
            case NORTH -> in != NORTH;
            case SOUTH -> in != SOUTH;
        };
    }
}
