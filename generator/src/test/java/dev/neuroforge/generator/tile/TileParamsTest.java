package dev.neuroforge.generator.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.config.ConfigException;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.config.DesignConfig;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.ParameterException;
import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.generator.noc.RouterParams;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.scdq.ScdqParams;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tile's parameters: defaults, names, the config file, refusals naming the field; the design's modules. */
class TileParamsTest {
    private static TileParams with(ScdqParams scdq) {
        TileParams d = TileParams.defaults();
        return new TileParams(d.core(), d.npe(), scdq, d.router(), d.imemWords(), d.dmemWords(), d.routeEntries(),
                d.eventFifoDepth(), d.fanoutWords());
    }

    @Test
    void theDefaultsAreTheContractsAndTheNameCarriesEveryParameter() {
        TileParams d = TileParams.defaults();
        assertEquals(new NpeParams(8, 8, 16, 16, 64, 2048), d.npe());
        assertEquals(new ScdqParams(15, 1024, 32, false), d.scdq());
        assertEquals(RouterParams.defaults(), d.router());
        assertEquals(List.of(2048, 4096, 1024, 8, 4096), List.of(d.imemWords(), d.dmemWords(), d.routeEntries(),
                d.eventFifoDepth(), d.fanoutWords()));
        assertEquals("nf_tile_rv32im_l8_w8_s16_v16_r64_m2048_d15_c1024_f32b4_i2048_dm4096_rt1024_q8_ft4096", d.moduleName());
        assertEquals(2, d.eventFlits());
        TileParams other = new TileParams(new CoreParams(true, true, 0), new NpeParams(4, 16, 24, 8, 16, 64),
                new ScdqParams(5, 64, 32), new RouterParams(16, 2), 256, 512, 16, 2, 300);
        assertEquals("nf_tile_rv32im_fastmul_l4_w16_s24_v8_r16_m64_d5_c64_f16b2_i256_dm512_rt16_q2_ft300", other.moduleName());
        assertEquals(4, other.eventFlits());
        assertEquals(1, new TileParams(d.core(), d.npe(), d.scdq(), new RouterParams(64, 4), 256, 256, 16, 2, 64).eventFlits());
    }

    @Test
    void theSubBlocksTheTileCannotUseAreRefusedNamingTheField() {
        ParameterException e = assertThrows(ParameterException.class, () -> with(new ScdqParams(15, 1024, 16)));
        assertEquals("scdq.eventWidth", e.field());
        e = assertThrows(ParameterException.class, () -> with(new ScdqParams(15, 1024, 32, true)));
        assertEquals("scdq.lossy", e.field());
        TileParams d = TileParams.defaults();
        e = assertThrows(ParameterException.class, () -> new TileParams(new CoreParams(true, false, 0x100), d.npe(),
                d.scdq(), d.router(), 2048, 4096, 1024, 8, 4096));
        assertEquals("core.resetPc", e.field());
        e = assertThrows(ParameterException.class, () -> new TileParams(d.core(), d.npe(), d.scdq(), d.router(),
                255, 4096, 1024, 8, 4096));
        assertEquals("imemWords", e.field());
        assertTrue(e.getMessage().contains("256..16384"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new TileParams(d.core(), d.npe(), d.scdq(), d.router(),
                2048, 16385, 1024, 8, 4096));
        assertEquals("dmemWords", e.field());
        e = assertThrows(ParameterException.class, () -> new TileParams(d.core(), d.npe(), d.scdq(), d.router(),
                2048, 4096, 15, 8, 4096));
        assertEquals("routeEntries", e.field());
        e = assertThrows(ParameterException.class, () -> new TileParams(d.core(), d.npe(), d.scdq(), d.router(),
                2048, 4096, 1024, 65, 4096));
        assertEquals("eventFifoDepth", e.field());
        e = assertThrows(ParameterException.class, () -> new TileParams(d.core(), d.npe(), d.scdq(), d.router(),
                2048, 4096, 1024, 8, 63));
        assertEquals("fanoutWords", e.field());
        assertTrue(e.getMessage().contains("64..65536"), e.getMessage());
        e = assertThrows(ParameterException.class, () -> new TileParams(d.core(), d.npe(), d.scdq(), d.router(),
                2048, 4096, 1024, 8, 65537));
        assertEquals("fanoutWords", e.field());
    }

    @Test
    void theConfigFileGivesTheDefaultsAndAbsentFieldsTakeThem() throws ConfigException {
        DesignConfig c = ConfigLoader.load(Path.of("..", "configs", "tile.json"));
        assertEquals(TileParams.defaults(), c.params());
        assertEquals(TileParams.defaults(), ConfigLoader.parse("t", "{\"name\": \"t\", \"tile\": {}}").params());
        TileParams p = (TileParams) ConfigLoader.parse("t",
                "{\"name\": \"t\", \"tile\": {\"router\": {\"flitWidth\": 64}, \"dmemWords\": 512}}").params();
        assertEquals(64, p.router().flitWidth());
        assertEquals(512, p.dmemWords());
        assertEquals(TileParams.defaultNpe(), p.npe());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("t", "{\"name\": \"t\", \"tile\": {\"scdq\": {\"lossy\": true}}}"));
        assertTrue(e.getMessage().contains("tile.scdq.lossy = true is not allowed"), e.getMessage());
        assertEquals(c.params(), ConfigLoader.parse("again", ConfigLoader.toJson(c)).params(), "round trip");
    }

    @Test
    void theDesignListsItsLeavesFirstAndTheTopLast() {
        Design d = TileBuilder.build(TileParams.defaults());
        List<String> names = d.modules().stream().map(GeneratedModule::name).toList();
        assertEquals(TileParams.defaults().moduleName(), d.top());
        for (String m : List.of("nf_core_rv32im", "nf_npe_l8_w8_s16_v16_r64_m2048", "nf_scdq_d15_c1024_w32",
                "nf_router_w32_d4", "nf_sram_1r1w_w32_d2048", "nf_sram_1r1w_w8_d4096", "nf_sram_1r1w_w32_d512",
                "nf_sram_1r1w_w32_d1024", "nf_fifo_w40_d8", "nf_tile_evin_f32_d15_q8", "nf_tile_evout_f32_s16_n512_rt1024",
                "nf_sram_1r1w_w32_d4096", "nf_fifo_w33_d8", "nf_tile_fanout_l8_r64_m2048_ft4096")) {
            assertTrue(names.indexOf(m) >= 0 && names.indexOf(m) < names.size() - 1, m + " in " + names);
        }
        assertTrue(names.indexOf("nf_tile_evin_f32_d15_q8") > names.indexOf("nf_fifo_w40_d8"));
        assertTrue(names.indexOf("nf_tile_fanout_l8_r64_m2048_ft4096") > names.indexOf("nf_fifo_w33_d8"));
        String top = d.topModule().source();
        assertTrue(top.contains("localparam [31:0] DMEM_END   = 32'h00014000;"), "4096 words from 0x10000");
        assertTrue(top.contains("localparam [31:0] NPE_END    = 32'h20040000;"), "16 NPE address bits (M = 2048, L = 8)");
    }
}
