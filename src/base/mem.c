/* mem.c — tracked and untracked allocation; see mem.h. */
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)

_Thread_local MemTracker *mem_current;

static void oom(size_t n)
{
    fprintf(stderr, "basalt: out of memory allocating %zu bytes\n", n);
    abort();
}

static void charge(int64_t delta)
{
    /* atomic: a tracker may be shared by the threads of one query, and the
     * process tracker by every query */
    for (MemTracker *t = mem_current; t; t = t->parent) {
        int64_t u = __atomic_add_fetch(&t->used, delta, __ATOMIC_RELAXED);
        int64_t p = __atomic_load_n(&t->peak, __ATOMIC_RELAXED);
        while (u > p && !__atomic_compare_exchange_n(&t->peak, &p, u, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
        }
    }
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *xcalloc(size_t count, size_t n)
{
    void *p = calloc(count ? count : 1, n ? n : 1);
    if (!p) oom(count * n);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void *mem_alloc(size_t n)
{
    charge((int64_t)n);
    return xmalloc(n);
}

/* Zeroed by writing, not calloc: a fresh mapping from calloc is read-faulted
 * onto the shared zero page, and the first write to each page (hash tables
 * probe before they store) then costs a second fault and, with several
 * threads, a TLB shootdown on every core. */
static void *(*volatile zero_fill)(void *, int, size_t) = memset;   /* not folded back into calloc */

/* Big blocks (hash tables) ask for huge pages: far fewer TLB misses when
 * probes land anywhere in hundreds of megabytes. */
static void huge_pages(void *p, size_t n)
{
    if (n < ((size_t)8 << 20)) return;
    uintptr_t b = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1), e = ((uintptr_t)p + n) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (e > b) madvise((void *)b, e - b, MADV_HUGEPAGE);
}

void *mem_calloc(size_t n)
{
    charge((int64_t)n);
    void *p = xmalloc(n);
    huge_pages(p, n);
    zero_fill(p, 0, n ? n : 1);
    return p;
}

void *mem_realloc(void *p, size_t old_n, size_t new_n)
{
    charge((int64_t)new_n - (int64_t)old_n);
    return xrealloc(p, new_n);
}

void mem_free(void *p, size_t n)
{
    if (!p) return;
    charge(-(int64_t)n);
    free(p);
}

char *mem_strdup(const char *s)
{
    return xstrdup(s);
}

int mem_check_extra(size_t extra, Err *err)
{
    for (MemTracker *t = mem_current; t; t = t->parent) {
        int64_t used = __atomic_load_n(&t->used, __ATOMIC_RELAXED);
        if (t->limit > 0 && (extra > (size_t)INT64_MAX / 2 || used + (int64_t)extra > t->limit))
            return err_set(err, ERR_MEMORY_LIMIT_EXCEEDED,
                           "%s memory limit exceeded: would use %.2f MiB (attempt to allocate chunk of %zu bytes), maximum: %.2f MiB",
                           t == mem_current ? "Query" : t->parent ? "User" : "(total)", ((double)used + (double)extra) / 1048576.0,
                           extra, (double)t->limit / 1048576.0);
    }
    return 0;
}

int64_t mem_default_server_limit(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGESIZE);
    int64_t ram = pages > 0 && psz > 0 ? (int64_t)pages * psz : 0;
    FILE *f = fopen("/sys/fs/cgroup/memory.max", "r");   /* cgroup v2: a container's limit */
    if (f) {
        char buf[64] = "";
        if (fgets(buf, sizeof buf, f) && buf[0] >= '0' && buf[0] <= '9') {
            int64_t cg = strtoll(buf, NULL, 10);
            if (cg > 0 && (!ram || cg < ram)) ram = cg;
        }
        fclose(f);
    }
    return ram / 10 * 9;
}

int mem_check(Err *err)
{
    for (MemTracker *t = mem_current; t; t = t->parent) {
        if (t->limit > 0 && __atomic_load_n(&t->used, __ATOMIC_RELAXED) > t->limit)
            return err_set(err, ERR_MEMORY_LIMIT_EXCEEDED,
                           "%s memory limit exceeded: would use %.2f MiB (attempt to allocate chunk), maximum: %.2f MiB",
                           t == mem_current ? "Query" : t->parent ? "User" : "(total)", (double)t->used / 1048576.0,
                           (double)t->limit / 1048576.0);
    }
    return 0;
}
