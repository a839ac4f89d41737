/* mt_scan.c — ReadFromMergeTree: the operator that reads a MergeTree table.
 *
 * At open it takes a snapshot of the active parts (references, so merges and
 * DROP cannot delete them underneath). Before the first chunk it selects mark
 * ranges with mt_index.c from the filters the planner pushed down (WHERE for
 * pruning; PREWHERE also evaluated here, granule by granule, so the other
 * columns are read only for granules with matching rows). It then reads whole
 * granules, up to max_block_size rows per chunk, part after part. A column
 * the part lacks (added by ALTER later) reads as defaults; a column whose type
 * changed is cast. A String column the query uses only through its length
 * (read_sizes) is read as UInt64 lengths from the part's size stream, or
 * from the bytes where a part has none. Rows a lightweight DELETE masked out (the part's
 * `_row_exists` column) are dropped as each granule range is read, unless
 * the reader is a mutation's raw one, which must see every row in place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "../exec/op.h"
#include "mt_condcache.h"
#include "mt_index.h"
#include "mt_read.h"
#include "mt_skip.h"
#include "mt_table.h"
#include "mtree.h"
#include "mutation.h"

typedef struct MtScan {
    Op op;
    Table *t;
    MtTable *mt;
    int *cols;                  /* table column of each output column */
    MtPart **parts;
    int nparts;
    MtSelection sel;            /* ranges to read and the index statistics */
    bool selected;
    int cur;                    /* current range */
    uint32_t pos;               /* next granule in it */
    MtColumnReader *readers;
    int *part_col;              /* per output column: index in the part, or -1 */
    MtPart *reader_part;
    Expr *prewhere;             /* over the output columns; applied here */
    bool *prewhere_cols;        /* output columns PREWHERE reads */
    bool *after;                /* output columns needed past PREWHERE (NULL: all) */
    bool prewhere_moved;        /* PREWHERE is part of WHERE (optimize_move_to_prewhere) */
    Expr *where;                /* for pruning only */
    bool final;                 /* SELECT ... FINAL: merge each partition's parts while reading */
    Chunk **queue;              /* FINAL: merged rows not yet returned */
    int nqueue, qhead;
    int next_part;              /* FINAL: next selected part to start a partition group from */
    bool raw;                   /* every row, deleted or not (mutations) */
    bool granule_chunks;        /* one chunk per granule (mutations) */
    bool has_mask;              /* the current part has a _row_exists column */
    MtColumnReader mask_reader;
    /* parallel reading (scan_clone): the tasks every worker takes from */
    struct MtShared *sh;        /* owned by the original scan (worker 0) */
    int worker;
    bool clone;
    /* late materialisation (scan_defer): columns not read, a locator added */
    bool *lazy;
    bool any_lazy;
    int reader_part_idx;        /* index in parts of reader_part */
    TopNFilter *topn;           /* ORDER BY ... LIMIT's bound on output column topn_col */
    int topn_col;
    bool *sizes;                /* output columns that are a String's lengths (read_sizes), or NULL */
    bool *size_stream;          /* ... read from the current part's size stream */
    /* the query condition cache: for PREWHERE, else for the Filter right above */
    Expr *filter;               /* that Filter's condition (adopt_filter) */
    bool *filter_cols;          /* output columns it reads */
    bool cc;                    /* the condition goes through the cache */
    CondHash cc_hash;           /* ... under this hash */
    MtPart *last_part;          /* the chunk returned last holds every row of */
    uint32_t last_g0, last_g1;  /* ... granules [g0, g1) of last_part (NULL: not so) */
    uint64_t last_rows;
} MtScan;

/* One task of a parallel scan: granules [g0, g1) of a part. */
typedef struct MtTask {
    MtPart *part;
    uint32_t g0, g1;
    uint64_t rows;
} MtTask;

typedef struct MtShared {
    MtTask *tasks;
    int ntasks;
    int nworkers;
    uint64_t *seg;              /* per worker: (end << 32) | next task of its share */
} MtShared;

static void close_readers(MtScan *s)
{
    if (!s->reader_part) return;
    for (int i = 0; i < s->op.ncols; i++)
        if (s->part_col[i] >= 0) mt_reader_close(&s->readers[i]);
    if (s->has_mask) mt_reader_close(&s->mask_reader);
    s->has_mask = false;
    s->reader_part = NULL;
}

static int open_readers(MtScan *s, MtPart *p, Err *err)
{
    close_readers(s);
    for (int i = 0; i < s->op.ncols; i++) s->part_col[i] = mt_meta_column(&p->meta, s->t->cols[s->cols[i]].name);
    for (int i = 0; i < s->op.ncols; i++) {
        int k = s->part_col[i];
        if (k < 0) continue;
        if (s->sizes)
            s->size_stream[i] = s->sizes[i] && p->meta.col_types[k]->kind == TYPE_STRING && mt_part_has_sizes(p, p->meta.col_names[k]);
        int rc = s->sizes && s->size_stream[i] ? mt_reader_open_sizes(&s->readers[i], p, p->meta.col_names[k], err)
                                               : mt_reader_open(&s->readers[i], p, p->meta.col_names[k], p->meta.col_types[k], err);
        if (rc) {
            for (int j = 0; j < i; j++)
                if (s->part_col[j] >= 0) mt_reader_close(&s->readers[j]);
            return rc;
        }
    }
    bool masked = !s->raw && settings_int(&s->op.q->settings, SET_apply_deleted_mask) != 0;
    int k = masked ? mt_meta_column(&p->meta, MUT_ROW_EXISTS) : -1;
    if (k >= 0) {
        int rc = mt_reader_open(&s->mask_reader, p, MUT_ROW_EXISTS, p->meta.col_types[k], err);
        if (rc) {
            for (int j = 0; j < s->op.ncols; j++)
                if (s->part_col[j] >= 0) mt_reader_close(&s->readers[j]);
            return rc;
        }
        s->has_mask = true;
    }
    s->reader_part = p;
    s->reader_part_idx = 0;
    for (int i = 0; i < s->nparts; i++)
        if (s->parts[i] == p) s->reader_part_idx = i;
    return 0;
}

