/* f_logic.c — and, or, xor, not with ClickHouse's three-valued logic:
 * and() is 0 if any argument is 0, else NULL if any is NULL, else 1; or() is
 * 1 if any is non-zero, else NULL if any is NULL, else 0. Any number counts
 * (non-zero = true). The result is UInt8, Nullable(UInt8) when an argument
 * is Nullable. */
#include <math.h>
#include <string.h>

#include "../base/mem.h"
#include "func.h"

static bool truthy_type(const DataType *t)
{
    t = type_strip(t);
    return type_is_number(t) || t->kind == TYPE_BOOL || t->kind == TYPE_NOTHING || type_is_decimal(t);
}

static int logic_resolve(FuncCall *fc, Err *err)
{
    bool nullable = false, any_bool = false;
    for (int i = 0; i < fc->nargs; i++) {
        if (!truthy_type(fc->types[i])) return fn_err_arg_type(fc, i, err);
        const DataType *t = type_strip_lc(fc->types[i]);
        if (t->kind == TYPE_NULLABLE) nullable = true, t = t->sub[0];
        if (t->kind == TYPE_BOOL) any_bool = true;
    }
    /* Bool if any argument is Bool (ClickHouse 23+), else UInt8. */
    const DataType *base = type_basic(any_bool ? TYPE_BOOL : TYPE_UINT8);
    fc->ret = nullable ? type_nullable(base) : base;
    return 0;
}

/* Value of row i: 0 false, 1 true, 2 NULL. */
static int tri(Column *c, size_t i)
{
    if (c->type->kind == TYPE_LOWCARDINALITY) c = c->sub[0];
    size_t k = col_phys(c, i);
    if (c->type->kind == TYPE_NULLABLE) {
        if (COL_NULLS(c)[k]) return 2;
        c = c->sub[0];
    }
    switch (c->type->kind) {
    case TYPE_UINT8: case TYPE_BOOL: case TYPE_INT8: return COL_DATA(c, uint8_t)[k] != 0;
    case TYPE_NOTHING: return 2;
    case TYPE_FLOAT32: return COL_DATA(c, float)[k] != 0;
    case TYPE_FLOAT64: return COL_DATA(c, double)[k] != 0;
    default: {
        Column tmp = *c;
        tmp.is_const = false;
        return col_get_i128(&tmp, k) != 0;
    }
    }
}

static int logic_exec_kind(FuncCall *fc, Column **args, size_t rows, Column **out, int kind)
{
    bool nullable = fc->ret->kind == TYPE_NULLABLE;
    Column *r = fn_fixed(nullable ? fc->ret->sub[0] : fc->ret, rows);
    uint8_t *v = COL_DATA(r, uint8_t);
    uint8_t *nm = nullable ? mem_calloc(rows ? rows : 1) : NULL;
    for (size_t i = 0; i < rows; i++) {
        bool any_null = false;
        int acc = kind == 0 ? 1 : 0;
        for (int k = 0; k < fc->nargs; k++) {
            int t = tri(args[k], i);
            if (t == 2) {
                any_null = true;
                continue;
            }
            if (kind == 0 && !t) { acc = 0; any_null = false; break; }
            if (kind == 1 && t) { acc = 1; any_null = false; break; }
            if (kind == 2) acc ^= t;
        }
        v[i] = (uint8_t)acc;
        if (any_null && nm) {
            nm[i] = 1;
            v[i] = 0;
        }
    }
    if (nullable) {
        *out = col_wrap_nullable(r, nm);
        col_unref(r);
        mem_free(nm, rows ? rows : 1);
    } else {
        *out = r;
    }
    return 0;
}

static int and_exec(FuncCall *fc, Column **a, size_t rows, Column **out, Err *err) { return logic_exec_kind(fc, a, rows, out, 0); }
static int or_exec(FuncCall *fc, Column **a, size_t rows, Column **out, Err *err) { return logic_exec_kind(fc, a, rows, out, 1); }
static int xor_exec(FuncCall *fc, Column **a, size_t rows, Column **out, Err *err) { return logic_exec_kind(fc, a, rows, out, 2); }

static int not_resolve(FuncCall *fc, Err *err)
{
    if (!truthy_type(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(fc->types[0]->kind == TYPE_BOOL ? TYPE_BOOL : TYPE_UINT8);
    return 0;
}

static int not_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) COL_DATA(r, uint8_t)[i] = !tri(args[0], i);
    *out = r;
    return 0;
}

const FuncDef FUNCS_logic[] = {
    {"and", 2, -1, FF_NOTHING_OK | FF_SHORT_CIRCUIT | FF_RAW_CONST, logic_resolve, and_exec, NULL},
    {"or", 2, -1, FF_NOTHING_OK | FF_SHORT_CIRCUIT | FF_RAW_CONST, logic_resolve, or_exec, NULL},
    {"xor", 2, -1, FN_DEFAULT, logic_resolve, xor_exec, NULL},
    {"not", 1, 1, FN_DEFAULT, not_resolve, not_exec, NULL},
    {0},
};
