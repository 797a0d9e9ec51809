package dev.neuroforge.verif.array;

import dev.neuroforge.generator.array.ArrayParams;
import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.Population;
import dev.neuroforge.verif.core.Elf;
import dev.neuroforge.verif.tile.TileImage;
import dev.neuroforge.verif.tile.TileImage.AxonSource;
import dev.neuroforge.verif.tile.TileImage.DoesNotFit;
import dev.neuroforge.verif.tile.TileImage.ScdqBound;
import dev.neuroforge.verif.tile.TileImage.RouteEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A network mapped onto an array (docs/array.md, "Mapper"): where every neuron lives, one
 * {@link TileImage} per tile, and the packets the host sends for each input event.
 *
 * <p>Placement: each non-input population, in network order, is cut into NPE rows
 * ({@code ceil(N / L)}) and the rows are dealt out in equal contiguous slices to as many tiles as
 * it has rows, at most every tile; the first slice goes to the tile after the one the previous
 * population ended on, so small populations spread over the array too. Each tile then numbers the
 * axons of its slices in the golden model's integration order (projection, source neuron, delay,
 * restricted to the targets it holds), which its firmware's sort by axon keeps. Routing: every
 * neuron gets one entry to the host (when its population is reported) and one per
 * (projection, delay, destination tile) group it feeds; an input neuron's event becomes one
 * packet per such group, sent by the host. The router is unicast, so a neuron with targets on k
 * tiles sends k packets. Deterministic: the same network and array give the same images.
 */
public final class ArrayMapping {
    /** The host sits at mesh (0, 0): packets for it leave through the first column's west ports. */
    public static final int HOST_X = 0;
    public static final int HOST_Y = 0;

    /** A packet the host sends: to the tile at mesh (x, y). */
    public record HostPacket(int x, int y, PacketFormat.Event event) {
    }

    private final ArrayParams array;
    private final Network net;
    private final TileImage[] images;
    /** [tile][population] first neuron and size of the slice. */
    private final int[][] lo;
    private final int[][] size;
    /** [population][neuron] tile index, -1 for inputs. */
    private final int[][] home;
    /** [input population][neuron] the packets its events become. */
    private final List<List<List<HostPacket>>> hostRoutes;
    private final int[] hostAxonBase;
    private final boolean[] reported;
    private final ScdqBound bound;

    private ArrayMapping(ArrayParams array, Network net, TileImage[] images, int[][] lo, int[][] size, int[][] home,
            List<List<List<HostPacket>>> hostRoutes, boolean[] reported, ScdqBound bound) {
        this.array = array;
        this.net = net;
        this.images = images;
        this.lo = lo;
        this.size = size;
        this.home = home;
        this.hostRoutes = hostRoutes;
        this.reported = reported;
        this.bound = bound;
        hostAxonBase = new int[net.populations().size()];
        int g = 0;
        for (int p = 0; p < hostAxonBase.length; p++) {
            hostAxonBase[p] = g;
            g += net.populations().get(p).size();
        }
    }

    /** Maps {@code net} with every non-input population's events reported to the host, SCDQs sized for the worst case. */
    public static ArrayMapping map(ArrayParams array, Network net, Elf firmware) {
        return map(array, net, firmware, ScdqBound.WORST_CASE);
    }

    /** Maps {@code net} with every non-input population's events reported to the host. */
    public static ArrayMapping map(ArrayParams array, Network net, Elf firmware, ScdqBound bound) {
        boolean[] all = new boolean[net.populations().size()];
        java.util.Arrays.fill(all, true);
        return map(array, net, firmware, all, bound);
    }

