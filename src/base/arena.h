/* arena.h — bump allocator owned by one query (or one long-lived object).
 *
 * Tokens, AST nodes, plan nodes, bound expressions and scratch strings are
 * allocated from the query's arena and released together by arena_free().
 * Blocks are taken with mem_alloc, so the arena is charged to the tracker
 * current when it grows (the query's). Allocations are 16-byte aligned.
 * An arena is used by one thread, except one marked `shared` (the query's
 * own, which the threads of a parallel pipeline may all allocate from):
 * its allocations take a spin lock.
 */
#ifndef BASALT_ARENA_H
#define BASALT_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;
    size_t total;     /* bytes obtained from mem_alloc */
    int shared;       /* 1: allocations are locked (several threads) */
    int lock;
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);                 /* frees every block; arena reusable */
/* dst takes over src's blocks (freed with dst); src is left empty. */
void arena_adopt(Arena *dst, Arena *src);
void *arena_alloc(Arena *a, size_t n);      /* zeroed, never NULL */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void *arena_memdup(Arena *a, const void *p, size_t n);
/* A copy of n bytes packed after the previous one, unaligned (not for a shared arena). */
const char *arena_pack(Arena *a, const void *p, size_t n);

#endif
