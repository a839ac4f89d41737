/* agg_basic.c — count, sum, avg, min, max, any, anyLast, argMin, argMax.
 *
 * States are fixed-size. Values of any type are kept in a ValueBox: inline
 * bytes for fixed-width types, else a one-row column (freed by destroy).
 * sum over floats without GROUP BY follows ClickHouse's 16-way (Float64) /
 * 32-way (Float32) partial sums so the last bits of the result match.
 */
#include <string.h>

#include "../base/mem.h"
#include "../column/cast.h"
#include "agg.h"

/* ---- value box ---- */

typedef struct ValueBox {
    uint8_t has;
    uint8_t pad[3];
    uint32_t slen;             /* a String value: its length and bytes (sp), */
    union {                    /* so comparing with it loads no Column */
        unsigned char raw[16];
        struct {
            Column *col;
            const char *sp;
        };
    };
} ValueBox;

/* Caches a boxed String's bytes and length beside its column. */
static void box_note(ValueBox *b)
{
    if (b->col->type->kind != TYPE_STRING) return;
    size_t n;
    b->sp = col_str(b->col, 0, &n);
    b->slen = (uint32_t)n;
}

static bool box_inline(const DataType *t) { return t->size > 0 && t->size <= 16; }

static void box_set(const DataType *t, ValueBox *b, Column *src, size_t row)
{
    if (box_inline(t)) {
        memcpy(b->raw, src->data.data + col_phys(src, row) * (size_t)t->size, (size_t)t->size);
    } else {
        if (b->has) col_unref(b->col);
        b->col = col_new(t);
        col_push_from(b->col, src, row);
        box_note(b);
    }
    b->has = 1;
}

static void box_copy(const DataType *t, ValueBox *dst, const ValueBox *src)
{
    if (!src->has) return;
    if (box_inline(t)) {
        memcpy(dst->raw, src->raw, 16);
    } else {
        if (dst->has) col_unref(dst->col);
        dst->col = col_ref(src->col);
        box_note(dst);
    }
    dst->has = 1;
}

/* Compares the boxed value with src[row]. */
/* nan_dir: where NaN sorts (1 greatest, -1 least); min and max both skip
 * NaN by treating it as the worst candidate. */
static int box_cmp(const DataType *t, const ValueBox *b, Column *src, size_t row, int nan_dir)
{
    if (box_inline(t)) {
        Column tmp = {.type = t, .rows = 1, .data = {.data = (char *)b->raw, .len = (size_t)t->size}};
        return col_compare(&tmp, 0, src, row, nan_dir);
    }
    return col_compare(b->col, 0, src, row, nan_dir);
}

static int box_cmp_box(const DataType *t, const ValueBox *a, const ValueBox *b, int nan_dir)
{
    if (box_inline(t)) {
        Column tmp = {.type = t, .rows = 1, .data = {.data = (char *)b->raw, .len = (size_t)t->size}};
        return box_cmp(t, a, &tmp, 0, nan_dir);
    }
    return box_cmp(t, a, b->col, 0, nan_dir);
}

static void box_out(const DataType *t, const ValueBox *b, Column *out)
{
    if (!b->has) col_push_default(out);
    else if (box_inline(t)) col_push_fixed(out, b->raw);
    else col_push_from(out, b->col, 0);
}

static void box_free(const DataType *t, ValueBox *b)
{
    if (b->has && !box_inline(t)) col_unref(b->col);
    b->has = 0;
}

static void init_zero(AggCall *ac, void *st) { memset(st, 0, ac->state_size); }

/* ---- count ---- */

