/* Start-up of the NeuroForge core tile firmware (docs/tile.md). The image has written DMEM
 * (.data, .rodata and a zeroed .bss included) before RUN, so nothing is copied or cleared here.
 * sp = header word 7 (DMEM top, written by TileImage), gp for relaxed accesses, mtvec = the tick
 * handler (direct mode; the only interrupt enabled is the external one, TICK_PENDING), then
 * main(), which never returns. Every register is cleared first: the register file is a memory that
 * no reset clears, and a reloaded tile must not depend on what the last program left in it (the
 * lockstep ISS starts from zeros). Any other trap parks the core in a loop at __tile_trap with
 * mcause in a0, where a debugger (or TileModel) can see it. */
    .section .text.init, "ax"
    .globl _start
_start:
    .irp r, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    li      x\r, 0
    .endr
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    li      t0, 0x00010000
    lw      sp, 28(t0)
    la      t0, nf_tick
    csrw    mtvec, t0
    call    main
    .globl __tile_trap
__tile_trap:
    csrr    a0, mcause
1:  j       1b
