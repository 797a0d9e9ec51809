package dev.neuroforge.verif.core;

/**
 * One retired instruction in the style of RVFI: what the ISS and the RTL's retirement port report
 * and lockstep compares field by field. Memory fields describe the word-aligned access: masks are
 * the 4 byte lanes, data are lane-placed with unused lanes zero. A trapping instruction retires
 * with {@code trap} set, {@code pcWdata} = the handler address and all register and memory fields
 * zero. {@code intr} marks the first instruction of a handler entered by an interrupt.
 */
public record Retire(long order, int insn, boolean trap, boolean intr, int pcRdata, int pcWdata,
        int rs1Addr, int rs2Addr, int rs1Rdata, int rs2Rdata, int rdAddr, int rdWdata,
        int memAddr, int memRmask, int memWmask, int memRdata, int memWdata) {

    /** The fields by name, in declaration order, for field-by-field reports. */
    public static final String[] FIELDS = dev.neuroforge.generator.core.CoreBuilder.RVFI_FIELDS.toArray(new String[0]);

    /** The field values as longs, in the order of {@link #FIELDS}. */
    public long[] values() {
        return new long[] {order, insn & 0xFFFF_FFFFL, trap ? 1 : 0, intr ? 1 : 0, pcRdata & 0xFFFF_FFFFL,
            pcWdata & 0xFFFF_FFFFL, rs1Addr, rs2Addr, rs1Rdata & 0xFFFF_FFFFL, rs2Rdata & 0xFFFF_FFFFL, rdAddr,
            rdWdata & 0xFFFF_FFFFL, memAddr & 0xFFFF_FFFFL, memRmask, memWmask, memRdata & 0xFFFF_FFFFL,
            memWdata & 0xFFFF_FFFFL};
    }

    /**
     * The fields where {@code got} differs from this (expected) record, one string each:
     * {@code "rd_wdata: expected 0x00000005 got 0x00000006"}; empty when they agree.
     */
    public java.util.List<String> diff(Retire got) {
        long[] e = values();
        long[] g = got.values();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < e.length; i++) {
            if (e[i] != g[i]) {
                out.add(String.format("%s: expected 0x%08x got 0x%08x", FIELDS[i], e[i], g[i]));
            }
        }
        return out;
    }

    /** One readable line: order, pc, instruction word and disassembly, then what it did. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        boolean noFetch = trap && MemoryMap.fetchFault(pcRdata);
        s.append(String.format("#%d pc=%08x %08x %-26s", order, pcRdata, insn,
                noFetch ? "(no instruction: fetch fault)" : Disasm.of(insn)));
        if (intr) {
            s.append(" [irq entry]");
        }
        if (trap) {
            s.append(String.format(" TRAP -> %08x", pcWdata));
            return s.toString();
        }
        if (rs1Addr != 0) {
            s.append(String.format(" x%d=%08x", rs1Addr, rs1Rdata));
        }
        if (rs2Addr != 0) {
            s.append(String.format(" x%d=%08x", rs2Addr, rs2Rdata));
        }
        if (rdAddr != 0) {
            s.append(String.format(" -> x%d=%08x", rdAddr, rdWdata));
        }
        if (memRmask != 0) {
            s.append(String.format(" load [%08x] mask %x = %08x", memAddr, memRmask, memRdata));
        }
        if (memWmask != 0) {
            s.append(String.format(" store [%08x] mask %x = %08x", memAddr, memWmask, memWdata));
        }
        if (pcWdata != pcRdata + 4) {
            s.append(String.format(" pc -> %08x", pcWdata));
        }
        return s.toString();
    }
}
