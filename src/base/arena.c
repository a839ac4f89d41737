/* arena.c — bump allocator; see arena.h. Blocks double in size up to 1 MiB;
 * a request larger than half a block gets a block of its own. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"

struct ArenaBlock {
    ArenaBlock *next;
    size_t size;     /* usable bytes after the header */
    size_t used;
    _Alignas(16) unsigned char data[];
};

#define ARENA_FIRST 4096
#define ARENA_MAX_BLOCK (1u << 20)

void arena_init(Arena *a)
{
    a->head = NULL;
    a->total = 0;
    a->shared = 0;
    a->lock = 0;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *n = b->next;
        mem_free(b, sizeof *b + b->size);
        b = n;
    }
    a->head = NULL;
    a->total = 0;
}

void arena_adopt(Arena *dst, Arena *src)
{
    if (!src->head) return;
    ArenaBlock *tail = src->head;
    while (tail->next) tail = tail->next;
    if (dst->head) {   /* behind dst's current block, which keeps serving allocations */
        tail->next = dst->head->next;
        dst->head->next = src->head;
    } else {
        dst->head = src->head;
    }
    dst->total += src->total;
    src->head = NULL;
    src->total = 0;
}

static ArenaBlock *new_block(Arena *a, size_t need)
{
    size_t size = a->head ? a->head->size * 2 : ARENA_FIRST;
    if (size > ARENA_MAX_BLOCK) size = ARENA_MAX_BLOCK;
    if (size < need) size = need;
    ArenaBlock *b = mem_alloc(sizeof *b + size);
    b->size = size;
    b->used = 0;
    a->total += sizeof *b + size;
    return b;
}

static void *alloc_unlocked(Arena *a, size_t n);

void *arena_alloc(Arena *a, size_t n)
{
    if (!a->shared) return alloc_unlocked(a, n);
    while (__atomic_exchange_n(&a->lock, 1, __ATOMIC_ACQUIRE)) {
    }
    void *p = alloc_unlocked(a, n);
    __atomic_store_n(&a->lock, 0, __ATOMIC_RELEASE);
    return p;
}

static void *alloc_unlocked(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    ArenaBlock *b = a->head;
    if (b) b->used = (b->used + 15) & ~(size_t)15;   /* after arena_pack */
    if (!b || b->used > b->size || b->size - b->used < n) {
        ArenaBlock *nb = new_block(a, n);
        if (b && n > ARENA_MAX_BLOCK / 2) {
            /* Big one-off: keep the current block as head for small allocations. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

const char *arena_pack(Arena *a, const void *p, size_t n)
{
    ArenaBlock *b = a->head;
    if (!b || b->used > b->size || b->size - b->used < n) return arena_memdup(a, p, n);   /* a new block: aligned is fine */
    char *q = (char *)b->data + b->used;
    b->used += n;   /* unaligned: the next aligned allocation rounds up itself */
    memcpy(q, p, n);
    return q;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void *arena_memdup(Arena *a, const void *p, size_t n)
{
    void *q = arena_alloc(a, n);
    if (n) memcpy(q, p, n);
    return q;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n < sizeof small) return arena_strndup(a, small, (size_t)n);
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
