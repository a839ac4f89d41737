/* op.h — the operators of a query pipeline (pull model over Chunks).
 *
 * Every operator has a header (column names and types) and next(), which
 * returns 0 and sets *out to the next chunk (caller owns it) or to NULL at the
 * end of the stream. close() releases the operator and its inputs. Operators
 * are built by the planner (analyze/) and driven by query_run(); parallel
 * execution (issue 4) splits the same operators across threads.
 */
#ifndef BASALT_OP_H
#define BASALT_OP_H

#include "../func/agg.h"
#include "expr.h"

typedef struct Op Op;

/* ORDER BY ... LIMIT n over an integer-like first key: once n rows are
 * held, a row whose key is worse than the n-th's cannot make the result.
 * The sort publishes that bound (bits: the key's raw bits, valid set once
 * known, then only tightened) and a scan below skips such rows before
 * reading its other columns. Read by the scan's threads, written by the sort. */
typedef struct TopNFilter {
    int valid;
    int direction;     /* 1 asc, -1 desc */
    int w;             /* key width in bytes */
    bool sgn;
    uint64_t bits;
} TopNFilter;
/* Sets mask[r] for the rows of c (the key column, not a constant) the bound keeps; returns how many. */
size_t topn_filter_mask(const TopNFilter *f, const Column *c, uint8_t *mask);

/* EXPLAIN PLAN: what one operator shows (explain.c draws the tree). An
 * operator with `hidden` set shows its single child in its place. */
typedef struct PlanDesc {
    const char *name;          /* "Filter ((WHERE + ...))" */
    Buf details;               /* detail lines, '\n'-terminated */
    Op *children[8];
    int nchildren;
    bool hidden;
    /* a step drawn between this one and its children (ClickHouse's two-phase
     * steps, e.g. Distinct (Preliminary DISTINCT)), with its own details */
    const char *inner_name;
    Buf inner_details;
} PlanDesc;

typedef struct OpVt {
    const char *name;
    int (*next)(Op *op, Chunk **out, Err *err);
    void (*close)(Op *op);
    void (*describe)(Op *op, PlanDesc *d);   /* optional */
    /* optional: output column col is input column *in_col of *in (not computed here) */
    bool (*column_source)(Op *op, int col, Op **in, int *in_col);
    /* optional (table scans): a filter over the output columns the planner
     * hands down, for index pruning; with prewhere the scan also applies it
     * (returns true), otherwise the planner keeps its own Filter. `after`
     * names the output columns still needed past the filter (NULL: all). */
    bool (*push_filter)(Op *op, Expr *e, bool prewhere, const bool *after);
    /* optional (table scans): position of output column col in the table's
     * primary key, or -1 (PREWHERE puts key conditions last) */
    int (*key_position)(Op *op, int col);
    /* optional (table scans): SELECT ... FINAL; an error if the engine has none */
    int (*set_final)(Op *op, Err *err);
    /* optional (table scans): the exact number of rows the scan would give,
     * known without reading (no filter, no FINAL, no deleted rows): count()
     * answers from it (optimize_trivial_count_query) */
    bool (*exact_rows)(Op *op, uint64_t *n);
    /* optional (row-wise operators and splittable scans): a copy of op and
     * its inputs that reads share `worker` of nworkers of the source; NULL
     * when it cannot be split (op_parallel.c) */
    Op *(*clone)(Op *op, int worker, int nworkers);
    /* optional (table scans, late materialisation): do not read the columns
     * outside needed; chunks then hold them as constant placeholders plus
     * one trailing UInt64 locator column. false: nothing deferred. */
    bool (*defer_columns)(Op *op, const bool *needed, bool *deferred);
    /* ... and reads the deferred columns of ch's rows, dropping the locator */
    int (*fetch_deferred)(Op *op, Chunk *ch, Err *err);
    /* optional (scans and the row-wise operators over them): apply f to
     * output column col while reading; false if it cannot */
    bool (*topn_filter)(Op *op, int col, TopNFilter *f);
    /* optional: only the output columns with used[i] set are read downstream
     * (the others may come as constant placeholders); passed on to inputs */
    void (*prune_outputs)(Op *op, const bool *used);
    /* optional (scans of whole tables): min and max (a 2-row column) of
     * output column col over every row, known without reading; false if not */
    bool (*column_range)(Op *op, int col, Column **minmax);
    /* optional (table scans, before any other call): output String column
     * col becomes each row's length (UInt64), read without the bytes; false
     * if it cannot (the column stays as it was) */
    bool (*read_sizes)(Op *op, int col);
    /* optional (table scans): a Filter over this op's output is made with
     * pred (op_filter calls it); the scan may then skip granules where pred
     * held for no row in an earlier query (the query condition cache) */
    void (*adopt_filter)(Op *op, Expr *pred);
    /* ... and that Filter reports which rows of the chunk this op returned
     * last passed (mask[r] 0 or 1, rows rows) */
    void (*filter_result)(Op *op, const uint8_t *mask, size_t rows);
    /* optional: how many rows this op will give, known at plan time (the
     * join's build-side choice); EST_UNKNOWN when it cannot say */
    int (*rows_estimate)(Op *op, uint64_t *n);
} OpVt;

