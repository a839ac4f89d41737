/* mem.h — allocation with accounting.
 *
 * All heap memory that belongs to a query (column buffers, hash tables,
 * arenas) goes through mem_alloc/mem_realloc/mem_free, which count bytes
 * against the current thread's MemTracker (set by query_run for the query's
 * duration). Trackers form a chain (query -> process), so a query's
 * `max_memory_usage` and a process-wide limit are checked in one place.
 * Exceeding a limit does not fail the allocation itself: operators call
 * mem_check() at chunk boundaries and fail the query with
 * MEMORY_LIMIT_EXCEEDED through the normal error path. Out-of-memory from
 * the system allocator aborts (there is no safe way to continue).
 */
#ifndef BASALT_MEM_H
#define BASALT_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

typedef struct MemTracker {
    int64_t used;     /* bytes currently allocated */
    int64_t peak;
    int64_t limit;    /* 0 = unlimited */
    struct MemTracker *parent;
} MemTracker;

/* The tracker allocations on this thread are charged to (NULL = none). */
extern _Thread_local MemTracker *mem_current;

void *mem_alloc(size_t n);            /* never NULL; aborts on OOM */
void *mem_calloc(size_t n);
void *mem_realloc(void *p, size_t old_n, size_t new_n);
void mem_free(void *p, size_t n);     /* n = size passed at allocation */
char *mem_strdup(const char *s);      /* untracked helper for long-lived data */

/* Plain (untracked) allocation for long-lived objects; aborts on OOM. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Fails with MEMORY_LIMIT_EXCEEDED if any tracker in the chain is over its limit. */
int mem_check(Err *err);
/* Before one large allocation that is a known size: MEMORY_LIMIT_EXCEEDED
 * if `extra` more bytes would pass a limit of the chain (checked ahead,
 * since a single allocation may be far beyond what the machine has). */
int mem_check_extra(size_t extra, Err *err);
/* The default process-wide limit, as ClickHouse's max_server_memory_usage = 0:
 * 90% of the memory the process may use (RAM, or a smaller cgroup limit). */
int64_t mem_default_server_limit(void);

#endif
