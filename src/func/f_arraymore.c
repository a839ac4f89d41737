/* f_arraymore.c — more array functions: hasSubstr, arrayIntersect,
 * arrayEnumerateUniq, arrayEnumerateDense, arrayDifference,
 * arrayCumSumNonNegative, arrayRotateLeft/Right, arrayShiftLeft/Right and
 * arrayReduce (runs an aggregate function over each row's elements).
 * The core array family is f_array.c. */
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "agg.h"
#include "func.h"

static bool is_array(const DataType *t) { return type_strip_lc(t)->kind == TYPE_ARRAY; }
static uint64_t beg(const Column *c, size_t i) { return col_off_begin(c, i); }
static uint64_t end_(const Column *c, size_t i) { return COL_OFFS(c)[i]; }

static int arrays_resolve(FuncCall *fc, int first, int n, Err *err)
{
    for (int i = first; i < first + n && i < fc->nargs; i++)
        if (!is_array(fc->types[i])) return fn_err_arg_type(fc, i, err);
    return 0;
}

/* ---- hasSubstr ---- */

static int hassub_resolve(FuncCall *fc, Err *err)
{
    if (arrays_resolve(fc, 0, 2, err)) return -1;
    const DataType *pair[2] = {fc->types[0]->sub[0], fc->types[1]->sub[0]}, *sup;
    if (type_supertype(pair, 2, &sup, err)) return -1;
    fc->state = (void *)type_array(sup);
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int hassub_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const DataType *t = fc->state;
    Column *a, *b;
    if (fn_cast(fc, args[0], t, &a, err)) return -1;
    if (fn_cast(fc, args[1], t, &b, err)) return col_unref(a), -1;
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        uint64_t ab = beg(a, i), ae = end_(a, i), bb = beg(b, i), be = end_(b, i);
        bool found = be == bb;
        for (uint64_t s = ab; !found && s + (be - bb) <= ae; s++) {
            bool ok = true;
            for (uint64_t k = 0; ok && k < be - bb; k++) ok = col_equal_rows(a->sub[0], s + k, b->sub[0], bb + k);
            found = ok;
        }
        COL_DATA(r, uint8_t)[i] = found;
    }
    col_unref(a);
    col_unref(b);
    *out = r;
    return 0;
}

/* ---- arrayIntersect: elements of the first array present in all others ---- */

static int intersect_resolve(FuncCall *fc, Err *err)
{
    if (arrays_resolve(fc, 0, fc->nargs, err)) return -1;
    const DataType **els = arena_alloc(&fc->q->arena, sizeof *els * (size_t)fc->nargs), *sup;
    for (int i = 0; i < fc->nargs; i++) els[i] = fc->types[i]->sub[0];
    if (type_supertype(els, fc->nargs, &sup, err)) return -1;
    fc->state = (void *)type_array(sup);   /* compared in the common type ... */
    fc->ret = fc->types[0];                /* ... returned as the first array's elements */
    return 0;
}

static bool in_range(const Column *el, uint64_t from, uint64_t to, const Column *x, uint64_t k)
{
    for (uint64_t j = from; j < to; j++)
        if (col_equal_rows(el, j, x, k)) return true;
    return false;
}

static int intersect_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column **cs = mem_calloc(sizeof *cs * (size_t)fc->nargs);
    int rc = 0;
    for (int i = 0; i < fc->nargs && !rc; i++) rc = fn_cast(fc, args[i], (const DataType *)fc->state, &cs[i], err);
    Column *r = rc ? NULL : col_new(fc->ret);
    for (size_t i = 0; r && i < rows; i++) {
        Column *a = cs[0];
        size_t start = r->sub[0]->rows;
        uint64_t first_out = beg(a, i);
        for (uint64_t k = beg(a, i); k < end_(a, i); k++) {
            bool all = true;
            for (int x = 1; x < fc->nargs && all; x++) all = in_range(cs[x]->sub[0], beg(cs[x], i), end_(cs[x], i), a->sub[0], k);
            bool seen = false;
            for (uint64_t j = first_out; j < k && !seen; j++) seen = col_equal_rows(a->sub[0], j, a->sub[0], k);
            if (all && !seen) col_push_from(r->sub[0], args[0]->sub[0], k);
        }
        (void)start;
        col_close_array(r);
    }
    for (int i = 0; i < fc->nargs; i++) col_unref(cs[i]);
    mem_free(cs, sizeof *cs * (size_t)fc->nargs);
    if (!rc) *out = r;
    return rc;
}

/* ---- arrayEnumerateUniq / arrayEnumerateDense ---- */

static int enum_resolve(FuncCall *fc, Err *err)
{
    if (arrays_resolve(fc, 0, fc->nargs, err)) return -1;
    fc->ret = type_array(type_basic(TYPE_UINT32));
    return 0;
}

