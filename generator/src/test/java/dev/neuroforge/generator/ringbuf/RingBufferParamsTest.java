package dev.neuroforge.generator.ringbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.config.ConfigException;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.config.DesignConfig;
import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.ParameterException;
import org.junit.jupiter.api.Test;

class RingBufferParamsTest {
    @Test
    void errorsNameTheFieldTheValueAndWhatIsAllowed() {
        ParameterException e = assertThrows(ParameterException.class, () -> new RingBufferParams(1, 25, 16, 8));
        assertEquals("neurons = 1 is not allowed: must be an integer in 2..65536", e.getMessage());
        e = assertThrows(ParameterException.class, () -> new RingBufferParams(256, 0, 16, 8));
        assertEquals("maxDelay = 0 is not allowed: must be an integer in 1..255", e.getMessage());
        e = assertThrows(ParameterException.class, () -> new RingBufferParams(256, 25, 16, 17));
        assertEquals("valueWidth = 17 is not allowed: must be an integer in 1..16", e.getMessage());
        e = assertThrows(ParameterException.class, () -> new RingBufferParams(65536, 255, 16, 8));
        assertEquals("neurons", e.field());
        assertTrue(e.getMessage().contains("neurons <= 4096"), e.getMessage());
    }

    @Test
    void moduleNameCarriesEveryParameterAndMemoryIsNeuronsTimesSlotsTimesWidth() {
        RingBufferParams p = RingBufferParams.defaults();
        assertEquals("nf_ringbuf_n256_d25_w16_v8", p.moduleName());
        assertEquals(256 * 26 * 16, p.memoryBits());
        Design d = RingBufferBuilder.build(p);
        assertEquals("nf_ringbuf_n256_d25_w16_v8", d.top());
        assertTrue(d.modules().stream().anyMatch(m -> m.name().equals("nf_sram_1r1w_w16_d6656")),
                "one accumulator memory of neurons x (D + 1) words");
    }

    @Test
    void configNamesTheBlockRingbufAndErrorsCarryItsPath() throws ConfigException {
        DesignConfig c = ConfigLoader.parse("test", "{\"name\": \"r\", \"ringbuf\": {\"neurons\": 700}}");
        assertEquals(new RingBufferParams(700, 25, 16, 8), c.params());
        assertEquals("nf_ringbuf_n700_d25_w16_v8", c.build().top());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("test", "{\"name\": \"r\", \"ringbuf\": {\"accWidth\": 40}}"));
        assertTrue(e.getMessage().contains("ringbuf.accWidth = 40 is not allowed: must be an integer in 2..32"),
                e.getMessage());
    }
}
