package dev.neuroforge.generator.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.config.ConfigException;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.config.DesignConfig;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.ParameterException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The core's parameters: names, defaults, the config file, and refusals that name the field. */
class CoreParamsTest {
    @Test
    void moduleNamesCarryTheParameters() {
        assertEquals("nf_core_rv32im", CoreParams.defaults().moduleName());
        assertEquals("nf_core_rv32i", new CoreParams(false, false, 0).moduleName());
        assertEquals("nf_core_rv32im_fastmul", new CoreParams(true, true, 0).moduleName());
        assertEquals("nf_core_rv32im_r80000000", new CoreParams(true, false, 0x8000_0000L).moduleName());
        Design d = CoreBuilder.build(new CoreParams(true, false, 0x100));
        assertTrue(d.topModule().source().contains("localparam [31:0] RESET_PC = 32'h00000100;"));
        assertTrue(d.topModule().source().contains("localparam [31:0] MISA     = 32'h40001100;"));
        assertTrue(CoreBuilder.build(new CoreParams(false, false, 0)).topModule().source().contains("32'h40000100"));
    }

    @Test
    void fastMulWithoutTheMExtensionIsRefusedNamingTheField() {
        ParameterException e = assertThrows(ParameterException.class, () -> new CoreParams(false, true, 0));
        assertEquals("fastMul", e.field());
        assertTrue(e.getMessage().contains("mExtension"), e.getMessage());
    }

    @Test
    void aResetPcThatIsNotAWordAlignedAddressIsRefused() {
        for (long bad : new long[] {2, -4, 0x1_0000_0000L}) {
            ParameterException e = assertThrows(ParameterException.class, () -> new CoreParams(true, false, bad));
            assertEquals("resetPc", e.field());
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void theCoreConfigLoadsAndRoundTrips() throws ConfigException {
        DesignConfig c = ConfigLoader.load(Path.of("../configs/core.json"));
        assertEquals(CoreParams.defaults(), c.params());
        assertEquals(c, ConfigLoader.parse("round trip", ConfigLoader.toJson(c)));
        assertEquals(new CoreParams(true, false, 0), ConfigLoader.parse("partial", "{\"name\":\"x\",\"core\":{}}").params());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("bad", "{\"name\":\"x\",\"core\":{\"mExtension\":false,\"fastMul\":true}}"));
        assertTrue(e.getMessage().contains("fastMul"), e.getMessage());
    }
}
