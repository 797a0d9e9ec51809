package dev.neuroforge.sim;

/** Waveform formats a model can be built to write; both open in GTKWave. */
public enum TraceFormat {
    /** Value change dump: plain text, read by every viewer. */
    VCD("--trace", "vcd"),
    /** GTKWave's compressed format: much smaller files for long runs. */
    FST("--trace-fst", "fst");

    private final String flag;
    private final String extension;

    TraceFormat(String flag, String extension) {
        this.flag = flag;
        this.extension = extension;
    }

    String verilatorFlag() {
        return flag;
    }

    public String extension() {
        return extension;
    }
}