/* Plan-time row counts (as ClickHouse's estimateReadRowsCount): exact, a
 * heuristic point estimate, or only an upper bound. */
enum { EST_UNKNOWN, EST_EXACT, EST_POINT, EST_UPPER };
int op_rows_estimate(Op *op, uint64_t *n);

struct Op {
    const OpVt *vt;
    QueryCtx *q;
    int ncols;
    char **names;
    const DataType **types;
    const char *label;         /* sources: the step name EXPLAIN shows (ReadFromMemoryStorage...) */
};

/* Next chunk (NULL at the end). On an error no chunk is returned: one an
 * operator produced before failing (e.g. a memory-limit check) is freed here. */
static inline int op_next(Op *op, Chunk **out, Err *err)
{
    *out = NULL;
    if (op->q->cancel || op->q->deadline_ns || op->q->tick) {   /* KILL QUERY, max_execution_time, progress */
        int crc = qctx_check(op->q, err);
        if (crc) return crc;
    }
    int rc = op->vt->next(op, out, err);
    if (rc && *out) {
        chunk_free(*out);
        *out = NULL;
    }
    return rc;
}
void op_close(Op *op);                       /* NULL-safe */
/* Sets the header from arrays (copied into the query arena). */
void op_set_header(Op *op, int n, char *const *names, const DataType *const *types);
void *op_alloc(QueryCtx *q, size_t size, const OpVt *vt);

/* Sources */
Op *op_chunks(QueryCtx *q, int ncols, char **names, const DataType **types, Chunk **chunks, int nchunks); /* takes chunks */
Op *op_one(QueryCtx *q);                     /* system.one: one row, column `dummy` UInt8 = 0 */
Op *op_numbers(QueryCtx *q, uint64_t start, uint64_t count, uint64_t step, bool unbounded, const char *colname, bool zeros);

/* Transforms */
Op *op_project(Op *in, Expr **exprs, int n, char **names);
Op *op_filter(Op *in, Expr *pred);
Op *op_limit(Op *in, uint64_t limit, uint64_t offset, bool has_limit);
/* Sources call this before producing rows: TOO_MANY_ROWS / TOO_MANY_BYTES. */
int read_limits_check(QueryCtx *q, uint64_t next_rows, uint64_t next_bytes, Err *err);
Op *op_distinct(Op *in, int nkeys);          /* distinct over the first nkeys columns */
Op *op_limit_by(Op *in, int *keys, int nkeys, uint64_t limit, uint64_t offset);
Op *op_union(QueryCtx *q, Op **children, int n);   /* children have equal headers */
/* n operators that each give all of in's rows (read once, kept in memory);
 * in is closed with the last of them. */
void op_replay(Op *in, int n, Op **out);
Op *op_array_join(Op *in, int *cols, int ncols, bool left);  /* cols: array columns to unfold, replaced by elements */

