/* engine_memory.c — ENGINE = Memory (and Null): rows kept as a list of
 * immutable chunks. A scan takes references to the chunks present when it
 * starts (a snapshot), so concurrent INSERT/TRUNCATE never disturb it.
 * Data is lost on restart, as in ClickHouse.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "mutation.h"
#include "table.h"

typedef struct MemData {
    Chunk **chunks;
    int n, cap;
    uint64_t rows, bytes;
} MemData;

/* Table data outlives queries: its memory is not charged to any query. */
static MemTracker *enter_untracked(void)
{
    MemTracker *saved = mem_current;
    mem_current = NULL;
    return saved;
}

int engine_memory_init(Table *t, Err *err)
{
    t->engine = &ENGINE_MEMORY;
    t->impl = xcalloc(1, sizeof(MemData));
    return 0;
}

static int mem_scan(Table *t, QueryCtx *q, const int *cols, int ncols, Op **out, Err *err)
{
    MemData *d = t->impl;
    pthread_rwlock_rdlock(&t->lock);
    int lrc = read_limits_check(q, d->rows, 0, err);
    if (lrc) {
        pthread_rwlock_unlock(&t->lock);
        return lrc;
    }
    Chunk **snap = xcalloc((size_t)(d->n + 1), sizeof *snap);
    int n = 0;
    for (int i = 0; i < d->n; i++) {
        Chunk *src = d->chunks[i];
        Chunk *c = chunk_new(ncols, src->rows);
        for (int k = 0; k < ncols; k++) c->cols[k] = col_ref(src->cols[cols[k]]);
        q->rows_read += src->rows;
        q->bytes_read += chunk_bytes(c);
        snap[n++] = c;
    }
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(ncols ? ncols : 1));
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(ncols ? ncols : 1));
    for (int k = 0; k < ncols; k++) {
        names[k] = t->cols[cols[k]].name;
        types[k] = t->cols[cols[k]].type;
    }
    pthread_rwlock_unlock(&t->lock);
    *out = op_chunks(q, ncols, names, types, snap, n);
    (*out)->label = "ReadFromMemoryStorage";
    return 0;
}

static int mem_insert(Table *t, QueryCtx *q, Chunk *ch, Err *err)
{
    if (ch->rows == 0) return 0;
    MemTracker *saved = enter_untracked();
    Chunk *c = chunk_new(ch->ncols, ch->rows);
    for (int i = 0; i < ch->ncols; i++) c->cols[i] = col_materialize(ch->cols[i]);
    mem_current = saved;
    MemData *d = t->impl;
    pthread_rwlock_wrlock(&t->lock);
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->chunks = xrealloc(d->chunks, sizeof *d->chunks * (size_t)d->cap);
    }
    d->chunks[d->n++] = c;
    d->rows += c->rows;
    d->bytes += chunk_bytes(c);
    pthread_rwlock_unlock(&t->lock);
    return 0;
}

static void drop_chunks(MemData *d)
{
    MemTracker *saved = enter_untracked();
    for (int i = 0; i < d->n; i++) chunk_free(d->chunks[i]);
    mem_current = saved;
    d->n = 0;
    d->rows = d->bytes = 0;
}

static int mem_truncate(Table *t, Err *err)
{
    pthread_rwlock_wrlock(&t->lock);
    drop_chunks(t->impl);
    pthread_rwlock_unlock(&t->lock);
    return 0;
}

