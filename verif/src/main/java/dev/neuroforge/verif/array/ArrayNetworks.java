package dev.neuroforge.verif.array;

import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.model.ConvProjection;
import dev.neuroforge.model.Event;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.Projection;
import dev.neuroforge.model.Sat;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.tile.TileImage;
import dev.neuroforge.verif.tile.TileNetworks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random multi-population networks for an array, with their input events: one or two input
 * populations (binary or graded; one of them sometimes an image of 1..2 channels for a
 * convolution), two to five populations spread over the tiles (IF, LIF, sigma-delta, both resets),
 * fully connected projections with delays per projection, axon or synapse, 2-D convolutions with
 * random kernel, stride, padding, sum pooling and per-projection or per-axon delays, recurrent and
 * backward projections, 10 to 16 steps. A candidate the mapper refuses is drawn again, so every
 * case maps; same random state, same case.
 */
public final class ArrayNetworks {
    private ArrayNetworks() {
    }

    /** One random case that maps onto {@code array}. */
    public static TileNetworks.Case random(SplittableRandom r, ArrayParams array, Elf firmware) {
        double scale = 1;
        for (int tries = 1; ; tries++) {
            TileNetworks.Case c = attempt(r, array, scale);
            if (c == null) {
                continue;
            }
            try {
                ArrayMapping.map(array, c.network(), firmware);
                return c;
            } catch (TileImage.DoesNotFit e) {
                // too big for some tile: draw again, smaller after every 8 refusals
                if (tries % 8 == 0) {
                    scale *= 0.7;
                }
                if (tries >= 400) {
                    throw new IllegalArgumentException("no random network maps onto " + array.moduleName()
                            + " after 400 tries; the last refusal: " + e.getMessage(), e);
                }
            }
        }
    }

    private static int size(SplittableRandom r, int max, double scale) {
        return 1 + r.nextInt(Math.max(1, (int) Math.round(max * scale)));
    }

    private static TileNetworks.Case attempt(SplittableRandom r, ArrayParams array, double scale) {
        var shape = array.tile();
        int s = shape.npe().stateBits();
        int dmax = shape.scdq().maxDelay();
        int wb = Math.min(shape.npe().weightBits(), r.nextBoolean() ? 4 : 8);
        boolean sd = TileNetworks.sigmaDeltaFits(shape);
        List<Population> pops = new ArrayList<>();
        List<Projection> projs = new ArrayList<>();
        int nIn = 1 + r.nextInt(2);
        boolean[] graded = new boolean[nIn];
        boolean image = r.nextInt(2) == 0 && scale > 0.3;
        int ch = 1 + r.nextInt(2);
        int side = Math.max(3, (int) Math.round((5 + r.nextInt(4)) * Math.sqrt(scale)));
        for (int i = 0; i < nIn; i++) {
            int size = i == 0 && image ? ch * side * side : size(r, 24, scale);
            pops.add(Population.input("in" + i, size));
            graded[i] = r.nextInt(3) == 0;
        }
        int nHid = 2 + r.nextInt(scale > 0.5 ? 4 : 2);
        int first = pops.size();
        if (image) {
            int oc = 1 + r.nextInt(3);
            int k = 1 + r.nextInt(3);
            int pad = r.nextInt(k);
            int stride = 1 + r.nextInt(2);
            int conv = (side + 2 * pad - k) / stride + 1;
            int pool = conv >= 2 && r.nextBoolean() ? 1 + r.nextInt(Math.min(3, conv)) : 1;
            int lim = Math.max(1, (int) Sat.max(wb) / (pool * pool));
            int[][][][] kern = new int[oc][ch][k][k];
            for (int[][][] a : kern) {
                for (int[][] b : a) {
                    for (int[] c : b) {
                        for (int x = 0; x < k; x++) {
                            c[x] = r.nextInt(-lim, lim + 1);
                        }
                    }
                }
            }
            int[] axon = null;
            int delay = r.nextInt(Math.min(dmax, 4) + 1);
            if (r.nextBoolean()) {
                axon = new int[ch * side * side];
                for (int i = 0; i < axon.length; i++) {
                    axon[i] = r.nextInt(Math.min(dmax, 6) + 1);
                }
                delay = 0;
            }
            ConvProjection cp = new ConvProjection("in0", "h0", wb, delay, ch, side, side, oc, k, stride, pad, pool, kern,
                    axon);
            pops.add(new Population("h0", oc * cp.outHeight() * cp.outWidth(), TileNetworks.neuron(r, s, sd)));
            projs.add(cp);
        } else {
            pops.add(new Population("h0", size(r, 48, scale), TileNetworks.neuron(r, s, sd)));
            projs.add(TileNetworks.projection(r, pops, r.nextInt(nIn), first, wb, dmax));
        }
        for (int k = 1; k < nHid; k++) {
            pops.add(new Population("h" + k, size(r, 48, scale), TileNetworks.neuron(r, s, sd)));
            int to = first + k;
            projs.add(TileNetworks.projection(r, pops, first + r.nextInt(k), to, wb, dmax));
            if (r.nextInt(3) == 0) {
                projs.add(TileNetworks.projection(r, pops, first + r.nextInt(k + 1), to, wb, dmax)); // recurrent or back
            }
            if (r.nextInt(4) == 0) {
                projs.add(TileNetworks.projection(r, pops, r.nextInt(nIn), to, wb, dmax));
            }
        }
        if (r.nextInt(3) == 0) {
            int to = first + r.nextInt(nHid);
            projs.add(TileNetworks.projection(r, pops, first + r.nextInt(nHid), to, wb, dmax));
        }
        Collections.shuffle(projs, new java.util.Random(r.nextLong()));
        Network net;
        try {
            net = new Network("array" + r.nextInt(1_000_000), pops, projs);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int steps = 10 + r.nextInt(7);
        double rate = 0.05 + r.nextDouble() * 0.4;
        List<List<Event>> inputs = TileNetworks.inputs(r, pops, graded, steps, rate, shape);
        return new TileNetworks.Case(net, inputs);
    }
}
