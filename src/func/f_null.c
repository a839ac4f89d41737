/* f_null.c — isNull, isNotNull, coalesce, ifNull, nullIf, assumeNotNull,
 * toNullable, toLowCardinality, isNotDistinctFrom, isZeroOrNull. These see NULLs themselves
 * (no default NULL handling). */
#include <string.h>

#include "../base/mem.h"
#include "func.h"

static Column *strip_lc(Column *c) { return c->type->kind == TYPE_LOWCARDINALITY ? c->sub[0] : c; }

static int isnull_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int isnull_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool want_null = strcmp(fc->def->name, "isNull") == 0;
    Column *r = fn_fixed(type_basic(TYPE_UINT8), rows);
    Column *c = strip_lc(args[0]);
    for (size_t i = 0; i < rows; i++) {
        bool n = c->type->kind == TYPE_NULLABLE && COL_NULLS(c)[col_phys(args[0], i)];
        COL_DATA(r, uint8_t)[i] = n == want_null;
    }
    *out = r;
    return 0;
}

/* isZeroOrNull: 1 for NULL or a zero number. */
static int iszn_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = type_strip_nullable(type_strip_lc(fc->types[0]));
    if (!(type_is_number(t) || type_is_decimal(t) || t->kind == TYPE_BOOL || t->kind == TYPE_NOTHING))
        return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int iszn_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(type_basic(TYPE_UINT8), rows);
    Column *c = strip_lc(args[0]);
    Column *v = c->type->kind == TYPE_NULLABLE ? c->sub[0] : c;
    for (size_t i = 0; i < rows; i++) {
        size_t k = col_phys(args[0], i);
        bool n = c->type->kind == TYPE_NULLABLE && COL_NULLS(c)[k];
        COL_DATA(r, uint8_t)[i] = n || v->type->kind == TYPE_NOTHING || col_get_f64(v, k) == 0;
    }
    *out = r;
    return 0;
}

/* coalesce / ifNull: supertype of the non-Nullable versions; Nullable only if the last can be NULL */
static int coalesce_resolve(FuncCall *fc, Err *err)
{
    const DataType **ts = arena_alloc(&fc->q->arena, sizeof *ts * (size_t)fc->nargs);
    int n = 0;
    bool last_nullable = true;
    for (int i = 0; i < fc->nargs; i++) {
        const DataType *t = fc->types[i];
        bool nullable = type_strip_lc(t)->kind == TYPE_NULLABLE;
        if (type_is_null_only(t)) continue;
        ts[n++] = t->kind == TYPE_LOWCARDINALITY ? t : type_strip_nullable(t);
        if (!nullable) {
            last_nullable = false;
            break;
        }
    }
    if (n == 0) {
        fc->ret = type_nullable(type_basic(TYPE_NOTHING));
        return 0;
    }
    const DataType *sup;
    int rc = type_supertype(ts, n, &sup, err);
    if (rc) return rc;
    if (last_nullable && type_can_be_nullable(type_strip_lc(sup))) sup = type_nullable(sup);
    fc->ret = sup;
    return 0;
}

static int coalesce_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    Column **cast = mem_calloc(sizeof *cast * (size_t)fc->nargs);
    const DataType *target = fc->ret;
    int rc = 0;
    for (int i = 0; i < fc->nargs && !rc; i++) {
        if (type_is_null_only(args[i]->type)) continue;
        const DataType *want = type_nullable(type_strip_nullable(type_strip_lc(target)));
        if (!type_can_be_nullable(type_strip_lc(target))) want = target;
        rc = fn_cast(fc, args[i], want, &cast[i], err);
    }
    for (size_t row = 0; row < rows && !rc; row++) {
        bool done = false;
        for (int i = 0; i < fc->nargs && !done; i++) {
            if (!cast[i] || col_is_null(cast[i], row)) continue;
            Column *c = cast[i];
            Column *src = c->type->kind == TYPE_NULLABLE ? c->sub[0] : c;
            size_t k = col_phys(c, row);
            if (target->kind == TYPE_NULLABLE) {
                col_push_from(r->sub[0], src, k);
                col_nullable_commit(r, false);
            } else {
                col_push_from(r, src, k);
            }
            done = true;
        }
        if (!done) col_push_default(r);
    }
    for (int i = 0; i < fc->nargs; i++) col_unref(cast[i]);
    mem_free(cast, sizeof *cast * (size_t)fc->nargs);
    if (rc) {
        col_unref(r);
        return rc;
    }
    *out = r;
    return 0;
}

static int nullif_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    fc->ret = type_can_be_nullable(type_strip_lc(t)) ? type_nullable(type_strip_lc(t)) : t;
    const DataType *pair[2] = {type_strip(fc->types[0]), type_strip(fc->types[1])}, *sup;
    return type_supertype(pair, 2, &sup, err);
}

