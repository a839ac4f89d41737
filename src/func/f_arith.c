/* f_arith.c — plus, minus, multiply, divide, intDiv, modulo (+OrZero), negate,
 * abs, bit operations; with ClickHouse's result types:
 *   plus/multiply: signed if either is, one size up (UInt8+UInt8 = UInt16)
 *   minus: always signed, one size up; divide: Float64
 *   intDiv: signed if either is, size of the left; modulo: sign of the left,
 *   size of the right (one up if signed); any float -> Float64
 *   Decimal: max storage, scale max (+/-), sum (*), left (/)
 *   Date/DateTime +- integer keep their type, date - date is Int32,
 *   +- INTERVAL becomes addUnit/subtractUnit (f_date.c).
 * Kernels cast both operands to the computation type and run one typed loop.
 */
#include <math.h>
#include <string.h>

#include "../base/mem.h"
#include "func.h"
#include "kernels.h"

typedef enum { AO_PLUS, AO_MINUS, AO_MUL, AO_DIV, AO_INTDIV, AO_INTDIV_Z, AO_MOD, AO_MOD_Z, AO_PMOD,
               AO_BAND, AO_BOR, AO_BXOR, AO_SHL, AO_SHR } ArithOp;

typedef struct ArithState {
    ArithOp op;
    const DataType *comp;        /* both operands are cast to this */
    FuncCall *delegate;          /* date +- interval */
    int date_mode;               /* 1: date +- number, 2: date - date */
    int dec_scale_a, dec_scale_b;
} ArithState;

static int size_of_int(const DataType *t) { return t->kind == TYPE_BOOL ? 1 : t->size; }

static const DataType *int_type(bool is_signed, int size)
{
    static const TypeKind U[] = {TYPE_UINT8, TYPE_UINT16, TYPE_UINT32, TYPE_UINT64, TYPE_UINT128};
    static const TypeKind S[] = {TYPE_INT8, TYPE_INT16, TYPE_INT32, TYPE_INT64, TYPE_INT128};
    int k = size <= 1 ? 0 : size <= 2 ? 1 : size <= 4 ? 2 : size <= 8 ? 3 : 4;
    return type_basic(is_signed ? S[k] : U[k]);
}

static int next_size(int s) { return s >= 8 ? s : s * 2; }
static bool is_num(const DataType *t) { return type_is_number(t) || t->kind == TYPE_BOOL; }
static bool is_signed_t(const DataType *t) { return type_is_sint(t) || type_is_float(t); }

static const DataType *num_result(ArithOp op, const DataType *a, const DataType *b)
{
    bool fl = type_is_float(a) || type_is_float(b);
    int sa = size_of_int(a), sb = size_of_int(b), mx = sa > sb ? sa : sb;
    switch (op) {
    case AO_PLUS: case AO_MUL:
        if (fl) return type_basic(TYPE_FLOAT64);
        return int_type(type_is_sint(a) || type_is_sint(b), next_size(mx));
    case AO_MINUS:
        if (fl) return type_basic(TYPE_FLOAT64);
        return int_type(true, next_size(mx));
    case AO_DIV:
        return type_basic(TYPE_FLOAT64);
    case AO_INTDIV: case AO_INTDIV_Z:
        return int_type(is_signed_t(a) || is_signed_t(b), type_is_float(a) ? 8 : sa);
    case AO_MOD: case AO_MOD_Z:
        if (fl) return type_basic(TYPE_FLOAT64);
        return int_type(type_is_sint(a), type_is_sint(a) ? next_size(sb) : sb);
    case AO_PMOD:
        return fl ? type_basic(TYPE_FLOAT64) : int_type(false, sb);
    case AO_BAND: case AO_BOR: case AO_BXOR:
        return int_type(type_is_sint(a) || type_is_sint(b), mx);
    default:
        return a;
    }
}

static const char *UNIT_FN_ADD[IU_COUNT] = {"addNanoseconds", "addMicroseconds", "addMilliseconds", "addSeconds",
                                            "addMinutes", "addHours", "addDays", "addWeeks", "addMonths",
                                            "addQuarters", "addYears"};
