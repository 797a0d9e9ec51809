package dev.neuroforge.verif.core;

import static dev.neuroforge.verif.core.Asm.addi;
import static dev.neuroforge.verif.core.Asm.csr;
import static dev.neuroforge.verif.core.Asm.load;
import static dev.neuroforge.verif.core.Asm.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ISS on hand-worked cases from the RISC-V specifications, one instruction at a time: results,
 * the RVFI-style retirement record, CSR semantics, every trap cause, interrupts.
 */
class IssTest {
    private static final int A0 = 10;
    private static final int A1 = 11;
    private static final int A2 = 12;
    private static final int HANDLER = 0x800;

    private final Platform p = new Platform();
    private final Iss iss = new Iss(p, true);

    /** Places {@code words} at address 0. */
    private void prog(int... words) {
        p.writeWords(0, words);
    }

    /** Runs {@code insn} alone at pc 0 with a0 = a, a1 = b and returns its retirement record. */
    private Retire one(int insn, int a, int b) {
        prog(insn);
        iss.setReg(A0, a);
        iss.setReg(A1, b);
        return iss.step();
    }

    private void handlerAt(int addr) {
        iss.setReg(5, addr);
        prog(csr(1, 0, Csr.MTVEC, 5));
        iss.step();
        iss.setPc(0);
    }

    @ParameterizedTest(name = "{0} {1}, {2} = {3}")
    @CsvSource({
        "add, 0x7fffffff, 1, 0x80000000", "add, -1, 1, 0",
        "sub, 0, 1, 0xffffffff", "sub, 0x80000000, 1, 0x7fffffff",
        "sll, 1, 31, 0x80000000", "sll, 1, 33, 2",
        "srl, 0x80000000, 31, 1", "sra, 0x80000000, 31, 0xffffffff", "sra, 0x80000000, 0xffffffe4, 0xf8000000",
        "slt, -1, 1, 1", "slt, 1, -1, 0", "sltu, -1, 1, 0", "sltu, 1, -1, 1",
        "xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0", "or, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0",
        "and, 0xff00ff00, 0x0ff00ff0, 0x0f000f00",
        // M: low product, high products of each signedness, division corner cases
        "mul, 7, -3, -21", "mul, 0x80000000, -1, 0x80000000", "mul, 0xffff, 0xffff, 0xfffe0001",
        "mulh, -1, -1, 0", "mulh, 0x80000000, 0x80000000, 0x40000000", "mulh, -2, 3, 0xffffffff",
        "mulh, 0x7fffffff, 0x7fffffff, 0x3fffffff",
        "mulhu, 0xffffffff, 0xffffffff, 0xfffffffe", "mulhu, 0x80000000, 2, 1",
        "mulhsu, -1, 0xffffffff, 0xffffffff", "mulhsu, 2, 0xffffffff, 1", "mulhsu, 0x80000000, 0xffffffff, 0x80000000",
        "div, 7, -2, -3", "div, -7, 2, -3", "div, 5, 0, -1", "div, 0x80000000, -1, 0x80000000",
        "divu, 0xffffffff, 2, 0x7fffffff", "divu, 5, 0, 0xffffffff", "divu, 0x80000000, -1, 0",
        "rem, 7, -2, 1", "rem, -7, 2, -1", "rem, 5, 0, 5", "rem, 0x80000000, -1, 0",
        "remu, 0xffffffff, 10, 5", "remu, 5, 0, 5", "remu, 0x80000000, -1, 0x80000000",
    })
    void registerRegisterInstructionsFollowTheSpecification(String name, String a, String b, String want) {
        Retire r = one(op(name, A2, A0, A1), parse(a), parse(b));
        assertEquals(parse(want), iss.reg(A2), name);
        assertEquals(new Retire(0, op(name, A2, A0, A1), false, false, 0, 4, A0, A1, parse(a), parse(b), A2,
                parse(want), 0, 0, 0, 0, 0), r, "retirement record");
    }

