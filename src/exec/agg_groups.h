/* agg_groups.h — the groups of hash aggregation (used by op_agg.c).
 *
 * A GroupSet maps distinct keys to groups: a hash table chosen by the key
 * shape (AggShape), the key values of each group (one row per group in
 * key_cols) and each group's block of aggregate states (from its own
 * arena). A GROUP BY run on several threads splits its groups over
 * partitions (GroupSets) by the top bits of the key's hash, so partition p
 * of every thread holds the same keys and partitions merge in parallel.
 */
#ifndef BASALT_AGG_GROUPS_H
#define BASALT_AGG_GROUPS_H

#include "op.h"

/* How keys are hashed, and what a group's state block holds. */
typedef struct AggShape {
    int nkeys;
    const DataType **key_types;
    const bool *dep;         /* keys not hashed (functions of the others), or NULL */
    int num_w, num_key;      /* one hashed integer-like key: its width and index (0: not this shape) */
    int pack_w[8];           /* two or more integer-like keys packed in 16 bytes: widths (0 = not hashed) */
    bool packed;
    bool str_key;            /* one String key: its bytes are the table key */
    AggSpec *aggs;
    int naggs;
    const size_t *offs;      /* offset of aggregate i inside a block */
    size_t block_size;
} AggShape;

typedef struct GroupSlot GroupSlot;
typedef struct NumSlot NumSlot;
typedef struct PackSlot PackSlot;

typedef struct GroupSet {
    size_t cap;              /* the table's slots (power of two, 0 = none yet) and used ones */
    size_t used;
    GroupSlot *slot;         /* byte keys (hash tag, length, group; the bytes precede the block) */
    NumSlot *num;            /* one integer key */
    PackSlot *pack;          /* packed keys */
    Arena arena;             /* the state blocks */
    char **states;           /* per group: its block (NULL: moved to another set) */
    size_t n, capn;
    Column **key_cols;       /* per key: one row per group */
} GroupSet;

void groupset_init(GroupSet *g, const AggShape *sh);
/* Destroys the states still held, frees everything. */
void groupset_free(GroupSet *g, const AggShape *sh);
/* A new group's state block (initialised when init) without a key: aggregation without GROUP BY. */
char *groupset_add(GroupSet *g, const AggShape *sh, bool init);

/* Room for groups groups without growing. */
void groupset_reserve(GroupSet *g, const AggShape *sh, size_t groups);

/* The group of each of rows rows of key columns kc (in key order): rs[r]
 * gets its state block, creating groups (states initialised when init) as
 * keys first appear; fresh[r] (if not NULL) is 1 for a row that created its
 * group. Rows go to partition hash >> (64 - log2 nparts) of parts, or all
 * to parts[only] when only >= 0 (rows known to belong there). With adopt
 * (merging another set's groups, one row each), a new group takes block
 * adopt[r] itself: the caller then hands that set's arena over. */
void groups_assign(const AggShape *sh, GroupSet *parts, int nparts, int only, Column **kc, size_t rows, char **rs, uint8_t *fresh,
                   bool init, char **adopt);

#endif
