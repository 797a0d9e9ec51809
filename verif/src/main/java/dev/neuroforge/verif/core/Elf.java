package dev.neuroforge.verif.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An ELF32 little-endian RISC-V executable as the runner needs it: the PT_LOAD segments, the entry
 * point and the symbol table. Anything the core cannot run is refused with a message saying what
 * was found and what is allowed: another class, byte order or machine, compressed code, or a
 * segment or entry outside RAM ({@link MemoryMap}).
 */
public final class Elf {
    /** One loadable segment: {@code data} at {@code addr}, followed by zeros up to {@code memSize}. */
    public record Segment(int addr, byte[] data, int memSize) {
    }

    private static final int EM_RISCV = 243;
    private static final int PT_LOAD = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int EF_RISCV_RVC = 1;

    private final String name;
    private final int entry;
    private final List<Segment> segments;
    private final Map<String, Integer> symbols;

    private Elf(String name, int entry, List<Segment> segments, Map<String, Integer> symbols) {
        this.name = name;
        this.entry = entry;
        this.segments = List.copyOf(segments);
        this.symbols = Collections.unmodifiableMap(symbols);
    }

    /**
     * A program made in memory (e.g. by {@link RandomProgram}), checked like a file: every segment
     * and the entry must lie in RAM.
     */
    public static Elf of(String name, int entry, List<Segment> segments, Map<String, Integer> symbols) {
        for (Segment s : segments) {
            if (!MemoryMap.inRam(s.addr(), s.memSize()) || s.data().length > s.memSize()) {
                throw bad(name, String.format("has a segment at 0x%08x (%d bytes) outside RAM", s.addr(), s.memSize()));
            }
        }
        if (MemoryMap.fetchFault(entry) || (entry & 3) != 0) {
            throw bad(name, String.format("has entry point 0x%08x, which is not a word-aligned RAM address", entry));
        }
        return new Elf(name, entry, segments, new LinkedHashMap<>(symbols));
    }

    /** Reads and checks the file. */
    public static Elf read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Parses and checks an image; {@code name} is used in messages. */
    public static Elf parse(String name, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 52 || b.getInt(0) != 0x464C457F) {
            throw bad(name, "is not an ELF file (no \\x7fELF magic)");
        }
        if (bytes[4] != 1) {
            throw bad(name, "is ELF class " + bytes[4] + " (" + (bytes[4] == 2 ? "64-bit" : "unknown")
                    + "); only ELFCLASS32 (RV32) runs on this core");
        }
        if (bytes[5] != 1) {
            throw bad(name, "is big-endian (EI_DATA=" + bytes[5] + "); only little-endian RISC-V is supported");
        }
        int machine = b.getShort(18) & 0xFFFF;
        if (machine != EM_RISCV) {
            throw bad(name, "is for machine " + machine + ", not RISC-V (e_machine must be " + EM_RISCV + ")");
        }
        int type = b.getShort(16) & 0xFFFF;
        if (type != 2) {
            throw bad(name, "has e_type " + type + "; only executables (ET_EXEC = 2) can be loaded");
        }
        int flags = b.getInt(36);
        if ((flags & EF_RISCV_RVC) != 0) {
            throw bad(name, "is built with compressed instructions (EF_RISCV_RVC); the core runs RV32IM only:"
                    + " compile with -march=rv32im");
        }
        int entry = b.getInt(24);
        int phoff = b.getInt(28);
        int shoff = b.getInt(32);
        int phentsize = b.getShort(42) & 0xFFFF;
        int phnum = b.getShort(44) & 0xFFFF;
        int shentsize = b.getShort(46) & 0xFFFF;
        int shnum = b.getShort(48) & 0xFFFF;
        List<Segment> segs = new ArrayList<>();
        try {
            for (int i = 0; i < phnum; i++) {
                int p = phoff + i * phentsize;
                if (b.getInt(p) != PT_LOAD) {
                    continue;
                }
                int off = b.getInt(p + 4);
                int vaddr = b.getInt(p + 8);
                int filesz = b.getInt(p + 16);
                int memsz = b.getInt(p + 20);
                if (memsz == 0) {
                    continue;
                }
                if (!MemoryMap.inRam(vaddr, Integer.toUnsignedLong(memsz)) || filesz > memsz) {
                    throw bad(name, String.format("has a PT_LOAD segment at 0x%08x..0x%08x (%d bytes) outside RAM;"
                            + " the memory map allows .text/.data/.bss only in RAM 0x%08x..0x%08x (docs/core.md,"
                            + " \"Memory map\"; link with firmware/link.ld)", vaddr,
                            vaddr + memsz - 1, Integer.toUnsignedLong(memsz), MemoryMap.RAM_BASE,
                            MemoryMap.RAM_BASE + MemoryMap.RAM_SIZE - 1));
                }
                byte[] data = new byte[filesz];
                System.arraycopy(bytes, off, data, 0, filesz);
                segs.add(new Segment(vaddr, data, memsz));
            }
            if (segs.isEmpty()) {
                throw bad(name, "has no PT_LOAD segment to run");
            }
            if (MemoryMap.fetchFault(entry) || (entry & 3) != 0) {
                throw bad(name, String.format("has entry point 0x%08x, which is not a word-aligned RAM address"
                        + " (RAM is 0x%08x..0x%08x)", entry, MemoryMap.RAM_BASE,
                        MemoryMap.RAM_BASE + MemoryMap.RAM_SIZE - 1));
            }
            Map<String, Integer> syms = new LinkedHashMap<>();
            for (int i = 0; i < shnum && shoff != 0; i++) {
                int s = shoff + i * shentsize;
                if (b.getInt(s + 4) != SHT_SYMTAB) {
                    continue;
                }
                int symOff = b.getInt(s + 16);
                int symSize = b.getInt(s + 20);
                int link = b.getInt(s + 24);
                int strOff = b.getInt(shoff + link * shentsize + 16);
                for (int e = symOff; e + 16 <= symOff + symSize; e += 16) {
                    String n = cString(bytes, strOff + b.getInt(e));
                    if (!n.isEmpty()) {
                        syms.putIfAbsent(n, b.getInt(e + 4));
                    }
                }
            }
            return new Elf(name, entry, segs, syms);
        } catch (IndexOutOfBoundsException e) {
            throw bad(name, "is truncated or has headers pointing outside the file (" + bytes.length + " bytes)");
        }
    }

    private static String cString(byte[] bytes, int off) {
        int end = off;
        while (bytes[end] != 0) {
            end++;
        }
        return new String(bytes, off, end - off, StandardCharsets.ISO_8859_1);
    }

    private static IllegalArgumentException bad(String name, String what) {
        return new IllegalArgumentException("ELF " + name + " " + what);
    }

    public String name() {
        return name;
    }

    public int entry() {
        return entry;
    }

    public List<Segment> segments() {
        return segments;
    }

    public Map<String, Integer> symbols() {
        return symbols;
    }

    public OptionalInt symbol(String sym) {
        Integer v = symbols.get(sym);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** The address of {@code tohost}, required: it is how a program reports its result. */
    public int tohost() {
        return symbol("tohost").orElseThrow(() -> bad(name,
                "has no 'tohost' symbol; a program reports pass/fail by writing to tohost (link with firmware/link.ld)"));
    }

    /** Copies the segments into {@code p}'s RAM (bss is zero there already for a fresh platform). */
    public void loadInto(Platform p) {
        for (Segment s : segments) {
            p.write(s.addr(), s.data());
            p.write(s.addr() + s.data().length, new byte[s.memSize() - s.data().length]);
        }
    }
}
