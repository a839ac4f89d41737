/* agg_stat.c — varPop, varSamp, stddevPop, stddevSamp, covarPop, covarSamp, corr,
 * avgWeighted.
 * Moments are kept as Float64 sums (count, sum, sum of squares), the way
 * ClickHouse's "simple" variance functions compute them. */
#include <math.h>
#include <string.h>

#include "../column/cast.h"
#include "agg.h"

typedef struct Moments { double n, s1, s2, sy, syy, sxy; } Moments;

enum { V_VARPOP, V_VARSAMP, V_STDPOP, V_STDSAMP, V_COVPOP, V_COVSAMP, V_CORR };

static int mom_resolve(AggCall *ac, Err *err)
{
    for (int i = 0; i < ac->nargs; i++) {
        const DataType *t = ac->types[i];
        if (!(type_is_number(t) || type_is_decimal(t) || t->kind == TYPE_BOOL))
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of argument for aggregate function %s", t->name, ac->name);
    }
    ac->ret = type_basic(TYPE_FLOAT64);
    ac->state_size = sizeof(Moments);
    return 0;
}

static void mom_init(AggCall *ac, void *st) { memset(st, 0, sizeof(Moments)); }

static void mom_add(AggCall *ac, void *st, Column **args, size_t row)
{
    Moments *m = st;
    double x = col_get_f64(args[0], row);
    m->n += 1;
    m->s1 += x;
    m->s2 += x * x;
    if (ac->nargs > 1) {
        double y = col_get_f64(args[1], row);
        m->sy += y;
        m->syy += y * y;
        m->sxy += x * y;
    }
}

static void mom_merge(AggCall *ac, void *d, void *src)
{
    Moments *a = d, *b = src;
    a->n += b->n, a->s1 += b->s1, a->s2 += b->s2, a->sy += b->sy, a->syy += b->syy, a->sxy += b->sxy;
}

static int kind_of(AggCall *ac)
{
    const char *n = ac->name;
    if (!strcmp(n, "varPop")) return V_VARPOP;
    if (!strcmp(n, "varSamp")) return V_VARSAMP;
    if (!strcmp(n, "stddevPop")) return V_STDPOP;
    if (!strcmp(n, "stddevSamp")) return V_STDSAMP;
    if (!strcmp(n, "covarPop")) return V_COVPOP;
    if (!strcmp(n, "covarSamp")) return V_COVSAMP;
    return V_CORR;
}

static int mom_final(AggCall *ac, void *st, Column *out, Err *err)
{
    Moments *m = st;
    double r;
    int k = kind_of(ac);
    if (k <= V_STDSAMP) {
        double denom = (k == V_VARSAMP || k == V_STDSAMP) ? m->n - 1 : m->n;
        if (denom <= 0) {
            r = NAN;   /* no rows, or one row for the sample variants */
        } else {
            r = (m->s2 - m->s1 * m->s1 / m->n) / denom;
            if (r < 0) r = 0;
        }
        if (k == V_STDPOP || k == V_STDSAMP) r = sqrt(r);
    } else if (k == V_CORR) {
        double cov = m->sxy - m->s1 * m->sy / m->n;
        double vx = m->s2 - m->s1 * m->s1 / m->n, vy = m->syy - m->sy * m->sy / m->n;
        r = cov / sqrt(vx * vy);
    } else {
        double denom = k == V_COVSAMP ? m->n - 1 : m->n;
        r = denom <= 0 ? NAN : (m->sxy - m->s1 * m->sy / m->n) / denom;
    }
    COL_PUSH(out, double, r);
    return 0;
}

/* avgWeighted(x, w) = sum(x * w) / sum(w), in Float64 */
static void avgw_add(AggCall *ac, void *st, Column **args, size_t row)
{
    Moments *m = st;
    double x = col_get_f64(args[0], row), w = col_get_f64(args[1], row);
    m->sxy += x * w;
    m->sy += w;
}

static int avgw_final(AggCall *ac, void *st, Column *out, Err *err)
{
    Moments *m = st;
    COL_PUSH(out, double, m->sxy / m->sy);
    return 0;
}

#define MOM(name, nargs, alias) {name, nargs, nargs, 0, 0, 0, mom_resolve, mom_init, mom_add, mom_merge, mom_final, NULL, alias, NULL, NULL, NULL, NULL}

const AggDef AGGS_stat[] = {
    MOM("varPop", 1, NULL), MOM("varSamp", 1, NULL), MOM("stddevPop", 1, NULL), MOM("stddevSamp", 1, NULL),
    {"VAR_POP", 1, 1, 0, 0, AF_CI, mom_resolve, mom_init, mom_add, mom_merge, mom_final, NULL, "varPop", NULL, NULL, NULL, NULL},
    {"VAR_SAMP", 1, 1, 0, 0, AF_CI, mom_resolve, mom_init, mom_add, mom_merge, mom_final, NULL, "varSamp", NULL, NULL, NULL, NULL},
    {"STDDEV_POP", 1, 1, 0, 0, AF_CI, mom_resolve, mom_init, mom_add, mom_merge, mom_final, NULL, "stddevPop", NULL, NULL, NULL, NULL},
    {"STDDEV_SAMP", 1, 1, 0, 0, AF_CI, mom_resolve, mom_init, mom_add, mom_merge, mom_final, NULL, "stddevSamp", NULL, NULL, NULL, NULL},
    MOM("covarPop", 2, NULL), MOM("covarSamp", 2, NULL),
    {"avgWeighted", 2, 2, 0, 0, 0, mom_resolve, mom_init, avgw_add, mom_merge, avgw_final, NULL, NULL, NULL, NULL, NULL, NULL},
    {"corr", 2, 2, 0, 0, AF_CI, mom_resolve, mom_init, mom_add, mom_merge, mom_final, NULL, NULL, NULL, NULL, NULL, NULL},
    {"COVAR_POP", 2, 2, 0, 0, AF_CI, mom_resolve, mom_init, mom_add, mom_merge, mom_final, NULL, "covarPop", NULL, NULL, NULL, NULL},
    {"COVAR_SAMP", 2, 2, 0, 0, AF_CI, mom_resolve, mom_init, mom_add, mom_merge, mom_final, NULL, "covarSamp", NULL, NULL, NULL, NULL},
    {0},
};
