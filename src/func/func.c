/* func.c — function registry, resolution and execution wrappers; see func.h. */
#include "func.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "agg.h"

static const FuncDef *const FAMILIES[] = {
#define FUNC_FAMILY(name) FUNCS_##name,
#include "functions.def"
#undef FUNC_FAMILY
};

#define REG_BUCKETS 2048
typedef struct RegEntry { const FuncDef *def; struct RegEntry *next; } RegEntry;
static RegEntry *g_reg[REG_BUCKETS];
static const FuncDef **g_all;
static size_t g_nall;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static unsigned name_hash(const char *s, bool ci)
{
    unsigned h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)(ci ? (*s | 32) : *s)) * 16777619u;
    return h % REG_BUCKETS;
}

static void reg_add(const FuncDef *d)
{
    RegEntry *e = xmalloc(sizeof *e);
    e->def = d;
    unsigned h = name_hash(d->name, true);
    e->next = g_reg[h];
    g_reg[h] = e;
    g_all = xrealloc(g_all, sizeof *g_all * (g_nall + 1));
    g_all[g_nall++] = d;
}

/* Functions only a test build links in (tests/sandbox/test_hooks.c). */
extern const FuncDef FUNCS_test_hooks[] __attribute__((weak));

static void reg_init(void)
{
    for (size_t f = 0; f < sizeof FAMILIES / sizeof FAMILIES[0]; f++)
        for (const FuncDef *d = FAMILIES[f]; d->name; d++) reg_add(d);
    if (FUNCS_test_hooks)
        for (const FuncDef *d = FUNCS_test_hooks; d->name; d++) reg_add(d);
}

const FuncDef *func_find(const char *name)
{
    pthread_once(&g_once, reg_init);
    const FuncDef *ci = NULL;
    for (RegEntry *e = g_reg[name_hash(name, true)]; e; e = e->next) {
        if (strcmp(e->def->name, name) == 0) return e->def;
        if ((e->def->flags & FF_CI) && strcasecmp(e->def->name, name) == 0) ci = e->def;
    }
    return ci;
}

const FuncDef *func_at(size_t i)
{
    pthread_once(&g_once, reg_init);
    return i < g_nall ? g_all[i] : NULL;
}

/* ---- helpers ---- */

Column *fn_fixed(const DataType *t, size_t rows)
{
    Column *c = col_new(t);
    size_t w = t->kind == TYPE_FIXEDSTRING ? (size_t)t->p1 : (size_t)t->size;
    buf_extend(&c->data, rows * w);
    c->rows = rows;
    return c;
}

void fn_format_settings(QueryCtx *q, FormatSettings *fs)
{
    format_settings_default(fs);
    if (q) fs->tz = q->tz;
}

int fn_cast(FuncCall *fc, Column *c, const DataType *t, Column **out, Err *err)
{
    FormatSettings fs;
    fn_format_settings(fc->q, &fs);
    return col_cast(c, t, CAST_THROW, &fs, out, err);
}

bool fn_const_str(FuncCall *fc, int i, const char **s, size_t *n)
{
    Column *c = fc->consts ? fc->consts[i] : NULL;
    if (!c) return false;
    const DataType *t = type_strip(c->type);
    if (t->kind != TYPE_STRING && t->kind != TYPE_FIXEDSTRING) return false;
    if (col_is_null(c, 0)) return false;
    Column *inner = c;
    while (inner->type->kind == TYPE_LOWCARDINALITY || inner->type->kind == TYPE_NULLABLE) inner = inner->sub[0];
    *s = col_str(inner, 0, n);
    return true;
}

bool fn_const_int(FuncCall *fc, int i, int64_t *v)
{
    Column *c = fc->consts ? fc->consts[i] : NULL;
    if (!c) return false;
    const DataType *t = type_strip(c->type);
    if (!type_is_int(t) && t->kind != TYPE_BOOL) return false;
    Column *inner = c;
    while (inner->type->kind == TYPE_LOWCARDINALITY || inner->type->kind == TYPE_NULLABLE) inner = inner->sub[0];
    *v = col_get_i64(inner, 0);
    return true;
}

