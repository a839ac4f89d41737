/* f_compare.c — equals, notEquals, less, greater, lessOrEquals, greaterOrEquals.
 *
 * Operands meet in a comparison domain chosen at resolve time: UInt64 or
 * Int64 when signedness agrees, Int128 when it does not (so -1 < 2^64-1 as in
 * ClickHouse), Float64 when a float is involved, Int128 scaled for decimals,
 * bytes for strings, and the common supertype for everything else (dates,
 * arrays, tuples). A string constant compared with a date, enum, UUID or
 * number is parsed into that type first.
 */
#include <string.h>

#include "../base/mem.h"
#include "func.h"
#include "kernels.h"

typedef enum { CO_EQ, CO_NE, CO_LT, CO_GT, CO_LE, CO_GE } CmpOp;

typedef struct CmpState {
    CmpOp op;
    const DataType *ta, *tb;   /* types each side is cast to */
    int mode;                  /* 0 typed numeric, 1 strings, 2 generic col_compare, 3 decimal */
    int scale_a, scale_b;
} CmpState;

static bool numlike(const DataType *t)
{
    return type_is_number(t) || t->kind == TYPE_BOOL || t->kind == TYPE_DATE || t->kind == TYPE_DATE32 ||
           t->kind == TYPE_DATETIME || t->kind == TYPE_INTERVAL;
}

static const DataType *raw_int_type(const DataType *t)
{
    switch (t->kind) {
    case TYPE_BOOL: return type_basic(TYPE_UINT8);
    case TYPE_DATE: return type_basic(TYPE_UINT16);
    case TYPE_DATE32: return type_basic(TYPE_INT32);
    case TYPE_DATETIME: return type_basic(TYPE_UINT32);
    case TYPE_INTERVAL: return type_basic(TYPE_INT64);
    default: return t;
    }
}

static int cmp_resolve_op(FuncCall *fc, CmpOp op, Err *err)
{
    CmpState *st = arena_alloc(&fc->q->arena, sizeof *st);
    st->op = op;
    fc->state = st;
    fc->ret = type_basic(TYPE_UINT8);
    const DataType *a = fc->types[0], *b = fc->types[1];
    bool sa = type_is_stringy(a), sb = type_is_stringy(b);
    if (sa && sb) {
        st->mode = 1;
        st->ta = a;
        st->tb = b;
        return 0;
    }
    /* string vs typed value: parse the string as the other type */
    if (sa != sb) {
        const DataType *other = sa ? b : a;
        if (other->kind == TYPE_ARRAY || other->kind == TYPE_TUPLE || other->kind == TYPE_MAP)
            return err_set(err, ERR_NO_COMMON_TYPE, "Illegal types of arguments (%s, %s) of function %s", a->name, b->name, fc->name);
        st->ta = st->tb = other;
        st->mode = 2;
        if (numlike(other) && other->kind != TYPE_DATE && other->kind != TYPE_DATE32 && other->kind != TYPE_DATETIME) {
            st->ta = st->tb = type_is_float(other) ? type_basic(TYPE_FLOAT64) : type_is_sint(other) ? type_basic(TYPE_INT64)
                                                                                   : type_basic(TYPE_UINT64);
            st->mode = 0;
        }
        return 0;
    }
    if (type_is_decimal(a) || type_is_decimal(b)) {
        if (type_is_float(a) || type_is_float(b)) {
            st->ta = st->tb = type_basic(TYPE_FLOAT64);
            st->mode = 0;
            return 0;
        }
        if (!(type_is_decimal(a) || type_is_int(a) || a->kind == TYPE_BOOL) || !(type_is_decimal(b) || type_is_int(b) || b->kind == TYPE_BOOL))
            return err_set(err, ERR_NO_COMMON_TYPE, "Illegal types of arguments (%s, %s) of function %s", a->name, b->name, fc->name);
        st->mode = 3;
        st->scale_a = type_is_decimal(a) ? a->p2 : 0;
        st->scale_b = type_is_decimal(b) ? b->p2 : 0;
        return 0;
    }
    /* DateTime64 with an integer: the integer is seconds (as CAST does) */
    bool a64 = a->kind == TYPE_DATETIME64, b64 = b->kind == TYPE_DATETIME64;
    if (a64 != b64 && (type_is_int(a64 ? b : a) || (a64 ? b : a)->kind == TYPE_BOOL)) {
        st->ta = st->tb = a64 ? a : b;
        st->mode = 2;
        return 0;
    }
    bool mixed_dates = type_is_date_or_time(a) && type_is_date_or_time(b) && a->kind != b->kind;
    if (numlike(a) && numlike(b) && !mixed_dates) {
        a = raw_int_type(a);
        b = raw_int_type(b);
        if (type_is_float(a) || type_is_float(b)) st->ta = type_basic(TYPE_FLOAT64);
        else if (a->kind == TYPE_UINT128 || b->kind == TYPE_UINT128 || a->kind == TYPE_INT128 || b->kind == TYPE_INT128 ||
                 type_is_uint(a) != type_is_uint(b))
            st->ta = type_basic(TYPE_INT128);
        else st->ta = type_is_uint(a) ? type_basic(TYPE_UINT64) : type_basic(TYPE_INT64);
        st->tb = st->ta;
        st->mode = 0;
        return 0;
    }
    const DataType *pair[2] = {a, b}, *sup;
    int rc = type_supertype(pair, 2, &sup, err);
    if (rc) return err_set(err, ERR_NO_COMMON_TYPE, "Illegal types of arguments (%s, %s) of function %s", a->name, b->name, fc->name);
    st->ta = st->tb = sup;
    st->mode = 2;
    return 0;
}

