/* agg_hll.c — uniqHLL12, uniqCombined(K), uniqCombined64(K): ClickHouse's
 * HyperLogLog distinct counters, reproduced so results match to the unit.
 *
 * Each row becomes a key (uniq_key.h, with the per-function rules below).
 * Small sets are counted exactly: uniqHLL12 keeps up to 16 keys, then
 * switches to a HyperLogLog of 2^12 buckets; uniqCombined keeps up to 16 keys,
 * then a hash set of up to 2^(K-4) keys (2^(K-5) for 64-bit keys), then a
 * HyperLogLog of 2^K buckets (K = 17 by default). The HyperLogLog estimate is
 * ClickHouse's: the harmonic mean with alpha_m, linear counting while the
 * raw estimate is small (below 2.5 m), the raw estimate above.
 *
 * uniqCombined with K = 17 corrects mid-range estimates with HyperLogLog++
 * bias tables measured by ClickHouse; we do not carry those tables. Below a
 * linear-counting estimate of 177700 (ClickHouse's threshold) and above a raw
 * estimate of 5 m the results are identical; in between, linear counting is
 * used, which stays close but is not bit-identical.
 */
#include <math.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/mem.h"
#include "agg.h"
#include "uniq_key.h"

#define SMALL_MAX 16
#define BIAS_THRESHOLD 177700.0

typedef struct HllCfg {
    UniqKeyKind kind;
    int p;               /* log2 of the bucket count */
    int hash_bits;       /* width of the HyperLogLog hash: 32 or 64 */
    bool hll12;          /* uniqHLL12: no medium set; the HLL mixes keys with intHash32 */
    bool bias17;         /* uniqCombined with K = 17 */
    uint32_t medium_max; /* uniqCombined: keys the medium set holds */
    const DataType *t;   /* the single argument's type */
} HllCfg;

typedef struct HllState {
    uint64_t *keys;      /* small/medium: open addressing, 0 = empty */
    uint32_t cap, n;
    bool has_zero;
    uint8_t *regs;       /* large: one rank per bucket */
} HllState;

/* ---- keys ---- */

static const Column *plain(const Column *c) { return c->type->kind == TYPE_LOWCARDINALITY ? c->sub[0] : c; }

static void wide_halves(const Column *c, size_t row, uint64_t h[2])
{
    memcpy(h, c->data.data + col_phys(c, row) * 16, 16);
}

/* uniqHLL12 of one number: uniq's key converted back to the argument's type
 * (floats by value: the bit pattern read as a number), then that value's
 * bytes, zero-extended, are what intHash32 mixes. */
static uint64_t hll12_number_key(const Column *c, size_t row)
{
    uint64_t k = uniq_number_key(c, row);
    switch (c->type->kind) {
    case TYPE_FLOAT64: {
        double d = (double)k;
        memcpy(&k, &d, 8);
        return k;
    }
    case TYPE_FLOAT32: {
        float f = (float)k;
        uint32_t b;
        memcpy(&b, &f, 4);
        return b;
    }
    default:
        return c->type->size >= 8 ? k : k & ((1ull << (8 * c->type->size)) - 1);
    }
}

/* uniqHLL12: uniq's key, passed through the argument's own type. */
static uint64_t hll12_key(const HllCfg *cfg, Column **args, int nargs, size_t row)
{
    const Column *c = plain(args[0]);
    switch (cfg->kind) {
    case KEY_NUMBER: return hll12_number_key(c, row);
    case KEY_WIDE: {
        uint64_t h[2];
        wide_halves(c, row, h);
        return int_hash64_raw(h[0] ^ h[1]);
    }
    case KEY_BYTES: {
        size_t n;
        const char *s = uniq_flat_bytes(c, row, &n);
        return cityhash64(s, n);
    }
    default: return uniq_variadic_key(cfg->kind, args, nargs, row);
    }
}