/* Keeps the rows of ch whose mask byte is set (kept of them). */
static void filter_in_place(Chunk *ch, const uint8_t *mask, size_t kept)
{
    if (kept == ch->rows) return;
    for (int i = 0; i < ch->ncols; i++) {
        Column *f = col_filter(ch->cols[i], mask, kept);
        col_unref(ch->cols[i]);
        ch->cols[i] = f;
    }
    ch->rows = kept;
}

/* Keeps the rows of granules [g0, g1) a lightweight DELETE left visible. */
static int apply_mask(MtScan *s, Chunk *ch, uint32_t g0, uint32_t g1, Err *err)
{
    Column *m = col_new(type_basic(TYPE_UINT8));
    int rc = mt_reader_read(&s->mask_reader, s->reader_part, g0, g1, m, err);
    if (!rc && m->rows != ch->rows) rc = err_set(err, ERR_CORRUPTED_DATA, "Corrupted data: the deleted-rows mask of part %s does not match its rows",
                                                 s->reader_part->name);
    if (!rc) {
        const uint8_t *bits = (const uint8_t *)m->data.data;
        size_t kept = 0;
        for (size_t r = 0; r < m->rows; r++) kept += bits[r] != 0;
        filter_in_place(ch, bits, kept);
    }
    col_unref(m);
    return rc;
}

/* *c (a reference, consumed) cast to type t. */
static int cast_to(const DataType *t, Column **c, Err *err)
{
    if ((*c)->type == t) return 0;
    Column *cv;
    FormatSettings fs;
    format_settings_default(&fs);
    int rc = col_cast(*c, t, CAST_THROW, &fs, &cv, err);
    col_unref(*c);
    *c = rc ? NULL : cv;
    return rc;
}

/* *c (a reference, consumed) as output column i's type: for a sizes column,
 * the lengths of the values as the table's String. */
static int as_output(MtScan *s, int i, Column **c, Err *err)
{
    if (!s->sizes || !s->sizes[i]) return cast_to(s->op.types[i], c, err);
    int rc = cast_to(s->t->cols[s->cols[i]].type, c, err);
    if (rc) return rc;
    Column *str = col_materialize(*c), *len = fn_fixed(type_basic(TYPE_UINT64), str->rows);
    for (size_t r = 0; r < str->rows; r++) {
        size_t n;
        col_str(str, r, &n);
        COL_DATA(len, uint64_t)[r] = n;
    }
    col_unref(str);
    col_unref(*c);
    *c = len;
    return 0;
}

/* Reads output column i for granules [g0, g1) of the current part. */
static int read_column(MtScan *s, int i, uint32_t g0, uint32_t g1, uint64_t rows, Column **out, Err *err)
{
    const DataType *want = s->op.types[i];
    int k = s->part_col[i];
    if (k < 0) {
        Column *c = col_new(want);
        col_reserve(c, rows);
        for (uint64_t r = 0; r < rows; r++) col_push_default(c);
        *out = c;
        return 0;
    }
    bool direct = s->sizes && s->size_stream[i];   /* the lengths themselves */
    const DataType *have = direct ? type_basic(TYPE_UINT64) : s->reader_part->meta.col_types[k];
    Column *c = col_new(have);
    int rc = mt_reader_read(&s->readers[i], s->reader_part, g0, g1, c, err);
    if (rc) {
        col_unref(c);
        return rc;
    }
    if (!direct && (rc = as_output(s, i, &c, err))) return rc;
    *out = c;
    return 0;
}

/* A column the part lacks (added by ALTER later) takes its DEFAULT
 * expression, evaluated over the row's other columns. */
static int fill_default(MtScan *s, Chunk *ch, int i, Err *err)
{
    const ColumnDef *cd = &s->t->cols[s->cols[i]];
    if (!cd->default_sql || !storage_bind) return 0;
    Expr **e;
    int n;
    Err ignored;
    if (storage_bind(s->op.q, s->op.ncols, s->op.names, s->op.types, cd->default_sql, &e, &n, &ignored) != 0 || n != 1) return 0;
    Column *v;
    int rc = expr_eval(e[0], ch, &v, err);
    if (rc) return rc;
    Column *full = col_materialize(v);
    col_unref(v);
    if ((rc = as_output(s, i, &full, err))) return rc;
    col_unref(ch->cols[i]);
    ch->cols[i] = full;
    return 0;
}

/* Granules [g0, g1) of part p, whose rows keep[] covers in full: the ones
 * none of whose rows passed PREWHERE go to the query condition cache. */
static void record_misses(MtScan *s, MtPart *p, uint32_t g0, uint32_t g1, const uint8_t *keep)
{
    uint8_t hit[64];
    uint64_t row = 0;
    for (uint32_t g = g0; g < g1;) {
        uint32_t n = g1 - g < 64 ? g1 - g : 64;
        for (uint32_t i = 0; i < n; i++) {
            uint64_t rows = mt_granule_rows(p, g + i);
            hit[i] = memchr(keep + row, 1, rows) != NULL;   /* mask bytes are 0 or 1 */
            row += rows;
        }
        condcache_record(&s->cc_hash, p, g, n, hit);
        g += n;
    }
}