    /**
     * Maps {@code net}; {@code report[p]}: population {@code p}'s events go to the host; {@code bound}:
     * how each tile's SCDQ is sized against the events in flight ({@link ScdqBound}).
     *
     * @throws DoesNotFit naming the tile, the populations on it and the resource that is short
     */
    public static ArrayMapping map(ArrayParams array, Network net, Elf firmware, boolean[] report, ScdqBound bound) {
        TileParams shape = array.tile();
        int tiles = array.tiles();
        int pops = net.populations().size();
        int lanes = shape.npe().lanes();
        int[][] lo = new int[tiles][pops];
        int[][] size = new int[tiles][pops];
        int[][] home = new int[pops][];
        int[] rowsOn = new int[tiles];
        int cursor = 0;
        for (int p = 0; p < pops; p++) {
            Population pop = net.populations().get(p);
            home[p] = new int[pop.size()];
            if (pop.isInput()) {
                java.util.Arrays.fill(home[p], -1);
                continue;
            }
            int rows = (pop.size() + lanes - 1) / lanes;
            int chunk = (rows + tiles - 1) / tiles;
            int slices = (rows + chunk - 1) / chunk;
            for (int s = 0; s < slices; s++) {
                int t = (cursor + s) % tiles;
                int first = s * chunk * lanes;
                int n = Math.min(pop.size(), (s + 1) * chunk * lanes) - first;
                lo[t][p] = first;
                size[t][p] = n;
                rowsOn[t] += (n + lanes - 1) / lanes;
                for (int j = first; j < first + n; j++) {
                    home[p][j] = t;
                }
            }
            cursor = (cursor + slices) % tiles;
        }
        for (int t = 0; t < tiles; t++) {
            if (rowsOn[t] > shape.npe().rfDepth()) {
                throw new DoesNotFit("neurons (NPE rows of " + lanes + " lanes)", rowsOn[t], shape.npe().rfDepth(),
                        "the populations are spread evenly; use a larger array or more rows per tile (npe.rfDepth)")
                        .at(where(array, net, t, lo, size));
            }
        }

        TileImage.Layout[] layouts = new TileImage.Layout[tiles];
        for (int t = 0; t < tiles; t++) {
            int[] hi = new int[pops];
            for (int p = 0; p < pops; p++) {
                hi[p] = lo[t][p] + size[t][p];
            }
            try {
                layouts[t] = TileImage.layout(shape, net, firmware, ArrayParams.meshX(t % array.cols()),
                        t / array.cols(), HOST_X, HOST_Y, lo[t], hi, report, bound);
            } catch (DoesNotFit e) {
                throw e.at(where(array, net, t, lo, size));
            }
        }

        // who feeds which axon: [tile][population][neuron - lo] routing entries; host packets per input neuron
        List<List<List<List<RouteEntry>>>> out = new ArrayList<>();
        for (int t = 0; t < tiles; t++) {
            List<List<List<RouteEntry>>> perPop = new ArrayList<>();
            for (int p = 0; p < pops; p++) {
                List<List<RouteEntry>> r = new ArrayList<>();
                for (int j = 0; j < size[t][p]; j++) {
                    r.add(new ArrayList<>());
                }
                perPop.add(r);
            }
            out.add(perPop);
        }
        List<List<List<HostPacket>>> hostRoutes = new ArrayList<>();
        for (int p = 0; p < pops; p++) {
            Population pop = net.populations().get(p);
            List<List<HostPacket>> r = null;
            if (pop.isInput()) {
                r = new ArrayList<>();
                for (int j = 0; j < pop.size(); j++) {
                    r.add(new ArrayList<>());
                }
            }
            hostRoutes.add(r);
        }
        for (int t = 0; t < tiles; t++) {
            int x = ArrayParams.meshX(t % array.cols());
            int y = t / array.cols();
            for (AxonSource a : layouts[t].axonSources()) {
                int p = a.population();
                if (net.populations().get(p).isInput()) {
                    hostRoutes.get(p).get(a.neuron()).add(new HostPacket(x, y, new PacketFormat.Event(a.axon(), 0,
                            a.delay())));
                } else {
                    int src = home[p][a.neuron()];
                    out.get(src).get(p).get(a.neuron() - lo[src][p]).add(new RouteEntry(a.delay(), a.axon(), x, y));
                }
            }
        }
        TileImage[] images = new TileImage[tiles];
        for (int t = 0; t < tiles; t++) {
            final int ft = t;
            try {
                images[t] = layouts[t].finish((p, j) -> out.get(ft).get(p).get(j - lo[ft][p]));
            } catch (DoesNotFit e) {
                throw e.at(where(array, net, t, lo, size));
            }
        }
        return new ArrayMapping(array, net, images, lo, size, home, hostRoutes, report.clone(), bound);
    }