static int nullif_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const DataType *pair[2] = {type_strip(args[0]->type), type_strip(args[1]->type)}, *sup;
    int rc = type_supertype(pair, 2, &sup, err);
    Column *a = NULL, *b = NULL, *base = NULL;
    if (!rc) rc = fn_cast(fc, args[0], type_nullable(sup), &a, err);
    if (!rc) rc = fn_cast(fc, args[1], type_nullable(sup), &b, err);
    if (!rc) rc = fn_cast(fc, args[0], fc->ret, &base, err);
    if (!rc) {
        Column *m = col_unshare(col_ref(base));
        for (size_t i = 0; i < rows; i++)
            if (!col_is_null(a, i) && !col_is_null(b, i) && col_compare(a, i, b, i, 1) == 0) COL_NULLS(m)[i] = 1;
        *out = m;
    }
    col_unref(a);
    col_unref(b);
    col_unref(base);
    return rc;
}

static int assume_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (t->kind == TYPE_LOWCARDINALITY && t->sub[0]->kind == TYPE_NULLABLE) fc->ret = type_lowcard(t->sub[0]->sub[0]);
    else fc->ret = type_strip_nullable(t);
    return 0;
}

static int assume_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = args[0];
    if (c->type->kind == TYPE_NULLABLE) {
        *out = c->is_const ? col_const_of(c->sub[0], 0, rows) : col_ref(c->sub[0]);
        return 0;
    }
    if (c->type == fc->ret) {
        *out = col_ref(c);
        return 0;
    }
    return fn_cast(fc, c, fc->ret, out, err);
}

static int tonullable_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    fc->ret = type_can_be_nullable(type_strip_lc(t)) ? (t->kind == TYPE_LOWCARDINALITY ? type_lowcard(type_nullable(t->sub[0])) : type_nullable(t)) : t;
    return 0;
}

static int tonullable_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    return fn_cast(fc, args[0], fc->ret, out, err);
}

/* toLowCardinality: LowCardinality(T) for strings, numbers, dates and their
 * Nullable; other types are returned as they are (as ClickHouse does). */
static int tolc_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0], *b = t->kind == TYPE_NULLABLE ? t->sub[0] : t;
    bool ok = type_is_stringy(b) || type_is_number(b) || type_is_date_or_time(b) || b->kind == TYPE_UUID;
    fc->ret = t->kind == TYPE_LOWCARDINALITY || !ok ? t : type_lowcard(t);
    return 0;
}

static int distinct_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_UINT8);
    const DataType *pair[2] = {fc->types[0], fc->types[1]}, *sup;
    int rc = type_supertype(pair, 2, &sup, err);
    fc->state = (void *)sup;
    return rc;
}

static int distinct_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const DataType *sup = fc->state;
    if (type_can_be_nullable(type_strip_lc(sup)) && type_strip_lc(sup)->kind != TYPE_NULLABLE) sup = type_nullable(type_strip_lc(sup));
    Column *a = NULL, *b = NULL;
    int rc = fn_cast(fc, args[0], sup, &a, err);
    if (!rc) rc = fn_cast(fc, args[1], sup, &b, err);
    if (!rc) {
        bool not_distinct = strcmp(fc->def->name, "isNotDistinctFrom") == 0;
        Column *r = fn_fixed(type_basic(TYPE_UINT8), rows);
        for (size_t i = 0; i < rows; i++) COL_DATA(r, uint8_t)[i] = (col_compare(a, i, b, i, 1) == 0) == not_distinct;
        *out = r;
    }
    col_unref(a);
    col_unref(b);
    return rc;
}

const FuncDef FUNCS_null[] = {
    {"isNull", 1, 1, FF_RAW_CONST | FF_NOTHING_OK | FF_CI, isnull_resolve, isnull_exec, NULL},
    {"isZeroOrNull", 1, 1, FF_RAW_CONST | FF_NOTHING_OK, iszn_resolve, iszn_exec, NULL},
    {"isNotNull", 1, 1, FF_RAW_CONST | FF_NOTHING_OK, isnull_resolve, isnull_exec, NULL},
    {"coalesce", 1, -1, FF_RAW_CONST | FF_CI, coalesce_resolve, coalesce_exec, NULL},
    {"ifNull", 2, 2, FF_RAW_CONST | FF_CI, coalesce_resolve, coalesce_exec, NULL},
    {"nullIf", 2, 2, FF_CI, nullif_resolve, nullif_exec, NULL},
    {"assumeNotNull", 1, 1, FF_RAW_CONST, assume_resolve, assume_exec, NULL},
    {"toNullable", 1, 1, FF_RAW_CONST, tonullable_resolve, tonullable_exec, NULL},
    {"toLowCardinality", 1, 1, FF_RAW_CONST, tolc_resolve, tonullable_exec, NULL},
    {"isNotDistinctFrom", 2, 2, 0, distinct_resolve, distinct_exec, NULL},
    {"isDistinctFrom", 2, 2, 0, distinct_resolve, distinct_exec, NULL},
    {0},
};