/* Positions p and q (0-based) of row i hold equal tuples across all arrays. */
static bool same_tuple(Column **args, int n, size_t i, uint64_t p, uint64_t q)
{
    for (int x = 0; x < n; x++) {
        uint64_t b = beg(args[x], i);
        if (!col_equal_rows(args[x]->sub[0], b + p, args[x]->sub[0], b + q)) return false;
    }
    return true;
}

static int enum_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool dense = !strcmp(fc->def->name, "arrayEnumerateDense");
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        uint64_t len = end_(args[0], i) - beg(args[0], i);
        for (int x = 1; x < fc->nargs; x++)
            if (end_(args[x], i) - beg(args[x], i) != len) {
                col_unref(r);
                return err_set(err, ERR_SIZES_OF_ARRAYS_DONT_MATCH, "Lengths of all arrays passed to %s must be equal", fc->def->name);
            }
        size_t base = r->sub[0]->rows;
        uint32_t next_id = 0;
        for (uint64_t p = 0; p < len; p++) {
            uint32_t v = 0;
            for (uint64_t q = 0; q < p; q++) {
                if (!same_tuple(args, fc->nargs, i, p, q)) continue;
                if (dense) {
                    v = COL_DATA(r->sub[0], uint32_t)[base + q];
                    break;
                }
                v++;
            }
            COL_PUSH(r->sub[0], uint32_t, dense ? (v ? v : ++next_id) : v + 1);
        }
        col_close_array(r);
    }
    *out = r;
    return 0;
}

/* ---- arrayDifference / arrayCumSumNonNegative ---- */

static int diff_resolve(FuncCall *fc, Err *err)
{
    if (arrays_resolve(fc, 0, 1, err)) return -1;
    const DataType *e = fc->types[0]->sub[0];
    bool cum = !strcmp(fc->def->name, "arrayCumSumNonNegative");
    TypeKind k;
    if (type_is_float(e)) k = TYPE_FLOAT64;
    else if (!type_is_int(e)) return fn_err_arg_type(fc, 0, err);
    else if (cum) k = type_is_uint(e) ? TYPE_UINT64 : TYPE_INT64;
    else k = e->size == 1 ? TYPE_INT16 : e->size == 2 ? TYPE_INT32 : TYPE_INT64;
    fc->ret = type_array(type_basic(k));
    return 0;
}

static int diff_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool cum = !strcmp(fc->def->name, "arrayCumSumNonNegative");
    const DataType *rt = fc->ret->sub[0];
    Column *a = args[0], *el = a->sub[0];
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        double fprev = 0, facc = 0;
        int64_t iprev = 0, iacc = 0;
        for (uint64_t k = beg(a, i); k < end_(a, i); k++) {
            bool first = k == beg(a, i);
            if (rt->kind == TYPE_FLOAT64) {
                double x = col_get_f64(el, k), v;
                if (cum) v = facc = facc + x > 0 ? facc + x : 0;
                else v = first ? 0 : x - fprev;
                fprev = x;
                COL_PUSH(r->sub[0], double, v);
            } else {
                int64_t x = col_get_i64(el, k), v;
                if (cum) v = iacc = iacc + x > 0 ? iacc + x : 0;
                else v = first ? 0 : x - iprev;
                iprev = x;
                if (rt->kind == TYPE_INT16) COL_PUSH(r->sub[0], int16_t, (int16_t)v);
                else if (rt->kind == TYPE_INT32) COL_PUSH(r->sub[0], int32_t, (int32_t)v);
                else COL_PUSH(r->sub[0], int64_t, v);
            }
        }
        col_close_array(r);
    }
    *out = r;
    return 0;
}

/* ---- arrayRotateLeft/Right, arrayShiftLeft/Right ---- */

