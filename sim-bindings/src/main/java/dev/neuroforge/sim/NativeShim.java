package dev.neuroforge.sim;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.Map;

/**
 * JNA direct-mapped binding of one shim library. {@link NativeLoader} defines a fresh copy of
 * this class in its own class loader for every library, so two models built from different
 * configurations each have their own native methods in one JVM.
 */
final class NativeShim implements ShimApi {
    private static final int RTLD_NOW = 2;

    /** Binds this class's native methods to the library at {@code path}. Called reflectively. */
    static ShimApi bind(String path) {
        Native.register(NativeShim.class, NativeLibrary.getInstance(path,
                Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW)));
        return new NativeShim();
    }

    private static native int nf_port_count();

    private static native String nf_port_name(int id);

    private static native int nf_port_width(int id);

    private static native int nf_port_dir(int id);

    private static native String nf_top_name();

    private static native long nf_create();

    private static native void nf_destroy(long h);

    private static native void nf_poke(long h, int id, long v);

    private static native long nf_peek(long h, int id);

    private static native void nf_poke_words(long h, int id, int[] src);

    private static native void nf_peek_words(long h, int id, int[] dst);

    private static native void nf_eval(long h);

    private static native void nf_step(long h, int cycles);

    private static native long nf_cycle(long h);

    private static native void nf_reset(long h, int cycles);

    private static native void nf_run(long h, int cycles, int nIn, int[] inIds, int[] inBuf, int nOut,
            int[] outIds, int[] outBuf);

    private static native long nf_run_stream(long h, long maxCycles, int inValid, int inReady, int inData, int inLast,
            int nFlits, int[] inFlits, int outValid, int outReady, int outData, int outLast, int outCap, int[] outBuf,
            int stop, int[] result);

    private static native int nf_trace_open(long h, String path);

    private static native void nf_trace_close(long h);

    private static native void nf_trace_flush(long h);

    private static native int nf_finished(long h);

    @Override
    public int portCount() {
        return nf_port_count();
    }

    @Override
    public String portName(int id) {
        return nf_port_name(id);
    }

    @Override
    public int portWidth(int id) {
        return nf_port_width(id);
    }

    @Override
    public int portDir(int id) {
        return nf_port_dir(id);
    }

    @Override
    public String topName() {
        return nf_top_name();
    }

    @Override
    public long create() {
        return nf_create();
    }

    @Override
    public void destroy(long h) {
        nf_destroy(h);
    }

    @Override
    public void poke(long h, int id, long v) {
        nf_poke(h, id, v);
    }

    @Override
    public long peek(long h, int id) {
        return nf_peek(h, id);
    }

    @Override
    public void pokeWords(long h, int id, int[] src) {
        nf_poke_words(h, id, src);
    }

    @Override
    public void peekWords(long h, int id, int[] dst) {
        nf_peek_words(h, id, dst);
    }

    @Override
    public void eval(long h) {
        nf_eval(h);
    }

    @Override
    public void step(long h, int cycles) {
        nf_step(h, cycles);
    }

    @Override
    public long cycle(long h) {
        return nf_cycle(h);
    }

    @Override
    public void reset(long h, int cycles) {
        nf_reset(h, cycles);
    }

    @Override
    public void run(long h, int cycles, int nIn, int[] inIds, int[] inBuf, int nOut, int[] outIds, int[] outBuf) {
        nf_run(h, cycles, nIn, inIds, inBuf, nOut, outIds, outBuf);
    }

    @Override
    public long runStream(long h, long maxCycles, int inValid, int inReady, int inData, int inLast, int nFlits,
            int[] inFlits, int outValid, int outReady, int outData, int outLast, int outCap, int[] outBuf, int stop,
            int[] result) {
        return nf_run_stream(h, maxCycles, inValid, inReady, inData, inLast, nFlits, inFlits, outValid, outReady, outData,
                outLast, outCap, outBuf, stop, result);
    }

    @Override
    public int traceOpen(long h, String path) {
        return nf_trace_open(h, path);
    }

    @Override
    public void traceClose(long h) {
        nf_trace_close(h);
    }

    @Override
    public void traceFlush(long h) {
        nf_trace_flush(h);
    }

    @Override
    public int finished(long h) {
        return nf_finished(h);
    }
}