    private static String where(ArrayParams array, Network net, int t, int[][] lo, int[][] size) {
        StringBuilder b = new StringBuilder("tile (" + t % array.cols() + ", " + t / array.cols() + ") of the "
                + array.cols() + " x " + array.rows() + " array, holding");
        boolean any = false;
        for (int p = 0; p < net.populations().size(); p++) {
            if (size[t][p] > 0) {
                b.append(any ? ", " : " ").append(net.populations().get(p).name()).append('[').append(lo[t][p])
                        .append("..").append(lo[t][p] + size[t][p] - 1).append(']');
                any = true;
            }
        }
        return any ? b.toString() : b.append(" nothing").toString();
    }

    /** How the tiles' SCDQs were sized against the events in flight. */
    public ScdqBound scdqBound() {
        return bound;
    }

    public ArrayParams array() {
        return array;
    }

    public Network network() {
        return net;
    }

    /** The image of tile {@code t} (index {@code r x cols + c}). */
    public TileImage image(int t) {
        return images[t];
    }

    public int tiles() {
        return images.length;
    }

    /** Whether population {@code p}'s events are reported to the host. */
    public boolean reported(int p) {
        return reported[p] && !net.populations().get(p).isInput();
    }

    /** The tile index holding neuron {@code j} of non-input population {@code p}. */
    public int tileOf(int p, int j) {
        int t = home[p][j];
        if (t < 0) {
            throw new IllegalArgumentException("population " + net.populations().get(p).name() + " is an input: it lives"
                    + " on the host");
        }
        return t;
    }

    /** Neurons of population {@code p} on tile {@code t}. */
    public int sliceSize(int t, int p) {
        return size[t][p];
    }

    /** The (population, neuron) of an axon the host receives: its network-wide neuron index. */
    public int[] fromHostAxon(int axon) {
        return images[0].fromHostAxon(axon);
    }

    /** The network-wide neuron index the host sees for neuron {@code j} of population {@code p}. */
    public int hostAxon(int p, int j) {
        return hostAxonBase[p] + j;
    }

    /** Packets the host sends per event of neuron {@code j} of input population {@code p}. */
    public List<HostPacket> inputRoutes(int p, int j) {
        List<List<HostPacket>> r = hostRoutes.get(p);
        if (r == null) {
            throw new IllegalArgumentException("population " + net.populations().get(p).name() + " is not an input");
        }
        return r.get(j);
    }

    /**
     * The packets for an input event of {@code value} from neuron {@code j} of input population
     * {@code p}.
     *
     * @throws DoesNotFit when the value does not fit the NPE's V bits (or the packet's 16)
     */
    public List<HostPacket> hostPackets(int p, int j, long value) {
        TileImage.checkInputValue(array.tile(), net, p, j, value);
        List<HostPacket> out = new ArrayList<>();
        for (HostPacket h : inputRoutes(p, j)) {
            out.add(new HostPacket(h.x(), h.y(), new PacketFormat.Event(h.event().axon(), (int) value,
                    h.event().delay())));
        }
        return out;
    }

    /** Mesh links a packet from tile {@code t} to tile {@code u} crosses (XY routing). */
    public int hops(int t, int u) {
        return Math.abs(t % array.cols() - u % array.cols()) + Math.abs(t / array.cols() - u / array.cols());
    }

    /** Links a packet from tile {@code t} to the host crosses: along its row, then out of the west port. */
    public int hopsToHost(int t) {
        return t % array.cols() + 1;
    }

    /** Links a packet from the host to tile {@code t} crosses: into (0, 0), then XY. */
    public int hopsFromHost(int t) {
        return 1 + t % array.cols() + t / array.cols();
    }

