/* agg_collect.c — groupArray, groupArraySorted, groupUniqArray, topK, and the exact distinct
 * counter uniqExact (= count(DISTINCT)); the approximate ones are
 * agg_uniq.c and agg_hll.c.
 *
 * Their states hold a pointer to a heap structure (a column of values, or a
 * hash set of value keys) that destroy() releases.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../base/mem.h"
#include "../base/strsearch.h"
#include "agg.h"

/* ---- a small hash set of byte keys with counts ---- */

/* One slot holds everything a probe compares: one cache miss, not four. */
typedef struct KsSlot {
    uint64_t h;        /* 0 = empty */
    uint32_t off;      /* key offset in keys */
    uint32_t len;
    uint64_t count;
} KsSlot;

typedef struct KeySet {
    size_t cap, n;
    KsSlot *slot;
    uint32_t *order;   /* insertion order: slot indexes */
    Buf keys;
} KeySet;

static uint64_t key_hash(const char *k, size_t n) { return XXH3_64bits(k, n) | 1; }   /* 0 marks an empty slot */

static void ks_grow(KeySet *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 16;
    KsSlot *ns = mem_calloc(ncap * sizeof *ns);
    uint32_t *nord = mem_calloc(ncap * 4);
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        const KsSlot *o = &s->slot[s->order[i]];
        size_t j = o->h & (ncap - 1);
        while (ns[j].h) j = (j + 1) & (ncap - 1);
        ns[j] = *o;
        nord[k++] = (uint32_t)j;
    }
    if (s->cap) {
        mem_free(s->slot, s->cap * sizeof *s->slot);
        mem_free(s->order, s->cap * 4);
    }
    s->slot = ns, s->order = nord, s->cap = ncap;
}


/* Adds key with weight w; returns true if new. */
static bool ks_add_h(KeySet *s, const char *k, size_t n, uint64_t h, uint64_t w);

static bool ks_add(KeySet *s, const char *k, size_t n, uint64_t w) { return ks_add_h(s, k, n, key_hash(k, n), w); }

/* ks_add with the key's hash (key_hash) already known. */
static bool ks_add_h(KeySet *s, const char *k, size_t n, uint64_t h, uint64_t w)
{
    if ((s->n + 1) * 2 > s->cap) ks_grow(s);
    size_t j = h & (s->cap - 1);
    while (s->slot[j].h) {
        if (s->slot[j].h == h && s->slot[j].len == n && str_eq(s->keys.data + s->slot[j].off, k, n)) {
            s->slot[j].count += w;
            return false;
        }
        j = (j + 1) & (s->cap - 1);
    }
    s->slot[j].h = h;
    s->slot[j].off = (uint32_t)s->keys.len;
    s->slot[j].len = (uint32_t)n;
    s->slot[j].count = w;
    buf_put(&s->keys, k, n);
    s->order[s->n++] = (uint32_t)j;
    return true;
}

static void ks_free(KeySet *s)
{
    if (!s) return;
    if (s->cap) {
        mem_free(s->slot, s->cap * sizeof *s->slot);
        mem_free(s->order, s->cap * 4);
    }
    buf_free(&s->keys);
    mem_free(s, sizeof *s);
}

/* ---- a hash set of 64-bit values (uniqExact of one integer-like argument) ---- */

typedef struct U64Set {
    uint64_t *slots;   /* 0 = empty; the value 0 is kept aside */
    size_t cap, n;     /* n counts the zero too */
    bool has_zero;
} U64Set;

static inline size_t u64_slot(uint64_t v, size_t cap) { return (size_t)((v * 0x9E3779B97F4A7C15ull) >> 17) & (cap - 1); }

static void u64_add(U64Set *s, uint64_t v)
{
    if (!v) {
        s->n += !s->has_zero;
        s->has_zero = true;
        return;
    }
    if ((s->n + 1) * 2 > s->cap) {
        size_t ocap = s->cap, ncap = ocap ? ocap * 2 : 8;   /* small: a GROUP BY may hold a set per group */
        uint64_t *old = s->slots;
        s->slots = mem_calloc(ncap * 8);
        s->cap = ncap;
        for (size_t i = 0; i < ocap; i++) {
            if (!old[i]) continue;
            size_t j = u64_slot(old[i], ncap);
            while (s->slots[j]) j = (j + 1) & (ncap - 1);
            s->slots[j] = old[i];
        }
        if (old) mem_free(old, ocap * 8);
    }
    size_t j = u64_slot(v, s->cap);
    while (s->slots[j]) {
        if (s->slots[j] == v) return;
        j = (j + 1) & (s->cap - 1);
    }
    s->slots[j] = v;
    s->n++;
}

