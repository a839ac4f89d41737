/* agg.c — aggregate registry, combinators (-If, -Array, -Distinct, -OrNull,
 * -OrDefault; -Map is a call of its own, agg_map.c) and the NULL-skipping
 * wrapper; see agg.h.
 *
 * A combinator is an AggCall whose `inner` is the nested call; its state is a
 * 16-byte header followed by the inner state. The operators never see the
 * difference: they call agg_init/add/merge/finalize/destroy on the outer call.
 */
#include "agg.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "../column/cast.h"

static const AggDef *const FAMILIES[] = {AGGS_basic, AGGS_quantile, AGGS_stat, AGGS_collect, AGGS_uniq, AGGS_hll, AGGS_map, AGGS_garr};

const AggDef *agg_find(const char *name)
{
    const AggDef *ci = NULL;
    for (size_t f = 0; f < sizeof FAMILIES / sizeof FAMILIES[0]; f++)
        for (const AggDef *d = FAMILIES[f]; d->name; d++) {
            if (strcmp(d->name, name) == 0) return d;
            if ((d->flags & AF_CI) && strcasecmp(d->name, name) == 0) ci = d;
        }
    return ci;
}

const AggDef *agg_at(size_t i)
{
    for (size_t f = 0; f < sizeof FAMILIES / sizeof FAMILIES[0]; f++)
        for (const AggDef *d = FAMILIES[f]; d->name; d++)
            if (i-- == 0) return d;
    return NULL;
}

static const struct { const char *suffix; CombKind kind; } SUFFIXES[] = {
    {"OrDefault", COMB_OR_DEFAULT}, {"OrNull", COMB_OR_NULL}, {"Distinct", COMB_DISTINCT},
    {"Array", COMB_ARRAY}, {"If", COMB_IF}, {"Map", COMB_MAP},
};

/* Splits name into base + combinator chain (outermost last). Returns base def or NULL. */
static const AggDef *split_name(const char *name, CombKind *chain, int *nchain)
{
    const AggDef *d = agg_find(name);
    if (d) return d;
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof SUFFIXES / sizeof SUFFIXES[0]; i++) {
        size_t sl = strlen(SUFFIXES[i].suffix);
        if (n > sl && strcmp(name + n - sl, SUFFIXES[i].suffix) == 0 && *nchain < 8) {
            char base[256];
            if (n - sl >= sizeof base) return NULL;
            memcpy(base, name, n - sl);
            base[n - sl] = 0;
            int save = *nchain;
            chain[(*nchain)++] = SUFFIXES[i].kind;
            const AggDef *r = split_name(base, chain, nchain);
            if (r) return r;
            *nchain = save;
        }
    }
    return NULL;
}

bool agg_is_aggregate(const char *name)
{
    CombKind chain[8];
    int n = 0;
    return split_name(name, chain, &n) != NULL || agg_state_name(name);
}

#define HDR AGG_COMB_HDR

static int resolve_base(AggCall *ac, const AggDef *d, QueryCtx *q, const char *name, const DataType **types, int nargs,
                        Column **params, int nparams, Err *err)
{
    if (nargs < d->min_args || (d->max_args >= 0 && nargs > d->max_args))
        return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                       "Aggregate function %s requires %d to %d arguments, passed %d", name, d->min_args, d->max_args, nargs);
    if (nparams < d->min_params || (d->max_params >= 0 && nparams > d->max_params))
        return err_set(err, nparams > 0 && d->max_params == 0 ? ERR_AGGREGATE_FUNCTION_DOESNT_ALLOW_PARAMETERS
                                                              : ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                       "Aggregate function %s requires %d to %d parameters, passed %d", name, d->min_params, d->max_params, nparams);
    ac->def = d;
    ac->comb = COMB_NONE;
    ac->q = q;
    ac->name = d->alias_of ? d->alias_of : d->name;
    ac->nargs = nargs;
    ac->types = arena_alloc(&q->arena, sizeof *ac->types * (size_t)(nargs ? nargs : 1));
    for (int i = 0; i < nargs; i++) ac->types[i] = types[i];
    ac->nparams = nparams;
    ac->params = arena_alloc(&q->arena, sizeof *ac->params * (size_t)(nparams ? nparams : 1));
    ac->param_cols = params;
    for (int i = 0; i < nparams; i++) {
        Column *p = params[i];
        const DataType *pt = type_strip(p->type);
        ac->params[i] = (type_is_number(pt) || type_is_decimal(pt)) ? col_get_f64(p, 0) : 0;
    }
    return d->resolve(ac, err);
}

