/* op.c — operator helpers and the small operators: chunk/one/numbers sources,
 * project, filter, limit, union, drain. Bigger operators live in their own
 * files (op_agg.c, op_sort.c, op_join.c, op_misc.c). */
#include "op.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"

void *op_alloc(QueryCtx *q, size_t size, const OpVt *vt)
{
    Op *op = arena_alloc(&q->arena, size);
    op->vt = vt;
    op->q = q;
    return op;
}

void op_prune_outputs(Op *op, const bool *used)
{
    if (op && op->vt->prune_outputs) op->vt->prune_outputs(op, used);
}

int op_rows_estimate(Op *op, uint64_t *n)
{
    *n = 0;
    if (!op || !op->vt->rows_estimate) return EST_UNKNOWN;
    return op->vt->rows_estimate(op, n);
}

void op_close(Op *op)
{
    if (op && op->vt->close) op->vt->close(op);
}

void op_set_header(Op *op, int n, char *const *names, const DataType *const *types)
{
    op->ncols = n;
    op->names = arena_alloc(&op->q->arena, sizeof *op->names * (size_t)(n ? n : 1));
    op->types = arena_alloc(&op->q->arena, sizeof *op->types * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        op->names[i] = arena_strdup(&op->q->arena, names[i]);
        op->types[i] = types[i];
    }
}

void chunks_free(Chunk **chunks, int n)
{
    for (int i = 0; i < n; i++) chunk_free(chunks[i]);
    free(chunks);
}

int op_drain(Op *op, Chunk ***chunks, int *n, Err *err)
{
    Chunk **arr = NULL;
    int cnt = 0, cap = 0;
    for (;;) {
        Chunk *c;
        int rc = op_next(op, &c, err);
        if (rc) {
            chunks_free(arr, cnt);
            return rc;
        }
        if (!c) break;
        if (c->rows == 0) {
            chunk_free(c);
            continue;
        }
        if (cnt == cap) {
            cap = cap ? cap * 2 : 8;
            arr = xrealloc(arr, sizeof *arr * (size_t)cap);
        }
        arr[cnt++] = c;
        if ((rc = mem_check(err))) {
            chunks_free(arr, cnt);
            return rc;
        }
    }
    *chunks = arr;
    *n = cnt;
    return 0;
}

Chunk *chunks_concat(Chunk **chunks, int n, int ncols, const DataType **types)
{
    size_t rows = 0;
    for (int i = 0; i < n; i++) rows += chunks[i]->rows;
    Chunk *r = chunk_new(ncols, rows);
    for (int c = 0; c < ncols; c++) {
        if (n == 1 && !chunks[0]->cols[c]->is_const) {
            r->cols[c] = col_ref(chunks[0]->cols[c]);
            continue;
        }
        Column *col = col_new(types[c]);
        col_reserve(col, rows);
        for (int i = 0; i < n; i++) col_push_range(col, chunks[i]->cols[c], 0, chunks[i]->rows);
        r->cols[c] = col;
    }
    return r;
}

/* ---- chunk source ---- */

typedef struct ChunksOp {
    Op base;
    Chunk **chunks;
    int n, pos;
} ChunksOp;

static int chunks_next(Op *op, Chunk **out, Err *err)
{
    ChunksOp *c = (ChunksOp *)op;
    if (c->pos >= c->n) {
        *out = NULL;
        return 0;
    }
    *out = c->chunks[c->pos];
    c->chunks[c->pos++] = NULL;
    return 0;
}

static void chunks_close(Op *op)
{
    ChunksOp *c = (ChunksOp *)op;
    for (int i = c->pos; i < c->n; i++) chunk_free(c->chunks[i]);
    free(c->chunks);
    c->chunks = NULL;
    c->n = c->pos = 0;
}

static void names_line(Buf *b, const char *title, Op *op)
{
    buf_puts(b, title);
    for (int i = 0; i < op->ncols; i++) buf_printf(b, "%s%s", i ? ", " : "", op->names[i]);
    buf_putc(b, '\n');
}

static void chunks_describe(Op *op, PlanDesc *d)
{
    d->name = op->label ? op->label : "ReadFromPreparedSource";
    if (!op->label || strcmp(op->label, "ReadFromSystemOne") != 0) names_line(&d->details, "Output: ", op);
}