static void u64_free(U64Set *s)
{
    if (!s) return;
    if (s->slots) mem_free(s->slots, s->cap * 8);
    mem_free(s, sizeof *s);
}

typedef struct SetState { KeySet *set; Column *vals; U64Set *nums; } SetState;

static void set_init(AggCall *ac, void *st) { memset(st, 0, sizeof(SetState)); }

static KeySet *state_set(SetState *s)
{
    if (!s->set) s->set = mem_calloc(sizeof *s->set);
    return s->set;
}

static U64Set *state_nums(SetState *s)
{
    if (!s->nums) s->nums = mem_calloc(sizeof *s->nums);
    return s->nums;
}

static void set_destroy(AggCall *ac, void *st)
{
    SetState *s = st;
    ks_free(s->set);
    col_unref(s->vals);
    u64_free(s->nums);
    s->set = NULL;
    s->vals = NULL;
    s->nums = NULL;
}

/* ---- uniqExact / uniq / uniqCombined ---- */

/* One argument of an integer-like type (col_int_width): its values go to a
 * U64Set; anything else as serialized keys, built in a buffer of the call
 * (one per batch), so threads aggregating in parallel share nothing. */
/* width: one integer-like argument, kept as its bits; raw: one String,
 * whose bytes are the key as they are (no serialisation). */
typedef struct UniqExactCfg { int width; bool raw; } UniqExactCfg;

static int uniq_resolve(AggCall *ac, Err *err)
{
    ac->ret = type_basic(TYPE_UINT64);
    ac->state_size = sizeof(SetState);
    UniqExactCfg *cfg = arena_alloc(&ac->q->arena, sizeof *cfg);
    cfg->width = ac->nargs == 1 ? col_int_width(ac->types[0]) : 0;
    cfg->raw = ac->nargs == 1 && ac->types[0]->kind == TYPE_STRING;
    ac->cfg = cfg;
    return 0;
}

static void uniq_add_key(AggCall *ac, void *st, Column **args, size_t row, Buf *k)
{
    if (((UniqExactCfg *)ac->cfg)->raw) {
        size_t n;
        const char *p = col_str(args[0], row, &n);
        ks_add(state_set(st), p, n, 1);
        return;
    }
    k->len = 0;
    for (int i = 0; i < ac->nargs; i++) col_serialize_key(args[i], row, k);
    ks_add(state_set(st), k->data, k->len, 1);
}

static void uniq_add(AggCall *ac, void *st, Column **args, size_t row)
{
    UniqExactCfg *cfg = ac->cfg;
    if (cfg->width) {
        const Column *c = args[0]->type->kind == TYPE_LOWCARDINALITY ? args[0]->sub[0] : args[0];
        u64_add(state_nums(st), col_int_bits(c, row, cfg->width));
        return;
    }
    Buf k = {0};   /* one row (combinators); GROUP BY goes through uniq_scatter */
    uniq_add_key(ac, st, args, row, &k);
    buf_free(&k);
}

static void uniq_batch(AggCall *ac, void *st, Column **args, size_t rows, const uint8_t *mask)
{
    UniqExactCfg *cfg = ac->cfg;
    if (cfg->width) {
        const Column *c = args[0]->type->kind == TYPE_LOWCARDINALITY ? args[0]->sub[0] : args[0];
        U64Set *s = state_nums(st);
        int w = cfg->width;
        uint64_t prev = 0;
        bool have = false;
        for (size_t r = 0; r < rows; r++) {
            if (mask && !mask[r]) continue;
            uint64_t v = col_int_bits(c, r, w);
            if (have && v == prev) continue;   /* a run of one value adds nothing new */
            u64_add(s, v);
            prev = v, have = true;
        }
        return;
    }
    /* every row's key and hash first, then the inserts, each prefetching
     * the slot of the key 8 rows ahead (a big set misses cache) */
    Buf k = {0};
    const char **key = mem_alloc(sizeof *key * (rows ? rows : 1));
    size_t *len = mem_alloc(sizeof *len * (rows ? rows : 1));
    uint64_t *h = mem_alloc(sizeof *h * (rows ? rows : 1));
    size_t m = 0;
    const Column *one = cfg->raw ? args[0] : NULL;   /* keys point into the column itself */
    const char *prev = NULL;
    size_t prev_n = 0;
    for (size_t r = 0; r < rows; r++) {
        if (mask && !mask[r]) continue;
        if (one) {   /* a run of one string (sorted data, empty strings) adds nothing new */
            size_t n;
            const char *p = col_str(one, r, &n);
            if (prev && n == prev_n && (!n || !memcmp(p, prev, n))) continue;
            prev = p, prev_n = n;
            key[m] = p, len[m++] = n;
            continue;
        }
        size_t at = k.len;
        for (int i = 0; i < ac->nargs; i++) col_serialize_key(args[i], r, &k);
        key[m] = (const char *)(uintptr_t)at, len[m++] = k.len - at;   /* an offset until k stops growing */
    }
    for (size_t i = 0; i < m; i++) {
        if (!one) key[i] = k.data + (uintptr_t)key[i];
        h[i] = key_hash(key[i], len[i]);
    }
    KeySet *set = m ? state_set(st) : NULL;
    for (size_t i = 0; i < m; i++) {
        if (i + 16 < m && set->cap) __builtin_prefetch(&set->slot[h[i + 16] & (set->cap - 1)]);
        if (i + 8 < m && set->cap) {   /* that slot has arrived by now: fetch its key */
            const KsSlot *x = &set->slot[h[i + 8] & (set->cap - 1)];
            if (x->h == h[i + 8]) __builtin_prefetch(set->keys.data + x->off);
        }
        ks_add_h(set, key[i], len[i], h[i], 1);
    }
    mem_free(key, sizeof *key * (rows ? rows : 1));
    mem_free(len, sizeof *len * (rows ? rows : 1));
    mem_free(h, sizeof *h * (rows ? rows : 1));
    buf_free(&k);
}