AggCall *agg_wrap(QueryCtx *q, CombKind kind, AggCall *inner, const char *name)
{
    AggCall *w = arena_alloc(&q->arena, sizeof *w);
    w->comb = kind;
    w->inner = inner;
    w->q = q;
    w->name = name;
    w->ret = inner->ret;
    w->state_size = HDR + inner->state_size;
    return w;
}

/* Resolves the chain from the innermost (base) outwards. chain[] is outermost-first. */
static int resolve_chain(AggCall *ac, const AggDef *d, CombKind *chain, int nchain, QueryCtx *q, const char *name,
                         const DataType **types, int nargs, Column **params, int nparams, Err *err)
{
    if (nchain == 0) return resolve_base(ac, d, q, name, types, nargs, params, nparams, err);
    CombKind k = chain[0];
    const DataType **inner_types = arena_alloc(&q->arena, sizeof *inner_types * (size_t)(nargs ? nargs : 1));
    int inner_n = nargs;
    for (int i = 0; i < nargs; i++) inner_types[i] = types[i];
    if (k == COMB_IF) {
        if (nargs < 1) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function %s requires a condition argument", name);
        const DataType *c = type_strip(types[nargs - 1]);
        if (!(type_is_uint(c) || c->kind == TYPE_BOOL))
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of last argument for aggregate function with If suffix",
                           types[nargs - 1]->name);
        inner_n = nargs - 1;
    } else if (k == COMB_MAP) {
        if (nargs != 1) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Map combinator takes only one map argument");
        const DataType *m = type_strip_lc(types[0]);
        if (m->kind != TYPE_MAP)
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Aggregate function %s requires map as argument", name);
        inner_types[0] = m->sub[1];
    } else if (k == COMB_ARRAY) {
        for (int i = 0; i < nargs; i++) {
            const DataType *t = type_strip_lc(types[i]);
            if (t->kind != TYPE_ARRAY)
                return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of argument for aggregate function with Array suffix",
                               types[i]->name);
            inner_types[i] = t->sub[0];
        }
    }
    AggCall *inner = arena_alloc(&q->arena, sizeof *inner);
    int rc = resolve_chain(inner, d, chain + 1, nchain - 1, q, name, inner_types, inner_n, params, nparams, err);
    if (rc) return rc;
    if (k == COMB_MAP) return agg_map_wrap(ac, q, name, types[0], inner, err);
    *ac = *agg_wrap(q, k, inner, name);
    ac->nargs = nargs;
    if (k == COMB_OR_NULL && type_can_be_nullable(inner->ret)) ac->ret = type_nullable(inner->ret);
    return 0;
}

static bool has_nullable(const DataType **types, int n)
{
    for (int i = 0; i < n; i++)
        if (type_strip_lc(types[i])->kind == TYPE_NULLABLE) return true;
    return false;
}

static const AggDef *base_of(const AggCall *ac)
{
    while (!ac->def) ac = ac->inner;
    return ac->def;
}