    /** The mapping report (docs/array.md): tiles used, memory per tile, packets and hops per event. */
    public String report() {
        StringBuilder b = new StringBuilder();
        TileParams s = array.tile();
        b.append(String.format(Locale.ROOT, "# Mapping of %s on %s%n%n", net.name(), array.moduleName()));
        int used = 0;
        for (int t = 0; t < tiles(); t++) {
            used += images[t].updateLoops() > 0 ? 1 : 0;
        }
        b.append(String.format(Locale.ROOT, "%d of %d tiles hold neurons.%n%n", used, tiles()));
        b.append(bound == ScdqBound.WORST_CASE
                ? "SCDQ sizing: worst case (every tile's SCDQ holds the events of all its axons' sources firing every step).\n\n"
                : "SCDQ sizing: at run (the worst case may exceed a tile's SCDQ; a run whose SCDQ fills stops and names the tile).\n\n");
        b.append("| tile | slices | NPE rows | weight words | axons | FANTAB words | RTENT entries | DMEM table end"
                + " | SCDQ worst case / capacity |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int t = 0; t < tiles(); t++) {
            TileImage im = images[t];
            StringBuilder sl = new StringBuilder();
            for (int p = 0; p < net.populations().size(); p++) {
                if (size[t][p] > 0) {
                    sl.append(sl.length() == 0 ? "" : ", ").append(net.populations().get(p).name()).append('[')
                            .append(lo[t][p]).append("..").append(lo[t][p] + size[t][p] - 1).append(']');
                }
            }
            b.append(String.format(Locale.ROOT,
                    "| (%d, %d) | %s | %d / %d | %d / %d | %d | %d / %d | %d / %d | 0x%05x / 0x%05x | %d / %d |%n",
                    t % array.cols(), t / array.cols(), sl.length() == 0 ? "-" : sl, im.rows(), s.npe().rfDepth(),
                    im.weightWords(), s.npe().memDepth(), im.axons(), im.fantab().length, s.fanoutWords(),
                    im.routeEntriesUsed(), s.routeEntries(), im.tablesEnd() - 0x10000, 4 * s.dmemWords(),
                    im.worstCaseInFlight(), s.scdq().capacity()));
        }
        b.append("\n| population | neurons | tiles | packets per event | hops per event |\n|---|---:|---:|---:|---:|\n");
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.populations().get(p);
            long packets = 0;
            long hops = 0;
            java.util.Set<Integer> on = new java.util.TreeSet<>();
            for (int j = 0; j < pop.size(); j++) {
                long[] ph = traffic(p, j);
                packets += ph[0];
                hops += ph[1];
                if (!pop.isInput()) {
                    on.add(home[p][j]);
                }
            }
            b.append(String.format(Locale.ROOT, "| %s%s | %d | %s | %.2f | %.2f |%n", pop.name(),
                    pop.isInput() ? " (input)" : reported(p) ? "" : " (not reported)", pop.size(),
                    pop.isInput() ? "host" : String.valueOf(on.size()), (double) packets / pop.size(),
                    (double) hops / pop.size()));
        }
        return b.toString();
    }

    /**
     * What one event of neuron {@code j} of population {@code p} costs the mesh: {packets, links
     * crossed}; for an input neuron the host's packets, otherwise the neuron's routing entries
     * (the host's included).
     */
    public long[] traffic(int p, int j) {
        long packets = 0;
        long hops = 0;
        if (net.populations().get(p).isInput()) {
            for (HostPacket h : inputRoutes(p, j)) {
                packets++;
                hops += hopsFromHost(index(h.x(), h.y()));
            }
            return new long[] {packets, hops};
        }
        int t = home[p][j];
        int idx = images[t].rtidxWord(images[t].npeIndex(p, j));
        for (int e = idx & 0xFFFF; e < (idx & 0xFFFF) + (idx >>> 16); e++) {
            int ex = images[t].rtentWord(e) & 0xF;
            int ey = images[t].rtentWord(e) >>> 4 & 0xF;
            packets++;
            hops += ex == HOST_X ? hopsToHost(t) : hops(t, index(ex, ey));
        }
        return new long[] {packets, hops};
    }

    private int index(int x, int y) {
        return array.index(x - 1, y);
    }
}