static int count_resolve(AggCall *ac, Err *err)
{
    ac->ret = type_basic(TYPE_UINT64);
    ac->state_size = 8;
    return 0;
}
static void count_add(AggCall *ac, void *st, Column **args, size_t row) { (*(uint64_t *)st)++; }
static void count_batch(AggCall *ac, void *st, Column **args, size_t rows, const uint8_t *mask)
{
    uint64_t n = 0;
    if (!mask) n = rows;
    else for (size_t r = 0; r < rows; r++) n += mask[r] != 0;
    *(uint64_t *)st += n;
}
static void count_merge(AggCall *ac, void *d, void *s) { *(uint64_t *)d += *(uint64_t *)s; }
static int count_final(AggCall *ac, void *st, Column *out, Err *err)
{
    COL_PUSH(out, uint64_t, *(uint64_t *)st);
    return 0;
}

/* ---- sum ---- */

typedef enum { SK_U64, SK_I64, SK_F64, SK_DEC } SumKind;
typedef struct SumState { union { uint64_t u; int64_t i; double f; i128 d; }; } SumState;

static SumKind sum_kind(const DataType *t)
{
    if (type_is_decimal(t) || t->kind == TYPE_UINT128 || t->kind == TYPE_INT128) return SK_DEC;   /* 128-bit accumulator */
    if (type_is_float(t)) return SK_F64;
    if (type_is_uint(t) || t->kind == TYPE_BOOL) return SK_U64;
    return SK_I64;
}

static int sum_resolve(AggCall *ac, Err *err)
{
    const DataType *t = ac->types[0];
    if (!(type_is_number(t) || type_is_decimal(t) || t->kind == TYPE_BOOL))
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of argument for aggregate function %s", t->name, ac->name);
    switch (sum_kind(t)) {
    case SK_U64: ac->ret = type_basic(TYPE_UINT64); break;
    case SK_I64: ac->ret = type_basic(TYPE_INT64); break;
    case SK_F64: ac->ret = type_basic(TYPE_FLOAT64); break;
    case SK_DEC:
        ac->ret = t->kind == TYPE_UINT128 || t->kind == TYPE_INT128 ? t : type_decimal(38, t->p2);
        break;
    }
    if (!strcmp(ac->def ? ac->def->name : "", "sumWithOverflow") && !type_is_decimal(t))
        ac->ret = t->kind == TYPE_BOOL ? type_basic(TYPE_UINT8) : t;   /* the argument's type, wrapping */
    ac->state_size = sizeof(SumState);
    return 0;
}

static int sumov_final(AggCall *ac, void *st, Column *out, Err *err)
{
    SumState *s = st;
    const DataType *t = ac->ret;
    if (type_is_float(t)) {
        if (t->kind == TYPE_FLOAT32) COL_PUSH(out, float, (float)s->f);
        else COL_PUSH(out, double, s->f);
        return 0;
    }
    unsigned char bytes[16] = {0};
    if (t->size == 16) memcpy(bytes, &s->d, 16);
    else memcpy(bytes, type_is_uint(t) || t->kind == TYPE_UINT8 ? (void *)&s->u : (void *)&s->i, 8);
    col_push_fixed(out, bytes);
    return 0;
}

static void sum_add(AggCall *ac, void *st, Column **args, size_t row)
{
    SumState *s = st;
    Column *c = args[0];
    switch (sum_kind(c->type)) {
    case SK_U64: s->u += col_get_u64(c, row); break;
    case SK_I64: s->i = (int64_t)((uint64_t)s->i + (uint64_t)col_get_i64(c, row)); break;
    case SK_F64: s->f += col_get_f64(c, row); break;
    case SK_DEC: s->d += col_get_i128(c, row); break;
    }
}

/* ClickHouse's addMany for floats: partial sums in `unroll` lanes. */
#define FLOAT_SUM_BATCH(T, UNROLL)                                                            \
    do {                                                                                      \
        const T *p = (const T *)(const void *)c->data.data;                                    \
        size_t main = rows / (UNROLL) * (UNROLL);                                              \
        double part[UNROLL] = {0};                                                            \
        for (size_t i = 0; i < main; i += (UNROLL))                                           \
            for (size_t k = 0; k < (UNROLL); k++)                                             \
                part[k] += (!mask || mask[i + k]) ? (double)p[i + k] : 0.0;                   \
        if (main)                                                                             \
            for (size_t k = 0; k < (UNROLL); k++) s->f += part[k];                            \
        double local = 0;                                                                     \
        for (size_t i = main; i < rows; i++)                                                  \
            if (!mask || mask[i]) local += (double)p[i];                                      \
        s->f += local;                                                                        \
    } while (0)