/* uniqCombined: numbers through intHash64, UInt128 through SipHash, strings
 * by CityHash64 (kept 64-bit), everything cut to the hash width. */
static uint64_t combined_key(const HllCfg *cfg, Column **args, int nargs, size_t row)
{
    const Column *c = plain(args[0]);
    uint64_t k;
    switch (cfg->kind) {
    case KEY_NUMBER: k = int_hash64_raw(uniq_number_key(c, row)); break;
    case KEY_WIDE: {
        uint64_t h[2];
        wide_halves(c, row, h);
        k = c->type->kind == TYPE_UINT128 ? siphash64((const char *)h, 16) : int_hash64_raw(h[0] ^ h[1]);
        break;
    }
    case KEY_BYTES: {
        size_t n;
        const char *s = uniq_flat_bytes(c, row, &n);
        return cityhash64(s, n);
    }
    default: k = uniq_variadic_key(cfg->kind, args, nargs, row); break;
    }
    return cfg->hash_bits == 32 ? (uint32_t)k : k;
}

/* ---- the exact small/medium set ---- */

static bool set_has(const HllState *s, uint64_t k)
{
    if (k == 0) return s->has_zero;
    if (!s->cap) return false;
    for (uint32_t j = (uint32_t)int_hash64_raw(k) & (s->cap - 1); s->keys[j]; j = (j + 1) & (s->cap - 1))
        if (s->keys[j] == k) return true;
    return false;
}

static void set_put(HllState *s, uint64_t k)
{
    if (k == 0) {
        s->n += !s->has_zero;
        s->has_zero = true;
        return;
    }
    if ((s->n + 1) * 2 > s->cap) {
        uint32_t ocap = s->cap, ncap = ocap ? ocap * 2 : 32;
        uint64_t *old = s->keys;
        s->keys = mem_calloc((size_t)ncap * 8);
        s->cap = ncap;
        for (uint32_t i = 0; i < ocap; i++) {
            if (!old[i]) continue;
            uint32_t j = (uint32_t)int_hash64_raw(old[i]) & (ncap - 1);
            while (s->keys[j]) j = (j + 1) & (ncap - 1);
            s->keys[j] = old[i];
        }
        if (old) mem_free(old, (size_t)ocap * 8);
    }
    uint32_t j = (uint32_t)int_hash64_raw(k) & (s->cap - 1);
    while (s->keys[j] && s->keys[j] != k) j = (j + 1) & (s->cap - 1);
    if (s->keys[j]) return;
    s->keys[j] = k;
    s->n++;
}

static void set_free(HllState *s)
{
    if (s->keys) mem_free(s->keys, (size_t)s->cap * 8);
    s->keys = NULL;
    s->cap = s->n = 0;
    s->has_zero = false;
}

/* ---- the HyperLogLog ---- */

static void regs_add(const HllCfg *cfg, HllState *s, uint64_t key)
{
    /* uniqHLL12 mixes one-argument keys with intHash32; variadic keys are hashes already */
    bool mix = cfg->hll12 && (cfg->kind == KEY_NUMBER || cfg->kind == KEY_WIDE || cfg->kind == KEY_BYTES);
    uint64_t h = mix ? int_hash32_raw(key) : key;
    if (cfg->hash_bits == 32) h = (uint32_t)h;
    int max_rank = cfg->hash_bits - cfg->p + 1;
    uint64_t bucket = h & ((1ull << cfg->p) - 1), tail = h >> cfg->p;
    int rank = tail ? __builtin_ctzll(tail) + 1 : max_rank;
    if (rank > max_rank) rank = max_rank;
    if (rank > s->regs[bucket]) s->regs[bucket] = (uint8_t)rank;
}

static void to_large(const HllCfg *cfg, HllState *s)
{
    s->regs = mem_calloc((size_t)1 << cfg->p);
    if (s->has_zero) regs_add(cfg, s, 0);
    for (uint32_t i = 0; i < s->cap; i++)
        if (s->keys[i]) regs_add(cfg, s, s->keys[i]);
    set_free(s);
}

