/* agg_map.c — sumMap, sumMapWithOverflow, minMap and maxMap: one inner
 * aggregate (sum, sumWithOverflow, min, max) per key. Arguments are a
 * Map(K, V) (the result is then a Map(K, R)) or two arrays of keys and
 * values (the result a Tuple(Array(K), Array(R))); keys come out sorted.
 * The -Map combinator (avgMap, countMap, uniqMap, groupArrayMap ...) is the
 * same machine over any inner call, Map form only (agg_map_wrap).
 * The state is a pointer to the keys seen (a column, a hash over their
 * serialized bytes) and an array of inner states, one per key (moved as
 * bytes when it grows: inner states hold no pointers into themselves).
 */
#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/mem.h"
#include "agg.h"

typedef struct MapCfg {
    AggCall inner;              /* over one value */
    bool map_form;
} MapCfg;

typedef struct MapData {
    Column *keys;               /* distinct keys, as first seen */
    char *states;               /* keys->rows inner states */
    size_t cap;                 /* states allocated */
    uint64_t *hash;             /* open addressing: hash | 1, 0 = empty */
    uint32_t *slot;             /* key index of each used entry */
    size_t hcap;
    Buf kb;                     /* serialized keys back to back */
    Buf koff;                   /* uint64 end offset of each */
} MapData;

static size_t inner_size(const MapCfg *c) { return c->inner.state_size ? c->inner.state_size : 1; }

static int map_resolve(AggCall *ac, Err *err)
{
    MapCfg *c = arena_alloc(&ac->q->arena, sizeof *c);
    const DataType *k, *v;
    if (ac->nargs == 1 && type_strip_lc(ac->types[0])->kind == TYPE_MAP) {
        const DataType *m = type_strip_lc(ac->types[0]);
        k = m->sub[0], v = m->sub[1];
        c->map_form = true;
    } else if (ac->nargs == 2 && type_strip_lc(ac->types[0])->kind == TYPE_ARRAY && type_strip_lc(ac->types[1])->kind == TYPE_ARRAY) {
        k = type_strip_lc(ac->types[0])->sub[0], v = type_strip_lc(ac->types[1])->sub[0];
    } else {
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Aggregate function %s requires a Map or two Arrays (keys and values)", ac->name);
    }
    const char *base = !strcmp(ac->name, "minMap") ? "min" : !strcmp(ac->name, "maxMap") ? "max"
                     : !strcmp(ac->name, "sumMapWithOverflow") ? "sumWithOverflow" : "sum";
    int rc = agg_resolve(&c->inner, ac->q, base, &v, 1, NULL, 0, err);
    if (rc) return rc;
    const DataType *r = c->inner.ret;
    if (c->map_form) {
        ac->ret = type_map(k, r);
    } else {
        const DataType *subs[2] = {type_array(k), type_array(r)};
        ac->ret = type_tuple(2, subs, NULL);
    }
    ac->cfg = c;
    ac->state_size = sizeof(MapData *);
    return 0;
}

static void map_init(AggCall *ac, void *st) { *(MapData **)st = NULL; }

static MapData *data_of(AggCall *ac, void *st)
{
    MapData **p = st;
    if (!*p) {
        MapData *d = mem_calloc(sizeof *d);
        const MapCfg *c = ac->cfg;
        (void)c;
        d->keys = col_new(type_strip_lc(ac->types[0])->sub[0]);   /* Map(K, V) or Array(K) */
        *p = d;
    }
    return *p;
}

static void rehash(MapData *d)
{
    size_t ncap = d->hcap ? d->hcap * 2 : 16;
    uint64_t *nh = mem_calloc(ncap * sizeof *nh);
    uint32_t *ns = mem_calloc(ncap * sizeof *ns);
    for (size_t i = 0; i < d->hcap; i++)
        if (d->hash[i]) {
            size_t j = d->hash[i] & (ncap - 1);
            while (nh[j]) j = (j + 1) & (ncap - 1);
            nh[j] = d->hash[i];
            ns[j] = d->slot[i];
        }
    if (d->hcap) {
        mem_free(d->hash, d->hcap * sizeof *d->hash);
        mem_free(d->slot, d->hcap * sizeof *d->slot);
    }
    d->hash = nh, d->slot = ns, d->hcap = ncap;
}

