/* Firmware of the NeuroForge core tile (docs/tile.md, "Timestep protocol").
 *
 * Boot: read the table header the image wrote at the start of DMEM, give the update list's
 * descriptor to UPDLIST, enable the external interrupt (TICK_PENDING), write CTRL.DONE and sleep.
 * Each tick, when STATUS.SORTED says the due events arrived in axon order (the common case: one
 * source tile, or several whose events did not interleave): write CTRL.DRAIN | DONE and sleep;
 * the tile moves the due events into the fan-out unit, the update list behind them, advances the
 * SCDQ and acknowledges the tick itself. Otherwise: pop every due event into the DMEM buffer,
 * advance the SCDQ, acknowledge the tick (the event-in gate opens), hand the events to the fan-out
 * unit in axon order (one FANOUT store each, through the per-axon slots and bitmap), queue the
 * update list behind them (UPDATE) and write DONE. The fan-out unit reads each axon's segments and
 * the update loops from FANTAB and queues the NPE loops itself; idle_o waits for it and the NPE.
 * The core never touches a synapse, a segment or an NPE register. */
#include <stdint.h>

#define TILE_MMIO     0x10000000u
#define MMIO_CTRL     (0x10 / 4)
#define MMIO_DUE      (0x20 / 4)
#define MMIO_POP      (0x24 / 4)
#define MMIO_ADV      (0x28 / 4)
#define MMIO_STATUS   (0x14 / 4)
#define MMIO_FANOUT   (0x50 / 4)
#define MMIO_UPDATE   (0x54 / 4)
#define MMIO_UPDLIST  (0x58 / 4)
#define CTRL_DONE     1u
#define CTRL_TICK_ACK 2u
#define CTRL_DRAIN    32u
#define STATUS_SORTED 64u

#define HEADER ((const uint32_t *)0x00010000u)

#define TILE_NPE      0x20000000u
#define NPE_OP        2
#define OP_MAC        0u

/* The header, cached at boot (docs/tile.md, "Image"). */
static uint32_t upd_list;

/* Events out of axon order (from several source tiles, interleaved as they arrived) are sorted
 * through a slot per axon and a bitmap of the axons due (header word 6, docs/tile.md, "Image"):
 * each axon fires at most once per step, so popping each event into its axon's slot and bit, then
 * scanning the bitmap from the lowest to the highest axon seen, hands them out in order in
 * O(events + axons / 32). The scan clears the words it reads. */
static uint32_t *slots;
static uint32_t *due_bits;

/* The tick: called from crt0's tick entry, which saves nothing (the wfi loop it interrupts holds
 * no live register). */
void nf_tick(void)
{
    volatile uint32_t *const mm = (volatile uint32_t *)TILE_MMIO;
    if (__builtin_expect(mm[MMIO_STATUS] & STATUS_SORTED, 1)) {
        mm[MMIO_CTRL] = CTRL_DRAIN | CTRL_DONE;
        return;
    }

    /* Out of order: pop into the slots, advance, acknowledge, then hand out in axon order (one
     * FANOUT store per event; the store waits while the unit's queue is full). */
    uint32_t lo = 0xFFFFu;
    uint32_t hi = 0;
    for (uint32_t n = mm[MMIO_DUE]; n != 0; n--) {
        uint32_t w = mm[MMIO_POP];
        uint32_t a = w & 0xFFFFu;
        slots[a] = w;
        due_bits[a >> 5] |= 1u << (a & 31);
        lo = a < lo ? a : lo;
        hi = a > hi ? a : hi;
    }
    mm[MMIO_ADV] = 1;
    mm[MMIO_CTRL] = CTRL_TICK_ACK;
    for (uint32_t i = lo >> 5; i <= hi >> 5; i++) {
        uint32_t b = due_bits[i];
        if (!b) {
            continue;
        }
        due_bits[i] = 0;
        const uint32_t *s = slots + (i << 5);
        while (b) {
            if (!(b & 0xFFu)) {
                b >>= 8;
                s += 8;
                continue;
            }
            if (b & 1u) {
                mm[MMIO_FANOUT] = *s;
            }
            b >>= 1;
            s++;
        }
    }

    /* Neuron updates: the fan-out unit runs the update list behind the events. DONE at once:
     * idle_o also waits for the NPE, the fan-out and the event-out unit. */
    mm[MMIO_UPDATE] = upd_list;
    mm[MMIO_CTRL] = CTRL_DONE;
}

int main(void)
{
    volatile uint32_t *const mm = (volatile uint32_t *)TILE_MMIO;
    upd_list = HEADER[5];
    mm[MMIO_UPDLIST] = upd_list;
    slots = (uint32_t *)HEADER[6];
    due_bits = slots + HEADER[1];
    ((volatile uint32_t *)TILE_NPE)[NPE_OP] = OP_MAC; /* the fan-out unit's loops are MACs */
    __asm__ volatile("csrs mie, %0" ::"r"(1u << 11));
    mm[MMIO_CTRL] = CTRL_DONE;
    return 0; /* crt0 enables interrupts and sleeps */
}
