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
    /* late materialisation: the scan that defers columns (fetch at the end) */
    Op *lazy_src;
    bool *lazy;
    TopNFilter bound;          /* the running top-n's bound on the first key */
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

/* Merges the sorted runs a[0 .. m) and a[m .. n) (tmp: room for m). */
static void merge_runs(const SortCtx *s, uint32_t *a, uint32_t *tmp, size_t m, size_t n)
{
    if (!m || m == n || cmp_rows(s, a[m - 1], a[m]) <= 0) return;
    memcpy(tmp, a, m * sizeof *a);
    size_t i = 0, j = m, k = 0;
    while (i < m && j < n) a[k++] = cmp_rows(s, a[j], tmp[i]) < 0 ? a[j++] : tmp[i++];
    while (i < m) a[k++] = tmp[i++];
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
    merge_runs(s, a, tmp, m, n);
}

/* ---- a large sort on several threads: runs sorted in parallel, then merged ---- */

#define PSORT_MIN_RUN 32768   /* rows below which a run is sorted on one thread */

typedef struct PSort {
    const SortCtx *s;
    uint32_t *a, *tmp;
    size_t n;
    int runs;                 /* a power of two */
} PSort;

static void run_bounds(const PSort *p, int i, int runs, size_t *from, size_t *to)
{
    *from = p->n * (size_t)i / (size_t)runs;
    *to = p->n * (size_t)(i + 1) / (size_t)runs;
}

static int psort_run(void *ctx, int i, Err *err)
{
    PSort *p = ctx;
    size_t from, to;
    run_bounds(p, i, p->runs, &from, &to);
    merge_sort(p->s, p->a + from, p->tmp + from, to - from);
    return 0;
}

/* Level step: merges runs 2i and 2i+1 of the current width into one. */
typedef struct PMerge { PSort *p; int runs; } PMerge;

static int pmerge_pair(void *ctx, int i, Err *err)
{
    PMerge *m = ctx;
    size_t from, mid, to, unused;
    run_bounds(m->p, 2 * i, m->runs, &from, &mid);
    run_bounds(m->p, 2 * i + 1, m->runs, &unused, &to);
    merge_runs(m->p->s, m->p->a + from, m->p->tmp + from, mid - from, to - from);
    return 0;
}

/* Stable like merge_sort: runs are input-ordered slices and a merge takes
 * the left run first on equal keys. tmp holds n entries. */