#define CMP_RESOLVER(fn, op) static int fn(FuncCall *fc, Err *err) { return cmp_resolve_op(fc, op, err); }
CMP_RESOLVER(eq_resolve, CO_EQ)
CMP_RESOLVER(ne_resolve, CO_NE)
CMP_RESOLVER(lt_resolve, CO_LT)
CMP_RESOLVER(gt_resolve, CO_GT)
CMP_RESOLVER(le_resolve, CO_LE)
CMP_RESOLVER(ge_resolve, CO_GE)

#define CMP_NUM_CASE(T, A, B, R, OP)                                   \
    switch (OP) {                                                      \
    case CO_EQ: BIN_LOOP(T, uint8_t, A, B, R, x == y); break;          \
    case CO_NE: BIN_LOOP(T, uint8_t, A, B, R, x != y); break;          \
    case CO_LT: BIN_LOOP(T, uint8_t, A, B, R, x < y); break;           \
    case CO_GT: BIN_LOOP(T, uint8_t, A, B, R, x > y); break;           \
    case CO_LE: BIN_LOOP(T, uint8_t, A, B, R, x <= y); break;          \
    case CO_GE: BIN_LOOP(T, uint8_t, A, B, R, x >= y); break;          \
    }

static inline uint8_t apply(CmpOp op, int c)
{
    switch (op) {
    case CO_EQ: return c == 0;
    case CO_NE: return c != 0;
    case CO_LT: return c < 0;
    case CO_GT: return c > 0;
    case CO_LE: return c <= 0;
    default: return c >= 0;
    }
}

/* FixedString compares as if the shorter side were padded with zero bytes. */
static int padded_cmp(const char *x, size_t an, const char *y, size_t bn)
{
    size_t m = an < bn ? an : bn;
    int c = memcmp(x, y, m);
    if (c) return c;
    const char *rest = an > bn ? x + m : y + m;
    size_t rn = (an > bn ? an : bn) - m;
    for (size_t k = 0; k < rn; k++)
        if (rest[k]) return an > bn ? 1 : -1;
    return 0;
}

static void cmp_strings(CmpOp op, Column *a, Column *b, Column *r, size_t rows)
{
    uint8_t *out = COL_DATA(r, uint8_t);
    bool fixed = a->type->kind == TYPE_FIXEDSTRING || b->type->kind == TYPE_FIXEDSTRING;
    /* s = '' / s != '': the lengths alone (the column's offsets) */
    if ((op == CO_EQ || op == CO_NE) && !fixed && b->is_const && !a->is_const && a->type->kind == TYPE_STRING) {
        size_t bn;
        col_str(b, 0, &bn);
        if (bn == 0) {
            const uint64_t *o = COL_OFFS(a);
            uint64_t prev = 0;
            for (size_t i = 0; i < rows; i++) {
                out[i] = (o[i] == prev) == (op == CO_EQ);
                prev = o[i];
            }
            return;
        }
    }
    for (size_t i = 0; i < rows; i++) {
        size_t an, bn;
        const char *x = col_str(a, i, &an), *y = col_str(b, i, &bn);
        int c;
        if (fixed) {
            c = padded_cmp(x, an, y, bn);
        } else if (op == CO_EQ || op == CO_NE) {
            c = an != bn || memcmp(x, y, an) != 0;
        } else {
            c = memcmp(x, y, an < bn ? an : bn);
            if (!c) c = an < bn ? -1 : an > bn;
        }
        out[i] = apply(op, c);
    }
}

/* Casts one side; a string that does not parse as the other side's type is
 * TYPE_MISMATCH, as in ClickHouse. */