/* A Memory table's rows are known (other prepared sources: not estimated, as in ClickHouse). */
static int chunks_estimate(Op *op, uint64_t *n)
{
    ChunksOp *c = (ChunksOp *)op;
    if (!op->label || strcmp(op->label, "ReadFromMemoryStorage") != 0) return EST_UNKNOWN;
    for (int i = c->pos; i < c->n; i++) *n += c->chunks[i]->rows;
    return EST_EXACT;
}

static const OpVt CHUNKS_VT = {.name = "Chunks", .next = chunks_next, .close = chunks_close, .describe = chunks_describe,
                               .rows_estimate = chunks_estimate};

Op *op_chunks(QueryCtx *q, int ncols, char **names, const DataType **types, Chunk **chunks, int nchunks)
{
    ChunksOp *c = op_alloc(q, sizeof *c, &CHUNKS_VT);
    op_set_header(&c->base, ncols, names, types);
    c->chunks = chunks;
    c->n = nchunks;
    return &c->base;
}

Op *op_one(QueryCtx *q)
{
    Chunk *ch = chunk_new(1, 1);
    ch->cols[0] = col_new(type_basic(TYPE_UINT8));
    COL_PUSH(ch->cols[0], uint8_t, 0);
    Chunk **arr = xmalloc(sizeof *arr);
    arr[0] = ch;
    char *names[1] = {"dummy"};
    const DataType *types[1] = {type_basic(TYPE_UINT8)};
    Op *op = op_chunks(q, 1, names, types, arr, 1);
    op->label = "ReadFromSystemOne";
    return op;
}

/* ---- read limits (max_rows_to_read, max_bytes_to_read) ---- */

int read_limits_check(QueryCtx *q, uint64_t next_rows, uint64_t next_bytes, Err *err)
{
    int64_t max_rows = settings_int(&q->settings, SET_max_rows_to_read);
    int64_t max_bytes = settings_int(&q->settings, SET_max_bytes_to_read);
    if (strcmp(settings_str(&q->settings, SET_read_overflow_mode), "throw") != 0) return 0;
    uint64_t rows = q->rows_read + next_rows, bytes = q->bytes_read + next_bytes;
    if (max_rows > 0 && rows > (uint64_t)max_rows)
        return err_set(err, ERR_TOO_MANY_ROWS,
                       "Limit for rows (controlled by 'max_rows_to_read' setting) exceeded, max rows: %lld, current rows: %llu",
                       (long long)max_rows, (unsigned long long)rows);
    if (max_bytes > 0 && bytes > (uint64_t)max_bytes)
        return err_set(err, ERR_TOO_MANY_BYTES,
                       "Limit for (uncompressed) bytes to read (controlled by 'max_bytes_to_read' setting) exceeded, max bytes: %lld, current bytes: %llu",
                       (long long)max_bytes, (unsigned long long)bytes);
    return 0;
}

/* ---- numbers ---- */

typedef struct NumbersOp {
    Op base;
    uint64_t next, left, step;
    bool unbounded, zeros;
    size_t block;
} NumbersOp;

static int numbers_next(Op *op, Chunk **out, Err *err)
{
    NumbersOp *n = (NumbersOp *)op;
    if (!n->unbounded && n->left == 0) {
        *out = NULL;
        return 0;
    }
    if (op->q->cancel || op->q->deadline_ns) {
        int crc = qctx_check(op->q, err);
        if (crc) return crc;
    }
    size_t rows = n->block;
    if (!n->unbounded && n->left < rows) rows = (size_t)n->left;
    /* a bounded source is checked against its whole size up front, as ClickHouse does */
    int lrc = read_limits_check(op->q, n->unbounded ? rows : n->left, (n->unbounded ? rows : n->left) * (n->zeros ? 1 : 8), err);
    if (lrc) return lrc;
    Chunk *ch = chunk_new(1, rows);
    Column *c = col_new(op->types[0]);
    if (n->zeros) {
        memset(buf_extend(&c->data, rows), 0, rows);
    } else {
        uint64_t *d = buf_extend(&c->data, rows * 8);
        for (size_t i = 0; i < rows; i++) d[i] = n->next + i * n->step;
    }
    c->rows = rows;
    ch->cols[0] = c;
    n->next += rows * n->step;
    if (!n->unbounded) n->left -= rows;
    op->q->rows_read += rows;
    op->q->bytes_read += rows * (n->zeros ? 1 : 8);
    *out = ch;
    return 0;
}