int agg_resolve(AggCall *ac, QueryCtx *q, const char *name, const DataType **types, int nargs, Column **params,
                int nparams, Err *err)
{
    if (nargs > AGG_MAX_ARGS)   /* ClickHouse has no such limit; combinators keep arguments on the stack */
        return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function %s takes at most %d arguments, passed %d", name,
                       AGG_MAX_ARGS, nargs);
    CombKind chain[8];
    int nchain = 0;
    const AggDef *d = split_name(name, chain, &nchain);
    if (!d) {
        int r = agg_resolve_state_merge(ac, q, name, types, nargs, params, nparams, err);
        if (r != 1) return r;
        return err_set(err, ERR_UNKNOWN_AGGREGATE_FUNCTION, "Unknown aggregate function %s", name);
    }
    /* Reverse: split_name appends outermost-first already (suffix at the end = outermost). */
    bool nullable = has_nullable(types, nargs);
    const DataType **stripped = arena_alloc(&q->arena, sizeof *stripped * (size_t)(nargs ? nargs : 1));
    bool only_null = false;
    for (int i = 0; i < nargs; i++) {
        const DataType *t = type_strip_lc(types[i]);
        if (t->kind == TYPE_NULLABLE) {
            if (t->sub[0]->kind == TYPE_NOTHING) only_null = true;
            t = t->sub[0];
        }
        stripped[i] = t;
    }
    if (!nullable) return resolve_chain(ac, d, chain, nchain, q, name, types, nargs, params, nparams, err);
    /* An argument that is always NULL (Nullable(Nothing)): the function never
     * sees a row. count and uniq* give their default (0), everything else NULL
     * of type Nullable(Nothing), as ClickHouse's AggregateFunctionNothing. */
    bool default_when_null = !strncmp(d->name, "count", 5) || !strncmp(d->name, "uniq", 4);
    if (only_null)
        for (int i = 0; i < nargs; i++)
            if (stripped[i]->kind == TYPE_NOTHING) stripped[i] = type_basic(TYPE_UINT8);
    AggCall *inner = arena_alloc(&q->arena, sizeof *inner);
    int rc = resolve_chain(inner, d, chain, nchain, q, name, stripped, nargs, params, nparams, err);
    if (rc) return rc;
    *ac = *agg_wrap(q, COMB_NULL, inner, name);
    ac->nargs = nargs;
    bool own = (base_of(inner)->flags & AF_OWN_NULLS) != 0;
    if (only_null && !default_when_null) {
        ac->ret = type_nullable(type_basic(TYPE_NOTHING));
        return 0;
    }
    if (own) ac->cfg = (void *)1;
    else if (type_can_be_nullable(inner->ret)) ac->ret = type_nullable(inner->ret);
    return 0;
}

/* ---- runtime ---- */

typedef struct DistinctSet {
    size_t cap, n;
    uint64_t *hashes;
    char **keys;
    size_t *lens;
} DistinctSet;

static bool distinct_insert(DistinctSet **ps, const char *key, size_t len)
{
    DistinctSet *s = *ps;
    if (!s) {
        s = *ps = mem_calloc(sizeof *s);
        s->cap = 16;
        s->hashes = mem_calloc(s->cap * sizeof *s->hashes);
        s->keys = mem_calloc(s->cap * sizeof *s->keys);
        s->lens = mem_calloc(s->cap * sizeof *s->lens);
    }
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)key[i]) * 1099511628211ull;
    h |= 1;
    if ((s->n + 1) * 2 > s->cap) {
        size_t ncap = s->cap * 2;
        uint64_t *nh = mem_calloc(ncap * sizeof *nh);
        char **nk = mem_calloc(ncap * sizeof *nk);
        size_t *nl = mem_calloc(ncap * sizeof *nl);
        for (size_t i = 0; i < s->cap; i++)
            if (s->hashes[i]) {
                size_t j = s->hashes[i] & (ncap - 1);
                while (nh[j]) j = (j + 1) & (ncap - 1);
                nh[j] = s->hashes[i];
                nk[j] = s->keys[i];
                nl[j] = s->lens[i];
            }
        mem_free(s->hashes, s->cap * sizeof *s->hashes);
        mem_free(s->keys, s->cap * sizeof *s->keys);
        mem_free(s->lens, s->cap * sizeof *s->lens);
        s->hashes = nh;
        s->keys = nk;
        s->lens = nl;
        s->cap = ncap;
    }
    size_t j = h & (s->cap - 1);
    while (s->hashes[j]) {
        if (s->hashes[j] == h && s->lens[j] == len && memcmp(s->keys[j], key, len) == 0) return false;
        j = (j + 1) & (s->cap - 1);
    }
    s->hashes[j] = h;
    s->keys[j] = mem_alloc(len ? len : 1);
    memcpy(s->keys[j], key, len);
    s->lens[j] = len;
    s->n++;
    return true;
}

static void distinct_free(DistinctSet *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->cap; i++)
        if (s->hashes[i]) mem_free(s->keys[i], s->lens[i] ? s->lens[i] : 1);
    mem_free(s->hashes, s->cap * sizeof *s->hashes);
    mem_free(s->keys, s->cap * sizeof *s->keys);
    mem_free(s->lens, s->cap * sizeof *s->lens);
    mem_free(s, sizeof *s);
}

static inline void *inner_st(void *st) { return (char *)st + HDR; }

void agg_init(AggCall *ac, void *st)
{
    if (ac->def) {
        ac->def->init(ac, st);
        return;
    }
    memset(st, 0, HDR);
    agg_init(ac->inner, inner_st(st));
}

