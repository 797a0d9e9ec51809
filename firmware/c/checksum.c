/* Checksums with published check values: CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320) of
 * "123456789" is 0xCBF43926; Adler-32 of "Wikipedia" is 0x11E60398. Also exercises division
 * (Adler's mod 65521) and a table built at run time in .bss. Returns 0 on pass, else the check. */
#include "nf.h"

static uint32_t table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        }
        table[i] = c;
    }
}

static uint32_t crc32(const char *s, uint32_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < n; i++) {
        c = table[(c ^ (uint8_t)s[i]) & 0xFF] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

static uint32_t crc32_bitwise(const char *s, uint32_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < n; i++) {
        c ^= (uint8_t)s[i];
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
        }
    }
    return ~c;
}

static uint32_t adler32(const char *s, uint32_t n)
{
    uint32_t a = 1, b = 0;
    for (uint32_t i = 0; i < n; i++) {
        a = (a + (uint8_t)s[i]) % 65521u;
        b = (b + a) % 65521u;
    }
    return (b << 16) | a;
}

int main(void)
{
    static const char check[] = "123456789";
    static const char wiki[] = "Wikipedia";
    crc_init();
    uint32_t crc = crc32(check, 9);
    nf_puts("crc32(123456789) = ");
    nf_puthex(crc);
    nf_puts("\n");
    if (crc != 0xCBF43926u) {
        return 1;
    }
    if (crc32_bitwise(check, 9) != 0xCBF43926u) {
        return 2;
    }
    uint32_t ad = adler32(wiki, 9);
    nf_puts("adler32(Wikipedia) = ");
    nf_puthex(ad);
    nf_puts("\n");
    if (ad != 0x11E60398u) {
        return 3;
    }
    /* A longer run: CRC of 512 bytes of a pattern, table and bitwise versions must agree. */
    static char buf[512];
    for (uint32_t i = 0; i < sizeof buf; i++) {
        buf[i] = (char)(i * 7 + (i >> 8));
    }
    if (crc32(buf, sizeof buf) != crc32_bitwise(buf, sizeof buf)) {
        return 4;
    }
    return 0;
}
