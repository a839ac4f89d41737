/* qctx.c — query context lifetime; see qctx.h. */
#include "qctx.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int qctx_check(QueryCtx *q, Err *err)
{
    if (q->cancel && *q->cancel) return err_set(err, ERR_QUERY_WAS_CANCELLED, "Query was cancelled");
    if (q->deadline_ns || q->tick) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        int64_t now = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
        if (q->tick && now >= q->tick_next_ns && (unsigned long)pthread_self() == q->tick_thread) {
            q->tick_next_ns = now + q->tick_every_ns;
            q->tick(q->tick_ctx);
            if (q->cancel && *q->cancel) return err_set(err, ERR_QUERY_WAS_CANCELLED, "Query was cancelled");
        }
        if (q->deadline_ns && now > q->deadline_ns)
            return err_set(err, ERR_TIMEOUT_EXCEEDED, "Timeout exceeded: elapsed %.9g seconds, maximum: %g",
                           q->max_execution_time + (double)(now - q->deadline_ns) / 1e9, q->max_execution_time);
    }
    return 0;
}

void qctx_init(QueryCtx *q)
{
    memset(q, 0, sizeof *q);
    arena_init(&q->arena);
    q->arena.shared = 1;   /* parallel pipelines' threads allocate from it too */
    settings_init(&q->settings);
    q->tz = tz_default();
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    q->now_us = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
    q->rand_state = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)ts.tv_sec;
    if (!q->rand_state) q->rand_state = 1;
}

void qctx_defer(QueryCtx *q, void (*fn)(void *), void *arg)
{
    while (__atomic_exchange_n(&q->defer_lock, 1, __ATOMIC_ACQUIRE)) {
    }
    if (q->ncleanups == q->capcleanups) {
        int cap = q->capcleanups ? q->capcleanups * 2 : 16;
        struct QCleanup *n = xcalloc((size_t)cap, sizeof *n);
        if (q->cleanups) memcpy(n, q->cleanups, sizeof *n * (size_t)q->ncleanups);
        free(q->cleanups);
        q->cleanups = n;
        q->capcleanups = cap;
    }
    q->cleanups[q->ncleanups].fn = fn;
    q->cleanups[q->ncleanups].arg = arg;
    q->ncleanups++;
    __atomic_store_n(&q->defer_lock, 0, __ATOMIC_RELEASE);
}

void qctx_finish(QueryCtx *q)
{
    /* releases are charged back to the query's tracker (and its parents) */
    MemTracker *saved = mem_current;
    mem_current = &q->mem;
    while (q->ncleanups > 0) {
        q->ncleanups--;
        q->cleanups[q->ncleanups].fn(q->cleanups[q->ncleanups].arg);
    }
    mem_current = saved;
    free(q->cleanups);
    q->cleanups = NULL;
    q->capcleanups = 0;
    arena_free(&q->arena);
    settings_free(&q->settings);
}
