/* f_tuple.c — tuples and maps: tuple, tupleElement (t.1, t.name), map,
 * mapKeys, mapValues, mapContains, mapFromArrays, untuple-free helpers.
 * Maps keep their insertion order (as ClickHouse's map() does); m['k'] is
 * arrayElement in f_array.c. */
#include <string.h>

#include "../base/mem.h"
#include "func.h"

static int tuple_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_tuple(fc->nargs, fc->types, NULL);
    return 0;
}

static int tuple_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = col_new(fc->ret);
    for (int k = 0; k < fc->nargs; k++) {
        col_unref(r->sub[k]);
        r->sub[k] = col_materialize(args[k]);
    }
    r->rows = rows;
    *out = r;
    return 0;
}

typedef struct ElemState { int index; } ElemState;

static int elem_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (t->kind != TYPE_TUPLE) return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "First argument for function tupleElement must be tuple or array of tuple. Actual %s", t->name);
    ElemState *st = arena_alloc(&fc->q->arena, sizeof *st);
    int64_t idx;
    const char *name;
    size_t n;
    if (fn_const_int(fc, 1, &idx)) {
        if (idx < 1 || idx > t->nsub)
            return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "Index for tuple element is out of range: %lld", (long long)idx);
        st->index = (int)idx - 1;
    } else if (fn_const_str(fc, 1, &name, &n)) {
        st->index = -1;
        for (int i = 0; t->names && i < t->nsub; i++)
            if (strlen(t->names[i]) == n && !memcmp(t->names[i], name, n)) st->index = i;
        if (st->index < 0) {
            if (fc->nargs == 3) {
                fc->ret = fc->types[2];
                st->index = -2;
                fc->state = st;
                return 0;
            }
            return err_set(err, ERR_NOT_FOUND_COLUMN_IN_BLOCK, "Tuple %s doesn't have element with name '%.*s'", t->name, (int)n, name);
        }
    } else {
        return err_set(err, ERR_ILLEGAL_COLUMN, "Second argument to tupleElement must be a constant UInt or String");
    }
    fc->state = st;
    fc->ret = t->sub[st->index];
    return 0;
}

static int elem_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    ElemState *st = fc->state;
    if (st->index == -2) {
        *out = col_ref(args[2]);
        return 0;
    }
    Column *t = args[0];
    *out = t->is_const ? col_const_of(t->sub[st->index], 0, rows) : col_ref(t->sub[st->index]);
    return 0;
}

static int map_resolve(FuncCall *fc, Err *err)
{
    if (fc->nargs % 2) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function map requires an even number of arguments");
    int n = fc->nargs / 2;
    const DataType **ks = arena_alloc(&fc->q->arena, sizeof *ks * (size_t)(n ? n : 1));
    const DataType **vs = arena_alloc(&fc->q->arena, sizeof *vs * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        ks[i] = fc->types[2 * i];
        vs[i] = fc->types[2 * i + 1];
    }
    const DataType *k, *v;
    int rc = type_supertype(ks, n, &k, err);
    if (!rc) rc = type_supertype(vs, n, &v, err);
    if (rc) return rc;
    if (type_strip_lc(k)->kind == TYPE_NULLABLE)
        return err_set(err, ERR_BAD_ARGUMENTS, "Map cannot have a key of type %s", k->name);
    fc->ret = type_map(k, v);
    return 0;
}

static int map_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    int n = fc->nargs / 2;
    Column **c = mem_calloc(sizeof *c * (size_t)(fc->nargs ? fc->nargs : 1));
    int rc = 0;
    for (int i = 0; i < fc->nargs && !rc; i++) rc = fn_cast(fc, args[i], fc->ret->sub[i % 2], &c[i], err);
    if (!rc) {
        Column *r = col_new(fc->ret);
        for (size_t row = 0; row < rows; row++) {
            for (int i = 0; i < n; i++) {
                col_push_from(r->sub[0], c[2 * i], row);
                col_push_from(r->sub[1], c[2 * i + 1], row);
            }
            col_close_array(r);
        }
        *out = r;
    }
    for (int i = 0; i < fc->nargs; i++) col_unref(c[i]);
    mem_free(c, sizeof *c * (size_t)(fc->nargs ? fc->nargs : 1));
    return rc;
}

static int mapkv_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_MAP) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_array(fc->types[0]->sub[!strcmp(fc->def->name, "mapValues")]);
    return 0;
}

static int mapkv_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *m = args[0];
    int which = !strcmp(fc->def->name, "mapValues");
    Column *r = col_new(fc->ret);
    col_unref(r->sub[0]);
    r->sub[0] = col_ref(m->sub[which]);
    buf_put(&r->offs, m->offs.data, m->offs.len);
    r->rows = m->rows;
    *out = r;
    return 0;
}

