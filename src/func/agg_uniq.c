/* agg_uniq.c — uniq(x, ...): ClickHouse's approximate distinct counter
 * (the BJKST "UniquesHashSet"), reproduced so results match to the unit.
 *
 * Each row becomes a 64-bit key, the key a 32-bit hash. The state keeps the
 * distinct hashes divisible by 2^skip; whenever more than 65536 are kept,
 * skip grows by one and the others are dropped. The estimate scales the kept
 * count back up by 2^skip (plus a pseudo-random remainder) and corrects for
 * 32-bit collisions. Below 65536 distinct hashes the count is exact.
 *
 * The keys follow ClickHouse exactly, because they decide which hashes are
 * kept: one native number is its own value (floats by bit pattern), strings
 * and IPv6 their CityHash64, 128-bit values a fold of both halves; those keys
 * are mixed by intHash64. Several arguments, a tuple, or any other type are
 * hashed together ("variadic"): CityHash64 of each value's bytes chained with
 * Hash128to64, or — when a value has no flat byte image (arrays, maps,
 * Nullable elements) — the low half of a SipHash-128 over the value's hash
 * stream; variadic keys are used as the hash directly.
 */
#include <math.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/mem.h"
#include "agg.h"

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

/* ---- keys ---- */

typedef enum { KEY_NUMBER, KEY_WIDE, KEY_BYTES, KEY_CITY_CHAIN, KEY_SIP } KeyKind;

typedef struct UniqCfg { KeyKind kind; } UniqCfg;

static const Column *plain(const Column *c)
{
    return c->type->kind == TYPE_LOWCARDINALITY ? c->sub[0] : c;
}

/* True for types whose values all have one byte width (an array of them is
 * one flat run of bytes). */
static bool fixed_type(const DataType *t)
{
    return t->kind != TYPE_LOWCARDINALITY && t->size > 0 && t->kind != TYPE_NOTHING;
}

/* True if a value of t is one flat run of bytes (ClickHouse's
 * isValueUnambiguouslyRepresentedInContiguousMemoryRegion). */
static bool flat_type(const DataType *t)
{
    t = type_strip_lc(t);
    switch (t->kind) {
    case TYPE_ARRAY: return fixed_type(t->sub[0]);
    case TYPE_NULLABLE: case TYPE_TUPLE: case TYPE_MAP: case TYPE_NOTHING: return false;
    default: return true;
    }
}

static KeyKind key_kind(const DataType **types, int n)
{
    if (n == 1) {
        const DataType *t = type_strip_lc(types[0]);
        switch (t->kind) {
        case TYPE_UINT8: case TYPE_UINT16: case TYPE_UINT32: case TYPE_UINT64:
        case TYPE_INT8: case TYPE_INT16: case TYPE_INT32: case TYPE_INT64:
        case TYPE_FLOAT32: case TYPE_FLOAT64: case TYPE_BOOL:
        case TYPE_DATE: case TYPE_DATE32: case TYPE_DATETIME: case TYPE_IPV4:
            return KEY_NUMBER;
        case TYPE_UINT128: case TYPE_INT128: case TYPE_UUID: return KEY_WIDE;
        case TYPE_STRING: case TYPE_FIXEDSTRING: case TYPE_IPV6: return KEY_BYTES;
        case TYPE_TUPLE:
            for (int i = 0; i < t->nsub; i++)
                if (!flat_type(t->sub[i])) return KEY_SIP;
            return KEY_CITY_CHAIN;
        default: break;
        }
    }
    for (int i = 0; i < n; i++)
        if (!flat_type(types[i])) return KEY_SIP;
    return KEY_CITY_CHAIN;
}

/* The bytes ClickHouse's getDataAt gives for a flat value. */
static const char *flat_bytes(const Column *c, size_t row, size_t *len)
{
    c = plain(c);
    if (c->type->kind == TYPE_STRING || c->type->kind == TYPE_FIXEDSTRING) return col_str(c, row, len);
    if (c->type->kind == TYPE_ARRAY) {
        size_t r = col_phys(c, row), w = c->sub[0]->type->size;
        uint64_t b = col_off_begin(c, r);
        *len = (COL_OFFS(c)[r] - b) * w;
        return c->sub[0]->data.data + b * w;
    }
    *len = c->type->size;
    return c->data.data + col_phys(c, row) * c->type->size;
}

