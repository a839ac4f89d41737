/* op_sort.c — ORDER BY: gathers the input, sorts a row permutation by the
 * sort keys (stable merge sort, so equal keys keep input order), and emits the
 * rows in chunks. With a limit only the first `limit` rows are produced; a
 * limit well below the row count keeps them in a bounded heap (top-N) instead
 * of sorting everything, with the same result (ties by input order).
 * A large MergeTree input is read on several threads (op_parallelize), so
 * ties among rows of a big table come in no fixed order, as in ClickHouse.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "op.h"

typedef struct SortOp {
    Op base;
    Op *in;
    SortKey *keys;
    int nkeys;
    uint64_t limit;
    Chunk *all;
    uint32_t *perm;
    size_t perm_bytes;
    size_t nrows, emitted;
    bool done;
} SortOp;

typedef struct SortCtx { SortKey *keys; int nkeys; Chunk *ch; } SortCtx;

static int cmp_rows(const SortCtx *s, uint32_t a, uint32_t b)
{
    for (int k = 0; k < s->nkeys; k++) {
        Column *c = s->ch->cols[s->keys[k].col];
        int r = col_compare(c, a, c, b, s->keys[k].nulls_direction);
        if (r) return r * s->keys[k].direction;
    }
    return 0;
}

static void merge_sort(const SortCtx *s, uint32_t *a, uint32_t *tmp, size_t n)
{
    if (n < 2) return;
    if (n <= 16) {
        for (size_t i = 1; i < n; i++) {
            uint32_t v = a[i];
            size_t j = i;
            while (j > 0 && cmp_rows(s, a[j - 1], v) > 0) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
        return;
    }
    size_t m = n / 2;
    merge_sort(s, a, tmp, m);
    merge_sort(s, a + m, tmp, n - m);
    if (cmp_rows(s, a[m - 1], a[m]) <= 0) return;
    memcpy(tmp, a, m * sizeof *a);
    size_t i = 0, j = m, k = 0;
    while (i < m && j < n) a[k++] = cmp_rows(s, a[j], tmp[i]) < 0 ? a[j++] : tmp[i++];
    while (i < m) a[k++] = tmp[i++];
}

/* Keys, then input order: the order the stable sort gives. */
static int cmp_stable(const SortCtx *s, uint32_t a, uint32_t b)
{
    int c = cmp_rows(s, a, b);
    return c ? c : (a > b) - (a < b);
}

static int cmp_stable_q(const void *x, const void *y, void *ctx)
{
    return cmp_stable(ctx, *(const uint32_t *)x, *(const uint32_t *)y);
}

static void heap_down(const SortCtx *s, uint32_t *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && cmp_stable(s, h[l], h[m]) > 0) m = l;
        if (r < n && cmp_stable(s, h[r], h[m]) > 0) m = r;
        if (m == i) return;
        uint32_t t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/* The first `limit` rows of the sorted order, in order, into perm[0 .. limit). */
static void top_n(const SortCtx *s, size_t nrows, size_t limit, uint32_t *perm)
{
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++) {
        uint32_t v = (uint32_t)i;
        if (n < limit) {
            size_t j = n++;
            perm[j] = v;
            while (j > 0 && cmp_stable(s, perm[(j - 1) / 2], perm[j]) < 0) {   /* max-heap: the worst on top */
                uint32_t t = perm[j];
                perm[j] = perm[(j - 1) / 2];
                perm[(j - 1) / 2] = t;
                j = (j - 1) / 2;
            }
        } else if (cmp_stable(s, v, perm[0]) < 0) {
            perm[0] = v;
            heap_down(s, perm, n, 0);
        }
    }
    qsort_r(perm, n, sizeof *perm, cmp_stable_q, (void *)s);
}

static int sort_next(Op *op, Chunk **out, Err *err)
{
    SortOp *s = (SortOp *)op;
    *out = NULL;
    if (!s->done) {
        Chunk **chunks;
        int n;
        s->in = op_parallelize(s->in);   /* the input's order does not matter */
        int rc = op_drain(s->in, &chunks, &n, err);
        if (rc) return rc;
        s->done = true;
        if (n == 0) {
            free(chunks);
            return 0;
        }
        s->all = chunks_concat(chunks, n, op->ncols, op->types);
        chunks_free(chunks, n);
        s->nrows = s->all->rows;
        if (s->nrows > UINT32_MAX) return err_set(err, ERR_TOO_MANY_ROWS, "Too many rows to sort in memory");
        s->perm_bytes = sizeof *s->perm * (s->nrows ? s->nrows : 1);
        s->perm = mem_alloc(s->perm_bytes);
        SortCtx ctx = {s->keys, s->nkeys, s->all};
        if (s->limit && s->limit * 8 < s->nrows) {
            top_n(&ctx, s->nrows, (size_t)s->limit, s->perm);
            s->nrows = (size_t)s->limit;
        } else {
            for (size_t i = 0; i < s->nrows; i++) s->perm[i] = (uint32_t)i;
            uint32_t *tmp = mem_alloc(sizeof *tmp * (s->nrows / 2 + 1));
            merge_sort(&ctx, s->perm, tmp, s->nrows);
            mem_free(tmp, sizeof *tmp * (s->nrows / 2 + 1));
            if (s->limit && s->limit < s->nrows) s->nrows = (size_t)s->limit;
        }
        if ((rc = mem_check(err))) return rc;
    }
    if (!s->all || s->emitted >= s->nrows) return 0;
    int64_t bs = settings_int(&op->q->settings, SET_max_block_size);
    size_t n = s->nrows - s->emitted;
    if (bs > 0 && n > (size_t)bs) n = (size_t)bs;
    Chunk *ch = chunk_new(op->ncols, n);
    for (int i = 0; i < op->ncols; i++) ch->cols[i] = col_gather(s->all->cols[i], s->perm + s->emitted, n);
    s->emitted += n;
    *out = ch;
    return 0;
}

static void sort_close(Op *op)
{
    SortOp *s = (SortOp *)op;
    chunk_free(s->all);
    s->all = NULL;
    if (s->perm) mem_free(s->perm, s->perm_bytes);
    s->perm = NULL;
    op_close(s->in);
    s->in = NULL;
}

static void sort_describe(Op *op, PlanDesc *d)
{
    SortOp *s = (SortOp *)op;
    d->name = "Sorting (Sorting for ORDER BY)";
    buf_puts(&d->details, "Sort description:");
    for (int k = 0; k < s->nkeys; k++) {
        buf_puts(&d->details, k ? ", " : " ");
        op_column_sql(s->in, s->keys[k].col, &d->details);
        buf_puts(&d->details, s->keys[k].direction < 0 ? " DESC" : " ASC");
    }
    buf_putc(&d->details, '\n');
    if (s->limit) buf_printf(&d->details, "Limit %llu\n", (unsigned long long)s->limit);
    d->children[d->nchildren++] = s->in;
}

static const OpVt SORT_VT = {"Sorting", sort_next, sort_close, sort_describe, NULL, NULL, NULL, NULL, NULL, NULL};

Op *op_sort(Op *in, SortKey *keys, int nkeys, uint64_t limit)
{
    SortOp *s = op_alloc(in->q, sizeof *s, &SORT_VT);
    s->in = in;
    s->keys = keys;
    s->nkeys = nkeys;
    s->limit = limit;
    op_set_header(&s->base, in->ncols, in->names, in->types);
    return &s->base;
}
