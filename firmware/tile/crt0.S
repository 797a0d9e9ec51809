/* Start-up of the NeuroForge core tile firmware (docs/tile.md). The image has written DMEM
 * (.data, .rodata and a zeroed .bss included) before RUN, so nothing is copied or cleared here.
 * sp = header word 7 (DMEM top, written by TileImage), gp for relaxed accesses, mtvec = the tick
 * entry (direct mode; the only interrupt enabled is the external one, TICK_PENDING), then main(),
 * which reads the header and writes DONE with interrupts still off; then interrupts on and a wfi
 * loop that holds no live register. So the tick entry saves nothing: it calls nf_tick as a plain
 * function (which may clobber every caller-saved register and ra) and returns with mret. Every
 * register is cleared first: the register file is a memory that no reset clears, and a reloaded
 * tile must not depend on what the last program left in it (the lockstep ISS starts from zeros). There is no other trap handler: the firmware takes no exception
 * (TileModel stops on one). */
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
    la      t0, tick_entry
    csrw    mtvec, t0
    call    main
    csrsi   mstatus, 8
1:  wfi
    j       1b
tick_entry:
    call    nf_tick
    mret