    private static int parse(String s) {
        s = s.trim();
        return s.startsWith("0x") ? (int) Long.parseLong(s.substring(2), 16) : Integer.parseInt(s);
    }

    @ParameterizedTest(name = "f3={0} {1} imm {2} = {3}")
    @CsvSource({
        "0, 5, -6, 0xffffffff", "0, 5, 2047, 2052", "0, 5, -2048, -2043",
        "2, -5, -4, 1", "2, -5, -5, 0", "3, 5, -1, 1", "3, -1, -1, 0", "3, 0, 1, 1",
        "4, 0x12345678, -1, 0xedcba987", "6, 0x80000000, -2048, 0xfffff800", "7, 0xffffffff, 0x7ff, 0x7ff",
        "1, 0x12345678, 4, 0x23456780", "5, 0x87654321, 4, 0x08765432", "5, 0x87654321, 0x404, 0xf8765432",
    })
    void immediateInstructionsSignExtendTheirImmediate(int f3, String a, String imm, String want) {
        int insn = Asm.i(parse(imm), A0, f3, A2, 0x13);
        Retire r = one(insn, parse(a), 0);
        assertEquals(parse(want), iss.reg(A2));
        assertEquals(A0, r.rs1Addr());
        assertEquals(0, r.rs2Addr(), "an immediate instruction reads no rs2");
    }

    @Test
    void luiAuipcJalAndJalrLinkAndJump() {
        // pc 0: nop; 4: lui a0, 0xfffff; 8: auipc a1, 1; 12: jal ra, -8 (to 4)
        prog(Asm.NOP, Asm.u(0xfffff, A0, 0x37), Asm.u(0x1, A1, 0x17), Asm.jal(-8, 1));
        iss.step();
        Retire lui = iss.step();
        assertEquals(0xfffff000, iss.reg(A0));
        assertEquals(0, lui.rs1Addr(), "lui reads no register");
        iss.step();
        assertEquals(0x1008, iss.reg(A1), "auipc adds 0x1000 to its own pc 8");
        Retire jal = iss.step();
        assertEquals(16, iss.reg(1), "jal links pc + 4");
        assertEquals(4, jal.pcWdata());
        assertEquals(4, iss.pc());
        // jalr a0, -5(a0) with a0 = 0x105: target (0x105 - 5) & ~1 = 0x100
        prog(Asm.jalr(-5, A0, A0));
        iss.setPc(0);
        iss.setReg(A0, 0x105);
        Retire jr = iss.step();
        assertEquals(0x100, jr.pcWdata(), "target = (rs1 + imm) & ~1");
        assertEquals(4, iss.reg(A0), "rd == rs1: link written, target from the old value");
        assertEquals(0x105, jr.rs1Rdata());
        iss.setPc(0);
        iss.setReg(A0, 0x101);
        prog(Asm.jalr(0, A0, 0));
        assertEquals(0x100, iss.step().pcWdata(), "bit 0 of the target is cleared");
    }

    @Test
    void jalrTargetWithBitOneSetTrapsAsMisalignedOnTheJump() {
        handlerAt(HANDLER);
        prog(Asm.jalr(0, A0, 1));
        iss.setReg(A0, 0x106);
        iss.setReg(1, 0x55);
        Retire r = iss.step();
        assertTrue(r.trap());
        assertEquals(HANDLER, r.pcWdata());
        assertEquals(0x55, iss.reg(1), "rd not written");
        assertEquals(0, iss.csr(Csr.MCAUSE));
        assertEquals(0, iss.csr(Csr.MEPC));
        assertEquals(0x106, iss.csr(Csr.MTVAL));
        assertEquals(new Retire(1, Asm.jalr(0, A0, 1), true, false, 0, HANDLER, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), r,
                "a trap retires with no register or memory fields");
    }

