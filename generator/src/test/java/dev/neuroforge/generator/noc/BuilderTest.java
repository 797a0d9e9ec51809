package dev.neuroforge.generator.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.GeneratedModule;
import dev.neuroforge.generator.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuilderTest {
    @Test
    void meshDesignListsLeavesFirstAndTopLast() {
        Design d = MeshBuilder.build(new MeshParams(3, 2, new RouterParams(64, 3)));
        List<String> names = d.modules().stream().map(GeneratedModule::name).toList();
        assertEquals(List.of("nf_fifo_w65_d3", "nf_router_w64_d3", "nf_mesh_c3_r2_w64_d3"), names);
        assertEquals("nf_mesh_c3_r2_w64_d3", d.top());
    }

    @Test
    void everyFileStartsWithAHeaderNamingVersionAndParameters() {
        Design d = MeshBuilder.build(new MeshParams(2, 2));
        for (GeneratedModule m : d.modules()) {
            String[] lines = m.source().split("\n", 4);
            assertTrue(lines[0].startsWith("// " + m.name() + ": "), lines[0]);
            assertTrue(lines[1].contains("NeuroForge " + Version.get()), lines[1]);
            assertTrue(lines[2].startsWith("// Parameters:"), lines[2]);
            m.parameters().forEach((k, v) -> assertTrue(lines[2].contains(k + "=" + v), lines[2]));
            assertTrue(m.source().contains("module " + m.name() + " ("), "one module named after its parameters");
        }
    }

    @Test
    void meshInstantiatesOneRouterPerNodeWithItsCoordinates() {
        MeshParams p = new MeshParams(5, 3);
        String v = MeshBuilder.build(p).topModule().source();
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                assertTrue(v.contains("u_router_x" + x + "_y" + y + " ("), "router " + x + "," + y);
                assertTrue(v.contains(".x_i   (4'd" + x + ")"));
            }
        }
        // 2 * (cols + rows) edge ports feed the misroute flag.
        assertTrue(v.contains("wire [15:0]  edge_valid;"), "16 edge ports on a 5x3 mesh");
    }

    @Test
    void theLargestMeshBuilds() {
        Design d = MeshBuilder.build(new MeshParams(16, 16));
        assertTrue(d.topModule().source().contains("u_router_x15_y15"));
    }
}