static int mapcontains_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_MAP) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int mapcontains_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *m = args[0], *key;
    int rc = fn_cast(fc, args[1], m->type->sub[0], &key, err);
    if (rc) return rc;
    Column *r = fn_fixed(type_basic(TYPE_UINT8), rows);
    for (size_t i = 0; i < rows; i++) {
        bool found = false;
        for (uint64_t k = col_off_begin(m, i); k < COL_OFFS(m)[i] && !found; k++) found = col_equal_rows(m->sub[0], (size_t)k, key, i);
        COL_DATA(r, uint8_t)[i] = found;
    }
    col_unref(key);
    *out = r;
    return 0;
}

static int fromarrays_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_ARRAY) return fn_err_arg_type(fc, 0, err);
    if (fc->types[1]->kind != TYPE_ARRAY) return fn_err_arg_type(fc, 1, err);
    fc->ret = type_map(fc->types[0]->sub[0], fc->types[1]->sub[0]);
    return 0;
}

static int fromarrays_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *k = args[0], *v = args[1];
    for (size_t i = 0; i < rows; i++)
        if (COL_OFFS(k)[i] - col_off_begin(k, i) != COL_OFFS(v)[i] - col_off_begin(v, i))
            return err_set(err, ERR_SIZES_OF_ARRAYS_DONT_MATCH, "Function mapFromArrays requires arrays of equal size");
    Column *r = col_new(fc->ret);
    for (size_t i = 0; i < rows; i++) {
        uint64_t b = col_off_begin(k, i), e = COL_OFFS(k)[i], bv = col_off_begin(v, i);
        col_push_range(r->sub[0], k->sub[0], (size_t)b, (size_t)(e - b));
        col_push_range(r->sub[1], v->sub[0], (size_t)bv, (size_t)(e - b));
        col_close_array(r);
    }
    *out = r;
    return 0;
}

/* ---- mapUpdate / mapConcat ---- */

static int mapmerge_resolve(FuncCall *fc, Err *err)
{
    for (int i = 0; i < fc->nargs; i++)
        if (fc->types[i]->kind != TYPE_MAP) return fn_err_arg_type(fc, i, err);
    return type_supertype(fc->types, fc->nargs, &fc->ret, err);
}

/* mapUpdate(a, b): a's entries with b's values for shared keys, then b's new
 * keys. mapConcat(a, b, ...): all entries; a later duplicate key is dropped. */
static int mapmerge_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool update = !strcmp(fc->def->name, "mapUpdate");
    Column **cs = mem_calloc(sizeof *cs * (size_t)fc->nargs);
    int rc = 0;
    for (int k = 0; k < fc->nargs && !rc; k++) rc = fn_cast(fc, args[k], fc->ret, &cs[k], err);
    Column *r = rc ? NULL : col_new(fc->ret);
    for (size_t i = 0; r && i < rows; i++) {
        size_t start = r->sub[0]->rows;
        for (int k = 0; k < fc->nargs; k++) {
            Column *m = cs[k];
            for (uint64_t j = col_off_begin(m, i); j < col_off_end(m, i); j++) {
                size_t hit = (size_t)-1;
                for (size_t x = start; x < r->sub[0]->rows && hit == (size_t)-1; x++)
                    if (col_equal_rows(r->sub[0], x, m->sub[0], (size_t)j)) hit = x;
                if (hit == (size_t)-1) {
                    col_push_from(r->sub[0], m->sub[0], (size_t)j);
                    col_push_from(r->sub[1], m->sub[1], (size_t)j);
                } else if (update) {
                    /* replace the value in place: rebuild the tail */
                    Column *keep = col_slice(r->sub[1], hit + 1, r->sub[1]->rows - hit - 1);
                    col_truncate(r->sub[1], hit);
                    col_push_from(r->sub[1], m->sub[1], (size_t)j);
                    col_push_range(r->sub[1], keep, 0, keep->rows);
                    col_unref(keep);
                }
            }
        }
        col_close_array(r);
    }
    for (int k = 0; k < fc->nargs; k++) col_unref(cs[k]);
    mem_free(cs, sizeof *cs * (size_t)fc->nargs);
    if (!rc) *out = r;
    return rc;
}

const FuncDef FUNCS_tuple[] = {
    {"tuple", 0, -1, FF_RAW_CONST | FF_NOTHING_OK, tuple_resolve, tuple_exec, NULL},
    {"tupleElement", 2, 3, FN_DEFAULT | FF_RAW_CONST, elem_resolve, elem_exec, NULL},
    {"map", 0, -1, FF_LC | FF_NOTHING_OK, map_resolve, map_exec, NULL},   /* NULL values are kept */
    {"mapKeys", 1, 1, FN_DEFAULT, mapkv_resolve, mapkv_exec, NULL},
    {"mapValues", 1, 1, FN_DEFAULT, mapkv_resolve, mapkv_exec, NULL},
    {"mapContains", 2, 2, FN_DEFAULT, mapcontains_resolve, mapcontains_exec, NULL},
    {"mapFromArrays", 2, 2, FN_DEFAULT, fromarrays_resolve, fromarrays_exec, NULL},
    {"mapUpdate", 2, 2, FN_DEFAULT, mapmerge_resolve, mapmerge_exec, NULL},
    {"mapConcat", 1, -1, FN_DEFAULT, mapmerge_resolve, mapmerge_exec, NULL},
    {0},
};
