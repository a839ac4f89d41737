/* agg_garr.c — more of the groupArray family: groupArrayLast(N) (a ring of
 * the last N values, in ClickHouse's slot order), groupArrayMovingSum /
 * groupArrayMovingAvg ([N]) (running sums over the whole input or its last N
 * values) and groupArrayInsertAt([default[, size]])(x, pos). Each state keeps
 * the values seen, in order; the results are computed when finalized.
 * groupArray, groupArraySorted and groupUniqArray are in agg_collect.c.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "agg.h"

typedef struct GaState {
    Column *vals;       /* values in insertion order (Last: the ring) */
    Column *pos;        /* InsertAt: UInt64 positions */
    uint64_t count;     /* Last: values ever added */
} GaState;

static void ga_init(AggCall *ac, void *st) { memset(st, 0, sizeof(GaState)); }

static void ga_destroy(AggCall *ac, void *st)
{
    GaState *s = st;
    col_unref(s->vals);
    col_unref(s->pos);
    memset(s, 0, sizeof *s);
}

static Column *vals_of(AggCall *ac, GaState *s)
{
    if (!s->vals) s->vals = col_new(ac->types[0]);
    return s->vals;
}

static void last_add(AggCall *ac, void *st, Column **args, size_t row);

static void ga_ser(AggCall *ac, const void *st, Buf *out)
{
    const GaState *s = st;
    buf_put(out, &s->count, 8);
    buf_putc(out, (s->vals ? 1 : 0) | (s->pos ? 2 : 0));
    if (s->vals) agg_out_column(s->vals, out);
    if (s->pos) agg_out_column(s->pos, out);
}

static int ga_de(AggCall *ac, void *st, AggIn *in, Err *err)
{
    GaState *s = st;
    uint8_t has = 0;
    int rc = agg_in_read(in, &s->count, 8, err);
    if (!rc) rc = agg_in_read(in, &has, 1, err);
    if (!rc && (has & 1)) rc = agg_in_column(in, ac->types[0], &s->vals, err);
    if (!rc && (has & 2)) rc = agg_in_column(in, type_basic(TYPE_UINT64), &s->pos, err);
    bool insert_at = ac->nargs == 2;   /* values and positions come in pairs */
    if (!rc && insert_at && (!s->vals != !s->pos || (s->vals && s->vals->rows != s->pos->rows)))
        rc = err_set(err, ERR_INCORRECT_DATA, "Incorrect state of aggregate function %s", ac->name);
    if (!rc && !insert_at && s->pos) rc = err_set(err, ERR_INCORRECT_DATA, "Incorrect state of aggregate function %s", ac->name);
    if (!rc && ac->def && ac->def->add == last_add) {   /* Last: the kept values cover the last N of count */
        uint64_t rows = s->vals ? s->vals->rows : 0, n = (uint64_t)ac->params[0], need = s->count < n ? s->count : n;
        if (rows > s->count || rows < need || rows > 2 * n)
            rc = err_set(err, ERR_INCORRECT_DATA, "Incorrect state of aggregate function %s", ac->name);
    }
    return rc;
}

/* ---- groupArrayLast(N)(x) ---- */

static int last_resolve(AggCall *ac, Err *err)
{
    if (ac->nparams != 1 || ac->params[0] < 1)
        return err_set(err, ERR_BAD_ARGUMENTS, "Parameter for aggregate function %s should have limit argument", ac->name);
    ac->ret = type_array(ac->types[0]);
    ac->state_size = sizeof(GaState);
    return 0;
}

/* vals keeps the latest values in insertion order (at most 2N, trimmed to
 * the last N when full); value number i of `count` sits in slot i % N. */
static void last_push(AggCall *ac, GaState *s, const Column *src, size_t r)
{
    size_t n = (size_t)ac->params[0];
    Column *v = vals_of(ac, s);
    col_push_from(v, src, r);
    s->count++;
    if (v->rows >= 2 * n) {
        Column *nv = col_new(v->type);
        col_push_range(nv, v, v->rows - n, n);
        col_unref(v);
        s->vals = nv;
    }
}