    @ParameterizedTest(name = "f3={0} {1},{2} taken={3}")
    @CsvSource({"0, 5, 5, true", "0, 5, 6, false", "1, 0, 0x80000000, true", "1, -1, -1, false",
        "4, -1, 0, true", "4, 0, -1, false", "5, 7, 7, true", "5, -2, -1, false",
        "6, 0, -1, true", "6, -1, 0, false", "7, 0x80000000, 0x7fffffff, true", "7, 1, 2, false"})
    void branchesCompareSignedOrUnsigned(int f3, String a, String b, boolean taken) {
        prog(Asm.NOP, Asm.NOP, Asm.b(-8, A1, A0, f3));
        iss.setPc(8);
        iss.setReg(A0, parse(a));
        iss.setReg(A1, parse(b));
        Retire r = iss.step();
        assertEquals(taken ? 0 : 12, r.pcWdata());
        assertEquals(0, r.rdAddr());
    }

    @Test
    void takenBranchToAMisalignedTargetTrapsButANotTakenOneDoesNot() {
        handlerAt(HANDLER);
        prog(Asm.b(6, 0, 0, 1), Asm.b(6, 0, 0, 0));
        assertFalse(iss.step().trap(), "bne x0, x0 is not taken");
        Retire r = iss.step();
        assertTrue(r.trap());
        assertEquals(Csr.CAUSE_MISALIGNED_FETCH, iss.csr(Csr.MCAUSE));
        assertEquals(4, iss.csr(Csr.MEPC));
        assertEquals(10, iss.csr(Csr.MTVAL));
    }

    @Test
    void loadsExtendAndReportTheirByteLanes() {
        p.writeWords(0x100, new int[] {0x8000ff7f});
        int[][] cases = { // f3, offset, value, rmask, lane-placed rdata
            {0, 1, 0xffffffff, 0x2, 0x0000ff00}, {4, 1, 0xff, 0x2, 0x0000ff00},
            {1, 2, 0xffff8000, 0xc, 0x80000000}, {5, 2, 0x8000, 0xc, 0x80000000},
            {1, 0, 0xffffff7f, 0x3, 0x0000ff7f}, {2, 0, 0x8000ff7f, 0xf, 0x8000ff7f}, {0, 3, 0xffffff80, 0x8, 0x80000000},
        };
        for (int[] c : cases) {
            iss.setPc(0);
            Retire r = one(load(c[0], A2, A0, c[1] - 4), 0x104, 0);
            assertEquals(c[2], iss.reg(A2), "f3=" + c[0] + " offset " + c[1]);
            assertEquals(0x100, r.memAddr(), "word-aligned address");
            assertEquals(c[3], r.memRmask());
            assertEquals(c[4], r.memRdata());
            assertEquals(0, r.memWmask());
        }
    }

    @Test
    void storesWriteTheirLanesOnly() {
        p.writeWords(0x100, new int[] {0x11223344});
        iss.setReg(A1, 0xaabbccdd);
        iss.setReg(A0, 0x100);
        prog(Asm.s(1, A1, A0, 0), Asm.s(2, A1, A0, 1), Asm.s(0, A1, A0, 2));
        Retire sb = iss.step();
        assertEquals(0x1122dd44, p.load(0x100, 4));
        assertEquals(0x2, sb.memWmask());
        assertEquals(0x0000dd00, sb.memWdata());
        assertEquals(A1, sb.rs2Addr());
        assertEquals(0, sb.rdAddr(), "a store writes no register");
        Retire sh = iss.step();
        assertEquals(0xccdddd44, p.load(0x100, 4));
        assertEquals(0xc, sh.memWmask());
        assertEquals(0xccdd0000, sh.memWdata());
        Retire sw = iss.step();
        assertEquals(0xaabbccdd, p.load(0x100, 4));
        assertEquals(0xf, sw.memWmask());
    }

    @Test
    void registerZeroIgnoresWritesAndRetiresWithRdWdataZero() {
        Retire r = one(addi(0, 0, 5), 0, 0);
        assertEquals(0, iss.reg(0));
        assertEquals(0, r.rdAddr());
        assertEquals(0, r.rdWdata());
    }

