/* mt_keycond.h — ClickHouse's KeyCondition: a WHERE clause turned into a
 * reverse-Polish list of atoms over the elements of a key (the primary key,
 * the partition key, or the min/max-indexed columns), evaluated with
 * three-valued logic over ranges of key values to tell which parts and
 * granules cannot match.
 *
 * Atoms: `key op constant` for = != < <= > >=, IN / NOT IN a constant set,
 * LIKE 'prefix%' and startsWith on String keys; a condition on a monotonic
 * function of a key column (toDate(t) = ...) is checked by applying the
 * function to the key ranges; a condition on a column that the key wraps in a
 * monotonic function (PARTITION BY toYYYYMM(d), WHERE d = ...) is turned into
 * one on the key by applying the function to the constants (any deterministic
 * function for equality). NOT is pushed into the atoms; anything else is
 * unknown and dropped from ANDs. Text and search algorithm match
 * ClickHouse's EXPLAIN indexes = 1.
 */
#ifndef BASALT_MT_KEYCOND_H
#define BASALT_MT_KEYCOND_H

#include "mt_index.h"

typedef struct KeyCond KeyCond;

/* Condition over a key (cond2, if not NULL, is ANDed after cond); NULL when
 * the key is empty or there is no condition. nulls: a skip index's key, whose
 * Nullable elements are analysed with NULL as +Inf (and isNull atoms). */
int keycond_build_key(MtTable *mt, Table *t, QueryCtx *q, const MtKey *key, Expr *cond, Expr *cond2, const int *cols, int ncols,
                      bool nulls, KeyCond **out, Err *err);
/* Condition over the columns of the partition min/max index. */
int keycond_build_minmax(MtTable *mt, Table *t, QueryCtx *q, Expr *cond, Expr *cond2, const int *cols, int ncols,
                         KeyCond **out, Err *err);
void keycond_free(KeyCond *kc);

/* False when nothing in the condition constrains the key. */
bool keycond_useful(const KeyCond *kc);
/* Skip indexes: whether some atom decides, counting atoms ORed with unknowns. */
bool keycond_index_useful(const KeyCond *kc);
/* "(CounterID in [62, 62])", "and(...)", "true" (malloc'd). */
char *keycond_text(const KeyCond *kc);
/* The key elements EXPLAIN lists under "Keys:" (the used prefix), malloc'd. */
void keycond_used_keys(const KeyCond *kc, char ***keys, int *n);

/* Can the condition hold for some row of the part (by its min/max index /
 * its partition value)? */
bool keycond_part_minmax(const KeyCond *kc, const MtPart *p);
bool keycond_part_partition(const KeyCond *kc, const MtPart *p);
/* Can it hold for some row whose key element k lies in [lo[k], hi[k]] (row
 * `row` of those columns, of the key types without Nullable)? nulls, if not
 * NULL: per key, bit 0 = some non-NULL value, bit 1 = some NULL. */
bool keycond_check_box(const KeyCond *kc, Column **lo, Column **hi, size_t row, const uint8_t *nulls);
/* The same, also telling whether the condition can be false there. */
bool keycond_check_box_mask(const KeyCond *kc, Column **lo, Column **hi, size_t row, const uint8_t *nulls, bool *can_be_false);
/* e (over scan columns, cols[] mapping them to table columns) is the same
 * expression as ke (over the table's columns). */
bool keycond_expr_same(const Expr *e, const int *cols, int ncols, const Expr *ke);
/* A function call's canonical name (aliases resolved). */
const char *keycond_fname(const Expr *e);
/* Granule ranges of the part that may hold matching rows (malloc'd). */
int keycond_part_ranges(const KeyCond *kc, const MtPart *p, QueryCtx *q, MtRange **out, int *n, bool *binary, Err *err);

#endif
