/* agg_quantile.c — quantile(s), median, quantileExact(s), medianExact.
 *
 * quantile is ClickHouse's reservoir-sampling estimate, reproduced exactly:
 * a group keeps its first 8192 values, and each later one replaces a random
 * sample with probability 8192/n, the randomness drawn from pcg32_fast seeded
 * with 123456 as ClickHouse's ReservoirSampler does; merging two full
 * reservoirs replaces every (n_a+n_b)/n_b-th sample. Quantiles interpolate
 * linearly between neighbouring sorted samples in Float64 (for Decimal on
 * the raw integers, the result truncated back into the type). With one input stream results equal ClickHouse's bit for bit;
 * merges of partial states depend on how the input was split, as there.
 * quantileExact returns the element at floor(level * n) of the sorted values,
 * in the argument's type.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "agg.h"

#define RESERVOIR 8192

typedef struct QState {
    Column *vals;     /* all values (Exact) or the reservoir */
    uint64_t total;   /* values offered to the reservoir */
    uint64_t rng;     /* pcg32_fast state */
} QState;

static bool is_exact(AggCall *ac) { return strstr(ac->name, "Exact") != NULL; }
static bool is_multi(AggCall *ac) { return strncmp(ac->name, "quantiles", 9) == 0; }

/* ---- the reservoir ---- */

/* pcg32_fast: a 64-bit multiplicative generator with the XSH-RS output
 * function, returning the output of the state before each step. */
static uint32_t pcg32_fast(uint64_t *state)
{
    uint64_t x = *state;
    *state = x * 6364136223846793005ull;
    unsigned rshift = (unsigned)(x >> 61);
    x ^= x >> 22;
    return (uint32_t)(x >> (22 + rshift));
}

static uint64_t gen_random(uint64_t *state, uint64_t limit)
{
    if (limit <= 0xFFFFFFFFull) return pcg32_fast(state) % limit;
    uint64_t hi = pcg32_fast(state);
    return (hi * 0x100000000ull + pcg32_fast(state)) % limit;
}

static Column *plain(Column *c) { return c->type->kind == TYPE_LOWCARDINALITY ? c->sub[0] : c; }

/* Overwrites sample i with row r of src (fixed-width values). */
static void set_sample(QState *s, size_t i, const Column *src, size_t r)
{
    Column *v = plain(s->vals);
    const Column *sc = plain((Column *)src);
    size_t w = (size_t)v->type->size;
    memcpy(v->data.data + i * w, sc->data.data + col_phys(sc, r) * w, w);
}

static void res_insert(QState *s, const Column *src, size_t r)
{
    if (s->total != UINT64_MAX) s->total++;
    if (s->vals->rows < RESERVOIR) {
        col_push_from(s->vals, src, r);
        return;
    }
    uint64_t k = gen_random(&s->rng, s->total);
    if (k < RESERVOIR) set_sample(s, k, src, r);
}

static void res_merge(QState *a, QState *b)
{
    if (b->total <= RESERVOIR) {
        for (size_t i = 0; i < b->vals->rows; i++) res_insert(a, b->vals, i);
        return;
    }
    if (a->total <= RESERVOIR) {
        Column *from = a->vals;
        a->vals = col_new(b->vals->type);
        col_push_range(a->vals, b->vals, 0, b->vals->rows);
        a->total = b->total;
        for (size_t i = 0; i < from->rows; i++) res_insert(a, from, i);
        col_unref(from);
        return;
    }
    a->total = a->total + b->total < a->total ? UINT64_MAX : a->total + b->total;
    double frequency = (double)a->total / (double)b->total;
    if (frequency * 2 >= RESERVOIR) {
        uint64_t k = gen_random(&a->rng, (uint64_t)frequency);
        if (k < RESERVOIR) set_sample(a, k, b->vals, k);
        return;
    }
    for (double i = 0; i < RESERVOIR; i += frequency) set_sample(a, (size_t)i, b->vals, (size_t)i);
}

