package dev.neuroforge.sim;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One running instance of a Verilated model, driven cycle by cycle from Java.
 *
 * <p>Timing convention: the model rests with the clock low. {@link #poke} sets inputs for the
 * coming cycle; {@link #peek} sees outputs after the inputs have settled (combinational paths
 * included); {@link #step} applies rising and falling edges. So a handshake "valid and ready
 * during the cycle" is observed by peeking both before stepping.
 *
 * <p>Not thread-safe: one thread drives one model. Several models, of the same or different
 * configurations, may run in one JVM.
 */
public final class SimModel implements AutoCloseable {
    private final ShimApi api;
    private final long handle;
    private final String top;
    private final Map<String, PortInfo> ports;
    private final int[] scratch;
    private Path waveform;
    private boolean closed;

    private SimModel(ShimApi api, String top, List<PortInfo> portList) {
        this.api = api;
        this.top = top;
        Map<String, PortInfo> m = new LinkedHashMap<>();
        int maxWords = 2;
        for (PortInfo p : portList) {
            m.put(p.name(), p);
            maxWords = Math.max(maxWords, p.words());
        }
        this.ports = Collections.unmodifiableMap(m);
        this.scratch = new int[maxWords];
        this.handle = api.create();
    }

    /** Builds (or takes from the cache) and instantiates the model of {@code spec}. */
    public static SimModel load(ModelSpec spec) {
        ModelBuilder.Built b = ModelBuilder.build(spec);
        ShimApi api = NativeLoader.load(b.library());
        if (!api.topName().equals(spec.top()) || api.portCount() != b.ports().size()) {
            throw new SimBuildException("library " + b.library() + " does not match its port table; delete "
                    + b.library().getParent() + " to rebuild");
        }
        return new SimModel(api, spec.top(), b.ports());
    }

    public String top() {
        return top;
    }

    public List<PortInfo> ports() {
        return List.copyOf(ports.values());
    }

    /** The port called {@code name}; an unknown name fails with the list of ports. */
    public PortInfo port(String name) {
        PortInfo p = ports.get(name);
        if (p == null) {
            throw new IllegalArgumentException(top + " has no port " + name + "; ports: " + ports.keySet());
        }
        return p;
    }

    public void poke(String name, long value) {
        poke(port(name), value);
    }

    /** Drives an input of at most 64 bits; a value wider than the port is an error. */
    public void poke(PortInfo p, long value) {
        checkOpen();
        requireInput(p);
        if (p.width() > 64) {
            throw new IllegalArgumentException(p.name() + " is " + p.width() + " bits wide; use pokeWords or pokeBig");
        }
        if (p.width() < 64 && (value >>> p.width()) != 0) {
            throw new IllegalArgumentException("value 0x" + Long.toHexString(value) + " does not fit in "
                    + p.name() + " (" + p.width() + " bits)");
        }
        api.poke(handle, p.id(), value);
    }

    public long peek(String name) {
        return peek(port(name));
    }

    /** Reads a port of at most 64 bits, after the current inputs have settled. */
    public long peek(PortInfo p) {
        checkOpen();
        if (p.width() > 64) {
            throw new IllegalArgumentException(p.name() + " is " + p.width() + " bits wide; use peekWords or peekBig");
        }
        return api.peek(handle, p.id());
    }

    /** Drives an input of any width from 32-bit words, least significant word first. */
    public void pokeWords(PortInfo p, int[] words) {
        checkOpen();
        requireInput(p);
        if (words.length < p.words()) {
            throw new IllegalArgumentException(p.name() + " needs " + p.words() + " words, got " + words.length);
        }
        api.pokeWords(handle, p.id(), words);
    }

    /** Reads a port of any width into 32-bit words, least significant word first. */
    public void peekWords(PortInfo p, int[] words) {
        checkOpen();
        if (words.length < p.words()) {
            throw new IllegalArgumentException(p.name() + " needs " + p.words() + " words, got " + words.length);
        }
        api.peekWords(handle, p.id(), words);
    }

    public void pokeBig(PortInfo p, BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > p.width()) {
            throw new IllegalArgumentException("value 0x" + value.toString(16) + " does not fit in " + p.name()
                    + " (" + p.width() + " bits)");
        }
        int[] w = new int[p.words()];
        for (int i = 0; i < w.length; i++) {
            w[i] = value.shiftRight(32 * i).intValue();
        }
        pokeWords(p, w);
    }

    public BigInteger peekBig(PortInfo p) {
        int[] w = p.words() <= scratch.length ? scratch : new int[p.words()];
        peekWords(p, w);
        BigInteger v = BigInteger.ZERO;
        for (int i = p.words() - 1; i >= 0; i--) {
            v = v.shiftLeft(32).or(BigInteger.valueOf(w[i] & 0xFFFFFFFFL));
        }
        return v;
    }

    /** Re-evaluates combinational logic (peek does this itself when inputs changed). */
    public void eval() {
        checkOpen();
        api.eval(handle);
    }

    /** Runs {@code cycles} clock cycles with the inputs as they are. */
    public void step(int cycles) {
        checkOpen();
        api.step(handle, cycles);
    }

    public void step() {
        step(1);
    }

    /** Cycles stepped since the model was created. */
    public long cycle() {
        checkOpen();
        return api.cycle(handle);
    }

    /** Asserts reset for {@code cycles} cycles, then releases it. */
    public void reset(int cycles) {
        checkOpen();
        api.reset(handle, cycles);
    }

    /**
     * Runs {@code cycles} cycles in one native call. Per cycle, each input in {@code ins} takes its
     * next {@link PortInfo#words()} words from {@code inBuf}; after the inputs settle, each output
     * in {@code outs} is copied to {@code outBuf}; then the clock ticks.
     */
    public void run(int cycles, PortInfo[] ins, int[] inBuf, PortInfo[] outs, int[] outBuf) {
        checkOpen();
        int inWords = 0;
        for (PortInfo p : ins) {
            requireInput(p);
            inWords += p.words();
        }
        int outWords = 0;
        for (PortInfo p : outs) {
            outWords += p.words();
        }
        if (inBuf.length < (long) inWords * cycles || outBuf.length < (long) outWords * cycles) {
            throw new IllegalArgumentException("run of " + cycles + " cycles needs " + inWords * cycles
                    + " input and " + outWords * cycles + " output words; got " + inBuf.length + " and " + outBuf.length);
        }
        api.run(handle, cycles, ins.length, ids(ins), inBuf, outs.length, ids(outs), outBuf);
    }

    /** A streamed valid/ready/data/last port: the four port names share a prefix ({@code hin_}, {@code w_out_}). */
    public record Stream(PortInfo valid, PortInfo ready, PortInfo data, PortInfo last) {
    }

    /** The ports {@code <prefix>valid<sfx>}, ready, data and last of an input ({@code _i}/{@code _o}) or output stream. */
    public Stream stream(String prefix, boolean input) {
        String in = input ? "_i" : "_o";
        String out = input ? "_o" : "_i";
        return new Stream(port(prefix + "valid" + in), port(prefix + "ready" + out), port(prefix + "data" + in),
                port(prefix + "last" + in));
    }

    /** What {@link #runStream} did: cycles run, input flits taken, output flits captured, why it stopped. */
    public record StreamResult(long cycles, int taken, int captured, Stop stop) {
    }

    /** Why a streamed run ended. */
    public enum Stop {
        /** every flit taken and the stop port high */
        DONE,
        /** the output buffer was full */
        OUTPUT_FULL,
        /** the cycle limit */
        LIMIT
    }

    /**
     * Runs the clock in one native call: offers {@code flits} (each the data's words, then a word
     * whose bit 0 is last) on {@code in} while it takes them, captures every flit of the
     * always-ready {@code out} into {@code outBuf} (same layout), and stops before the first cycle
     * in which every flit is taken and {@code stop} reads 1, when {@code outBuf} is full, or after
     * {@code maxCycles}. Java exchanges whole batches of events this way instead of poking the
     * ports every cycle.
     */
    public StreamResult runStream(Stream in, int[] flits, Stream out, int[] outBuf, PortInfo stop, long maxCycles) {
        checkOpen();
        requireInput(in.valid());
        requireInput(in.data());
        requireInput(in.last());
        requireInput(out.ready());
        int iw = in.data().words() + 1;
        int ow = out.data().words() + 1;
        if (flits.length % iw != 0) {
            throw new IllegalArgumentException("the input flits must be " + iw + " words each; got " + flits.length
                    + " words");
        }
        int[] result = new int[3];
        long c = api.runStream(handle, maxCycles, in.valid().id(), in.ready().id(), in.data().id(), in.last().id(),
                flits.length / iw, flits, out.valid().id(), out.ready().id(), out.data().id(), out.last().id(),
                outBuf.length / ow, outBuf, stop.id(), result);
        return new StreamResult(c, result[0], result[1], Stop.values()[result[2]]);
    }

    /**
     * Starts writing a waveform to {@code file} (VCD or FST, as the model was built) from the
     * current cycle; time is 10 units per cycle with the rising edge at 5.
     */
    public Path traceTo(Path file) {
        checkOpen();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        if (api.traceOpen(handle, file.toAbsolutePath().toString()) != 0) {
            throw new IllegalArgumentException("cannot open waveform file " + file);
        }
        waveform = file.toAbsolutePath();
        return waveform;
    }

    /** The waveform being written, or null if tracing is off. */
    public Path waveform() {
        return waveform;
    }

    /** Flushes the waveform so a viewer sees everything up to now. */
    public void flushTrace() {
        checkOpen();
        api.traceFlush(handle);
    }

    public void stopTrace() {
        checkOpen();
        api.traceClose(handle);
        waveform = null;
    }

    /** Whether the design executed {@code $finish}. */
    public boolean finished() {
        checkOpen();
        return api.finished(handle) != 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            api.destroy(handle);
        }
    }

    private static int[] ids(PortInfo[] ps) {
        int[] r = new int[ps.length];
        for (int i = 0; i < ps.length; i++) {
            r[i] = ps[i].id();
        }
        return r;
    }

    private void requireInput(PortInfo p) {
        if (!p.input()) {
            throw new IllegalArgumentException(p.name() + " is an output of " + top + "; only inputs can be driven");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(top + " model is closed");
        }
    }
}