int fn_err_arg_type(FuncCall *fc, int i, Err *err)
{
    static const char *ORD[] = {"first", "second", "third", "fourth", "fifth", "sixth"};
    return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of %s argument of function %s", fc->types[i]->name,
                   i < 6 ? ORD[i] : "an", fc->name);
}

int fn_err_const(FuncCall *fc, int i, Err *err)
{
    return err_set(err, ERR_ILLEGAL_COLUMN, "Argument %d of function %s must be constant", i + 1, fc->name);
}

/* ---- resolve ---- */

static int arity_error(const FuncDef *d, const char *name, int n, Err *err)
{
    char should[64];
    if (d->max_args == d->min_args) snprintf(should, sizeof should, "%d", d->min_args);
    else if (d->max_args < 0) snprintf(should, sizeof should, "at least %d", d->min_args);
    else snprintf(should, sizeof should, "%d to %d", d->min_args, d->max_args);
    return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                   "Number of arguments for function %s doesn't match: passed %d, should be %s", name, n, should);
}

int func_resolve(FuncCall *fc, QueryCtx *q, const char *name, const DataType **types, Column **consts, int nargs, Err *err)
{
    const FuncDef *d = func_find(name);
    if (!d) {
        if (agg_find(name)) return err_set(err, ERR_ILLEGAL_AGGREGATION, "Aggregate function %s is found in wrong place in query", name);
        return err_set(err, ERR_UNKNOWN_FUNCTION, "Function with name `%s` does not exist. In scope %s", name, name);
    }
    if (nargs < d->min_args || (d->max_args >= 0 && nargs > d->max_args)) return arity_error(d, name, nargs, err);
    /* An alias sharing its target's kernels runs as the target, so kernels
     * that look at their own name see the canonical one. */
    if (d->alias_of) {
        const FuncDef *c = func_find(d->alias_of);
        if (c && c->resolve == d->resolve && c->exec == d->exec) d = c;
    }
    fc->def = d;
    fc->q = q;
    fc->name = d->alias_of ? d->alias_of : d->name;
    fc->nargs = nargs;
    fc->types = arena_alloc(&q->arena, sizeof *fc->types * (size_t)(nargs ? nargs : 1));
    fc->consts = arena_alloc(&q->arena, sizeof *fc->consts * (size_t)(nargs ? nargs : 1));
    fc->stripped = arena_alloc(&q->arena, sizeof *fc->stripped * (size_t)(nargs ? nargs : 1));
    bool any_lc = false, any_null = false;
    for (int i = 0; i < nargs; i++) {
        const DataType *t = types[i];
        fc->consts[i] = consts ? consts[i] : NULL;
        if ((d->flags & FF_LC) && t->kind == TYPE_LOWCARDINALITY) {
            t = t->sub[0];
            any_lc = true;
        }
        if ((d->flags & FF_NULLS) && t->kind == TYPE_NULLABLE) {
            if (t->sub[0]->kind == TYPE_NOTHING && !(d->flags & FF_NOTHING_OK)) fc->null_result = true;
            t = t->sub[0];
            fc->stripped[i] = true;
            any_null = true;
        }
        fc->types[i] = t;
    }
    if (fc->null_result) {
        fc->ret = type_basic(TYPE_NOTHING);
        fc->out_type = type_nullable(type_basic(TYPE_NOTHING));
        return 0;
    }
    int rc = d->resolve(fc, err);
    if (rc) return rc;
    const DataType *out = fc->ret;
    fc->null_wrap = any_null;
    if (any_null && type_can_be_nullable(out)) out = type_nullable(out);
    else if (any_null && out->kind != TYPE_NULLABLE) fc->null_wrap = false;
    fc->lc_wrap = false;
    if (any_lc && (type_strip_nullable(out)->kind == TYPE_STRING || type_is_number(type_strip_nullable(out)) ||
                   type_is_date_or_time(type_strip_nullable(out)) || type_strip_nullable(out)->kind == TYPE_FIXEDSTRING)) {
        bool all_lc_or_const = true;
        for (int i = 0; i < nargs; i++)
            if (types[i]->kind != TYPE_LOWCARDINALITY && !(consts && consts[i])) all_lc_or_const = false;
        if (all_lc_or_const) {
            out = type_lowcard(out);
            fc->lc_wrap = true;
        }
    }
    fc->out_type = out;
    return 0;
}

