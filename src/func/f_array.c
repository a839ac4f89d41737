/* f_array.c — array functions: array, arrayElement (also m[key] on maps),
 * has, hasAll, hasAny, indexOf, countEqual, range, arrayConcat, arraySlice,
 * arrayPush/Pop*, arrayReverse, arrayFlatten, arrayCompact, arrayZip,
 * arrayDistinct, arrayUniq, arrayEnumerate, arrayStringConcat, arrayResize,
 * arrayWithConstant, emptyArray*, arraySort/arrayReverseSort, and the
 * higher-order family (arrayMap, arrayFilter, arrayExists, arrayAll,
 * arrayCount, arrayFirst, arrayLast, arrayFirstIndex, arrayLastIndex,
 * arraySum/Min/Max/Avg/Product, arrayCumSum) which evaluate their lambda over
 * all elements of a chunk at once.
 * Reductions reuse the aggregate functions so types and NULL handling match.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/limits.h"
#include "../base/mem.h"
#include "agg.h"
#include "func.h"

static const DataType *el_type(const DataType *t) { return type_strip(t)->sub[0]; }
static bool is_array(const DataType *t) { return type_strip_lc(t)->kind == TYPE_ARRAY; }

static uint64_t beg(const Column *c, size_t i) { return col_off_begin(c, i); }
static uint64_t end_(const Column *c, size_t i) { return COL_OFFS(c)[i]; }

static Column *new_array_like(const DataType *t, Column *elements, const uint64_t *offs, size_t rows)
{
    Column *r = col_new(t);
    col_unref(r->sub[0]);
    r->sub[0] = elements;
    buf_put(&r->offs, offs, rows * 8);
    r->rows = rows;
    return r;
}

/* ---- array(...) ---- */

static int array_resolve(FuncCall *fc, Err *err)
{
    const DataType *el;
    int rc = type_supertype(fc->types, fc->nargs, &el, err);
    if (rc) return rc;
    fc->ret = type_array(el);
    return 0;
}

static int array_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const DataType *el = fc->ret->sub[0];
    Column **cast = mem_calloc(sizeof *cast * (size_t)(fc->nargs ? fc->nargs : 1));
    int rc = 0;
    for (int k = 0; k < fc->nargs && !rc; k++) rc = fn_cast(fc, args[k], el, &cast[k], err);
    if (!rc) {
        Column *r = col_new(fc->ret);
        for (size_t i = 0; i < rows; i++) {
            for (int k = 0; k < fc->nargs; k++) col_push_from(r->sub[0], cast[k], i);
            col_close_array(r);
        }
        *out = r;
    }
    for (int k = 0; k < fc->nargs; k++) col_unref(cast[k]);
    mem_free(cast, sizeof *cast * (size_t)(fc->nargs ? fc->nargs : 1));
    return rc;
}

/* ---- arrayElement ---- */