/* GROUP BY: row r into the set at states[r] + off, one key buffer for the chunk. */
static bool uniq_scatter(AggCall *ac, char *const *states, size_t off, Column **args, size_t from, size_t to)
{
    UniqExactCfg *cfg = ac->cfg;
    if (cfg->width) {
        const Column *c = args[0]->type->kind == TYPE_LOWCARDINALITY ? args[0]->sub[0] : args[0];
        for (size_t r = from; r < to; r++) u64_add(state_nums((SetState *)(void *)(states[r] + off)), col_int_bits(c, r, cfg->width));
        return true;
    }
    Buf k = {0};
    for (size_t r = from; r < to; r++) uniq_add_key(ac, states[r] + off, args, r, &k);
    buf_free(&k);
    return true;
}

static void uniq_merge(AggCall *ac, void *d, void *src)
{
    SetState *b = src;
    if (b->nums) {
        U64Set *a = state_nums(d);
        if (b->nums->has_zero) u64_add(a, 0);
        for (size_t i = 0; i < b->nums->cap; i++)
            if (b->nums->slots[i]) u64_add(a, b->nums->slots[i]);
    }
    if (!b->set) return;
    KeySet *a = state_set(d);
    for (size_t i = 0; i < b->set->n; i++) {
        size_t j = b->set->order[i];
        ks_add(a, b->set->keys.data + b->set->slot[j].off, b->set->slot[j].len, b->set->slot[j].count);
    }
}

static int uniq_final(AggCall *ac, void *st, Column *out, Err *err)
{
    SetState *s = st;
    COL_PUSH(out, uint64_t, (s->set ? (uint64_t)s->set->n : 0) + (s->nums ? (uint64_t)s->nums->n : 0));
    return 0;
}

/* ---- groupArray / groupUniqArray ---- */

static int garr_resolve(AggCall *ac, Err *err)
{
    ac->ret = type_array(ac->types[0]);
    ac->state_size = sizeof(SetState);
    if (ac->nparams == 1 && ac->params[0] < 1)
        return err_set(err, ERR_BAD_ARGUMENTS, "Parameter for aggregate function %s should be positive number", ac->name);
    return 0;
}

static size_t garr_limit(AggCall *ac) { return ac->nparams ? (size_t)ac->params[0] : (size_t)-1; }

static void garr_add(AggCall *ac, void *st, Column **args, size_t row)
{
    SetState *s = st;
    if (!s->vals) s->vals = col_new(ac->types[0]);
    if (s->vals->rows >= garr_limit(ac)) return;
    col_push_from(s->vals, args[0], row);
}

static void garr_merge(AggCall *ac, void *d, void *src)
{
    SetState *a = d, *b = src;
    if (!b->vals) return;
    if (!a->vals) a->vals = col_new(ac->types[0]);
    size_t room = garr_limit(ac) - a->vals->rows;
    size_t n = b->vals->rows < room ? b->vals->rows : room;
    col_push_range(a->vals, b->vals, 0, n);
}

static int garr_final(AggCall *ac, void *st, Column *out, Err *err)
{
    SetState *s = st;
    if (s->vals) col_push_range(out->sub[0], s->vals, 0, s->vals->rows);
    col_close_array(out);
    return 0;
}

