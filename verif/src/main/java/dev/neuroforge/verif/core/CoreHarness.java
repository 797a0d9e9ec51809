package dev.neuroforge.verif.core;

import dev.neuroforge.generator.Design;
import dev.neuroforge.generator.core.CoreBuilder;
import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.sim.PortInfo;
import dev.neuroforge.sim.SimModel;
import dev.neuroforge.verif.common.RtlModels;
import java.util.Random;

/**
 * Runs the Verilated core against a {@link Platform}: serves its instruction and data SRAM-style
 * ports from the platform's RAM and MMIO device cycle by cycle, drives the interrupt lines from the
 * platform, ticks the platform once per clock, and turns the RVFI-style retirement port into
 * {@link Retire} records.
 *
 * <p>Port timing (docs/core.md, "Microarchitecture"): a request accepted in cycle t (ready high)
 * is answered in cycle t+1. The harness reads RAM when it accepts a request, so a fetch in the
 * same cycle as a store to the same word sees the old word (read-before-write SRAM). Both ports'
 * error inputs come back with the response, one cycle after the request: the data port's from
 * {@link MemoryMap#dataFault} (the access is then not performed), the instruction port's from
 * {@link MemoryMap#fetchFault}. Optionally either port's ready is dropped at random cycles, which
 * the core must ride out with its stalls.
 */
public final class CoreHarness implements AutoCloseable {
    /** Where the data port pointed in a cycle the core entered an interrupt handler. */
    public record IrqEntry(long cycle, int cause, long mtime, boolean external, boolean timer) {
    }

    private static final int NO_READ = 0xDEAD_BEEF; // what the data port returns when nothing was read

    private final SimModel sim;
    private final Platform platform;
    private final PortInfo imemAddr;
    private final PortInfo imemReady;
    private final PortInfo imemRdata;
    private final PortInfo imemErr;
    private final PortInfo dmemReq;
    private final PortInfo dmemWe;
    private final PortInfo dmemBe;
    private final PortInfo dmemAddr;
    private final PortInfo dmemWdata;
    private final PortInfo dmemReady;
    private final PortInfo dmemErr;
    private final PortInfo dmemRdata;
    private final PortInfo irqExt;
    private final PortInfo irqTimer;
    private final PortInfo irqTaken;
    private final PortInfo irqCause;
    private final PortInfo rvfiValid;
    private final PortInfo[] rvfi;
    private final long[] rv = new long[17];

    private Random stallRandom;
    private double imemStall;
    private double dmemStall;
    private boolean fetchPending;
    private int fetchWord;
    private boolean fetchErr;
    private boolean dataErr;
    private int readWord = NO_READ;
    private long cycles;
    private long retired;
    private IrqEntry lastIrq;

    /** Loads (building or taking from the cache) the core of {@code params}, served from {@code platform}. */
    public CoreHarness(CoreParams params, Platform platform) {
        this(CoreBuilder.build(params), platform);
    }

    /** As above for an already generated design (tests use it for deliberately broken variants). */
    public CoreHarness(Design design, Platform platform) {
        this(RtlModels.load(design), platform);
    }

    /** Serves an already loaded core model (its ports named as the generated core's). */
    public CoreHarness(SimModel sim, Platform platform) {
        this.sim = sim;
        this.platform = platform;
        imemAddr = sim.port("imem_addr_o");
        imemReady = sim.port("imem_ready_i");
        imemRdata = sim.port("imem_rdata_i");
        imemErr = sim.port("imem_err_i");
        dmemReq = sim.port("dmem_req_o");
        dmemWe = sim.port("dmem_we_o");
        dmemBe = sim.port("dmem_be_o");
        dmemAddr = sim.port("dmem_addr_o");
        dmemWdata = sim.port("dmem_wdata_o");
        dmemReady = sim.port("dmem_ready_i");
        dmemErr = sim.port("dmem_err_i");
        dmemRdata = sim.port("dmem_rdata_i");
        irqExt = sim.port("irq_external_i");
        irqTimer = sim.port("irq_timer_i");
        irqTaken = sim.port("irq_taken_o");
        irqCause = sim.port("irq_cause_o");
        String[] names = Retire.FIELDS;
        rvfiValid = sim.port("rvfi_valid_o");
        rvfi = new PortInfo[names.length];
        for (int i = 0; i < names.length; i++) {
            rvfi[i] = sim.port("rvfi_" + names[i] + "_o");
        }
        reset();
    }

    /**
     * Drops the instruction port's ready with probability {@code imem} and the data port's with
     * {@code dmem} in each cycle, drawn from {@code random}; 0 and 0 (the default) never stall.
     */
    public CoreHarness stalls(Random random, double imem, double dmem) {
        this.stallRandom = random;
        this.imemStall = imem;
        this.dmemStall = dmem;
        return this;
    }