static int elem_resolve(FuncCall *fc, Err *err)
{
    const DataType *a = fc->types[0];
    if (a->kind == TYPE_MAP) {
        fc->ret = a->sub[1];
        return 0;
    }
    if (a->kind != TYPE_ARRAY) return fn_err_arg_type(fc, 0, err);
    if (!type_is_int(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    fc->ret = a->sub[0];
    return 0;
}

static int elem_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *a = args[0];
    Column *r = col_new(fc->ret);
    if (a->type->kind == TYPE_MAP) {
        const DataType *pair[2] = {a->type->sub[0], type_strip(args[1]->type)}, *sup;
        int rc = type_supertype(pair, 2, &sup, err);
        if (rc) {
            col_unref(r);
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal key type %s for map of %s", args[1]->type->name, a->type->name);
        }
        Column *keys, *key;
        if ((rc = fn_cast(fc, a->sub[0], sup, &keys, err))) {
            col_unref(r);
            return rc;
        }
        if ((rc = fn_cast(fc, args[1], sup, &key, err))) {
            col_unref(keys);
            col_unref(r);
            return rc;
        }
        for (size_t i = 0; i < rows; i++) {
            bool found = false;
            for (uint64_t j = beg(a, i); j < end_(a, i); j++)   /* the first equal key wins */
                if (col_equal_rows(keys, (size_t)j, key, i)) {
                    col_push_from(r, a->sub[1], (size_t)j);
                    found = true;
                    break;
                }
            if (!found) col_push_default(r);
        }
        col_unref(keys);
        col_unref(key);
        *out = r;
        return 0;
    }
    for (size_t i = 0; i < rows; i++) {
        int64_t n = (int64_t)(end_(a, i) - beg(a, i));
        int64_t k = col_get_i64(args[1], i);
        int64_t pos = k > 0 ? k - 1 : k < 0 ? n + k : -1;
        if (type_is_uint(args[1]->type) && (uint64_t)k > (uint64_t)INT64_MAX) pos = -1;
        if (pos >= 0 && pos < n) col_push_from(r, a->sub[0], (size_t)(beg(a, i) + (uint64_t)pos));
        else col_push_default(r);
    }
    *out = r;
    return 0;
}

/* ---- has / indexOf / countEqual / hasAll / hasAny ---- */

typedef struct CmpCast { const DataType *sup; } CmpCast;

static int has_resolve(FuncCall *fc, Err *err)
{
    if (!is_array(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    const char *n = fc->def->name;
    bool arr2 = !strcmp(n, "hasAll") || !strcmp(n, "hasAny");
    const DataType *other = arr2 ? (is_array(fc->types[1]) ? el_type(fc->types[1]) : NULL) : fc->types[1];
    if (!other) return fn_err_arg_type(fc, 1, err);
    const DataType *pair[2] = {el_type(fc->types[0]), other};
    CmpCast *st = arena_alloc(&fc->q->arena, sizeof *st);
    int rc = type_supertype(pair, 2, &st->sup, err);
    if (rc) return rc;
    if (type_can_be_nullable(type_strip_lc(st->sup)) && type_strip_lc(st->sup)->kind != TYPE_NULLABLE)
        st->sup = type_nullable(type_strip_lc(st->sup));
    fc->state = st;
    fc->ret = type_basic(!strcmp(n, "indexOf") || !strcmp(n, "countEqual") ? TYPE_UINT64 : TYPE_UINT8);
    return 0;
}

static int has_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    CmpCast *st = fc->state;
    const char *n = fc->def->name;
    Column *a = args[0];
    Column *el, *v;
    int rc = fn_cast(fc, a->sub[0], st->sup, &el, err);
    if (rc) return rc;
    bool arr2 = !strcmp(n, "hasAll") || !strcmp(n, "hasAny");
    Column *src = arr2 ? args[1]->sub[0] : args[1];
    if ((rc = fn_cast(fc, src, st->sup, &v, err))) {
        col_unref(el);
        return rc;
    }
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        if (arr2) {
            bool all = true, any = false;
            for (uint64_t j = beg(args[1], i); j < end_(args[1], i); j++) {
                bool found = false;
                for (uint64_t k = beg(a, i); k < end_(a, i) && !found; k++) found = col_equal_rows(el, (size_t)k, v, (size_t)j);
                all &= found;
                any |= found;
            }
            COL_DATA(r, uint8_t)[i] = !strcmp(n, "hasAll") ? all : any;
            continue;
        }
        uint64_t cnt = 0, first = 0;
        for (uint64_t k = beg(a, i); k < end_(a, i); k++)
            if (col_equal_rows(el, (size_t)k, v, i)) {
                cnt++;
                if (!first) first = k - beg(a, i) + 1;
            }
        if (!strcmp(n, "has")) COL_DATA(r, uint8_t)[i] = cnt > 0;
        else if (!strcmp(n, "indexOf")) COL_DATA(r, uint64_t)[i] = first;
        else COL_DATA(r, uint64_t)[i] = cnt;
    }
    col_unref(el);
    col_unref(v);
    *out = r;
    return 0;
}

/* ---- range ---- */

static int range_resolve(FuncCall *fc, Err *err)
{
    for (int i = 0; i < fc->nargs; i++)
        if (!type_is_int(fc->types[i])) return fn_err_arg_type(fc, i, err);
    const DataType *t;
    int rc = type_supertype(fc->types, fc->nargs, &t, err);
    if (rc) return rc;
    fc->ret = type_array(t);
    return 0;
}

static int range_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const DataType *t = fc->ret->sub[0];
    Column *r = col_new(fc->ret);
    Column *tmp = col_new(type_basic(TYPE_INT64));
    uint64_t total = 0;
    for (size_t i = 0; i < rows; i++) {
        int64_t a = 0, b, step = 1;
        if (fc->nargs == 1) b = col_get_i64(args[0], i);
        else {
            a = col_get_i64(args[0], i);
            b = col_get_i64(args[1], i);
            if (fc->nargs == 3) step = col_get_i64(args[2], i);
        }
        if (step == 0) {
            col_unref(r);
            col_unref(tmp);
            return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "A call to function range would produce an array with step 0 or negative");
        }
        for (int64_t v = a; step > 0 ? v < b : v > b; v += step) {
            if (++total > LIMIT_ARRAY_ELEMENTS) {
                col_unref(r);
                col_unref(tmp);
                return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "A call to function range would produce too many elements");
            }
            COL_PUSH(tmp, int64_t, v);
        }
        uint64_t o = tmp->rows;
        buf_put(&r->offs, &o, 8);
        r->rows++;
    }
    Column *cv;
    int rc = fn_cast(fc, tmp, t, &cv, err);
    col_unref(tmp);
    if (rc) {
        col_unref(r);
        return rc;
    }
    col_unref(r->sub[0]);
    r->sub[0] = cv;
    *out = r;
    return 0;
}

/* ---- structural functions ---- */