static uint64_t hll_estimate(const HllCfg *cfg, const HllState *s)
{
    size_t m = (size_t)1 << cfg->p;
    int max_rank = cfg->hash_bits - cfg->p + 1;
    uint32_t count[66] = {0};
    for (size_t i = 0; i < m; i++) count[s->regs[i]]++;
    long double den = count[max_rank];
    for (int r = max_rank - 1; r >= 0; r--) den = den / 2 + count[r];
    double alpha = 0.7213 / (1 + 1.079 / (double)m);
    double raw = alpha * (double)m * (double)m / (double)den;
    double zeros = count[0];
    double linear = zeros ? (double)m * (log((double)m) - log(zeros)) : raw;
    double est;
    if (raw > 4294967296.0 / 30.0) est = raw;
    else if (!cfg->bias17) est = raw <= 2.5 * (double)m ? linear : raw;
    else if (linear < BIAS_THRESHOLD || raw <= 5.0 * (double)m) est = linear; /* see the file comment */
    else est = raw;
    return (uint64_t)(est + 0.5);
}

/* ---- insertion, as ClickHouse moves between the three containers ---- */

static void hll_insert(const HllCfg *cfg, HllState *s, uint64_t key)
{
    if (s->regs) {
        regs_add(cfg, s, key);
        return;
    }
    if (cfg->hll12 || s->n <= SMALL_MAX) {
        /* the small array: new keys only; a full one grows (uniqCombined) or
         * turns into the HyperLogLog (uniqHLL12) */
        if (set_has(s, key)) return;
        if (s->n < SMALL_MAX || !cfg->hll12) {
            set_put(s, key);
            return;
        }
    } else if (s->n < cfg->medium_max) {
        set_put(s, key);   /* the medium set: any insert into a full one converts it */
        return;
    }
    to_large(cfg, s);
    regs_add(cfg, s, key);
}

/* ---- the aggregate ---- */

static int hll_resolve(AggCall *ac, Err *err)
{
    HllCfg *cfg = arena_alloc(&ac->q->arena, sizeof *cfg);
    memset(cfg, 0, sizeof *cfg);
    cfg->kind = uniq_key_kind(ac->types, ac->nargs);
    cfg->t = type_strip_lc(ac->types[0]);
    if (!strcmp(ac->def->name, "uniqHLL12")) {
        cfg->hll12 = true;
        cfg->p = 12;
        cfg->hash_bits = 32;
    } else {
        bool wide = !strcmp(ac->def->name, "uniqCombined64");
        int k = 17;
        if (ac->nparams) {
            if (ac->params[0] < 12 || ac->params[0] >= 21)
                return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND,
                               "Parameter for aggregate function %s is out of range: [12, 20].", ac->name);
            k = (int)ac->params[0];
        }
        cfg->p = k;
        cfg->hash_bits = wide ? 64 : 32;
        cfg->bias17 = k == 17;
        /* Enum keys are their numbers here (uniq hashes their bytes) */
        if (ac->nargs == 1 && (cfg->t->kind == TYPE_ENUM8 || cfg->t->kind == TYPE_ENUM16)) cfg->kind = KEY_NUMBER;
        bool key64 = wide || cfg->kind == KEY_BYTES;
        cfg->medium_max = 1u << (k - 5 + !key64);
    }
    ac->cfg = cfg;
    ac->ret = type_basic(TYPE_UINT64);
    ac->state_size = sizeof(HllState);
    return 0;
}

static void hll_init(AggCall *ac, void *st) { memset(st, 0, sizeof(HllState)); }

static void hll_add(AggCall *ac, void *st, Column **args, size_t row)
{
    const HllCfg *cfg = ac->cfg;
    uint64_t key = cfg->hll12 ? hll12_key(cfg, args, ac->nargs, row) : combined_key(cfg, args, ac->nargs, row);
    hll_insert(cfg, st, key);
}