static void last_add(AggCall *ac, void *st, Column **args, size_t row) { last_push(ac, st, args[0], row); }

static void last_merge(AggCall *ac, void *d, void *src)
{
    GaState *b = src;
    if (!b->vals) return;
    for (size_t i = 0; i < b->vals->rows; i++) last_push(ac, d, b->vals, i);   /* the other side's, oldest first */
}

static int last_final(AggCall *ac, void *st, Column *out, Err *err)
{
    GaState *s = st;
    uint64_t n = (uint64_t)ac->params[0], k = s->count < n ? s->count : n;
    uint64_t first = s->count - k, kept_from = s->count - (s->vals ? s->vals->rows : 0);
    for (uint64_t slot = 0; slot < k; slot++) {
        uint64_t i = k < n ? first + slot : first + ((slot + n - first % n) % n);   /* the value in this slot */
        col_push_from(out->sub[0], s->vals, (size_t)(i - kept_from));
    }
    col_close_array(out);
    return 0;
}

/* ---- groupArrayMovingSum / groupArrayMovingAvg ([N])(x) ---- */

static int moving_resolve(AggCall *ac, Err *err)
{
    const DataType *t = type_strip_lc(ac->types[0]);
    bool avg = strstr(ac->name, "Avg") != NULL;
    if (ac->nparams == 1 && ac->params[0] < 1)
        return err_set(err, ERR_BAD_ARGUMENTS, "Parameter for aggregate function %s should be positive integer", ac->name);
    const DataType *e;
    if (type_is_decimal(t)) e = type_decimal(38, t->p2);
    else if (!type_is_number(t) || t->kind == TYPE_BOOL)
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of argument for aggregate function %s", t->name, ac->name);
    else if (avg || type_is_float(t)) e = type_basic(TYPE_FLOAT64);
    else e = type_basic(type_is_uint(t) ? TYPE_UINT64 : TYPE_INT64);
    ac->ret = type_array(e);
    ac->state_size = sizeof(GaState);
    return 0;
}

static void moving_add(AggCall *ac, void *st, Column **args, size_t row) { col_push_from(vals_of(ac, st), args[0], row); }

static void ga_append_merge(AggCall *ac, void *d, void *src)
{
    GaState *b = src;
    if (b->vals) col_push_range(vals_of(ac, d), b->vals, 0, b->vals->rows);
}

static int moving_final(AggCall *ac, void *st, Column *out, Err *err)
{
    GaState *s = st;
    Column *el = out->sub[0];
    size_t n = s->vals ? s->vals->rows : 0, w = ac->nparams ? (size_t)ac->params[0] : n;
    bool avg = strstr(ac->name, "Avg") != NULL;
    const DataType *et = el->type;
    if (type_is_decimal(et)) {
        i128 sum = 0;
        for (size_t i = 0; i < n; i++) {
            sum += col_get_i128(s->vals, i);
            if (i >= w) sum -= col_get_i128(s->vals, i - w);
            i128 v = avg ? sum / (i128)(w ? w : 1) : sum;
            col_push_n(el, &v, 16);
        }
    } else if (et->kind == TYPE_FLOAT64) {
        bool fl = type_is_float(type_strip_lc(s->vals ? s->vals->type : et));
        double sum = 0;
        int64_t isum = 0;   /* integers sum exactly, then divide */
        for (size_t i = 0; i < n; i++) {
            if (fl) sum += col_get_f64(s->vals, i) - (i >= w ? col_get_f64(s->vals, i - w) : 0);
            else isum += col_get_i64(s->vals, i) - (i >= w ? col_get_i64(s->vals, i - w) : 0);
            double v = fl ? sum : (double)isum;
            if (avg) v /= (double)(w ? w : 1);
            col_push_n(el, &v, 8);
        }
    } else {
        uint64_t sum = 0;   /* wraps as ClickHouse's does */
        for (size_t i = 0; i < n; i++) {
            sum += col_get_u64(s->vals, i) - (i >= w ? col_get_u64(s->vals, i - w) : 0);
            col_push_n(el, &sum, 8);
        }
    }
    col_close_array(out);
    return 0;
}

