/* op_fill.c — ORDER BY ... WITH FILL [FROM a] [TO b] [STEP s]: after the
 * sort, rows are added for the values of the fill column the result lacks,
 * within each run of equal values of the ORDER BY columns before it. The
 * values follow a grid that starts at FROM (else at the run's first row) and
 * moves by STEP (1, one day for Date, one second for DateTime; negative for
 * DESC); a real row between grid points does not move the grid. TO (not
 * included) extends the last run. Added rows hold the run's key values and
 * defaults elsewhere. STEP INTERVAL n MONTH / QUARTER / YEAR moves by the
 * calendar. Numbers and dates are handled as 64-bit integers (Date: days,
 * DateTime: seconds, DateTime64: ticks), floats as doubles.
 */
#include "op_fill.h"

#include <math.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/tz.h"

typedef struct FillOp {
    Op base;
    Op *in;
    FillSpec f;
    bool fl;              /* the fill column is a float */
    bool started, ended;  /* a run is open; input ended */
    Chunk *prev;          /* one row: the last real row, for the run's keys */
    long double next;     /* the next grid value of the open run */
} FillOp;

static long double value_of(const FillOp *o, const Column *c, size_t r)
{
    return o->fl ? (long double)col_get_f64(c, r) : (long double)col_get_i64(c, r);
}

static long double const_of(const FillOp *o, const Column *c) { return c ? value_of(o, c, 0) : 0; }

/* The grid value after v. */
static long double step(const FillOp *o, long double v)
{
    const FillSpec *f = &o->f;
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

static bool before(const FillOp *o, long double a, long double b) { return o->f.desc ? a > b : a < b; }

/* Appends a row of the run (keys from o->prev, or defaults) with fill value v. */
static void push_fill(FillOp *o, Chunk *out, long double v)
{
    const Op *op = &o->base;
    for (int i = 0; i < op->ncols; i++) {
        Column *c = out->cols[i];
        if (i == o->f.col) {
            const DataType *t = op->types[i];
            switch (t->kind) {
            case TYPE_FLOAT32: { float x = (float)v; col_push_n(c, &x, 4); break; }
            case TYPE_FLOAT64: { double x = (double)v; col_push_n(c, &x, 8); break; }
            default: { int64_t x = (int64_t)v; col_push_n(c, &x, (size_t)t->size); break; }
            }
            continue;
        }
        bool key = false;
        for (int k = 0; k < o->f.nprefix; k++) key |= o->f.prefix[k] == i;
        if (key && o->prev) col_push_from(c, o->prev->cols[i], 0);
        else col_push_default(c);
    }
    out->rows++;
}

static bool same_run(const FillOp *o, const Chunk *ch, size_t r)
{
    for (int k = 0; k < o->f.nprefix; k++) {
        int c = o->f.prefix[k];
        if (col_compare(o->prev->cols[c], 0, ch->cols[c], r, 1) != 0) return false;
    }
    return true;
}

static void close_run(FillOp *o, Chunk *out)
{
    if (o->started && o->f.to)
        for (long double v = o->next; before(o, v, const_of(o, o->f.to)); v = step(o, v)) push_fill(o, out, v);
    o->started = false;
}

static void keep_row(FillOp *o, const Chunk *ch, size_t r)
{
    chunk_free(o->prev);
    o->prev = chunk_new(ch->ncols, 1);
    for (int i = 0; i < ch->ncols; i++) o->prev->cols[i] = col_slice(ch->cols[i], r, 1);
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
        if (!o->prev && o->f.from) {   /* no rows at all: FROM .. TO alone */
            o->started = true;
            o->next = const_of(o, o->f.from);
        }
        close_run(o, res);
        *out = res;
        return 0;
    }
    const Column *fc = ch->cols[o->f.col];
    for (size_t r = 0; r < ch->rows; r++) {
        if (o->started && !same_run(o, ch, r)) close_run(o, res);
        long double v = value_of(o, fc, r);
        if (!o->started) {
            o->started = true;
            o->next = o->f.from ? const_of(o, o->f.from) : v;
        }
        keep_row(o, ch, r);
        /* TO bounds the fill between rows too */
        for (; before(o, o->next, v) && (!o->f.to || before(o, o->next, const_of(o, o->f.to))); o->next = step(o, o->next))
            push_fill(o, res, o->next);
        for (int i = 0; i < op->ncols; i++) col_push_from(res->cols[i], ch->cols[i], r);
        res->rows++;
        if (!before(o, v, o->next)) o->next = step(o, o->next);   /* the row was on the grid */
    }
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

Op *op_fill(Op *in, const FillSpec *f)
{
    FillOp *o = op_alloc(in->q, sizeof *o, &FILL_VT);
    o->in = in;
    o->f = *f;
    const DataType *t = in->types[f->col];
    o->fl = t->kind == TYPE_FLOAT32 || t->kind == TYPE_FLOAT64;
    op_set_header(&o->base, in->ncols, in->names, in->types);
    return &o->base;
}
