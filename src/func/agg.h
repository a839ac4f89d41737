/* agg.h — aggregate functions and combinators.
 *
 * An AggDef describes a state machine over a fixed-size state (allocated by
 * the aggregating operator, one per group, from its arena): init, add one row
 * (or a batch of rows, each with its own state pointer), merge two states,
 * finalize into a result column, destroy any heap memory the state holds.
 * agg_resolve() parses combinator suffixes (-If, -Array, -Distinct, -OrNull,
 * -OrDefault, and their stacking) and applies ClickHouse's NULL handling:
 * NULL arguments are skipped, and the result becomes Nullable (NULL when no
 * row was seen) except for functions that count (count, uniq*, groupArray...).
 *
 * -State and -Merge (agg_state.c): xState returns the state itself as a value
 * of type AggregateFunction(x, types), serialized to bytes; xMerge takes such
 * values and merges them, finalizing as x would; xMergeState merges and keeps
 * the state. States serialize through AggDef.serialize / deserialize, or as
 * their raw bytes when the state holds no pointers (no destroy).
 */
#ifndef BASALT_AGG_H
#define BASALT_AGG_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/qctx.h"
#include "../column/column.h"

typedef struct AggCall AggCall;

/* Reading a serialized state. */
typedef struct AggIn { const char *p, *end; } AggIn;

enum {
    AF_OWN_NULLS = 1,      /* result never Nullable; NULL args skipped (count, uniq, groupArray) */
    AF_CI = 2,             /* case-insensitive name */
    AF_SEES_NULLS = 4,     /* receives NULL rows itself (count(x) without args handled) */
};

typedef struct AggDef {
    const char *name;
    int min_args, max_args;
    int min_params, max_params;
    unsigned flags;
    int (*resolve)(AggCall *ac, Err *err);               /* sets ret, state_size */
    void (*init)(AggCall *ac, void *st);
    void (*add)(AggCall *ac, void *st, Column **args, size_t row);
    void (*merge)(AggCall *ac, void *dst, void *src);
    int (*finalize)(AggCall *ac, void *st, Column *out, Err *err);
    void (*destroy)(AggCall *ac, void *st);              /* optional */
    const char *alias_of;
    /* optional: add rows [0, rows) to one state; mask[i] == 0 skips row i (NULL = all) */
    void (*add_batch)(AggCall *ac, void *st, Column **args, size_t rows, const uint8_t *mask);
    /* optional, for states holding pointers: -State bytes, and back into an initialised state */
    void (*serialize)(AggCall *ac, const void *st, Buf *out);
    int (*deserialize)(AggCall *ac, void *st, AggIn *in, Err *err);
    /* optional (GROUP BY): row r of [from, to) goes to the state at
     * states[r] + off; returns false when this argument type has no such path */
    bool (*add_scatter)(AggCall *ac, char *const *states, size_t off, Column **args, size_t from, size_t to);
} AggDef;

/* The most arguments an aggregate call takes (agg_resolve refuses more). */
#define AGG_MAX_ARGS 64

/* How far ahead a scatter loop prefetches the state it will update. */
#define AGG_SCATTER_AHEAD 16

#define AGG_COMB_HDR 16   /* a combinator's state header before the nested state */
/* True for xState / xMerge / xMergeState of an aggregate x. */
bool agg_state_name(const char *name);

typedef enum { COMB_NONE, COMB_IF, COMB_ARRAY, COMB_DISTINCT, COMB_OR_NULL, COMB_OR_DEFAULT, COMB_NULL, COMB_STATE, COMB_MERGE, COMB_MAP } CombKind;

struct AggCall {
    const AggDef *def;           /* NULL for a combinator wrapper */
    CombKind comb;
    AggCall *inner;              /* combinator's nested function */
    QueryCtx *q;
    const char *name;
    int nargs;
    const DataType **types;
    int nparams;
    double *params;              /* numeric parameters */
    Column **param_cols;         /* parameters as constant columns */
    const DataType *ret;
    size_t state_size;
    void *cfg;                   /* function-private, arena */
};

const AggDef *agg_find(const char *name);
/* True if name (with combinators) is an aggregate function. */
bool agg_is_aggregate(const char *name);
const AggDef *agg_at(size_t i);

int agg_resolve(AggCall *ac, QueryCtx *q, const char *name, const DataType **types, int nargs, Column **params,
                int nparams, Err *err);

void agg_init(AggCall *ac, void *st);
void agg_add(AggCall *ac, void *st, Column **args, size_t row);
/* Adds rows [0, rows) to a single state (aggregation without GROUP BY). */
void agg_add_batch(AggCall *ac, void *st, Column **args, size_t rows, const uint8_t *mask);
void agg_merge(AggCall *ac, void *dst, void *src);
int agg_finalize(AggCall *ac, void *st, Column *out, Err *err);
void agg_destroy(AggCall *ac, void *st);
/* Whether agg_destroy does anything for this call (its states hold heap memory). */
bool agg_has_destroy(const AggCall *ac);

/* The -Map combinator (agg_map.c): inner per key of a Map(K, V) argument. */
int agg_map_wrap(AggCall *ac, QueryCtx *q, const char *name, const DataType *arg, const AggCall *inner, Err *err);
/* A combinator call of kind around inner (header + inner state). */
AggCall *agg_wrap(QueryCtx *q, CombKind kind, AggCall *inner, const char *name);

/* ---- states (agg_state.c) ---- */
/* -State / -Merge names: resolves them into ac; 1 if name is neither. */
int agg_resolve_state_merge(AggCall *ac, QueryCtx *q, const char *name, const DataType **types, int nargs, Column **params,
                            int nparams, Err *err);
/* The aggregate whose states a type AggregateFunction(...) holds. */
int agg_resolve_type(AggCall *ac, QueryCtx *q, const DataType *t, Err *err);
bool agg_serializable(const AggCall *ac);
void agg_serialize(AggCall *ac, const void *st, Buf *out);
/* Into a state fresh from agg_init; all bytes must be consumed. */
int agg_deserialize(AggCall *ac, void *st, const char *data, size_t len, Err *err);
/* For the families' (de)serializers. */
int agg_in_read(AggIn *in, void *dst, size_t n, Err *err);
void agg_out_column(const Column *c, Buf *out);
int agg_in_column(AggIn *in, const DataType *t, Column **out, Err *err);

/* Aggregate families (agg_basic.c, agg_quantile.c, agg_stat.c, agg_collect.c, agg_uniq.c, agg_hll.c, agg_map.c, agg_garr.c). */
extern const AggDef AGGS_basic[];
extern const AggDef AGGS_quantile[];
extern const AggDef AGGS_stat[];
extern const AggDef AGGS_collect[];
extern const AggDef AGGS_uniq[];
extern const AggDef AGGS_hll[];
extern const AggDef AGGS_map[];
extern const AggDef AGGS_garr[];

#endif