static int same_array_resolve(FuncCall *fc, Err *err)
{
    if (!is_array(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_strip_lc(fc->types[0]);
    return 0;
}

static int concat_resolve(FuncCall *fc, Err *err)
{
    for (int i = 0; i < fc->nargs; i++)
        if (!is_array(fc->types[i])) return fn_err_arg_type(fc, i, err);
    return type_supertype(fc->types, fc->nargs, &fc->ret, err);
}

static int concat_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column **c = mem_calloc(sizeof *c * (size_t)fc->nargs);
    int rc = 0;
    for (int k = 0; k < fc->nargs && !rc; k++) rc = fn_cast(fc, args[k], fc->ret, &c[k], err);
    if (!rc) {
        Column *r = col_new(fc->ret);
        for (size_t i = 0; i < rows; i++) {
            for (int k = 0; k < fc->nargs; k++)
                col_push_range(r->sub[0], c[k]->sub[0], (size_t)beg(c[k], i), (size_t)(end_(c[k], i) - beg(c[k], i)));
            col_close_array(r);
        }
        *out = r;
    }
    for (int k = 0; k < fc->nargs; k++) col_unref(c[k]);
    mem_free(c, sizeof *c * (size_t)fc->nargs);
    return rc;
}

static int slice_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *a = args[0];
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        int64_t n = (int64_t)(end_(a, i) - beg(a, i));
        int64_t off = col_get_i64(args[1], i);
        int64_t s = off > 0 ? off - 1 : off < 0 ? n + off : n;
        if (off == 0) s = n;
        int64_t e = n;
        if (fc->nargs > 2 && !col_is_null(args[2], i)) {
            int64_t len = col_get_i64(args[2], i);
            e = len >= 0 ? s + len : n + len;
        }
        if (s < 0) s = 0;
        if (e > n) e = n;
        if (e < s) e = s;
        col_push_range(r->sub[0], a->sub[0], (size_t)(beg(a, i) + (uint64_t)s), (size_t)(e - s));
        col_close_array(r);
    }
    *out = r;
    return 0;
}

static int push_resolve(FuncCall *fc, Err *err)
{
    if (!is_array(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    const DataType *pair[2] = {el_type(fc->types[0]), fc->types[1]}, *el;
    int rc = type_supertype(pair, 2, &el, err);
    if (rc) return rc;
    fc->ret = type_array(el);
    return 0;
}

static int push_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool back = !strcmp(fc->def->name, "arrayPushBack");
    Column *a, *v;
    int rc = fn_cast(fc, args[0], fc->ret, &a, err);
    if (rc) return rc;
    if ((rc = fn_cast(fc, args[1], fc->ret->sub[0], &v, err))) {
        col_unref(a);
        return rc;
    }
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        if (!back) col_push_from(r->sub[0], v, i);
        col_push_range(r->sub[0], a->sub[0], (size_t)beg(a, i), (size_t)(end_(a, i) - beg(a, i)));
        if (back) col_push_from(r->sub[0], v, i);
        col_close_array(r);
    }
    col_unref(a);
    col_unref(v);
    *out = r;
    return 0;
}

static int pop_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool back = !strcmp(fc->def->name, "arrayPopBack");
    Column *a = args[0];
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        uint64_t b = beg(a, i), e = end_(a, i);
        if (e > b) {
            if (back) e--;
            else b++;
        }
        col_push_range(r->sub[0], a->sub[0], (size_t)b, (size_t)(e - b));
        col_close_array(r);
    }
    *out = r;
    return 0;
}

static int flatten_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = type_strip_lc(fc->types[0]);
    if (t->kind != TYPE_ARRAY) return fn_err_arg_type(fc, 0, err);
    while (t->sub[0]->kind == TYPE_ARRAY) t = t->sub[0];
    fc->ret = t;
    return 0;
}

static void flatten_into(Column *dst, Column *a, uint64_t b, uint64_t e)
{
    if (a->sub[0]->type->kind != TYPE_ARRAY) {
        col_push_range(dst, a->sub[0], (size_t)b, (size_t)(e - b));
        return;
    }
    for (uint64_t k = b; k < e; k++) flatten_into(dst, a->sub[0], beg(a->sub[0], (size_t)k), end_(a->sub[0], (size_t)k));
}

static int flatten_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        flatten_into(r->sub[0], args[0], beg(args[0], i), end_(args[0], i));
        col_close_array(r);
    }
    *out = r;
    return 0;
}

static int compact_distinct_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    bool compact = !strcmp(n, "arrayCompact");
    Column *a = args[0];
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        uint64_t b = beg(a, i), e = end_(a, i);
        for (uint64_t k = b; k < e; k++) {
            bool skip = false;
            if (compact) skip = k > b && col_equal_rows(a->sub[0], (size_t)k, a->sub[0], (size_t)k - 1);
            else
                for (uint64_t j = b; j < k && !skip; j++) skip = col_equal_rows(a->sub[0], (size_t)k, a->sub[0], (size_t)j);
            if (!compact && col_is_null(a->sub[0], (size_t)k)) skip = true;
            if (!skip) col_push_from(r->sub[0], a->sub[0], (size_t)k);
        }
        col_close_array(r);
    }
    *out = r;
    return 0;
}

static int u32_resolve(FuncCall *fc, Err *err)
{
    for (int i = 0; i < fc->nargs; i++)
        if (!is_array(fc->types[i])) return fn_err_arg_type(fc, i, err);
    fc->ret = !strcmp(fc->def->name, "arrayEnumerate") ? type_array(type_basic(TYPE_UINT32)) : type_basic(TYPE_UINT32);
    return 0;
}