/* ---- exec ---- */

static Column *unwrap_lc(Column *c)
{
    return c->type->kind == TYPE_LOWCARDINALITY ? c->sub[0] : c;
}

/* The nested column of a Nullable column, keeping constness. */
static Column *nested_of(Column *c)
{
    Column *n = c->sub[0];
    if (!c->is_const) return col_ref(n);
    Column *r = col_const_of(n, 0, c->rows);
    return r;
}

static Column *const_null(const DataType *t, size_t rows)
{
    Column *c = col_new(t);
    col_push_default(c);
    c->is_const = true;
    c->rows = rows;
    return c;
}

int func_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    if (fc->null_result) {
        *out = const_null(fc->out_type, rows);
        return 0;
    }
    int n = fc->nargs;
    Column **a = mem_alloc(sizeof *a * (size_t)(n ? n : 1));
    uint8_t *nulls = NULL;
    bool all_const = n > 0;
    for (int i = 0; i < n; i++) {
        Column *c = args[i];
        if ((fc->def->flags & FF_LC) && c->type->kind == TYPE_LOWCARDINALITY) {
            Column *inner = unwrap_lc(c);
            c = c->is_const ? col_const_of(inner, 0, c->rows) : col_ref(inner);
        } else {
            c = col_ref(c);
        }
        if (fc->stripped[i] && c->type->kind == TYPE_NULLABLE) {
            if (!nulls) nulls = mem_calloc(rows ? rows : 1);
            for (size_t r = 0; r < rows; r++) nulls[r] |= COL_NULLS(c)[col_phys(c, r)];
            Column *inner = nested_of(c);
            col_unref(c);
            c = inner;
        }
        if (!c->is_const) all_const = false;
        a[i] = c;
    }
    int rc = 0;
    Column *res = NULL;
    bool fold = all_const && !(fc->def->flags & FF_NONDET) && rows > 0;
    if (fold) {
        for (int i = 0; i < n; i++) {
            Column *one = col_slice(a[i], 0, 1);
            one->is_const = false;
            col_unref(a[i]);
            a[i] = one;
        }
        rc = fc->def->exec(fc, a, 1, &res, err);
        if (!rc) {
            Column *m = res;
            if (m->is_const) {
                m->rows = rows;
            } else {
                res = col_const_of(m, 0, rows);
                col_unref(m);
            }
        }
    } else {
        if (!(fc->def->flags & FF_RAW_CONST))
            for (int i = 0; i < n; i++)
                if (a[i]->is_const) {
                    Column *m = col_materialize(a[i]);
                    col_unref(a[i]);
                    a[i] = m;
                }
        rc = fc->def->exec(fc, a, rows, &res, err);
    }
    for (int i = 0; i < n; i++) col_unref(a[i]);
    mem_free(a, sizeof *a * (size_t)(n ? n : 1));
    if (rc) {
        if (nulls) mem_free(nulls, rows ? rows : 1);
        return rc;
    }
    if (nulls && fc->null_wrap) {
        Column *w;
        if (res->type->kind == TYPE_NULLABLE) {
            Column *m = col_unshare(col_ref(res));
            for (size_t r = 0; r < rows; r++) COL_NULLS(m)[r] |= nulls[r];
            w = m;
        } else {
            Column *m = col_materialize(res);
            w = col_wrap_nullable(m, nulls);
            col_unref(m);
        }
        col_unref(res);
        res = w;
        if (fold) {
            /* all-constant with NULL: keep constant */
            Column *c1 = col_const_of(res, 0, rows);
            col_unref(res);
            res = c1;
        }
    }
    if (nulls) mem_free(nulls, rows ? rows : 1);
    if (fc->lc_wrap && res->type->kind != TYPE_LOWCARDINALITY) {
        Column *lc = col_new(type_lowcard(res->type));
        col_unref(lc->sub[0]);
        lc->sub[0] = res->is_const ? col_materialize(res) : col_ref(res);
        lc->rows = lc->sub[0]->rows;
        bool was_const = res->is_const;
        col_unref(res);
        res = lc;
        if (was_const) {
            Column *c1 = col_const_of(res, 0, rows);
            col_unref(res);
            res = c1;
        }
    }
    *out = res;
    return 0;
}
