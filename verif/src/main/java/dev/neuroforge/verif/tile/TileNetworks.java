package dev.neuroforge.verif.tile;

import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.FullProjection;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.Projection;
import dev.neuroforge.model.Sat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random single-tile networks with their input events, for the tile model test and the
 * RTL tile test: one or two input populations (binary or graded), one to three populations on the
 * tile (IF, LIF, sigma-delta with a power-of-two step where its changes fit V and 16 bits, both resets, the tile's state width),
 * feed-forward and recurrent projections declared in random order, weights within the tile's W
 * (sometimes all at the extremes, to saturate), delays per projection, per axon or per synapse up
 * to the tile's D, 10 to 20 steps. Every case fits the tile (SCDQ capacity, routing entries,
 * rows); same random state, same case.
 */
public final class TileNetworks {
    /** A network and the input events of each step. */
    public record Case(Network network, List<List<Event>> inputs) {
    }

    private TileNetworks() {
    }

    /** One random case for a tile of {@code shape}. */
    public static Case random(SplittableRandom r, TileParams shape) {
        while (true) {
            Case c = attempt(r, shape);
            if (c != null) {
                return c;
            }
        }
    }

    private static Case attempt(SplittableRandom r, TileParams shape) {
        int s = shape.npe().stateBits();
        List<Population> pops = new ArrayList<>();
        int nIn = 1 + r.nextInt(2);
        boolean[] graded = new boolean[nIn];
        for (int i = 0; i < nIn; i++) {
            pops.add(Population.input("in" + i, 1 + r.nextInt(12)));
            graded[i] = r.nextInt(3) == 0;
        }
        int nTile = 1 + r.nextInt(3);
        int rows = 0;
        for (int k = 0; k < nTile; k++) {
            int size = 1 + r.nextInt(nTile == 1 ? 40 : 16);
            rows += (size + shape.npe().lanes() - 1) / shape.npe().lanes();
            pops.add(new Population("p" + k, size, neuron(r, s, sigmaDeltaFits(shape))));
        }
        if (rows > shape.npe().rfDepth()) {
            return null;
        }
        List<Projection> projs = new ArrayList<>();
        int wb = Math.min(shape.npe().weightBits(), r.nextBoolean() ? 4 : 8);
        for (int k = 0; k < nTile; k++) {
            int to = nIn + k;
            int from = r.nextInt(nIn + k); // an input or an earlier tile population
            projs.add(projection(r, pops, from, to, wb, shape.scdq().maxDelay()));
            if (r.nextInt(3) == 0) {
                projs.add(projection(r, pops, nIn + r.nextInt(nTile), to, wb, shape.scdq().maxDelay())); // recurrent or back
            }
            if (r.nextInt(4) == 0) {
                projs.add(projection(r, pops, r.nextInt(nIn), to, wb, shape.scdq().maxDelay()));
            }
        }
        Collections.shuffle(projs, new java.util.Random(r.nextLong()));
        Network net = new Network("tile" + r.nextInt(1_000_000), pops, projs);
        if (!fits(net, shape)) {
            return null;
        }
        int steps = 10 + r.nextInt(11);
        double rate = 0.05 + r.nextDouble() * 0.5;
        List<List<Event>> inputs = inputs(r, pops, graded, steps, rate, shape);
        return new Case(net, inputs);
    }

