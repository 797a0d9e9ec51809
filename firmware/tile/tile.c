/* Firmware of the NeuroForge core tile (docs/tile.md, "Timestep protocol").
 *
 * Boot: read the table header the image wrote at the start of DMEM, enable the external
 * interrupt (TICK_PENDING), write CTRL.DONE and sleep. Each tick: pop every due SCDQ event into
 * the DMEM buffer in arrival order, advance the SCDQ, acknowledge the tick (the
 * event-in gate opens), set the NPE's OP to MAC and hand each event, in buffer order, to the
 * fan-out unit with one store to FANOUT, in axon order (the buffer's order when it is already
 * ascending, the common case on a single tile, otherwise through the per-axon slots and bitmap) (the unit reads the axon's segments from FANTAB and
 * queues their MAC loops itself); then the update loops of the update table (the core's NPE
 * writes wait until the fan-out unit is idle, so they follow every fan-out) and write DONE
 * (idle_o waits for the NPE). The core never touches a synapse or a segment. */
#include <stdint.h>

#define TILE_MMIO     0x10000000u
#define MMIO_CTRL     (0x10 / 4)
#define MMIO_DUE      (0x20 / 4)
#define MMIO_POP      (0x24 / 4)
#define MMIO_ADV      (0x28 / 4)
#define MMIO_FANOUT   (0x50 / 4)
#define CTRL_DONE     1u
#define CTRL_TICK_ACK 2u

#define TILE_NPE      0x20000000u
#define NPE_CTRL      0
#define NPE_STATUS    1
#define NPE_OP        2
#define NPE_COUNT     3
#define NPE_BASE_S    4
#define NPE_BASE_W    5
#define NPE_VALUE     6
#define NPE_THETA     7
#define NPE_SHIFT     8
#define NPE_START     1u
#define NPE_QFULL     2u
#define OP_MAC        0u

#define HEADER ((const uint32_t *)0x00010000u)

/* The header, cached at boot (docs/tile.md, "Image"). */
static const uint32_t *upd_tab;
static const uint32_t *upd_end;
static uint32_t *ev_buf;

/* Waits while the NPE's descriptor queue is full. The common case (room) falls through a forward
 * branch, which the core predicts not taken; a plain polling loop would end in a backward branch
 * predicted taken, two bubbles on every START. */
static inline __attribute__((always_inline)) void wait_queue(volatile uint32_t *npe)
{
    if (__builtin_expect(npe[NPE_STATUS] & NPE_QFULL, 0)) {
        while (npe[NPE_STATUS] & NPE_QFULL) {
        }
    }
}

/* Events out of axon order (from several source tiles, interleaved as they arrived) are sorted
 * through a slot per axon and a bitmap of the axons due (behind the event buffer, docs/tile.md,
 * "Image"): each axon fires at most once per step, so setting its bit and slot, then scanning the
 * bitmap from the lowest to the highest axon seen, hands them out in order in O(events + axons /
 * 32), where inserting into a sorted buffer cost O(events^2). The scan clears the words it reads. */
static uint32_t *slots;
static uint32_t *due_bits;

/* The tick: called from crt0's tick entry, which saves nothing (the wfi loop it interrupts holds
 * no live register). */
void nf_tick(void)
{
    volatile uint32_t *const mm = (volatile uint32_t *)TILE_MMIO;
    volatile uint32_t *const npe = (volatile uint32_t *)TILE_NPE;
    uint32_t *const buf = ev_buf;
    uint32_t *end = buf;

    /* Pop into the buffer in arrival order, noting whether any event's key is below the one
     * before it. Two events per iteration (an odd one first). */
    uint32_t n = mm[MMIO_DUE];
    uint32_t last = 0;  /* key of the last event popped */
    uint32_t down = 0;  /* nonzero: some event came below its predecessor */
    if (n & 1) {
        uint32_t w = mm[MMIO_POP];
        last = w << 16;
        *end++ = w;
    }
    uint32_t *const stop = end + (n & ~1u);
    while (end != stop) {
        uint32_t w0 = mm[MMIO_POP];
        uint32_t k0 = w0 << 16;
        uint32_t w1 = mm[MMIO_POP];
        uint32_t k1 = w1 << 16;
        down |= (k0 < last) | (k1 < k0);
        last = k1;
        end[0] = w0;
        end[1] = w1;
        end += 2;
    }
    mm[MMIO_ADV] = 1;
    mm[MMIO_CTRL] = CTRL_TICK_ACK;

    /* Fan-out: one store per event, in axon order; the store waits while the unit's queue is
     * full. The NPE's OP stays MAC for every loop the unit starts. */
    npe[NPE_OP] = OP_MAC;
    if (__builtin_expect(!down, 1)) {
        const uint32_t *q = buf;
        if (n & 1) {
            mm[MMIO_FANOUT] = *q++;
        }
        for (; q != end; q += 2) {
            uint32_t a = q[0];
            uint32_t b = q[1];
            mm[MMIO_FANOUT] = a;
            mm[MMIO_FANOUT] = b;
        }
    } else {
        uint32_t lo = 0xFFFFu;
        uint32_t hi = 0;
        for (const uint32_t *q = buf; q != end; q++) {
            uint32_t w = *q;
            uint32_t a = w & 0xFFFFu;
            slots[a] = w;
            due_bits[a >> 5] |= 1u << (a & 31);
            lo = a < lo ? a : lo;
            hi = a > hi ? a : hi;
        }
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
    }

    /* Neuron updates: one loop per population. */
    for (const uint32_t *u = upd_tab; u != upd_end; u += 5) {
        npe[NPE_OP] = u[0];
        npe[NPE_COUNT] = u[1];
        npe[NPE_BASE_S] = u[2];
        npe[NPE_THETA] = u[3];
        npe[NPE_SHIFT] = u[4];
        wait_queue(npe);
        npe[NPE_CTRL] = NPE_START;
    }
    /* DONE at once: idle_o also waits for the NPE, the fan-out and the event-out unit. */
    mm[MMIO_CTRL] = CTRL_DONE;
}

int main(void)
{
    volatile uint32_t *const mm = (volatile uint32_t *)TILE_MMIO;
    upd_tab = (const uint32_t *)HEADER[5];
    upd_end = upd_tab + 5 * HEADER[4];
    ev_buf = (uint32_t *)HEADER[6];
    slots = ev_buf + HEADER[1];
    due_bits = slots + HEADER[1];
    __asm__ volatile("csrs mie, %0" ::"r"(1u << 11));
    mm[MMIO_CTRL] = CTRL_DONE;
    return 0; /* crt0 enables interrupts and sleeps */
}