static int move_resolve(FuncCall *fc, Err *err)
{
    if (arrays_resolve(fc, 0, 1, err)) return -1;
    if (!type_is_int(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    fc->ret = fc->types[0];
    if (fc->nargs == 3) {
        const DataType *pair[2] = {fc->types[0]->sub[0], fc->types[2]};
        const DataType *sup;
        if (type_supertype(pair, 2, &sup, err)) return -1;
        if (sup != fc->types[0]->sub[0]) return fn_err_arg_type(fc, 2, err);
    }
    return 0;
}

static int move_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    bool rotate = strstr(n, "Rotate") != NULL, left = strstr(n, "Left") != NULL;
    Column *a = args[0], *el = a->sub[0], *r = col_new(fc->ret);
    Column *fill = NULL;
    if (fc->nargs == 3 && fn_cast(fc, args[2], el->type, &fill, err)) return col_unref(r), -1;
    for (size_t i = 0; i < rows; i++) {
        uint64_t b = beg(a, i), len = end_(a, i) - b;
        int64_t s = col_get_i64(args[1], i);
        if (!left) s = -s;   /* right = negative left */
        for (uint64_t k = 0; k < len; k++) {
            int64_t src = (int64_t)k + s;
            if (rotate) {
                src %= (int64_t)len;
                if (src < 0) src += (int64_t)len;
                col_push_from(r->sub[0], el, b + (uint64_t)src);
            } else if (src >= 0 && src < (int64_t)len) {
                col_push_from(r->sub[0], el, b + (uint64_t)src);
            } else if (fill) {
                col_push_from(r->sub[0], fill, i);
            } else {
                col_push_default(r->sub[0]);
            }
        }
        col_close_array(r);
    }
    col_unref(fill);
    *out = r;
    return 0;
}

/* ---- arrayReduce('agg', arrays...) ---- */

static int reduce_resolve(FuncCall *fc, Err *err)
{
    const char *name;
    size_t nl;
    if (!fn_const_str(fc, 0, &name, &nl)) return fn_err_const(fc, 0, err);
    if (fc->nargs < 2) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function arrayReduce needs at least 2 arguments");
    if (arrays_resolve(fc, 1, fc->nargs - 1, err)) return -1;
    char *nm = arena_strndup(&fc->q->arena, name, nl);
    /* parameters: 'quantile(0.5)' */
    Column *params[8];
    int np = 0;
    char *paren = strchr(nm, '(');
    if (paren) {
        *paren = 0;
        for (char *p = paren + 1; *p && *p != ')' && np < 8;) {
            char *e;
            double v = strtod(p, &e);
            if (e == p) return err_set(err, ERR_BAD_ARGUMENTS, "Cannot parse parameters of aggregate function %s", name);
            Column *c = col_new(type_basic(TYPE_FLOAT64));
            COL_PUSH(c, double, v);
            qctx_defer(fc->q, (void (*)(void *))col_unref, c);
            params[np++] = c;
            p = e;
            while (*p == ',' || *p == ' ') p++;
        }
    }
    int n = fc->nargs - 1;
    const DataType **els = arena_alloc(&fc->q->arena, sizeof *els * (size_t)n);
    for (int i = 0; i < n; i++) els[i] = fc->types[i + 1]->sub[0];
    AggCall *ac = arena_alloc(&fc->q->arena, sizeof *ac);
    if (agg_resolve(ac, fc->q, nm, els, n, params, np, err)) return -1;
    fc->state = ac;
    fc->ret = ac->ret;
    return 0;
}

static int reduce_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    AggCall *ac = fc->state;
    int n = fc->nargs - 1;
    Column *els[16];
    if (n > 16) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Too many arguments for arrayReduce");
    for (int k = 0; k < n; k++) els[k] = args[k + 1]->sub[0];
    Column *r = col_new(fc->ret);
    size_t sz = ac->state_size ? ac->state_size : 1;
    void *st = mem_alloc(sz + 16);
    int rc = 0;
    for (size_t i = 0; i < rows && !rc; i++) {
        for (int k = 1; k < n; k++)
            if (end_(args[k + 1], i) - beg(args[k + 1], i) != end_(args[1], i) - beg(args[1], i)) {
                rc = err_set(err, ERR_SIZES_OF_ARRAYS_DONT_MATCH, "All arrays passed to arrayReduce must have equal size");
                break;
            }
        if (rc) break;
        memset(st, 0, sz);
        agg_init(ac, st);
        for (uint64_t j = beg(args[1], i); j < end_(args[1], i); j++) agg_add(ac, st, els, j);
        rc = agg_finalize(ac, st, r, err);
        agg_destroy(ac, st);
    }
    mem_free(st, sz + 16);
    if (rc) return col_unref(r), rc;
    *out = r;
    return 0;
}

const FuncDef FUNCS_arraymore[] = {
    {"hasSubstr", 2, 2, FN_DEFAULT, hassub_resolve, hassub_exec, NULL},
    {"arrayIntersect", 1, -1, FN_DEFAULT, intersect_resolve, intersect_exec, NULL},
    {"arrayEnumerateUniq", 1, -1, FN_DEFAULT, enum_resolve, enum_exec, NULL},
    {"arrayEnumerateDense", 1, -1, FN_DEFAULT, enum_resolve, enum_exec, NULL},
    {"arrayDifference", 1, 1, FN_DEFAULT, diff_resolve, diff_exec, NULL},
    {"arrayCumSumNonNegative", 1, 1, FN_DEFAULT, diff_resolve, diff_exec, NULL},
    {"arrayRotateLeft", 2, 2, FN_DEFAULT, move_resolve, move_exec, NULL},
    {"arrayRotateRight", 2, 2, FN_DEFAULT, move_resolve, move_exec, NULL},
    {"arrayShiftLeft", 2, 3, FN_DEFAULT, move_resolve, move_exec, NULL},
    {"arrayShiftRight", 2, 3, FN_DEFAULT, move_resolve, move_exec, NULL},
    {"arrayReduce", 2, -1, FN_DEFAULT, reduce_resolve, reduce_exec, NULL},
    {0},
};