typedef struct SortKey {
    int col;
    int direction;        /* 1 asc, -1 desc */
    int nulls_direction;  /* 1: NULLs (and NaN) after all values in ascending order */
    bool collate_ci;
} SortKey;
Op *op_sort(Op *in, SortKey *keys, int nkeys, uint64_t limit);   /* limit 0 = none; limit includes offset */
/* LIMIT n WITH TIES over input sorted by keys: also the rows equal to the last one. */
Op *op_limit_ties(Op *in, uint64_t limit, uint64_t offset, const SortKey *keys, int nkeys);

typedef struct AggSpec {
    AggCall *call;
    int *args;            /* input column indexes */
    int nargs;
} AggSpec;
/* Output: keys (input columns keys[i]) then one column per aggregate.
 * totals: if true, a totals row is computed into q->totals. */
Op *op_aggregate(Op *in, int *keys, int nkeys, AggSpec *aggs, int naggs, bool totals, char **names);
/* dep[k]: key k is a deterministic function of the other keys, so it is not
 * hashed, and its input column is not read: dep_expr[k], over the key
 * columns (input j = key j), computes it per group on output (ClickHouse's
 * optimize_group_by_function_keys). */
void op_aggregate_set_dependent(Op *agg, const bool *dep, Expr **dep_expr);
/* Every aggregate is count(): answer with n rows without reading the input
 * (EXPLAIN: MergingAggregated over ReadFromPreparedSource (Optimized trivial count)). */
void op_aggregate_set_trivial_count(Op *agg, uint64_t n);

typedef enum { EJ_INNER, EJ_LEFT, EJ_RIGHT, EJ_FULL, EJ_CROSS } ExecJoinKind;
typedef enum { EJS_ALL, EJS_ANY, EJS_SEMI, EJS_ANTI } ExecJoinStrict;

typedef struct JoinSpec {
    ExecJoinKind kind;
    ExecJoinStrict strict;
    int nkeys;
    int *left_keys, *right_keys;   /* column indexes of key columns (already cast to common types) */
    bool use_nulls;                /* join_use_nulls */
    bool keep_sides;               /* USING: never build from the left side */
} JoinSpec;
/* Output: left columns then right columns. The right side is read whole and
 * indexed, unless query_plan_join_swap_table (auto: the left side is known to
 * be smaller) makes an ALL join build from the left side instead. */
Op *op_join(Op *left, Op *right, JoinSpec *spec);

/* ---- parallel pipelines (op_parallel.c) ---- */
#define OP_MAX_WAYS 64                       /* most clones of one pipeline */
int op_threads(QueryCtx *q);                 /* max_threads (auto = cores), at most OP_MAX_WAYS */
Op *op_clone(Op *op, int worker, int nworkers);
void op_prune_outputs(Op *op, const bool *used);   /* NULL-safe; no-op where unsupported */
/* chains[0] = in, then clones of it for up to max ways; returns how many (1: not split). */
int op_clone_chains(Op *in, Op **chains, int max);
/* in, or a Gather over clones of in run on their own threads (rows in any order). */
Op *op_parallelize(Op *in);
/* Runs fn(ctx, i, err) for i in [0, n), on n threads (i = 0 on this one); the first error. */
int par_run(int n, int (*fn)(void *ctx, int i, Err *err), void *ctx, Err *err);
/* False when e calls a function that must see rows in order on one thread (rand, rowNumberInAllBlocks...). */
bool expr_parallel_safe(const Expr *e);

/* EXPLAIN PLAN text of the tree under root, ClickHouse's layout. */
void op_explain(Op *root, Buf *out);
/* SQL text of an expression with infix operators (EXPLAIN details). */
void expr_sql(const Expr *e, Op *in, Buf *out);   /* in: the operator e reads (NULL: use names) */
/* Text of column `col` of op: its defining expression when op computes it. */
void op_column_sql(Op *op, int col, Buf *out);

/* Drains an operator into an array of chunks (used for subqueries, IN sets, CTAS). */
int op_drain(Op *op, Chunk ***chunks, int *n, Err *err);
/* Concatenates chunks of one header into a single chunk. */
Chunk *chunks_concat(Chunk **chunks, int n, int ncols, const DataType **types);
void chunks_free(Chunk **chunks, int n);

#endif