static uint64_t number_key(const Column *c, size_t row)
{
    const char *p = c->data.data + col_phys(c, row) * c->type->size;
    switch (c->type->kind) {
    case TYPE_INT8: return (uint64_t)(int64_t)*(const int8_t *)p;
    case TYPE_INT16: { int16_t v; memcpy(&v, p, 2); return (uint64_t)(int64_t)v; }
    case TYPE_INT32: case TYPE_DATE32: { int32_t v; memcpy(&v, p, 4); return (uint64_t)(int64_t)v; }
    default: { /* floats by bit pattern: -0 and 0 are two values, as in ClickHouse */
        uint64_t v = 0;
        memcpy(&v, p, c->type->size); /* unsigned: zero-extended (little-endian) */
        return v;
    }
    }
}

/* Appends the stream ClickHouse's IColumn::updateHashWithValue feeds SipHash. */
static void sip_stream(const Column *c, size_t row, Buf *out)
{
    c = plain(c);
    size_t r = col_phys(c, row);
    switch (c->type->kind) {
    case TYPE_NULLABLE: {
        uint8_t is_null = COL_NULLS(c)[r];
        buf_put(out, &is_null, 1);
        if (!is_null) sip_stream(c->sub[0], r, out);
        return;
    }
    case TYPE_ARRAY: case TYPE_MAP: {
        uint64_t b = col_off_begin(c, r), e = COL_OFFS(c)[r], n = e - b;
        buf_put(out, &n, 8);
        for (uint64_t i = b; i < e; i++)
            for (int k = 0; k < c->nsub; k++) sip_stream(c->sub[k], i, out);
        return;
    }
    case TYPE_TUPLE:
        for (int k = 0; k < c->nsub; k++) sip_stream(c->sub[k], r, out);
        return;
    case TYPE_STRING: {
        size_t n;
        const char *s = col_str(c, r, &n);
        uint64_t n64 = n + 1; /* ClickHouse hashes the terminating zero too */
        buf_put(out, &n64, 8);
        buf_put(out, s, n);
        buf_put(out, "", 1);
        return;
    }
    default: {
        size_t n;
        const char *s = flat_bytes(c, r, &n);
        buf_put(out, s, n);
        return;
    }
    }
}

/* The arguments of one row: the columns given, or a tuple's elements. */
static int row_parts(AggCall *ac, Column **args, const Column **parts)
{
    const Column *a = plain(args[0]);
    if (ac->nargs == 1 && a->type->kind == TYPE_TUPLE) {
        for (int i = 0; i < a->nsub && i < 64; i++) parts[i] = a->sub[i];
        return a->nsub < 64 ? a->nsub : 64;
    }
    int n = ac->nargs < 64 ? ac->nargs : 64;
    for (int i = 0; i < n; i++) parts[i] = args[i];
    return n;
}

static uint32_t row_hash(AggCall *ac, Column **args, size_t row)
{
    const UniqCfg *cfg = ac->cfg;
    const Column *c = plain(args[0]);
    switch (cfg->kind) {
    case KEY_NUMBER: return (uint32_t)int_hash64_raw(number_key(c, row));
    case KEY_WIDE: {
        uint64_t h[2];
        memcpy(h, c->data.data + col_phys(c, row) * 16, 16);
        return (uint32_t)int_hash64_raw(int_hash64_raw(h[0] ^ h[1]));
    }
    case KEY_BYTES: {
        size_t n;
        const char *s = flat_bytes(c, row, &n);
        return (uint32_t)int_hash64_raw(cityhash64(s, n));
    }
    default: break;
    }
    const Column *parts[64];
    int np = row_parts(ac, args, parts);
    if (cfg->kind == KEY_CITY_CHAIN) {
        uint64_t h = 0;
        for (int i = 0; i < np; i++) {
            size_t n;
            const char *s = flat_bytes(parts[i], row, &n);
            uint64_t v = cityhash64(s, n);
            h = i == 0 ? v : cityhash_128to64(v, h);
        }
        return (uint32_t)h;
    }
    Buf b = {0};
    for (int i = 0; i < np; i++) sip_stream(parts[i], row, &b);
    U128 h = siphash128(b.data, b.len);
    buf_free(&b);
    return (uint32_t)h.lo;
}

/* ---- the aggregate ---- */

typedef struct UniqState { UniqSet *set; } UniqState;

static int uq_resolve(AggCall *ac, Err *err)
{
    UniqCfg *cfg = arena_alloc(&ac->q->arena, sizeof *cfg);
    cfg->kind = key_kind(ac->types, ac->nargs);
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

const AggDef AGGS_uniq[] = {
    {"uniq", 1, -1, 0, 0, AF_OWN_NULLS, uq_resolve, uq_init, uq_add, uq_merge, uq_final, uq_destroy, NULL, NULL},
    {0},
};