static void sum_batch(AggCall *ac, void *st, Column **args, size_t rows, const uint8_t *mask)
{
    SumState *s = st;
    Column *c = args[0];
    if (c->is_const) {
        for (size_t r = 0; r < rows; r++)
            if (!mask || mask[r]) sum_add(ac, st, args, r);
        return;
    }
    if (c->type->kind == TYPE_FLOAT64) {
        FLOAT_SUM_BATCH(double, 16);
        return;
    }
    if (c->type->kind == TYPE_FLOAT32) {
        FLOAT_SUM_BATCH(float, 32);
        return;
    }
    /* integers: one typed loop, wrapping like the row-by-row path */
#define INT_SUM_BATCH(T, ACC, FIELD)                                                             \
    do {                                                                                         \
        const T *p = (const T *)(const void *)c->data.data;                                      \
        ACC acc = 0;                                                                             \
        if (!mask)                                                                               \
            for (size_t r = 0; r < rows; r++) acc += (ACC)p[r];                                  \
        else                                                                                     \
            for (size_t r = 0; r < rows; r++) acc += mask[r] ? (ACC)p[r] : 0;                    \
        s->FIELD = (__typeof__(s->FIELD))((ACC)s->FIELD + acc);                                  \
        return;                                                                                  \
    } while (0)
    switch (c->type->kind) {
    case TYPE_UINT8: INT_SUM_BATCH(uint8_t, uint64_t, u);
    case TYPE_UINT16: INT_SUM_BATCH(uint16_t, uint64_t, u);
    case TYPE_UINT32: INT_SUM_BATCH(uint32_t, uint64_t, u);
    case TYPE_UINT64: INT_SUM_BATCH(uint64_t, uint64_t, u);
    case TYPE_INT8: INT_SUM_BATCH(int8_t, uint64_t, i);
    case TYPE_INT16: INT_SUM_BATCH(int16_t, uint64_t, i);
    case TYPE_INT32: INT_SUM_BATCH(int32_t, uint64_t, i);
    case TYPE_INT64: INT_SUM_BATCH(int64_t, uint64_t, i);
    default: break;
    }
#undef INT_SUM_BATCH
    for (size_t r = 0; r < rows; r++)
        if (!mask || mask[r]) sum_add(ac, st, args, r);
}

static void sum_merge(AggCall *ac, void *d, void *s)
{
    SumState *a = d, *b = s;
    switch (sum_kind(ac->types[0])) {
    case SK_U64: a->u += b->u; break;
    case SK_I64: a->i = (int64_t)((uint64_t)a->i + (uint64_t)b->i); break;
    case SK_F64: a->f += b->f; break;
    case SK_DEC: a->d += b->d; break;
    }
}

static int sum_final(AggCall *ac, void *st, Column *out, Err *err)
{
    SumState *s = st;
    switch (sum_kind(ac->types[0])) {
    case SK_U64: COL_PUSH(out, uint64_t, s->u); break;
    case SK_I64: COL_PUSH(out, int64_t, s->i); break;
    case SK_F64: COL_PUSH(out, double, s->f); break;
    case SK_DEC: COL_PUSH(out, i128, s->d); break;
    }
    return 0;
}

/* ---- avg ---- */

typedef struct AvgState { SumState sum; uint64_t n; } AvgState;

static int avg_resolve(AggCall *ac, Err *err)
{
    int rc = sum_resolve(ac, err);
    if (rc) return rc;
    ac->ret = type_basic(TYPE_FLOAT64);
    ac->state_size = sizeof(AvgState);
    return 0;
}