static int q_resolve(AggCall *ac, Err *err)
{
    const DataType *t = ac->types[0];
    if (!(type_is_number(t) || type_is_decimal(t) || type_is_date_or_time(t)))
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of argument for aggregate function %s", t->name, ac->name);
    for (int i = 0; i < ac->nparams; i++)
        if (ac->params[i] < 0 || ac->params[i] > 1)
            return err_set(err, ERR_PARAMETER_OUT_OF_BOUND, "Quantile level is out of range [0..1]");
    bool keep_type = is_exact(ac) || type_is_date_or_time(t) || type_is_decimal(t);
    const DataType *scalar = keep_type ? t : type_basic(TYPE_FLOAT64);
    ac->ret = is_multi(ac) ? type_array(scalar) : scalar;
    ac->state_size = sizeof(QState);
    return 0;
}

static void q_init(AggCall *ac, void *st)
{
    memset(st, 0, sizeof(QState));
    ((QState *)st)->rng = 123456 | 3;   /* seed(123456) of a multiplicative pcg */
}

static void q_add(AggCall *ac, void *st, Column **args, size_t row)
{
    QState *s = st;
    if (!s->vals) s->vals = col_new(ac->types[0]);
    if (type_is_float(ac->types[0]) && isnan(col_get_f64(args[0], row))) return;
    if (is_exact(ac)) col_push_from(s->vals, args[0], row);
    else res_insert(s, args[0], row);
}