static const char *UNIT_FN_SUB[IU_COUNT] = {"subtractNanoseconds", "subtractMicroseconds", "subtractMilliseconds",
                                            "subtractSeconds", "subtractMinutes", "subtractHours", "subtractDays",
                                            "subtractWeeks", "subtractMonths", "subtractQuarters", "subtractYears"};

static int delegate_interval(FuncCall *fc, ArithState *st, int date_arg, Err *err)
{
    const DataType *iv = fc->types[1 - date_arg];
    const char *fn = (st->op == AO_PLUS ? UNIT_FN_ADD : UNIT_FN_SUB)[iv->p1];
    FuncCall *d = arena_alloc(&fc->q->arena, sizeof *d);
    const DataType *types[2] = {fc->types[date_arg], type_basic(TYPE_INT64)};
    int rc = func_resolve(d, fc->q, fn, types, NULL, 2, err);
    if (rc) return rc;
    st->delegate = d;
    st->date_mode = date_arg == 0 ? 3 : 4;
    fc->ret = d->out_type;
    return 0;
}

static int decimal_resolve(FuncCall *fc, ArithState *st, Err *err)
{
    const DataType *a = fc->types[0], *b = fc->types[1];
    if (type_is_float(a) || type_is_float(b)) {
        st->comp = type_basic(TYPE_FLOAT64);
        fc->ret = type_basic(TYPE_FLOAT64);
        return 0;
    }
    if (!(type_is_decimal(a) || type_is_int(a) || a->kind == TYPE_BOOL) || !(type_is_decimal(b) || type_is_int(b) || b->kind == TYPE_BOOL))
        return fn_err_arg_type(fc, type_is_decimal(a) ? 1 : 0, err);
    int sa = type_is_decimal(a) ? a->p2 : 0, sb = type_is_decimal(b) ? b->p2 : 0;
    int pa = type_is_decimal(a) ? decimal_max_precision(a->kind) : (size_of_int(a) <= 2 ? 9 : size_of_int(a) <= 4 ? 18 : 38);
    int pb = type_is_decimal(b) ? decimal_max_precision(b->kind) : (size_of_int(b) <= 2 ? 9 : size_of_int(b) <= 4 ? 18 : 38);
    int prec = pa > pb ? pa : pb;
    /* a Decimal with an integer keeps the Decimal's own precision (ClickHouse 26.7) */
    if (type_is_decimal(a) != type_is_decimal(b)) prec = type_is_decimal(a) ? a->p1 : b->p1;
    int scale;
    switch (st->op) {
    case AO_PLUS: case AO_MINUS: scale = sa > sb ? sa : sb; break;
    case AO_MUL: scale = sa + sb; break;
    case AO_DIV:
        if (sa < sb) return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "Decimal result's scale is less than argument's one");
        scale = sa;
        break;
    default:
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal types %s and %s of arguments of function %s", a->name, b->name, fc->name);
    }
    if (scale > prec) return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "Decimal scale %d exceeds precision %d", scale, prec);
    st->dec_scale_a = sa;
    st->dec_scale_b = sb;
    st->comp = type_basic(TYPE_INT128);
    fc->ret = type_decimal(prec, scale);
    return 0;
}