static void avg_add(AggCall *ac, void *st, Column **args, size_t row)
{
    AvgState *s = st;
    sum_add(ac, &s->sum, args, row);
    s->n++;
}

/* Integers: the sum's batch path (exact), then the row count; floats add
 * row by row, as ClickHouse's avg does, so the rounding is the same. */
static void avg_batch(AggCall *ac, void *st, Column **args, size_t rows, const uint8_t *mask)
{
    AvgState *s = st;
    SumKind k = sum_kind(args[0]->type);
    if ((k == SK_U64 || k == SK_I64) && !args[0]->is_const) {
        sum_batch(ac, &s->sum, args, rows, mask);
        if (!mask) s->n += rows;
        else
            for (size_t r = 0; r < rows; r++) s->n += mask[r] != 0;
        return;
    }
    for (size_t r = 0; r < rows; r++)
        if (!mask || mask[r]) avg_add(ac, st, args, r);
}

static void avg_merge(AggCall *ac, void *d, void *src)
{
    AvgState *a = d, *b = src;
    sum_merge(ac, &a->sum, &b->sum);
    a->n += b->n;
}

static int avg_final(AggCall *ac, void *st, Column *out, Err *err)
{
    AvgState *s = st;
    double num;
    switch (sum_kind(ac->types[0])) {
    case SK_U64: num = (double)s->sum.u; break;
    case SK_I64: num = (double)s->sum.i; break;
    case SK_F64: num = s->sum.f; break;
    default: {
        double scale = 1;
        for (int i = 0; i < ac->types[0]->p2; i++) scale *= 10;
        num = (double)s->sum.d / scale;
        break;
    }
    }
    COL_PUSH(out, double, num / (double)s->n);
    return 0;
}

/* ---- min / max / any / anyLast ---- */

static int box_resolve(AggCall *ac, Err *err)
{
    ac->ret = ac->types[0];
    ac->state_size = sizeof(ValueBox);
    return 0;
}

/* String against the boxed String: bytes, then length (col_compare's order), inline. */
static inline int str_cmp(const ValueBox *b, const Column *src, size_t row)
{
    size_t an = b->slen, bn;
    const char *x = b->sp, *y = col_str(src, row, &bn);
    size_t n = an < bn ? an : bn;
    int c = n ? memcmp(x, y, n) : 0;
    return c ? c : (an > bn) - (an < bn);
}

static inline bool plain_str(const AggCall *ac, const Column *c) { return ac->ret->kind == TYPE_STRING && c->type->kind == TYPE_STRING; }

static void min_add(AggCall *ac, void *st, Column **args, size_t row)
{
    ValueBox *b = st;
    if (b->has && plain_str(ac, args[0])) {
        if (str_cmp(b, args[0], row) > 0) box_set(ac->ret, b, args[0], row);
        return;
    }
    if (!b->has || box_cmp(ac->ret, b, args[0], row, 1) > 0) box_set(ac->ret, b, args[0], row);
}
static void max_add(AggCall *ac, void *st, Column **args, size_t row)
{
    ValueBox *b = st;
    if (b->has && plain_str(ac, args[0])) {
        if (str_cmp(b, args[0], row) < 0) box_set(ac->ret, b, args[0], row);
        return;
    }
    if (!b->has || box_cmp(ac->ret, b, args[0], row, -1) < 0) box_set(ac->ret, b, args[0], row);
}
/* GROUP BY min / max of a plain String: rows [from, to) into their states
 * in one loop (the comparison inline, the next states prefetched). */
static bool minmax_str_scatter(AggCall *ac, char *const *states, size_t off, Column **args, size_t from, size_t to, int dir)
{
    const Column *c = args[0];
    if (!plain_str(ac, c) || c->is_const) return false;
    for (size_t r = from; r < to; r++) {
        if (r + AGG_SCATTER_AHEAD < to) __builtin_prefetch(states[r + AGG_SCATTER_AHEAD] + off);
        ValueBox *b = (ValueBox *)(void *)(states[r] + off);
        if (!b->has || str_cmp(b, c, r) * dir > 0) box_set(ac->ret, b, args[0], r);
    }
    return true;
}