/* Keeps the rows of ch that pass PREWHERE. When p is set, ch holds exactly
 * the rows of granules [g0, g1) of p, and the misses are recorded. */
static int apply_prewhere(MtScan *s, Chunk *ch, MtPart *p, uint32_t g0, uint32_t g1, Err *err)
{
    Column *m;
    int rc = expr_eval(s->prewhere, ch, &m, err);
    if (rc) return rc;
    Column *mm = col_materialize(m);
    col_unref(m);
    Column *mask = mm;
    if (mm->type->kind == TYPE_NULLABLE) mask = mm->sub[0];
    uint8_t *keep = xcalloc(ch->rows + 1, 1);
    size_t kept = 0;
    if (mm == mask && (mask->type->kind == TYPE_UINT8 || mask->type->kind == TYPE_BOOL)) {   /* the usual UInt8 */
        kept = col_mask_from_bytes(COL_DATA(mask, uint8_t), ch->rows, keep);
    } else {
        for (size_t r = 0; r < ch->rows; r++) {
            bool v = !col_is_null(mm, r) && col_get_u64(mask, r) != 0;
            keep[r] = v;
            kept += v;
        }
    }
    if (p) record_misses(s, p, g0, g1, keep);
    filter_in_place(ch, keep, kept);
    free(keep);
    col_unref(mm);
    return 0;
}

/* Whether a condition's result over granules of the current part may be
 * recorded: every row is there (no top-n bound or deleted-rows mask took
 * some out) and every column it reads (cols) is the part's own, not a
 * DEFAULT. */
static bool may_record(MtScan *s, const bool *cols, bool all_rows)
{
    if (!s->cc || !all_rows || s->has_mask) return false;
    for (int i = 0; i < s->op.ncols; i++)
        if (cols[i] && s->part_col[i] < 0) return false;
    return true;
}

/* The Filter right above reports the rows of the last chunk that passed. */
static void scan_filter_result(Op *op, const uint8_t *mask, size_t rows)
{
    MtScan *s = (MtScan *)op;
    if (s->last_part && rows == s->last_rows) record_misses(s, s->last_part, s->last_g0, s->last_g1, mask);
    s->last_part = NULL;
}

static void scan_adopt_filter(Op *op, Expr *pred)
{
    MtScan *s = (MtScan *)op;
    s->filter = pred;
    s->filter_cols = arena_alloc(&op->q->arena, (size_t)(op->ncols + 1));
    expr_mark_inputs(pred, s->filter_cols, op->ncols);
}

/* Drops from the selection the granules the query condition cache knows
 * have no row passing PREWHERE. The index statistics (EXPLAIN) stay. */
static void prune_by_cache(MtScan *s)
{
    QueryCtx *q = s->op.q;
    Expr *cond = s->prewhere ? s->prewhere : s->filter;
    s->cc = cond && !s->raw && !s->final && settings_bool(&q->settings, SET_use_query_condition_cache) &&
            condcache_hash(cond, (const char *const *)s->op.names, &q->settings, &s->cc_hash);
    if (!s->cc) return;
    MtRange *out = NULL;
    int n = 0;
    uint64_t rows = 0;
    for (int i = 0; i < s->sel.nranges; i++) {
        MtRange r = s->sel.ranges[i];
        uint32_t len = r.g1 - r.g0;
        uint8_t *keep = xmalloc(len ? len : 1);
        memset(keep, 1, len);
        condcache_lookup(&s->cc_hash, r.part, r.g0, r.g1, keep);
        for (uint32_t g = 0; g < len;) {
            if (!keep[g]) {
                g++;
                continue;
            }
            uint32_t e = g;
            while (e < len && keep[e]) rows += mt_granule_rows(r.part, r.g0 + e++);
            out = xrealloc(out, sizeof *out * (size_t)(n + 1));
            out[n++] = (MtRange){r.part, r.g0 + g, r.g0 + e};
            g = e;
        }
        free(keep);
    }
    free(s->sel.ranges);
    s->sel.ranges = out;
    s->sel.nranges = n;
    s->sel.rows = rows;
}

/* FINAL: blocks of a partition's merged rows, projected to the scan's columns. */
static int queue_block(void *ctx, Chunk *block, Column **pk, Err *err)
{
    MtScan *s = ctx;
    Chunk *c = chunk_new(s->op.ncols, block->rows);
    for (int i = 0; i < s->op.ncols; i++) c->cols[i] = col_ref(block->cols[s->cols[i]]);
    s->queue = xrealloc(s->queue, sizeof *s->queue * (size_t)(s->nqueue + 1));
    s->queue[s->nqueue++] = c;
    return 0;
}

/* FINAL: merges the next partition's selected parts into the queue. */
static int final_fill(MtScan *s, Err *err)
{
    while (s->qhead < s->nqueue) chunk_free(s->queue[s->qhead++]);
    s->nqueue = s->qhead = 0;
    /* distinct parts of the selection, partition by partition */
    MtPart *group[4096];
    int n = 0;
    const char *pid = NULL;
    for (int i = s->next_part; i < s->sel.nranges; i++) {
        MtPart *p = s->sel.ranges[i].part;
        if (n && p == group[n - 1]) {
            s->next_part = i + 1;
            continue;
        }
        if (pid && strcmp(pid, p->info.partition_id)) break;
        if (n == 4096) return err_set(err, ERR_TOO_MANY_PARTS, "Too many parts in a partition for FINAL");
        pid = p->info.partition_id;
        group[n++] = p;
        s->next_part = i + 1;
    }
    if (!n) return 0;
    return mt_merge_read(s->mt, s->t, s->op.q, group, n, true, NULL, queue_block, s, err);
}

