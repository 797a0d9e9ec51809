package dev.neuroforge.model.bench;

import dev.neuroforge.model.Event;
import dev.neuroforge.model.EventModel;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.FullProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Single-thread throughput of the event model on a fully connected layer of the SHD shape
 * (700 inputs, 256 LIF neurons, 8-bit weights), with one delay for the projection or one per
 * synapse (0..25, as in workload (c)): one benchmark op is one timestep; the auxiliary
 * counter {@code synops} turns that into synaptic operations per second. Input events are drawn
 * in advance so only the model is timed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventModelBench {
    @Param({"0.05", "0.2"})
    public double inputRate;

    @Param({"projection", "synapse"})
    public String delays;

    private EventModel model;
    private List<List<Event>> inputs;
    private int t;

    /** Synaptic operations per second, reported beside the steps per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long synops;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(42);
        int n0 = 700;
        int n1 = 256;
        int[][] w = new int[n0][n1];
        for (int[] row : w) {
            for (int j = 0; j < n1; j++) {
                row[j] = r.nextInt(256) - 128;
            }
        }
        Network net = new Network("shd-fc", List.of(Population.input("in", n0),
                new Population("h", n1, NeuronParams.leaky(2000, 4, NeuronParams.Reset.ZERO, 16))),
                List.of(delays.equals("synapse") ? new FullProjection("in", "h", 8, 0, w, null, randomDelays(r, n0, n1))
                        : new FullProjection("in", "h", 8, 0, w)));
        model = new EventModel(net);
        inputs = new ArrayList<>();
        for (int s = 0; s < 1000; s++) {
            List<Event> in = new ArrayList<>();
            for (int i = 0; i < n0; i++) {
                if (r.nextDouble() < inputRate) {
                    in.add(new Event(0, i, 1));
                }
            }
            inputs.add(in);
        }
    }

    private static int[][] randomDelays(Random r, int n0, int n1) {
        int[][] d = new int[n0][n1];
        for (int[] row : d) {
            for (int j = 0; j < n1; j++) {
                row[j] = r.nextInt(26);
            }
        }
        return d;
    }

    @Benchmark
    public List<Event> step(Counters c) {
        long before = model.synapticOps();
        List<Event> out = model.step(inputs.get(t++ % inputs.size()));
        c.synops += model.synapticOps() - before;
        return out;
    }
}