static int uniq_enum_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool enumerate = !strcmp(fc->def->name, "arrayEnumerate");
    Column *a = args[0];
    Column *r = enumerate ? col_new(fc->ret) : fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        uint64_t b = beg(a, i), e = end_(a, i);
        if (enumerate) {
            for (uint64_t k = b; k < e; k++) COL_PUSH(r->sub[0], uint32_t, (uint32_t)(k - b + 1));
            col_close_array(r);
            continue;
        }
        uint32_t cnt = 0;
        for (uint64_t k = b; k < e; k++) {
            bool dup = false;
            for (uint64_t j = b; j < k && !dup; j++) {
                dup = true;
                for (int x = 0; x < fc->nargs && dup; x++)
                    dup = col_equal_rows(args[x]->sub[0], (size_t)k, args[x]->sub[0], (size_t)j);
            }
            cnt += !dup;
        }
        COL_DATA(r, uint32_t)[i] = cnt;
    }
    *out = r;
    return 0;
}

static int zip_resolve(FuncCall *fc, Err *err)
{
    const DataType **ts = arena_alloc(&fc->q->arena, sizeof *ts * (size_t)fc->nargs);
    for (int i = 0; i < fc->nargs; i++) {
        if (!is_array(fc->types[i])) return fn_err_arg_type(fc, i, err);
        ts[i] = el_type(fc->types[i]);
    }
    fc->ret = type_array(type_tuple(fc->nargs, ts, NULL));
    return 0;
}

static int zip_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    Column *tup = r->sub[0];
    for (size_t i = 0; i < rows; i++) {
        uint64_t n = end_(args[0], i) - beg(args[0], i);
        for (int k = 1; k < fc->nargs; k++)
            if (end_(args[k], i) - beg(args[k], i) != n) {
                col_unref(r);
                return err_set(err, ERR_SIZES_OF_ARRAYS_DONT_MATCH, "The argument 1 and argument %d of function arrayZip have different array sizes", k + 1);
            }
        for (uint64_t j = 0; j < n; j++) {
            for (int k = 0; k < fc->nargs; k++) col_push_from(tup->sub[k], args[k]->sub[0], (size_t)(beg(args[k], i) + j));
            tup->rows++;
        }
        col_close_array(r);
    }
    *out = r;
    return 0;
}