static int final_next(MtScan *s, Chunk **out, Err *err)
{
    for (;;) {
        if (s->qhead < s->nqueue) {
            Chunk *ch = s->queue[s->qhead++];
            int rc = s->prewhere ? apply_prewhere(s, ch, NULL, 0, 0, err) : 0;
            if (rc || !ch->rows) {
                chunk_free(ch);
                if (rc) return rc;
                continue;
            }
            s->op.q->rows_read += ch->rows;
            *out = ch;
            return 0;
        }
        if (s->next_part >= s->sel.nranges) return 0;
        int rc = final_fill(s, err);
        if (rc) return rc;
    }
}

/* Reads granules [g0, g1) of part p (rows rows) into *out: NULL when the
 * deleted-rows mask or PREWHERE left nothing. */
static int read_span(MtScan *s, MtPart *p, uint32_t g0, uint32_t g1, uint64_t rows, Chunk **out, Err *err)
{
    Op *op = &s->op;
    int rc = 0;
    *out = NULL;
    if (s->reader_part != p && (rc = open_readers(s, p, err))) return rc;
    Chunk *ch = chunk_new(op->ncols + (s->any_lazy ? 1 : 0), rows);
    uint8_t *tmask = NULL;
    size_t tkept = rows;
    int tc = s->topn_col;
    if (s->topn && __atomic_load_n(&s->topn->valid, __ATOMIC_ACQUIRE) && s->part_col[tc] >= 0) {
        /* ORDER BY ... LIMIT: the sort key first; nothing else for rows past the bound */
        rc = read_column(s, tc, g0, g1, rows, &ch->cols[tc], err);
        if (!rc) {
            tmask = xmalloc(rows ? rows : 1);
            tkept = topn_filter_mask(s->topn, ch->cols[tc], tmask);
        }
        if (!rc && tkept == 0) {
            free(tmask);
            chunk_free(ch);   /* unread columns are NULL: chunk_free skips them */
            __atomic_add_fetch(&op->q->rows_read, rows, __ATOMIC_RELAXED);
            return 0;
        }
    }
    for (int i = 0; i < op->ncols && !rc; i++) {
        if (ch->cols[i]) continue;
        rc = s->any_lazy && s->lazy[i] ? (ch->cols[i] = col_const_default(op->types[i], (size_t)rows), 0) : read_column(s, i, g0, g1, rows, &ch->cols[i], err);
    }
    if (s->any_lazy && !rc) {
        Column *loc = fn_fixed(type_basic(TYPE_UINT64), rows);
        uint64_t first = ((uint64_t)s->reader_part_idx << 40) | p->granule_start[g0];
        for (uint64_t r = 0; r < rows; r++) COL_DATA(loc, uint64_t)[r] = first + r;
        ch->cols[op->ncols] = loc;
    }
    for (int i = 0; i < op->ncols && !rc; i++)
        if (s->part_col[i] < 0) rc = fill_default(s, ch, i, err);
    if (rc) {
        free(tmask);
        chunk_free(ch);
        return rc;
    }
    __atomic_add_fetch(&op->q->rows_read, rows, __ATOMIC_RELAXED);
    __atomic_add_fetch(&op->q->bytes_read, chunk_bytes(ch), __ATOMIC_RELAXED);
    if (tmask && tkept < rows && !s->has_mask) filter_in_place(ch, tmask, tkept);   /* the deleted-rows mask needs every row */
    free(tmask);
    if (s->has_mask) rc = apply_mask(s, ch, g0, g1, err);
    s->last_part = NULL;
    if (!rc && s->prewhere) rc = apply_prewhere(s, ch, may_record(s, s->prewhere_cols, tkept == rows) ? p : NULL, g0, g1, err);
    else if (!rc && s->filter && may_record(s, s->filter_cols, tkept == rows)) {
        s->last_part = p;
        s->last_g0 = g0;
        s->last_g1 = g1;
        s->last_rows = rows;
    }
    if (rc || ch->rows == 0) {
        chunk_free(ch);
        return rc;
    }
    *out = ch;
    return 0;
}

static uint64_t block_rows(QueryCtx *q, bool granule_chunks)
{
    uint64_t max_rows = (uint64_t)settings_int(&q->settings, SET_max_block_size);
    if (!max_rows) max_rows = 65536;
    return granule_chunks ? 1 : max_rows;
}

/* Next task of a parallel scan: from the front of this worker's share, else
 * from the back of another's (each share is (end << 32) | next). -1: none. */
