/* agg_uniq.c — uniq(x, ...): ClickHouse's approximate distinct counter
 * (the BJKST "UniquesHashSet"), reproduced so results match to the unit.
 *
 * Each row becomes a 64-bit key, the key a 32-bit hash. The state keeps the
 * distinct hashes divisible by 2^skip; whenever more than 65536 are kept,
 * skip grows by one and the others are dropped. The estimate scales the kept
 * count back up by 2^skip (plus a pseudo-random remainder) and corrects for
 * 32-bit collisions. Below 65536 distinct hashes the count is exact.
 *
 * The keys (uniq_key.h) follow ClickHouse exactly, because they decide which
 * hashes are kept: one native number is its own value, strings and IPv6
 * their CityHash64, 128-bit values a fold of both halves; those keys are
 * mixed by intHash64. Variadic keys are used as the hash directly.
 */
#include <math.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/mem.h"
#include "agg.h"
#include "uniq_key.h"

#define UNIQ_MAX_SIZE (1u << 16)
#define UNIQ_BITS_FOR_SKIP 15 /* 32 - 17: the low bits are thinned, the high ones place */

/* ---- the hash set ---- */

typedef struct UniqSet {
    uint32_t *buf; /* open addressing, 0 = empty */
    uint32_t cap;  /* power of two */
    uint32_t size; /* distinct kept hashes, the zero hash included */
    uint8_t skip;
    bool has_zero;
} UniqSet;

static bool us_good(const UniqSet *s, uint32_t h) { return (h & ((1ull << s->skip) - 1)) == 0; }
static uint32_t us_place(const UniqSet *s, uint32_t h) { return (h >> UNIQ_BITS_FOR_SKIP) & (s->cap - 1); }

static void us_put(UniqSet *s, uint32_t h)
{
    uint32_t j = us_place(s, h);
    while (s->buf[j] && s->buf[j] != h) j = (j + 1) & (s->cap - 1);
    if (s->buf[j] == h) return;
    s->buf[j] = h;
    s->size++;
}

/* Rebuilds the table with cap slots, keeping only the good hashes. */
static void us_rebuild(UniqSet *s, uint32_t cap)
{
    uint32_t *old = s->buf, ocap = s->cap;
    s->buf = mem_calloc((size_t)cap * 4);
    s->cap = cap;
    s->size = s->has_zero;
    for (uint32_t i = 0; i < ocap; i++)
        if (old[i] && us_good(s, old[i])) us_put(s, old[i]);
    mem_free(old, (size_t)ocap * 4);
}

static void us_shrink_if_needed(UniqSet *s)
{
    if (s->size <= s->cap / 2) return;
    if (s->size <= UNIQ_MAX_SIZE) {
        us_rebuild(s, s->cap * 2);
        return;
    }
    while (s->size > UNIQ_MAX_SIZE) {
        s->skip++;
        us_rebuild(s, s->cap);
    }
}

static void us_insert(UniqSet *s, uint32_t h)
{
    if (!us_good(s, h)) return;
    if (!s->buf) {
        s->cap = 16;
        s->buf = mem_calloc(16 * 4);
    }
    if (h == 0) {
        s->size += !s->has_zero;
        s->has_zero = true;
    } else {
        us_put(s, h);
    }
    us_shrink_if_needed(s);
}

static uint64_t us_estimate(const UniqSet *s)
{
    if (s->skip == 0) return s->size;
    uint64_t res = (uint64_t)s->size << s->skip;
    res += crc32c_u64(0xFFFFFFFFu, s->size) & ((1ull << s->skip) - 1);
    const double p32 = 4294967296.0;
    if (res >= (1ull << 32)) res = (1ull << 32) - 1;
    return (uint64_t)round(p32 * (log(p32) - log(p32 - (double)res)));
}

/* ---- the hash of a row ---- */

typedef struct UniqCfg { UniqKeyKind kind; } UniqCfg;