/* The inner state of key row r of column kc, added (initialised) if new. */
static char *state_for(AggCall *ac, MapData *d, const Column *kc, size_t r)
{
    const MapCfg *c = ac->cfg;
    size_t sz = inner_size(c);
    Buf k = {0};
    col_serialize_key(kc, r, &k);
    uint64_t h = cityhash64(k.data ? k.data : "", k.len) | 1;   /* 0 marks an empty slot */
    if ((d->keys->rows + 1) * 2 > d->hcap) rehash(d);
    const uint64_t *off = (const uint64_t *)(void *)d->koff.data;
    size_t j = h & (d->hcap - 1);
    for (; d->hash[j]; j = (j + 1) & (d->hcap - 1)) {
        uint32_t s = d->slot[j];
        uint64_t b = s ? off[s - 1] : 0;
        if (d->hash[j] == h && off[s] - b == k.len && !memcmp(d->kb.data + b, k.data, k.len)) {
            buf_free(&k);
            return d->states + (size_t)s * sz;
        }
    }
    uint32_t s = (uint32_t)d->keys->rows;
    d->hash[j] = h;
    d->slot[j] = s;
    buf_put(&d->kb, k.data ? k.data : "", k.len);
    uint64_t end = d->kb.len;
    buf_put(&d->koff, &end, sizeof end);
    buf_free(&k);
    col_push_from(d->keys, kc, r);
    if (d->keys->rows > d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 8;
        d->states = mem_realloc(d->states, d->cap * sz, ncap * sz);
        d->cap = ncap;
    }
    char *st = d->states + (size_t)s * sz;
    agg_init((AggCall *)&c->inner, st);
    return st;
}

/* Row `row`: keys kc[*b, *e) with their values from vc[*vb ...). */
static void elements(AggCall *ac, Column **args, size_t row, const Column **kc, const Column **vc, size_t *b, size_t *e, size_t *vb)
{
    const MapCfg *c = ac->cfg;
    const Column *kcol = args[0];
    size_t rk = kcol->is_const ? 0 : row;
    *b = rk ? COL_OFFS(kcol)[rk - 1] : 0;
    *e = COL_OFFS(kcol)[rk];
    *kc = kcol->sub[0];
    *vb = *b;
    *vc = kcol->sub[c->map_form ? 1 : 0];
    if (c->map_form) return;
    const Column *vcol = args[1];
    size_t rv = vcol->is_const ? 0 : row, ve = COL_OFFS(vcol)[rv];
    *vb = rv ? COL_OFFS(vcol)[rv - 1] : 0;
    if (ve - *vb < *e - *b) *e = *b + (ve - *vb);   /* keys past the values are dropped */
    *vc = vcol->sub[0];
}

static void map_add(AggCall *ac, void *st, Column **args, size_t row)
{
    const MapCfg *c = ac->cfg;
    MapData *d = data_of(ac, st);
    const Column *kc, *vc;
    size_t b, e, vb;
    elements(ac, args, row, &kc, &vc, &b, &e, &vb);
    for (size_t i = b; i < e; i++) {
        Column *v = (Column *)vc;
        agg_add((AggCall *)&c->inner, state_for(ac, d, kc, i), &v, vb + (i - b));
    }
}

static void map_merge(AggCall *ac, void *dst, void *src)
{
    const MapCfg *c = ac->cfg;
    MapData *b = *(MapData **)src;
    if (!b) return;
    MapData *a = data_of(ac, dst);
    size_t sz = inner_size(c);
    for (size_t i = 0; i < b->keys->rows; i++) agg_merge((AggCall *)&c->inner, state_for(ac, a, b->keys, i), b->states + i * sz);
}

static int key_cmp(const void *x, const void *y, void *ctx)
{
    const Column *k = ctx;
    return col_compare(k, *(const uint32_t *)x, k, *(const uint32_t *)y, 1);
}