/* ---- groupArraySorted(N)(x): the N smallest values, ascending ---- */

static int gsorted_resolve(AggCall *ac, Err *err)
{
    if (ac->nparams != 1) return err_set(err, ERR_BAD_ARGUMENTS, "Parameter for aggregate function %s should have limit argument", ac->name);
    return garr_resolve(ac, err);
}

static int cmp_rows_asc(const void *x, const void *y, void *ctx)
{
    const Column *c = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    int r = col_compare(c, a, c, b, 1);
    return r ? r : (a > b) - (a < b);
}

/* Keeps the `keep` smallest values, sorted. */
static void gsorted_trim(SetState *s, size_t keep)
{
    size_t n = s->vals->rows;
    uint32_t *ord = xmalloc(sizeof *ord * (n ? n : 1));
    for (size_t i = 0; i < n; i++) ord[i] = (uint32_t)i;
    qsort_r(ord, n, sizeof *ord, cmp_rows_asc, s->vals);
    Column *c = col_new(s->vals->type);
    for (size_t i = 0; i < n && i < keep; i++) col_push_from(c, s->vals, ord[i]);
    free(ord);
    col_unref(s->vals);
    s->vals = c;
}

static void gsorted_push(AggCall *ac, SetState *s, const Column *src, size_t row)
{
    size_t keep = garr_limit(ac);
    if (!s->vals) s->vals = col_new(ac->types[0]);
    col_push_from(s->vals, src, row);
    if (s->vals->rows >= 2 * keep + 1024) gsorted_trim(s, keep);   /* bounded, amortised */
}

static void gsorted_add(AggCall *ac, void *st, Column **args, size_t row) { gsorted_push(ac, st, args[0], row); }

static void gsorted_merge(AggCall *ac, void *d, void *src)
{
    SetState *b = src;
    if (!b->vals) return;
    for (size_t i = 0; i < b->vals->rows; i++) gsorted_push(ac, d, b->vals, i);
}

static int gsorted_final(AggCall *ac, void *st, Column *out, Err *err)
{
    SetState *s = st;
    if (s->vals) gsorted_trim(s, garr_limit(ac));
    return garr_final(ac, st, out, err);
}

static void guniq_add(AggCall *ac, void *st, Column **args, size_t row)
{
    SetState *s = st;
    if (s->set && s->set->n >= garr_limit(ac)) return;
    Buf k = {0};
    col_serialize_key(args[0], row, &k);
    if (ks_add(state_set(s), k.data, k.len, 1)) {
        if (!s->vals) s->vals = col_new(ac->types[0]);
        col_push_from(s->vals, args[0], row);
    }
    buf_free(&k);
}

static void guniq_merge(AggCall *ac, void *d, void *src)
{
    SetState *b = src;
    if (!b->vals) return;
    for (size_t i = 0; i < b->vals->rows; i++) {
        Column *one[1] = {b->vals};
        guniq_add(ac, d, one, i);
    }
}

/* ---- topK(N)(x): exact counts, most frequent first ---- */

static int topk_resolve(AggCall *ac, Err *err)
{
    ac->ret = type_array(ac->types[0]);
    ac->state_size = sizeof(SetState);
    return 0;
}

static void topk_add(AggCall *ac, void *st, Column **args, size_t row)
{
    SetState *s = st;
    Buf k = {0};
    col_serialize_key(args[0], row, &k);
    if (ks_add(state_set(s), k.data, k.len, 1)) {
        if (!s->vals) s->vals = col_new(ac->types[0]);
        col_push_from(s->vals, args[0], row);
    }
    buf_free(&k);
}

static void topk_merge(AggCall *ac, void *d, void *src)
{
    SetState *a = d, *b = src;
    if (!b->vals) return;
    KeySet *bs = b->set;
    for (size_t i = 0; i < bs->n; i++) {
        size_t j = bs->order[i];
        if (ks_add(state_set(a), bs->keys.data + bs->slot[j].off, bs->slot[j].len, bs->slot[j].count)) {
            if (!a->vals) a->vals = col_new(ac->types[0]);
            col_push_from(a->vals, b->vals, i);
        }
    }
}

static int topk_cmp(const void *x, const void *y, void *ctx)
{
    const KeySet *set = ctx;
    uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
    uint64_t ci = set->slot[set->order[i]].count, cj = set->slot[set->order[j]].count;
    if (ci != cj) return ci > cj ? -1 : 1;
    return i < j ? -1 : i > j;
}