    /** Resets the core (the platform keeps its contents); the first fetch is at the reset pc. */
    public void reset() {
        sim.poke(imemReady, 0);
        sim.poke(dmemReady, 0);
        sim.poke(imemErr, 0);
        sim.poke(dmemErr, 0);
        sim.poke(irqExt, 0);
        sim.poke(irqTimer, 0);
        sim.reset(2);
        fetchPending = false;
        dataErr = false;
        readWord = NO_READ;
        lastIrq = null;
    }

    public SimModel sim() {
        return sim;
    }

    public Platform platform() {
        return platform;
    }

    /** Clock cycles run since construction (reset cycles not counted). */
    public long cycles() {
        return cycles;
    }

    /** Instructions retired (trapping ones included). */
    public long retired() {
        return retired;
    }

    /** The latest interrupt entry, or null if the core has taken none. */
    public IrqEntry lastInterrupt() {
        return lastIrq;
    }

    /** Runs one clock cycle; returns the instruction retired in it, or null. */
    public Retire cycle() {
        // Answers to last cycle's accepted requests, and the interrupt lines.
        sim.poke(imemRdata, fetchPending ? fetchWord & 0xFFFF_FFFFL : 0xFFFF_FFFFL);
        sim.poke(imemErr, fetchPending && fetchErr ? 1 : 0);
        sim.poke(dmemRdata, readWord & 0xFFFF_FFFFL);
        sim.poke(dmemErr, dataErr ? 1 : 0);
        boolean ext = platform.externalIrq();
        boolean timer = platform.timerIrq();
        sim.poke(irqExt, ext ? 1 : 0);
        sim.poke(irqTimer, timer ? 1 : 0);
        boolean iReady = stallRandom == null || imemStall == 0 || stallRandom.nextDouble() >= imemStall;
        boolean dReady = stallRandom == null || dmemStall == 0 || stallRandom.nextDouble() >= dmemStall;
        sim.poke(imemReady, iReady ? 1 : 0);
        sim.poke(dmemReady, dReady ? 1 : 0);

        // The data request of this cycle and the decoder's answer (given to the core next cycle).
        boolean dReq = sim.peek(dmemReq) != 0;
        boolean we = false;
        int be = 0;
        int addr = 0;
        int wdata = 0;
        boolean err = false;
        if (dReq) {
            we = sim.peek(dmemWe) != 0;
            be = (int) sim.peek(dmemBe);
            addr = (int) sim.peek(dmemAddr);
            wdata = (int) sim.peek(dmemWdata);
            int off = Integer.numberOfTrailingZeros(be);
            int bytes = Integer.bitCount(be);
            if ((addr & 3) != 0 || !(bytes == 1 || bytes == 2 && (off & 1) == 0 || bytes == 4) || off + bytes > 4
                    || bytes != 4 && Integer.bitCount(be >>> off) != bytes) {
                throw new IllegalStateException("cycle " + cycles + ": the core put an impossible request on the data port: addr "
                        + MemoryMap.hex(addr) + " be " + Integer.toBinaryString(be));
            }
            err = MemoryMap.dataFault(addr + off, bytes, we);
        }

        // The fetch of this cycle.
        int fetchAddr = (int) sim.peek(imemAddr);
        boolean taken = sim.peek(irqTaken) != 0;
        if (taken) {
            lastIrq = new IrqEntry(cycles, (int) sim.peek(irqCause), platform.mtime(), ext, timer);
        }
        Retire r = null;
        if (sim.peek(rvfiValid) != 0) {
            for (int i = 0; i < rvfi.length; i++) {
                rv[i] = sim.peek(rvfi[i]);
            }
            r = new Retire(rv[0], (int) rv[1], rv[2] != 0, rv[3] != 0, (int) rv[4], (int) rv[5], (int) rv[6],
                    (int) rv[7], (int) rv[8], (int) rv[9], (int) rv[10], (int) rv[11], (int) rv[12], (int) rv[13],
                    (int) rv[14], (int) rv[15], (int) rv[16]);
            retired++;
        }

        // The accepted requests take effect at the clock edge: reads first (read-before-write).
        fetchPending = iReady;
        if (iReady) {
            fetchErr = MemoryMap.fetchFault(fetchAddr) || (fetchAddr & 3) != 0;
            fetchWord = fetchErr ? 0 : platform.load(fetchAddr, 4);
        }
        readWord = NO_READ;
        dataErr = dReq && dReady && err;
        if (dReq && dReady && !err) {
            int off = Integer.numberOfTrailingZeros(be);
            int bytes = Integer.bitCount(be);
            if (we) {
                platform.store(addr + off, bytes, bytes == 4 ? wdata : (wdata >>> (8 * off)) & ((1 << (8 * bytes)) - 1));
            } else {
                // RAM answers with the whole word (the core picks its lanes); a device with the lanes asked for.
                readWord = MemoryMap.inRam(addr, 4) ? platform.load(addr, 4) : platform.load(addr + off, bytes) << (8 * off);
            }
        }
        sim.step(1);
        platform.tick();
        cycles++;
        return r;
    }

    @Override
    public void close() {
        sim.close();
    }
}
