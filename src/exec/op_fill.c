/* op_fill.c — ORDER BY ... WITH FILL [FROM a] [TO b] [STEP s] on one or more
 * columns: after the sort, rows are added for the values the result lacks,
 * as ClickHouse's FillingTransform does.
 *
 * Fill columns are levels, in ORDER BY order; the ORDER BY columns before
 * the first one make runs that are filled apart. A level is filled within
 * each group of equal values of the levels before it. Its values follow a
 * grid that starts at FROM (else at the group's first row) and moves by STEP
 * (1, one day for Date, one second for DateTime; negative for DESC); a real
 * row between grid points does not move the grid. TO (not included) extends
 * the group's last values. A row added at one level carries the group's
 * values of the levels before it; the levels after it take every value of
 * FROM .. TO when both are given, else their default, as do the other
 * columns. STEP INTERVAL n MONTH / QUARTER / YEAR moves by the calendar.
 * Numbers and dates are handled as 64-bit integers (Date: days, DateTime:
 * seconds, DateTime64: ticks), floats as doubles.
 */
#include "op_fill.h"

#include <math.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/tz.h"

typedef struct Level {
    FillSpec f;
    bool fl;              /* a float column */
    bool open;            /* a group is open at this level */
    long double next;     /* its next grid value */
} Level;

typedef struct FillOp {
    Op base;
    Op *in;
    Level lv[FILL_MAX_LEVELS];
    int n;
    int *prefix, nprefix;
    bool ended;
    Chunk *prev;          /* one row: the last real row */
} FillOp;

static long double value_of(const Level *l, const Column *c, size_t r)
{
    return l->fl ? (long double)col_get_f64(c, r) : (long double)col_get_i64(c, r);
}

static long double const_of(const Level *l, const Column *c) { return c ? value_of(l, c, 0) : 0; }

/* The grid value after v. */
static long double step(const FillOp *o, const Level *l, long double v)
{
    const FillSpec *f = &l->f;
    if (f->months) {   /* calendar months on Date (days) or DateTime (seconds, UTC) */
        const DataType *t = o->base.types[f->col];
        bool secs = t->kind == TYPE_DATETIME;
        int64_t x = (int64_t)v, days = secs ? floor_div(x, 86400) : x, rest = secs ? x - days * 86400 : 0;
        int y;
        unsigned m, d;
        civil_from_days(days, &y, &m, &d);
        int64_t mi = (int64_t)y * 12 + (m - 1) + f->months;
        int64_t ny = floor_div(mi, 12);
        unsigned nm = (unsigned)(mi - ny * 12) + 1, dim = days_in_month(ny, nm);
        int64_t nd = days_from_civil(ny, nm, d > dim ? dim : d);
        return secs ? (long double)(nd * 86400 + rest) : (long double)nd;
    }
    return v + f->step;
}

static bool before(const Level *l, long double a, long double b) { return l->f.desc ? a > b : a < b; }

/* Where a new row's column values come from. */
enum { FROM_DEFAULT, FROM_CTX, FROM_VALUE };

typedef struct RowSpec {
    const Chunk *ctx;                    /* the group's real row (prefix and shallower levels), or NULL */
    int src[FILL_MAX_LEVELS];            /* per level */
    long double val[FILL_MAX_LEVELS];
} RowSpec;

static void push_value(Column *c, const DataType *t, long double v)
{
    switch (t->kind) {
    case TYPE_FLOAT32: { float x = (float)v; col_push_n(c, &x, 4); break; }
    case TYPE_FLOAT64: { double x = (double)v; col_push_n(c, &x, 8); break; }
    default: { int64_t x = (int64_t)v; col_push_n(c, &x, (size_t)t->size); break; }
    }
}

static void push_row(FillOp *o, Chunk *out, const RowSpec *rs)
{
    const Op *op = &o->base;
    for (int i = 0; i < op->ncols; i++) {
        Column *c = out->cols[i];
        int lvl = -1;
        for (int k = 0; k < o->n; k++)
            if (o->lv[k].f.col == i) lvl = k;
        bool key = false;
        for (int k = 0; k < o->nprefix; k++) key |= o->prefix[k] == i;
        if (lvl >= 0 && rs->src[lvl] == FROM_VALUE) push_value(c, op->types[i], rs->val[lvl]);
        else if (rs->ctx && ((lvl >= 0 && rs->src[lvl] == FROM_CTX) || (lvl < 0 && key))) col_push_from(c, rs->ctx->cols[i], 0);
        else col_push_default(c);
    }
    out->rows++;
}

/* Rows for levels j.. of a row whose levels before j are set in rs: each
 * value of FROM .. TO when level j has both, else its default. */
static void expand(FillOp *o, Chunk *out, RowSpec *rs, int j)
{
    if (j == o->n) {
        push_row(o, out, rs);
        return;
    }
    Level *l = &o->lv[j];
    if (!l->f.from || !l->f.to) {
        for (int k = j; k < o->n; k++) rs->src[k] = FROM_DEFAULT;
        push_row(o, out, rs);
        return;
    }
    rs->src[j] = FROM_VALUE;
    for (long double v = const_of(l, l->f.from); before(l, v, const_of(l, l->f.to));) {
        rs->val[j] = v;
        expand(o, out, rs, j + 1);
        long double nx = step(o, l, v);
        if (!before(l, v, nx)) break;   /* a STEP too small to move the value (large floats): stop */
        v = nx;
    }
}

