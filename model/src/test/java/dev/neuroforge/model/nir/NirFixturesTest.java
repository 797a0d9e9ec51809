package dev.neuroforge.model.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NetworkJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NIR files in {@code <repo>/../shared/nir} (written by the official nir library, with inputs and
 * reference outputs computed by its own discrete-time reference; NIR-FORMAT.md there): imported with
 * the default options they reproduce the reference spikes exactly, step for step, shifted by the
 * output's latency; the unsupported ones are refused with the node's name, type and reason.
 */
class NirFixturesTest {
    static Path shared() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("model")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("cli"))) {
                return p.resolve("../shared/nir").normalize();
            }
        }
        return here.resolve("../../shared/nir").normalize();
    }

    static Path fixture(String name) {
        Path dir = shared();
        assumeTrue(Files.isDirectory(dir), "skipped: the NIR fixtures are not at " + dir
                + " (the CI clones the repo with shared/ beside it)");
        return dir.resolve(name);
    }

    /** Runs a NIR fixture on the imported network; returns the output spikes per reference step. */
    static List<List<Integer>> run(NirImporter.Result r, List<List<Integer>> inputSpikes, String inputPop, String outputNode) {
        Network net = r.network();
        int in = net.indexOf(inputPop);
        NirImporter.OutputInfo o = r.outputs().get(outputNode);
        int out = net.indexOf(o.population());
        int steps = inputSpikes.size();
        EventModel m = new EventModel(net);
        List<List<Integer>> got = new ArrayList<>();
        for (int t = 0; t < steps + o.latency(); t++) {
            List<Event> ev = new ArrayList<>();
            if (t < steps) {
                for (int i : inputSpikes.get(t)) {
                    ev.add(new Event(in, i, 1));
                }
            }
            if (r.biasUsed()) {
                ev.add(new Event(net.indexOf(NirImporter.BIAS), 0, 1));
            }
            ev.sort(null);
            List<Event> res = m.step(ev);
            if (t >= o.latency()) {
                TreeSet<Integer> s = new TreeSet<>();
                for (Event e : res) {
                    if (e.population() == out) {
                        s.add(e.neuron());
                    }
                }
                got.add(new ArrayList<>(s));
            }
        }
        return got;
    }

    static List<List<Integer>> lists(JsonNode a) {
        List<List<Integer>> l = new ArrayList<>();
        for (JsonNode step : a) {
            List<Integer> s = new ArrayList<>();
            step.forEach(x -> s.add(x.asInt()));
            l.add(s);
        }
        return l;
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_affine_if", "b_lif_2layer", "c_conv_pool_flatten", "d_delay", "e_recurrent_if"})
    void fixtureMatchesTheReference(String name) throws IOException {
        Path nir = fixture(name + ".nir");
        ObjectMapper om = new ObjectMapper();
        JsonNode input = om.readTree(Files.readString(fixture(name + ".input.json")));
        JsonNode expected = om.readTree(Files.readString(fixture(name + ".expected.json")));
        List<List<Integer>> spikes = lists(input.get("spikes"));
        for (boolean gt : new boolean[] {false, true}) {
            NirImporter.Result r = NirImporter.importFile(nir,
                    new NirImporter.Options(1.0, 0, 32, gt, 0));
            String inPop = r.inputs().get(input.get("input_node").asText());
            List<List<Integer>> want = lists(expected.get(gt ? "output_spikes_strict_gt" : "output_spikes"));
            List<List<Integer>> got = run(r, spikes, inPop, expected.get("output_node").asText());
            assertEquals(want, got, name + (gt ? " (v > threshold)" : " (v >= threshold)") + "\n" + r.summary());
            // the network written as JSON (what import-nir writes) reads back to the same behaviour
            Network back = NetworkJson.parse("import of " + name, NetworkJson.toJson(r.network()), Path.of("."));
            NirImporter.Result again = new NirImporter.Result(back, r.inputs(), r.biasUsed(), r.outputs(), r.populations(),
                    r.notes(), r.exact());
            assertEquals(want, run(again, spikes, inPop, expected.get("output_node").asText()), name + " via JSON");
        }
    }

    /**
     * The gzip variant (model/src/test/resources/nir/b_lif_2layer.gzip.nir, made by make-gzip-variant.py
     * there: every numeric array one DEFLATE-4 chunk, as nir's main branch writes) gives the same spikes.
     */
    @org.junit.jupiter.api.Test
    void gzipCompressedFileMatchesTheReference() throws Exception {
        Path gz = Path.of("src/test/resources/nir/b_lif_2layer.gzip.nir");
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(gz)) {
            io.jhdf.api.Dataset w = h.getDatasetByPath("/node/nodes/fc1/weight");
            assertEquals("deflate", w.getFilters().get(0).getName(), "the weights are gzip-compressed");
        }
        ObjectMapper om = new ObjectMapper();
        JsonNode input = om.readTree(Files.readString(fixture("b_lif_2layer.input.json")));
        JsonNode expected = om.readTree(Files.readString(fixture("b_lif_2layer.expected.json")));
        NirImporter.Result r = NirImporter.importFile(gz, NirImporter.Options.defaults());
        assertEquals(lists(expected.get("output_spikes")), run(r, lists(input.get("spikes")), r.inputs().get("input"), "output"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"f1_unsupported_cubalif:cuba:CubaLIF", "f2_unsupported_threshold:thr:Threshold"})
    void unsupportedNodesAreRefusedByNameTypeAndReason(String spec) {
        String[] p = spec.split(":");
        Path nir = fixture(p[0] + ".nir");
        NirException e = assertThrows(NirException.class, () -> NirImporter.importFile(nir, NirImporter.Options.defaults()));
        assertTrue(e.getMessage().contains(nir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("node \"" + p[1] + "\" (" + p[2] + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot map"), e.getMessage());
    }
}
