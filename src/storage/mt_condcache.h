/* mt_condcache.h — the query condition cache (ClickHouse's
 * use_query_condition_cache): for a filter condition and a part, the
 * granules where the condition held for no row.
 *
 * ReadFromMergeTree (mt_scan.c) evaluates PREWHERE granule range by granule
 * range; for each granule none of whose rows passed, it records a miss here.
 * The next query with the same condition drops those granules from its
 * selection before reading anything, an ephemeral index. Parts are
 * immutable and every loaded part has its own uid, so an entry can never
 * go stale: a mutation or merge makes a new part, and the entries of a
 * freed part are dropped with it. The condition's hash covers its full
 * bound form (functions, argument and result types, constants, input
 * columns with their types) and the query's changed settings; a condition
 * with a non-deterministic function is not cached. Memory is bounded
 * (least recently used entries go first). */
#ifndef BASALT_MT_CONDCACHE_H
#define BASALT_MT_CONDCACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "../exec/expr.h"
#include "mt_part.h"

typedef struct CondHash {
    uint64_t lo, hi;
} CondHash;

/* The hash of condition e (over input columns named names[]) under settings
 * s. False when e cannot be cached (a non-deterministic function). */
bool condcache_hash(const Expr *e, const char *const *names, const Settings *s, CondHash *out);

/* Granules [g0, g1) of part p: sets keep[g - g0] = 0 for those known to have
 * no row matching c; leaves the others. False if p has no entry for c. */
bool condcache_lookup(const CondHash *c, const MtPart *p, uint32_t g0, uint32_t g1, uint8_t *keep);

/* Records that the granules g0 + i (i < n) with hit[i] == 0 had no row
 * matching c. */
void condcache_record(const CondHash *c, const MtPart *p, uint32_t g0, uint32_t n, const uint8_t *hit);

/* Drops the entries of a part (it is being freed). */
void condcache_forget_part(uint64_t part_uid);
/* SYSTEM DROP QUERY CONDITION CACHE. */
void condcache_clear(void);
/* Entries and bytes held (tests, system tables). */
void condcache_stats(uint64_t *entries, uint64_t *bytes);

#endif
