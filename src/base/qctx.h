/* qctx.h — the per-query context every stage sees.
 *
 * Created by query_run() for one statement: the arena that holds the query's
 * AST, plan and scratch data, its memory tracker, a copy of the session's
 * settings with the query's SETTINGS applied, the session time zone, the
 * current database, query parameters and the wall-clock instant now() returns.
 * Stages get a QueryCtx pointer and never reach into the session directly.
 */
#ifndef BASALT_QCTX_H
#define BASALT_QCTX_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "mem.h"
#include "settings.h"
#include "tz.h"

struct Catalog;
struct Table;
struct Session;

typedef struct QueryParam {
    char *name;
    char *value;     /* text form as given by the client */
} QueryParam;

typedef struct QueryCtx {
    Arena arena;
    MemTracker mem;
    Settings settings;
    const Tz *tz;             /* session_timezone or server default */
    char *database;           /* current database */
    const char *temp_db;      /* the session's temporary tables (catalog_resolve_db), or NULL */
    struct Catalog *catalog;
    struct Session *session;
    QueryParam *params;
    int nparams;
    int64_t now_us;           /* now() for the whole query */
    uint64_t rand_state;
    char query_id[64];
    const char *user;         /* who runs it (currentUser()); NULL: default */
    int64_t readonly;         /* the session's readonly level when the query started */
    const struct Access *access;   /* its rights (base/access.h); NULL: may do everything */
    /* statistics */
    uint64_t rows_read, bytes_read;
    uint64_t total_rows_to_read;            /* what the scans planned to read (progress: % done) */
    uint64_t rows_written, bytes_written;   /* INSERT */
    uint64_t result_rows, result_bytes;     /* rows and bytes of the result sent */
    uint64_t rows_before_limit;
    uint64_t sort_rows;       /* rows into a top-n sort (ORDER BY ... LIMIT) */
    bool has_limit;
    int subquery_counter;
    volatile int *cancel;     /* set by the server on client disconnect/cancel */
    int64_t deadline_ns;      /* CLOCK_MONOTONIC: max_execution_time runs out (0: none) */
    double max_execution_time;
    /* called by qctx_check on the thread that set it, at most every tick_every_ns
     * (the HTTP server's progress headers, and its check for a closed client) */
    void (*tick)(void *ctx);
    void *tick_ctx;
    int64_t tick_every_ns, tick_next_ns;
    unsigned long tick_thread;
    /* releases run by qctx_finish (constant columns held by plans, states...) */
    struct QCleanup { void (*fn)(void *); void *arg; } *cleanups;
    int ncleanups, capcleanups;
    int defer_lock;           /* qctx_defer may be called by a pipeline's threads */
    /* results that formats print besides the rows */
    void *totals;             /* Chunk* of WITH TOTALS, owned by the query */
    void *extremes;
    /* analyzer: the scope result-column names are computed in (x.a -> a) */
    void *name_scope;
    /* analyzer: identifiers of the statement being planned (column pruning) */
    void *used_idents;
    /* EXPLAIN indexes = 1: scans describe their index analysis */
    bool explain_indexes;
    /* a materialized view's query: the block just inserted stands for its
     * source table (a Memory table of that db and name); mv_depth counts
     * views triggering views */
    struct Table *block_table;
    int mv_depth;
} QueryCtx;

/* Registers fn(arg) to run when the query ends (last registered runs first). */
void qctx_defer(QueryCtx *q, void (*fn)(void *), void *arg);
/* Runs the deferred releases and frees the arena; q may be reused after qctx_init. */
void qctx_finish(QueryCtx *q);
void qctx_init(QueryCtx *q);
/* QUERY_WAS_CANCELLED (KILL QUERY, a client gone) or TIMEOUT_EXCEEDED
 * (max_execution_time) when the query must stop; checked between chunks. */
int qctx_check(QueryCtx *q, Err *err);

static inline uint64_t qctx_rand(QueryCtx *q)
{
    /* xorshift64* */
    uint64_t x = q->rand_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    q->rand_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

#endif