static int cast_side(FuncCall *fc, Column *c, const DataType *to, const DataType *other, Column **out, Err *err)
{
    int rc = fn_cast(fc, c, to, out, err);
    if (rc && type_is_stringy(c->type) && !type_is_stringy(to)) {
        size_t n = 0;
        const char *s = "";
        for (size_t i = 0; i < c->rows; i++) {
            Column *one;
            Err e2;
            Column *sl = col_slice(c, i, 1);
            int bad = fn_cast(fc, sl, to, &one, &e2);
            if (!bad) col_unref(one);
            col_unref(sl);
            if (bad) {
                s = col_str(c, i, &n);
                break;
            }
        }
        return err_set(err, ERR_TYPE_MISMATCH, "Cannot convert string '%.*s' to type %s", (int)n, s, other->name);
    }
    return rc;
}

/* column OP constant over integers (or two values of the same date/time
 * type) in the column's own width, without casting the column. A constant
 * outside the width's range makes the result the same for every row. */
#define CMP_CONST_LOOP(T, OPR)                                                                  \
    do {                                                                                        \
        const T *restrict x = (const T *)(const void *)col->data.data;                          \
        const T kk = (T)k;                                                                      \
        for (size_t i = 0; i < rows; i++) o[i] = x[i] OPR kk;                                   \
    } while (0)
#define CMP_CONST_TYPE(T, LO, HI)                                                               \
    do {                                                                                        \
        if (k < (i128)(LO) || k > (i128)(HI)) {                                                 \
            cmp_const_out_of_range(op, k < (i128)(LO), o, rows);                                \
            break;                                                                              \
        }                                                                                       \
        switch (op) {                                                                           \
        case CO_EQ: CMP_CONST_LOOP(T, ==); break;                                               \
        case CO_NE: CMP_CONST_LOOP(T, !=); break;                                               \
        case CO_LT: CMP_CONST_LOOP(T, <); break;                                                \
        case CO_GT: CMP_CONST_LOOP(T, >); break;                                                \
        case CO_LE: CMP_CONST_LOOP(T, <=); break;                                               \
        default: CMP_CONST_LOOP(T, >=); break;                                                  \
        }                                                                                       \
    } while (0)

/* Every row compares the same way to a constant below (or above) the range. */
static void cmp_const_out_of_range(CmpOp op, bool below, uint8_t *o, size_t rows)
{
    bool v;
    switch (op) {
    case CO_EQ: v = false; break;
    case CO_NE: v = true; break;
    case CO_LT: case CO_LE: v = !below; break;
    default: v = below; break;
    }
    memset(o, v, rows);
}

/* 64-bit = / != as two 32-bit halves: vectorizes without SSE4.1's
 * 64-bit compare (the baseline x86-64 the release is built for). */
static bool cmp_eq64(CmpOp op, const Column *col, uint64_t k, size_t rows, uint8_t *restrict o)
{
    if (op != CO_EQ && op != CO_NE) return false;
    const uint32_t *restrict x = (const uint32_t *)(const void *)col->data.data;
    const uint32_t lo = (uint32_t)k, hi = (uint32_t)(k >> 32);
    const uint8_t ne = op == CO_NE;
    for (size_t i = 0; i < rows; i++) o[i] = (uint8_t)(((x[2 * i] == lo) & (x[2 * i + 1] == hi)) ^ ne);
    return true;
}

static bool cmp_const_fast(CmpOp op, Column **args, size_t rows, Column *r)
{
    int ci = args[1]->is_const ? 1 : args[0]->is_const ? 0 : -1;
    if (ci < 0 || args[1 - ci]->is_const) return false;
    const Column *col = args[1 - ci], *c = args[ci];
    const DataType *tc = col->type, *tk = c->type;
    if (!((type_is_int(tc) && type_is_int(tk)) || (tc->kind == tk->kind && (tc->kind == TYPE_DATE || tc->kind == TYPE_DATE32 || tc->kind == TYPE_DATETIME))))
        return false;
    if (tc->size == 16) return false;
    const DataType *raw = raw_int_type(tc);
    i128 k = col_get_i128(c, 0);
    if (ci == 0) {   /* constant OP column: flip */
        static const CmpOp FLIP[] = {[CO_EQ] = CO_EQ, [CO_NE] = CO_NE, [CO_LT] = CO_GT, [CO_GT] = CO_LT, [CO_LE] = CO_GE, [CO_GE] = CO_LE};
        op = FLIP[op];
    }
    uint8_t *restrict o = COL_DATA(r, uint8_t);
    switch (raw->kind) {
    case TYPE_UINT8: CMP_CONST_TYPE(uint8_t, 0, UINT8_MAX); break;
    case TYPE_UINT16: CMP_CONST_TYPE(uint16_t, 0, UINT16_MAX); break;
    case TYPE_UINT32: CMP_CONST_TYPE(uint32_t, 0, UINT32_MAX); break;
    case TYPE_UINT64:
        if (k >= 0 && k <= (i128)UINT64_MAX && cmp_eq64(op, col, (uint64_t)k, rows, o)) break;
        CMP_CONST_TYPE(uint64_t, 0, UINT64_MAX);
        break;
    case TYPE_INT8: CMP_CONST_TYPE(int8_t, INT8_MIN, INT8_MAX); break;
    case TYPE_INT16: CMP_CONST_TYPE(int16_t, INT16_MIN, INT16_MAX); break;
    case TYPE_INT32: CMP_CONST_TYPE(int32_t, INT32_MIN, INT32_MAX); break;
    case TYPE_INT64:
        if (k >= INT64_MIN && k <= INT64_MAX && cmp_eq64(op, col, (uint64_t)(int64_t)k, rows, o)) break;
        CMP_CONST_TYPE(int64_t, INT64_MIN, INT64_MAX);
        break;
    default: return false;
    }
    return true;
}