static int strconcat_resolve(FuncCall *fc, Err *err)
{
    if (!is_array(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (fc->nargs > 1 && !type_is_stringy(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int strconcat_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    FormatSettings fs;
    fn_format_settings(fc->q, &fs);
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    Column *el = args[0]->sub[0];
    for (size_t i = 0; i < rows; i++) {
        size_t sl = 0;
        const char *sep = fc->nargs > 1 ? col_str(args[1], i, &sl) : "";
        b.len = 0;
        bool first = true;
        for (uint64_t k = beg(args[0], i); k < end_(args[0], i); k++) {
            if (col_is_null(el, (size_t)k)) continue;
            if (!first) buf_put(&b, sep, sl);
            first = false;
            text_write(&b, el, (size_t)k, TS_PLAIN, &fs);
        }
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    *out = r;
    return 0;
}

static int resize_resolve(FuncCall *fc, Err *err)
{
    if (!is_array(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    if (fc->nargs == 3) return push_resolve(fc, err);
    fc->ret = type_strip_lc(fc->types[0]);
    return 0;
}

static int resize_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *a, *fill = NULL;
    int rc = fn_cast(fc, args[0], fc->ret, &a, err);
    if (rc) return rc;
    if (fc->nargs == 3 && (rc = fn_cast(fc, args[2], fc->ret->sub[0], &fill, err))) {
        col_unref(a);
        return rc;
    }
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        int64_t n = (int64_t)(end_(a, i) - beg(a, i)), want = col_get_i64(args[1], i);
        if (want >= 0) {
            int64_t keep = want < n ? want : n;
            col_push_range(r->sub[0], a->sub[0], (size_t)beg(a, i), (size_t)keep);
            for (int64_t k = keep; k < want; k++) fill ? col_push_from(r->sub[0], fill, i) : col_push_default(r->sub[0]);
        } else {
            int64_t w = -want, keep = w < n ? w : n;
            for (int64_t k = keep; k < w; k++) fill ? col_push_from(r->sub[0], fill, i) : col_push_default(r->sub[0]);
            col_push_range(r->sub[0], a->sub[0], (size_t)(end_(a, i) - (uint64_t)keep), (size_t)keep);
        }
        col_close_array(r);
    }
    col_unref(a);
    col_unref(fill);
    *out = r;
    return 0;
}

static int withconst_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_int(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_array(fc->types[1]);
    return 0;
}

static int withconst_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        int64_t n = col_get_i64(args[0], i);
        if (n > (int64_t)LIMIT_ARRAY_ELEMENTS) {
            col_unref(r);
            return err_set(err, ERR_TOO_LARGE_ARRAY_SIZE, "Too large array size in arrayWithConstant");
        }
        for (int64_t k = 0; k < n; k++) col_push_from(r->sub[0], args[1], i);
        col_close_array(r);
    }
    *out = r;
    return 0;
}

static int empty_array_resolve(FuncCall *fc, Err *err)
{
    const DataType *t;
    int rc = type_parse(fc->def->name + 10, &t, err);
    if (rc) return rc;
    fc->ret = type_array(t);
    return 0;
}

static int empty_array_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    col_close_array(r);
    r->is_const = true;
    r->rows = rows;
    *out = r;
    return 0;
}

/* ---- higher-order functions ---- */

/* Evaluates the lambda over every element; args = arrays then captured columns. */
static int eval_lambda(FuncCall *fc, Column **args, size_t rows, Column **vals, Err *err)
{
    int na = fc->nargs - fc->ncaptured;
    Column *a0 = args[0];
    for (int k = 1; k < na; k++)
        for (size_t i = 0; i < rows; i++)
            if (end_(args[k], i) - beg(args[k], i) != end_(a0, i) - beg(a0, i))
                return err_set(err, ERR_SIZES_OF_ARRAYS_DONT_MATCH, "Arrays passed to %s must have equal size", fc->name);
    uint64_t total = rows ? end_(a0, rows - 1) : 0;
    for (int c = 0; c < fc->ncaptured; c++) {   /* captured columns are copied once per element: a size known ahead */
        Column *cap = args[na + c];
        double per_row = rows && !cap->is_const ? (double)col_bytes(cap) / (double)rows : 0;
        double need = per_row * (double)total;
        int rc = mem_check_extra(need > 9e18 ? (size_t)INT64_MAX : (size_t)need, err);
        if (rc) return rc;
    }
    int np = fc->lambda_nparams;
    Chunk *ch = chunk_new(np + fc->ncaptured, (size_t)total);
    for (int k = 0; k < np; k++) {
        Column *src = a0->type->kind == TYPE_MAP ? a0->sub[k] : args[k < na ? k : 0]->sub[0];
        ch->cols[k] = col_slice(src, (size_t)beg(args[k < na ? k : 0], 0), (size_t)total);
    }
    for (int c = 0; c < fc->ncaptured; c++) ch->cols[np + c] = col_replicate(args[na + c], COL_OFFS(a0));
    int rc = fc->lambda_eval(fc->lambda, ch, vals, err);
    chunk_free(ch);
    return rc;
}

static int hof_resolve(FuncCall *fc, Err *err)
{
    const char *n = fc->def->name;
    int na = fc->nargs - fc->ncaptured;
    for (int i = 0; i < na; i++)
        if (!is_array(fc->types[i]) && !(fc->types[i]->kind == TYPE_MAP && !strncmp(n, "map", 3)))
            return fn_err_arg_type(fc, i, err);
    if (fc->lambda && fc->lambda_nparams != na && fc->types[0]->kind != TYPE_MAP)
        return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Lambda of %s takes %d arguments, but %d arrays were passed", n,
                       fc->lambda_nparams, na);
    const DataType *el = na ? el_type(fc->types[0]) : type_basic(TYPE_NOTHING);
    if (!strcmp(n, "arrayMap")) {
        if (!fc->lambda) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function arrayMap needs a lambda");
        fc->ret = type_array(fc->lambda_ret);
    } else if (!strcmp(n, "arrayFilter") || !strcmp(n, "arraySort") || !strcmp(n, "arrayReverseSort")) {
        fc->ret = type_strip_lc(fc->types[0]);
    } else if (!strcmp(n, "arrayExists") || !strcmp(n, "arrayAll")) {
        fc->ret = type_basic(TYPE_UINT8);
    } else if (!strcmp(n, "arrayCount") || !strcmp(n, "arrayFirstIndex") || !strcmp(n, "arrayLastIndex")) {
        fc->ret = type_basic(TYPE_UINT32);
    } else if (!strcmp(n, "arrayFirst") || !strcmp(n, "arrayLast")) {
        fc->ret = el;
    } else {
        /* reductions: arraySum/Min/Max/Avg/Product, arrayCumSum */
        const DataType *vt = fc->lambda ? fc->lambda_ret : el;
        const DataType *base = type_strip(vt);
        if (base->kind == TYPE_NOTHING)
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "array aggregation function cannot be performed on type Nothing");
        if (!strcmp(n, "arrayProduct")) {
            fc->ret = type_basic(TYPE_FLOAT64);
        } else if (!strcmp(n, "arrayCumSum")) {
            fc->ret = type_array(type_is_float(base) ? type_basic(TYPE_FLOAT64) : type_is_sint(base) ? type_basic(TYPE_INT64)
                                 : type_is_decimal(base) ? type_decimal(38, base->p2) : type_basic(TYPE_UINT64));
        } else {
            AggCall *ac = arena_alloc(&fc->q->arena, sizeof *ac);
            const char *agg = !strcmp(n, "arraySum") ? "sum" : !strcmp(n, "arrayMin") ? "min" : !strcmp(n, "arrayMax") ? "max" : "avg";
            const DataType *types[1] = {vt};
            int rc = agg_resolve(ac, fc->q, agg, types, 1, NULL, 0, err);
            if (rc) return rc;
            fc->state = ac;
            fc->ret = ac->ret;
        }
    }
    return 0;
}