static bool min_scatter(AggCall *ac, char *const *states, size_t off, Column **args, size_t from, size_t to)
{
    return minmax_str_scatter(ac, states, off, args, from, to, 1);
}

static bool max_scatter(AggCall *ac, char *const *states, size_t off, Column **args, size_t from, size_t to)
{
    return minmax_str_scatter(ac, states, off, args, from, to, -1);
}

/* min / max over a whole block of integers, dates or times: one typed loop
 * (other types, and constant columns, go row by row). */
#define MINMAX_LOOP(T, BETTER)                                                                   \
    do {                                                                                         \
        const T *x = (const T *)(const void *)c->data.data;                                      \
        T best = 0;                                                                              \
        bool has = b->has;                                                                       \
        if (has) memcpy(&best, b->raw, sizeof(T));                                               \
        for (size_t r = 0; r < rows; r++) {                                                      \
            if (mask && !mask[r]) continue;                                                      \
            if (!has || x[r] BETTER best) best = x[r], has = true;                               \
        }                                                                                        \
        if (has) memcpy(b->raw, &best, sizeof(T)), b->has = 1;                                   \
    } while (0)
#define MINMAX_TYPES(BETTER)                                                                     \
    switch (c->type->kind) {                                                                     \
    case TYPE_UINT8: MINMAX_LOOP(uint8_t, BETTER); return true;                                  \
    case TYPE_UINT16: case TYPE_DATE: MINMAX_LOOP(uint16_t, BETTER); return true;                \
    case TYPE_UINT32: case TYPE_DATETIME: MINMAX_LOOP(uint32_t, BETTER); return true;            \
    case TYPE_UINT64: MINMAX_LOOP(uint64_t, BETTER); return true;                                \
    case TYPE_INT8: MINMAX_LOOP(int8_t, BETTER); return true;                                    \
    case TYPE_INT16: MINMAX_LOOP(int16_t, BETTER); return true;                                  \
    case TYPE_INT32: case TYPE_DATE32: MINMAX_LOOP(int32_t, BETTER); return true;                \
    case TYPE_INT64: MINMAX_LOOP(int64_t, BETTER); return true;                                  \
    default: return false;                                                                       \
    }

static bool minmax_batch(ValueBox *b, const Column *c, size_t rows, const uint8_t *mask, bool is_min)
{
    if (c->is_const) return false;
    if (is_min) {
        MINMAX_TYPES(<)
    } else {
        MINMAX_TYPES(>)
    }
}

static void min_batch(AggCall *ac, void *st, Column **args, size_t rows, const uint8_t *mask)
{
    if (args[0]->type == ac->ret && minmax_batch(st, args[0], rows, mask, true)) return;
    for (size_t r = 0; r < rows; r++)
        if (!mask || mask[r]) min_add(ac, st, args, r);
}

static void max_batch(AggCall *ac, void *st, Column **args, size_t rows, const uint8_t *mask)
{
    if (args[0]->type == ac->ret && minmax_batch(st, args[0], rows, mask, false)) return;
    for (size_t r = 0; r < rows; r++)
        if (!mask || mask[r]) max_add(ac, st, args, r);
}

static void any_add(AggCall *ac, void *st, Column **args, size_t row)
{
    ValueBox *b = st;
    if (!b->has) box_set(ac->ret, b, args[0], row);
}
static void anylast_add(AggCall *ac, void *st, Column **args, size_t row) { box_set(ac->ret, st, args[0], row); }

/* anyHeavy: the Misra-Gries single-counter majority candidate. */
typedef struct HeavyState { ValueBox v; uint64_t count; } HeavyState;

static int heavy_resolve(AggCall *ac, Err *err)
{
    int rc = box_resolve(ac, err);
    ac->state_size = sizeof(HeavyState);
    return rc;
}