static int date_resolve(FuncCall *fc, ArithState *st, Err *err)
{
    const DataType *a = fc->types[0], *b = fc->types[1];
    bool da = type_is_date_or_time(a), db = type_is_date_or_time(b);
    if (a->kind == TYPE_INTERVAL && db && st->op == AO_PLUS) return delegate_interval(fc, st, 1, err);
    if (b->kind == TYPE_INTERVAL && da) return delegate_interval(fc, st, 0, err);
    if (da && db && st->op == AO_MINUS) {
        bool a_day = a->kind == TYPE_DATE || a->kind == TYPE_DATE32, b_day = b->kind == TYPE_DATE || b->kind == TYPE_DATE32;
        if (a_day != b_day)
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal types %s and %s of arguments of function %s",
                           a->name, b->name, fc->name);
        st->date_mode = 2;
        fc->ret = type_basic(TYPE_INT32);
        if (a->kind == TYPE_DATETIME64 || b->kind == TYPE_DATETIME64) {
            /* seconds as Decimal(18, s) with the larger scale */
            int sa = a->kind == TYPE_DATETIME64 ? a->p1 : 0, sb = b->kind == TYPE_DATETIME64 ? b->p1 : 0;
            fc->ret = type_decimal(18, sa > sb ? sa : sb);
        }
        return 0;
    }
    if (da && is_num(b) && (st->op == AO_PLUS || st->op == AO_MINUS)) {
        st->date_mode = 1;
        fc->ret = a;
        return 0;
    }
    if (db && is_num(a) && st->op == AO_PLUS) {
        st->date_mode = 5;
        fc->ret = b;
        return 0;
    }
    return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal types %s and %s of arguments of function %s", a->name,
                   b->name, fc->name);
}

static int arith_resolve_op(FuncCall *fc, ArithOp op, Err *err)
{
    ArithState *st = arena_alloc(&fc->q->arena, sizeof *st);
    st->op = op;
    fc->state = st;
    const DataType *a = fc->types[0], *b = fc->types[1];
    if (type_is_date_or_time(a) || type_is_date_or_time(b) || a->kind == TYPE_INTERVAL || b->kind == TYPE_INTERVAL) {
        if (op == AO_PLUS || op == AO_MINUS) return date_resolve(fc, st, err);
        if (a->kind == TYPE_INTERVAL && is_num(b) && op == AO_MUL) {
            st->comp = type_basic(TYPE_INT64);
            fc->ret = a;
            return 0;
        }
    }
    if (type_is_decimal(a) || type_is_decimal(b)) return decimal_resolve(fc, st, err);
    if (!is_num(a)) return fn_err_arg_type(fc, 0, err);
    if (!is_num(b)) return fn_err_arg_type(fc, 1, err);
    fc->ret = num_result(op, a, b);
    bool fl = type_is_float(a) || type_is_float(b);
    switch (op) {
    case AO_DIV: st->comp = type_basic(TYPE_FLOAT64); break;
    case AO_INTDIV: case AO_INTDIV_Z: case AO_MOD: case AO_MOD_Z: case AO_PMOD:
        st->comp = fl ? type_basic(TYPE_FLOAT64) : type_basic(TYPE_INT128);
        break;
    default: st->comp = fc->ret; break;
    }
    return 0;
}

#define ARITH_RESOLVER(fn, op) static int fn(FuncCall *fc, Err *err) { return arith_resolve_op(fc, op, err); }
ARITH_RESOLVER(plus_resolve, AO_PLUS)
ARITH_RESOLVER(minus_resolve, AO_MINUS)
ARITH_RESOLVER(mul_resolve, AO_MUL)
ARITH_RESOLVER(div_resolve, AO_DIV)
ARITH_RESOLVER(intdiv_resolve, AO_INTDIV)
ARITH_RESOLVER(intdivz_resolve, AO_INTDIV_Z)
ARITH_RESOLVER(mod_resolve, AO_MOD)
ARITH_RESOLVER(modz_resolve, AO_MOD_Z)
ARITH_RESOLVER(pmod_resolve, AO_PMOD)
ARITH_RESOLVER(band_resolve, AO_BAND)
ARITH_RESOLVER(bor_resolve, AO_BOR)
ARITH_RESOLVER(bxor_resolve, AO_BXOR)