static int topk_final(AggCall *ac, void *st, Column *out, Err *err)
{
    SetState *s = st;
    size_t k = ac->nparams ? (size_t)ac->params[0] : 10;
    if (s->vals) {
        size_t n = s->set->n;
        uint32_t *idx = mem_alloc(n * 4 + 4);
        for (size_t i = 0; i < n; i++) idx[i] = (uint32_t)i;
        qsort_r(idx, n, 4, topk_cmp, s->set);
        for (size_t i = 0; i < n && i < k; i++) col_push_from(out->sub[0], s->vals, idx[i]);
        mem_free(idx, n * 4 + 4);
    }
    col_close_array(out);
    return 0;
}

/* ---- states as bytes: the key set (in insertion order, with counts), then the values ---- */

static void set_ser(AggCall *ac, const void *st, Buf *out)
{
    const SetState *s = st;
    uint64_t n = s->set ? s->set->n : 0;
    buf_put(out, &n, 8);
    for (uint64_t i = 0; i < n; i++) {
        size_t j = s->set->order[i];
        uint32_t len = s->set->slot[j].len;
        buf_put(out, &len, 4);
        buf_put(out, s->set->keys.data + s->set->slot[j].off, len);
        buf_put(out, &s->set->slot[j].count, 8);
    }
    buf_putc(out, s->vals ? 1 : 0);
    if (s->vals) agg_out_column(s->vals, out);
    uint64_t nn = s->nums ? (uint64_t)s->nums->n : 0;
    buf_put(out, &nn, 8);
    if (s->nums && s->nums->has_zero) buf_put(out, &(uint64_t){0}, 8);
    if (s->nums)
        for (size_t i = 0; i < s->nums->cap; i++)
            if (s->nums->slots[i]) buf_put(out, &s->nums->slots[i], 8);
}

static int set_de(AggCall *ac, void *st, AggIn *in, Err *err)
{
    SetState *s = st;
    uint64_t n;
    int rc = agg_in_read(in, &n, 8, err);
    for (uint64_t i = 0; i < n && !rc; i++) {
        uint32_t len;
        uint64_t count;
        if ((rc = agg_in_read(in, &len, 4, err))) break;
        if ((size_t)(in->end - in->p) < (size_t)len + 8) return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Cannot read all data of an aggregate function state");
        const char *k = in->p;
        in->p += len;
        if ((rc = agg_in_read(in, &count, 8, err))) break;
        ks_add(state_set(s), k, len, count);
    }
    uint8_t has = 0;
    if (!rc) rc = agg_in_read(in, &has, 1, err);
    if (!rc && has) rc = agg_in_column(in, ac->types[0], &s->vals, err);
    uint64_t nn = 0;
    if (!rc) rc = agg_in_read(in, &nn, 8, err);
    if (!rc && (size_t)(in->end - in->p) / 8 < nn) return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Cannot read all data of an aggregate function state");
    for (uint64_t i = 0; i < nn && !rc; i++) {
        uint64_t v;
        memcpy(&v, in->p, 8);
        in->p += 8;
        u64_add(state_nums(s), v);
    }
    return rc;
}

const AggDef AGGS_collect[] = {
    {"uniqExact", 1, -1, 0, 0, AF_OWN_NULLS, uniq_resolve, set_init, uniq_add, uniq_merge, uniq_final, set_destroy, NULL, uniq_batch, set_ser, set_de, uniq_scatter},
    {"countDistinct", 1, -1, 0, 0, AF_OWN_NULLS, uniq_resolve, set_init, uniq_add, uniq_merge, uniq_final, set_destroy, "uniqExact", uniq_batch, set_ser, set_de, uniq_scatter},
    {"groupArray", 1, 1, 0, 1, AF_OWN_NULLS, garr_resolve, set_init, garr_add, garr_merge, garr_final, set_destroy, NULL, NULL, set_ser, set_de, NULL},
    {"array_agg", 1, 1, 0, 1, AF_OWN_NULLS | AF_CI, garr_resolve, set_init, garr_add, garr_merge, garr_final, set_destroy, "groupArray", NULL, set_ser, set_de, NULL},
    {"groupUniqArray", 1, 1, 0, 1, AF_OWN_NULLS, garr_resolve, set_init, guniq_add, guniq_merge, garr_final, set_destroy, NULL, NULL, set_ser, set_de, NULL},
    {"groupArraySorted", 1, 1, 0, 1, AF_OWN_NULLS, gsorted_resolve, set_init, gsorted_add, gsorted_merge, gsorted_final, set_destroy, NULL, NULL, set_ser, set_de, NULL},
    {"topK", 1, 1, 0, 2, AF_OWN_NULLS, topk_resolve, set_init, topk_add, topk_merge, topk_final, set_destroy, NULL, NULL, set_ser, set_de, NULL},
    {0},
};
