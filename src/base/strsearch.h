/* strsearch.h — byte-string search and comparison: the first occurrence of
 * a needle in a haystack for the string functions (LIKE '%x%', position,
 * ...), and the short-key equality the hash tables use.
 *
 * Needles of two bytes or more are found 16 candidate positions at a time
 * by comparing the needle's first and last bytes at once (SSE2, part of
 * every x86-64), and each candidate checked; one-byte needles are memchr,
 * and elsewhere it is the C library's memmem. */
#ifndef BASALT_STRSEARCH_H
#define BASALT_STRSEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

const char *str_find(const char *h, size_t hl, const char *nd, size_t nl);

/* Equality of two n-byte strings (hash-table keys), inline for short ones:
 * word compares, the tail an overlapping last word; memcmp past 32 bytes. */
static inline bool str_eq(const char *a, const char *b, size_t n)
{
    if (n > 32) return memcmp(a, b, n) == 0;
    if (n >= 8) {
        uint64_t x, y, d = 0;
        for (size_t i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            d |= x ^ y;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return (d | (x ^ y)) == 0;
    }
    uint8_t d = 0;
    for (size_t i = 0; i < n; i++) d |= (uint8_t)(a[i] ^ b[i]);
    return d == 0;
}

#endif
