package dev.neuroforge.generator.scdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.config.ConfigException;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.config.DesignConfig;
import dev.neuroforge.generator.ParameterException;
import org.junit.jupiter.api.Test;

class ScdqParamsTest {
    @Test
    void backPressureIsTheDefaultAndLossyIsNamedInTheModule() throws ConfigException {
        assertFalse(ScdqParams.defaults().lossy());
        assertEquals("nf_scdq_d25_c1024_w32", ScdqParams.defaults().moduleName());
        assertEquals("nf_scdq_d7_c5_w8_lossy", new ScdqParams(7, 5, 8, true).moduleName());
        DesignConfig c = ConfigLoader.parse("test", "{\"name\": \"q\", \"scdq\": {\"maxDelay\": 7, \"lossy\": true}}");
        assertEquals(new ScdqParams(7, 1024, 32, true), c.params());
        assertEquals(true, c.parameters().get("lossy"));
        assertTrue(c.build().modules().stream().anyMatch(m -> m.source().contains("overflow_q <= overflow_q + 16'd1")),
                "the lossy queue counts drops");
        DesignConfig plain = ConfigLoader.parse("test", "{\"name\": \"q\", \"scdq\": {}}");
        assertEquals(ScdqParams.defaults(), plain.params());
    }

    @Test
    void errorsNameTheFieldTheValueAndTheRange() {
        ParameterException e = assertThrows(ParameterException.class, () -> new ScdqParams(25, 1, 32));
        assertEquals("capacity = 1 is not allowed: must be an integer in 2..65536", e.getMessage());
        ConfigException c = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("test", "{\"name\": \"q\", \"scdq\": {\"lossy\": 3}}"));
        assertTrue(c.getMessage().contains("scdq.lossy = 3 is not allowed: must be true or false"), c.getMessage());
    }
}