static void heavy_add(AggCall *ac, void *st, Column **args, size_t row)
{
    HeavyState *h = st;
    if (h->v.has && box_cmp(ac->ret, &h->v, args[0], row, 1) == 0) {
        h->count++;
    } else if (h->count == 0) {
        box_set(ac->ret, &h->v, args[0], row);
        h->count = 1;
    } else {
        h->count--;
    }
}

static void heavy_merge(AggCall *ac, void *d, void *src)
{
    HeavyState *a = d, *b = src;
    if (!b->v.has) return;
    if (a->v.has && box_cmp_box(ac->ret, &a->v, &b->v, 1) == 0) {
        a->count += b->count;
    } else if (b->count > a->count) {
        box_copy(ac->ret, &a->v, &b->v);
        a->count = b->count - a->count;
    } else {
        a->count -= b->count;
    }
}

static int heavy_final(AggCall *ac, void *st, Column *out, Err *err)
{
    box_out(ac->ret, &((HeavyState *)st)->v, out);
    return 0;
}

static void heavy_destroy(AggCall *ac, void *st) { box_free(ac->ret, &((HeavyState *)st)->v); }

static void min_merge(AggCall *ac, void *d, void *s)
{
    ValueBox *a = d, *b = s;
    if (b->has && (!a->has || box_cmp_box(ac->ret, a, b, 1) > 0)) box_copy(ac->ret, a, b);
}
static void max_merge(AggCall *ac, void *d, void *s)
{
    ValueBox *a = d, *b = s;
    if (b->has && (!a->has || box_cmp_box(ac->ret, a, b, -1) < 0)) box_copy(ac->ret, a, b);
}
static void any_merge(AggCall *ac, void *d, void *s)
{
    ValueBox *a = d, *b = s;
    if (!a->has) box_copy(ac->ret, a, b);
}
static void anylast_merge(AggCall *ac, void *d, void *s) { box_copy(ac->ret, d, s); }

static int box_final(AggCall *ac, void *st, Column *out, Err *err)
{
    box_out(ac->ret, st, out);
    return 0;
}
static void box_destroy(AggCall *ac, void *st) { box_free(ac->ret, st); }

/* ---- argMin / argMax: (result value, compared value) ---- */

typedef struct ArgState { ValueBox res, key; } ArgState;

static int arg_resolve(AggCall *ac, Err *err)
{
    ac->ret = ac->types[0];
    ac->state_size = sizeof(ArgState);
    return 0;
}

static void argmin_add(AggCall *ac, void *st, Column **args, size_t row)
{
    ArgState *s = st;
    if (!s->key.has || box_cmp(ac->types[1], &s->key, args[1], row, 1) >= 0) {   /* ties: the later row, as ClickHouse's batch path */
        box_set(ac->types[1], &s->key, args[1], row);
        box_set(ac->types[0], &s->res, args[0], row);
    }
}
static void argmax_add(AggCall *ac, void *st, Column **args, size_t row)
{
    ArgState *s = st;
    if (!s->key.has || box_cmp(ac->types[1], &s->key, args[1], row, -1) <= 0) {
        box_set(ac->types[1], &s->key, args[1], row);
        box_set(ac->types[0], &s->res, args[0], row);
    }
}
static void argmin_merge(AggCall *ac, void *d, void *src)
{
    ArgState *a = d, *b = src;
    if (b->key.has && (!a->key.has || box_cmp_box(ac->types[1], &a->key, &b->key, 1) > 0)) {
        box_copy(ac->types[1], &a->key, &b->key);
        box_copy(ac->types[0], &a->res, &b->res);
    }
}
static void argmax_merge(AggCall *ac, void *d, void *src)
{
    ArgState *a = d, *b = src;
    if (b->key.has && (!a->key.has || box_cmp_box(ac->types[1], &a->key, &b->key, -1) < 0)) {
        box_copy(ac->types[1], &a->key, &b->key);
        box_copy(ac->types[0], &a->res, &b->res);
    }
}
static int arg_final(AggCall *ac, void *st, Column *out, Err *err)
{
    ArgState *s = st;
    box_out(ac->types[0], &s->res, out);
    return 0;
}
static void arg_destroy(AggCall *ac, void *st)
{
    ArgState *s = st;
    box_free(ac->types[0], &s->res);
    box_free(ac->types[1], &s->key);
}