static void numbers_describe(Op *op, PlanDesc *d)
{
    d->name = ((NumbersOp *)op)->zeros ? "ReadFromSystemZeros" : "ReadFromSystemNumbers";
    names_line(&d->details, "Output: ", op);
}

static const OpVt NUMBERS_VT = {.name = "Numbers", .next = numbers_next, .describe = numbers_describe};

Op *op_numbers(QueryCtx *q, uint64_t start, uint64_t count, uint64_t step, bool unbounded, const char *colname, bool zeros)
{
    NumbersOp *n = op_alloc(q, sizeof *n, &NUMBERS_VT);
    char *names[1] = {(char *)colname};
    const DataType *types[1] = {type_basic(zeros ? TYPE_UINT8 : TYPE_UINT64)};
    op_set_header(&n->base, 1, names, types);
    n->next = start;
    n->left = count;
    n->step = step ? step : 1;
    n->unbounded = unbounded;
    n->zeros = zeros;
    if (!unbounded) __atomic_add_fetch(&q->total_rows_to_read, count, __ATOMIC_RELAXED);   /* progress: the whole of it */
    int64_t bs = settings_int(&q->settings, SET_max_block_size);
    n->block = bs > 0 ? (size_t)bs : 65409;
    return &n->base;
}

/* ---- project ---- */

typedef struct ProjectOp {
    Op base;
    Op *in;
    Expr **exprs;
    bool *skip;           /* outputs nobody reads (prune_outputs): constant placeholders */
} ProjectOp;

static int project_next(Op *op, Chunk **out, Err *err)
{
    ProjectOp *p = (ProjectOp *)op;
    Chunk *in;
    int rc = op_next(p->in, &in, err);
    if (rc || !in) {
        *out = NULL;
        return rc;
    }
    int extra = in->ncols > p->in->ncols ? in->ncols - p->in->ncols : 0;   /* a deferred read's locator */
    Chunk *res = chunk_new(op->ncols + extra, in->rows);
    for (int i = 0; i < extra; i++) res->cols[op->ncols + i] = col_ref(in->cols[p->in->ncols + i]);
    for (int i = 0; i < op->ncols; i++) {
        if (p->skip && p->skip[i]) {
            res->cols[i] = col_const_default(op->types[i], in->rows);
            continue;
        }
        rc = expr_eval(p->exprs[i], in, &res->cols[i], err);
        if (rc) {
            chunk_free(in);
            chunk_free(res);
            return rc;
        }
    }
    chunk_free(in);
    *out = res;
    return mem_check(err);
}

static void project_close(Op *op) { op_close(((ProjectOp *)op)->in); }

static void project_describe(Op *op, PlanDesc *d)
{
    d->hidden = true;   /* ClickHouse folds expression steps into their neighbours */
    d->children[d->nchildren++] = ((ProjectOp *)op)->in;
}

static Op *project_clone(Op *op, int worker, int nworkers)
{
    ProjectOp *p = (ProjectOp *)op;
    for (int i = 0; i < op->ncols; i++)
        if (!expr_parallel_safe(p->exprs[i])) return NULL;
    Op *in = op_clone(p->in, worker, nworkers);
    if (!in) return NULL;
    Op *c = op_project(in, p->exprs, op->ncols, op->names);
    ((ProjectOp *)c)->skip = p->skip;
    return c;
}

/* Late materialisation through an Expression: a column that only copies a
 * deferred input column stays deferred; inputs of computed ones are needed. */
static bool project_defer(Op *op, const bool *needed, bool *lazy_out)
{
    ProjectOp *p = (ProjectOp *)op;
    Op *in = p->in;
    if (!in->vt->defer_columns) return false;
    bool *need_in = arena_alloc(&op->q->arena, (size_t)in->ncols + 1);
    bool *lazy_in = arena_alloc(&op->q->arena, (size_t)in->ncols + 1);
    for (int i = 0; i < op->ncols; i++) {
        Expr *e = p->exprs[i];
        if (e->kind != EX_INPUT) expr_mark_inputs(e, need_in, in->ncols);
        else if (needed[i] && e->input >= 0 && e->input < in->ncols) need_in[e->input] = true;
    }
    if (!in->vt->defer_columns(in, need_in, lazy_in)) return false;
    bool any = false;
    for (int i = 0; i < op->ncols; i++) {
        Expr *e = p->exprs[i];
        lazy_out[i] = e->kind == EX_INPUT && e->input >= 0 && e->input < in->ncols && lazy_in[e->input];
        any |= lazy_out[i];
    }
    return any;
}