static int shift_resolve(FuncCall *fc, Err *err)
{
    ArithState *st = arena_alloc(&fc->q->arena, sizeof *st);
    fc->state = st;
    if (!type_is_int(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (!type_is_int(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    fc->ret = fc->types[0];
    return 0;
}

/* ---- loops ---- */

#define WRAP_ADD(T) (T)((u128)x + (u128)y)
#define WRAP_SUB(T) (T)((u128)x - (u128)y)
#define WRAP_MUL(T) (T)((u128)x * (u128)y)

#define INT_OP_CASE(T, A, B, R, OP)                                                       \
    if ((OP) == AO_PLUS) BIN_LOOP(T, T, A, B, R, WRAP_ADD(T));                            \
    else if ((OP) == AO_MINUS) BIN_LOOP(T, T, A, B, R, WRAP_SUB(T));                      \
    else if ((OP) == AO_MUL) BIN_LOOP(T, T, A, B, R, WRAP_MUL(T));                        \
    else if ((OP) == AO_BAND) BIN_LOOP(T, T, A, B, R, x & y);                             \
    else if ((OP) == AO_BOR) BIN_LOOP(T, T, A, B, R, x | y);                              \
    else if ((OP) == AO_BXOR) BIN_LOOP(T, T, A, B, R, x ^ y);

#define FLOAT_OP_CASE(T, A, B, R, OP)                                                     \
    if ((OP) == AO_PLUS) BIN_LOOP(T, T, A, B, R, x + y);                                  \
    else if ((OP) == AO_MINUS) BIN_LOOP(T, T, A, B, R, x - y);                            \
    else if ((OP) == AO_MUL) BIN_LOOP(T, T, A, B, R, x * y);                              \
    else if ((OP) == AO_DIV) BIN_LOOP(T, T, A, B, R, x / y);

static int check_zero(Column *b, size_t rows, bool or_zero, Err *err)
{
    if (or_zero) return 0;
    const i128 *pb = COL_DATA(b, i128);
    size_t n = b->is_const ? 1 : rows;
    for (size_t i = 0; i < n; i++)
        if (pb[i] == 0) return err_set(err, ERR_ILLEGAL_DIVISION, "Division by zero");
    return 0;
}

static i128 i128_div(i128 x, i128 y, bool mod)
{
    if (y == 0) return 0;
    if (y == -1) return mod ? 0 : (i128)(0 - (u128)x);
    return mod ? x % y : x / y;
}

#define UDIV_LOOP(TI, TO)                                                              \
    do {                                                                               \
        const TI *x = COL_DATA(a, TI);                                                 \
        TO *y = COL_DATA(r, TO);                                                       \
        if (mod)                                                                       \
            for (size_t i = 0; i < rows; i++) y[i] = (TO)(x[i] % (TI)c);               \
        else                                                                           \
            for (size_t i = 0; i < rows; i++) y[i] = (TO)(x[i] / (TI)c);               \
    } while (0)

#define UDIV_OUT(TI)                                                                   \
    switch (fc->ret->size) {                                                           \
    case 1: UDIV_LOOP(TI, uint8_t); break;                                             \
    case 2: UDIV_LOOP(TI, uint16_t); break;                                            \
    case 4: UDIV_LOOP(TI, uint32_t); break;                                            \
    default: UDIV_LOOP(TI, uint64_t); break;                                           \
    }

/* x % c and intDiv(x, c) of an unsigned column by a non-zero unsigned
 * constant (number % 10): in the column's own width, no Int128 detour. */
static bool unsigned_by_const(FuncCall *fc, ArithState *st, Column *a, Column *b, size_t rows, Column **out)
{
    ArithOp op = st->op;
    if (op != AO_MOD && op != AO_MOD_Z && op != AO_INTDIV && op != AO_INTDIV_Z) return false;
    if (a->is_const || !b->is_const || !type_is_uint(a->type) || !type_is_uint(b->type) || !type_is_uint(fc->ret)) return false;
    if (fc->ret->size > 8 || a->type->size > 8) return false;
    uint64_t c = col_get_u64(b, 0);
    if (!c || (a->type->size < 8 && c >> (a->type->size * 8))) return false;
    bool mod = op == AO_MOD || op == AO_MOD_Z;
    Column *r = fn_fixed(fc->ret, rows);
    switch (a->type->size) {
    case 1: UDIV_OUT(uint8_t); break;
    case 2: UDIV_OUT(uint16_t); break;
    case 4: UDIV_OUT(uint32_t); break;
    default: UDIV_OUT(uint64_t); break;
    }
    *out = r;
    return true;
}

static int run_numeric(FuncCall *fc, ArithState *st, Column *a, Column *b, size_t rows, Column **out, Err *err)
{
    if (unsigned_by_const(fc, st, a, b, rows, out)) return 0;
    Column *ca = NULL, *cb = NULL, *r = NULL;
    int rc = fn_cast(fc, a, st->comp, &ca, err);
    if (!rc) rc = fn_cast(fc, b, st->comp, &cb, err);
    if (rc) goto done;
    r = fn_fixed(st->comp, rows);
    ArithOp op = st->op;
    if (st->comp->kind == TYPE_INT128 && op == AO_PMOD) {
        if ((rc = check_zero(cb, rows, false, err))) goto done;
        BIN_LOOP(i128, i128, ca, cb, r, i128_div(x, y, true) + (i128_div(x, y, true) < 0 ? (y < 0 ? -y : y) : 0));
    } else if (st->comp->kind == TYPE_INT128 && (op == AO_INTDIV || op == AO_INTDIV_Z || op == AO_MOD || op == AO_MOD_Z)) {
        if ((rc = check_zero(cb, rows, op == AO_INTDIV_Z || op == AO_MOD_Z, err))) goto done;
        bool mod = op == AO_MOD || op == AO_MOD_Z;
        BIN_LOOP(i128, i128, ca, cb, r, i128_div(x, y, mod));
    } else if (st->comp->kind == TYPE_FLOAT64 && op == AO_PMOD) {
        BIN_LOOP(double, double, ca, cb, r, fmod(x, y) + (fmod(x, y) < 0 ? fabs(y) : 0));
    } else if (st->comp->kind == TYPE_FLOAT64 && (op == AO_INTDIV || op == AO_INTDIV_Z)) {
        BIN_LOOP(double, double, ca, cb, r, y == 0 ? (op == AO_INTDIV_Z ? 0 : x / y) : trunc(x / y));
        if (op == AO_INTDIV)
            for (size_t i = 0; i < rows; i++)
                if (cb->is_const ? COL_DATA(cb, double)[0] == 0 : COL_DATA(cb, double)[i] == 0) {
                    rc = err_set(err, ERR_ILLEGAL_DIVISION, "Division by zero");
                    goto done;
                }
    } else if (st->comp->kind == TYPE_FLOAT64 && (op == AO_MOD || op == AO_MOD_Z)) {
        BIN_LOOP(double, double, ca, cb, r, (op == AO_MOD_Z && y == 0) ? 0 : fmod(x, y));
    } else {
        switch (st->comp->kind) {
            FOR_EACH_INT_CASE(INT_OP_CASE, ca, cb, r, op)
            FOR_EACH_FLOAT_CASE(FLOAT_OP_CASE, ca, cb, r, op)
        default:
            rc = err_set(err, ERR_LOGICAL_ERROR, "arithmetic on %s", st->comp->name);
            goto done;
        }
    }
    if (st->comp != fc->ret) {
        Column *n;
        if ((rc = fn_cast(fc, r, fc->ret, &n, err))) goto done;
        col_unref(r);
        r = n;
    }
    *out = r;
    r = NULL;
done:
    col_unref(ca);
    col_unref(cb);
    col_unref(r);
    return rc;
}

static i128 pow10_128(int n)
{
    i128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

static int run_decimal(FuncCall *fc, ArithState *st, Column *a, Column *b, size_t rows, Column **out, Err *err)
{
    /* operands as raw scaled Int128 values */
    Column *ca = fn_fixed(type_basic(TYPE_INT128), a->is_const ? 1 : rows);
    Column *cb = fn_fixed(type_basic(TYPE_INT128), b->is_const ? 1 : rows);
    ca->is_const = a->is_const;
    cb->is_const = b->is_const;
    for (size_t i = 0; i < (a->is_const ? 1 : rows); i++) COL_DATA(ca, i128)[i] = col_get_i128(a, i);
    for (size_t i = 0; i < (b->is_const ? 1 : rows); i++) COL_DATA(cb, i128)[i] = col_get_i128(b, i);
    int s = fc->ret->p2;
    i128 ma = pow10_128(s - st->dec_scale_a), mb = pow10_128(s - st->dec_scale_b);
    Column *r = fn_fixed(type_basic(TYPE_INT128), rows);
    int rc = 0;
    switch (st->op) {
    case AO_PLUS: BIN_LOOP(i128, i128, ca, cb, r, x * ma + y * mb); break;
    case AO_MINUS: BIN_LOOP(i128, i128, ca, cb, r, x * ma - y * mb); break;
    case AO_MUL: BIN_LOOP(i128, i128, ca, cb, r, x * y); break;
    default: {
        i128 m = pow10_128(st->dec_scale_b);
        for (size_t i = 0; i < (cb->is_const ? 1 : rows); i++)
            if (COL_DATA(cb, i128)[i] == 0) {
                rc = err_set(err, ERR_ILLEGAL_DIVISION, "Division by zero");
                break;
            }
        if (!rc) BIN_LOOP(i128, i128, ca, cb, r, y ? x * m / y : 0);
        break;
    }
    }
    if (!rc) {
        Column *d = fn_fixed(fc->ret, rows);
        for (size_t i = 0; i < rows && !rc; i++) {
            i128 v = COL_DATA(r, i128)[i];
            /* past the storage type: ClickHouse's DECIMAL_OVERFLOW (407) */
            if (fc->ret->kind == TYPE_DECIMAL32 ? v != (int32_t)v : fc->ret->kind == TYPE_DECIMAL64 ? v != (int64_t)v : false)
                rc = err_set(err, ERR_DECIMAL_OVERFLOW, "Decimal math overflow");
            else if (fc->ret->kind == TYPE_DECIMAL32) COL_DATA(d, int32_t)[i] = (int32_t)v;
            else if (fc->ret->kind == TYPE_DECIMAL64) COL_DATA(d, int64_t)[i] = (int64_t)v;
            else COL_DATA(d, i128)[i] = v;
        }
        if (rc) col_unref(d);
        else *out = d;
    }
    col_unref(ca);
    col_unref(cb);
    col_unref(r);
    return rc;
}

static int64_t date_units(const Column *c, size_t i)
{
    return col_get_i64(c, i);
}

static int run_date(FuncCall *fc, ArithState *st, Column **args, size_t rows, Column **out, Err *err)
{
    if (st->date_mode >= 3) {
        Column *dargs[2];
        int di = st->date_mode == 3 ? 0 : 1;
        dargs[0] = args[di];
        Column *n;
        int rc = fn_cast(fc, args[1 - di], type_basic(TYPE_INT64), &n, err);
        if (rc) return rc;
        dargs[1] = n;
        rc = func_exec(st->delegate, dargs, rows, out, err);
        col_unref(n);
        return rc;
    }
    if (st->date_mode == 2) {
        Column *r = fn_fixed(fc->ret, rows);
        const DataType *ta = fc->types[0], *tb = fc->types[1];
        int sc = fc->ret->kind == TYPE_DECIMAL64 ? fc->ret->p2 : 0;
        int sa = ta->kind == TYPE_DATETIME64 ? ta->p1 : 0, sb = tb->kind == TYPE_DATETIME64 ? tb->p1 : 0;
        int64_t ma = 1, mb = 1;
        for (int k = sa; k < sc; k++) ma *= 10;
        for (int k = sb; k < sc; k++) mb *= 10;
        for (size_t i = 0; i < rows; i++) {
            int64_t x = date_units(args[0], i) * ma, y = date_units(args[1], i) * mb;
            if (fc->ret->kind == TYPE_INT32) COL_DATA(r, int32_t)[i] = (int32_t)(x - y);
            else COL_DATA(r, int64_t)[i] = x - y;
        }
        *out = r;
        return 0;
    }
    /* date +- number */
    int di = st->date_mode == 1 ? 0 : 1;
    Column *d = args[di], *n = args[1 - di];
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        int64_t x = date_units(d, i);
        int64_t y = type_is_float(n->type) ? (int64_t)col_get_f64(n, i) : col_get_i64(n, i);
        if (fc->ret->kind == TYPE_DATETIME64) {
            int64_t m = 1;
            for (int k = 0; k < fc->ret->p1; k++) m *= 10;
            y *= m;
        }
        int64_t v = st->op == AO_MINUS ? x - y : x + y;
        switch (fc->ret->kind) {
        case TYPE_DATE: COL_DATA(r, uint16_t)[i] = (uint16_t)v; break;
        case TYPE_DATE32: COL_DATA(r, int32_t)[i] = (int32_t)v; break;
        case TYPE_DATETIME: COL_DATA(r, uint32_t)[i] = (uint32_t)v; break;
        default: COL_DATA(r, int64_t)[i] = v; break;
        }
    }
    *out = r;
    return 0;
}

static int arith_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    ArithState *st = fc->state;
    if (st->date_mode) return run_date(fc, st, args, rows, out, err);
    if (type_is_decimal(fc->ret)) return run_decimal(fc, st, args[0], args[1], rows, out, err);
    return run_numeric(fc, st, args[0], args[1], rows, out, err);
}

static int shift_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool left = strcmp(fc->def->name, "bitShiftLeft") == 0;
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        u128 x = (u128)col_get_i128(args[0], i);
        int64_t s = col_get_i64(args[1], i);
        int bits = fc->ret->size * 8;
        u128 v = (s < 0 || s >= bits) ? 0 : left ? x << s : ((type_is_sint(fc->ret) ? (u128)((i128)x >> s) : x >> s));
        Column tmp = {.type = type_basic(TYPE_UINT128), .rows = 1, .data = {.data = (char *)&v, .len = 16}};
        i128 vv = col_get_i128(&tmp, 0);
        memcpy(r->data.data + i * (size_t)fc->ret->size, &vv, (size_t)fc->ret->size);
    }
    *out = r;
    return 0;
}

/* ---- unary ---- */

static int negate_resolve(FuncCall *fc, Err *err)
{
    const DataType *a = fc->types[0];
    if (type_is_decimal(a) || type_is_float(a)) fc->ret = a;
    else if (a->kind == TYPE_INTERVAL) fc->ret = a;
    else if (type_is_int(a) || a->kind == TYPE_BOOL) fc->ret = int_type(true, type_is_sint(a) ? a->size : next_size(size_of_int(a)));
    else return fn_err_arg_type(fc, 0, err);
    return 0;
}

static int abs_resolve(FuncCall *fc, Err *err)
{
    const DataType *a = fc->types[0];
    if (type_is_decimal(a) || type_is_float(a)) fc->ret = a;
    else if (type_is_int(a) || a->kind == TYPE_BOOL) fc->ret = int_type(false, size_of_int(a));
    else return fn_err_arg_type(fc, 0, err);
    return 0;
}

static int bitnot_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_int(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = fc->types[0];
    return 0;
}

#define NEG_CASE(T, A, R) UN_LOOP(T, T, A, R, (T)(0 - (u128)x))
#define NEGF_CASE(T, A, R) UN_LOOP(T, T, A, R, -x)
#define ABS_CASE(T, A, R) UN_LOOP(T, T, A, R, x < 0 ? (T)(0 - (u128)x) : x)
#define ABSF_CASE(T, A, R) UN_LOOP(T, T, A, R, fabs(x))
#define NOT_CASE(T, A, R) UN_LOOP(T, T, A, R, ~x)

static int unary_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const DataType *storage = fc->ret;
    if (type_is_decimal(storage))
        storage = type_basic(storage->kind == TYPE_DECIMAL32 ? TYPE_INT32 : storage->kind == TYPE_DECIMAL64 ? TYPE_INT64 : TYPE_INT128);
    if (storage->kind == TYPE_INTERVAL) storage = type_basic(TYPE_INT64);
    Column *a;
    int rc;
    if (type_is_decimal(fc->ret) || fc->ret->kind == TYPE_INTERVAL) {
        a = col_retag(args[0], storage);
    } else if ((rc = fn_cast(fc, args[0], storage, &a, err))) {
        return rc;
    }
    Column *r = fn_fixed(storage, rows);
    const char *n = fc->def->name;
    if (strcmp(n, "negate") == 0) {
        switch (storage->kind) { FOR_EACH_INT_CASE(NEG_CASE, a, r) FOR_EACH_FLOAT_CASE(NEGF_CASE, a, r) default: break; }
    } else if (strcmp(n, "abs") == 0) {
        /* abs of signed input into unsigned result: compute in the input's signed type first */
        Column *sa;
        const DataType *in = type_is_decimal(fc->types[0]) ? storage : fc->types[0];
        if (in->kind == TYPE_BOOL) in = type_basic(TYPE_UINT8);
        if (type_is_decimal(fc->types[0])) sa = col_ref(a);
        else if ((rc = fn_cast(fc, args[0], in, &sa, err))) {
            col_unref(a);
            col_unref(r);
            return rc;
        }
        Column *t = fn_fixed(in, rows);
        switch (in->kind) { FOR_EACH_INT_CASE(ABS_CASE, sa, t) FOR_EACH_FLOAT_CASE(ABSF_CASE, sa, t) default: break; }
        col_unref(r);
        r = col_retag(t, storage);
        col_unref(t);
        col_unref(sa);
    } else {
        switch (storage->kind) { FOR_EACH_INT_CASE(NOT_CASE, a, r) default: break; }
    }
    col_unref(a);
    if (storage != fc->ret) {
        Column *t = col_retag(r, fc->ret);
        col_unref(r);
        r = t;
    }
    *out = r;
    return 0;
}

