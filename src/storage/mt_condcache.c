/* mt_condcache.c — the query condition cache; see mt_condcache.h.
 *
 * A chained hash table under one mutex, bucketed by part uid so a part's
 * entries sit in one chain (a freed part drops them without a full scan).
 * An entry holds one bit per granule, 1 = may match; a record clears bits.
 * Past the byte budget (ClickHouse's default query_condition_cache_size,
 * 100 MiB) the older half of the entries by last use is evicted. */
#include "mt_condcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../base/buf.h"
#include "../base/mem.h"
#include "../base/settings.h"
#include "../column/text.h"

#define BUDGET (100u << 20)

typedef struct Entry {
    struct Entry *next;
    uint64_t part;
    CondHash cond;
    uint64_t used;              /* tick of the last lookup or record */
    uint32_t nbits;
    uint64_t bits[];            /* 1: the granule may have a matching row */
} Entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Entry **buckets;
static size_t nbuckets, nentries, nbytes;
static uint64_t tick;

/* ---- the condition's hash ---- */

static void put(XXH3_state_t *h, const void *p, size_t n) { XXH3_128bits_update(h, p, n); }
static void put_str(XXH3_state_t *h, const char *s) { put(h, s ? s : "", (s ? strlen(s) : 0) + 1); }
static void put_u64(XXH3_state_t *h, uint64_t v) { put(h, &v, sizeof v); }

static bool hash_expr(XXH3_state_t *h, const Expr *e, const char *const *names)
{
    put_u64(h, (uint64_t)e->kind);
    put_str(h, e->type ? e->type->name : "");
    switch (e->kind) {
    case EX_INPUT:
        put_u64(h, (uint64_t)(int64_t)e->input);
        put_str(h, names && e->input >= 0 ? names[e->input] : e->name);
        return true;
    case EX_CONST: {
        Buf b = {0};
        FormatSettings fs;
        format_settings_default(&fs);
        text_write(&b, e->value, 0, TS_QUOTED, &fs);
        put_u64(h, b.len);
        put(h, b.data ? b.data : "", b.len);
        buf_free(&b);
        return true;
    }
    case EX_FUNC:
        if (!e->call || (e->call->def->flags & FF_NONDET)) return false;
        put_str(h, e->call->def->name);
        put_str(h, e->call->out_type ? e->call->out_type->name : "");
        break;
    case EX_LAMBDA:
        put_u64(h, (uint64_t)e->nparams);
        if (!e->body || !hash_expr(h, e->body, NULL)) return false;
        put_u64(h, (uint64_t)e->ncaptured);
        for (int i = 0; i < e->ncaptured; i++)
            if (!hash_expr(h, e->captured[i], names)) return false;
        return true;
    }
    put_u64(h, (uint64_t)e->nargs);
    for (int i = 0; i < e->nargs; i++)
        if (!hash_expr(h, e->args[i], names)) return false;
    return true;
}

bool condcache_hash(const Expr *e, const char *const *names, const Settings *s, CondHash *out)
{
    if (!e) return false;
    XXH3_state_t *h = XXH3_createState();
    XXH3_128bits_reset(h);
    bool ok = hash_expr(h, e, names);
    for (int k = 0; ok && k < s->nowned; k++) {   /* the changed settings */
        int i = s->owned[k];
        put_u64(h, (uint64_t)i);
        put_str(h, s->v[i].text);
    }
    XXH128_hash_t v = XXH3_128bits_digest(h);
    XXH3_freeState(h);
    out->lo = v.low64;
    out->hi = v.high64;
    return ok;
}

/* ---- the table ---- */

static size_t bucket_of(uint64_t part) { return (size_t)((part * 0x9E3779B97F4A7C15ull) >> 20) & (nbuckets - 1); }

static Entry *find(const CondHash *c, uint64_t part)
{
    if (!nbuckets) return NULL;
    for (Entry *e = buckets[bucket_of(part)]; e; e = e->next)
        if (e->part == part && e->cond.lo == c->lo && e->cond.hi == c->hi) return e;
    return NULL;
}

static size_t entry_bytes(const Entry *e) { return sizeof *e + ((size_t)e->nbits + 63) / 64 * 8; }

