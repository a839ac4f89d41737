/* op_window.c — window functions over the whole input; see op_window.h.
 *
 * For each call: a stable sort of row indexes by partition keys (ascending)
 * then the window's ORDER BY; partitions are runs of equal partition keys,
 * peers runs of equal order keys (all rows of a partition without ORDER BY).
 * A frame is [fs, fe] of row positions inside the partition: ROWS counts
 * rows, RANGE takes peers (CURRENT ROW) or order-key distances (one numeric
 * key). Aggregates keep one state while the frame only grows at its end and
 * start over otherwise; an aggregate whose state owns memory has its
 * finalized value reused while the frame stays the same (finalizing such a
 * state twice is not allowed).
 */
#include "op_window.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"

typedef struct WinOp {
    Op base;
    Op *in;
    WinCall *calls;
    int n;
    Chunk *all;        /* input columns, then one per call, in output order */
    size_t rows, emitted;
    bool done;
} WinOp;

typedef struct SortCtx { const WinCall *c; const Chunk *ch; } SortCtx;

static int cmp_part(const WinCall *c, const Chunk *ch, uint32_t a, uint32_t b)
{
    for (int k = 0; k < c->npart; k++) {
        const Column *col = ch->cols[c->part[k]];
        int r = col_compare(col, a, col, b, 1);
        if (r) return r;
    }
    return 0;
}

static int cmp_order(const WinCall *c, const Chunk *ch, uint32_t a, uint32_t b)
{
    for (int k = 0; k < c->norder; k++) {
        const Column *col = ch->cols[c->order[k].col];
        int r = col_compare(col, a, col, b, c->order[k].nulls_direction);
        if (r) return r * c->order[k].direction;
    }
    return 0;
}

static int cmp_rows(const void *x, const void *y, void *ctx)
{
    const SortCtx *s = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    int r = cmp_part(s->c, s->ch, a, b);
    if (!r) r = cmp_order(s->c, s->ch, a, b);
    return r ? r : (a > b) - (a < b);   /* stable */
}

/* The frame [*fs, *fe] of row k of a partition of n rows (empty: *fs > *fe). */
static void frame_of(const WinCall *c, const Chunk *ch, const uint32_t *idx, size_t n, size_t k, const size_t *peer_lo,
                     const size_t *peer_hi, long *fs, long *fe)
{
    long lo, hi;
    if (c->rows) {
        switch (c->start) {
        case WEND_UNBOUNDED_PRECEDING: lo = 0; break;
        case WEND_PRECEDING: lo = (long)k - (long)c->start_n; break;
        case WEND_CURRENT: lo = (long)k; break;
        case WEND_FOLLOWING: lo = (long)k + (long)c->start_n; break;
        default: lo = (long)n; break;
        }
        switch (c->end) {
        case WEND_UNBOUNDED_FOLLOWING: hi = (long)n - 1; break;
        case WEND_FOLLOWING: hi = (long)k + (long)c->end_n; break;
        case WEND_CURRENT: hi = (long)k; break;
        case WEND_PRECEDING: hi = (long)k - (long)c->end_n; break;
        default: hi = -1; break;
        }
    } else {
        /* RANGE: peers, or rows whose (single, numeric) order key is within a distance */
        const Column *key = c->norder ? ch->cols[c->order[0].col] : NULL;
        int dir = c->norder ? c->order[0].direction : 1;
        double v = key ? col_get_f64(key, idx[k]) : 0;
        switch (c->start) {
        case WEND_UNBOUNDED_PRECEDING: lo = 0; break;
        case WEND_CURRENT: lo = (long)peer_lo[k]; break;
        case WEND_UNBOUNDED_FOLLOWING: lo = (long)n; break;
        default: {
            double bound = c->start == WEND_PRECEDING ? v - dir * c->start_n : v + dir * c->start_n;
            lo = 0;
            while (lo < (long)n && key && (dir > 0 ? col_get_f64(key, idx[lo]) < bound : col_get_f64(key, idx[lo]) > bound)) lo++;
            break;
        }
        }
        switch (c->end) {
        case WEND_UNBOUNDED_FOLLOWING: hi = (long)n - 1; break;
        case WEND_CURRENT: hi = (long)peer_hi[k]; break;
        case WEND_UNBOUNDED_PRECEDING: hi = -1; break;
        default: {
            double bound = c->end == WEND_FOLLOWING ? v + dir * c->end_n : v - dir * c->end_n;
            hi = (long)n - 1;
            while (hi >= 0 && key && (dir > 0 ? col_get_f64(key, idx[hi]) > bound : col_get_f64(key, idx[hi]) < bound)) hi--;
            break;
        }
        }
    }
    if (lo < 0) lo = 0;
    if (hi > (long)n - 1) hi = (long)n - 1;
    *fs = lo;
    *fe = hi;
}