/* ---- states as bytes (-State / -Merge) ---- */

static void box_put(const DataType *t, const ValueBox *b, Buf *out)
{
    buf_putc(out, (char)b->has);
    if (!b->has) return;
    if (box_inline(t)) buf_put(out, b->raw, (size_t)t->size);
    else agg_out_column(b->col, out);
}

static int box_get(const DataType *t, ValueBox *b, AggIn *in, Err *err)
{
    uint8_t has;
    int rc = agg_in_read(in, &has, 1, err);
    if (rc || !has) return rc;
    if (box_inline(t)) {
        rc = agg_in_read(in, b->raw, (size_t)t->size, err);
    } else {
        Column *c;
        if ((rc = agg_in_column(in, t, &c, err))) return rc;
        if (c->rows != 1) {
            col_unref(c);
            return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Cannot read all data of an aggregate function state");
        }
        b->col = c;
        box_note(b);
    }
    if (!rc) b->has = 1;
    return rc;
}

static void box_ser(AggCall *ac, const void *st, Buf *out) { box_put(ac->ret, st, out); }
static int box_de(AggCall *ac, void *st, AggIn *in, Err *err) { return box_get(ac->ret, st, in, err); }

static void heavy_ser(AggCall *ac, const void *st, Buf *out)
{
    const HeavyState *h = st;
    box_put(ac->ret, &h->v, out);
    buf_put(out, &h->count, 8);
}
static int heavy_de(AggCall *ac, void *st, AggIn *in, Err *err)
{
    HeavyState *h = st;
    int rc = box_get(ac->ret, &h->v, in, err);
    return rc ? rc : agg_in_read(in, &h->count, 8, err);
}

static void arg_ser(AggCall *ac, const void *st, Buf *out)
{
    const ArgState *s = st;
    box_put(ac->types[0], &s->res, out);
    box_put(ac->types[1], &s->key, out);
}
static int arg_de(AggCall *ac, void *st, AggIn *in, Err *err)
{
    ArgState *s = st;
    int rc = box_get(ac->types[0], &s->res, in, err);
    return rc ? rc : box_get(ac->types[1], &s->key, in, err);
}

/* ---- GROUP BY: many states at once over integer arguments ---- */

#define SCATTER(T, STMT)                                                                         \
    do {                                                                                         \
        const T *x = (const T *)(const void *)c->data.data;                                      \
        for (size_t r = from; r < to; r++) {                                                     \
            if (r + AGG_SCATTER_AHEAD < to) __builtin_prefetch(states[r + AGG_SCATTER_AHEAD] + off, 1); \
            char *st = states[r] + off;                                                          \
            T v = x[r];                                                                          \
            STMT;                                                                                \
        }                                                                                        \
        return true;                                                                             \
    } while (0)

#define SCATTER_INTS(U_STMT, I_STMT)                                                             \
    switch (c->type->kind) {                                                                     \
    case TYPE_UINT8: SCATTER(uint8_t, U_STMT);                                                   \
    case TYPE_UINT16: SCATTER(uint16_t, U_STMT);                                                 \
    case TYPE_UINT32: SCATTER(uint32_t, U_STMT);                                                 \
    case TYPE_UINT64: SCATTER(uint64_t, U_STMT);                                                 \
    case TYPE_INT8: SCATTER(int8_t, I_STMT);                                                     \
    case TYPE_INT16: SCATTER(int16_t, I_STMT);                                                   \
    case TYPE_INT32: SCATTER(int32_t, I_STMT);                                                   \
    case TYPE_INT64: SCATTER(int64_t, I_STMT);                                                   \
    default: return false;                                                                       \
    }

