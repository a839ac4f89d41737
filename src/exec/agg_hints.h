/* agg_hints.h — how many groups an aggregation had last time (op_agg.c).
 *
 * A process-wide cache, as ClickHouse's hash-table statistics: after a GROUP
 * BY on several threads, the largest partition's group count is kept under
 * a key made of the plan text of its input and its keys; the next run of the
 * same aggregation sizes its tables for that many groups at once instead of
 * growing them through every power of two (each growth rehashes every
 * group). A hint is only a size: a wrong one costs memory, never results.
 */
#ifndef BASALT_AGG_HINTS_H
#define BASALT_AGG_HINTS_H

#include <stddef.h>
#include <stdint.h>

struct Op;

/* The key of an aggregation: its input's plan and its key columns. */
uint64_t agg_hint_key(struct Op *in, const int *keys, int nkeys);
/* Groups per partition remembered for key with nparts partitions, or 0. */
size_t agg_hint_get(uint64_t key, int nparts);
void agg_hint_put(uint64_t key, int nparts, size_t groups);

#endif
