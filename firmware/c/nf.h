/* Tiny helpers for C programs on the NeuroForge controller core (memory map in docs/core.md). */
#ifndef NF_H
#define NF_H
#include <stdint.h>

#define NF_CONSOLE (*(volatile uint32_t *)0x10000014u)

static inline void nf_puts(const char *s)
{
    while (*s) {
        NF_CONSOLE = (uint8_t)*s++;
    }
}

static inline void nf_puthex(uint32_t v)
{
    for (int i = 28; i >= 0; i -= 4) {
        NF_CONSOLE = (uint8_t)"0123456789abcdef"[(v >> i) & 15];
    }
}
#endif
