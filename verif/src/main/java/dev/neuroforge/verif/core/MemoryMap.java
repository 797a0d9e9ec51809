package dev.neuroforge.verif.core;

/**
 * The controller core's memory map, shared by the ISS, the RTL harness, the ELF loader and the
 * firmware linker script (docs/core.md, "Memory map").
 *
 * <pre>
 * 0x0000_0000 .. 0x0001_FFFF  RAM, 128 KiB: code, data, stack (reset pc 0, stack top 0x0002_0000)
 * 0x1000_0000 .. 0x1000_00FF  MMIO device window
 *   +0x00 / +0x04  mtime low / high      read-only; +1 per Platform.tick()
 *   +0x08 / +0x0C  mtimecmp low / high   timer interrupt line = mtime >= mtimecmp (unsigned)
 *   +0x10          interrupt test        bit 0 drives the machine external interrupt line (level)
 *   +0x14          console               a byte written is appended to the console output
 * </pre>
 * Every other address is an access fault: loads and stores raise load/store access-fault, a fetch
 * outside RAM raises instruction access-fault. Inside the MMIO window only the six registers
 * exist; a store to mtime is an access fault (it is read-only). Accesses are naturally aligned
 * (the core traps misaligned ones first), so an access never straddles two registers.
 */
public final class MemoryMap {
    public static final int RAM_BASE = 0x0000_0000;
    public static final int RAM_SIZE = 128 * 1024;
    public static final int RESET_PC = RAM_BASE;
    public static final int STACK_TOP = RAM_BASE + RAM_SIZE;

    public static final int MMIO_BASE = 0x1000_0000;
    public static final int MMIO_SIZE = 0x100;
    public static final int MTIME_LO = MMIO_BASE;
    public static final int MTIME_HI = MMIO_BASE + 0x04;
    public static final int MTIMECMP_LO = MMIO_BASE + 0x08;
    public static final int MTIMECMP_HI = MMIO_BASE + 0x0C;
    public static final int IRQ_TEST = MMIO_BASE + 0x10;
    public static final int CONSOLE = MMIO_BASE + 0x14;
    /** First offset past the last register of the MMIO window. */
    public static final int MMIO_REGS_END = MMIO_BASE + 0x18;

    private MemoryMap() {
    }

    /** True when all {@code bytes} bytes from {@code addr} lie in RAM. */
    public static boolean inRam(long addr, long bytes) {
        long a = addr & 0xFFFF_FFFFL;
        return bytes >= 0 && a >= RAM_BASE && a + bytes <= (long) RAM_BASE + RAM_SIZE;
    }

    /** True when {@code addr} lies in the MMIO window (whether or not a register is there). */
    public static boolean inMmioWindow(int addr) {
        return Integer.compareUnsigned(addr - MMIO_BASE, MMIO_SIZE) < 0;
    }

    /**
     * True when a naturally aligned data access of {@code bytes} (1, 2 or 4) at {@code addr}
     * faults: outside RAM and outside the six MMIO registers, or a store to mtime.
     */
    public static boolean dataFault(int addr, int bytes, boolean write) {
        if (inRam(addr, bytes)) {
            return false;
        }
        if (Integer.compareUnsigned(addr - MMIO_BASE, MMIO_REGS_END - MMIO_BASE) < 0) {
            return write && Integer.compareUnsigned(addr - MMIO_BASE, 8) < 0;
        }
        return true;
    }

    /** True when fetching the instruction word at {@code pc} faults (anything outside RAM). */
    public static boolean fetchFault(int pc) {
        return !inRam(pc, 4);
    }

    public static String hex(int v) {
        return String.format("0x%08x", v);
    }
}
