package dev.neuroforge.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkJsonTest {
    private static final String NET = """
            {"name": "tiny",
             "populations": [
               {"name": "in", "size": 2, "input": true},
               {"name": "h", "size": 3, "neuron": {"model": "lif", "threshold": 10, "leakShift": 2,
                                                   "reset": "subtract", "stateBits": 20}}],
             "projections": [
               {"from": "in", "to": "h", "weightBits": 4, "delay": 2, "weights": [[1, -2, 7], [-8, 0, 3]]}]}
            """;

    private static String error(String json) {
        return assertThrows(Check.NetworkException.class, () -> NetworkJson.parse("net.json", json, Path.of("."))).getMessage();
    }

    @Test
    void readsTheSameRecordsTestsBuildInCode() {
        Network n = NetworkJson.parse("net.json", NET, Path.of("."));
        assertEquals("tiny", n.name());
        assertNull(n.populations().get(0).neuron());
        assertEquals(NeuronParams.leaky(10, 2, NeuronParams.Reset.SUBTRACT, 20), n.populations().get(1).neuron());
        FullProjection q = (FullProjection) n.projections().get(0);
        assertEquals(2, q.delay());
        assertArrayEquals(new int[] {-8, 0, 3}, q.weights()[1]);
    }

    @Test
    void errorsNameThePathInTheFile() {
        assertEquals("net.json: projections[0]: weights[1][0] = -9 is not allowed: must be in -8..7 for weightBits = 4",
                error(NET.replace("-8, 0", "-9, 0")));
        assertEquals("net.json: populations[1].neuron.leak: unknown field; allowed here: "
                + "[leakShift, model, quantStep, reset, stateBits, threshold]", error(NET.replace("leakShift", "leak")));
        assertEquals("net.json: projections[0]: delay = 300 is not allowed: must be an integer in 0..255",
                error(NET.replace("\"delay\": 2", "\"delay\": 300")));
        assertEquals("net.json: (top): projections[0].weights[1] has 2 columns; must be 3 (the size of h)",
                error(NET.replace("[-8, 0, 3]", "[-8, 0]")));
        assertTrue(error(NET.replace("\"lif\"", "\"hh\"")).startsWith("net.json: populations[1].neuron.model: \"hh\" is not a neuron model"));
        assertTrue(error("{\"name\": ").startsWith("net.json: not valid JSON at line 1"));
        assertEquals("net.json: populations[0]: give either \"input\": true or a \"neuron\", not neither",
                error(NET.replace(", \"input\": true", "")));
    }

    @Test
    void readsWeightsFromARawLittleEndianSideFile(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("w.bin"), new byte[] {1, (byte) 0xFE, 7, (byte) 0xF8, 0, 3});
        Path f = dir.resolve("net.json");
        Files.writeString(f, NET.replace("\"weights\": [[1, -2, 7], [-8, 0, 3]]", "\"weightsFile\": \"w.bin\""));
        Network n = NetworkJson.read(f);
        assertArrayEquals(new int[] {1, -2, 7}, ((FullProjection) n.projections().get(0)).weights()[0]);
        assertArrayEquals(new int[] {-8, 0, 3}, ((FullProjection) n.projections().get(0)).weights()[1]);
        Files.write(dir.resolve("w.bin"), new byte[] {1, 2, 3});
        String e = assertThrows(Check.NetworkException.class, () -> NetworkJson.read(f)).getMessage();
        assertTrue(e.contains("projections[0].weightsFile: ") && e.contains("has 3 bytes; a 2 x 3 matrix of 4-bit weights needs 6"), e);
    }

    @Test
    void readsConvolutionProjections() {
        String json = """
                {"name": "c", "populations": [
                   {"name": "img", "size": 9, "input": true},
                   {"name": "fm", "size": 8, "neuron": {"model": "sigma_delta", "quantStep": 2}}],
                 "projections": [{"type": "conv", "from": "img", "to": "fm", "inChannels": 1, "inHeight": 3,
                   "inWidth": 3, "outChannels": 2, "kernel": 2, "kernels": [[[[1, 2], [3, 4]]], [[[-1, 0], [0, -1]]]]}]}
                """;
        Network n = NetworkJson.parse("c.json", json, Path.of("."));
        ConvProjection q = (ConvProjection) n.projections().get(0);
        assertEquals(2, q.outHeight());
        assertEquals(-1, q.kernels()[1][0][1][1]);
        assertEquals("net.json: projections[0].kernel: \"2\" must be an integer (a JSON number, without quotes)",
                error(json.replace("\"kernel\": 2", "\"kernel\": \"2\"")));
    }
}
