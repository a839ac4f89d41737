/* mt_sortkey.h — sorting keys packed into machine words, for the two places
 * MergeTree orders rows by its key: sorting an inserted block
 * (mt_table.c) and merging sorted parts (mt_merge.c).
 *
 * When every key column is an integer-like type (integers up to 64 bits,
 * Bool, Date, Date32, DateTime, Enum, IPv4) and together they fit in
 * MT_NK_MAX_WORDS words, a row's key becomes nw uint64 words, most
 * significant first, whose unsigned order is the key's order (signed values
 * have their sign bit flipped). Comparing a row is then a few word compares
 * on memory read in order, instead of a type switch per column.
 */
#ifndef BASALT_MT_SORTKEY_H
#define BASALT_MT_SORTKEY_H

#include <stddef.h>
#include <stdint.h>

#include "../column/column.h"

#define MT_NK_MAX_WORDS 4

/* Words a row of this key takes (types[0 .. n)), or 0 when it does not pack. */
int mt_nk_words(const DataType *const *types, int n);

/* The same for evaluated key columns (their own types). */
int mt_nk_words_cols(Column *const *keys, int n);

/* Packs rows [0, rows) of the key columns into out (rows * nw words, zeroed
 * here); nw from mt_nk_words_cols. */
void mt_nk_pack(Column *const *keys, int nkeys, size_t rows, int nw, uint64_t *out);

static inline int mt_nk_cmp(const uint64_t *x, const uint64_t *y, int nw)
{
    for (int i = 0; i < nw; i++)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* Stable sort of rows by a packed key: perm[i] = source row of output row i. */
void mt_nk_sort(const uint64_t *nk, int nw, size_t rows, uint32_t *perm);

#endif
