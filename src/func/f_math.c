/* f_math.c — round, roundBankers, floor, ceil, trunc (with digit counts),
 * sqrt, cbrt, pow, exp/exp2/exp10, log/ln/log2/log10/log1p, trigonometry,
 * hypot, pi, e, sign, degrees, radians, gcd, lcm, intExp2, intExp10.
 * Rounding keeps the argument type; floats round half to even (nearbyint),
 * integers and decimals half away from zero, as ClickHouse does. Other
 * functions return Float64.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "func.h"
#include "kernels.h"

static bool numeric(const DataType *t) { return type_is_number(t) || type_is_decimal(t) || t->kind == TYPE_BOOL; }

/* ---- rounding ---- */

typedef enum { RM_ROUND, RM_BANKERS, RM_FLOOR, RM_CEIL, RM_TRUNC } RoundMode;

static RoundMode mode_of(const char *n)
{
    if (!strcasecmp(n, "floor")) return RM_FLOOR;
    if (!strcasecmp(n, "ceil") || !strcasecmp(n, "ceiling")) return RM_CEIL;
    if (!strcasecmp(n, "trunc") || !strcasecmp(n, "truncate")) return RM_TRUNC;
    if (!strcmp(n, "roundBankers")) return RM_BANKERS;
    return RM_ROUND;
}

static int round_resolve(FuncCall *fc, Err *err)
{
    if (!numeric(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (fc->nargs > 1) {
        int64_t n;
        if (!fn_const_int(fc, 1, &n)) return fn_err_const(fc, 1, err);
    }
    fc->ret = fc->types[0];
    return 0;
}

static double round_float(double x, int64_t digits, RoundMode m)
{
    double p = pow(10.0, (double)(digits < 0 ? -digits : digits));
    double v = digits >= 0 ? x * p : x / p;
    switch (m) {
    case RM_FLOOR: v = floor(v); break;
    case RM_CEIL: v = ceil(v); break;
    case RM_TRUNC: v = trunc(v); break;
    default: v = nearbyint(v); break;
    }
    return digits >= 0 ? v / p : v * p;
}

/* Float32 rounds in float arithmetic, as ClickHouse does (round(1.55f, 1) = 1.6). */
static float round_float32(float x, int64_t digits, RoundMode m)
{
    float p = powf(10.0f, (float)(digits < 0 ? -digits : digits));
    float v = digits >= 0 ? x * p : x / p;
    switch (m) {
    case RM_FLOOR: v = floorf(v); break;
    case RM_CEIL: v = ceilf(v); break;
    case RM_TRUNC: v = truncf(v); break;
    default: v = nearbyintf(v); break;
    }
    return digits >= 0 ? v / p : v * p;
}

static i128 round_int(i128 x, int64_t digits, RoundMode m, bool half_even)
{
    if (digits >= 0) return x;
    i128 p = 1;
    for (int64_t i = 0; i < -digits && i < 38; i++) p *= 10;
    i128 q = x / p, r = x % p;
    switch (m) {
    case RM_FLOOR: if (r < 0) q--; break;
    case RM_CEIL: if (r > 0) q++; break;
    case RM_TRUNC: break;
    default: {
        i128 twice = r < 0 ? -2 * r : 2 * r;
        if (twice > p || (twice == p && (!half_even || (q & 1)))) q += x < 0 ? -1 : 1;
        break;
    }
    }
    return q * p;
}

static int round_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    RoundMode m = mode_of(fc->def->name);
    int64_t digits = fc->nargs > 1 ? col_get_i64(fc->consts[1], 0) : 0;
    const DataType *t = fc->ret;
    Column *c = args[0];
    Column *r = fn_fixed(t, rows);
    if (type_is_float(t)) {
        for (size_t i = 0; i < rows; i++) {
            if (t->kind == TYPE_FLOAT32) COL_DATA(r, float)[i] = round_float32((float)col_get_f64(c, i), digits, m);
            else COL_DATA(r, double)[i] = round_float(col_get_f64(c, i), digits, m);
        }
    } else if (type_is_decimal(t)) {
        int64_t d = digits - t->p2;   /* digits relative to the scaled integer */
        for (size_t i = 0; i < rows; i++) {
            i128 v = round_int(col_get_i128(c, i), d >= 0 ? 0 : d, m, m == RM_BANKERS);
            if (t->kind == TYPE_DECIMAL32) COL_DATA(r, int32_t)[i] = (int32_t)v;
            else if (t->kind == TYPE_DECIMAL64) COL_DATA(r, int64_t)[i] = (int64_t)v;
            else COL_DATA(r, i128)[i] = v;
        }
    } else {
        for (size_t i = 0; i < rows; i++) {
            i128 v = round_int(col_get_i128(c, i), digits, m, m == RM_BANKERS);
            memcpy(r->data.data + i * (size_t)t->size, &v, (size_t)t->size);
        }
    }
    *out = r;
    return 0;
}

/* ---- Float64 functions ---- */

static int f64_resolve(FuncCall *fc, Err *err)
{
    for (int i = 0; i < fc->nargs; i++)
        if (!numeric(fc->types[i])) return fn_err_arg_type(fc, i, err);
    fc->ret = type_basic(TYPE_FLOAT64);
    return 0;
}

typedef double (*F1)(double);
typedef double (*F2)(double, double);

static double ln_(double x) { return log(x); }
/* glibc's cbrt is off by an ulp on exact cubes (cbrt(27) = 3.0000000000000004);
 * one Newton step in long double gives the correctly rounded result. */
static double cbrt_exact(double x)
{
    long double y = cbrt(x);
    if (y != 0 && isfinite(y)) y = y - (y * y * y - x) / (3 * y * y);
    return (double)y;
}

static double exp10_(double x) { return pow(10, x); }
static double degrees_(double x) { return x * 180.0 / M_PI; }
static double radians_(double x) { return x * M_PI / 180.0; }

static const struct { const char *name; F1 f; } F1S[] = {
    {"sqrt", sqrt}, {"cbrt", cbrt_exact}, {"exp", exp}, {"exp2", exp2}, {"exp10", exp10_}, {"log", ln_}, {"ln", ln_},
    {"log2", log2}, {"log10", log10}, {"log1p", log1p}, {"sin", sin}, {"cos", cos}, {"tan", tan}, {"asin", asin},
    {"acos", acos}, {"atan", atan}, {"sinh", sinh}, {"cosh", cosh}, {"tanh", tanh}, {"asinh", asinh}, {"acosh", acosh},
    {"atanh", atanh}, {"erf", erf}, {"erfc", erfc}, {"lgamma", lgamma}, {"tgamma", tgamma}, {"degrees", degrees_},
    {"radians", radians_},
};

static const struct { const char *name; F2 f; } F2S[] = {{"pow", pow}, {"power", pow}, {"atan2", atan2}, {"hypot", hypot}};

static int f64_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    Column *r = fn_fixed(type_basic(TYPE_FLOAT64), rows);
    double *o = COL_DATA(r, double);
    if (fc->nargs == 1) {
        F1 f = NULL;
        for (size_t k = 0; k < sizeof F1S / sizeof F1S[0]; k++)
            if (!strcasecmp(F1S[k].name, n)) f = F1S[k].f;
        for (size_t i = 0; i < rows; i++) o[i] = f(col_get_f64(args[0], i));
    } else {
        F2 f = NULL;
        for (size_t k = 0; k < sizeof F2S / sizeof F2S[0]; k++)
            if (!strcasecmp(F2S[k].name, n)) f = F2S[k].f;
        for (size_t i = 0; i < rows; i++) o[i] = f(col_get_f64(args[0], i), col_get_f64(args[1], i));
    }
    *out = r;
    return 0;
}