static void q_merge(AggCall *ac, void *d, void *src)
{
    QState *a = d, *b = src;
    if (!b->vals) return;
    if (!a->vals) a->vals = col_new(ac->types[0]);
    if (is_exact(ac)) col_push_range(a->vals, b->vals, 0, b->vals->rows);
    else res_merge(a, b);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static int cmp_rows(const void *x, const void *y, void *ctx)
{
    const Column *c = ctx;
    return col_compare(c, *(const uint32_t *)x, c, *(const uint32_t *)y, 1);
}

static int cmp_i128(const void *x, const void *y)
{
    i128 a, b;
    memcpy(&a, x, 16);
    memcpy(&b, y, 16);
    return a < b ? -1 : a > b;
}

/* The sorted values a group's quantiles are read from. */
typedef struct Sorted {
    size_t n;
    double *f;      /* quantile of numbers and dates */
    i128 *d;        /* quantile of Decimal: raw values */
    uint32_t *idx;  /* quantileExact: row order */
} Sorted;

/* Decimal samples interpolate on their raw integers in Float64, the result
 * truncated toward zero, as ClickHouse 26.7 does. */
static i128 lerp_decimal(i128 left, i128 right, double index, size_t lo)
{
    double r = (double)left * ((double)(lo + 1) - index) + (double)right * (index - (double)lo);
    return (i128)r;
}

static void push_decimal(Column *out, i128 v)
{
    switch (out->type->kind) {
    case TYPE_DECIMAL32: COL_PUSH(out, int32_t, (int32_t)v); break;
    case TYPE_DECIMAL64: COL_PUSH(out, int64_t, (int64_t)v); break;
    default: col_push_fixed(out, &v); break;
    }
}

static void one_level(AggCall *ac, QState *s, double level, Column *out, const Sorted *so)
{
    size_t n = so->n;
    if (is_exact(ac)) {
        if (n == 0) {
            col_push_default(out);
            return;
        }
        size_t k = level < 1 ? (size_t)(level * (double)n) : n - 1;
        /* the Low / High variants pick the lower / upper middle for the median */
        if (level == 0.5 && strstr(ac->name, "Low")) k = n % 2 ? n / 2 : n / 2 - 1;
        else if (level == 0.5 && strstr(ac->name, "High")) k = n / 2;
        if (k >= n) k = n - 1;
        col_push_from(out, s->vals, so->idx[k]);
        return;
    }
    double index = 0;
    size_t lo = 0;
    if (n) {
        index = level * (double)(n - 1);
        if (index < 0) index = 0;
        if (index > (double)(n - 1)) index = (double)(n - 1);
        lo = (size_t)index;
    }
    if (so->d || type_is_decimal(out->type)) {
        i128 v = 0;
        if (n) v = lo + 1 < n ? lerp_decimal(so->d[lo], so->d[lo + 1], index, lo) : so->d[lo];
        push_decimal(out, v);
        return;
    }
    double r = NAN;
    if (n)
        r = lo + 1 < n ? so->f[lo] * ((double)(lo + 1) - index) + so->f[lo + 1] * (index - (double)lo) : so->f[lo];
    if (out->type->kind == TYPE_FLOAT64) {
        COL_PUSH(out, double, r);
    } else {
        /* date/time quantiles come back in their type */
        Column *tmp = col_new(type_basic(TYPE_FLOAT64));
        COL_PUSH(tmp, double, n ? r : 0);
        Column *cv;
        FormatSettings fs;
        format_settings_default(&fs);
        if (col_cast(tmp, out->type, CAST_OR_ZERO, &fs, &cv, NULL) == 0) {
            col_push_from(out, cv, 0);
            col_unref(cv);
        } else {
            col_push_default(out);
        }
        col_unref(tmp);
    }
}

static int q_final(AggCall *ac, void *st, Column *out, Err *err)
{
    QState *s = st;
    Sorted so = {.n = s->vals ? s->vals->rows : 0};
    size_t n = so.n;
    if (n) {
        if (is_exact(ac)) {
            so.idx = mem_alloc(n * 4);
            for (size_t i = 0; i < n; i++) so.idx[i] = (uint32_t)i;
            qsort_r(so.idx, n, 4, cmp_rows, s->vals);
        } else if (type_is_decimal(type_strip_lc(ac->types[0]))) {
            so.d = mem_alloc(n * 16);
            for (size_t i = 0; i < n; i++) so.d[i] = col_get_i128(plain(s->vals), i);
            qsort(so.d, n, 16, cmp_i128);
        } else {
            so.f = mem_alloc(n * 8);
            for (size_t i = 0; i < n; i++) so.f[i] = col_get_f64(s->vals, i);
            qsort(so.f, n, 8, cmp_double);
        }
    }
    if (is_multi(ac)) {
        for (int i = 0; i < ac->nparams; i++) one_level(ac, s, ac->params[i], out->sub[0], &so);
        col_close_array(out);
    } else {
        one_level(ac, s, ac->nparams ? ac->params[0] : 0.5, out, &so);
    }
    if (so.f) mem_free(so.f, n * 8);
    if (so.d) mem_free(so.d, n * 16);
    if (so.idx) mem_free(so.idx, n * 4);
    return 0;
}

static void q_destroy(AggCall *ac, void *st)
{
    QState *s = st;
    col_unref(s->vals);
    s->vals = NULL;
}

/* State bytes: total offered, generator state, then the kept values. */
static void q_ser(AggCall *ac, const void *st, Buf *out)
{
    const QState *s = st;
    buf_put(out, &s->total, 8);
    buf_put(out, &s->rng, 8);
    buf_putc(out, s->vals ? 1 : 0);
    if (s->vals) agg_out_column(s->vals, out);
}

static int q_de(AggCall *ac, void *st, AggIn *in, Err *err)
{
    QState *s = st;
    uint8_t has = 0;
    int rc = agg_in_read(in, &s->total, 8, err);
    if (!rc) rc = agg_in_read(in, &s->rng, 8, err);
    if (!rc) rc = agg_in_read(in, &has, 1, err);
    if (!rc && has) {
        if (s->vals) col_unref(s->vals);
        s->vals = NULL;
        rc = agg_in_column(in, ac->types[0], &s->vals, err);
    }
    return rc;
}

#define Q(name, minp, maxp, alias) {name, 1, 1, minp, maxp, 0, q_resolve, q_init, q_add, q_merge, q_final, q_destroy, alias, NULL, q_ser, q_de, NULL}

const AggDef AGGS_quantile[] = {
    Q("quantile", 0, 1, NULL), Q("quantiles", 1, -1, NULL), Q("median", 0, 0, "quantile"),
    Q("quantileExact", 0, 1, NULL), Q("quantilesExact", 1, -1, NULL), Q("medianExact", 0, 0, "quantileExact"),
    Q("quantileExactLow", 0, 1, NULL), Q("quantilesExactLow", 1, -1, NULL), Q("medianExactLow", 0, 0, "quantileExactLow"),
    Q("quantileExactHigh", 0, 1, NULL), Q("quantilesExactHigh", 1, -1, NULL), Q("medianExactHigh", 0, 0, "quantileExactHigh"),
    {0},
};
