/* mt_scan.c — ReadFromMergeTree: the operator that reads a MergeTree table.
 *
 * At open it takes a snapshot of the active parts (references, so merges and
 * DROP cannot delete them underneath). Before the first chunk it selects mark
 * ranges with mt_index.c from the filters the planner pushed down (WHERE for
 * pruning; PREWHERE also evaluated here, granule by granule, so the other
 * columns are read only for granules with matching rows). It then reads whole
 * granules, up to max_block_size rows per chunk, part after part. A column
 * the part lacks (added by ALTER later) reads as defaults; a column whose type
 * changed is cast. Rows a lightweight DELETE masked out (the part's
 * `_row_exists` column) are dropped as each granule range is read, unless
 * the reader is a mutation's raw one, which must see every row in place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "../exec/op.h"
#include "mt_index.h"
#include "mt_read.h"
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
} MtScan;

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
    for (int i = 0; i < s->op.ncols; i++) {
        const char *name = s->t->cols[s->cols[i]].name;
        s->part_col[i] = -1;
        for (int k = 0; k < p->meta.ncols; k++)
            if (!strcmp(p->meta.col_names[k], name)) s->part_col[i] = k;
    }
    for (int i = 0; i < s->op.ncols; i++) {
        int k = s->part_col[i];
        if (k < 0) continue;
        int rc = mt_reader_open(&s->readers[i], p, p->meta.col_names[k], p->meta.col_types[k], err);
        if (rc) {
            for (int j = 0; j < i; j++)
                if (s->part_col[j] >= 0) mt_reader_close(&s->readers[j]);
            return rc;
        }
    }
    bool masked = !s->raw && settings_int(&s->op.q->settings, SET_apply_deleted_mask) != 0;
    for (int k = 0; k < p->meta.ncols && masked; k++) {
        if (strcmp(p->meta.col_names[k], MUT_ROW_EXISTS)) continue;
        int rc = mt_reader_open(&s->mask_reader, p, MUT_ROW_EXISTS, p->meta.col_types[k], err);
        if (rc) {
            for (int j = 0; j < s->op.ncols; j++)
                if (s->part_col[j] >= 0) mt_reader_close(&s->readers[j]);
            return rc;
        }
        s->has_mask = true;
    }
    s->reader_part = p;
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
    const DataType *have = s->reader_part->meta.col_types[k];
    Column *c = col_new(have);
    int rc = mt_reader_read(&s->readers[i], s->reader_part, g0, g1, c, err);
    if (rc) {
        col_unref(c);
        return rc;
    }
    if (have != want) {
        Column *cv;
        FormatSettings fs;
        format_settings_default(&fs);
        rc = col_cast(c, want, CAST_THROW, &fs, &cv, err);
        col_unref(c);
        if (rc) return rc;
        c = cv;
    }
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
    if (full->type != s->op.types[i]) {
        Column *cv;
        FormatSettings fs;
        format_settings_default(&fs);
        rc = col_cast(full, s->op.types[i], CAST_THROW, &fs, &cv, err);
        col_unref(full);
        if (rc) return rc;
        full = cv;
    }
    col_unref(ch->cols[i]);
    ch->cols[i] = full;
    return 0;
}

static int apply_prewhere(MtScan *s, Chunk *ch, Err *err)
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
    for (size_t r = 0; r < ch->rows; r++) {
        bool v = !col_is_null(mm, r) && col_get_u64(mask, r) != 0;
        keep[r] = v;
        kept += v;
    }
    filter_in_place(ch, keep, kept);
    free(keep);
    col_unref(mm);
    return 0;
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
            int rc = s->prewhere ? apply_prewhere(s, ch, err) : 0;
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

static int scan_next(Op *op, Chunk **out, Err *err)
{
    MtScan *s = (MtScan *)op;
    int rc;
    if (s->final && !s->selected) {
        /* whole partitions: rows with equal keys must all meet */
        if ((rc = mt_select(s->mt, s->t, op->q, s->parts, s->nparts, NULL, NULL, s->cols, op->ncols, &s->sel, err))) return rc;
        s->selected = true;
    }
    if (s->final) return final_next(s, out, err);
    if (!s->selected) {
        if ((rc = mt_select(s->mt, s->t, op->q, s->parts, s->nparts, s->where, s->prewhere_moved ? NULL : s->prewhere, s->cols, op->ncols, &s->sel, err))) return rc;
        s->selected = true;
        if ((rc = read_limits_check(op->q, s->sel.rows, 0, err))) return rc;
    }
    uint64_t max_rows = (uint64_t)settings_int(&op->q->settings, SET_max_block_size);
    if (!max_rows) max_rows = 65536;
    if (s->granule_chunks) max_rows = 1;
    while (s->cur < s->sel.nranges) {
        if (op->q->cancel && *op->q->cancel) return err_set(err, ERR_QUERY_WAS_CANCELLED, "Query was cancelled");
        MtRange *r = &s->sel.ranges[s->cur];
        if (s->pos < r->g0) s->pos = r->g0;
        if (s->pos >= r->g1) {
            s->cur++;
            s->pos = 0;
            continue;
        }
        if (s->reader_part != r->part && (rc = open_readers(s, r->part, err))) return rc;
        uint32_t g0 = s->pos, g1 = g0;
        uint64_t rows = 0;
        while (g1 < r->g1 && (rows == 0 || rows + mt_granule_rows(r->part, g1) <= max_rows)) rows += mt_granule_rows(r->part, g1++);
        s->pos = g1;
        Chunk *ch = chunk_new(op->ncols, rows);
        for (int i = 0; i < op->ncols && !rc; i++) rc = read_column(s, i, g0, g1, rows, &ch->cols[i], err);
        for (int i = 0; i < op->ncols && !rc; i++)
            if (s->part_col[i] < 0) rc = fill_default(s, ch, i, err);
        if (rc) {
            for (int i = 0; i < op->ncols; i++)
                if (!ch->cols[i]) ch->cols[i] = col_new(type_basic(TYPE_UINT8));
            chunk_free(ch);
            return rc;
        }
        op->q->rows_read += rows;
        op->q->bytes_read += chunk_bytes(ch);
        if (s->has_mask && (rc = apply_mask(s, ch, g0, g1, err))) {
            chunk_free(ch);
            return rc;
        }
        if (s->prewhere && (rc = apply_prewhere(s, ch, err))) {
            chunk_free(ch);
            return rc;
        }
        if (ch->rows == 0) {
            chunk_free(ch);
            continue;
        }
        *out = ch;
        return 0;
    }
    close_readers(s);
    return 0;
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
        for (int k = 0; k < p->meta.ncols; k++)
            if (!strcmp(p->meta.col_names[k], MUT_ROW_EXISTS)) return false;   /* lightweight-deleted rows */
        total += p->meta.rows;
    }
    *n = total;
    return true;
}

static const OpVt SCAN_VT = {.name = "ReadFromMergeTree", .exact_rows = scan_exact_rows, .next = scan_next, .close = scan_close, .describe = scan_describe,
                             .column_source = scan_column_source, .push_filter = scan_push_filter,
                             .key_position = scan_key_position, .set_final = scan_set_final};

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