static int const_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_FLOAT64);
    return 0;
}

static int const_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = col_new(type_basic(TYPE_FLOAT64));
    COL_PUSH(c, double, !strcasecmp(fc->def->name, "pi") ? M_PI : M_E);
    c->is_const = true;
    c->rows = rows;
    *out = c;
    return 0;
}

/* ---- sign, gcd, lcm, intExp ---- */

/* ifNotFinite(x, alt): x unless it is inf or nan. */
static int ifnf_resolve(FuncCall *fc, Err *err)
{
    for (int k = 0; k < 2; k++)
        if (!numeric(fc->types[k])) return fn_err_arg_type(fc, k, err);
    return type_supertype(fc->types, 2, &fc->ret, err);
}

static int ifnf_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *a = NULL, *b = NULL;
    int rc = fn_cast(fc, args[0], fc->ret, &a, err);
    if (!rc) rc = fn_cast(fc, args[1], fc->ret, &b, err);
    if (!rc) {
        Column *r = col_new(fc->ret);
        for (size_t i = 0; i < rows; i++) {
            double x = col_get_f64(args[0], i);
            col_push_from(r, isfinite(x) ? a : b, i);
        }
        *out = r;
    }
    col_unref(a);
    col_unref(b);
    return rc;
}

static int sign_resolve(FuncCall *fc, Err *err)
{
    if (!numeric(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_INT8);
    return 0;
}

static int sign_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(type_basic(TYPE_INT8), rows);
    bool fl = type_is_float(args[0]->type);
    for (size_t i = 0; i < rows; i++) {
        if (fl) {
            double v = col_get_f64(args[0], i);
            /* NaN gives 1, as ClickHouse's sign() */
            COL_DATA(r, int8_t)[i] = (int8_t)(isnan(v) ? 1 : v > 0 ? 1 : v < 0 ? -1 : 0);
        } else {
            i128 v = col_get_i128(args[0], i);
            if (args[0]->type->kind == TYPE_UINT64 || args[0]->type->kind == TYPE_UINT128) v = v != 0;
            COL_DATA(r, int8_t)[i] = (int8_t)(v > 0 ? 1 : v < 0 ? -1 : 0);
        }
    }
    *out = r;
    return 0;
}