const FuncDef FUNCS_arith[] = {
    {"plus", 2, 2, FN_DEFAULT | FF_RAW_CONST, plus_resolve, arith_exec, NULL},
    {"minus", 2, 2, FN_DEFAULT | FF_RAW_CONST, minus_resolve, arith_exec, NULL},
    {"multiply", 2, 2, FN_DEFAULT | FF_RAW_CONST, mul_resolve, arith_exec, NULL},
    {"divide", 2, 2, FN_DEFAULT | FF_RAW_CONST, div_resolve, arith_exec, NULL},
    {"intDiv", 2, 2, FN_DEFAULT | FF_RAW_CONST, intdiv_resolve, arith_exec, NULL},
    {"intDivOrZero", 2, 2, FN_DEFAULT | FF_RAW_CONST, intdivz_resolve, arith_exec, NULL},
    {"modulo", 2, 2, FN_DEFAULT | FF_RAW_CONST, mod_resolve, arith_exec, NULL},
    {"mod", 2, 2, FN_DEFAULT | FF_RAW_CONST | FF_CI, mod_resolve, arith_exec, "modulo"},
    {"positiveModulo", 2, 2, FN_DEFAULT | FF_RAW_CONST, pmod_resolve, arith_exec, NULL},
    {"positive_modulo", 2, 2, FN_DEFAULT | FF_RAW_CONST, pmod_resolve, arith_exec, "positiveModulo"},
    {"pmod", 2, 2, FN_DEFAULT | FF_RAW_CONST, pmod_resolve, arith_exec, "positiveModulo"},
    {"moduloOrZero", 2, 2, FN_DEFAULT | FF_RAW_CONST, modz_resolve, arith_exec, NULL},
    {"bitAnd", 2, 2, FN_DEFAULT | FF_RAW_CONST, band_resolve, arith_exec, NULL},
    {"bitOr", 2, 2, FN_DEFAULT | FF_RAW_CONST, bor_resolve, arith_exec, NULL},
    {"bitXor", 2, 2, FN_DEFAULT | FF_RAW_CONST, bxor_resolve, arith_exec, NULL},
    {"bitShiftLeft", 2, 2, FN_DEFAULT, shift_resolve, shift_exec, NULL},
    {"bitShiftRight", 2, 2, FN_DEFAULT, shift_resolve, shift_exec, NULL},
    {"negate", 1, 1, FN_DEFAULT, negate_resolve, unary_exec, NULL},
    {"abs", 1, 1, FN_DEFAULT | FF_CI, abs_resolve, unary_exec, NULL},
    {"bitNot", 1, 1, FN_DEFAULT, bitnot_resolve, unary_exec, NULL},
    {0},
};
