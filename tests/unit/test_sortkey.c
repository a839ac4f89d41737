/* test_sortkey.c — packed sorting keys (storage/mt_sortkey.c) order rows as
 * col_compare does, column by column: random rows of keys of every
 * integer width, signed and unsigned, some straddling two words and some
 * four words wide, with many equal keys; mt_nk_sort must give the stable
 * order a plain insertion sort by col_compare gives. */
#include <stdint.h>

#include "storage/mt_sortkey.h"
#include "unit.h"

#define ROWS 600

static int cmp_rows(Column **keys, int n, uint32_t a, uint32_t b)
{
    for (int k = 0; k < n; k++) {
        int c = col_compare(keys[k], a, keys[k], b, 1);
        if (c) return c;
    }
    return 0;
}

static int check_shape(const TypeKind *kinds, int n, uint32_t *seed)
{
    int failed = 0;
    Column *keys[8];
    for (int k = 0; k < n; k++) {
        keys[k] = col_new(type_basic(kinds[k]));
        int w = keys[k]->type->size;
        for (int r = 0; r < ROWS; r++) {
            *seed = *seed * 1103515245u + 12345u;
            uint64_t v = (uint64_t)(*seed >> 8) % 5;          /* few values: many ties */
            if (*seed & 1) v = ~v;                            /* near the top: negatives, max */
            col_push_n(keys[k], &v, (size_t)w);               /* little-endian low bytes */
        }
    }
    int nw = mt_nk_words_cols(keys, n);
    CHECK(nw > 0);
    static uint64_t nk[ROWS * MT_NK_MAX_WORDS];
    uint32_t got[ROWS], want[ROWS];
    if (nw) {
        mt_nk_pack(keys, n, ROWS, nw, nk);
        mt_nk_sort(nk, nw, ROWS, got);
        for (uint32_t i = 0; i < ROWS; i++) {
            uint32_t x = i, j = i;
            for (; j > 0 && cmp_rows(keys, n, want[j - 1], x) > 0; j--) want[j] = want[j - 1];
            want[j] = x;
        }
        int bad = 0;
        for (int i = 0; i < ROWS; i++) bad += got[i] != want[i];
        CHECK(bad == 0);
        for (int i = 0; i + 1 < ROWS; i++) {   /* packed compare agrees with the columns */
            int c = mt_nk_cmp(nk + (size_t)i * nw, nk + (size_t)(i + 1) * nw, nw), d = cmp_rows(keys, n, (uint32_t)i, (uint32_t)i + 1);
            CHECK((c > 0) == (d > 0) && (c < 0) == (d < 0));
            if ((c > 0) != (d > 0)) break;
        }
    }
    for (int k = 0; k < n; k++) col_unref(keys[k]);
    return failed;
}

void test_sortkey(void)
{
    int failed = 0;
    uint32_t seed = 7;
    static const TypeKind a[] = {TYPE_INT8, TYPE_UINT64, TYPE_INT16, TYPE_DATE};
    static const TypeKind b[] = {TYPE_UINT32, TYPE_DATE, TYPE_UINT64, TYPE_DATETIME, TYPE_UINT64};   /* ClickBench's key */
    static const TypeKind c[] = {TYPE_INT64, TYPE_INT64, TYPE_INT64, TYPE_INT64};                   /* four words */
    static const TypeKind d[] = {TYPE_UINT8, TYPE_INT32, TYPE_INT16, TYPE_BOOL, TYPE_DATE32};
    failed += check_shape(a, 4, &seed);
    failed += check_shape(b, 5, &seed);
    failed += check_shape(c, 4, &seed);
    failed += check_shape(d, 5, &seed);
    static const TypeKind e[] = {TYPE_INT64, TYPE_INT64, TYPE_INT64, TYPE_INT64, TYPE_UINT8};   /* too wide */
    Column *wide[5];
    for (int k = 0; k < 5; k++) wide[k] = col_new(type_basic(e[k]));
    CHECK(mt_nk_words_cols(wide, 5) == 0);
    for (int k = 0; k < 5; k++) col_unref(wide[k]);
    report("sortkey", failed);
}