static int map_final(AggCall *ac, void *st, Column *out, Err *err)
{
    const MapCfg *c = ac->cfg;
    MapData *d = *(MapData **)st;
    size_t n = d ? d->keys->rows : 0, sz = inner_size(c);
    uint32_t *ord = xmalloc(sizeof *ord * (n ? n : 1));
    for (size_t i = 0; i < n; i++) ord[i] = (uint32_t)i;
    if (n) qsort_r(ord, n, sizeof *ord, key_cmp, d->keys);
    Column *kout = c->map_form ? out->sub[0] : out->sub[0]->sub[0], *vout = c->map_form ? out->sub[1] : out->sub[1]->sub[0];
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        col_push_from(kout, d->keys, ord[i]);
        rc = agg_finalize((AggCall *)&c->inner, d->states + (size_t)ord[i] * sz, vout, err);
    }
    free(ord);
    if (c->map_form) {
        col_close_array(out);
    } else {
        col_close_array(out->sub[0]);
        col_close_array(out->sub[1]);
        out->rows++;
    }
    return rc;
}

static void map_destroy(AggCall *ac, void *st)
{
    const MapCfg *c = ac->cfg;
    MapData *d = *(MapData **)st;
    if (!d) return;
    size_t sz = inner_size(c);
    if (agg_has_destroy(&c->inner))
        for (size_t i = 0; i < d->keys->rows; i++) agg_destroy((AggCall *)&c->inner, d->states + i * sz);
    col_unref(d->keys);
    if (d->cap) mem_free(d->states, d->cap * sz);
    if (d->hcap) {
        mem_free(d->hash, d->hcap * sizeof *d->hash);
        mem_free(d->slot, d->hcap * sizeof *d->slot);
    }
    buf_free(&d->kb);
    buf_free(&d->koff);
    mem_free(d, sizeof *d);
    *(MapData **)st = NULL;
}

/* -Map over any aggregate: the inner call is resolved by agg.c's chain. */
static const AggDef MAP_COMBINATOR = {"-Map", 1, 1, 0, 0, AF_OWN_NULLS, NULL, map_init, map_add, map_merge, map_final, map_destroy,
                                      NULL, NULL, NULL, NULL, NULL};

int agg_map_wrap(AggCall *ac, QueryCtx *q, const char *name, const DataType *arg, const AggCall *inner, Err *err)
{
    const DataType *m = type_strip_lc(arg);
    if (m->kind != TYPE_MAP) return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Aggregate function %s requires map as argument", name);
    MapCfg *c = arena_alloc(&q->arena, sizeof *c);
    c->inner = *inner;
    c->map_form = true;
    memset(ac, 0, sizeof *ac);
    ac->def = &MAP_COMBINATOR;
    ac->q = q;
    ac->name = name;
    ac->nargs = 1;
    ac->types = arena_alloc(&q->arena, sizeof *ac->types);
    ac->types[0] = arg;
    ac->ret = type_map(m->sub[0], inner->ret);
    ac->cfg = c;
    ac->state_size = sizeof(MapData *);
    return 0;
}

const AggDef AGGS_map[] = {
    {"sumMap", 1, 2, 0, 0, AF_OWN_NULLS, map_resolve, map_init, map_add, map_merge, map_final, map_destroy, NULL, NULL, NULL, NULL, NULL},
    {"sumMapWithOverflow", 1, 2, 0, 0, AF_OWN_NULLS, map_resolve, map_init, map_add, map_merge, map_final, map_destroy, NULL, NULL, NULL, NULL, NULL},
    {"minMap", 1, 2, 0, 0, AF_OWN_NULLS, map_resolve, map_init, map_add, map_merge, map_final, map_destroy, NULL, NULL, NULL, NULL, NULL},
    {"maxMap", 1, 2, 0, 0, AF_OWN_NULLS, map_resolve, map_init, map_add, map_merge, map_final, map_destroy, NULL, NULL, NULL, NULL, NULL},
    {0},
};