/* ---- groupArrayInsertAt([default[, size]])(x, pos) ---- */

static int insert_resolve(AggCall *ac, Err *err)
{
    if (!type_is_int(type_strip_lc(ac->types[1])))
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Second argument of aggregate function %s must be unsigned integer", ac->name);
    if (ac->nparams >= 2 && !(ac->params[1] >= 0 && ac->params[1] <= 0xFFFFFF))
        return err_set(err, ERR_TOO_LARGE_ARRAY_SIZE, "Too large array size for aggregate function %s", ac->name);
    ac->ret = type_array(ac->types[0]);
    ac->state_size = sizeof(GaState);
    return 0;
}

static void insert_add(AggCall *ac, void *st, Column **args, size_t row)
{
    GaState *s = st;
    if (!s->pos) s->pos = col_new(type_basic(TYPE_UINT64));
    uint64_t p = col_get_u64(args[1], row);
    if (p > 0xFFFFFF) return;   /* ClickHouse refuses huge positions; such rows are skipped here */
    col_push_from(vals_of(ac, s), args[0], row);
    col_push_n(s->pos, &p, 8);
}

static void insert_merge(AggCall *ac, void *d, void *src)
{
    GaState *a = d, *b = src;
    if (!b->vals || !b->pos) return;
    if (!a->pos) a->pos = col_new(type_basic(TYPE_UINT64));
    col_push_range(vals_of(ac, a), b->vals, 0, b->vals->rows);
    col_push_range(a->pos, b->pos, 0, b->pos->rows);
}

static int insert_final(AggCall *ac, void *st, Column *out, Err *err)
{
    GaState *s = st;
    size_t n = s->vals && s->pos ? s->vals->rows : 0, len = 0;
    const uint64_t *pos = s->pos ? (const uint64_t *)(const void *)s->pos->data.data : NULL;
    for (size_t i = 0; i < n; i++)
        if (pos[i] + 1 > len) len = (size_t)pos[i] + 1;
    if (ac->nparams >= 2) len = (size_t)ac->params[1];
    int *at = xcalloc(len + 1, sizeof *at);   /* 1 + the first value for each slot, 0 = none */
    for (size_t i = 0; i < n; i++)
        if (pos[i] < len && !at[pos[i]]) at[pos[i]] = (int)i + 1;
    Column *el = out->sub[0];
    Column *def = ac->nparams >= 1 && ac->param_cols ? ac->param_cols[0] : NULL;
    int rc = 0;
    for (size_t k = 0; k < len && !rc; k++) {
        if (at[k]) {
            col_push_from(el, s->vals, (size_t)at[k] - 1);
        } else if (def) {
            Column *c;
            FormatSettings fs;
            format_settings_default(&fs);
            if (!(rc = col_cast(def, el->type, CAST_THROW, &fs, &c, err))) {
                col_push_from(el, c, 0);
                col_unref(c);
            }
        } else {
            col_push_default(el);
        }
    }
    free(at);
    col_close_array(out);
    return rc;
}

const AggDef AGGS_garr[] = {
    {"groupArrayLast", 1, 1, 0, 1, AF_OWN_NULLS, last_resolve, ga_init, last_add, last_merge, last_final, ga_destroy, NULL, NULL, ga_ser, ga_de, NULL},
    {"groupArrayMovingSum", 1, 1, 0, 1, AF_OWN_NULLS, moving_resolve, ga_init, moving_add, ga_append_merge, moving_final, ga_destroy, NULL, NULL, ga_ser, ga_de, NULL},
    {"groupArrayMovingAvg", 1, 1, 0, 1, AF_OWN_NULLS, moving_resolve, ga_init, moving_add, ga_append_merge, moving_final, ga_destroy, NULL, NULL, ga_ser, ga_de, NULL},
    {"groupArrayInsertAt", 2, 2, 0, 2, AF_OWN_NULLS, insert_resolve, ga_init, insert_add, insert_merge, insert_final, ga_destroy, NULL, NULL, ga_ser, ga_de, NULL},
    {0},
};