/* An aggregate over each row's frame. */
static int agg_partition(const WinCall *c, const Chunk *ch, const uint32_t *idx, size_t n, const size_t *plo, const size_t *phi,
                         Column *out, Err *err)
{
    AggCall *ac = c->agg;
    Column **args = xcalloc((size_t)c->nargs + 1, sizeof *args);
    for (int j = 0; j < c->nargs; j++) args[j] = ch->cols[c->args[j]];
    size_t size = ac->state_size ? ac->state_size : 1;
    char *st = mem_alloc(size);
    bool owns = agg_has_destroy(ac), live = false, finalized = false;
    long cur_fs = 0, cur_fe = -1;
    int rc = 0;
    for (size_t k = 0; k < n && !rc; k++) {
        long fs, fe;
        frame_of(c, ch, idx, n, k, plo, phi, &fs, &fe);
        if (live && fs == cur_fs && fe == cur_fe && finalized && owns) {
            Column *last = col_slice(out, out->rows - 1, 1);   /* the same frame: the same value */
            col_push_from(out, last, 0);
            col_unref(last);
            continue;
        }
        bool grow = live && fs == cur_fs && fe >= cur_fe && !(owns && finalized);
        if (!grow) {
            if (live) agg_destroy(ac, st);
            agg_init(ac, st);
            live = true;
            cur_fs = fs;
            cur_fe = fs - 1;
        }
        for (long r = cur_fe + 1; r <= fe; r++) agg_add(ac, st, args, idx[r]);
        if (fe > cur_fe) cur_fe = fe;
        rc = agg_finalize(ac, st, out, err);
        finalized = true;
    }
    if (live) agg_destroy(ac, st);
    mem_free(st, size);
    free(args);
    return rc;
}

static void push_value(Column *out, const Column *src, size_t row, const Column *dflt, size_t drow, bool ok)
{
    if (ok) col_push_from(out, src, row);
    else if (dflt) col_push_from(out, dflt, drow);
    else col_push_default(out);
}

/* One partition (rows idx[0 .. n) in window order) of call c, appended to out. */
static int run_partition(const WinCall *c, const Chunk *ch, const uint32_t *idx, size_t n, const Column *dflt, Column *out, Err *err)
{
    size_t *plo = xcalloc(n + 1, sizeof *plo), *phi = xcalloc(n + 1, sizeof *phi);
    for (size_t k = 0; k < n;) {   /* peer groups */
        size_t e = k + 1;
        while (e < n && cmp_order(c, ch, idx[k], idx[e]) == 0) e++;
        for (size_t j = k; j < e; j++) plo[j] = k, phi[j] = e - 1;
        k = e;
    }
    int rc = 0;
    const Column *arg = c->nargs ? ch->cols[c->args[0]] : NULL;
    uint64_t dense = 0;
    for (size_t k = 0; k < n && c->kind != WIN_AGG; k++) {
        uint64_t u = 0;
        double d = 0;
        long fs, fe, j;
        switch (c->kind) {
        case WIN_ROW_NUMBER: u = k + 1; break;
        case WIN_RANK: u = plo[k] + 1; break;
        case WIN_DENSE_RANK: u = dense += plo[k] == k; break;
        case WIN_PERCENT_RANK: d = n > 1 ? (double)plo[k] / (double)(n - 1) : 0; break;
        case WIN_CUME_DIST: d = (double)(phi[k] + 1) / (double)n; break;
        case WIN_NTILE: {
            uint64_t b = (uint64_t)c->param, base = n / b, extra = n % b;
            u = base == 0 ? k + 1 : k < extra * (base + 1) ? k / (base + 1) + 1 : extra + (k - extra * (base + 1)) / base + 1;
            break;
        }
        case WIN_LAG: case WIN_LEAD:
            j = c->kind == WIN_LAG ? (long)k - (long)c->param : (long)k + (long)c->param;
            push_value(out, arg, j >= 0 && j < (long)n ? idx[j] : 0, dflt, idx[k], j >= 0 && j < (long)n);
            continue;
        default:
            frame_of(c, ch, idx, n, k, plo, phi, &fs, &fe);
            j = c->kind == WIN_LAG_IN_FRAME ? (long)k - (long)c->param : c->kind == WIN_LEAD_IN_FRAME ? (long)k + (long)c->param
                                                                                                   : fs + (long)c->param - 1;
            push_value(out, arg, j >= fs && j <= fe ? idx[j] : 0, dflt, idx[k], j >= fs && j <= fe);
            continue;
        }
        if (c->kind == WIN_PERCENT_RANK || c->kind == WIN_CUME_DIST) buf_put(&out->data, &d, 8);
        else buf_put(&out->data, &u, 8);
        out->rows++;
    }
    if (c->kind == WIN_AGG) rc = agg_partition(c, ch, idx, n, plo, phi, out, err);
    free(plo);
    free(phi);
    return rc;
}

