/* f_bits.c — bit-level functions: bitCount, bitTest, bitTestAll,
 * bitTestAny, bitRotateLeft/Right, reinterpretAs<Type>, toStringCutToZero.
 * (bitAnd/Or/Xor/Not and the shifts are arithmetic operators, f_arith.c.) */
#include <string.h>

#include "func.h"

static bool is_intlike(const DataType *t) { return type_is_int(t) || t->kind == TYPE_BOOL; }

/* Raw little-endian bits of row i of a fixed-width column (<= 16 bytes). */
static u128 raw_bits(const Column *c, size_t i)
{
    u128 v = 0;
    size_t w = (size_t)c->type->size;
    memcpy(&v, c->data.data + col_phys(c, i) * w, w > 16 ? 16 : w);
    return v;
}

static int bitcount_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!is_intlike(t) && !type_is_float(t)) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int bitcount_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        u128 v = raw_bits(args[0], i);
        COL_DATA(r, uint8_t)[i] = (uint8_t)(__builtin_popcountll((uint64_t)v) + __builtin_popcountll((uint64_t)(v >> 64)));
    }
    *out = r;
    return 0;
}

static int bittest_resolve(FuncCall *fc, Err *err)
{
    for (int k = 0; k < fc->nargs; k++)
        if (!is_intlike(fc->types[k])) return fn_err_arg_type(fc, k, err);
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int bittest_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *n = fc->def->name;
    int mode = !strcmp(n, "bitTest") ? 0 : !strcmp(n, "bitTestAll") ? 1 : 2;
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        u128 v = raw_bits(args[0], i);
        bool all = true, any = false;
        for (int k = 1; k < fc->nargs; k++) {
            int64_t bit = col_get_i64(args[k], i);
            bool set = bit >= 0 && bit < 128 && ((v >> bit) & 1);
            all = all && set;
            any = any || set;
        }
        COL_DATA(r, uint8_t)[i] = mode == 2 ? any : all;
    }
    *out = r;
    return 0;
}

static int rotate_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_int(fc->types[0]) || fc->types[0]->size > 8) return fn_err_arg_type(fc, 0, err);
    if (!type_is_int(fc->types[1])) return fn_err_arg_type(fc, 1, err);
    fc->ret = fc->types[0];
    return 0;
}

static int rotate_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool left = !strcmp(fc->def->name, "bitRotateLeft");
    int bits = 8 * fc->ret->size;
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        uint64_t v = (uint64_t)raw_bits(args[0], i) & mask;
        int s = (int)(((col_get_i64(args[1], i) % bits) + bits) % bits);
        if (!left) s = (bits - s) % bits;
        uint64_t rv = s ? ((v << s) | (v >> (bits - s))) & mask : v;
        memcpy(r->data.data + i * (size_t)fc->ret->size, &rv, (size_t)fc->ret->size);
    }
    *out = r;
    return 0;
}

/* ---- reinterpretAs<Type> ---- */

static const struct { const char *name; const char *type; } REINTERPRET[] = {
    {"reinterpretAsUInt8", "UInt8"}, {"reinterpretAsUInt16", "UInt16"}, {"reinterpretAsUInt32", "UInt32"},
    {"reinterpretAsUInt64", "UInt64"}, {"reinterpretAsUInt128", "UInt128"}, {"reinterpretAsInt8", "Int8"},
    {"reinterpretAsInt16", "Int16"}, {"reinterpretAsInt32", "Int32"}, {"reinterpretAsInt64", "Int64"},
    {"reinterpretAsInt128", "Int128"}, {"reinterpretAsFloat32", "Float32"}, {"reinterpretAsFloat64", "Float64"},
    {"reinterpretAsDate", "Date"}, {"reinterpretAsDateTime", "DateTime"}, {"reinterpretAsUUID", "UUID"},
    {"reinterpretAsString", "String"}, {NULL, NULL},
};

static int reinterp_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    bool fixed_src = (t->size > 0 && t->kind != TYPE_ARRAY) || t->kind == TYPE_FIXEDSTRING;
    if (!fixed_src && t->kind != TYPE_STRING) return fn_err_arg_type(fc, 0, err);
    for (int i = 0; REINTERPRET[i].name; i++)
        if (!strcmp(REINTERPRET[i].name, fc->def->name)) return type_parse(REINTERPRET[i].type, &fc->ret, err);
    return fn_err_arg_type(fc, 0, err);
}

static int reinterp_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = args[0];
    bool to_str = fc->ret->kind == TYPE_STRING;
    Column *r = to_str ? col_new(fc->ret) : fn_fixed(fc->ret, rows);
    size_t w = to_str ? 0 : (size_t)fc->ret->size;
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *src;
        if (type_is_stringy(c->type)) {
            src = col_str(c, i, &n);
        } else {
            n = (size_t)c->type->size;
            src = c->data.data + col_phys(c, i) * n;
        }
        if (to_str) {
            while (n > 0 && src[n - 1] == 0) n--;   /* trailing zero bytes are dropped */
            col_push_str(r, src, n);
        } else {
            char *dst = r->data.data + i * w;
            memset(dst, 0, w);
            memcpy(dst, src, n < w ? n : w);
        }
    }
    *out = r;
    return 0;
}

static int cut_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_stringy(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int cut_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        const char *z = memchr(s, 0, n);
        col_push_str(r, s, z ? (size_t)(z - s) : n);
    }
    *out = r;
    return 0;
}

#define RI(n) {n, 1, 1, FN_DEFAULT, reinterp_resolve, reinterp_exec, NULL}

const FuncDef FUNCS_bits[] = {
    {"bitCount", 1, 1, FN_DEFAULT, bitcount_resolve, bitcount_exec, NULL},
    {"bitTest", 2, 2, FN_DEFAULT, bittest_resolve, bittest_exec, NULL},
    {"bitTestAll", 2, -1, FN_DEFAULT, bittest_resolve, bittest_exec, NULL},
    {"bitTestAny", 2, -1, FN_DEFAULT, bittest_resolve, bittest_exec, NULL},
    {"bitRotateLeft", 2, 2, FN_DEFAULT, rotate_resolve, rotate_exec, NULL},
    {"bitRotateRight", 2, 2, FN_DEFAULT, rotate_resolve, rotate_exec, NULL},
    RI("reinterpretAsUInt8"), RI("reinterpretAsUInt16"), RI("reinterpretAsUInt32"), RI("reinterpretAsUInt64"),
    RI("reinterpretAsUInt128"), RI("reinterpretAsInt8"), RI("reinterpretAsInt16"), RI("reinterpretAsInt32"),
    RI("reinterpretAsInt64"), RI("reinterpretAsInt128"), RI("reinterpretAsFloat32"), RI("reinterpretAsFloat64"),
    RI("reinterpretAsDate"), RI("reinterpretAsDateTime"), RI("reinterpretAsUUID"), RI("reinterpretAsString"),
    {"toStringCutToZero", 1, 1, FN_DEFAULT, cut_resolve, cut_exec, NULL},
    {0},
};