static void hll_merge(AggCall *ac, void *d, void *src)
{
    const HllCfg *cfg = ac->cfg;
    HllState *a = d, *b = src;
    if (b->regs) {
        if (!a->regs) to_large(cfg, a);
        size_t m = (size_t)1 << cfg->p;
        for (size_t i = 0; i < m; i++)
            if (b->regs[i] > a->regs[i]) a->regs[i] = b->regs[i];
        return;
    }
    if (b->has_zero) hll_insert(cfg, a, 0);
    for (uint32_t i = 0; i < b->cap; i++)
        if (b->keys[i]) hll_insert(cfg, a, b->keys[i]);
}

static int hll_final(AggCall *ac, void *st, Column *out, Err *err)
{
    HllState *s = st;
    COL_PUSH(out, uint64_t, s->regs ? hll_estimate(ac->cfg, s) : s->n);
    return 0;
}

static void hll_destroy(AggCall *ac, void *st)
{
    const HllCfg *cfg = ac->cfg;
    HllState *s = st;
    set_free(s);
    if (s->regs) mem_free(s->regs, (size_t)1 << cfg->p);
    s->regs = NULL;
}

/* State bytes (-State): 0, the zero-key flag, the key count and the keys;
 * or 1 and the registers. */
static void hll_ser(AggCall *ac, const void *st, Buf *out)
{
    const HllCfg *cfg = ac->cfg;
    const HllState *s = st;
    if (s->regs) {
        buf_putc(out, 1);
        buf_put(out, s->regs, (size_t)1 << cfg->p);
        return;
    }
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->cap; i++) n += s->keys[i] != 0;
    buf_putc(out, 0);
    buf_putc(out, (char)s->has_zero);
    buf_put(out, &n, 4);
    for (uint32_t i = 0; i < s->cap; i++)
        if (s->keys[i]) buf_put(out, &s->keys[i], 8);
}

static int hll_de(AggCall *ac, void *st, AggIn *in, Err *err)
{
    const HllCfg *cfg = ac->cfg;
    HllState *s = st;
    uint8_t mode;
    int rc = agg_in_read(in, &mode, 1, err);
    if (rc) return rc;
    if (mode == 1) {
        size_t m = (size_t)1 << cfg->p;
        if ((size_t)(in->end - in->p) < m) return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Cannot read all data of an aggregate function state");
        for (size_t i = 0; i < m; i++)
            if ((int)(uint8_t)in->p[i] > cfg->hash_bits - cfg->p + 1)
                return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Incorrect HyperLogLog register in an aggregate function state");
        set_free(s);
        if (!s->regs) s->regs = mem_calloc(m);
        memcpy(s->regs, in->p, m);
        in->p += m;
        return 0;
    }
    uint8_t zero;
    uint32_t n;
    if (mode != 0 || (rc = agg_in_read(in, &zero, 1, err)) || (rc = agg_in_read(in, &n, 4, err)))
        return rc ? rc : err_set(err, ERR_CANNOT_READ_ALL_DATA, "Incorrect aggregate function state");
    if ((size_t)(in->end - in->p) / 8 < n) return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Cannot read all data of an aggregate function state");
    if (zero) hll_insert(cfg, s, 0);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t k;
        memcpy(&k, in->p, 8);
        in->p += 8;
        if (k) hll_insert(cfg, s, k);
    }
    return 0;
}

#define HLL(name, maxp) {name, 1, -1, 0, maxp, AF_OWN_NULLS, hll_resolve, hll_init, hll_add, hll_merge, hll_final, hll_destroy, NULL, NULL, hll_ser, hll_de, NULL}

const AggDef AGGS_hll[] = {
    HLL("uniqHLL12", 0),
    HLL("uniqCombined", 1),
    HLL("uniqCombined64", 1),
    {0},
};