static int take_task(MtShared *sh, int w)
{
    for (int k = 0; k < sh->nworkers; k++) {
        uint64_t *seg = &sh->seg[(w + k) % sh->nworkers];
        uint64_t cur = __atomic_load_n(seg, __ATOMIC_ACQUIRE);
        for (;;) {
            uint32_t next = (uint32_t)cur, end = (uint32_t)(cur >> 32);
            if (next >= end) break;
            uint64_t nv = k == 0 ? ((uint64_t)end << 32) | (next + 1) : ((uint64_t)(end - 1) << 32) | next;
            if (__atomic_compare_exchange_n(seg, &cur, nv, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return (int)(k == 0 ? next : end - 1);
        }
    }
    return -1;
}

static int shared_next(MtScan *s, Chunk **out, Err *err)
{
    for (;;) {
        if (s->op.q->cancel || s->op.q->deadline_ns) {
            int crc = qctx_check(s->op.q, err);
            if (crc) return crc;
        }
        int t = take_task(s->sh, s->worker);
        if (t < 0) break;
        MtTask *k = &s->sh->tasks[t];
        int rc = read_span(s, k->part, k->g0, k->g1, k->rows, out, err);
        if (rc || *out) return rc;
    }
    close_readers(s);
    return 0;
}

static int scan_select(MtScan *s, Err *err)
{
    Op *op = &s->op;
    int rc = mt_select(s->mt, s->t, op->q, s->parts, s->nparts, s->where, s->prewhere_moved ? NULL : s->prewhere, s->cols, op->ncols, &s->sel, err);
    if (rc) return rc;
    s->selected = true;
    prune_by_cache(s);
    __atomic_add_fetch(&op->q->total_rows_to_read, s->sel.rows, __ATOMIC_RELAXED);
    return read_limits_check(op->q, s->sel.rows, 0, err);
}

static int scan_next(Op *op, Chunk **out, Err *err)
{
    MtScan *s = (MtScan *)op;
    int rc;
    if (s->final && !s->selected) {
        /* whole partitions: rows with equal keys must all meet */
        if ((rc = mt_select(s->mt, s->t, op->q, s->parts, s->nparts, NULL, NULL, s->cols, op->ncols, &s->sel, err))) return rc;
        s->selected = true;
        __atomic_add_fetch(&op->q->total_rows_to_read, s->sel.rows, __ATOMIC_RELAXED);
    }
    if (s->final) return final_next(s, out, err);
    if (!s->selected && (rc = scan_select(s, err))) return rc;
    if (s->sh) return shared_next(s, out, err);
    uint64_t max_rows = block_rows(op->q, s->granule_chunks || s->topn);
    while (s->cur < s->sel.nranges) {
        if (op->q->cancel || op->q->deadline_ns) {
        int crc = qctx_check(op->q, err);
        if (crc) return crc;
    }
        MtRange *r = &s->sel.ranges[s->cur];
        if (s->pos < r->g0) s->pos = r->g0;
        if (s->pos >= r->g1) {
            s->cur++;
            s->pos = 0;
            continue;
        }
        uint32_t g0 = s->pos, g1 = g0;
        uint64_t rows = 0;
        while (g1 < r->g1 && (rows == 0 || rows + mt_granule_rows(r->part, g1) <= max_rows)) rows += mt_granule_rows(r->part, g1++);
        s->pos = g1;
        if ((rc = read_span(s, r->part, g0, g1, rows, out, err)) || *out) return rc;
    }
    close_readers(s);
    return 0;
}

/* The original scan becomes worker 0 of nworkers: its selection is cut into
 * tasks of up to max_block_size rows, dealt out in nworkers contiguous shares. */
static void share_tasks(MtScan *s, int nworkers)
{
    MtShared *sh = xcalloc(1, sizeof *sh);
    uint64_t max_rows = block_rows(s->op.q, s->topn != NULL);   /* under a top-n bound, a granule is skipped on its own */
    for (int i = 0; i < s->sel.nranges; i++) {
        MtRange *r = &s->sel.ranges[i];
        for (uint32_t g0 = r->g0; g0 < r->g1;) {
            uint32_t g1 = g0;
            uint64_t rows = 0;
            while (g1 < r->g1 && (rows == 0 || rows + mt_granule_rows(r->part, g1) <= max_rows)) rows += mt_granule_rows(r->part, g1++);
            sh->tasks = xrealloc(sh->tasks, sizeof *sh->tasks * (size_t)(sh->ntasks + 1));
            sh->tasks[sh->ntasks++] = (MtTask){r->part, g0, g1, rows};
            g0 = g1;
        }
    }
    sh->nworkers = nworkers;
    sh->seg = xcalloc((size_t)nworkers, sizeof *sh->seg);
    for (int w = 0; w < nworkers; w++) {
        uint64_t b = (uint64_t)sh->ntasks * (uint64_t)w / (uint64_t)nworkers, e = (uint64_t)sh->ntasks * (uint64_t)(w + 1) / (uint64_t)nworkers;
        sh->seg[w] = (e << 32) | b;
    }
    s->sh = sh;
    s->worker = 0;
}

/* A plain read of enough rows splits; FINAL, mutations' raw reads, parts
 * missing a column (DEFAULTs are bound while reading) and a scan already
 * under way do not. */
static bool splittable(MtScan *s, Err *err)
{
    if (s->final || s->raw || s->granule_chunks || s->cur || s->pos || s->reader_part) return false;
    if (!expr_parallel_safe(s->prewhere)) return false;
    if (!s->selected && scan_select(s, err)) return false;
    uint64_t min_rows = (uint64_t)settings_int(&s->op.q->settings, SET_merge_tree_min_rows_for_concurrent_read);
    if (s->sel.rows < min_rows || s->sel.nranges == 0) return false;
    for (int i = 0; i < s->nparts; i++)
        for (int c = 0; c < s->op.ncols; c++)
            if (mt_meta_column(&s->parts[i]->meta, s->t->cols[s->cols[c]].name) < 0) return false;
    return true;
}

static MtScan *scan_new(Table *t, QueryCtx *q, const int *cols, int ncols);
static bool scan_read_sizes(Op *op, int col);

static Op *scan_clone(Op *op, int worker, int nworkers)
{
    MtScan *s = (MtScan *)op;
    if (!s->sh) {
        Err err;
        if (!splittable(s, &err)) return NULL;
        share_tasks(s, nworkers);
    }
    if (worker >= s->sh->nworkers) return NULL;
    MtScan *c = scan_new(s->t, op->q, s->cols, op->ncols);
    c->parts = xcalloc((size_t)s->nparts + 1, sizeof *c->parts);
    for (int i = 0; i < s->nparts; i++) c->parts[i] = mt_part_ref(s->parts[i]);
    c->nparts = s->nparts;
    c->prewhere = s->prewhere;
    c->prewhere_cols = s->prewhere_cols;
    c->after = s->after;
    c->prewhere_moved = s->prewhere_moved;
    c->cc = s->cc;
    c->cc_hash = s->cc_hash;
    c->filter_cols = s->filter_cols;
    c->where = s->where;
    c->selected = true;
    c->sh = s->sh;
    c->worker = worker;
    c->clone = true;
    c->lazy = s->lazy;
    c->any_lazy = s->any_lazy;
    c->topn = s->topn;
    c->topn_col = s->topn_col;
    for (int i = 0; s->sizes && i < op->ncols; i++)
        if (s->sizes[i]) scan_read_sizes(&c->op, i);
    return &c->op;
}

static void scan_close(Op *op)
{
    MtScan *s = (MtScan *)op;
    while (s->qhead < s->nqueue) chunk_free(s->queue[s->qhead++]);
    free(s->queue);
    close_readers(s);
    free(s->readers);
    free(s->part_col);
    mt_selection_free(&s->sel);
    mt_parts_release(s->parts, s->nparts);
    if (s->sh && !s->clone) {
        free(s->sh->tasks);
        free(s->sh->seg);
        free(s->sh);
    }
    s->sh = NULL;
}

static void scan_describe(Op *op, PlanDesc *d)
{
    MtScan *s = (MtScan *)op;
    if (!s->selected) {
        Err e;
        if (mt_select(s->mt, s->t, op->q, s->parts, s->nparts, s->where, s->prewhere_moved ? NULL : s->prewhere, s->cols, op->ncols, &s->sel, &e) == 0)
            s->selected = true;
    }
    if (!s->selected || (s->sel.nranges == 0 && !op->q->explain_indexes)) {
        d->name = "ReadNothing (Read from NullSource)";
        return;
    }
    Buf *b = &d->details;
    buf_puts(b, "Read type: Default\n");
    buf_printf(b, "Parts: %d | Granules: %llu\n", s->sel.parts, (unsigned long long)s->sel.granules);
    /* the read step lists the PREWHERE columns first, and only the columns
     * still needed after it */
    buf_puts(b, "Output: ");
    bool first = true;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < op->ncols; i++) {
            bool in_pre = s->prewhere_cols && s->prewhere_cols[i];
            if ((pass == 0) != in_pre || (s->after && !s->after[i])) continue;
            buf_printf(b, "%s%s", first ? "" : ", ", op->names[i]);
            first = false;
        }
    if (first) buf_puts(b, "Empty");
    buf_putc(b, '\n');
    if (s->prewhere) {
        buf_puts(b, "Prewhere filter\nPrewhere filter column:  ");
        expr_sql(s->prewhere, op, b);
        buf_putc(b, '\n');
    }
    if (op->q->explain_indexes) mt_describe_selection(s->mt, &s->sel, op, s->prewhere, b);
}

/* WHERE conditions help pruning; PREWHERE ones are also evaluated here. */
static bool scan_push_filter(Op *op, Expr *e, bool prewhere, const bool *after)
{
    MtScan *s = (MtScan *)op;
    if (!prewhere) {
        s->where = e;
        return false;
    }
    s->prewhere = e;
    s->prewhere_moved = s->where != NULL;   /* taken from WHERE, which the index already sees */
    s->prewhere_cols = arena_alloc(&op->q->arena, (size_t)(op->ncols + 1));
    expr_mark_inputs(e, s->prewhere_cols, op->ncols);
    if (after) {
        s->after = arena_alloc(&op->q->arena, (size_t)(op->ncols + 1));
        memcpy(s->after, after, (size_t)op->ncols);
    }
    return true;
}

/* Columns are the table's own: EXPLAIN shows their names. */
static bool scan_column_source(Op *op, int col, Op **in, int *in_col) { return false; }

static int scan_key_position(Op *op, int col)
{
    MtScan *s = (MtScan *)op;
    const char *name = s->t->cols[s->cols[col]].name;
    for (int i = 0; i < s->mt->primary.n; i++)
        if (!strcmp(s->mt->primary.names[i], name)) return i;
    return -1;
}

static int scan_set_final(Op *op, Err *err)
{
    MtScan *s = (MtScan *)op;
    if (s->mt->kind == MT_PLAIN) return err_set(err, ERR_ILLEGAL_FINAL, "Storage MergeTree doesn't support FINAL");
    s->final = true;
    return 0;
}

static bool scan_exact_rows(Op *op, uint64_t *n)
{
    MtScan *s = (MtScan *)op;
    if (s->prewhere || s->where || s->final || s->raw) return false;
    uint64_t total = 0;
    for (int i = 0; i < s->nparts; i++) {
        const MtPart *p = s->parts[i];
        if (mt_meta_column(&p->meta, MUT_ROW_EXISTS) >= 0) return false;   /* lightweight-deleted rows */
        total += p->meta.rows;
    }
    *n = total;
    return true;
}

/* For the join's build-side choice: the rows of the parts, exact when
 * nothing can drop any (else an upper bound; granules are not pruned yet). */
static int scan_estimate(Op *op, uint64_t *n)
{
    MtScan *s = (MtScan *)op;
    if (scan_exact_rows(op, n)) return EST_EXACT;
    *n = 0;
    for (int i = 0; i < s->nparts; i++) *n += s->parts[i]->meta.rows;
    return EST_UPPER;
}

/* Late materialisation: the columns not in needed (nor read by PREWHERE)
 * are not read; each chunk carries them as constant defaults and one more
 * column, a UInt64 locator (part index << 40 | row in part), until
 * scan_fetch reads the rows that survived. */
static bool scan_defer(Op *op, const bool *needed, bool *lazy_out)
{
    MtScan *s = (MtScan *)op;
    if (s->final || s->raw || s->granule_chunks || s->sh || s->reader_part || s->nparts >= (1 << 23)) return false;
    for (int i = 0; i < s->nparts; i++)
        if (s->parts[i]->meta.rows >= (1ull << 40)) return false;
    s->lazy = arena_alloc(&op->q->arena, (size_t)op->ncols + 1);
    s->any_lazy = false;
    for (int i = 0; i < op->ncols; i++) {
        s->lazy[i] = !needed[i] && !(s->prewhere_cols && s->prewhere_cols[i]) && !(s->sizes && s->sizes[i]);
        for (int k = 0; k < s->nparts && s->lazy[i]; k++)   /* a part without it fills DEFAULTs from the row: read it */
            if (mt_meta_column(&s->parts[k]->meta, s->t->cols[s->cols[i]].name) < 0) s->lazy[i] = false;
        s->any_lazy |= s->lazy[i];
        lazy_out[i] = s->lazy[i];
    }
    return s->any_lazy;
}

static int cmp_u64_at(const void *a, const void *b, void *ctx)
{
    const uint64_t *loc = ctx;
    uint64_t x = loc[*(const uint32_t *)a], y = loc[*(const uint32_t *)b];
    return (x > y) - (x < y);
}

/* Column i of the rows at the sorted locators loc[ord[..]], in that order. */
static int fetch_column(MtScan *s, int i, const uint64_t *loc, const uint32_t *ord, size_t n, Column **out, Err *err)
{
    const char *name = s->t->cols[s->cols[i]].name;
    Column *res = col_new(s->op.types[i]);
    MtColumnReader rd;
    MtPart *cur = NULL;
    Column *gcol = NULL;
    uint32_t cur_g = UINT32_MAX;
    int rc = 0;
    for (size_t j = 0; j < n && !rc; j++) {
        MtPart *p = s->parts[loc[ord[j]] >> 40];
        uint64_t row = loc[ord[j]] & ((1ull << 40) - 1);
        if (p != cur) {
            if (cur) mt_reader_close(&rd);
            cur = NULL;
            int k = mt_meta_column(&p->meta, name);
            if (k < 0) rc = err_set(err, ERR_LOGICAL_ERROR, "Column %s is missing in part %s", name, p->name);
            if (!rc) rc = mt_reader_open(&rd, p, name, p->meta.col_types[k], err);
            if (rc) break;
            cur = p;
            cur_g = UINT32_MAX;
        }
        uint32_t lo = 0, hi = p->meta.marks - 1;   /* the granule holding row */
        while (hi - lo > 1) {
            uint32_t mid = (lo + hi) / 2;
            if (p->granule_start[mid] <= row) lo = mid;
            else hi = mid;
        }
        if (lo != cur_g) {
            col_unref(gcol);
            gcol = col_new(p->meta.col_types[mt_meta_column(&p->meta, name)]);
            if ((rc = mt_reader_read(&rd, p, lo, lo + 1, gcol, err)) || (rc = as_output(s, i, &gcol, err))) break;
            cur_g = lo;
        }
        col_push_from(res, gcol, (size_t)(row - p->granule_start[lo]));
    }
    if (cur) mt_reader_close(&rd);
    col_unref(gcol);
    if (rc) {
        col_unref(res);
        return rc;
    }
    *out = res;
    return 0;
}

static int scan_fetch(Op *op, Chunk *ch, Err *err)
{
    MtScan *s = (MtScan *)op;
    size_t n = ch->rows;
    const uint64_t *loc = COL_DATA(ch->cols[op->ncols], uint64_t);
    uint32_t *ord = xcalloc(n + 1, sizeof *ord), *inv = xcalloc(n + 1, sizeof *inv);
    for (size_t j = 0; j < n; j++) ord[j] = (uint32_t)j;
    qsort_r(ord, n, sizeof *ord, cmp_u64_at, (void *)loc);
    for (size_t j = 0; j < n; j++) inv[ord[j]] = (uint32_t)j;
    int rc = 0;
    for (int i = 0; i < op->ncols && !rc; i++) {
        if (!s->lazy[i]) continue;
        Column *sorted;
        if ((rc = fetch_column(s, i, loc, ord, n, &sorted, err))) break;
        col_unref(ch->cols[i]);
        ch->cols[i] = col_gather(sorted, inv, n);
        col_unref(sorted);
    }
    free(ord);
    free(inv);
    if (rc) return rc;
    col_unref(ch->cols[op->ncols]);
    ch->cols[op->ncols] = NULL;
    ch->ncols = op->ncols;
    return 0;
}

/* min/max over the whole table from the parts' column stats: no filter,
 * no FINAL, no deleted rows, every part with stats of this type. */
static const Column *part_stat(const MtPartMeta *m, const char *name)
{
    if (mt_meta_column(m, MUT_ROW_EXISTS) >= 0) return NULL;   /* deleted rows are still counted in */
    for (int k = 0; k < m->nstats; k++)
        if (!strcmp(m->stat_names[k], name)) return m->stats[k];
    return NULL;
}

static bool scan_range(Op *op, int col, Column **minmax)
{
    MtScan *s = (MtScan *)op;
    if (s->prewhere || s->where || s->final || s->raw || !s->nparts) return false;
    const char *name = s->t->cols[s->cols[col]].name;
    Column *acc = NULL;
    for (int i = 0; i < s->nparts; i++) {
        const Column *st = part_stat(&s->parts[i]->meta, name);
        if (!st || st->type != op->types[col]) {
            col_unref(acc);
            return false;
        }
        if (!acc) {
            acc = col_gather(st, (uint32_t[]){0, 1}, 2);
            continue;
        }
        bool lower = col_compare(st, 0, acc, 0, 1) < 0, higher = col_compare(st, 1, acc, 1, 1) > 0;
        if (lower || higher) {
            Column *n = col_new(acc->type);
            col_push_from(n, lower ? st : acc, 0);
            col_push_from(n, higher ? st : acc, 1);
            col_unref(acc);
            acc = n;
        }
    }
    *minmax = acc;
    return true;
}

static bool scan_topn(Op *op, int col, TopNFilter *f)
{
    MtScan *s = (MtScan *)op;
    if (s->final || s->raw || s->sh || (s->lazy && s->lazy[col])) return false;
    s->topn = f;
    s->topn_col = col;
    return true;
}

/* Whether text (an expression or list of them) may mention column name. */
static bool mentions(const char *text, const char *name) { return text && strstr(text, name); }

/* A plain String column that no key, index, TTL, engine argument or other
 * column's default reads (conservatively: whose name none of their texts
 * contains) can be read as lengths: nothing but the query sees it. */
static bool sizes_allowed(MtScan *s, int col)
{
    const ColumnDef *cd = &s->t->cols[s->cols[col]];
    const MtTable *mt = s->mt;
    if (cd->type->kind != TYPE_STRING || s->final || s->raw || s->granule_chunks || s->lazy || s->reader_part) return false;
    if (mentions(mt->sort.sql, cd->name) || mentions(mt->primary.sql, cd->name) || mentions(mt->partition.sql, cd->name) ||
        mentions(mt->ttl_sql, cd->name) || mentions(mt->ttl_where_sql, cd->name))
        return false;
    for (int i = 0; i < mt->nskip; i++)
        if (mentions(mt->skip[i].expr, cd->name)) return false;
    for (int i = 0; i < mt->nengine_args; i++)
        if (mentions(mt->engine_args[i], cd->name)) return false;
    for (int i = 0; i < s->t->ncols; i++)
        if (i != s->cols[col] && mentions(s->t->cols[i].default_sql, cd->name)) return false;
    return true;
}

static bool scan_read_sizes(Op *op, int col)
{
    MtScan *s = (MtScan *)op;
    if (!s->clone && !sizes_allowed(s, col)) return false;
    if (!s->sizes) {
        s->sizes = arena_alloc(&op->q->arena, (size_t)op->ncols + 1);
        s->size_stream = arena_alloc(&op->q->arena, (size_t)op->ncols + 1);
    }
    s->sizes[col] = true;
    op->types[col] = type_basic(TYPE_UINT64);
    op->names[col] = arena_printf(&op->q->arena, "%s.size", s->t->cols[s->cols[col]].name);   /* ClickHouse's subcolumn name */
    return true;
}

static const OpVt SCAN_VT = {.name = "ReadFromMergeTree", .exact_rows = scan_exact_rows, .next = scan_next, .close = scan_close, .describe = scan_describe,
                             .column_source = scan_column_source, .push_filter = scan_push_filter,
                             .adopt_filter = scan_adopt_filter, .filter_result = scan_filter_result,
                             .key_position = scan_key_position, .set_final = scan_set_final, .clone = scan_clone,
                             .defer_columns = scan_defer, .fetch_deferred = scan_fetch, .topn_filter = scan_topn,
                             .column_range = scan_range, .read_sizes = scan_read_sizes,
                             .rows_estimate = scan_estimate};

static MtScan *scan_new(Table *t, QueryCtx *q, const int *cols, int ncols)
{
    MtScan *s = op_alloc(q, sizeof *s, &SCAN_VT);
    s->t = t;
    s->mt = t->impl;
    s->cols = arena_alloc(&q->arena, sizeof *s->cols * (size_t)(ncols ? ncols : 1));
    memcpy(s->cols, cols, sizeof *cols * (size_t)ncols);
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(ncols ? ncols : 1));
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(ncols ? ncols : 1));
    for (int k = 0; k < ncols; k++) {
        names[k] = t->cols[cols[k]].name;
        types[k] = t->cols[cols[k]].type;
    }
    op_set_header(&s->op, ncols, names, types);
    s->readers = xcalloc((size_t)ncols + 1, sizeof *s->readers);
    s->part_col = xcalloc((size_t)ncols + 1, sizeof *s->part_col);
    s->op.label = arena_printf(&q->arena, "ReadFromMergeTree (%s.%s)", t->db, t->name);
    return s;
}

int mt_scan(Table *t, QueryCtx *q, const int *cols, int ncols, Op **out, Err *err)
{
    MtScan *s = scan_new(t, q, cols, ncols);
    s->parts = mt_parts_snapshot(s->mt, &s->nparts);
    *out = &s->op;
    return 0;
}

Op *mt_scan_part(Table *t, QueryCtx *q, MtPart *p, const int *cols, int ncols) { return mt_scan_part_ex(t, q, p, cols, ncols, 0); }

Op *mt_scan_part_ex(Table *t, QueryCtx *q, MtPart *p, const int *cols, int ncols, int flags)
{
    MtScan *s = scan_new(t, q, cols, ncols);
    s->raw = (flags & MT_SCAN_RAW) != 0;
    s->granule_chunks = (flags & MT_SCAN_GRANULES) != 0;
    s->parts = xcalloc(2, sizeof *s->parts);
    s->parts[0] = mt_part_ref(p);
    s->nparts = 1;
    return &s->op;
}

bool mt_is_merge_tree(const Table *t) { return t->engine == &ENGINE_MERGE_TREE; }