static uint32_t row_hash(AggCall *ac, Column **args, size_t row)
{
    const UniqCfg *cfg = ac->cfg;
    const Column *c = args[0]->type->kind == TYPE_LOWCARDINALITY ? args[0]->sub[0] : args[0];
    switch (cfg->kind) {
    case KEY_NUMBER: return (uint32_t)int_hash64_raw(uniq_number_key(c, row));
    case KEY_WIDE: {
        uint64_t h[2];
        memcpy(h, c->data.data + col_phys(c, row) * 16, 16);
        return (uint32_t)int_hash64_raw(int_hash64_raw(h[0] ^ h[1]));
    }
    case KEY_BYTES: {
        size_t n;
        const char *s = uniq_flat_bytes(c, row, &n);
        return (uint32_t)int_hash64_raw(cityhash64(s, n));
    }
    default: return (uint32_t)uniq_variadic_key(cfg->kind, args, ac->nargs, row);
    }
}

/* ---- the aggregate ---- */

typedef struct UniqState { UniqSet *set; } UniqState;

static int uq_resolve(AggCall *ac, Err *err)
{
    UniqCfg *cfg = arena_alloc(&ac->q->arena, sizeof *cfg);
    cfg->kind = uniq_key_kind(ac->types, ac->nargs);
    ac->cfg = cfg;
    ac->ret = type_basic(TYPE_UINT64);
    ac->state_size = sizeof(UniqState);
    return 0;
}

static void uq_init(AggCall *ac, void *st) { memset(st, 0, sizeof(UniqState)); }

static UniqSet *uq_set(UniqState *s)
{
    if (!s->set) s->set = mem_calloc(sizeof *s->set);
    return s->set;
}

static void uq_add(AggCall *ac, void *st, Column **args, size_t row)
{
    us_insert(uq_set(st), row_hash(ac, args, row));
}

static void uq_merge(AggCall *ac, void *d, void *src)
{
    UniqSet *b = ((UniqState *)src)->set;
    if (!b) return;
    UniqSet *a = uq_set(d);
    if (b->skip > a->skip) {
        a->skip = b->skip;
        if (a->buf) us_rebuild(a, a->cap);
    }
    if (b->has_zero) us_insert(a, 0);
    for (uint32_t i = 0; i < b->cap; i++)
        if (b->buf[i]) us_insert(a, b->buf[i]);
}

static int uq_final(AggCall *ac, void *st, Column *out, Err *err)
{
    UniqSet *s = ((UniqState *)st)->set;
    COL_PUSH(out, uint64_t, s ? us_estimate(s) : 0);
    return 0;
}

static void uq_destroy(AggCall *ac, void *st)
{
    UniqState *s = st;
    if (!s->set) return;
    if (s->set->buf) mem_free(s->set->buf, (size_t)s->set->cap * 4);
    mem_free(s->set, sizeof *s->set);
    s->set = NULL;
}

/* State bytes: skip degree, zero-hash flag, count, then the kept hashes. */
static void uq_ser(AggCall *ac, const void *st, Buf *out)
{
    const UniqSet *s = ((const UniqState *)st)->set;
    uint8_t skip = s ? s->skip : 0, zero = s ? s->has_zero : 0;
    uint32_t n = 0;
    if (s)
        for (uint32_t i = 0; i < s->cap; i++) n += s->buf[i] != 0;
    buf_putc(out, (char)skip);
    buf_putc(out, (char)zero);
    buf_put(out, &n, 4);
    if (s)
        for (uint32_t i = 0; i < s->cap; i++)
            if (s->buf[i]) buf_put(out, &s->buf[i], 4);
}

static int uq_de(AggCall *ac, void *st, AggIn *in, Err *err)
{
    uint8_t skip, zero;
    uint32_t n;
    int rc = agg_in_read(in, &skip, 1, err);
    if (!rc) rc = agg_in_read(in, &zero, 1, err);
    if (!rc) rc = agg_in_read(in, &n, 4, err);
    if (rc) return rc;
    if (skip > 31 || (size_t)(in->end - in->p) / 4 < n) return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Cannot read all data of an aggregate function state");
    UniqSet *s = uq_set(st);
    s->skip = skip;
    if (zero) us_insert(s, 0);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h;
        memcpy(&h, in->p, 4);
        in->p += 4;
        us_insert(s, h);
    }
    return 0;
}

const AggDef AGGS_uniq[] = {
    {"uniq", 1, -1, 0, 0, AF_OWN_NULLS, uq_resolve, uq_init, uq_add, uq_merge, uq_final, uq_destroy, NULL, NULL, uq_ser, uq_de, NULL},
    {0},
};