static bool sum_scatter(AggCall *ac, char *const *states, size_t off, Column **args, size_t from, size_t to)
{
    const Column *c = args[0];
    if (c->is_const || c->type != ac->types[0]) return false;
    SCATTER_INTS(((SumState *)(void *)st)->u += (uint64_t)v,
                 ((SumState *)(void *)st)->i = (int64_t)((uint64_t)((SumState *)(void *)st)->i + (uint64_t)(int64_t)v))
}

static bool avg_scatter(AggCall *ac, char *const *states, size_t off, Column **args, size_t from, size_t to)
{
    const Column *c = args[0];
    if (c->is_const || c->type != ac->types[0]) return false;
    SCATTER_INTS((((AvgState *)(void *)st)->sum.u += (uint64_t)v, ((AvgState *)(void *)st)->n++),
                 (((AvgState *)(void *)st)->sum.i = (int64_t)((uint64_t)((AvgState *)(void *)st)->sum.i + (uint64_t)(int64_t)v),
                  ((AvgState *)(void *)st)->n++))
}

const AggDef AGGS_basic[] = {
    {"count", 0, 1, 0, 0, AF_OWN_NULLS | AF_CI, count_resolve, init_zero, count_add, count_merge, count_final, NULL, NULL, count_batch, NULL, NULL, NULL},
    {"sum", 1, 1, 0, 0, AF_CI, sum_resolve, init_zero, sum_add, sum_merge, sum_final, NULL, NULL, sum_batch, NULL, NULL, sum_scatter},
    {"sumWithOverflow", 1, 1, 0, 0, 0, sum_resolve, init_zero, sum_add, sum_merge, sumov_final, NULL, NULL, sum_batch, NULL, NULL, sum_scatter},
    {"avg", 1, 1, 0, 0, AF_CI, avg_resolve, init_zero, avg_add, avg_merge, avg_final, NULL, NULL, avg_batch, NULL, NULL, avg_scatter},
    {"min", 1, 1, 0, 0, AF_CI, box_resolve, init_zero, min_add, min_merge, box_final, box_destroy, NULL, min_batch, box_ser, box_de, min_scatter},
    {"max", 1, 1, 0, 0, AF_CI, box_resolve, init_zero, max_add, max_merge, box_final, box_destroy, NULL, max_batch, box_ser, box_de, max_scatter},
    {"anyHeavy", 1, 1, 0, 0, 0, heavy_resolve, init_zero, heavy_add, heavy_merge, heavy_final, heavy_destroy, NULL, NULL, heavy_ser, heavy_de, NULL},
    {"any", 1, 1, 0, 0, AF_CI, box_resolve, init_zero, any_add, any_merge, box_final, box_destroy, NULL, NULL, box_ser, box_de, NULL},
    {"any_value", 1, 1, 0, 0, AF_CI, box_resolve, init_zero, any_add, any_merge, box_final, box_destroy, "any", NULL, box_ser, box_de, NULL},
    {"first_value", 1, 1, 0, 0, 0, box_resolve, init_zero, any_add, any_merge, box_final, box_destroy, "any", NULL, box_ser, box_de, NULL},
    {"anyLast", 1, 1, 0, 0, 0, box_resolve, init_zero, anylast_add, anylast_merge, box_final, box_destroy, NULL, NULL, box_ser, box_de, NULL},
    {"last_value", 1, 1, 0, 0, 0, box_resolve, init_zero, anylast_add, anylast_merge, box_final, box_destroy, "anyLast", NULL, box_ser, box_de, NULL},
    {"argMin", 2, 2, 0, 0, 0, arg_resolve, init_zero, argmin_add, argmin_merge, arg_final, arg_destroy, NULL, NULL, arg_ser, arg_de, NULL},
    {"argMax", 2, 2, 0, 0, 0, arg_resolve, init_zero, argmax_add, argmax_merge, arg_final, arg_destroy, NULL, NULL, arg_ser, arg_de, NULL},
    {0},
};