static void parallel_sort(const SortCtx *s, uint32_t *a, uint32_t *tmp, size_t n, int threads)
{
    int runs = 1;
    while (runs * 2 <= threads && n / (size_t)(runs * 2) >= PSORT_MIN_RUN) runs *= 2;
    PSort p = {s, a, tmp, n, runs};
    Err err = {0};
    if (runs == 1) {
        merge_sort(s, a, tmp, n);
        return;
    }
    par_run(runs, psort_run, &p, &err);
    for (int width = runs; width > 1; width /= 2) {
        PMerge m = {&p, width};
        par_run(width / 2, pmerge_pair, &m, &err);
    }
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

/* ---- ORDER BY ... LIMIT n with a small n: a running top-n ---- */

#define TOPN_MAX 65536        /* limits up to this keep a running top-n */
#define LAZY_MAX 1000         /* limits up to this read the other columns last */

/* Concatenation that keeps deferred columns constant placeholders. */
static Chunk *concat_parts(SortOp *s, Chunk **parts, int n, int width, const DataType **types)
{
    size_t rows = 0;
    for (int i = 0; i < n; i++) rows += parts[i]->rows;
    Chunk *r = chunk_new(width, rows);
    for (int c = 0; c < width; c++) {
        if (c < s->base.ncols && s->lazy && s->lazy[c]) {
            r->cols[c] = col_const_of(parts[0]->cols[c], 0, rows);
            continue;
        }
        Column *col = col_new(types[c]);
        col_reserve(col, rows);
        for (int i = 0; i < n; i++) col_push_range(col, parts[i]->cols[c], 0, parts[i]->rows);
        r->cols[c] = col;
    }
    return r;
}

/* The bound a key column of this type can carry (false: not integer-like). */
static bool topn_key_shape(const SortKey *k, const DataType *t, TopNFilter *f)
{
    int w = col_int_width(t);
    if (!w || k->collate_ci) return false;
    f->w = w;
    f->direction = k->direction;
    f->sgn = type_is_sint(t) || t->kind == TYPE_DATE32 || t->kind == TYPE_ENUM8 || t->kind == TYPE_ENUM16;
    return true;
}

/* mask[r] = row r's value is within the bound (<= it ascending, >= it
 * descending), in the column's own width and signedness; returns the count.
 * Counted in byte lanes, 255 rows at a time, so the loop vectorizes. */
#define TOPN_LOOP(T, OP)                                                                           \
    do {                                                                                           \
        const T *restrict x = (const T *)(const void *)(c->data.data);                             \
        const T b = (T)bound;                                                                      \
        for (size_t at = 0; at < n; at += 255) {                                                   \
            size_t m = n - at < 255 ? n - at : 255;                                                \
            uint8_t cnt = 0;                                                                       \
            for (size_t i = 0; i < m; i++) {                                                       \
                uint8_t k = x[at + i] OP b;                                                        \
                mask[at + i] = k;                                                                  \
                cnt += k;                                                                          \
            }                                                                                      \
            kept += cnt;                                                                           \
        }                                                                                          \
    } while (0)
#define TOPN_DIR(T)                                                                                \
    do {                                                                                           \
        if (f->direction > 0) TOPN_LOOP(T, <=);                                                     \
        else TOPN_LOOP(T, >=);                                                                     \
    } while (0)

size_t topn_filter_mask(const TopNFilter *f, const Column *c, uint8_t *restrict mask)
{
    uint64_t bound = __atomic_load_n(&f->bits, __ATOMIC_ACQUIRE);
    size_t n = c->rows, kept = 0;
    switch (f->w * (f->sgn ? -1 : 1)) {
    case 1: TOPN_DIR(uint8_t); break;
    case 2: TOPN_DIR(uint16_t); break;
    case 4: TOPN_DIR(uint32_t); break;
    case 8: TOPN_DIR(uint64_t); break;
    case -1: TOPN_DIR(int8_t); break;
    case -2: TOPN_DIR(int16_t); break;
    case -4: TOPN_DIR(int32_t); break;
    default: TOPN_DIR(int64_t); break;
    }
    return kept;
}

/* Publishes the n-th row's first key as the bound. */
static void topn_publish(SortOp *s, Chunk *best)
{
    Column *b = best->cols[s->keys[0].col];
    if (!s->bound.w || b->is_const) return;
    __atomic_store_n(&s->bound.bits, col_int_bits(b, best->rows - 1, s->bound.w), __ATOMIC_RELEASE);
    __atomic_store_n(&s->bound.valid, 1, __ATOMIC_RELEASE);
}

/* Rows of ch that can still make the top n (the bound is valid). */
static Chunk *prefilter(SortOp *s, Chunk *ch)
{
    Column *c = ch->cols[s->keys[0].col];
    if (!s->bound.w || c->is_const) return ch;
    size_t n0 = ch->rows ? ch->rows : 1;
    uint8_t *mask = mem_alloc(n0);
    size_t kept = topn_filter_mask(&s->bound, c, mask);
    if (kept < ch->rows) {
        Chunk *f = chunk_new(ch->ncols, kept);
        for (int i = 0; i < ch->ncols; i++) f->cols[i] = col_filter(ch->cols[i], mask, kept);
        chunk_free(ch);
        ch = f;
    }
    mem_free(mask, n0);
    return ch;
}

/* Reads the whole input keeping only the best `limit` rows so far: input is
 * buffered, and every so often best + buffer shrink to their top n. */
static int topn_stream(SortOp *s, int width, const DataType **types, Err *err)
{
    size_t limit = (size_t)s->limit, batch = limit * 4 > 256 ? limit * 4 : 256;
    Chunk *best = NULL, **buf = NULL;
    int nbuf = 0, cap = 0;
    size_t brows = 0;
    int rc = 0;
    for (;;) {
        Chunk *ch = NULL;
        if ((rc = op_next(s->in, &ch, err))) break;
        if (ch) __atomic_add_fetch(&s->base.q->sort_rows, ch->rows, __ATOMIC_RELAXED);   /* for rows_before_limit */
        if (ch && s->bound.valid) ch = prefilter(s, ch);
        if (ch && ch->rows) {
            if (nbuf + 1 >= cap) {
                cap = cap ? cap * 2 : 16;
                buf = xrealloc(buf, sizeof *buf * (size_t)cap);
            }
            buf[nbuf++] = ch;
            brows += ch->rows;
        } else if (ch) {
            chunk_free(ch);
            continue;
        }
        /* shrink every batch rows, and as soon as there are n rows: the bound starts early */
        if (ch && brows < batch && (best || brows < limit)) continue;
        if (nbuf) {
            memmove(buf + 1, buf, sizeof *buf * (size_t)nbuf);   /* best first: earlier rows win ties */
            buf[0] = best;
            Chunk **parts = best ? buf : buf + 1;
            int np = best ? nbuf + 1 : nbuf;
            Chunk *all = concat_parts(s, parts, np, width, types);
            for (int i = 0; i < np; i++) chunk_free(parts[i]);
            nbuf = 0;
            brows = 0;
            size_t k = all->rows < limit ? all->rows : limit;
            uint32_t *perm = mem_alloc(sizeof *perm * (all->rows ? all->rows : 1));
            SortCtx ctx = {s->keys, s->nkeys, all};
            top_n(&ctx, all->rows, k, perm);
            best = chunk_new(width, k);
            for (int c = 0; c < width; c++) best->cols[c] = col_gather(all->cols[c], perm, k);
            mem_free(perm, sizeof *perm * (all->rows ? all->rows : 1));
            chunk_free(all);
            if (best->rows == limit) topn_publish(s, best);
            if ((rc = mem_check(err))) break;
        }
        if (!ch) break;
    }
    for (int i = 0; i < nbuf; i++) chunk_free(buf[i]);
    free(buf);
    if (!rc && best && s->lazy_src) rc = s->lazy_src->vt->fetch_deferred(s->lazy_src, best, err);
    if (rc) {
        chunk_free(best);
        return rc;
    }
    s->all = best;
    s->nrows = best ? best->rows : 0;
    s->perm_bytes = sizeof *s->perm * (s->nrows ? s->nrows : 1);
    s->perm = mem_alloc(s->perm_bytes);
    for (size_t i = 0; i < s->nrows; i++) s->perm[i] = (uint32_t)i;
    return 0;
}

/* ORDER BY ... LIMIT n straight over a table scan: the columns that are not
 * sort keys are read for the final n rows only. */
static void try_lazy(SortOp *s)
{
    Op *in = s->in;
    if (!in->vt->defer_columns || s->limit > LAZY_MAX) return;
    bool *needed = arena_alloc(&in->q->arena, (size_t)in->ncols + 1);
    bool *lazy = arena_alloc(&in->q->arena, (size_t)in->ncols + 1);
    for (int k = 0; k < s->nkeys; k++) needed[s->keys[k].col] = true;
    if (!in->vt->defer_columns(in, needed, lazy)) return;
    s->lazy_src = in;
    s->lazy = lazy;
}

static int sort_next(Op *op, Chunk **out, Err *err)
{
    SortOp *s = (SortOp *)op;
    *out = NULL;
    if (!s->done && s->limit && s->limit <= TOPN_MAX) {
        try_lazy(s);
        if (topn_key_shape(&s->keys[0], op->types[s->keys[0].col], &s->bound) && s->in->vt->topn_filter)
            s->in->vt->topn_filter(s->in, s->keys[0].col, &s->bound);
        int width = op->ncols + (s->lazy_src ? 1 : 0);
        const DataType **types = arena_alloc(&op->q->arena, sizeof *types * (size_t)(width + 1));
        memcpy(types, op->types, sizeof *types * (size_t)op->ncols);
        if (s->lazy_src) types[op->ncols] = type_basic(TYPE_UINT64);
        s->in = op_parallelize(s->in);
        s->done = true;
        int rc = topn_stream(s, width, types, err);
        if (rc) return rc;
    }
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
            uint32_t *tmp = mem_alloc(sizeof *tmp * (s->nrows + 1));
            parallel_sort(&ctx, s->perm, tmp, s->nrows, op_threads(op->q));
            mem_free(tmp, sizeof *tmp * (s->nrows + 1));
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

/* ORDER BY ... LIMIT n: at most n rows */
static int sort_estimate(Op *op, uint64_t *n)
{
    SortOp *s = (SortOp *)op;
    int k = op_rows_estimate(s->in, n);
    if (!s->limit) return k;
    if (k == EST_EXACT || k == EST_POINT) {
        if (*n > s->limit) *n = s->limit;
        return k;
    }
    *n = k == EST_UNKNOWN || *n > s->limit ? s->limit : *n;
    return EST_UPPER;
}

static const OpVt SORT_VT = {.name = "Sorting", .next = sort_next, .close = sort_close, .describe = sort_describe,
                             .rows_estimate = sort_estimate};

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