    /**
     * Input events of {@code steps} steps for the first {@code graded.length} (input) populations:
     * each neuron fires with probability {@code rate}; a graded population's values are random
     * within min(V, 16) bits, sometimes at either extreme, never 0.
     */
    public static List<List<Event>> inputs(SplittableRandom r, List<Population> pops, boolean[] graded, int steps,
            double rate, TileParams shape) {
        int nIn = graded.length;
        int vmax = (int) Sat.max(Math.min(16, shape.npe().valueBits()));
        List<List<Event>> inputs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            List<Event> ev = new ArrayList<>();
            for (int p = 0; p < nIn; p++) {
                for (int i = 0; i < pops.get(p).size(); i++) {
                    if (r.nextDouble() >= rate) {
                        continue;
                    }
                    long v = 1;
                    if (graded[p]) {
                        v = r.nextInt(10) == 0 ? (r.nextBoolean() ? vmax : -vmax)
                                : Math.max(-vmax, Math.min(vmax, r.nextInt(-300, 301)));
                        if (v == 0) {
                            v = -1;
                        }
                    }
                    ev.add(new Event(p, i, v));
                }
            }
            inputs.add(ev);
        }
        return inputs;
    }

    /** Whether a sigma-delta population's changes fit the packet's 16 bits and the NPE's V (TileImage's rule). */
    public static boolean sigmaDeltaFits(TileParams shape) {
        return Sat.max(shape.npe().stateBits()) <= Sat.max(Math.min(16, shape.npe().valueBits()));
    }

    /** A random IF, LIF or (when allowed) sigma-delta neuron of state width {@code s}. */
    public static NeuronParams neuron(SplittableRandom r, int s, boolean sigmaDelta) {
        NeuronParams.Reset reset = r.nextBoolean() ? NeuronParams.Reset.ZERO : NeuronParams.Reset.SUBTRACT;
        int theta = r.nextInt(8) == 0 ? 1 + r.nextInt((int) Sat.max(s)) : 1 + r.nextInt(200);
        return switch (r.nextInt(sigmaDelta ? 3 : 2)) {
            case 0 -> NeuronParams.integrateAndFire(theta, reset, s);
            case 1 -> NeuronParams.leaky(theta, r.nextInt(8), reset, s);
            default -> NeuronParams.sigmaDelta(1 << r.nextInt(7), s);
        };
    }

    /** A random fully connected projection with a per-projection, per-axon or per-synapse delay up to {@code dmax}. */
    public static Projection projection(SplittableRandom r, List<Population> pops, int from, int to, int wb, int dmax) {
        int n = pops.get(from).size();
        int m = pops.get(to).size();
        int lo = (int) Sat.min(wb);
        int hi = (int) Sat.max(wb);
        boolean extreme = r.nextInt(6) == 0;
        int[][] w = new int[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                w[i][j] = extreme ? (r.nextBoolean() ? lo : hi) : r.nextInt(lo, hi + 1);
                if (!extreme && r.nextInt(5) == 0) {
                    w[i][j] = 0;
                }
            }
        }
        int dlim = r.nextInt(3) == 0 ? dmax : Math.min(dmax, 4);
        switch (r.nextInt(3)) {
            case 0:
                return new FullProjection(pops.get(from).name(), pops.get(to).name(), wb, r.nextInt(dlim + 1), w);
            case 1: {
                int[] ad = new int[n];
                for (int i = 0; i < n; i++) {
                    ad[i] = r.nextInt(dlim + 1);
                }
                return new FullProjection(pops.get(from).name(), pops.get(to).name(), wb, 0, w, ad, null);
            }
            default: {
                int[][] sd = new int[n][m];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        sd[i][j] = r.nextInt(dlim + 1);
                    }
                }
                return new FullProjection(pops.get(from).name(), pops.get(to).name(), wb, 0, w, null, sd);
            }
        }
    }

    /**
     * The SCDQ worst case, the routing entries, the weight words and the DMEM tables as TileImage
     * counts them (DMEM with 256 words to spare for the firmware's data), so that a case fits
     * smaller tiles too.
     */
    private static boolean fits(Network net, TileParams shape) {
        long inFlight = 0;
        long entries = 0;
        long axons = 0;
        long segments = 0;
        long words = 0;
        int lanes = shape.npe().lanes();
        int updates = 0;
        for (Population p : net.populations()) {
            entries += p.isInput() ? 0 : p.size();
            updates += p.isInput() ? 0 : 1;
        }
        for (Projection q : net.projections()) {
            Population src = net.populations().get(net.indexOf(q.from()));
            for (int i = 0; i < src.size(); i++) {
                java.util.TreeMap<Integer, java.util.TreeSet<Integer>> rows = new java.util.TreeMap<>();
                final int fi = i;
                q.forEachTarget(i, (j, w) -> rows.computeIfAbsent(q.delay(fi, j), d -> new java.util.TreeSet<>())
                        .add(j / lanes));
                for (var e : rows.entrySet()) {
                    inFlight += e.getKey() + 1;
                    entries += src.isInput() ? 0 : 1;
                    axons++;
                    words += e.getValue().size();
                    int prev = -2;
                    for (int r : e.getValue()) {
                        segments += r == prev + 1 ? 0 : 1;
                        prev = r;
                    }
                }
            }
        }
        long dmemNeeded = TileImage.HEADER_BYTES / 4 + 256 + TileImage.STACK_BYTES / 4 + 2 * axons + 2 * segments
                + 5L * updates;
        return inFlight <= shape.scdq().capacity() && entries <= shape.routeEntries() && words <= shape.npe().memDepth()
                && dmemNeeded <= shape.dmemWords();
    }
}
