/* op_parallel.c — running one pipeline on several threads.
 *
 * A chain of row-wise operators over a table scan (Filter, Expression over
 * ReadFromMergeTree) can be cloned: every clone reads a share of the scan's
 * granules (the scan hands them out, see mt_scan.c) and evaluates the same
 * expressions. The consumers that want all rows in any order use this:
 *   - Aggregating runs one partial aggregation per clone and merges them
 *     (op_agg.c, through op_clone_chains and par_run);
 *   - Sorting reads through op_parallelize: a Gather operator whose threads
 *     each drive one clone and hand their chunks over a bounded queue.
 * Whether to split is the scan's call (enough rows to read:
 * merge_tree_min_rows_for_concurrent_read); max_threads caps the clones.
 * The work runs on the process's thread pool (base/pool.c); jobs charge
 * their memory to the query's tracker.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/mem.h"
#include "../base/pool.h"
#include "op.h"


int op_threads(QueryCtx *q)
{
    int64_t n = settings_int(&q->settings, SET_max_threads);
    if (n <= 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        n = c > 0 ? c : 1;
    }
    return n > OP_MAX_WAYS ? OP_MAX_WAYS : (int)n;
}

Op *op_clone(Op *op, int worker, int nworkers)
{
    return op && op->vt->clone ? op->vt->clone(op, worker, nworkers) : NULL;
}

int op_clone_chains(Op *in, Op **chains, int max)
{
    chains[0] = in;
    int n = op_threads(in->q);
    if (n > max) n = max;
    int k = 1;
    while (k < n && (chains[k] = op_clone(in, k, n)) != NULL) k++;
    return k;
}

bool expr_parallel_safe(const Expr *e)
{
    if (!e) return true;
    if (e->kind == EX_LAMBDA) {
        if (!expr_parallel_safe(e->body)) return false;
        for (int i = 0; i < e->ncaptured; i++)
            if (!expr_parallel_safe(e->captured[i])) return false;
        return true;
    }
    if (e->kind == EX_FUNC && (e->call->def->flags & FF_NONDET)) return false;
    for (int i = 0; i < e->nargs; i++)
        if (!expr_parallel_safe(e->args[i])) return false;
    return true;
}

/* ---- par_run: fn(ctx, i) for i in [0, n), i = 0 on the calling thread ---- */

typedef struct ParTask {
    int (*fn)(void *ctx, int i, Err *err);
    void *ctx;
    int i, rc;
    Err err;
    MemTracker *mem;
} ParTask;

static void par_job(void *arg)
{
    ParTask *t = arg;
    mem_current = t->mem;
    t->rc = t->fn(t->ctx, t->i, &t->err);
}

int par_run(int n, int (*fn)(void *ctx, int i, Err *err), void *ctx, Err *err)
{
    ParTask *t = xcalloc((size_t)n, sizeof *t);
    PoolWait w;
    pool_wait_init(&w);
    for (int i = 0; i < n; i++) t[i] = (ParTask){.fn = fn, .ctx = ctx, .i = i, .mem = mem_current};
    for (int i = 1; i < n; i++)
        if (!pool_submit(par_job, &t[i], &w)) t[i].rc = fn(ctx, i, &t[i].err);   /* no pool: run it here */
    t[0].rc = fn(ctx, 0, &t[0].err);
    pool_wait(&w);
    pool_wait_destroy(&w);
    int rc = 0;
    for (int i = 0; i < n && !rc; i++)
        if (t[i].rc) {
            rc = t[i].rc;
            *err = t[i].err;
        }
    free(t);
    return rc;
}

/* ---- Gather: n producer threads, one consumer ---- */

#define GATHER_QUEUE 8

typedef struct GatherOp GatherOp;
typedef struct Producer { GatherOp *g; int i; } Producer;

struct GatherOp {
    Op base;
    Op **chains;
    int n;
    Producer *prod;
    PoolWait jobs;
    pthread_mutex_t mu;
    pthread_cond_t has_item, has_space;
    Chunk *queue[GATHER_QUEUE];
    int head, len;
    int running;            /* producers not finished */
    bool stop;              /* consumer closed, or an error */
    int rc;
    Err err;
    MemTracker *mem;
    bool launched;
};