static void unlink_where(bool (*drop)(const Entry *, uint64_t), uint64_t arg, size_t b0, size_t b1)
{
    for (size_t b = b0; b < b1; b++)
        for (Entry **pp = &buckets[b]; *pp;) {
            Entry *e = *pp;
            if (!drop(e, arg)) {
                pp = &e->next;
                continue;
            }
            *pp = e->next;
            nentries--;
            nbytes -= entry_bytes(e);
            free(e);
        }
}

static bool older(const Entry *e, uint64_t t) { return e->used < t; }
static bool of_part(const Entry *e, uint64_t part) { return e->part == part; }
static bool any(const Entry *e, uint64_t unused) { return (void)e, (void)unused, true; }

/* Drops the less recently used half (by tick) once over budget. */
static void evict(void)
{
    if (nbytes <= BUDGET) return;
    uint64_t oldest = tick;
    for (size_t b = 0; b < nbuckets; b++)
        for (Entry *e = buckets[b]; e; e = e->next)
            if (e->used < oldest) oldest = e->used;
    unlink_where(older, oldest + (tick - oldest) / 2 + 1, 0, nbuckets);
}

static void grow(void)
{
    size_t n = nbuckets ? nbuckets * 2 : 1024;
    Entry **nb = xcalloc(n, sizeof *nb);
    size_t old = nbuckets;
    Entry **ob = buckets;
    buckets = nb;
    nbuckets = n;
    for (size_t b = 0; b < old; b++)
        for (Entry *e = ob[b], *next; e; e = next) {
            next = e->next;
            size_t k = bucket_of(e->part);
            e->next = buckets[k];
            buckets[k] = e;
        }
    free(ob);
}

static Entry *add(const CondHash *c, const MtPart *p)
{
    if (nentries >= nbuckets) grow();
    uint32_t nbits = p->meta.marks;
    size_t words = ((size_t)nbits + 63) / 64;
    Entry *e = xmalloc(sizeof *e + words * 8);
    e->part = p->uid;
    e->cond = *c;
    e->nbits = nbits;
    memset(e->bits, 0xff, words * 8);
    size_t k = bucket_of(p->uid);
    e->next = buckets[k];
    buckets[k] = e;
    nentries++;
    nbytes += entry_bytes(e);
    return e;
}

bool condcache_lookup(const CondHash *c, const MtPart *p, uint32_t g0, uint32_t g1, uint8_t *keep)
{
    pthread_mutex_lock(&lock);
    Entry *e = find(c, p->uid);
    if (e) {
        e->used = ++tick;
        for (uint32_t g = g0; g < g1 && g < e->nbits; g++)
            if (!(e->bits[g / 64] >> (g % 64) & 1)) keep[g - g0] = 0;
    }
    pthread_mutex_unlock(&lock);
    return e != NULL;
}

void condcache_record(const CondHash *c, const MtPart *p, uint32_t g0, uint32_t n, const uint8_t *hit)
{
    uint32_t i = 0;
    while (i < n && hit[i]) i++;
    if (i == n) return;   /* nothing to record: every granule had a match */
    pthread_mutex_lock(&lock);
    Entry *e = find(c, p->uid);
    if (!e) e = add(c, p);
    e->used = ++tick;
    for (; i < n; i++) {
        uint32_t g = g0 + i;
        if (!hit[i] && g < e->nbits) e->bits[g / 64] &= ~(1ull << (g % 64));
    }
    evict();
    pthread_mutex_unlock(&lock);
}

void condcache_forget_part(uint64_t part_uid)
{
    pthread_mutex_lock(&lock);
    if (nbuckets) {
        size_t b = bucket_of(part_uid);
        unlink_where(of_part, part_uid, b, b + 1);
    }
    pthread_mutex_unlock(&lock);
}

void condcache_clear(void)
{
    pthread_mutex_lock(&lock);
    if (nbuckets) unlink_where(any, 0, 0, nbuckets);
    pthread_mutex_unlock(&lock);
}

void condcache_stats(uint64_t *entries, uint64_t *bytes)
{
    pthread_mutex_lock(&lock);
    *entries = nentries;
    *bytes = nbytes;
    pthread_mutex_unlock(&lock);
}