/* Added rows at level j, values from its next grid point while before
 * `upto` (and TO); ctx holds the group's shallower values. */
static void fill_level(FillOp *o, Chunk *out, const Chunk *ctx, int j, const long double *upto)
{
    Level *l = &o->lv[j];
    while ((upto || l->f.to) && (!upto || before(l, l->next, *upto)) && (!l->f.to || before(l, l->next, const_of(l, l->f.to)))) {
        RowSpec rs = {.ctx = ctx};
        for (int k = 0; k < j; k++) rs.src[k] = FROM_CTX;
        rs.src[j] = FROM_VALUE;
        rs.val[j] = l->next;
        expand(o, out, &rs, j + 1);
        long double nx = step(o, l, l->next);
        if (!before(l, l->next, nx)) {   /* a STEP too small to move the value: no more rows here */
            l->next = upto ? *upto : nx;
            break;
        }
        l->next = nx;
    }
}

/* Closes the groups of levels from..n-1 (deepest first): their rows up to TO. */
static void close_levels(FillOp *o, Chunk *out, int from)
{
    for (int j = o->n - 1; j >= from; j--) {
        if (o->lv[j].open) fill_level(o, out, o->prev, j, NULL);
        o->lv[j].open = false;
    }
}

static bool same_prefix(const FillOp *o, const Chunk *ch, size_t r)
{
    for (int k = 0; k < o->nprefix; k++) {
        int c = o->prefix[k];
        if (col_compare(o->prev->cols[c], 0, ch->cols[c], r, 1) != 0) return false;
    }
    return true;
}

static void keep_row(FillOp *o, const Chunk *ch, size_t r)
{
    chunk_free(o->prev);
    o->prev = chunk_new(ch->ncols, 1);
    for (int i = 0; i < ch->ncols; i++) o->prev->cols[i] = col_slice(ch->cols[i], r, 1);
}

static void take_row(FillOp *o, Chunk *out, const Chunk *ch, size_t r)
{
    /* the first level whose group changes (all of them in a new run) */
    int d = 0;
    if (o->prev && o->lv[0].open && same_prefix(o, ch, r)) {
        while (d < o->n && col_compare(o->prev->cols[o->lv[d].f.col], 0, ch->cols[o->lv[d].f.col], r, 1) == 0) d++;
        if (d == o->n) d = o->n - 1;   /* a repeated row: only the deepest level moves */
        close_levels(o, out, d + 1);
    } else if (o->prev) {
        close_levels(o, out, 0);
    }
    keep_row(o, ch, r);
    for (int j = d; j < o->n; j++) {
        Level *l = &o->lv[j];
        long double v = value_of(l, ch->cols[l->f.col], r);
        if (!l->open) {
            l->open = true;
            l->next = l->f.from ? const_of(l, l->f.from) : v;
        }
        fill_level(o, out, o->prev, j, &v);
    }
    for (int i = 0; i < ch->ncols; i++) col_push_from(out->cols[i], ch->cols[i], r);
    out->rows++;
    for (int j = d; j < o->n; j++) {
        Level *l = &o->lv[j];
        long double v = value_of(l, ch->cols[l->f.col], r);
        if (!before(l, v, l->next)) l->next = step(o, l, l->next);   /* the row was on the grid */
    }
}

static int fill_next(Op *op, Chunk **out, Err *err)
{
    FillOp *o = (FillOp *)op;
    if (o->ended) return 0;
    Chunk *ch;
    int rc = op_next(o->in, &ch, err);
    if (rc) return rc;
    Chunk *res = chunk_new(op->ncols, 0);
    for (int i = 0; i < op->ncols; i++) res->cols[i] = col_new(op->types[i]);
    if (!ch) {
        o->ended = true;
        if (!o->prev && o->lv[0].f.from) {   /* no rows at all: FROM .. TO alone */
            o->lv[0].open = true;
            o->lv[0].next = const_of(&o->lv[0], o->lv[0].f.from);
            fill_level(o, res, NULL, 0, NULL);
        } else {
            close_levels(o, res, 0);
        }
        *out = res;
        return 0;
    }
    for (size_t r = 0; r < ch->rows; r++) take_row(o, res, ch, r);
    chunk_free(ch);
    *out = res;
    return 0;
}

static void fill_close(Op *op)
{
    FillOp *o = (FillOp *)op;
    chunk_free(o->prev);
    op_close(o->in);
}

static void fill_describe(Op *op, PlanDesc *d)
{
    d->name = "Filling";
    d->children[d->nchildren++] = ((FillOp *)op)->in;
}

static const OpVt FILL_VT = {.name = "Filling", .next = fill_next, .close = fill_close, .describe = fill_describe};

Op *op_fill(Op *in, const FillSpec *levels, int nlevels, const int *prefix, int nprefix)
{
    FillOp *o = op_alloc(in->q, sizeof *o, &FILL_VT);
    o->in = in;
    o->n = nlevels;
    for (int j = 0; j < nlevels; j++) {
        o->lv[j].f = levels[j];
        const DataType *t = in->types[levels[j].col];
        o->lv[j].fl = t->kind == TYPE_FLOAT32 || t->kind == TYPE_FLOAT64;
    }
    o->nprefix = nprefix;
    o->prefix = arena_alloc(&in->q->arena, sizeof *o->prefix * (size_t)(nprefix + 1));
    if (nprefix) memcpy(o->prefix, prefix, sizeof *prefix * (size_t)nprefix);
    op_set_header(&o->base, in->ncols, in->names, in->types);
    return &o->base;
}