static Column *nested_col(Column *c)
{
    if (c->type->kind == TYPE_LOWCARDINALITY) c = c->sub[0];
    if (c->type->kind == TYPE_NULLABLE) c = c->sub[0];
    return c;
}

void agg_add(AggCall *ac, void *st, Column **args, size_t row)
{
    if (ac->def) {
        ac->def->add(ac, st, args, row);
        return;
    }
    unsigned char *hdr = st;
    switch (ac->comb) {
    case COMB_NULL: {
        Column *na[AGG_MAX_ARGS];
        int n = ac->nargs;
        for (int i = 0; i < n; i++) {
            Column *c = args[i];
            if (c->type->kind == TYPE_LOWCARDINALITY) c = c->sub[0];
            if (c->type->kind == TYPE_NULLABLE) {
                /* The If condition may be NULL: then the row does not count. */
                if (COL_NULLS(c)[row]) return;
                c = c->sub[0];
            }
            na[i] = c;
        }
        hdr[0] = 1;
        agg_add(ac->inner, inner_st(st), na, row);
        return;
    }
    case COMB_IF: {
        Column *c = nested_col(args[ac->nargs - 1]);
        if (col_is_null(args[ac->nargs - 1], row) || !col_get_u64(c, row)) return;
        hdr[0] = 1;
        agg_add(ac->inner, inner_st(st), args, row);
        return;
    }
    case COMB_ARRAY: {
        Column *el[AGG_MAX_ARGS];
        int n = ac->nargs;
        Column *a0 = args[0]->type->kind == TYPE_LOWCARDINALITY ? args[0]->sub[0] : args[0];
        uint64_t b = col_off_begin(a0, row), e = COL_OFFS(a0)[row];
        for (int i = 0; i < n; i++) {
            Column *a = args[i]->type->kind == TYPE_LOWCARDINALITY ? args[i]->sub[0] : args[i];
            el[i] = a->sub[0];
            uint64_t bi = col_off_begin(a, row), ei = COL_OFFS(a)[row];
            if (ei - bi != e - b) return;   /* sizes differ: ClickHouse throws; rows are skipped here */
        }
        /* Array args of one row have equal sizes and, being built together, the
         * same element offsets; element k of every arg is at index b + k. */
        for (uint64_t k = b; k < e; k++) {
            hdr[0] = 1;
            agg_add(ac->inner, inner_st(st), el, (size_t)k);
        }
        return;
    }
    case COMB_MERGE: {
        /* a state value: read it into a scratch state and merge that in */
        size_t n;
        const char *s = col_str(args[0], row, &n);
        void *tmp = mem_alloc(ac->inner->state_size ? ac->inner->state_size : 1);
        agg_init(ac->inner, tmp);
        Err e;
        if (agg_deserialize(ac->inner, tmp, s, n, &e) == 0) {   /* states come from this process's -State and checksummed parts */
            hdr[0] = 1;
            agg_merge(ac->inner, inner_st(st), tmp);
        }
        agg_destroy(ac->inner, tmp);
        mem_free(tmp, ac->inner->state_size ? ac->inner->state_size : 1);
        return;
    }
    case COMB_DISTINCT: {
        Buf key = {0};
        for (int i = 0; i < ac->nargs; i++) col_serialize_key(args[i], row, &key);
        DistinctSet **set = (DistinctSet **)(void *)(hdr + 8);
        bool fresh = distinct_insert(set, key.data, key.len);
        buf_free(&key);
        if (fresh) {
            hdr[0] = 1;
            agg_add(ac->inner, inner_st(st), args, row);
        }
        return;
    }
    default:
        hdr[0] = 1;
        agg_add(ac->inner, inner_st(st), args, row);
        return;
    }
}

void agg_merge(AggCall *ac, void *dst, void *src)
{
    if (ac->def) {
        ac->def->merge(ac, dst, src);
        return;
    }
    unsigned char *d = dst, *s = src;
    if (ac->comb == COMB_DISTINCT) {
        /* Distinct states merge by re-adding the other side's keys; the nested
         * state merge is correct only for idempotent functions, so it is done
         * through the key set. */
        d[0] |= s[0];
        agg_merge(ac->inner, inner_st(dst), inner_st(src));
        return;
    }
    d[0] |= s[0];
    agg_merge(ac->inner, inner_st(dst), inner_st(src));
}