static bool truthy(Column *c, size_t i)
{
    if (col_is_null(c, i)) return false;
    if (c->type->kind == TYPE_NULLABLE) c = c->sub[0];
    return col_get_f64(c, i) != 0;
}

static int sort_cmp(const void *x, const void *y, void *ctx)
{
    Column **cs = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    /* NULL and NaN go last in both directions */
    int r = cs[1] ? -col_compare(cs[0], a, cs[0], b, -1) : col_compare(cs[0], a, cs[0], b, 1);
    return r ? r : (a < b ? -1 : a > b);
}

static int hof_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    Column *a = args[0];
    Column *vals = NULL;
    int rc = 0;
    if (fc->lambda) {
        if ((rc = eval_lambda(fc, args, rows, &vals, err))) return rc;
        Column *m = col_materialize(vals);
        col_unref(vals);
        vals = m;
    } else if (strcmp(n, "arrayMap") != 0) {
        vals = col_ref(a->sub[0]);
    }
    uint64_t base = (rows && fc->lambda) ? beg(a, 0) : 0;
    Column *r = NULL;
    if (!strcmp(n, "arrayMap")) {
        r = new_array_like(fc->ret, col_ref(vals), COL_OFFS(a), rows);
        if (base) {
            Column *t = col_new(fc->ret);
            for (size_t i = 0; i < rows; i++) {
                col_push_range(t->sub[0], vals, (size_t)(beg(a, i) - base), (size_t)(end_(a, i) - beg(a, i)));
                col_close_array(t);
            }
            col_unref(r);
            r = t;
        }
    } else if (!strcmp(n, "arrayFilter")) {
        r = col_new(fc->ret);
        for (size_t i = 0; i < rows; i++) {
            for (uint64_t k = beg(a, i); k < end_(a, i); k++)
                if (truthy(vals, (size_t)(k - base))) col_push_from(r->sub[0], a->sub[0], (size_t)k);
            col_close_array(r);
        }
    } else if (!strcmp(n, "arraySort") || !strcmp(n, "arrayReverseSort")) {
        r = col_new(fc->ret);
        Column *ctx[2] = {vals, !strcmp(n, "arrayReverseSort") ? vals : NULL};
        for (size_t i = 0; i < rows; i++) {
            uint64_t b = beg(a, i), e = end_(a, i);
            uint32_t *idx = mem_alloc(4 * (size_t)(e - b + 1));
            for (uint64_t k = b; k < e; k++) idx[k - b] = (uint32_t)(k - base);
            qsort_r(idx, (size_t)(e - b), 4, sort_cmp, ctx);
            for (uint64_t k = 0; k < e - b; k++) col_push_from(r->sub[0], a->sub[0], (size_t)(idx[k] + base));
            mem_free(idx, 4 * (size_t)(e - b + 1));
            col_close_array(r);
        }
    } else if (!strcmp(n, "arrayExists") || !strcmp(n, "arrayAll") || !strcmp(n, "arrayCount") ||
               !strcmp(n, "arrayFirstIndex") || !strcmp(n, "arrayLastIndex")) {
        r = fn_fixed(fc->ret, rows);
        for (size_t i = 0; i < rows; i++) {
            uint32_t cnt = 0, first = 0, last = 0;
            uint64_t b = beg(a, i), e = end_(a, i);
            for (uint64_t k = b; k < e; k++)
                if (truthy(vals, (size_t)(k - base))) {
                    cnt++;
                    if (!first) first = (uint32_t)(k - b + 1);
                    last = (uint32_t)(k - b + 1);
                }
            if (!strcmp(n, "arrayExists")) COL_DATA(r, uint8_t)[i] = cnt > 0;
            else if (!strcmp(n, "arrayAll")) COL_DATA(r, uint8_t)[i] = cnt == e - b;
            else if (!strcmp(n, "arrayCount")) COL_DATA(r, uint32_t)[i] = cnt;
            else COL_DATA(r, uint32_t)[i] = !strcmp(n, "arrayFirstIndex") ? first : last;
        }
    } else if (!strcmp(n, "arrayFirst") || !strcmp(n, "arrayLast")) {
        bool firstw = !strcmp(n, "arrayFirst");
        r = col_new(fc->ret);
        for (size_t i = 0; i < rows; i++) {
            int64_t pick = -1;
            for (uint64_t k = beg(a, i); k < end_(a, i); k++)
                if (truthy(vals, (size_t)(k - base))) {
                    pick = (int64_t)k;
                    if (firstw) break;
                }
            if (pick >= 0) col_push_from(r, a->sub[0], (size_t)pick);
            else col_push_default(r);
        }
    } else if (!strcmp(n, "arrayProduct")) {
        r = fn_fixed(fc->ret, rows);
        for (size_t i = 0; i < rows; i++) {
            double p = 1;
            for (uint64_t k = beg(a, i); k < end_(a, i); k++) p *= col_get_f64(vals, (size_t)(k - base));
            COL_DATA(r, double)[i] = p;
        }
    } else if (!strcmp(n, "arrayCumSum")) {
        Column *cv;
        if ((rc = fn_cast(fc, vals, fc->ret->sub[0], &cv, err))) goto done;
        r = col_new(fc->ret);
        for (size_t i = 0; i < rows; i++) {
            i128 acc = 0;
            double facc = 0;
            for (uint64_t k = beg(a, i); k < end_(a, i); k++) {
                size_t j = (size_t)(k - base);
                switch (cv->type->kind) {
                case TYPE_FLOAT64: facc += COL_DATA(cv, double)[j]; COL_PUSH(r->sub[0], double, facc); break;
                case TYPE_INT64: acc += COL_DATA(cv, int64_t)[j]; COL_PUSH(r->sub[0], int64_t, (int64_t)acc); break;
                case TYPE_UINT64: acc += COL_DATA(cv, uint64_t)[j]; COL_PUSH(r->sub[0], uint64_t, (uint64_t)acc); break;
                default: acc += COL_DATA(cv, i128)[j]; COL_PUSH(r->sub[0], i128, acc); break;
                }
            }
            col_close_array(r);
        }
        col_unref(cv);
    } else {
        AggCall *ac = fc->state;
        r = col_new(fc->ret);
        void *st = mem_alloc(ac->state_size + 16);
        for (size_t i = 0; i < rows; i++) {
            agg_init(ac, st);
            Column *one[1] = {vals};
            uint64_t b = beg(a, i) - base, e = end_(a, i) - base;
            for (uint64_t k = b; k < e; k++) agg_add(ac, st, one, (size_t)k);
            rc = agg_finalize(ac, st, r, err);
            agg_destroy(ac, st);
            if (rc) break;
        }
        mem_free(st, ac->state_size + 16);
    }
