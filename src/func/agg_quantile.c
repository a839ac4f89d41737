/* agg_quantile.c — quantile(s), median, quantileExact(s), medianExact.
 *
 * quantile is ClickHouse's reservoir-sampling estimate, which is exact
 * (linear interpolation between neighbours) while a group holds at most 8192
 * values; values are kept here without sampling, so results match ClickHouse
 * exactly up to that size. quantileExact returns the element at
 * floor(level * n) of the sorted values, in the argument's type.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "agg.h"

typedef struct QState { Column *vals; } QState;

static bool is_exact(AggCall *ac) { return strstr(ac->name, "Exact") != NULL; }
static bool is_multi(AggCall *ac) { return strncmp(ac->name, "quantiles", 9) == 0; }

static int q_resolve(AggCall *ac, Err *err)
{
    const DataType *t = ac->types[0];
    if (!(type_is_number(t) || type_is_decimal(t) || type_is_date_or_time(t)))
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of argument for aggregate function %s", t->name, ac->name);
    for (int i = 0; i < ac->nparams; i++)
        if (ac->params[i] < 0 || ac->params[i] > 1)
            return err_set(err, ERR_PARAMETER_OUT_OF_BOUND, "Quantile level is out of range [0..1]");
    const DataType *scalar = is_exact(ac) ? t : (type_is_date_or_time(t) ? t : type_basic(TYPE_FLOAT64));
    ac->ret = is_multi(ac) ? type_array(scalar) : scalar;
    ac->state_size = sizeof(QState);
    return 0;
}

static void q_init(AggCall *ac, void *st) { memset(st, 0, sizeof(QState)); }

static void q_add(AggCall *ac, void *st, Column **args, size_t row)
{
    QState *s = st;
    if (!s->vals) s->vals = col_new(ac->types[0]);
    if (type_is_float(ac->types[0]) && isnan(col_get_f64(args[0], row))) return;
    col_push_from(s->vals, args[0], row);
}

static void q_merge(AggCall *ac, void *d, void *src)
{
    QState *a = d, *b = src;
    if (!b->vals) return;
    if (!a->vals) a->vals = col_new(ac->types[0]);
    col_push_range(a->vals, b->vals, 0, b->vals->rows);
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

static void one_level(AggCall *ac, QState *s, double level, Column *out, double *sorted, uint32_t *idx)
{
    size_t n = s->vals ? s->vals->rows : 0;
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
        col_push_from(out, s->vals, idx[k]);
        return;
    }
    double r;
    if (n == 0) {
        r = NAN;
    } else {
        double index = level * (double)(n - 1);
        if (index < 0) index = 0;
        if (index > (double)(n - 1)) index = (double)(n - 1);
        size_t lo = (size_t)index;
        double frac = index - (double)lo;
        r = lo + 1 < n ? sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }
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
    size_t n = s->vals ? s->vals->rows : 0;
    double *sorted = NULL;
    uint32_t *idx = NULL;
    if (n) {
        if (is_exact(ac)) {
            idx = mem_alloc(n * 4);
            for (size_t i = 0; i < n; i++) idx[i] = (uint32_t)i;
            qsort_r(idx, n, 4, cmp_rows, s->vals);
        } else {
            sorted = mem_alloc(n * 8);
            for (size_t i = 0; i < n; i++) sorted[i] = col_get_f64(s->vals, i);
            qsort(sorted, n, 8, cmp_double);
        }
    }
    if (is_multi(ac)) {
        for (int i = 0; i < ac->nparams; i++) one_level(ac, s, ac->params[i], out->sub[0], sorted, idx);
        col_close_array(out);
    } else {
        one_level(ac, s, ac->nparams ? ac->params[0] : 0.5, out, sorted, idx);
    }
    if (sorted) mem_free(sorted, n * 8);
    if (idx) mem_free(idx, n * 4);
    return 0;
}

static void q_destroy(AggCall *ac, void *st)
{
    QState *s = st;
    col_unref(s->vals);
    s->vals = NULL;
}

#define Q(name, minp, maxp, alias) {name, 1, 1, minp, maxp, 0, q_resolve, q_init, q_add, q_merge, q_final, q_destroy, alias, NULL}

const AggDef AGGS_quantile[] = {
    Q("quantile", 0, 1, NULL), Q("quantiles", 1, -1, NULL), Q("median", 0, 0, "quantile"),
    Q("quantileExact", 0, 1, NULL), Q("quantilesExact", 1, -1, NULL), Q("medianExact", 0, 0, "quantileExact"),
    Q("quantileExactLow", 0, 1, NULL), Q("quantilesExactLow", 1, -1, NULL), Q("medianExactLow", 0, 0, "quantileExactLow"),
    Q("quantileExactHigh", 0, 1, NULL), Q("quantilesExactHigh", 1, -1, NULL), Q("medianExactHigh", 0, 0, "quantileExactHigh"),
    {0},
};