int agg_finalize(AggCall *ac, void *st, Column *out, Err *err)
{
    if (ac->def) return ac->def->finalize(ac, st, out, err);
    unsigned char *hdr = st;
    bool seen = hdr[0] != 0;
    switch (ac->comb) {
    case COMB_NULL:
        if (ac->cfg) return agg_finalize(ac->inner, inner_st(st), out, err);
        if (ac->ret->kind != TYPE_NULLABLE) return agg_finalize(ac->inner, inner_st(st), out, err);
        if (!seen) {
            col_push_null(out);
            return 0;
        } else {
            int rc = agg_finalize(ac->inner, inner_st(st), out->sub[0], err);
            if (!rc) col_nullable_commit(out, false);
            return rc;
        }
    case COMB_OR_NULL:
        if (ac->ret->kind != TYPE_NULLABLE) return agg_finalize(ac->inner, inner_st(st), out, err);
        if (!seen) {
            col_push_null(out);
            return 0;
        } else {
            int rc = agg_finalize(ac->inner, inner_st(st), out->sub[0], err);
            if (!rc) col_nullable_commit(out, false);
            return rc;
        }
    case COMB_OR_DEFAULT:
        if (!seen) {
            col_push_default(out);
            return 0;
        }
        return agg_finalize(ac->inner, inner_st(st), out, err);
    case COMB_STATE: {
        Buf b = {0};
        AggCall *x = ac->inner;
        void *xs = inner_st(st);
        if (x->comb == COMB_MERGE) x = x->inner, xs = inner_st(xs);   /* xMergeState: the merged states' own kind */
        agg_serialize(x, xs, &b);
        col_push_str(out, b.data ? b.data : "", b.len);
        buf_free(&b);
        return 0;
    }
    default:
        return agg_finalize(ac->inner, inner_st(st), out, err);
    }
}

bool agg_has_destroy(const AggCall *ac)
{
    if (ac->def) return ac->def->destroy != NULL;
    return ac->comb == COMB_DISTINCT || agg_has_destroy(ac->inner);
}

void agg_destroy(AggCall *ac, void *st)
{
    if (ac->def) {
        if (ac->def->destroy) ac->def->destroy(ac, st);
        return;
    }
    if (ac->comb == COMB_DISTINCT) {
        DistinctSet **set = (DistinctSet **)(void *)((unsigned char *)st + 8);
        distinct_free(*set);
        *set = NULL;
    }
    agg_destroy(ac->inner, inner_st(st));
}

/* Single-state batch: combinators turn their conditions into a mask so the
 * base function's vectorised path (e.g. sum's 16-way float accumulation, which
 * ClickHouse uses and whose rounding we must match) sees all rows at once. */
void agg_add_batch(AggCall *ac, void *st, Column **args, size_t rows, const uint8_t *mask)
{
    if (ac->def) {
        if (ac->def->add_batch) {
            ac->def->add_batch(ac, st, args, rows, mask);
            return;
        }
        for (size_t r = 0; r < rows; r++)
            if (!mask || mask[r]) ac->def->add(ac, st, args, r);
        return;
    }
    unsigned char *hdr = st;
    if (ac->comb == COMB_NULL || ac->comb == COMB_IF) {
        uint8_t *m = mem_alloc(rows ? rows : 1);
        if (mask) memcpy(m, mask, rows);
        else memset(m, 1, rows);
        Column *na[AGG_MAX_ARGS];
        int n = ac->nargs;
        if (ac->comb == COMB_NULL) {
            for (int i = 0; i < n; i++) {
                Column *c = args[i];
                if (c->type->kind == TYPE_LOWCARDINALITY) c = c->sub[0];
                if (c->type->kind == TYPE_NULLABLE) {
                    for (size_t r = 0; r < rows; r++) m[r] &= !COL_NULLS(c)[r];
                    c = c->sub[0];
                }
                na[i] = c;
            }
        } else {
            Column *cond = args[ac->nargs - 1];
            Column *cn = nested_col(cond);
            for (size_t r = 0; r < rows; r++) m[r] &= !col_is_null(cond, r) && col_get_u64(cn, r) != 0;
            for (int i = 0; i < n; i++) na[i] = args[i];
        }
        for (size_t r = 0; r < rows && !hdr[0]; r++) hdr[0] |= m[r];
        agg_add_batch(ac->inner, inner_st(st), na, rows, m);
        mem_free(m, rows ? rows : 1);
        return;
    }
    for (size_t r = 0; r < rows; r++)
        if (!mask || mask[r]) agg_add(ac, st, args, r);
}
