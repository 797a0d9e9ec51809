package dev.neuroforge.verif.core;

/**
 * What the ISS executes against. Accesses are naturally aligned and lie where
 * {@link MemoryMap#dataFault} says they do not fault; the core checks both before it calls the
 * bus, and a bus may throw {@link IllegalArgumentException} if asked anyway.
 */
public interface Bus {
    /** The {@code bytes} (1, 2 or 4) bytes at {@code addr}, little-endian, zero-extended. */
    int load(int addr, int bytes);

    /** Writes the low {@code bytes} bytes of {@code value} at {@code addr}, little-endian. */
    void store(int addr, int bytes, int value);

    /** True when {@code addr} is in the MMIO window (device registers, not memory). */
    boolean isMmio(int addr);

    /** The machine external interrupt line (mip.MEIP). */
    default boolean externalIrq() {
        return false;
    }

    /** The machine timer interrupt line (mip.MTIP). */
    default boolean timerIrq() {
        return false;
    }
}