static int gcd_resolve(FuncCall *fc, Err *err)
{
    for (int i = 0; i < 2; i++)
        if (!type_is_int(fc->types[i])) return fn_err_arg_type(fc, i, err);
    const DataType *a = fc->types[0], *b = fc->types[1];
    int size = a->size > b->size ? a->size : b->size;
    size = size >= 8 ? 8 : size * 2;
    bool sgn = type_is_sint(a) || type_is_sint(b);
    static const TypeKind U[] = {TYPE_UINT8, TYPE_UINT16, TYPE_UINT32, TYPE_UINT64}, S[] = {TYPE_INT8, TYPE_INT16, TYPE_INT32, TYPE_INT64};
    int k = size <= 1 ? 0 : size <= 2 ? 1 : size <= 4 ? 2 : 3;
    fc->ret = type_basic(sgn ? S[k] : U[k]);
    return 0;
}

static i128 gcd_i(i128 a, i128 b)
{
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b) {
        i128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static int gcd_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool lcm = !strcmp(fc->def->name, "lcm");
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        i128 a = col_get_i128(args[0], i), b = col_get_i128(args[1], i);
        if (a == 0 || b == 0) {
            col_unref(r);
            return err_set(err, ERR_ILLEGAL_DIVISION, "Division by zero");
        }
        i128 g = gcd_i(a, b);
        i128 v = lcm ? (g ? (a < 0 ? -a : a) / g * (b < 0 ? -b : b) : 0) : g;
        memcpy(r->data.data + i * (size_t)fc->ret->size, &v, (size_t)fc->ret->size);
    }
    *out = r;
    return 0;
}

static int intexp_resolve(FuncCall *fc, Err *err)
{
    if (!numeric(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_UINT64);
    return 0;
}

static int intexp_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool ten = !strcmp(fc->def->name, "intExp10");
    Column *r = fn_fixed(type_basic(TYPE_UINT64), rows);
    for (size_t i = 0; i < rows; i++) {
        int64_t x = col_get_i64(args[0], i);
        uint64_t v = 0;
        if (x >= 0 && x < (ten ? 20 : 64)) {
            v = 1;
            for (int64_t k = 0; k < x; k++) v *= ten ? 10 : 2;
        } else if (x >= (ten ? 20 : 64)) {
            v = UINT64_MAX;
        }
        COL_DATA(r, uint64_t)[i] = v;
    }
    *out = r;
    return 0;
}

#define RND(name, alias) {name, 1, 2, FN_DEFAULT | FF_CI, round_resolve, round_exec, alias}
#define M1(name) {name, 1, 1, FN_DEFAULT | FF_CI, f64_resolve, f64_exec, NULL}
#define M2(name) {name, 2, 2, FN_DEFAULT | FF_CI, f64_resolve, f64_exec, NULL}

const FuncDef FUNCS_math[] = {
    RND("round", NULL), {"roundBankers", 1, 2, FN_DEFAULT, round_resolve, round_exec, NULL}, RND("floor", NULL),
    RND("ceil", NULL), RND("ceiling", "ceil"), RND("trunc", NULL), RND("truncate", "trunc"),
    M1("sqrt"), M1("cbrt"), M1("exp"), M1("exp2"), M1("exp10"), M1("log"), M1("ln"), M1("log2"), M1("log10"),
    M1("log1p"), M1("sin"), M1("cos"), M1("tan"), M1("asin"), M1("acos"), M1("atan"), M1("sinh"), M1("cosh"),
    M1("tanh"), M1("asinh"), M1("acosh"), M1("atanh"), M1("erf"), M1("erfc"), M1("lgamma"), M1("tgamma"),
    M1("degrees"), M1("radians"), M2("pow"), M2("power"), M2("atan2"), M2("hypot"),
    {"pi", 0, 0, FF_CI, const_resolve, const_exec, NULL},
    {"e", 0, 0, 0, const_resolve, const_exec, NULL},
    {"ifNotFinite", 2, 2, FN_DEFAULT, ifnf_resolve, ifnf_exec, NULL},
    {"sign", 1, 1, FN_DEFAULT | FF_CI, sign_resolve, sign_exec, NULL},
    {"gcd", 2, 2, FN_DEFAULT, gcd_resolve, gcd_exec, NULL},
    {"lcm", 2, 2, FN_DEFAULT, gcd_resolve, gcd_exec, NULL},
    {"intExp2", 1, 1, FN_DEFAULT, intexp_resolve, intexp_exec, NULL},
    {"intExp10", 1, 1, FN_DEFAULT, intexp_resolve, intexp_exec, NULL},
    {0},
};