done:
    col_unref(vals);
    if (rc) {
        col_unref(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* ---- map higher-order functions: mapFilter, mapApply, mapExists, mapAll,
 * mapSort, mapReverseSort (the lambda takes (key, value)) ---- */

static int maphof_resolve(FuncCall *fc, Err *err)
{
    const char *n = fc->def->name;
    int na = fc->nargs - fc->ncaptured;
    if (na != 1 || fc->types[0]->kind != TYPE_MAP) return fn_err_arg_type(fc, 0, err);
    bool sort = !strcmp(n, "mapSort") || !strcmp(n, "mapReverseSort");
    if (!fc->lambda && !sort) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function %s needs a lambda", n);
    if (fc->lambda && fc->lambda_nparams != 2 && !(sort && fc->lambda_nparams == 1))
        return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Lambda of %s must take (key, value)", n);
    if (!strcmp(n, "mapApply")) {
        const DataType *t = fc->lambda_ret;
        if (t->kind != TYPE_TUPLE || t->nsub != 2)
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Lambda of mapApply must return a tuple (key, value), got %s", t->name);
        fc->ret = type_map(t->sub[0], t->sub[1]);
    } else if (!strcmp(n, "mapExists") || !strcmp(n, "mapAll")) {
        fc->ret = type_basic(TYPE_UINT8);
    } else {
        fc->ret = fc->types[0];
    }
    return 0;
}

static int maphof_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    Column *m = args[0];
    Column *vals = NULL;
    int rc;
    if (fc->lambda) {
        if ((rc = eval_lambda(fc, args, rows, &vals, err))) return rc;
        Column *full = col_materialize(vals);
        col_unref(vals);
        vals = full;
    }
    uint64_t base = rows ? beg(m, 0) : 0;
    Column *r = col_new(fc->ret);
    if (!strcmp(n, "mapExists") || !strcmp(n, "mapAll")) {
        bool all = !strcmp(n, "mapAll");
        col_unref(r);
        r = fn_fixed(fc->ret, rows);
        for (size_t i = 0; i < rows; i++) {
            bool acc = all;
            for (uint64_t k = beg(m, i); k < end_(m, i); k++) {
                bool t = truthy(vals, (size_t)(k - base));
                if (all ? !t : t) { acc = !all; break; }
            }
            COL_DATA(r, uint8_t)[i] = acc;
        }
    } else if (!strcmp(n, "mapFilter")) {
        for (size_t i = 0; i < rows; i++) {
            for (uint64_t k = beg(m, i); k < end_(m, i); k++)
                if (truthy(vals, (size_t)(k - base))) {
                    col_push_from(r->sub[0], m->sub[0], (size_t)k);
                    col_push_from(r->sub[1], m->sub[1], (size_t)k);
                }
            col_close_array(r);
        }
    } else if (!strcmp(n, "mapApply")) {
        for (size_t i = 0; i < rows; i++) {
            for (uint64_t k = beg(m, i); k < end_(m, i); k++) {
                col_push_from(r->sub[0], vals->sub[0], (size_t)(k - base));
                col_push_from(r->sub[1], vals->sub[1], (size_t)(k - base));
            }
            col_close_array(r);
        }
    } else {
        /* mapSort / mapReverseSort: by key, or by the lambda's value */
        Column *key = vals ? vals : m->sub[0];
        uint64_t kb = vals ? base : 0;
        Column *ctx[2] = {key, !strcmp(n, "mapReverseSort") ? key : NULL};
        for (size_t i = 0; i < rows; i++) {
            uint64_t b = beg(m, i), e = end_(m, i);
            uint32_t *idx = mem_alloc(4 * (size_t)(e - b + 1));
            for (uint64_t k = b; k < e; k++) idx[k - b] = (uint32_t)(k - kb);
            qsort_r(idx, (size_t)(e - b), 4, sort_cmp, ctx);
            for (uint64_t k = 0; k < e - b; k++) {
                col_push_from(r->sub[0], m->sub[0], (size_t)(idx[k] + kb));
                col_push_from(r->sub[1], m->sub[1], (size_t)(idx[k] + kb));
            }
            mem_free(idx, 4 * (size_t)(e - b + 1));
            col_close_array(r);
        }
    }
    col_unref(vals);
    *out = r;
    return 0;
}

#define A(name, min, max, res, ex) {name, min, max, FN_DEFAULT, res, ex, NULL}
#define H(name, min, max) {name, min, max, FN_DEFAULT | FF_LAMBDA, hof_resolve, hof_exec, NULL}
#define MH(name) {name, 1, -1, FN_DEFAULT | FF_LAMBDA, maphof_resolve, maphof_exec, NULL}
#define EA(t) {"emptyArray" t, 0, 0, 0, empty_array_resolve, empty_array_exec, NULL}

const FuncDef FUNCS_array[] = {
    {"array", 0, -1, FN_DEFAULT | FF_NOTHING_OK, array_resolve, array_exec, NULL},
    {"arrayElement", 2, 2, FN_DEFAULT, elem_resolve, elem_exec, NULL},
    /* NULL needles are compared, not propagated: has([NULL], NULL) = 1 */
    {"has", 2, 2, FF_LC | FF_NOTHING_OK, has_resolve, has_exec, NULL},
    {"hasAll", 2, 2, FF_LC | FF_NOTHING_OK, has_resolve, has_exec, NULL},
    {"hasAny", 2, 2, FF_LC | FF_NOTHING_OK, has_resolve, has_exec, NULL},
    {"indexOf", 2, 2, FF_LC | FF_NOTHING_OK, has_resolve, has_exec, NULL},
    {"countEqual", 2, 2, FF_LC | FF_NOTHING_OK, has_resolve, has_exec, NULL},
    A("range", 1, 3, range_resolve, range_exec),
    A("arrayConcat", 1, -1, concat_resolve, concat_exec),
    A("arraySlice", 2, 3, same_array_resolve, slice_exec),
    A("arrayPushBack", 2, 2, push_resolve, push_exec),
    A("arrayPushFront", 2, 2, push_resolve, push_exec),
    A("arrayPopBack", 1, 1, same_array_resolve, pop_exec),
    A("arrayPopFront", 1, 1, same_array_resolve, pop_exec),
    A("arrayFlatten", 1, 1, flatten_resolve, flatten_exec),
    {"flatten", 1, 1, FN_DEFAULT, flatten_resolve, flatten_exec, "arrayFlatten"},
    A("arrayCompact", 1, 1, same_array_resolve, compact_distinct_exec),
    A("arrayDistinct", 1, 1, same_array_resolve, compact_distinct_exec),
    A("arrayUniq", 1, -1, u32_resolve, uniq_enum_exec),
    A("arrayEnumerate", 1, 1, u32_resolve, uniq_enum_exec),
    A("arrayZip", 1, -1, zip_resolve, zip_exec),
    A("arrayStringConcat", 1, 2, strconcat_resolve, strconcat_exec),
    A("arrayResize", 2, 3, resize_resolve, resize_exec),
    A("arrayWithConstant", 2, 2, withconst_resolve, withconst_exec),
    EA("UInt8"), EA("UInt16"), EA("UInt32"), EA("UInt64"), EA("Int8"), EA("Int16"), EA("Int32"), EA("Int64"),
    EA("Float32"), EA("Float64"), EA("Date"), EA("DateTime"), EA("String"),
    H("arrayMap", 1, -1), H("arrayFilter", 1, -1), H("arrayExists", 1, -1), H("arrayAll", 1, -1), H("arrayCount", 1, -1),
    H("arrayFirst", 1, -1), H("arrayLast", 1, -1), H("arrayFirstIndex", 1, -1), H("arrayLastIndex", 1, -1),
    H("arraySort", 1, -1), H("arrayReverseSort", 1, -1), H("arraySum", 1, -1), H("arrayMin", 1, -1),
    H("arrayMax", 1, -1), H("arrayAvg", 1, -1), H("arrayProduct", 1, -1), H("arrayCumSum", 1, -1),
    MH("mapFilter"), MH("mapApply"), MH("mapExists"), MH("mapAll"), MH("mapSort"), MH("mapReverseSort"),
    {0},
};