/* Call c over every row of ch: its result column in input order; *perm is its sort. */
static int run_call(const WinCall *c, const Chunk *ch, uint32_t *perm, Column **res, Err *err)
{
    size_t rows = ch->rows;
    for (size_t i = 0; i < rows; i++) perm[i] = (uint32_t)i;
    SortCtx sc = {c, ch};
    qsort_r(perm, rows, sizeof *perm, cmp_rows, &sc);
    Column *dflt = NULL;
    int rc = 0;
    if ((c->kind == WIN_LAG || c->kind == WIN_LEAD || c->kind == WIN_LAG_IN_FRAME || c->kind == WIN_LEAD_IN_FRAME) && c->nargs >= 3)
        rc = col_cast(ch->cols[c->args[2]], c->type, CAST_THROW, NULL, &dflt, err);
    Column *sorted = col_new(c->type);
    for (size_t i = 0; i < rows && !rc;) {
        size_t e = i + 1;
        while (e < rows && cmp_part(c, ch, perm[i], perm[e]) == 0) e++;
        rc = run_partition(c, ch, perm + i, e - i, dflt, sorted, err);
        i = e;
    }
    col_unref(dflt);
    if (rc) {
        col_unref(sorted);
        return rc;
    }
    uint32_t *inv = xmalloc(sizeof *inv * (rows ? rows : 1));
    for (size_t i = 0; i < rows; i++) inv[perm[i]] = (uint32_t)i;
    *res = col_gather(sorted, inv, rows);
    free(inv);
    col_unref(sorted);
    return 0;
}

static int compute(WinOp *w, Err *err)
{
    Op *op = &w->base;
    Chunk **chunks;
    int nch;
    int rc = op_drain(w->in, &chunks, &nch, err);
    if (rc) return rc;
    int nin = w->in->ncols;
    Chunk *in = nch ? chunks_concat(chunks, nch, nin, w->in->types) : NULL;
    chunks_free(chunks, nch);
    if (!in) return 0;
    size_t rows = in->rows;
    if (rows > UINT32_MAX) {
        chunk_free(in);
        return err_set(err, ERR_TOO_MANY_ROWS, "Too many rows for window functions in memory");
    }
    uint32_t *perm = xmalloc(sizeof *perm * (rows ? rows : 1));
    Chunk *all = chunk_new(op->ncols, rows);
    for (int i = 0; i < nin; i++) all->cols[i] = col_ref(in->cols[i]);
    for (int k = 0; k < w->n && !rc; k++) rc = run_call(&w->calls[k], in, perm, &all->cols[nin + k], err);
    if (!rc) {
        /* rows leave in the order of the last window's sort */
        w->all = chunk_new(op->ncols, rows);
        for (int i = 0; i < op->ncols; i++) w->all->cols[i] = col_gather(all->cols[i], perm, rows);
        w->rows = rows;
    } else {
        for (int i = nin; i < op->ncols; i++)
            if (!all->cols[i]) all->cols[i] = col_new(op->types[i]);
    }
    chunk_free(all);
    chunk_free(in);
    free(perm);
    return rc ? rc : mem_check(err);
}

static int win_next(Op *op, Chunk **out, Err *err)
{
    WinOp *w = (WinOp *)op;
    if (!w->done) {
        w->done = true;
        int rc = compute(w, err);
        if (rc) return rc;
    }
    if (!w->all || w->emitted >= w->rows) return 0;
    int64_t bs = settings_int(&op->q->settings, SET_max_block_size);
    size_t n = w->rows - w->emitted;
    if (bs > 0 && n > (size_t)bs) n = (size_t)bs;
    Chunk *ch = chunk_new(op->ncols, n);
    for (int i = 0; i < op->ncols; i++) ch->cols[i] = col_slice(w->all->cols[i], w->emitted, n);
    w->emitted += n;
    *out = ch;
    return 0;
}

static void win_close(Op *op)
{
    WinOp *w = (WinOp *)op;
    chunk_free(w->all);
    op_close(w->in);
}

static void win_describe(Op *op, PlanDesc *d)
{
    WinOp *w = (WinOp *)op;
    d->name = "Window (Window step for window)";
    d->children[d->nchildren++] = w->in;
}

static const OpVt WINDOW_VT = {.name = "Window", .next = win_next, .close = win_close, .describe = win_describe};

Op *op_window(Op *in, WinCall *calls, int n, char **names)
{
    WinOp *w = op_alloc(in->q, sizeof *w, &WINDOW_VT);
    w->in = in;
    w->calls = calls;
    w->n = n;
    int total = in->ncols + n;
    char **nm = arena_alloc(&in->q->arena, sizeof *nm * (size_t)total);
    const DataType **ty = arena_alloc(&in->q->arena, sizeof *ty * (size_t)total);
    for (int i = 0; i < in->ncols; i++) nm[i] = in->names[i], ty[i] = in->types[i];
    for (int k = 0; k < n; k++) nm[in->ncols + k] = names[k], ty[in->ncols + k] = calls[k].type;
    op_set_header(&w->base, total, nm, ty);
    return &w->base;
}
