/* f_set.c — in / notIn against a constant set.
 * The analyzer turns the right-hand side (a tuple literal, an array, a
 * subquery's result) into a one-row Array(T) of values already converted to
 * the left side's type T; NULL elements never match. The set is hashed once,
 * on first use, and kept in the call's state for the query.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "func.h"

typedef struct SetState {
    size_t cap, n;
    uint64_t *hash;
    uint32_t *off, *len;
    Buf keys;
    bool built;
} SetState;

static uint64_t hkey(const char *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return h | 1;
}

static void set_release(void *p)
{
    SetState *s = p;
    if (s->cap) {
        free(s->hash);
        free(s->off);
        free(s->len);
    }
    buf_free(&s->keys);
}

static void set_insert(SetState *s, const char *k, size_t n)
{
    uint64_t h = hkey(k, n);
    size_t j = h & (s->cap - 1);
    while (s->hash[j]) {
        if (s->hash[j] == h && s->len[j] == n && !memcmp(s->keys.data + s->off[j], k, n)) return;
        j = (j + 1) & (s->cap - 1);
    }
    s->hash[j] = h;
    s->off[j] = (uint32_t)s->keys.len;
    s->len[j] = (uint32_t)n;
    buf_put(&s->keys, k, n);
    s->n++;
}

static bool set_has(const SetState *s, const char *k, size_t n)
{
    uint64_t h = hkey(k, n);
    size_t j = h & (s->cap - 1);
    while (s->hash[j]) {
        if (s->hash[j] == h && s->len[j] == n && !memcmp(s->keys.data + s->off[j], k, n)) return true;
        j = (j + 1) & (s->cap - 1);
    }
    return false;
}

static int in_resolve(FuncCall *fc, Err *err)
{
    if (!fc->consts[1] || type_strip(fc->types[1])->kind != TYPE_ARRAY)
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Second argument of function %s must be a constant set", fc->name);
    SetState *s = arena_alloc(&fc->q->arena, sizeof *s);
    Column *arr = fc->consts[1];
    Column *el = arr->sub[0];
    size_t n = el->rows;
    s->cap = 16;
    while (s->cap < n * 2 + 2) s->cap *= 2;
    s->hash = xcalloc(s->cap, sizeof *s->hash);
    s->off = xcalloc(s->cap, sizeof *s->off);
    s->len = xcalloc(s->cap, sizeof *s->len);
    MemTracker *saved = mem_current;
    mem_current = NULL;
    Buf k = {0};
    for (size_t i = 0; i < n; i++) {
        if (col_is_null(el, i)) continue;
        k.len = 0;
        const Column *v = el->type->kind == TYPE_NULLABLE ? el->sub[0] : el;
        col_serialize_key(v, i, &k);
        set_insert(s, k.data, k.len);
    }
    buf_free(&k);
    mem_current = saved;
    qctx_defer(fc->q, set_release, s);
    fc->state = s;
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int in_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    SetState *s = fc->state;
    bool negate = !strcmp(fc->def->name, "notIn");
    Column *x = args[0];
    if (x->type->kind == TYPE_LOWCARDINALITY) x = x->sub[0];
    Column *r = fn_fixed(type_basic(TYPE_UINT8), rows);
    Buf k = {0};
    for (size_t i = 0; i < rows; i++) {
        k.len = 0;
        col_serialize_key(x, i, &k);
        COL_DATA(r, uint8_t)[i] = set_has(s, k.data, k.len) != negate;
    }
    buf_free(&k);
    *out = r;
    return 0;
}

const FuncDef FUNCS_set[] = {
    {"in", 2, 2, FN_DEFAULT | FF_RAW_CONST, in_resolve, in_exec, NULL},
    {"notIn", 2, 2, FN_DEFAULT | FF_RAW_CONST, in_resolve, in_exec, NULL},
    {"globalIn", 2, 2, FN_DEFAULT | FF_RAW_CONST, in_resolve, in_exec, NULL},
    {"globalNotIn", 2, 2, FN_DEFAULT | FF_RAW_CONST, in_resolve, in_exec, NULL},
    {0},
};