    @Test
    void withoutTheMExtensionMulIsIllegalAndMisaSaysSo() {
        Iss noM = new Iss(p, false);
        p.writeWords(0, new int[] {op("mul", A2, A0, A1), csr(2, A0, Csr.MISA, 0)});
        Retire r = noM.step();
        assertTrue(r.trap());
        assertEquals(Csr.CAUSE_ILLEGAL, noM.csr(Csr.MCAUSE));
        assertEquals(op("mul", A2, A0, A1), noM.csr(Csr.MTVAL));
        assertEquals(0x40000100, noM.csr(Csr.MISA));
        assertEquals(0x40001100, iss.csr(Csr.MISA));
    }

    @Test
    void csrInstructionsReadTheOldValueThenWriteSetOrClear() {
        iss.setReg(A0, 0x0f0f);
        iss.setReg(A1, 0x00ff);
        prog(csr(1, A2, Csr.MSCRATCH, A0), csr(2, A2, Csr.MSCRATCH, A1), csr(3, A2, Csr.MSCRATCH, A0),
                csr(5, A2, Csr.MSCRATCH, 31), csr(7, A2, Csr.MSCRATCH, 3), csr(6, A2, Csr.MSCRATCH, 0));
        Retire w = iss.step();
        assertEquals(0, iss.reg(A2));
        assertEquals(0x0f0f, iss.csr(Csr.MSCRATCH));
        assertEquals(A0, w.rs1Addr());
        iss.step();
        assertEquals(0x0f0f, iss.reg(A2));
        assertEquals(0x0fff, iss.csr(Csr.MSCRATCH), "set");
        iss.step();
        assertEquals(0x0fff, iss.reg(A2));
        assertEquals(0x00f0, iss.csr(Csr.MSCRATCH), "clear");
        Retire wi = iss.step();
        assertEquals(0x00f0, iss.reg(A2));
        assertEquals(31, iss.csr(Csr.MSCRATCH), "uimm written");
        assertEquals(0, wi.rs1Addr(), "the immediate forms read no register");
        iss.step();
        assertEquals(28, iss.csr(Csr.MSCRATCH), "csrrci clears uimm bits");
        iss.step();
        assertEquals(28, iss.reg(A2), "csrrsi 0 reads without writing");
    }

    @Test
    void writableBitsOfTheMachineCsrs() {
        iss.setReg(A0, -1);
        prog(csr(1, 0, Csr.MSTATUS, A0), csr(1, 0, Csr.MIE, A0), csr(1, 0, Csr.MTVEC, A0), csr(1, 0, Csr.MEPC, A0),
                csr(1, 0, Csr.MCAUSE, A0), csr(1, 0, Csr.MTVAL, A0), csr(1, 0, Csr.MIP, A0), csr(1, 0, Csr.MISA, 0));
        for (int i = 0; i < 8; i++) {
            assertFalse(iss.step().trap(), "write " + i + " is legal");
        }
        assertEquals(0x1888, iss.csr(Csr.MSTATUS), "MIE, MPIE writable; MPP reads 3");
        assertEquals(0x880, iss.csr(Csr.MIE), "MEIE and MTIE");
        assertEquals(0xfffffffc, iss.csr(Csr.MTVEC), "direct mode only");
        assertEquals(0xfffffffc, iss.csr(Csr.MEPC), "IALIGN = 32");
        assertEquals(-1, iss.csr(Csr.MCAUSE));
        assertEquals(-1, iss.csr(Csr.MTVAL));
        assertEquals(0, iss.csr(Csr.MIP), "mip bits are read-only lines");
        assertEquals(0x40001100, iss.csr(Csr.MISA), "misa ignores writes");
        for (int c : new int[] {Csr.MVENDORID, Csr.MARCHID, Csr.MIMPID, Csr.MHARTID}) {
            assertEquals(0, iss.csr(c));
        }
    }

