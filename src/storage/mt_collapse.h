/* mt_collapse.h — what the MergeTree engines do to rows with equal sorting
 * keys when parts are merged (and when SELECT ... FINAL merges at read time):
 *
 *   ReplacingMergeTree([ver[, is_deleted]])  one row: the greatest ver, the
 *       last one on ties (or simply the last); with FINAL a winner marked
 *       is_deleted is dropped;
 *   SummingMergeTree([columns])  one row: numeric non-key columns (or the
 *       listed ones) summed, the others from the first row; dropped when every
 *       summed column is zero;
 *   CollapsingMergeTree(sign)  rows of sign +1 and -1 cancel out: with
 *       equal counts and a +1 last, the first -1 and the last +1 stay; more
 *       +1: the last +1; more -1: the first -1; otherwise nothing;
 *   AggregatingMergeTree  one row: the states of AggregateFunction columns
 *       merged (SummingMergeTree merges them too), the other columns from the
 *       first row;
 *   MergeTree keeps every row.
 *
 * Rows arrive in sort-key order; each group is decided when the key changes.
 */
#ifndef BASALT_MT_COLLAPSE_H
#define BASALT_MT_COLLAPSE_H

#include "mt_table.h"

typedef struct MtCollapse MtCollapse;

/* NULL in *out when the engine keeps every row. */
int mt_collapse_new(MtTable *mt, Table *t, QueryCtx *q, MtCollapse **out, Err *err);
/* FINAL also drops Replacing rows marked is_deleted. */
void mt_collapse_set_final(MtCollapse *c);
/* Offers row `row` of chunk ch (all table columns; keys: its sort key
 * columns); finished groups go to out (table columns) and out_pk (the
 * primary key, a prefix of the sort key). */
int mt_collapse_row(MtCollapse *c, const Chunk *ch, size_t row, Column **keys, Chunk *out, Column **out_pk, Err *err);
/* Emits the last group. */
int mt_collapse_finish(MtCollapse *c, Chunk *out, Column **out_pk, Err *err);
void mt_collapse_free(MtCollapse *c);

#endif
