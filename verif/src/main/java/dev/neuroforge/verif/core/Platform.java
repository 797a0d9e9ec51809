package dev.neuroforge.verif.core;

import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.util.OptionalInt;

/**
 * RAM plus the MMIO device of {@link MemoryMap}: the world a program runs in, on the ISS and (served
 * cycle by cycle by the harness) on the RTL. Time advances only through {@link #tick()}; the
 * tohost word is watched so a runner can stop when the program reports its result.
 */
public final class Platform implements Bus {
    private final byte[] ram = new byte[MemoryMap.RAM_SIZE];
    private long mtime;
    private long mtimecmp = -1L;
    private int irqTest;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private int tohostAddr = -1;
    private boolean watching;
    private OptionalInt tohost = OptionalInt.empty();

    /** Watches the word at {@code addr} (in RAM, word-aligned): the first non-zero write ends a run. */
    public Platform watchTohost(int addr) {
        if ((addr & 3) != 0 || !MemoryMap.inRam(addr, 4)) {
            throw new IllegalArgumentException("tohost address " + MemoryMap.hex(addr)
                    + " must be a word-aligned RAM address (RAM is " + MemoryMap.hex(MemoryMap.RAM_BASE) + ".."
                    + MemoryMap.hex(MemoryMap.RAM_BASE + MemoryMap.RAM_SIZE - 1) + ")");
        }
        tohostAddr = addr;
        watching = true;
        return this;
    }

    /** The first non-zero word the program wrote to tohost, if any. */
    public OptionalInt tohost() {
        return tohost;
    }

    /** Everything the program wrote to the console register, as text (ISO-8859-1 bytes as UTF-8 if valid). */
    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** Advances mtime by one (once per retired instruction on the ISS, once per clock on the RTL). */
    public void tick() {
        mtime++;
    }

    public long mtime() {
        return mtime;
    }

    /** Sets mtime (lockstep uses it to keep the ISS's timer in step with the RTL's). */
    public void setMtime(long value) {
        mtime = value;
    }

    public long mtimecmp() {
        return mtimecmp;
    }

    @Override
    public boolean externalIrq() {
        return (irqTest & 1) != 0;
    }

    @Override
    public boolean timerIrq() {
        return Long.compareUnsigned(mtime, mtimecmp) >= 0;
    }

    @Override
    public boolean isMmio(int addr) {
        return MemoryMap.inMmioWindow(addr);
    }

    /** Copies {@code data} into RAM at {@code addr}; the whole range must lie in RAM. */
    public void write(int addr, byte[] data) {
        if (!MemoryMap.inRam(addr, data.length)) {
            throw new IllegalArgumentException(data.length + " bytes at " + MemoryMap.hex(addr) + " do not fit in RAM");
        }
        System.arraycopy(data, 0, ram, addr - MemoryMap.RAM_BASE, data.length);
    }

    /** Writes little-endian words into RAM from {@code addr}. */
    public void writeWords(int addr, int[] words) {
        for (int i = 0; i < words.length; i++) {
            store(addr + 4 * i, 4, words[i]);
        }
    }

    /**
     * The instruction word at {@code pc} for an instruction port, or empty when the fetch faults
     * (outside RAM, the MMIO window included, or not word-aligned): the RTL harness answers an
     * instruction access fault then.
     */
    public OptionalInt fetch(int pc) {
        if ((pc & 3) != 0 || MemoryMap.fetchFault(pc)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(load(pc, 4));
    }

    @Override
    public int load(int addr, int bytes) {
        check(addr, bytes, false);
        if (MemoryMap.inRam(addr, bytes)) {
            int o = addr - MemoryMap.RAM_BASE;
            int v = 0;
            for (int i = bytes - 1; i >= 0; i--) {
                v = (v << 8) | (ram[o + i] & 0xFF);
            }
            return v;
        }
        int reg = mmioReg(addr);
        int word = switch (reg - MemoryMap.MMIO_BASE) {
            case 0x00 -> (int) mtime;
            case 0x04 -> (int) (mtime >>> 32);
            case 0x08 -> (int) mtimecmp;
            case 0x0C -> (int) (mtimecmp >>> 32);
            case 0x10 -> irqTest;
            default -> 0; // console reads as zero
        };
        return lanes(word >>> (8 * (addr & 3)), bytes);
    }

    @Override
    public void store(int addr, int bytes, int value) {
        check(addr, bytes, true);
        if (MemoryMap.inRam(addr, bytes)) {
            int o = addr - MemoryMap.RAM_BASE;
            for (int i = 0; i < bytes; i++) {
                ram[o + i] = (byte) (value >>> (8 * i));
            }
            if (watching && tohost.isEmpty() && (addr & ~3) == tohostAddr) {
                int w = load(tohostAddr, 4);
                if (w != 0) {
                    tohost = OptionalInt.of(w);
                }
            }
            return;
        }
        int reg = mmioReg(addr);
        int shift = 8 * (addr & 3);
        int mask = (bytes == 4 ? -1 : (1 << (8 * bytes)) - 1) << shift;
        int v = value << shift;
        switch (reg - MemoryMap.MMIO_BASE) {
            case 0x08 -> mtimecmp = (mtimecmp & ~(mask & 0xFFFF_FFFFL)) | (v & mask & 0xFFFF_FFFFL);
            case 0x0C -> mtimecmp = (mtimecmp & ~((mask & 0xFFFF_FFFFL) << 32)) | ((v & mask & 0xFFFF_FFFFL) << 32);
            case 0x10 -> irqTest = ((irqTest & ~mask) | (v & mask)) & 1;
            case 0x14 -> console.write(value & 0xFF);
            default -> throw new IllegalStateException("unreachable: store to " + MemoryMap.hex(addr));
        }
    }

    private static int mmioReg(int addr) {
        return addr & ~3;
    }

    private static int lanes(int v, int bytes) {
        return bytes == 4 ? v : v & ((1 << (8 * bytes)) - 1);
    }

    private static void check(int addr, int bytes, boolean write) {
        if (bytes != 1 && bytes != 2 && bytes != 4 || (addr & (bytes - 1)) != 0) {
            throw new IllegalArgumentException("bus access of " + bytes + " bytes at " + MemoryMap.hex(addr)
                    + ": must be 1, 2 or 4 bytes, naturally aligned");
        }
        if (MemoryMap.dataFault(addr, bytes, write)) {
            throw new IllegalArgumentException((write ? "store to " : "load from ") + MemoryMap.hex(addr)
                    + " is outside the memory map (access fault)");
        }
    }
}
