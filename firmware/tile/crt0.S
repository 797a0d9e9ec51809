/* Start-up of the NeuroForge core tile firmware (docs/tile.md). The image has written DMEM
 * (.data, .rodata and a zeroed .bss included) before RUN, so nothing is copied or cleared here.
 * sp = header word 7 (DMEM top, written by TileImage), gp for relaxed accesses, mtvec = the tick
 * handler (direct mode; the only interrupt enabled is the external one, TICK_PENDING), then
 * main(), which never returns. Any other trap parks the core in a loop at __tile_trap with
 * mcause in a0, where a debugger (or TileModel) can see it. */
    .section .text.init, "ax"
    .globl _start
_start:
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
