package dev.neuroforge.verif.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random RV32IM programs for lockstep checking: every instruction a legal RV32I(M)/Zicsr one, with
 * control flow that always terminates and memory accesses that stay in a data window.
 *
 * <p>Layout (all in RAM): code from 0; the data window {@link #DATA_BASE}..+{@link #DATA_SIZE},
 * filled with random words; the tohost word at {@link #TOHOST}. x31 holds the data window's base
 * and x30 the loop counter; no generated instruction writes either. The program is a sequence of
 * blocks; a block is straight-line code whose branches and jumps (conditional branches, jal,
 * auipc+jalr pairs) only go forward to a later instruction of the same block or the first one
 * after it. A loop is {@code x30 = n; body; x30 -= 1; bne x30, x0, body} with n in 1..6 and the body
 * a block. The end writes 1 to tohost; a trap (which a correct generator never causes) writes 3.
 */
public final class RandomProgram {
    public static final int DATA_BASE = 0x1E000;
    public static final int DATA_SIZE = 2048;
    public static final int TOHOST = 0x1F000;
    /** Most instructions the code region below the data window holds. */
    public static final int MAX_LENGTH = DATA_BASE / 4 - 64;
    private static final int BASE = 31;
    private static final int COUNT = 30;
    private static final int[] CSR_READS = {Csr.MSCRATCH, Csr.MINSTRET, Csr.MISA, Csr.MHARTID, Csr.MSTATUS,
        Csr.MCYCLE, Csr.MINSTRETH, Csr.MIE};

    /** The generated program: code words from address 0 and the initial data window. */
    public record Image(long seed, int[] code, int[] data) {
        /** Writes code and data into {@code p} and watches {@link #TOHOST}. */
        public Platform loadInto(Platform p) {
            p.writeWords(0, code);
            p.writeWords(DATA_BASE, data);
            p.watchTohost(TOHOST);
            return p;
        }

        /** A fresh platform holding the program. */
        public Platform platform() {
            return loadInto(new Platform());
        }

        /** The program as an in-memory ELF (code and data segments, a tohost symbol) for any back end. */
        public Elf toElf() {
            return Elf.of("random-" + seed, 0, java.util.List.of(new Elf.Segment(0, bytes(code), 4 * code.length),
                    new Elf.Segment(DATA_BASE, bytes(data), 4 * data.length)), java.util.Map.of("tohost", TOHOST));
        }

        private static byte[] bytes(int[] words) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * words.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(words);
            return b.array();
        }

        /** First address past the code. */
        public int codeEnd() {
            return 4 * code.length;
        }
    }

    private final SplittableRandom rnd;
    private final boolean mExt;
    private final List<Integer> code = new ArrayList<>();

    private RandomProgram(long seed, boolean mExt) {
        this.rnd = new SplittableRandom(seed);
        this.mExt = mExt;
    }

    /**
     * A program of about {@code length} static instructions (loops make the dynamic count larger).
     *
     * @throws IllegalArgumentException when {@code length} is outside 64..{@link #MAX_LENGTH}
     */
    public static Image generate(long seed, int length, boolean mExtension) {
        if (length < 64 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("length = " + length + " is not allowed: must be in 64.." + MAX_LENGTH
                    + " (the code must fit below the data window at " + MemoryMap.hex(DATA_BASE) + ")");
        }
        RandomProgram g = new RandomProgram(seed, mExtension);
        g.build(length);
        int[] data = new int[DATA_SIZE / 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = g.rnd.nextInt();
        }
        return new Image(seed, g.code.stream().mapToInt(Integer::intValue).toArray(), data);
    }

    private void emit(int insn) {
        code.add(insn);
    }

    private void build(int length) {
        // mtvec = trap stub (patched once its address is known), registers random, x31 = data base
        int mtvecAt = code.size();
        emit(0);
        emit(0);
        emit(csr(1, 0, Csr.MTVEC, 5));
        for (int r = 1; r < 30; r++) {
            emit(u(rnd.nextInt(1 << 20), r, 0x37));
            emit(i(rnd.nextInt(4096) - 2048, r, 0, r, 0x13));
        }
        emit(u(DATA_BASE >>> 12, BASE, 0x37));
        while (code.size() < length - 8) {
            int room = length - 8 - code.size();
            if (rnd.nextInt(4) == 0 && room > 12) {
                int body = 4 + rnd.nextInt(Math.min(20, room - 8));
                emit(i(1 + rnd.nextInt(6), 0, 0, COUNT, 0x13));
                block(body);
                emit(i(-1, COUNT, 0, COUNT, 0x13));
                emit(b(-4 * (body + 1), 0, COUNT, 1));
            } else {
                block(Math.min(room, 4 + rnd.nextInt(28)));
            }
        }
        // pass: tohost = 1; then spin
        emit(i(1, 0, 0, 1, 0x13));
        emit(u(TOHOST >>> 12, 2, 0x37));
        emit(s(TOHOST & 0xFFF, 1, 2, 2));
        emit(jal(0, 0));
        int stub = 4 * code.size();
        emit(i(3, 0, 0, 1, 0x13));
        emit(u(TOHOST >>> 12, 2, 0x37));
        emit(s(TOHOST & 0xFFF, 1, 2, 2));
        emit(jal(0, 0));
        int hi = (stub + 0x800) >>> 12;
        code.set(mtvecAt, u(hi, 5, 0x37));
        code.set(mtvecAt + 1, i(stub - (hi << 12), 5, 0, 5, 0x13));
    }

    /** {@code n} instructions whose jumps land at most on the first instruction after them. */
    private void block(int n) {
        int start = code.size();
        // targets of the jumps emitted so far: the jalr of an auipc+jalr pair must not be one, or a
        // jump landing on it would skip the auipc that computes its base
        java.util.BitSet targets = new java.util.BitSet();
        while (code.size() < start + n) {
            int slot = code.size() - start;
            int left = n - slot;
            int kind = rnd.nextInt(100);
            if (kind < 8) {
                int k = 1 + rnd.nextInt(left);
                targets.set(slot + k);
                emit(b(4 * k, anyReg(), anyReg(), pick(0, 1, 4, 5, 6, 7)));
            } else if (kind < 10) {
                int k = 1 + rnd.nextInt(left);
                targets.set(slot + k);
                emit(jal(4 * k, rd()));
            } else if (kind < 12 && left >= 2 && !targets.get(slot + 1)) {
                int t = 1 + rnd.nextInt(29);
                int k = 2 + rnd.nextInt(left - 1);             // jalr lands k slots after the auipc
                targets.set(slot + k);
                emit(u(0, t, 0x17));                           // auipc t, 0
                emit(i(4 * k + rnd.nextInt(2), t, 0, rd(), 0x67)); // jalr rd, 4k(t); bit 0 of the sum is ignored
            } else if (kind < 22) {
                memory();
            } else if (kind < 25) {
                csrOp();
            } else if (kind < 38 && mExt) {
                emit(r(1, anyReg(), anyReg(), rnd.nextInt(8), rd()));
            } else if (kind < 60) {
                int f3 = rnd.nextInt(8);
                int f7 = f3 == 0 || f3 == 5 ? (rnd.nextBoolean() ? 0x20 : 0) : 0;
                emit(r(f7, anyReg(), anyReg(), f3, rd()));
            } else if (kind < 88) {
                int f3 = rnd.nextInt(8);
                int imm = f3 == 1 ? rnd.nextInt(32) : f3 == 5 ? rnd.nextInt(32) | (rnd.nextBoolean() ? 0x400 : 0)
                        : rnd.nextInt(4096) - 2048;
                emit(i(imm, anyReg(), f3, rd(), 0x13));
            } else if (kind < 96) {
                emit(u(rnd.nextInt(1 << 20), rd(), rnd.nextBoolean() ? 0x37 : 0x17));
            } else if (kind < 98) {
                emit(0x0FF0000F);                                 // fence iorw, iorw
            } else {
                emit(i(0, 0, 0, 0, 0x13));                        // nop
            }
        }
    }

    private void memory() {
        boolean store = rnd.nextBoolean();
        int f3 = store ? rnd.nextInt(3) : pick(0, 1, 2, 4, 5);
        int size = 1 << (f3 & 3);
        int off = rnd.nextInt(DATA_SIZE / size) * size;
        emit(store ? s(off, anyReg(), BASE, f3) : i(off, BASE, f3, rd(), 0x03));
    }

    private void csrOp() {
        if (rnd.nextBoolean()) {
            int f3 = pick(1, 2, 3, 5, 6, 7);
            emit(csr(f3, rd(), Csr.MSCRATCH, f3 >= 4 ? rnd.nextInt(32) : anyReg()));
        } else {
            emit(csr(2, rd(), CSR_READS[rnd.nextInt(CSR_READS.length)], 0));
        }
    }

    private int pick(int... v) {
        return v[rnd.nextInt(v.length)];
    }

    /** Any source register, x30/x31 included. */
    private int anyReg() {
        return rnd.nextInt(32);
    }

    /** A destination: x0..x29 (x0 sometimes, to check its writes are dropped). */
    private int rd() {
        return rnd.nextInt(30);
    }

    private static int r(int f7, int rs2, int rs1, int f3, int rd) {
        return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | 0x33;
    }

    private static int i(int imm, int rs1, int f3, int rd, int op) {
        return (imm & 0xFFF) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
    }

    private static int s(int imm, int rs2, int rs1, int f3) {
        return ((imm >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 0x1F) << 7 | 0x23;
    }

    private static int b(int imm, int rs2, int rs1, int f3) {
        return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12
                | ((imm >> 1) & 0xF) << 8 | ((imm >> 11) & 1) << 7 | 0x63;
    }

    private static int u(int imm20, int rd, int op) {
        return imm20 << 12 | rd << 7 | op;
    }

    private static int jal(int imm, int rd) {
        return ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3FF) << 21 | ((imm >> 11) & 1) << 20
                | ((imm >> 12) & 0xFF) << 12 | rd << 7 | 0x6F;
    }

    private static int csr(int f3, int rd, int csr, int src) {
        return csr << 20 | src << 15 | f3 << 12 | rd << 7 | 0x73;
    }

}
