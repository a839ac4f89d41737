/* mt_index.h — choosing what a MergeTree scan reads: parts pruned by the
 * partition min/max index and the partition value, granules pruned by the
 * sparse primary index, from the query's WHERE / PREWHERE conditions. */
#ifndef BASALT_MT_INDEX_H
#define BASALT_MT_INDEX_H

#include "../exec/op.h"
#include "mt_table.h"

typedef struct MtRange {
    MtPart *part;               /* borrowed from the scan's snapshot */
    uint32_t g0, g1;            /* granules [g0, g1) */
} MtRange;

/* What one index did, for EXPLAIN indexes = 1. */
typedef struct MtIndexStat {
    char *condition;            /* ClickHouse's text of the condition, "true" if none */
    char **keys;                /* key expressions the condition uses */
    int nkeys;
    int parts_in, parts_out;
    uint64_t granules_in, granules_out;
    bool binary_search;
    char *name, *description;   /* skip indexes: "iv", "minmax GRANULARITY 2"; condition NULL = no line */
} MtIndexStat;

typedef struct MtSelection {
    MtRange *ranges;
    int nranges;
    uint64_t rows, granules;
    int parts;
    MtIndexStat minmax, partition, primary;
    MtIndexStat *skip;          /* in the order the indexes were applied */
    int nskip;
    bool has_partition_key, has_primary_key;
} MtSelection;

/* Selects the ranges of parts[] to read for conditions where / prewhere
 * (either may be NULL), both over the scan's output columns (table columns
 * cols[0 .. ncols)). */
int mt_select(MtTable *mt, Table *t, QueryCtx *q, MtPart **parts, int nparts, Expr *where, Expr *prewhere, const int *cols,
              int ncols, MtSelection *out, Err *err);
void mt_selection_free(MtSelection *s);
/* The detail lines of ReadFromMergeTree under EXPLAIN indexes = 1. */
void mt_describe_selection(MtTable *mt, const MtSelection *s, Op *scan, Expr *prewhere, Buf *out);

#endif