static int project_fetch(Op *op, Chunk *ch, Err *err)
{
    ProjectOp *p = (ProjectOp *)op;
    Op *in = p->in;
    Chunk *t = chunk_new(in->ncols + 1, ch->rows);
    for (int i = 0; i < op->ncols; i++) {
        Expr *e = p->exprs[i];
        if (e->kind == EX_INPUT && e->input >= 0 && e->input < in->ncols && !t->cols[e->input]) t->cols[e->input] = col_ref(ch->cols[i]);
    }
    for (int j = 0; j < in->ncols; j++)   /* inputs no output copies: fetched and dropped */
        if (!t->cols[j]) t->cols[j] = col_const_default(in->types[j], ch->rows);
    t->cols[in->ncols] = col_ref(ch->cols[op->ncols]);
    int rc = in->vt->fetch_deferred(in, t, err);
    if (!rc) {
        for (int i = 0; i < op->ncols; i++) {
            Expr *e = p->exprs[i];
            if (e->kind != EX_INPUT || e->input < 0 || e->input >= in->ncols) continue;
            col_unref(ch->cols[i]);
            ch->cols[i] = col_ref(t->cols[e->input]);
        }
        col_unref(ch->cols[op->ncols]);
        ch->cols[op->ncols] = NULL;
        ch->ncols = op->ncols;
    }
    chunk_free(t);
    return rc;
}

static bool project_topn(Op *op, int col, TopNFilter *f)
{
    ProjectOp *p = (ProjectOp *)op;
    Expr *e = p->exprs[col];
    if (e->kind != EX_INPUT || e->input < 0 || e->input >= p->in->ncols || !p->in->vt->topn_filter) return false;
    return p->in->vt->topn_filter(p->in, e->input, f);
}

/* Outputs nobody reads are not computed; the inputs of the others stay needed. */
static void project_prune(Op *op, const bool *used)
{
    ProjectOp *p = (ProjectOp *)op;
    bool *need = arena_alloc(&op->q->arena, (size_t)p->in->ncols + 1);
    p->skip = arena_alloc(&op->q->arena, (size_t)op->ncols + 1);
    for (int i = 0; i < op->ncols; i++) {
        p->skip[i] = !used[i];
        if (used[i]) expr_mark_inputs(p->exprs[i], need, p->in->ncols);
    }
    op_prune_outputs(p->in, need);
}

static bool project_range(Op *op, int col, Column **minmax)
{
    ProjectOp *p = (ProjectOp *)op;
    Expr *e = p->exprs[col];
    if (e->kind != EX_INPUT || e->input < 0 || e->input >= p->in->ncols || !p->in->vt->column_range) return false;
    return p->in->vt->column_range(p->in, e->input, minmax);
}

static int project_estimate(Op *op, uint64_t *n) { return op_rows_estimate(((ProjectOp *)op)->in, n); }

static const OpVt PROJECT_VT = {.name = "Expression", .next = project_next, .close = project_close, .describe = project_describe, .clone = project_clone,
                                .defer_columns = project_defer, .fetch_deferred = project_fetch, .topn_filter = project_topn,
                                .prune_outputs = project_prune, .column_range = project_range, .rows_estimate = project_estimate};

void op_column_sql(Op *op, int col, Buf *out)
{
    if (op->vt == &PROJECT_VT) {
        expr_sql(((ProjectOp *)op)->exprs[col], ((ProjectOp *)op)->in, out);
        return;
    }
    Op *in;
    int in_col;
    if (op->vt->column_source) {
        if (op->vt->column_source(op, col, &in, &in_col)) {
            op_column_sql(in, in_col, out);
            return;
        }
        buf_puts(out, op->names[col]);
        return;
    }
    PlanDesc d;
    memset(&d, 0, sizeof d);
    if (op->vt->describe) op->vt->describe(op, &d);
    buf_free(&d.details);
    buf_free(&d.inner_details);
    /* row-preserving steps (filter, sort, limit...) show their input's expression */
    if (d.nchildren == 1 && d.children[0]->ncols == op->ncols) {
        op_column_sql(d.children[0], col, out);
        return;
    }
    buf_puts(out, op->names[col]);
}