static int cmp_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    CmpState *st = fc->state;
    Column *r = fn_fixed(type_basic(TYPE_UINT8), rows);
    int rc = 0;
    if (st->mode == 0 && !type_is_float(st->ta) && cmp_const_fast(st->op, args, rows, r)) {
        *out = r;
        return 0;
    }
    if (st->mode == 1) {
        cmp_strings(st->op, args[0], args[1], r, rows);
        *out = r;
        return 0;
    }
    if (st->mode == 3) {
        i128 ma = 1, mb = 1;
        for (int k = st->scale_a; k < st->scale_b; k++) ma *= 10;
        for (int k = st->scale_b; k < st->scale_a; k++) mb *= 10;
        for (size_t i = 0; i < rows; i++) {
            i128 x = col_get_i128(args[0], i) * ma, y = col_get_i128(args[1], i) * mb;
            COL_DATA(r, uint8_t)[i] = apply(st->op, x < y ? -1 : x > y);
        }
        *out = r;
        return 0;
    }
    Column *a = NULL, *b = NULL;
    if (st->mode == 0 && !type_is_float(st->ta)) {
        /* ints and raw date values: reinterpret dates as their storage type first */
        Column *ra = col_retag(args[0], raw_int_type(args[0]->type));
        Column *rb = col_retag(args[1], raw_int_type(args[1]->type));
        if (type_is_stringy(ra->type) || type_is_stringy(rb->type)) {
            col_unref(ra);
            col_unref(rb);
            ra = col_ref(args[0]);
            rb = col_ref(args[1]);
        }
        rc = cast_side(fc, ra, st->ta, args[1]->type, &a, err);
        if (!rc) rc = cast_side(fc, rb, st->tb, args[0]->type, &b, err);
        col_unref(ra);
        col_unref(rb);
    } else {
        rc = cast_side(fc, args[0], st->ta, args[1]->type, &a, err);
        if (!rc) rc = cast_side(fc, args[1], st->tb, args[0]->type, &b, err);
    }
    if (rc) goto done;
    if (st->mode == 0) {
        switch (st->ta->kind) {
            FOR_EACH_NUM_CASE(CMP_NUM_CASE, a, b, r, st->op)
        default: rc = err_set(err, ERR_LOGICAL_ERROR, "compare %s", st->ta->name); goto done;
        }
    } else if (type_is_stringy(st->ta)) {
        cmp_strings(st->op, a, b, r, rows);
    } else {
        uint8_t *o = COL_DATA(r, uint8_t);
        for (size_t i = 0; i < rows; i++) o[i] = apply(st->op, col_compare(a, i, b, i, 1));
    }
    *out = r;
    r = NULL;
done:
    col_unref(a);
    col_unref(b);
    col_unref(r);
    return rc;
}

const FuncDef FUNCS_compare[] = {
    {"equals", 2, 2, FN_DEFAULT | FF_RAW_CONST, eq_resolve, cmp_exec, NULL},
    {"notEquals", 2, 2, FN_DEFAULT | FF_RAW_CONST, ne_resolve, cmp_exec, NULL},
    {"less", 2, 2, FN_DEFAULT | FF_RAW_CONST, lt_resolve, cmp_exec, NULL},
    {"greater", 2, 2, FN_DEFAULT | FF_RAW_CONST, gt_resolve, cmp_exec, NULL},
    {"lessOrEquals", 2, 2, FN_DEFAULT | FF_RAW_CONST, le_resolve, cmp_exec, NULL},
    {"greaterOrEquals", 2, 2, FN_DEFAULT | FF_RAW_CONST, ge_resolve, cmp_exec, NULL},
    {0},
};
