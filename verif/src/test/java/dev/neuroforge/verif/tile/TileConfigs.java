package dev.neuroforge.verif.tile;

import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.scdq.ScdqParams;
import dev.neuroforge.generator.tile.TileParams;

/** The tile configurations the tool checks run on besides the defaults. */
public final class TileConfigs {
    private TileConfigs() {
    }

    /** L 4, S 24, V 8, R 16, M 64, 16-bit flits (4 per event), D 5, C 64, the smallest memories. */
    public static TileParams small() {
        return new TileParams(CoreParams.defaults(), new NpeParams(4, 8, 24, 8, 16, 64), new ScdqParams(5, 64, 32),
                new RouterParams(16, 2), 256, 256, 16, 2, 256);
    }

    /**
     * 64-bit flits (one per event), RV32I, S 32 with L x R = 15 neurons, D 255 (no delay check),
     * 65536 routing entries and FANTAB words (16-bit addresses), odd memory sizes.
     */
    public static TileParams wide() {
        return new TileParams(new CoreParams(false, false, 0), new NpeParams(3, 16, 32, 16, 5, 7),
                new ScdqParams(255, 100, 32), new RouterParams(64, 3), 300, 1000, 65536, 5, 65536);
    }

    /** 24-bit flits (3 per event, the last one partly padding), L 5, R 40, M 100, D 25, C 300, odd sizes. */
    public static TileParams odd() {
        return new TileParams(CoreParams.defaults(), new NpeParams(5, 8, 16, 8, 40, 100), new ScdqParams(25, 300, 32),
                new RouterParams(24, 3), 1000, 300, 100, 3, 300);
    }
}