Op *op_project(Op *in, Expr **exprs, int n, char **names)
{
    ProjectOp *p = op_alloc(in->q, sizeof *p, &PROJECT_VT);
    p->in = in;
    p->exprs = exprs;
    const DataType **types = arena_alloc(&in->q->arena, sizeof *types * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) types[i] = exprs[i]->type;
    op_set_header(&p->base, n, names, types);
    return &p->base;
}

/* ---- filter ---- */

typedef struct FilterOp {
    Op base;
    Op *in;
    Expr *pred;
    bool *unused;         /* columns nobody reads downstream: not compacted */
} FilterOp;

/* Builds a 0/1 mask from a predicate column; returns the count of kept rows. */
static size_t make_mask(Column *c, size_t rows, uint8_t *mask)
{
    Column *v = c;
    if (v->type->kind == TYPE_LOWCARDINALITY) v = v->sub[0];
    const uint8_t *nulls = v->type->kind == TYPE_NULLABLE ? COL_NULLS(v) : NULL;
    if (nulls) v = v->sub[0];
    size_t kept = 0;
    if (!nulls && !c->is_const && !v->is_const && (v->type->kind == TYPE_UINT8 || v->type->kind == TYPE_BOOL)) {
        return col_mask_from_bytes(COL_DATA(v, uint8_t), rows, mask);   /* the common case: a plain UInt8 predicate */
    }
    for (size_t i = 0; i < rows; i++) {
        size_t k = col_phys(c, i);
        bool t;
        if (nulls && nulls[k]) t = false;
        else if (v->type->kind == TYPE_UINT8 || v->type->kind == TYPE_BOOL) t = COL_DATA(v, uint8_t)[k] != 0;
        else if (v->type->kind == TYPE_NOTHING) t = false;
        else {
            Column tmp = *v;
            tmp.is_const = false;
            t = col_get_f64(&tmp, k) != 0;
        }
        mask[i] = t;
        kept += t;
    }
    return kept;
}

static int filter_next(Op *op, Chunk **out, Err *err)
{
    FilterOp *f = (FilterOp *)op;
    for (;;) {
        Chunk *in;
        int rc = op_next(f->in, &in, err);
        if (rc || !in) {
            *out = NULL;
            return rc;
        }
        Column *p;
        if ((rc = expr_eval(f->pred, in, &p, err))) {
            chunk_free(in);
            return rc;
        }
        uint8_t *mask = mem_alloc(in->rows ? in->rows : 1);
        size_t kept = make_mask(p, in->rows, mask);
        col_unref(p);
        if (f->in->vt->filter_result) f->in->vt->filter_result(f->in, mask, in->rows);
        if (kept == in->rows) {
            mem_free(mask, in->rows ? in->rows : 1);
            *out = in;
            return 0;
        }
        if (kept == 0) {
            mem_free(mask, in->rows ? in->rows : 1);
            chunk_free(in);
            continue;
        }
        Chunk *res = chunk_new(in->ncols, kept);
        for (int i = 0; i < in->ncols; i++)
            res->cols[i] = f->unused && i < op->ncols && f->unused[i] ? col_const_of(in->cols[i], 0, kept) : col_filter(in->cols[i], mask, kept);
        mem_free(mask, in->rows ? in->rows : 1);
        chunk_free(in);
        *out = res;
        return 0;
    }
}

static void filter_close(Op *op) { op_close(((FilterOp *)op)->in); }

static void filter_describe(Op *op, PlanDesc *d)
{
    FilterOp *f = (FilterOp *)op;
    d->name = op->label ? op->label : "Filter ((WHERE + Change column names to column identifiers))";
    buf_puts(&d->details, "Filter column: ");
    expr_sql(f->pred, f->in, &d->details);
    buf_putc(&d->details, '\n');
    d->children[d->nchildren++] = f->in;
}

static Op *filter_clone(Op *op, int worker, int nworkers)
{
    FilterOp *f = (FilterOp *)op;
    if (!expr_parallel_safe(f->pred)) return NULL;
    Op *in = op_clone(f->in, worker, nworkers);
    if (!in) return NULL;
    Op *c = op_filter(in, f->pred);
    ((FilterOp *)c)->unused = f->unused;
    return c;
}

