package dev.neuroforge.verif.tile;

import static dev.neuroforge.generator.tile.TileMap.DMEM_BASE;
import static dev.neuroforge.generator.tile.TileMap.FANTAB_BASE;
import static dev.neuroforge.generator.tile.TileMap.IMEM_BASE;

import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.model.Network;
import dev.neuroforge.model.NeuronParams;
import dev.neuroforge.model.Population;
import dev.neuroforge.model.Projection;
import dev.neuroforge.model.Sat;
import dev.neuroforge.verif.core.Elf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Everything the host writes into one core tile before RUN (docs/tile.md, "Image"): IMEM and DMEM
 * words (firmware, table header, event buffer), the fan-out table FANTAB (axon, segment and
 * update tables, read by the fan-out unit), the NPE weight memory,
 * the event-out routing table (RTIDX, RTENT), and, for the host, the packets each input neuron's
 * event becomes. Built from a network fragment: a slice (a contiguous neuron range) of some of
 * the network's non-input populations ({@link #layout}, used by the array mapper), or every
 * non-input population whole ({@link #build}, a single-tile system); input populations are driven
 * by the host. What does not fit is refused with {@link DoesNotFit}, naming the resource, what is
 * needed and what the tile has.
 *
 * <p>Axons are numbered (projection, source neuron, delay) in the network's order, so sorting the
 * events due in a step by axon id reproduces the golden model's integration order. Every
 * neuron on the tile has one routing entry to the host (axon = {@link #hostAxon}, delay 0), first
 * (unless its population is not reported), followed by the entries the mapper gives it: one per
 * (projection, delay, destination tile) group it feeds; in a single-tile image those are the
 * recurrent groups, addressed to the tile itself.
 */
public final class TileImage {
    public static final int MAGIC = 0x3154464E;
    /** DMEM bytes reserved for the table header (the firmware is linked behind them). */
    public static final int HEADER_BYTES = 0x100;
    /** Stack the image keeps free below the DMEM top. */
    public static final int STACK_BYTES = 1024;
    /** Header words (docs/tile.md). */
    public static final int H_MAGIC = 0;
    public static final int H_AXONS = 1;
    public static final int H_AXON_TABLE = 2;
    public static final int H_SEGMENT_TABLE = 3;
    public static final int H_UPDATES = 4;
    public static final int H_UPDATE_TABLE = 5;
    public static final int H_BUFFER = 6;
    public static final int H_DMEM_TOP = 7;

    /** One packet the host sends for an input event: the destination axon and the delay tag. */
    public record Route(int axon, int delay) {
    }

    /** A network that does not fit the tile; the message names the resource, what is needed and what is there. */
    public static final class DoesNotFit extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String resource;
        private final long needed;
        private final long available;

        private final String detail;

        public DoesNotFit(String resource, long needed, long available, String detail) {
            this("the tile", resource, needed, available, detail);
        }

        private DoesNotFit(String where, String resource, long needed, long available, String detail) {
            super("does not fit " + where + ": " + resource + " needs " + needed + ", the tile has " + available
                    + (detail.isEmpty() ? "" : " (" + detail + ")"));
            this.resource = resource;
            this.needed = needed;
            this.available = available;
            this.detail = detail;
        }

        /** The same refusal, saying which tile it is about ({@code where}, e.g. "tile (1, 0) of the array"). */
        public DoesNotFit at(String where) {
            return new DoesNotFit(where, resource, needed, available, detail);
        }

        public String detail() {
            return detail;
        }

        public String resource() {
            return resource;
        }

        public long needed() {
            return needed;
        }

        public long available() {
            return available;
        }
    }

    private final TileParams shape;
    private final Network network;
    private final int x;
    private final int y;
    private final int hostX;
    private final int hostY;
    private final int entry;
    private final int[] imem;
    private final int[] dmem;
    private final int[] fantab;
    private final int[][] weights;
    private final int[] rtidx;
    private final int[] rtent;
    private final int routeEntriesUsed;
    private final int[] firstRow;
    private final int[] sliceLo;
    private final int[] sliceSize;
    private final int[] hostAxonBase;
    private final List<List<List<Route>>> inputRoutes;
    private final int axons;
    private final int segments;
    private final int weightWords;
    private final int updates;
    private final int tablesEnd;
    private final long inFlight;
    private final int rowsUsed;

    private TileImage(Builder b) {
        shape = b.shape;
        network = b.net;
        x = b.x;
        y = b.y;
        hostX = b.hostX;
        hostY = b.hostY;
        entry = b.entry;
        imem = b.imem;
        dmem = b.dmem;
        fantab = b.fantab;
        weights = b.weights;
        rtidx = b.rtidx;
        rtent = b.rtent;
        routeEntriesUsed = b.entriesUsed;
        firstRow = b.firstRow;
        sliceLo = b.lo;
        sliceSize = b.sliceSize;
        hostAxonBase = b.hostAxonBase;
        inputRoutes = b.inputRoutes;
        axons = b.axonCount;
        segments = b.segCount;
        weightWords = b.nextWord;
        updates = b.updateCount;
        tablesEnd = b.tablesEnd;
        inFlight = b.inFlight;
        rowsUsed = b.rowsUsed;
    }

    /** Events in flight at once when every axon's source fires every step: sum over axons of delay + 1. */
    public long worstCaseInFlight() {
        return inFlight;
    }

    /** NPE rows the tile's slices use. */
    public int rows() {
        return rowsUsed;
    }

    /**
     * Builds the image of {@code net} on a tile of {@code shape} at ({@code x}, {@code y}) whose
     * fire events are also reported to the host at ({@code hostX}, {@code hostY}).
     *
     * @throws DoesNotFit when a resource of the tile is too small or a feature is outside what it runs
     */
    public static TileImage build(TileParams shape, Network net, Elf firmware, int x, int y, int hostX, int hostY) {
        int n = net.populations().size();
        int[] lo = new int[n];
        int[] hi = new int[n];
        boolean[] report = new boolean[n];
        for (int p = 0; p < n; p++) {
            hi[p] = net.populations().get(p).isInput() ? 0 : net.populations().get(p).size();
            report[p] = true;
        }
        Layout l = layout(shape, net, firmware, x, y, hostX, hostY, lo, hi, report, ScdqBound.WORST_CASE);
        // every axon of a non-input source is fed by the tile itself
        List<List<List<RouteEntry>>> self = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            List<List<RouteEntry>> r = new ArrayList<>();
            for (int j = 0; j < hi[p]; j++) {
                r.add(new ArrayList<>());
            }
            self.add(r);
        }
        for (AxonSource a : l.axonSources()) {
            if (!net.populations().get(a.population()).isInput()) {
                self.get(a.population()).get(a.neuron()).add(new RouteEntry(a.delay(), a.axon(), x, y));
            }
        }
        return l.finish((p, j) -> self.get(p).get(j));
    }

    /**
     * The first half of an image (docs/array.md, "Mapper"): the tile at ({@code x}, {@code y})
     * holds neurons {@code lo[p]..hi[p] - 1} of every non-input population {@code p} (none when
     * equal); its axons are numbered and its weights and fan-out tables laid out. The mapper reads
     * {@link Layout#axonSources()} of every tile, works out who sends to which axon, and finishes
     * each layout with the routing entries of its neurons. {@code report[p]}: population
     * {@code p}'s fire events also go to the host at ({@code hostX}, {@code hostY}).
     *
     * {@code bound} says whether the SCDQ's worst case must fit (docs/array.md, "SCDQ sizing").
     *
     * @throws DoesNotFit when a resource of the tile is too small or a feature is outside what it runs
     */
    public static Layout layout(TileParams shape, Network net, Elf firmware, int x, int y, int hostX, int hostY,
            int[] lo, int[] hi, boolean[] report, ScdqBound bound) {
        return new Layout(new Builder(shape, net, firmware, x, y, hostX, hostY, lo, hi, report).layout(bound));
    }

    /**
     * How the image builder sizes the SCDQ against the events that can be in flight at once.
     * {@link #WORST_CASE}: every axon's source firing every step must fit (sum over axons of delay
     * + 1), so back-pressure can never hold a step up; a layout that could overflow is refused.
     * {@link #AT_RUN}: the worst case is only reported; a run whose SCDQ fills stops with the tile and
     * the figures (the SCDQ back-pressures, nothing is lost).
     */
    public enum ScdqBound {
        WORST_CASE, AT_RUN;

        /** The name users write: {@code worst-case}, {@code at-run}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** Reads a {@link #label()}; an unknown one names the value and what is allowed. */
        public static ScdqBound of(String label) {
            for (ScdqBound b : values()) {
                if (b.label().equals(label)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("SCDQ bound \"" + label + "\" is not allowed: worst-case or at-run");
        }
    }

    /** An axon of a tile: events of {@code neuron} of {@code population} over {@code projection} with that delay. */
    public record AxonSource(int axon, int projection, int population, int neuron, int delay) {
    }

    /** One routing entry beyond the host's: a packet to axon {@code axon} of the tile at (x, y), with its delay tag. */
    public record RouteEntry(int delay, int axon, int x, int y) {
    }

    /** The routing entries of each neuron of the tile, after its host entry (network-wide neuron index j). */
    @FunctionalInterface
    public interface Routes {
        List<RouteEntry> of(int population, int neuron);
    }

    /** An image with its axons numbered and its NPE layout fixed, waiting for its routing entries. */
    public static final class Layout {
        private final Builder b;

        private Layout(Builder b) {
            this.b = b;
        }

        /** Every axon of the tile, in axon order. */
        public List<AxonSource> axonSources() {
            return List.copyOf(b.axonSources);
        }

        /** NPE rows the tile's slices use. */
        public int rows() {
            return b.rowsUsed;
        }

        /** Builds the image; the layout cannot be finished twice. */
        public TileImage finish(Routes routes) {
            return new TileImage(b.finish(routes));
        }
    }

    public TileParams shape() {
        return shape;
    }

    public Network network() {
        return network;
    }

    public int x() {
        return x;
    }

    public int y() {
        return y;
    }

    public int hostX() {
        return hostX;
    }

    public int hostY() {
        return hostY;
    }

    /** The firmware's entry point (0: the core's reset pc). */
    public int entry() {
        return entry;
    }

    /** IMEM contents, {@code imemWords} words from {@link TileMap#IMEM_BASE}. */
    public int[] imem() {
        return imem.clone();
    }

    /** DMEM contents, {@code dmemWords} words from {@link TileMap#DMEM_BASE} (zero where nothing is). */
    public int[] dmem() {
        return dmem.clone();
    }

    /**
     * FANTAB contents from {@link TileMap#FANTAB_BASE}: the axon table (word {@code a} =
     * {@code {nseg[31:16], first[15:0]}}), then the segment table (two words per segment,
     * {@code {base_s[31:16], count[15:0]}}, {@code base_w}); {@code first} is the FANTAB word of the
     * axon's first segment; then the update list (five words per non-input population on the tile:
     * OP, COUNT, BASE_S, THETA, SHIFT, {@link TileMap#UPDATE_ENTRY_WORDS}), which header word 5
     * describes ({@link TileMap#updateListWord}). Only the words used
     * ({@code axons + 2 x segments + 5 x update loops}, at most {@code fanoutWords}).
     */
    public int[] fantab() {
        return fantab.clone();
    }

    /** Where {@link #writeTo} sends the image: one word to one address of the tile's host port. */
    @FunctionalInterface
    public interface HostPort {
        void write(long addr, int word);
    }

    /**
     * Writes the whole image through {@code port} in the one load order every host uses (the RTL
     * harness, the tile model, the Icarus testbench): IMEM, DMEM, the NPE weights, FANTAB, RTIDX,
     * the RTENT entries used. The caller then sets {@code CTRL.RUN}.
     */
    public void writeTo(HostPort port) {
        for (int i = 0; i < imem.length; i++) {
            port.write(TileMap.imem(i), imem[i]);
        }
        for (int i = 0; i < dmem.length; i++) {
            port.write(TileMap.dmem(i), dmem[i]);
        }
        NpeMap npeMap = new NpeMap(shape.npe());
        for (int w = 0; w < weightWords; w++) {
            for (int l = 0; l < shape.npe().lanes(); l++) {
                port.write(TileMap.npe(npeMap.mem(l, w)), weights[l][w]);
            }
        }
        for (int i = 0; i < fantab.length; i++) {
            port.write(TileMap.fantab(i), fantab[i]);
        }
        for (int i = 0; i < rtidx.length; i++) {
            port.write(TileMap.rtidx(i), rtidx[i]);
        }
        for (int i = 0; i < routeEntriesUsed(); i++) {
            port.write(TileMap.rtent(i), rtent[i]);
        }
    }

    /** Synaptic operations one event of {@code axon} costs: the sum of its segments' COUNTs in FANTAB. */
    public long fanOut(int axon) {
        int a = fantab[axon];
        long sum = 0;
        for (int k = 0; k < (a >>> 16); k++) {
            sum += fantab[(a & 0xFFFF) + 2 * k] & 0xFFFF;
        }
        return sum;
    }

    /** Weight of lane {@code lane} in NPE weight word {@code word} (signed, W bits). */
    public int weight(int lane, int word) {
        return weights[lane][word];
    }

    /** NPE weight words the image uses (words from 0). */
    public int weightWords() {
        return weightWords;
    }

    /** RTIDX, one word per NPE neuron ({@code L x R}). */
    public int[] rtidx() {
        return rtidx.clone();
    }

    /** RTENT, {@code routeEntries} words (zero past {@link #routeEntriesUsed()}). */
    public int[] rtent() {
        return rtent.clone();
    }

    /** RTIDX word of NPE neuron {@code n}: {@code {count[31:16], first[15:0]}}. */
    public int rtidxWord(int n) {
        return rtidx[n];
    }

    /** RTENT entry {@code e}: {@code {delay[31:24], axon[23:8], y[7:4], x[3:0]}}. */
    public int rtentWord(int e) {
        return rtent[e];
    }

    public int routeEntriesUsed() {
        return routeEntriesUsed;
    }

    public int axons() {
        return axons;
    }

    public int segments() {
        return segments;
    }

    public int updateLoops() {
        return updates;
    }

    /** First DMEM byte address past the tables and the event buffer. */
    public int tablesEnd() {
        return tablesEnd;
    }

    /** Whether population {@code p} (network index) is on the tile (every non-input population is). */
    public boolean onTile(int p) {
        return firstRow[p] >= 0;
    }

    /** First NPE row of population {@code p}; neuron {@code j} is NPE neuron {@code firstRow x L + j}. */
    public int firstRow(int p) {
        if (firstRow[p] < 0) {
            throw new IllegalArgumentException("population " + network.populations().get(p).name() + " is not on the tile");
        }
        return firstRow[p];
    }

    /** NPE neuron index ({@code row x L + lane}) of neuron {@code j} of population {@code p}. */
    public int npeIndex(int p, int j) {
        int r = firstRow(p);
        if (j < sliceLo[p] || j >= sliceHi(p)) {
            throw new IllegalArgumentException("neuron " + j + " of " + network.populations().get(p).name()
                    + " is not on the tile at (" + x + ", " + y + "), which holds " + sliceLo[p] + ".." + (sliceHi(p) - 1));
        }
        return r * shape.npe().lanes() + j - sliceLo[p];
    }

    /** The first neuron of population {@code p} on the tile (its slice starts there). */
    public int sliceLo(int p) {
        return sliceLo[p];
    }

    /** One past the last neuron of population {@code p} on the tile (= {@link #sliceLo} when none). */
    public int sliceHi(int p) {
        return sliceLo[p] + sliceSize[p];
    }

    /** The axon the host sees for neuron {@code j} of population {@code p}: its network-wide index. */
    public int hostAxon(int p, int j) {
        return hostAxonBase[p] + j;
    }

    /** The (population, neuron) of a host axon, as {@code {p, j}}. */
    public int[] fromHostAxon(int axon) {
        for (int p = network.populations().size() - 1; p >= 0; p--) {
            if (axon >= hostAxonBase[p]) {
                if (axon - hostAxonBase[p] >= network.populations().get(p).size()) {
                    break;
                }
                return new int[] {p, axon - hostAxonBase[p]};
            }
        }
        throw new IllegalArgumentException("host axon " + axon + " names no neuron of " + network.name());
    }

    /** The packets neuron {@code j} of input population {@code p} sends to the tile per event (axon order). */
    public List<Route> inputRoutes(int p, int j) {
        List<List<Route>> r = inputRoutes.get(p);
        if (r == null) {
            throw new IllegalArgumentException("population " + network.populations().get(p).name() + " is not an input");
        }
        return r.get(j);
    }

    /**
     * The packets the host sends for an input event of {@code value} from neuron {@code j} of
     * input population {@code p}.
     *
     * @throws DoesNotFit when the value does not fit the NPE's V bits (or the packet's 16)
     */
    public List<PacketFormat.Event> hostPackets(int p, int j, long value) {
        checkInputValue(shape, network, p, j, value);
        List<PacketFormat.Event> out = new ArrayList<>();
        for (Route r : inputRoutes(p, j)) {
            out.add(new PacketFormat.Event(r.axon(), (int) value, r.delay()));
        }
        return out;
    }

    /**
     * Refuses an input event value that does not fit the NPE's V bits (or the packet's 16): the
     * check every host makes before it builds an input event's packets.
     *
     * @throws DoesNotFit naming the input neuron, the value and the range
     */
    public static void checkInputValue(TileParams shape, Network net, int p, int j, long value) {
        int v = Math.min(shape.npe().valueBits(), 16);
        if (value < Sat.min(v) || value > Sat.max(v)) {
            throw new DoesNotFit("graded event value (valueBits V)", value, Sat.max(v),
                    "input " + net.populations().get(p).name() + "[" + j + "] = " + value + " is outside "
                            + Sat.min(v) + ".." + Sat.max(v));
        }
    }

    /** The mutable state of one build. */
    private static final class Builder {
        final TileParams shape;
        final Network net;
        final Elf elf;
        final int x;
        final int y;
        final int hostX;
        final int hostY;
        int entry;
        int[] imem;
        int[] dmem;
        int[] fantab;
        int[][] weights;
        int[] rtidx;
        int[] rtent;
        int entriesUsed;
        int[] firstRow;
        int[] hostAxonBase;
        List<List<List<Route>>> inputRoutes = new ArrayList<>();
        int axonCount;
        int segCount;
        int nextWord;
        int updateCount;
        int tablesEnd;
        final List<Integer> axonTable = new ArrayList<>();
        final List<Integer> segTable = new ArrayList<>();
        final List<Integer> updTable = new ArrayList<>();

        final int[] lo;
        final int[] sliceSize;
        final boolean[] report;
        final List<AxonSource> axonSources = new ArrayList<>();
        int rowsUsed;
        boolean finished;

        Builder(TileParams shape, Network net, Elf elf, int x, int y, int hostX, int hostY, int[] lo, int[] hi,
                boolean[] report) {
            this.shape = shape;
            this.net = net;
            this.elf = elf;
            this.x = coord("x", x);
            this.y = coord("y", y);
            this.hostX = coord("hostX", hostX);
            this.hostY = coord("hostY", hostY);
            int n = net.populations().size();
            if (lo.length != n || hi.length != n || report.length != n) {
                throw new IllegalArgumentException("slices and report flags must name all " + n + " populations");
            }
            this.lo = lo.clone();
            this.sliceSize = new int[n];
            this.report = report.clone();
            for (int p = 0; p < n; p++) {
                Population pop = net.populations().get(p);
                if (lo[p] < 0 || hi[p] < lo[p] || hi[p] > pop.size() || (pop.isInput() && hi[p] > lo[p])) {
                    throw new IllegalArgumentException("slice " + lo[p] + ".." + hi[p] + " of population " + pop.name()
                            + " (" + pop.size() + " neurons" + (pop.isInput() ? ", an input" : "") + ") is not allowed");
                }
                sliceSize[p] = hi[p] - lo[p];
            }
        }

        private static int coord(String f, int v) {
            if (v < 0 || v > 15) {
                throw new IllegalArgumentException(f + " = " + v + " is not allowed: a mesh coordinate is 0..15");
            }
            return v;
        }

        Builder layout(ScdqBound bound) {
            int lanes = shape.npe().lanes();
            List<Population> pops = net.populations();
            firstRow = new int[pops.size()];
            hostAxonBase = new int[pops.size()];
            int rows = 0;
            int global = 0;
            for (int p = 0; p < pops.size(); p++) {
                Population pop = pops.get(p);
                hostAxonBase[p] = global;
                global += pop.size();
                if (pop.isInput()) {
                    firstRow[p] = -1;
                    List<List<Route>> r = new ArrayList<>();
                    for (int j = 0; j < pop.size(); j++) {
                        r.add(new ArrayList<>());
                    }
                    inputRoutes.add(r);
                    continue;
                }
                inputRoutes.add(null);
                if (global - 1 > 0xFFFF) {
                    throw new DoesNotFit("host axons (network-wide neuron index, 16 bits)", global, 65536,
                            "population " + pop.name() + " ends at neuron index " + (global - 1));
                }
                if (sliceSize[p] == 0) {
                    firstRow[p] = -1;
                    continue;
                }
                checkNeuron(pop);
                firstRow[p] = rows;
                rows += (sliceSize[p] + lanes - 1) / lanes;
            }
            rowsUsed = rows;
            if (rows > shape.npe().rfDepth()) {
                throw new DoesNotFit("neurons (NPE rows of " + lanes + " lanes)", rows, shape.npe().rfDepth(),
                        "sum over populations of ceil(N / L)");
            }
            weights = new int[lanes][shape.npe().memDepth()];
            for (int k = 0; k < net.projections().size(); k++) {
                projection(k, net.projections().get(k));
            }
            if (axonCount > 65536) {
                throw new DoesNotFit("axons", axonCount, 65536, "one per (projection, source neuron, delay)");
            }
            if (segCount > 65536) {
                throw new DoesNotFit("fan-out segments (16-bit index in the axon table)", segCount, 65536, "");
            }
            inFlight = 0;
            for (int a = 0; a < axonCount; a++) {
                inFlight += axonDelay.get(a) + 1;
            }
            if (bound == ScdqBound.WORST_CASE && inFlight > shape.scdq().capacity()) {
                throw new DoesNotFit("SCDQ capacity (worst case events in flight)", inFlight, shape.scdq().capacity(),
                        "sum over axons of delay + 1");
            }
            return this;
        }

        Builder finish(Routes r) {
            if (finished) {
                throw new IllegalStateException("this layout has been finished already");
            }
            finished = true;
            routes(r);
            updateLoops();
            memories();
            return this;
        }

        private final List<Integer> axonDelay = new ArrayList<>();
        long inFlight;

        private void checkNeuron(Population pop) {
            NeuronParams n = pop.neuron();
            if (n.stateBits() != shape.npe().stateBits()) {
                throw new DoesNotFit("state width (NPE stateBits S)", n.stateBits(), shape.npe().stateBits(),
                        "population " + pop.name() + " has stateBits " + n.stateBits() + "; the NPE's S is "
                                + shape.npe().stateBits());
            }
            if (n.kind() == NeuronParams.Kind.SIGMA_DELTA) {
                if (Integer.bitCount(n.quantStep()) != 1) {
                    throw new DoesNotFit("sigma-delta step (a power of two)", n.quantStep(),
                            Integer.highestOneBit(n.quantStep()), "population " + pop.name() + " has quantStep "
                                    + n.quantStep() + ", which is not a power of two");
                }
                long largest = Sat.max(n.stateBits()) / n.quantStep() * n.quantStep();
                if (largest > Short.MAX_VALUE) {
                    throw new DoesNotFit("graded event value (16-bit packet)", largest, Short.MAX_VALUE,
                            "sigma-delta population " + pop.name() + " can emit changes up to " + largest);
                }
            }
        }

        private void projection(int k, Projection q) {
            int from = net.indexOf(q.from());
            int to = net.indexOf(q.to());
            Population src = net.populations().get(from);
            Population dst = net.populations().get(to);
            int lanes = shape.npe().lanes();
            long wlo = Sat.min(shape.npe().weightBits());
            long whi = Sat.max(shape.npe().weightBits());
            if (!src.isInput() && src.neuron().kind() == NeuronParams.Kind.SIGMA_DELTA) {
                long largest = Sat.max(src.neuron().stateBits()) / src.neuron().quantStep() * src.neuron().quantStep();
                if (largest > Sat.max(shape.npe().valueBits())) {
                    throw new DoesNotFit("graded event value (valueBits V)", largest, Sat.max(shape.npe().valueBits()),
                            "projections[" + k + "] carries changes of sigma-delta population " + src.name()
                                    + " up to " + largest);
                }
            }
            int r0 = firstRow[to];
            if (r0 < 0) {
                return;
            }
            int jlo = lo[to];
            int jhi = lo[to] + sliceSize[to];
            for (int i = 0; i < src.size(); i++) {
                TreeMap<Integer, List<int[]>> byDelay = new TreeMap<>();
                final int fi = i;
                q.forEachTarget(i, (j, w) -> {
                    if (j < jlo || j >= jhi) {
                        return;
                    }
                    if (w < wlo || w > whi) {
                        throw new DoesNotFit("weight width (NPE weightBits W)", w, whi, "projections[" + k
                                + "] weight " + fi + " -> " + j + " = " + w + " is outside " + wlo + ".." + whi);
                    }
                    byDelay.computeIfAbsent(q.delay(fi, j), d -> new ArrayList<>()).add(new int[] {j - jlo, w});
                });
                for (var e : byDelay.entrySet()) {
                    int d = e.getKey();
                    if (d > shape.scdq().maxDelay()) {
                        throw new DoesNotFit("delay (SCDQ maxDelay D)", d, shape.scdq().maxDelay(),
                                "projections[" + k + "] source " + i + " has a synapse of delay " + d);
                    }
                    List<int[]> targets = e.getValue();
                    targets.sort((a, b) -> Integer.compare(a[0], b[0]));
                    int axon = axonCount++;
                    axonDelay.add(d);
                    int firstSeg = segCount;
                    int t = 0;
                    while (t < targets.size()) {
                        int ra = targets.get(t)[0] / lanes;
                        int rb = ra + 1;
                        int u = t;
                        while (u < targets.size() && targets.get(u)[0] / lanes <= rb) {
                            rb = targets.get(u)[0] / lanes + 1;
                            u++;
                        }
                        int last = targets.get(u - 1)[0];
                        int wb = nextWord;
                        int words = rb - ra;
                        if ((long) nextWord + words > shape.npe().memDepth()) {
                            throw new DoesNotFit("weight words (NPE memDepth M)", weightWordsNeeded(), shape.npe().memDepth(),
                                    "one word per target row of each (projection, source, delay) group");
                        }
                        for (int v = t; v < u; v++) {
                            int j = targets.get(v)[0];
                            weights[j % lanes][wb + j / lanes - ra] = targets.get(v)[1];
                        }
                        nextWord += words;
                        segTable.add((r0 + ra) << 16 | (last - ra * lanes + 1));
                        segTable.add(wb);
                        segCount++;
                        t = u;
                    }
                    axonTable.add((segCount - firstSeg) << 16 | (firstSeg & 0xFFFF));
                    axonSources.add(new AxonSource(axon, k, from, i, d));
                    if (src.isInput()) {
                        inputRoutes.get(from).get(i).add(new Route(axon, d));
                    }
                }
            }
        }

        /** Weight words the whole network needs (only when it does not fit: for the message). */
        private long weightWordsNeeded() {
            long words = 0;
            int lanes = shape.npe().lanes();
            for (Projection q : net.projections()) {
                Population src = net.populations().get(net.indexOf(q.from()));
                for (int i = 0; i < src.size(); i++) {
                    TreeMap<Integer, java.util.TreeSet<Integer>> rows = new TreeMap<>();
                    final int fi = i;
                    q.forEachTarget(i, (j, w) -> rows.computeIfAbsent(q.delay(fi, j), d -> new java.util.TreeSet<>())
                            .add(j / lanes));
                    for (var s : rows.values()) {
                        words += s.size();
                    }
                }
            }
            return words;
        }

        private void routes(Routes routes) {
            int lanes = shape.npe().lanes();
            rtidx = new int[lanes * shape.npe().rfDepth()];
            List<Integer> entries = new ArrayList<>();
            List<Population> pops = net.populations();
            for (int p = 0; p < pops.size(); p++) {
                if (firstRow[p] < 0) {
                    continue;
                }
                for (int jl = 0; jl < sliceSize[p]; jl++) {
                    int j = lo[p] + jl;
                    int first = entries.size();
                    if (report[p]) {
                        entries.add(entry(0, hostAxonBase[p] + j, hostX, hostY));
                    }
                    for (RouteEntry r : routes.of(p, j)) {
                        entries.add(entry(r.delay(), r.axon(), coord("route x", r.x()), coord("route y", r.y())));
                    }
                    if (first > 0xFFFF || entries.size() - first > 0xFFFF) {
                        throw new DoesNotFit("routing entries (RTENT, 16-bit first index and count)", entries.size(),
                                65536, "");
                    }
                    rtidx[firstRow[p] * lanes + jl] = (entries.size() - first) << 16 | first;
                }
            }
            if (entries.size() > shape.routeEntries()) {
                throw new DoesNotFit("routing entries (RTENT)", entries.size(), shape.routeEntries(),
                        "one per neuron on the tile for the host plus one per (projection, source, delay, destination"
                                + " tile) group it feeds");
            }
            rtent = new int[shape.routeEntries()];
            for (int k = 0; k < entries.size(); k++) {
                rtent[k] = entries.get(k);
            }
            entriesUsed = entries.size();
        }

        private static int entry(int delay, int axon, int ex, int ey) {
            return delay << 24 | axon << 8 | ey << 4 | ex;
        }

        private void updateLoops() {
            List<Population> pops = net.populations();
            for (int p = 0; p < pops.size(); p++) {
                Population pop = pops.get(p);
                if (firstRow[p] < 0) {
                    continue;
                }
                NeuronParams n = pop.neuron();
                boolean sub = n.reset() == NeuronParams.Reset.SUBTRACT;
                int op;
                int shift;
                switch (n.kind()) {
                    case IF -> {
                        op = 3 | (sub ? 8 : 0);
                        shift = 0;
                    }
                    case LIF -> {
                        op = 4 | (sub ? 8 : 0);
                        shift = n.leakShift();
                    }
                    default -> {
                        op = 5;
                        shift = Integer.numberOfTrailingZeros(n.quantStep()) << 8;
                    }
                }
                updTable.add(op);
                updTable.add(sliceSize[p]);
                updTable.add(firstRow[p]);
                updTable.add(n.threshold());
                updTable.add(shift);
                updateCount++;
            }
        }

        private void memories() {
            imem = new int[shape.imemWords()];
            dmem = new int[shape.dmemWords()];
            int imemEnd = IMEM_BASE + 4 * shape.imemWords();
            int dmemTop = DMEM_BASE + 4 * shape.dmemWords();
            int fwEnd = DMEM_BASE + HEADER_BYTES;
            entry = elf.entry();
            if (entry != 0) {
                throw new IllegalArgumentException("ELF " + elf.name() + " has entry point " + hex(entry)
                        + "; the tile's core starts at 0 (IMEM base): link with firmware/tile/link.ld");
            }
            for (Elf.Segment s : elf.segments()) {
                long end = Integer.toUnsignedLong(s.addr()) + s.memSize();
                if (s.addr() >= IMEM_BASE && end <= 0x10000L) {
                    if (end > imemEnd) {
                        throw new DoesNotFit("IMEM bytes (firmware .text)", end - IMEM_BASE, 4L * shape.imemWords(),
                                "ELF " + elf.name());
                    }
                    copy(imem, s.addr() - IMEM_BASE, s.data());
                } else if (s.addr() >= DMEM_BASE + HEADER_BYTES && end <= DMEM_BASE + 0x10000L) {
                    if (end + STACK_BYTES > dmemTop) {
                        throw new DoesNotFit("DMEM bytes (firmware data and 1 KiB of stack)", end - DMEM_BASE
                                + STACK_BYTES, 4L * shape.dmemWords(), "ELF " + elf.name());
                    }
                    copy(dmem, s.addr() - DMEM_BASE, s.data());
                    fwEnd = (int) Math.max(fwEnd, end);
                } else {
                    throw new IllegalArgumentException(String.format("ELF %s has a segment at 0x%08x..0x%08x outside"
                            + " IMEM (0x00000000..) and DMEM behind the header (0x%08x..): link with"
                            + " firmware/tile/link.ld", elf.name(), s.addr(), end - 1, DMEM_BASE + HEADER_BYTES));
                }
            }
            int updTab = axonTable.size() + segTable.size();  // the update list behind the segments
            long fanWords = updTab + (long) updTable.size();
            if (fanWords > shape.fanoutWords()) {
                throw new DoesNotFit("fan-out table words (FANTAB, fanoutWords)", fanWords, shape.fanoutWords(),
                        axonCount + " axons + 2 x " + segCount + " segments + " + TileMap.UPDATE_ENTRY_WORDS + " x "
                                + updateCount + " update loops");
            }
            fantab = new int[(int) fanWords];
            for (int a = 0; a < axonCount; a++) {
                int e = axonTable.get(a);
                fantab[a] = TileMap.axonWord(e >>> 16, axonCount + 2 * (e & 0xFFFF));
            }
            for (int k = 0; k < segTable.size(); k++) {
                fantab[axonCount + k] = segTable.get(k);
            }
            for (int k = 0; k < updTable.size(); k++) {
                fantab[updTab + k] = updTable.get(k);
            }
            int buf = (fwEnd + 3) & ~3;
            // the firmware's sort space: one slot word per axon, then a bitmap of the axons
            long end = buf + 4L * axonCount + 4L * ((axonCount + 31) / 32);
            tablesEnd = (int) end;
            if (end + STACK_BYTES > dmemTop) {
                throw new DoesNotFit("DMEM bytes (header, firmware data, sort slots"
                        + " and bitmap, and 1 KiB of stack)", end - DMEM_BASE + STACK_BYTES, 4L * shape.dmemWords(), axonCount + " axons");
            }
            int[] header = {MAGIC, axonCount, FANTAB_BASE, FANTAB_BASE + 4 * axonCount, updateCount,
                TileMap.updateListWord(updateCount, updTab), buf, dmemTop};
            System.arraycopy(header, 0, dmem, 0, header.length);
        }

        private static void copy(int[] mem, int byteOff, byte[] data) {
            for (int b = 0; b < data.length; b++) {
                int w = (byteOff + b) / 4;
                int sh = 8 * ((byteOff + b) % 4);
                mem[w] = mem[w] & ~(0xFF << sh) | (data[b] & 0xFF) << sh;
            }
        }
    }

    static String hex(int v) {
        return String.format("0x%08x", v);
    }

    @Override
    public String toString() {
        return "TileImage[" + network.name() + " at (" + x + "," + y + "): " + axons + " axons, " + segments
                + " segments, " + weightWords + " weight words, " + routeEntriesUsed + " route entries, tables end at "
                + hex(tablesEnd) + ", rows " + Arrays.toString(firstRow) + "]";
    }
}
