package dev.neuroforge.verif.tile;

import dev.neuroforge.generator.npe.NpeMap;
import dev.neuroforge.generator.tile.TileMap;
import dev.neuroforge.generator.tile.TileParams;
import dev.neuroforge.verif.core.Bus;
import dev.neuroforge.verif.core.Iss;
import dev.neuroforge.verif.core.Retire;
import dev.neuroforge.verif.core.RetireChecker;

/**
 * Checks the tile's core instruction by instruction against the ISS, as {@code Lockstep} does for
 * the bare core: every retirement on the tile's {@code rvfi_*_o} port is compared with the ISS
 * running the same image. The ISS runs on a shadow of the tile's memories with the tile's address
 * map (IMEM, DMEM; MMIO and NPE windows word-only, everything else an access fault); the values
 * of device-register loads (SCDQ, NPE status, counters: their timing is the RTL's) come from the
 * RTL's record, stores to them are not modelled. The first mismatch is kept with its report.
 */
public final class TileLockstep implements TileHarness.RetireSink {
    private final RetireChecker checker;
    private final ShadowBus bus;
    private String problem;
    private long checked;

    public TileLockstep(TileImage image) {
        TileParams p = image.shape();
        bus = new ShadowBus(image.imem(), image.dmem().clone(), 4L << new NpeMap(p.npe()).addrBits());
        checker = new RetireChecker(new Iss(bus, p.core().mExtension()), bus::isMmio);
    }

    @Override
    public void retired(Retire r, int lastIrqCause, long cycle) {
        if (problem != null) {
            return;
        }
        if (r.intr()) {
            if (lastIrqCause < 0) {
                problem = checker.report(r, null, "the RTL marks a handler entered by interrupt, but took no interrupt",
                        cycle);
                return;
            }
            bus.irq = true;
            problem = checker.enterInterrupt(r, lastIrqCause, "external = TICK_PENDING", cycle);
            bus.irq = false;
            if (problem != null) {
                return;
            }
        }
        problem = checker.step(r, cycle);
        checked++;
    }

    /** The report of the first mismatch, or null while the two agree. */
    public String problem() {
        return problem;
    }

    /** Instructions compared so far. */
    public long checked() {
        return checked;
    }

    /** The tile's memories as the ISS sees them. */
    private static final class ShadowBus implements Bus {
        private final int[] imem;
        private final int[] dmem;
        private final long npeBytes;
        boolean irq;

        ShadowBus(int[] imem, int[] dmem, long npeBytes) {
            this.imem = imem;
            this.dmem = dmem;
            this.npeBytes = npeBytes;
        }

        private static boolean in(int addr, int base, long size, int bytes) {
            long off = (addr & 0xFFFF_FFFFL) - base;
            return off >= 0 && off + bytes <= size;
        }

        @Override
        public boolean fetchFault(int pc) {
            return !in(pc, TileMap.IMEM_BASE, 4L * imem.length, 4);
        }

        @Override
        public boolean dataFault(int addr, int bytes, boolean write) {
            if (in(addr, TileMap.DMEM_BASE, 4L * dmem.length, bytes)) {
                return false;
            }
            return bytes != 4 || !isMmio(addr);
        }

        @Override
        public boolean isMmio(int addr) {
            return in(addr, TileMap.MMIO_BASE, TileMap.MMIO_SIZE, 4) || in(addr, TileMap.NPE_BASE, npeBytes, 4);
        }

        @Override
        public int load(int addr, int bytes) {
            if (in(addr, TileMap.IMEM_BASE, 4L * imem.length, 4) && bytes == 4 && !isMmio(addr)) {
                return imem[addr >>> 2];
            }
            if (isMmio(addr)) {
                return 0; // device registers: the lockstep hands the ISS the RTL's value instead
            }
            int w = dmem[(addr - TileMap.DMEM_BASE) >>> 2] >>> (8 * (addr & 3));
            return bytes == 4 ? w : w & ((1 << (8 * bytes)) - 1);
        }

        @Override
        public void store(int addr, int bytes, int value) {
            if (isMmio(addr)) {
                return;
            }
            int i = (addr - TileMap.DMEM_BASE) >>> 2;
            int shift = 8 * (addr & 3);
            int mask = bytes == 4 ? -1 : ((1 << (8 * bytes)) - 1) << shift;
            dmem[i] = dmem[i] & ~mask | (value << shift) & mask;
        }

        @Override
        public boolean externalIrq() {
            return irq;
        }
    }
}