static void filter_prune(Op *op, const bool *used)
{
    FilterOp *f = (FilterOp *)op;
    f->unused = arena_alloc(&op->q->arena, (size_t)op->ncols + 1);
    bool *need = arena_alloc(&op->q->arena, (size_t)op->ncols + 1);
    for (int i = 0; i < op->ncols; i++) f->unused[i] = !used[i], need[i] = used[i];
    expr_mark_inputs(f->pred, need, op->ncols);
    op_prune_outputs(f->in, need);
}

static bool filter_defer(Op *op, const bool *needed, bool *lazy_out)
{
    FilterOp *f = (FilterOp *)op;
    if (!f->in->vt->defer_columns) return false;
    bool *need = arena_alloc(&op->q->arena, (size_t)op->ncols + 1);
    memcpy(need, needed, (size_t)op->ncols);
    expr_mark_inputs(f->pred, need, op->ncols);
    return f->in->vt->defer_columns(f->in, need, lazy_out);
}

static int filter_fetch(Op *op, Chunk *ch, Err *err) { return ((FilterOp *)op)->in->vt->fetch_deferred(((FilterOp *)op)->in, ch, err); }

static bool filter_topn(Op *op, int col, TopNFilter *f)
{
    Op *in = ((FilterOp *)op)->in;
    return in->vt->topn_filter && in->vt->topn_filter(in, col, f);
}

/* a filter only removes rows: an exact count below becomes a bound */
static int filter_estimate(Op *op, uint64_t *n)
{
    int k = op_rows_estimate(((FilterOp *)op)->in, n);
    return k == EST_EXACT ? EST_UPPER : k;
}

static const OpVt FILTER_VT = {.name = "Filter", .next = filter_next, .close = filter_close, .describe = filter_describe, .clone = filter_clone,
                               .defer_columns = filter_defer, .fetch_deferred = filter_fetch, .topn_filter = filter_topn,
                               .prune_outputs = filter_prune, .rows_estimate = filter_estimate};

Op *op_filter(Op *in, Expr *pred)
{
    FilterOp *f = op_alloc(in->q, sizeof *f, &FILTER_VT);
    f->in = in;
    f->pred = pred;
    op_set_header(&f->base, in->ncols, in->names, in->types);
    if (in->vt->adopt_filter) in->vt->adopt_filter(in, pred);
    return &f->base;
}

/* ---- limit ---- */

typedef struct LimitOp {
    Op base;
    Op *in;
    uint64_t limit, offset, seen;
    bool has_limit, done;
    /* WITH TIES: after the limit, rows equal to the last one on these keys */
    const SortKey *ties;
    int nties;
    Chunk *last;          /* one row: the last row inside the limit */
    bool tail;            /* the limit is reached; emitting ties */
} LimitOp;

static bool tie_equal(const LimitOp *l, Chunk *ch, size_t r)
{
    for (int k = 0; k < l->nties; k++) {
        int c = l->ties[k].col;
        if (col_compare(l->last->cols[c], 0, ch->cols[c], r, 1) != 0) return false;
    }
    return true;
}

static int ties_next(LimitOp *l, Chunk *in, Chunk **out)
{
    size_t n = 0;
    while (n < in->rows && tie_equal(l, in, n)) n++;
    if (n < in->rows) l->done = true;
    if (n == 0) {
        chunk_free(in);
        *out = NULL;
        return 0;
    }
    Chunk *res = chunk_new(in->ncols, n);
    for (int i = 0; i < in->ncols; i++) res->cols[i] = col_slice(in->cols[i], 0, n);
    chunk_free(in);
    *out = res;
    return 0;
}

static void remember_last(LimitOp *l, Chunk *ch)
{
    if (!l->nties || !ch->rows) return;
    if (l->last) chunk_free(l->last);
    l->last = chunk_new(ch->ncols, 1);
    for (int i = 0; i < ch->ncols; i++) l->last->cols[i] = col_slice(ch->cols[i], ch->rows - 1, 1);
}

