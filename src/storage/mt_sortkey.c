/* mt_sortkey.c — packing sorting keys into words and sorting rows by them
 * (see mt_sortkey.h). The sort is an LSD radix sort of (first word, row)
 * pairs, 8 bits a pass, skipping passes where every row has the same byte;
 * rows whose first words tie are then ordered by their other words. Equal
 * keys keep their row order, so the sort is stable.
 */
#include "mt_sortkey.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"

static int nk_width(const DataType *t, bool *sg)
{
    TypeKind k = t->kind;
    *sg = k == TYPE_INT8 || k == TYPE_INT16 || k == TYPE_INT32 || k == TYPE_INT64 || k == TYPE_ENUM8 || k == TYPE_ENUM16 ||
          k == TYPE_DATE32;
    return col_int_width(t);
}

int mt_nk_words(const DataType *const *types, int n)
{
    int bits = 0;
    bool sg;
    for (int k = 0; k < n; k++) {
        int w = nk_width(types[k], &sg);
        if (!w) return 0;
        bits += 8 * w;
    }
    return n && bits <= 64 * MT_NK_MAX_WORDS ? (bits + 63) / 64 : 0;
}

int mt_nk_words_cols(Column *const *keys, int n)
{
    const DataType *types[64];
    if (n > 64) return 0;
    for (int k = 0; k < n; k++) {
        if (keys[k]->is_const) return 0;
        types[k] = keys[k]->type;
    }
    return mt_nk_words(types, n);
}

void mt_nk_pack(Column *const *keys, int nkeys, size_t rows, int nw, uint64_t *out)
{
    memset(out, 0, rows * (size_t)nw * sizeof *out);
    int pos = 0;
    for (int k = 0; k < nkeys; k++) {
        const Column *c = keys[k];
        bool sg;
        int w = nk_width(c->type, &sg), bits = 8 * w, off = pos % 64;
        uint64_t flip = sg ? 1ull << (bits - 1) : 0;
        uint64_t *d = out + pos / 64;
        if (off + bits <= 64) {
            int sh = 64 - off - bits;
            for (size_t r = 0; r < rows; r++) d[r * (size_t)nw] |= (col_int_bits(c, r, w) ^ flip) << sh;
        } else {   /* straddles two words */
            int hi = off + bits - 64, lo = 128 - off - bits;
            for (size_t r = 0; r < rows; r++) {
                uint64_t v = col_int_bits(c, r, w) ^ flip;
                d[r * (size_t)nw] |= v >> hi;
                d[r * (size_t)nw + 1] |= v << lo;
            }
        }
        pos += bits;
    }
}

typedef struct KeyRow { uint64_t k; uint32_t row; } KeyRow;

static void radix_sort(KeyRow *a, KeyRow *tmp, size_t n)
{
    size_t (*cnt)[256] = xcalloc(8, sizeof *cnt);
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < 8; b++) cnt[b][(a[i].k >> (8 * b)) & 255]++;
    KeyRow *src = a, *dst = tmp;
    for (int b = 0; b < 8; b++) {
        if (cnt[b][(a[0].k >> (8 * b)) & 255] == n) continue;   /* every row has this byte */
        size_t sum = 0;
        for (int v = 0; v < 256; v++) {
            size_t c = cnt[b][v];
            cnt[b][v] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) dst[cnt[b][(src[i].k >> (8 * b)) & 255]++] = src[i];
        KeyRow *t = src;
        src = dst, dst = t;
    }
    if (src != a) memcpy(a, src, n * sizeof *a);
    free(cnt);
}

/* Rows of equal first word, by their other words, then row (insertion sort
 * for the short runs real keys give, merge sort beyond). */
typedef struct Tie { const uint64_t *nk; int nw; } Tie;

static int tie_cmp(const Tie *t, uint32_t a, uint32_t b)
{
    int c = mt_nk_cmp(t->nk + (size_t)a * t->nw + 1, t->nk + (size_t)b * t->nw + 1, t->nw - 1);
    return c ? c : (a > b) - (a < b);
}

static void tie_sort(const Tie *t, uint32_t *p, uint32_t *tmp, size_t n)
{
    if (n <= 16) {
        for (size_t i = 1; i < n; i++) {
            uint32_t x = p[i];
            size_t j = i;
            for (; j > 0 && tie_cmp(t, p[j - 1], x) > 0; j--) p[j] = p[j - 1];
            p[j] = x;
        }
        return;
    }
    size_t h = n / 2;
    tie_sort(t, p, tmp, h);
    tie_sort(t, p + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = tie_cmp(t, p[j], p[i]) < 0 ? p[j++] : p[i++];
    while (i < h) tmp[k++] = p[i++];
    while (j < n) tmp[k++] = p[j++];
    memcpy(p, tmp, n * sizeof *p);
}

void mt_nk_sort(const uint64_t *nk, int nw, size_t rows, uint32_t *perm)
{
    KeyRow *a = xmalloc((rows + 1) * sizeof *a), *tmp = xmalloc((rows + 1) * sizeof *tmp);
    for (size_t i = 0; i < rows; i++) a[i] = (KeyRow){nk[i * (size_t)nw], (uint32_t)i};
    radix_sort(a, tmp, rows);
    for (size_t i = 0; i < rows; i++) perm[i] = a[i].row;
    if (nw > 1) {
        Tie t = {nk, nw};
        uint32_t *scratch = (uint32_t *)(void *)tmp;
        for (size_t i = 0; i < rows;) {
            size_t j = i + 1;
            while (j < rows && a[j].k == a[i].k) j++;
            if (j - i > 1) tie_sort(&t, perm + i, scratch, j - i);
            i = j;
        }
    }
    free(a);
    free(tmp);
}
