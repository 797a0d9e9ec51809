package dev.neuroforge.generator.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neuroforge.config.ConfigException;
import dev.neuroforge.config.ConfigLoader;
import dev.neuroforge.generator.ParameterException;
import org.junit.jupiter.api.Test;

class ParamsTest {
    @Test
    void errorsNameTheFieldTheValueAndTheRange() {
        ParameterException e = assertThrows(ParameterException.class, () -> new RouterParams(8, 4));
        assertEquals("flitWidth = 8 is not allowed: must be an integer in 16..256", e.getMessage());
        e = assertThrows(ParameterException.class, () -> new RouterParams(32, 1));
        assertEquals("bufferDepth = 1 is not allowed: must be an integer in 2..64", e.getMessage());
        e = assertThrows(ParameterException.class, () -> new MeshParams(0, 4));
        assertEquals("cols = 0 is not allowed: must be an integer in 1..16", e.getMessage());
        e = assertThrows(ParameterException.class, () -> new MeshParams(4, 17));
        assertEquals("rows = 17 is not allowed: must be an integer in 1..16", e.getMessage());
    }

    @Test
    void moduleNamesCarryEveryParameter() {
        assertEquals("nf_router_w32_d4", RouterParams.defaults().moduleName());
        assertEquals("nf_mesh_c3_r5_w64_d2", new MeshParams(3, 5, new RouterParams(64, 2)).moduleName());
        assertEquals("nf_router_w32_d4_mc", RouterParams.defaults().withMulticast(true).moduleName());
        assertEquals("nf_router_w32_d4_voq", RouterParams.defaults().withVoq(true).moduleName());
        assertEquals("nf_mesh_c4_r2_w48_d2_mc_voq", new MeshParams(4, 2, new RouterParams(48, 2, true, true)).moduleName());
        // The options default off, and off they leave the parameter map (and so the header) as it was.
        assertEquals(new RouterParams(32, 4, false, false), RouterParams.defaults());
        assertEquals(java.util.List.of("flitWidth", "bufferDepth"), java.util.List.copyOf(RouterParams.defaults().asMap().keySet()));
    }

    @Test
    void multicastNeedsRoomForTheRectangle() {
        ParameterException e = assertThrows(ParameterException.class, () -> new RouterParams(16, 4, true));
        assertEquals("flitWidth (with multicast) = 16 is not allowed: must be an integer in 24..256", e.getMessage());
        assertEquals(24, new RouterParams(24, 2, true).flitWidth());
    }

    @Test
    void weightedRoundRobinNeedsVirtualOutputQueues() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> new RouterParams(32, 4, false, false, true));
        assertEquals("wrr = true is not allowed: needs voq = true (weighted arbitration is built into the "
                + "virtual-output-queue router only)", e.getMessage());
        assertEquals("wrr", e.field());
        // withWrr turns voq on with it; withVoq(false) takes wrr away with the queues.
        assertEquals(new RouterParams(32, 4, false, true, true), RouterParams.defaults().withWrr(true));
        assertEquals(RouterParams.defaults(), RouterParams.defaults().withWrr(true).withVoq(false));
        assertEquals(RouterParams.defaults().withVoq(true), RouterParams.defaults().withWrr(true).withWrr(false));
    }

    @Test
    void aConfigTakesWrrWithVoqAndRefusesItAlone() throws ConfigException {
        String mesh = "{\"name\": \"m\", \"mesh\": {\"cols\": 2, \"rows\": 2, \"router\": {";
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("my.json", mesh + "\"wrr\": true}}}"));
        assertEquals("my.json: mesh.router.wrr = true is not allowed: needs voq = true (weighted arbitration is "
                + "built into the virtual-output-queue router only)", e.getMessage());
        MeshParams p = (MeshParams) ConfigLoader.parse("my.json", mesh + "\"voq\": true, \"wrr\": true}}}").params();
        assertEquals(RouterParams.defaults().withWrr(true), p.router());
    }

    @Test
    void weightedRoundRobinAddsItsSuffixAndParameter() {
        assertEquals("nf_router_w32_d4_voq_wrr", RouterParams.defaults().withWrr(true).moduleName());
        assertEquals("nf_mesh_c6_r1_w40_d2_mc_voq_wrr",
                new MeshParams(6, 1, new RouterParams(40, 2, true, true, true)).moduleName());
        assertEquals(java.util.List.of("flitWidth", "bufferDepth", "voq", "wrr"),
                java.util.List.copyOf(RouterParams.defaults().withWrr(true).asMap().keySet()));
        assertEquals(new RouterParams(32, 4, false, true), new RouterParams(32, 4, false, true, false));
    }

    @Test
    void xyRoutingResolvesXFirst() {
        assertEquals(Port.EAST, Port.routeXY(1, 1, 3, 0));
        assertEquals(Port.WEST, Port.routeXY(1, 1, 0, 3));
        assertEquals(Port.NORTH, Port.routeXY(1, 1, 1, 3));
        assertEquals(Port.SOUTH, Port.routeXY(1, 1, 1, 0));
        assertEquals(Port.LOCAL, Port.routeXY(1, 1, 1, 1));
        // A flit that arrived moving north (on the south input) never turns east or west again.
        assertEquals(false, Port.xyAllows(Port.SOUTH, Port.EAST));
        assertEquals(true, Port.xyAllows(Port.WEST, Port.NORTH));
        assertEquals(false, Port.xyAllows(Port.EAST, Port.EAST), "no U-turns");
    }
}
