/* Sorts 200 signed numbers from a linear congruential generator with a recursive quicksort and
 * checks the result against an insertion sort of the same input and for order and permutation
 * (sum and xor kept). Returns 0 on pass, else the failing check. */
#include "nf.h"

#define N 200

static int32_t a[N], b[N];

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s;
}

static void quicksort(int32_t *v, int lo, int hi)
{
    while (lo < hi) {
        int32_t p = v[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < p) i++;
            while (v[j] > p) j--;
            if (i <= j) {
                int32_t t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                j--;
            }
        }
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
}

static void insertion(int32_t *v, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t x = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

int main(void)
{
    uint32_t seed = 12345;
    int32_t sum = 0, x = 0;
    for (int i = 0; i < N; i++) {
        a[i] = (int32_t)lcg(&seed) >> 8;   /* both signs */
        b[i] = a[i];
        sum += a[i];
        x ^= a[i];
    }
    quicksort(a, 0, N - 1);
    insertion(b, N);
    int32_t sum2 = 0, x2 = 0;
    for (int i = 0; i < N; i++) {
        if (i > 0 && a[i - 1] > a[i]) {
            return 1;
        }
        if (a[i] != b[i]) {
            return 2;
        }
        sum2 += a[i];
        x2 ^= a[i];
    }
    if (sum != sum2 || x != x2) {
        return 3;
    }
    if (a[0] >= 0 || a[N - 1] <= 0) {
        return 4;   /* the LCG gives both signs; a sorted array starts negative, ends positive */
    }
    nf_puts("sorted ");
    nf_puthex(N);
    nf_puts(" numbers, min ");
    nf_puthex((uint32_t)a[0]);
    nf_puts("\n");
    return 0;
}