static int limit_next(Op *op, Chunk **out, Err *err)
{
    LimitOp *l = (LimitOp *)op;
    for (;;) {
        if (l->tail && !l->done) {
            Chunk *in;
            int rc = op_next(l->in, &in, err);
            if (rc || !in) {
                *out = NULL;
                return rc;
            }
            rc = ties_next(l, in, out);
            if (*out || l->done) return rc;
            continue;
        }
        if (l->done) {
            *out = NULL;
            return 0;
        }
        Chunk *in;
        int rc = op_next(l->in, &in, err);
        if (rc || !in) {
            *out = NULL;
            return rc;
        }
        uint64_t start = l->seen, end = l->seen + in->rows;
        l->seen = end;
        /* rows_before_limit_at_least: the outermost LIMIT is pulled last; a
         * top-n sort below it saw every row */
        uint64_t sorted = __atomic_load_n(&op->q->sort_rows, __ATOMIC_RELAXED);
        op->q->rows_before_limit = end > sorted ? end : sorted;
        uint64_t lo = l->offset, hi = l->has_limit ? l->offset + l->limit : UINT64_MAX;
        if (l->has_limit && end >= hi) {
            if (l->nties && hi > lo) l->tail = true;
            else l->done = true;
        }
        uint64_t from = start > lo ? start : lo, to = end < hi ? end : hi;
        if (from >= to) {
            chunk_free(in);
            continue;
        }
        Chunk *res;
        if (from == start && to == end) {
            res = in;
        } else {
            res = chunk_new(in->ncols, (size_t)(to - from));
            for (int i = 0; i < in->ncols; i++) res->cols[i] = col_slice(in->cols[i], (size_t)(from - start), (size_t)(to - from));
        }
        remember_last(l, res);
        if (l->tail && to < end) {
            /* ties within the rest of this chunk */
            Chunk *rest = chunk_new(in->ncols, (size_t)(end - to));
            for (int i = 0; i < in->ncols; i++) rest->cols[i] = col_slice(in->cols[i], (size_t)(to - start), (size_t)(end - to));
            Chunk *more;
            ties_next(l, rest, &more);
            if (more) {
                Chunk *both = chunk_new(res->ncols, res->rows + more->rows);
                for (int i = 0; i < res->ncols; i++) {
                    Column *parts[2] = {res->cols[i], more->cols[i]};
                    both->cols[i] = col_concat(parts, 2);
                }
                chunk_free(more);
                if (res != in) chunk_free(res);
                res = both;
            }
        }
        if (res != in) chunk_free(in);
        *out = res;
        return 0;
    }
}

static void limit_close(Op *op)
{
    LimitOp *l = (LimitOp *)op;
    if (l->last) chunk_free(l->last);
    l->last = NULL;
    op_close(l->in);
}

static void limit_describe(Op *op, PlanDesc *d)
{
    LimitOp *l = (LimitOp *)op;
    d->name = "Limit (preliminary LIMIT)";
    buf_printf(&d->details, "Limit %llu\nOffset %llu\n", (unsigned long long)(l->has_limit ? l->limit : 0),
               (unsigned long long)l->offset);
    if (l->nties) buf_puts(&d->details, "With ties\n");
    d->children[d->nchildren++] = l->in;
}

static int limit_estimate(Op *op, uint64_t *n)
{
    LimitOp *l = (LimitOp *)op;
    int k = op_rows_estimate(l->in, n);
    if (l->nties) return k == EST_EXACT ? EST_UPPER : k;   /* ties may run past the limit */
    if (!l->has_limit) {
        if (k != EST_UNKNOWN) *n = *n > l->offset ? *n - l->offset : 0;
        return k;
    }
    if (k == EST_UNKNOWN) {
        *n = l->limit;
        return EST_UPPER;
    }
    *n = *n <= l->offset ? 0 : (*n - l->offset < l->limit ? *n - l->offset : l->limit);
    return k;
}

static const OpVt LIMIT_VT = {.name = "Limit", .next = limit_next, .close = limit_close, .describe = limit_describe,
                              .rows_estimate = limit_estimate};

/* LIMIT n right over numbers() (through projections): the source makes
 * only the rows the limit can take, as ClickHouse's does. */
static void limit_source(Op *in, uint64_t rows)
{
    while (in->vt == &PROJECT_VT) in = ((ProjectOp *)in)->in;
    if (in->vt != &NUMBERS_VT) return;
    NumbersOp *n = (NumbersOp *)in;
    if (n->unbounded || n->left > rows) n->left = rows;
    n->unbounded = false;
}