static int mem_reshape(Table *t, QueryCtx *q, const ColumnDef *cols, int ncols, const int *map, Column **fill, Err *err)
{
    MemData *d = t->impl;
    pthread_rwlock_wrlock(&t->lock);
    MemTracker *saved = enter_untracked();
    int rc = 0;
    for (int i = 0; i < d->n && !rc; i++) {
        Chunk *old = d->chunks[i];
        Chunk *c = chunk_new(ncols, old->rows);
        for (int k = 0; k < ncols && !rc; k++) {
            if (map[k] >= 0 && old->cols[map[k]]->type == cols[k].type) {
                c->cols[k] = col_ref(old->cols[map[k]]);
            } else if (map[k] >= 0) {
                FormatSettings fs;
                format_settings_default(&fs);
                rc = col_cast(old->cols[map[k]], cols[k].type, CAST_THROW, &fs, &c->cols[k], err);
            } else {
                Column *f = col_const_of(fill[k], 0, old->rows);
                c->cols[k] = col_materialize(f);
                col_unref(f);
            }
        }
        if (rc) {
            for (int k = 0; k < ncols; k++)
                if (!c->cols[k]) c->cols[k] = col_new(type_basic(TYPE_UINT8));
            chunk_free(c);
            break;
        }
        chunk_free(old);
        d->chunks[i] = c;
    }
    mem_current = saved;
    pthread_rwlock_unlock(&t->lock);
    return rc;
}

/* Mutations rewrite every chunk under the write lock: all or nothing. */
static int mem_mutate(Table *t, QueryCtx *q, const Mutation *m, Err *err)
{
    MutPlan *plan;
    int rc = mutation_bind(t, q, m, &plan, err);
    if (rc) return rc;
    MemData *d = t->impl;
    pthread_rwlock_wrlock(&t->lock);
    MemTracker *saved = enter_untracked();
    Chunk **next = xcalloc((size_t)d->n + 1, sizeof *next);
    for (int i = 0; i < d->n && !rc; i++) {
        Chunk *c = chunk_new(d->chunks[i]->ncols, d->chunks[i]->rows);
        for (int k = 0; k < c->ncols; k++) c->cols[k] = col_ref(d->chunks[i]->cols[k]);
        uint64_t touched;
        rc = mutation_apply(plan, c, NULL, &touched, err);
        next[i] = c;
    }
    if (!rc) {
        uint64_t rows = 0, bytes = 0;
        for (int i = 0; i < d->n; i++) {
            chunk_free(d->chunks[i]);
            d->chunks[i] = next[i];
            rows += next[i]->rows;
            bytes += chunk_bytes(next[i]);
        }
        d->rows = rows;
        d->bytes = bytes;
    } else {
        for (int i = 0; i < d->n; i++) chunk_free(next[i]);
    }
    free(next);
    mem_current = saved;
    pthread_rwlock_unlock(&t->lock);
    return rc;
}

static void mem_destroy(Table *t)
{
    MemData *d = t->impl;
    if (!d) return;
    drop_chunks(d);
    free(d->chunks);
    free(d);
    t->impl = NULL;
}

static uint64_t mem_rows(Table *t) { return ((MemData *)t->impl)->rows; }
static uint64_t mem_bytes(Table *t) { return ((MemData *)t->impl)->bytes; }

const TableEngine ENGINE_MEMORY = {.name = "Memory", .scan = mem_scan, .insert = mem_insert, .truncate = mem_truncate,
                                   .reshape = mem_reshape, .destroy = mem_destroy, .total_rows = mem_rows,
                                   .total_bytes = mem_bytes, .mutate = mem_mutate};

/* ---- Null: accepts and discards rows ---- */

static int null_insert(Table *t, QueryCtx *q, Chunk *ch, Err *err) { return 0; }
static int null_truncate(Table *t, Err *err) { return 0; }
static int null_scan(Table *t, QueryCtx *q, const int *cols, int ncols, Op **out, Err *err)
{
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(ncols ? ncols : 1));
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(ncols ? ncols : 1));
    for (int k = 0; k < ncols; k++) {
        names[k] = t->cols[cols[k]].name;
        types[k] = t->cols[cols[k]].type;
    }
    *out = op_chunks(q, ncols, names, types, NULL, 0);
    (*out)->label = "ReadFromStorage (Null)";
    return 0;
}
static int null_reshape(Table *t, QueryCtx *q, const ColumnDef *cols, int ncols, const int *map, Column **fill, Err *err) { return 0; }
static uint64_t zero_stat(Table *t) { return 0; }

const TableEngine ENGINE_NULL = {.name = "Null", .scan = null_scan, .insert = null_insert, .truncate = null_truncate,
                                 .reshape = null_reshape, .total_rows = zero_stat, .total_bytes = zero_stat};
