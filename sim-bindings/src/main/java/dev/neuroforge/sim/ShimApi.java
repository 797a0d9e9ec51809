package dev.neuroforge.sim;

/**
 * The shim's functions as seen from Java. Each loaded library gets its own implementing class
 * (see {@link NativeShim}), because JNA direct mapping binds a class's native methods to one
 * library. Internal to sim-bindings; public only because each copy lives in its own class loader.
 */
public interface ShimApi {
    int portCount();

    String portName(int id);

    int portWidth(int id);

    int portDir(int id);

    String topName();

    long create();

    void destroy(long h);

    void poke(long h, int id, long v);

    long peek(long h, int id);

    void pokeWords(long h, int id, int[] src);

    void peekWords(long h, int id, int[] dst);

    void eval(long h);

    void step(long h, int cycles);

    long cycle(long h);

    void reset(long h, int cycles);

    void run(long h, int cycles, int nIn, int[] inIds, int[] inBuf, int nOut, int[] outIds, int[] outBuf);

    long runStream(long h, long maxCycles, int inValid, int inReady, int inData, int inLast, int nFlits, int[] inFlits,
            int outValid, int outReady, int outData, int outLast, int outCap, int[] outBuf, int stop, int[] result);

    int traceOpen(long h, String path);

    void traceClose(long h);

    void traceFlush(long h);

    int finished(long h);
}