Op *op_limit(Op *in, uint64_t limit, uint64_t offset, bool has_limit)
{
    if (has_limit) {
        in->q->has_limit = true;   /* formats print rows_before_limit_at_least */
        if (limit <= UINT64_MAX - offset) limit_source(in, limit + offset);
    }
    LimitOp *l = op_alloc(in->q, sizeof *l, &LIMIT_VT);
    l->in = in;
    l->limit = limit;
    l->offset = offset;
    l->has_limit = has_limit;
    op_set_header(&l->base, in->ncols, in->names, in->types);
    return &l->base;
}

Op *op_limit_ties(Op *in, uint64_t limit, uint64_t offset, const SortKey *keys, int nkeys)
{
    Op *op = op_limit(in, limit, offset, true);
    LimitOp *l = (LimitOp *)op;
    l->ties = keys;
    l->nties = nkeys;
    return op;
}

/* ---- union ---- */

typedef struct UnionOp {
    Op base;
    Op **children;
    int n, cur;
} UnionOp;

static int union_next(Op *op, Chunk **out, Err *err)
{
    UnionOp *u = (UnionOp *)op;
    while (u->cur < u->n) {
        Chunk *c;
        int rc = op_next(u->children[u->cur], &c, err);
        if (rc) return rc;
        if (c) {
            *out = c;
            return 0;
        }
        u->cur++;
    }
    *out = NULL;
    return 0;
}

static void union_close(Op *op)
{
    UnionOp *u = (UnionOp *)op;
    for (int i = 0; i < u->n; i++) op_close(u->children[i]);
}

static void union_describe(Op *op, PlanDesc *d)
{
    UnionOp *u = (UnionOp *)op;
    for (int i = 0; i < u->n && d->nchildren < 8; i++) d->children[d->nchildren++] = u->children[i];
}

static const OpVt UNION_VT = {.name = "Union", .next = union_next, .close = union_close, .describe = union_describe};

Op *op_union(QueryCtx *q, Op **children, int n)
{
    UnionOp *u = op_alloc(q, sizeof *u, &UNION_VT);
    u->children = children;
    u->n = n;
    op_set_header(&u->base, children[0]->ncols, children[0]->names, children[0]->types);
    return &u->base;
}

/* ---- replay: one input read by several consumers (GROUP BY ROLLUP / CUBE /
 * GROUPING SETS aggregate it once per set) ---- */

typedef struct Shared {
    Op *in;
    Chunk **chunks;
    int n, refs;
    bool drained;
} Shared;

typedef struct ReplayOp {
    Op base;
    Shared *sh;
    int pos;
} ReplayOp;

static int replay_next(Op *op, Chunk **out, Err *err)
{
    ReplayOp *r = (ReplayOp *)op;
    Shared *sh = r->sh;
    if (!sh->drained) {   /* the first consumer reads the whole input */
        int rc = op_drain(sh->in, &sh->chunks, &sh->n, err);
        if (rc) return rc;
        sh->drained = true;
    }
    if (r->pos >= sh->n) return 0;
    Chunk *src = sh->chunks[r->pos++], *ch = chunk_new(src->ncols, src->rows);
    for (int i = 0; i < src->ncols; i++) ch->cols[i] = col_ref(src->cols[i]);
    *out = ch;
    return 0;
}

static void replay_close(Op *op)
{
    Shared *sh = ((ReplayOp *)op)->sh;
    if (--sh->refs) return;
    op_close(sh->in);
    chunks_free(sh->chunks, sh->n);
    free(sh);
}

static void replay_describe(Op *op, PlanDesc *d)
{
    ReplayOp *r = (ReplayOp *)op;
    d->hidden = true;
    d->children[d->nchildren++] = r->sh->in;
}

static const OpVt REPLAY_VT = {.name = "Replay", .next = replay_next, .close = replay_close, .describe = replay_describe};

void op_replay(Op *in, int n, Op **out)
{
    Shared *sh = xcalloc(1, sizeof *sh);
    sh->in = in;
    sh->refs = n;
    for (int i = 0; i < n; i++) {
        ReplayOp *r = op_alloc(in->q, sizeof *r, &REPLAY_VT);
        r->sh = sh;
        op_set_header(&r->base, in->ncols, in->names, in->types);
        out[i] = &r->base;
    }
}