static void producer_main(void *arg)
{
    Producer *p = arg;
    GatherOp *g = p->g;
    mem_current = g->mem;
    Err err;
    for (;;) {
        Chunk *ch;
        int rc = op_next(g->chains[p->i], &ch, &err);
        pthread_mutex_lock(&g->mu);
        if (rc && !g->rc) {
            g->rc = rc;
            g->err = err;
            g->stop = true;
        }
        if (rc || !ch || g->stop) {
            pthread_mutex_unlock(&g->mu);
            if (ch) chunk_free(ch);
            break;
        }
        while (g->len == GATHER_QUEUE && !g->stop) pthread_cond_wait(&g->has_space, &g->mu);
        if (g->stop) {
            pthread_mutex_unlock(&g->mu);
            chunk_free(ch);
            break;
        }
        g->queue[(g->head + g->len++) % GATHER_QUEUE] = ch;
        pthread_cond_signal(&g->has_item);
        pthread_mutex_unlock(&g->mu);
    }
    pthread_mutex_lock(&g->mu);
    g->running--;
    pthread_cond_broadcast(&g->has_item);
    pthread_mutex_unlock(&g->mu);
    mem_current = NULL;
}

static void gather_launch(GatherOp *g)
{
    g->launched = true;
    g->mem = mem_current;
    g->running = g->n;
    for (int i = 0; i < g->n; i++) {
        g->prod[i] = (Producer){g, i};
        if (!pool_submit(producer_main, &g->prod[i], &g->jobs)) {
            pthread_mutex_lock(&g->mu);
            g->running--;
            if (!g->rc) {
                g->rc = err_set(&g->err, ERR_CANNOT_SCHEDULE_TASK, "Cannot schedule a task: no free thread");
                g->stop = true;
            }
            pthread_mutex_unlock(&g->mu);
        }
    }
}

static int gather_next(Op *op, Chunk **out, Err *err)
{
    GatherOp *g = (GatherOp *)op;
    if (!g->launched) gather_launch(g);
    pthread_mutex_lock(&g->mu);
    while (!g->len && g->running > 0 && !g->rc) pthread_cond_wait(&g->has_item, &g->mu);
    int rc = g->rc;
    if (rc) {
        *err = g->err;
    } else if (g->len) {
        *out = g->queue[g->head];
        g->head = (g->head + 1) % GATHER_QUEUE;
        g->len--;
        pthread_cond_signal(&g->has_space);
    }
    pthread_mutex_unlock(&g->mu);
    return rc;
}

static void gather_close(Op *op)
{
    GatherOp *g = (GatherOp *)op;
    pthread_mutex_lock(&g->mu);
    g->stop = true;
    pthread_cond_broadcast(&g->has_space);
    pthread_mutex_unlock(&g->mu);
    pool_wait(&g->jobs);   /* queued producers start, see stop and end */
    while (g->len) {
        chunk_free(g->queue[g->head]);
        g->head = (g->head + 1) % GATHER_QUEUE;
        g->len--;
    }
    for (int i = g->n - 1; i >= 0; i--) op_close(g->chains[i]);   /* clones before the original */
    free(g->prod);
    pool_wait_destroy(&g->jobs);
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->has_item);
    pthread_cond_destroy(&g->has_space);
}

static void gather_describe(Op *op, PlanDesc *d)
{
    d->hidden = true;
    d->children[d->nchildren++] = ((GatherOp *)op)->chains[0];
}

static const OpVt GATHER_VT = {.name = "Gather", .next = gather_next, .close = gather_close, .describe = gather_describe};

Op *op_parallelize(Op *in)
{
    Op *chains[OP_MAX_WAYS];
    int n = op_clone_chains(in, chains, OP_MAX_WAYS);
    if (n < 2) return in;
    GatherOp *g = op_alloc(in->q, sizeof *g, &GATHER_VT);
    g->chains = arena_memdup(&in->q->arena, chains, sizeof *chains * (size_t)n);
    g->n = n;
    g->prod = xcalloc((size_t)n, sizeof *g->prod);
    pool_wait_init(&g->jobs);
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->has_item, NULL);
    pthread_cond_init(&g->has_space, NULL);
    op_set_header(&g->base, in->ncols, in->names, in->types);
    return &g->base;
}