    @Test
    void writingAReadOnlyCsrOrTouchingAnUnimplementedOneIsIllegal() {
        handlerAt(HANDLER);
        int[] bad = {csr(1, 0, Csr.MHARTID, 0), csr(6, A0, Csr.MVENDORID, 1), csr(2, A0, 0x7c0, 0),
            csr(2, A0, 0xC00, 0), csr(2, A0, 0x100, 0)};
        for (int insn : bad) {
            iss.setPc(0);
            prog(insn);
            Retire r = iss.step();
            assertTrue(r.trap(), Disasm.of(insn));
            assertEquals(Csr.CAUSE_ILLEGAL, iss.csr(Csr.MCAUSE));
            assertEquals(insn, iss.csr(Csr.MTVAL), "mtval = the instruction word");
        }
        iss.setPc(0);
        prog(csr(2, A0, Csr.MHARTID, 0));
        assertFalse(iss.step().trap(), "csrrs with rs1 = x0 only reads");
    }

    @Test
    void minstretCountsRetiredInstructionsNotTrapsAndAWriteWins() {
        handlerAt(HANDLER);
        long base = Integer.toUnsignedLong(iss.csr(Csr.MINSTRET));
        assertEquals(1, base, "the mtvec write retired");
        prog(Asm.NOP, Asm.ECALL);
        iss.step();
        iss.setPc(4);
        iss.step();
        assertEquals(2, iss.csr(Csr.MINSTRET), "the ecall trapped and did not retire");
        assertEquals(3, iss.csr(Csr.MCYCLE), "mcycle on the ISS counts every step");
        iss.setReg(A0, -1);
        p.writeWords(0, new int[] {csr(1, 0, Csr.MINSTRET, A0), Asm.NOP});
        iss.setPc(0);
        iss.step();
        assertEquals(-1, iss.csr(Csr.MINSTRET), "the write wins over the increment");
        iss.step();
        assertEquals(0, iss.csr(Csr.MINSTRET));
        assertEquals(1, iss.csr(Csr.MINSTRETH), "carry into minstreth");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ecall, 11, 0", "ebreak, 3, 4", "illegal, 2, -1", "misaligned load, 4, 0x101", "load fault, 5, 0x20000000",
        "misaligned store, 6, 0x102", "store fault, 7, 0x10000000", "fetch fault, 1, 0x30000000",
    })
    void everyExceptionCauseSetsMcauseMepcMtvalAndStacksMstatus(String what, int cause, String tval) {
        handlerAt(HANDLER);
        iss.setReg(A0, 8);
        prog(csr(6, 0, Csr.MSTATUS, 8), 0); // MIE = 1
        iss.step();
        int insn = switch (what) {
            case "ecall" -> Asm.ECALL;
            case "ebreak" -> Asm.EBREAK;
            case "illegal" -> 0xffffffff;
            case "misaligned load" -> load(2, A2, A1, 0x101);
            case "load fault" -> load(0, A2, A1, 0);
            case "misaligned store" -> Asm.s(0x102, A0, A1, 2);
            case "store fault" -> Asm.s(0, A0, A1, 2);
            default -> Asm.jalr(0, A1, 0);
        };
        iss.setReg(A1, what.endsWith("fault") ? parse(tval) : 0);
        p.writeWords(4, new int[] {insn});
        Retire r = iss.step();
        if (what.equals("fetch fault")) {
            assertFalse(r.trap(), "the jump itself is fine");
            r = iss.step();
            assertEquals(0, r.insn(), "nothing was fetched");
        }
        assertTrue(r.trap(), what);
        assertEquals(HANDLER, r.pcWdata());
        assertEquals(HANDLER, iss.pc());
        assertEquals(cause, iss.csr(Csr.MCAUSE));
        assertEquals(what.equals("fetch fault") ? 0x30000000 : 4, iss.csr(Csr.MEPC));
        assertEquals(parse(tval), iss.csr(Csr.MTVAL));
        assertEquals(0x1880, iss.csr(Csr.MSTATUS), "MPIE = old MIE, MIE = 0, MPP = M");
        assertEquals(0, r.rdAddr());
        assertEquals(0, r.memWmask() | r.memRmask());
        p.writeWords(HANDLER, new int[] {Asm.MRET});
        Retire m = iss.step();
        assertEquals(iss.csr(Csr.MEPC), m.pcWdata(), "mret returns to mepc");
        assertEquals(0x1888, iss.csr(Csr.MSTATUS), "mret: MIE = MPIE, MPIE = 1");
    }

    @Test
    void misalignedIsReportedBeforeAccessFault() {
        handlerAt(HANDLER);
        prog(load(2, A2, A0, 0));
        iss.setReg(A0, 0x20000001);
        iss.step();
        assertEquals(Csr.CAUSE_MISALIGNED_LOAD, iss.csr(Csr.MCAUSE));
    }

    @Test
    void externalInterruptIsTakenBeforeTimerAndMarksTheHandlersFirstInstruction() {
        handlerAt(HANDLER);
        iss.setReg(A0, Csr.MEI | Csr.MTI);
        prog(csr(1, 0, Csr.MIE, A0), csr(6, 0, Csr.MSTATUS, 8), Asm.NOP, Asm.NOP);
        p.store(MemoryMap.IRQ_TEST, 4, 1);
        p.store(MemoryMap.MTIMECMP_HI, 4, 0);
        p.store(MemoryMap.MTIMECMP_LO, 4, 0);
        assertTrue(p.timerIrq() && p.externalIrq());
        p.writeWords(HANDLER, new int[] {Asm.NOP, Asm.MRET});
        iss.step();
        assertEquals(0x880, iss.csr(Csr.MIP));
        assertEquals(-1, iss.pendingInterrupt(), "mstatus.MIE still 0");
        assertFalse(iss.step().intr(), "the csrrsi enabling MIE retires normally");
        Retire first = iss.step();
        assertTrue(first.intr());
        assertEquals(HANDLER, first.pcRdata());
        assertEquals(0x8000000b, iss.csr(Csr.MCAUSE), "external (11) before timer (7)");
        assertEquals(8, iss.csr(Csr.MEPC), "the interrupted instruction");
        assertEquals(0, iss.csr(Csr.MTVAL));
        assertEquals(0x1880, iss.csr(Csr.MSTATUS));
        assertFalse(iss.step().intr(), "MIE = 0 in the handler: no nesting");
        p.store(MemoryMap.IRQ_TEST, 4, 0);
        Retire timer = iss.step();
        assertTrue(timer.intr(), "after mret the timer interrupt is taken at once");
        assertEquals(0x80000007, iss.csr(Csr.MCAUSE));
        assertEquals(8, iss.csr(Csr.MEPC), "mret's target, not yet executed");
    }

    @Test
    void lockstepHooksForceInterruptsAndOverrideLoads() {
        handlerAt(HANDLER);
        iss.autoInterrupts(false);
        iss.setReg(A0, Csr.MEI);
        prog(csr(1, 0, Csr.MIE, A0), csr(6, 0, Csr.MSTATUS, 8), load(0, A2, A1, 0x16), csr(2, A2, Csr.MCYCLE, 0));
        iss.step();
        assertThrows(IllegalStateException.class, () -> iss.takeInterrupt(Csr.IRQ_EXTERNAL), "MIE = 0");
        iss.step();
        assertThrows(IllegalStateException.class, () -> iss.takeInterrupt(Csr.IRQ_EXTERNAL), "line low");
        p.store(MemoryMap.IRQ_TEST, 4, 1);
        assertThrows(IllegalStateException.class, () -> iss.takeInterrupt(Csr.IRQ_TIMER), "timer not enabled");
        assertFalse(iss.step().intr(), "with autoInterrupts off nothing is taken by itself");
        assertEquals(0, iss.reg(A2), "lb of byte 0x16 read zero");
        iss.setPc(8);
        iss.setReg(A1, MemoryMap.MTIME_LO);
        iss.overrideNextLoad(0x00ab0000);
        Retire l = iss.step();
        assertEquals(0xffffffab, iss.reg(A2), "byte 2 of the overriding word, sign-extended");
        assertEquals(0x00ab0000, l.memRdata());
        assertEquals(0x4, l.memRmask());
        iss.overrideNextLoad(12345);
        iss.step();
        assertEquals(12345, iss.reg(A2), "mcycle read overridden");
        iss.takeInterrupt(Csr.IRQ_EXTERNAL);
        assertEquals(HANDLER, iss.pc());
        assertTrue(iss.step().intr());
    }

    @Test
    void accessesOutsideTheMapFaultAndMmioRegistersBehave() {
        assertTrue(MemoryMap.dataFault(0x20000, 1, false), "first byte past RAM");
        assertFalse(MemoryMap.dataFault(0x1fffc, 4, true));
        assertTrue(MemoryMap.dataFault(MemoryMap.MTIME_LO, 4, true), "mtime is read-only");
        assertFalse(MemoryMap.dataFault(MemoryMap.MTIME_LO, 4, false));
        assertTrue(MemoryMap.dataFault(MemoryMap.MMIO_BASE + 0x18, 4, false), "no register at +0x18");
        assertTrue(MemoryMap.fetchFault(MemoryMap.MMIO_BASE));
        p.tick();
        p.tick();
        assertEquals(2, p.load(MemoryMap.MTIME_LO, 4));
        p.store(MemoryMap.MTIMECMP_LO, 4, 3);
        assertFalse(p.timerIrq(), "mtimecmp high is still all ones");
        p.store(MemoryMap.MTIMECMP_HI, 4, 0);
        assertFalse(p.timerIrq());
        p.tick();
        assertTrue(p.timerIrq(), "mtime 3 >= mtimecmp 3");
        p.store(MemoryMap.CONSOLE, 1, 'h');
        p.store(MemoryMap.CONSOLE, 4, 'i');
        assertEquals("hi", p.console());
        assertThrows(IllegalArgumentException.class, () -> p.load(0x20000000, 4));
        assertTrue(p.fetch(MemoryMap.MTIME_LO).isEmpty(), "no instructions from MMIO");
        assertTrue(p.fetch(0x20000).isEmpty(), "nor past RAM");
        p.writeWords(0x1fffc, new int[] {0x12345678});
        assertEquals(0x12345678, p.fetch(0x1fffc).getAsInt());
    }

    @Test
    void tohostRecordsTheFirstNonZeroWord() {
        p.watchTohost(0x1000);
        p.store(0x1000, 4, 0);
        assertTrue(p.tohost().isEmpty());
        p.store(0x1002, 1, 0x7);
        assertEquals(0x70000, p.tohost().getAsInt());
        p.store(0x1000, 4, 1);
        assertEquals(0x70000, p.tohost().getAsInt(), "only the first result counts");
    }

    /** The M extension against a second formulation in exact integers (BigInteger), random and edge operands. */
    @Test
    void mExtensionAgreesWithExactIntegerArithmetic() {
        long seed = dev.neuroforge.verif.common.Seeds.seed("IssTest#mExtensionAgreesWithExactIntegerArithmetic");
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        int[] edge = {0, 1, -1, 2, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, 0x10000, 0xFFFF};
        java.math.BigInteger two32 = java.math.BigInteger.ONE.shiftLeft(32);
        for (int n = 0; n < 20_000; n++) {
            int a = n < 100 ? edge[n % 10] : rnd.nextInt();
            int b = n < 100 ? edge[n / 10] : rnd.nextInt(4) == 0 ? edge[rnd.nextInt(10)] : rnd.nextInt();
            java.math.BigInteger sa = java.math.BigInteger.valueOf(a);
            java.math.BigInteger sb = java.math.BigInteger.valueOf(b);
            java.math.BigInteger ua = java.math.BigInteger.valueOf(a & 0xFFFF_FFFFL);
            java.math.BigInteger ub = java.math.BigInteger.valueOf(b & 0xFFFF_FFFFL);
            // high word = floor(product / 2^32) taken mod 2^32
            int[] want = new int[8];
            want[0] = sa.multiply(sb).intValue();
            want[1] = floorDiv(sa.multiply(sb), two32).intValue();
            want[2] = floorDiv(sa.multiply(ub), two32).intValue();
            want[3] = floorDiv(ua.multiply(ub), two32).intValue();
            // division rounds toward zero; x / 0 = all ones, x % 0 = x; -2^31 / -1 = -2^31, remainder 0
            want[4] = b == 0 ? -1 : sa.divide(sb).intValue();
            want[5] = b == 0 ? -1 : ua.divide(ub).intValue();
            want[6] = b == 0 ? a : sa.subtract(sa.divide(sb).multiply(sb)).intValue();
            want[7] = b == 0 ? a : ua.mod(ub).intValue();
            for (int f3 = 0; f3 < 8; f3++) {
                assertEquals(want[f3], Iss.mul(f3, a, b), "f3=" + f3 + " a=" + a + " b=" + b);
            }
        }
    }

    private static java.math.BigInteger floorDiv(java.math.BigInteger x, java.math.BigInteger d) {
        java.math.BigInteger[] qr = x.divideAndRemainder(d);
        return qr[1].signum() < 0 ? qr[0].subtract(java.math.BigInteger.ONE) : qr[0];
    }

    @Test
    void fenceFenceIAndWfiRetireAsNoOpsWithoutOperands() {
        prog(0x0FF0000F, 0x0000100F, Asm.WFI);
        for (int i = 0; i < 3; i++) {
            Retire r = iss.step();
            assertEquals(new Retire(i, r.insn(), false, false, 4 * i, 4 * i + 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), r,
                    Disasm.of(r.insn()));
        }
        prog(0x0000200F); // MISC-MEM funct3 = 2
        iss.setPc(0);
        assertTrue(iss.step().trap(), "reserved MISC-MEM encoding is illegal");
    }

    @Test
    void retireDiffNamesEveryDifferingField() {
        Retire a = new Retire(3, 0x13, false, false, 8, 12, 1, 0, 5, 0, 2, 5, 0, 0, 0, 0, 0);
        Retire b = new Retire(3, 0x13, false, false, 8, 16, 1, 0, 5, 0, 2, 6, 0, 0, 0, 0, 0);
        assertEquals(java.util.List.of("pc_wdata: expected 0x0000000c got 0x00000010",
                "rd_wdata: expected 0x00000005 got 0x00000006"), a.diff(b));
        assertTrue(a.diff(a).isEmpty());
    }

    @Test
    void disassemblyIsReadable() {
        assertEquals("add a2, a0, a1", Disasm.of(op("add", A2, A0, A1)));
        assertEquals("lw a2, -4(a0)", Disasm.of(load(2, A2, A0, -4)));
        assertEquals("sb a1, 1(a0)", Disasm.of(Asm.s(1, A1, A0, 0)));
        assertEquals("bne zero, zero, 6", Disasm.of(Asm.b(6, 0, 0, 1)));
        assertEquals("csrrs a0, mstatus, zero", Disasm.of(csr(2, A0, Csr.MSTATUS, 0)));
        assertEquals("csrrwi zero, mscratch, 5", Disasm.of(csr(5, 0, Csr.MSCRATCH, 5)));
        assertEquals("jal ra, -8", Disasm.of(Asm.jal(-8, 1)));
        assertEquals("mret", Disasm.of(Asm.MRET));
        assertEquals("illegal 0xffffffff", Disasm.of(-1));
    }
}
