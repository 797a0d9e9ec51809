package dev.neuroforge.verif.core;

/**
 * What the ISS executes against. Accesses are naturally aligned and lie where {@link #dataFault}
 * says they do not fault; the core checks both before it calls the bus, and a bus may throw
 * {@link IllegalArgumentException} if asked anyway. The address map is the bus's: by default the
 * bare core's ({@link MemoryMap}); the tile's bus answers with the tile's.
 */
public interface Bus {
    /** The {@code bytes} (1, 2 or 4) bytes at {@code addr}, little-endian, zero-extended. */
    int load(int addr, int bytes);

    /** Writes the low {@code bytes} bytes of {@code value} at {@code addr}, little-endian. */
    void store(int addr, int bytes, int value);

    /** True when a data access of {@code bytes} bytes at {@code addr} is an access fault. */
    default boolean dataFault(int addr, int bytes, boolean write) {
        return MemoryMap.dataFault(addr, bytes, write);
    }

    /** True when fetching the instruction word at {@code pc} is an access fault. */
    default boolean fetchFault(int pc) {
        return MemoryMap.fetchFault(pc);
    }

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
