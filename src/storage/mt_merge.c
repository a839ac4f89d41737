/* mt_merge.c — merging MergeTree parts: the background merger of a table,
 * its choice of parts (ClickHouse's simple merge selector), the k-way merge
 * itself, and OPTIMIZE TABLE.
 *
 * A merge takes a run of adjacent active parts of one partition (in block
 * order), reads them in sort-key order (a k-way merge that copies whole runs
 * of rows when one part's rows come before every other part's next row;
 * equal keys keep part order, so the merge is stable), applies the engine's
 * rules to rows with equal sorting keys (mt_collapse.c), and writes one part
 * `<partition>_<first block>_<last block>_<max level + 1>` through
 * tmp_merge_..., fsynced, then renamed; a second thread compresses and
 * writes each block while the next one is merged. Under the table lock the new part
 * replaces its sources, which become outdated: still listed in system.parts
 * (active = 0) for old_parts_lifetime and deleted from disk once no query
 * reads them. A crash at any point leaves either the sources or the merged
 * part with its sources (startup removes the covered ones).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/mem.h"
#include "../base/pool.h"
#include "../exec/op.h"
#include "mt_collapse.h"
#include "mt_table.h"
#include "mt_skip.h"
#include "mt_sortkey.h"
#include "mt_write.h"
#include "mtree.h"

#define FIXED_COST (5u << 20)        /* ClickHouse's per-part cost in the selector */
#define MERGE_BLOCK_ROWS 8192        /* merge_max_block_size */
#define OLD_PARTS_LIFETIME 480       /* seconds an outdated part stays listed */
#define MT_BULK_MERGE_PARTS 32       /* parts a partition may reach under a bulk INSERT before merges resume */

/* ---- one source of the merge ---- */

typedef struct Source {
    Op *op;
    Chunk *ch;         /* current chunk, or NULL at the end */
    Column **keys;     /* its sort key columns */
    uint64_t *nk;      /* its keys packed (mt_sortkey.h, nw words a row), or NULL */
    int nw;
    size_t row;
    int index;         /* part order: ties go to the older part */
} Source;

static void source_free(Source *s, int nkeys)
{
    if (s->ch) chunk_free(s->ch);
    if (s->keys)
        for (int k = 0; k < nkeys; k++) col_unref(s->keys[k]);
    free(s->keys);
    free(s->nk);
    s->ch = NULL;
    s->keys = NULL;
    s->nk = NULL;
}

/* Loads the next chunk of a source (and its sort key); ch = NULL at the end. */
static int source_next(Source *s, QueryCtx *q, Expr **key, int nkeys, Err *err)
{
    source_free(s, nkeys);
    for (;;) {
        Chunk *ch;
        int rc = op_next(s->op, &ch, err);
        if (rc) return rc;
        if (!ch) return 0;
        if (!ch->rows) {
            chunk_free(ch);
            continue;
        }
        s->keys = xcalloc((size_t)nkeys + 1, sizeof *s->keys);
        for (int k = 0; k < nkeys; k++) {
            Column *c;
            if ((rc = expr_eval(key[k], ch, &c, err))) {
                chunk_free(ch);
                return rc;
            }
            s->keys[k] = col_materialize(c);
            col_unref(c);
        }
        s->ch = ch;
        s->row = 0;
        int nw = mt_nk_words_cols(s->keys, nkeys);
        if (nw) {
            s->nk = xmalloc(ch->rows * (size_t)nw * sizeof *s->nk + 8);
            s->nw = nw;
            mt_nk_pack(s->keys, nkeys, ch->rows, nw, s->nk);
        }
        return 0;
    }
}

static int key_cmp(const Source *a, size_t ra, const Source *b, size_t rb, int nkeys)
{
    if (a->nk && b->nk) {
        return mt_nk_cmp(a->nk + ra * (size_t)a->nw, b->nk + rb * (size_t)b->nw, a->nw);
    }
    for (int k = 0; k < nkeys; k++) {
        int c = col_compare(a->keys[k], ra, b->keys[k], rb, 1);
        if (c) return c;
    }
    return 0;
}

/* ---- the output ---- */

/* Rows [from, from + n) of source si's current chunk, waiting to be copied. */
typedef struct Run { int si; size_t from, n; } Run;

typedef struct Output {
    int (*emit)(void *ctx, Chunk *block, Column **pk, Err *err);   /* takes nothing: the caller frees */
    void *ctx;
    const Source *src;   /* the sources the runs index */
    int nsrc;
    const Column **cols; /* scratch: one column of each source */
    Run *runs;           /* runs taken but not yet copied into block */
    int nruns, capruns;
    size_t pending;      /* their rows */
    Chunk *block;        /* rows gathered for the next write */
    Column **pk;         /* their primary key values */
    int ncols, npk;
    const DataType **types;
    const DataType **pk_types;
    MtCollapse *collapse;
} Output;

static void out_reset(Output *o)
{
    o->block = chunk_new(o->ncols, 0);
    for (int i = 0; i < o->ncols; i++) o->block->cols[i] = col_new(o->types[i]);
    for (int k = 0; k < o->npk; k++) o->pk[k] = col_new(o->pk_types[k]);
}

/* Fixed-width values of the runs, w bytes each (a constant after inlining). */
static inline void gather_fixed(Column *dst, const Column **cs, const Run *runs, int nruns, size_t w)
{
    char *d = dst->data.data + dst->data.len;
    for (int r = 0; r < nruns; r++) {
        const Run *x = &runs[r];
        const char *sp = cs[x->si]->data.data + x->from * w;
        if (x->n == 1) memcpy(d, sp, w);
        else memcpy(d, sp, x->n * w);
        d += x->n * w;
    }
    dst->data.len = (size_t)(d - dst->data.data);
}

/* String values of the runs: bytes and offsets reserved once. */
static void gather_strings(Column *dst, const Column **cs, const Run *runs, int nruns, size_t total)
{
    size_t bytes = 0;
    for (int r = 0; r < nruns; r++) {
        const Run *x = &runs[r];
        bytes += COL_OFFS(cs[x->si])[x->from + x->n - 1] - col_off_begin(cs[x->si], x->from);
    }
    buf_reserve(&dst->data, bytes);
    uint64_t *o = buf_extend(&dst->offs, 8 * total);
    char *d = dst->data.data;
    uint64_t base = dst->data.len;
    for (int r = 0; r < nruns; r++) {
        const Run *x = &runs[r];
        const uint64_t *so = COL_OFFS(cs[x->si]);
        uint64_t b = col_off_begin(cs[x->si], x->from);
        if (x->n == 1) {
            size_t len = so[x->from] - b;
            memcpy(d + base, cs[x->si]->data.data + b, len);
            base += len;
            *o++ = base;
            continue;
        }
        size_t len = so[x->from + x->n - 1] - b;
        memcpy(d + base, cs[x->si]->data.data + b, len);
        for (size_t i = 0; i < x->n; i++) *o++ = so[x->from + i] - b + base;
        base += len;
    }
    dst->data.len = base;
}

/* Appends the runs' values of one column (key: the sources' sort key column
 * `col`, else their table column) to dst: the sources' columns are looked
 * up once, and fixed-width values and Strings are copied in tight loops. */
static void append_runs(Output *o, Column *dst, int col, bool key)
{
    const Run *runs = o->runs;
    int nruns = o->nruns;
    size_t w = dst->type->size > 0 && dst->type->size <= 16 && dst->type->kind != TYPE_NOTHING ? (size_t)dst->type->size : 0;
    bool fast = w || dst->type->kind == TYPE_STRING;
    for (int i = 0; i < o->nsrc; i++) {
        const Source *s = &o->src[i];
        o->cols[i] = !s->ch ? NULL : key ? s->keys[col] : s->ch->cols[col];
        if (o->cols[i] && (o->cols[i]->is_const || o->cols[i]->type != dst->type)) fast = false;
    }
    if (!fast) {
        for (int r = 0; r < nruns; r++) col_push_range(dst, o->cols[runs[r].si], runs[r].from, runs[r].n);
        return;
    }
    size_t total = o->pending;
    if (!w) {
        gather_strings(dst, o->cols, runs, nruns, total);
    } else {
        buf_reserve(&dst->data, total * w);
        switch (w) {
        case 1: gather_fixed(dst, o->cols, runs, nruns, 1); break;
        case 2: gather_fixed(dst, o->cols, runs, nruns, 2); break;
        case 4: gather_fixed(dst, o->cols, runs, nruns, 4); break;
        case 8: gather_fixed(dst, o->cols, runs, nruns, 8); break;
        case 16: gather_fixed(dst, o->cols, runs, nruns, 16); break;
        default: gather_fixed(dst, o->cols, runs, nruns, w); break;
        }
    }
    dst->rows += total;
}

/* Copies the pending runs into the block (before a source moves on). */
static void out_materialize(Output *o)
{
    if (!o->nruns) return;
    for (int i = 0; i < o->ncols; i++) append_runs(o, o->block->cols[i], i, false);
    for (int k = 0; k < o->npk; k++) append_runs(o, o->pk[k], k, true);
    o->nruns = 0;
    o->pending = 0;
}

static int out_flush(Output *o, Err *err)
{
    out_materialize(o);
    if (!o->block->cols[0] || !o->block->cols[0]->rows) return 0;
    o->block->rows = o->block->cols[0]->rows;
    int rc = o->emit(o->ctx, o->block, o->pk, err);
    chunk_free(o->block);
    for (int k = 0; k < o->npk; k++) col_unref(o->pk[k]);
    out_reset(o);
    return rc;
}

/* Takes rows [from, from + n) of source s (copied at out_materialize). */
static int out_rows(Output *o, const Source *s, size_t from, size_t n, Err *err)
{
    while (n) {
        size_t room = MERGE_BLOCK_ROWS - o->block->cols[0]->rows - o->pending, k = n < room ? n : room;
        int si = (int)(s - o->src);
        if (o->nruns && o->runs[o->nruns - 1].si == si && o->runs[o->nruns - 1].from + o->runs[o->nruns - 1].n == from) {
            o->runs[o->nruns - 1].n += k;
        } else {
            if (o->nruns == o->capruns) {
                o->capruns = o->capruns ? o->capruns * 2 : 256;
                o->runs = xrealloc(o->runs, sizeof *o->runs * (size_t)o->capruns);
            }
            o->runs[o->nruns++] = (Run){si, from, k};
        }
        o->pending += k;
        from += k, n -= k;
        if (o->block->cols[0]->rows + o->pending >= MERGE_BLOCK_ROWS) {
            int rc = out_flush(o, err);
            if (rc) return rc;
        }
    }
    return 0;
}

/* ---- the k-way merge ---- */

/* The source whose current row comes first (ties: the older part). */
static int pick(Source *src, int n, int nkeys, int *second)
{
    int best = -1;
    *second = -1;
    for (int i = 0; i < n; i++) {
        if (!src[i].ch) continue;
        if (best < 0 || key_cmp(&src[i], src[i].row, &src[best], src[best].row, nkeys) < 0) {
            *second = best;
            best = i;
        } else if (*second < 0 || key_cmp(&src[i], src[i].row, &src[*second], src[*second].row, nkeys) < 0) {
            *second = i;
        }
    }
    return best;
}

/* True if row r of source b comes before source o's current row. */
static inline bool takes(const Source *b, size_t r, const Source *o, int nkeys, bool take_equal)
{
    int c = key_cmp(b, r, o, o->row, nkeys);
    return c < 0 || (c == 0 && take_equal);
}

/* How many rows from the current one source b can give before source o's
 * current row must come (equal keys: the older part first). Gallops (1, 2,
 * 4 ... rows ahead) before the binary search, as interleaved parts give
 * short runs. */
static size_t run_length(const Source *b, const Source *o, int nkeys)
{
    size_t end = b->ch->rows;
    if (!o) return end - b->row;
    bool take_equal = b->index < o->index;
#define TAKES(r) takes(b, (r), o, nkeys, take_equal)
    size_t lo = b->row + 1, step = 1;   /* rows before lo are taken */
    while (lo < end && TAKES(lo)) {
        lo++;
        size_t probe = lo - 1 + step;
        if (probe >= end || !TAKES(probe)) {
            size_t hi = probe < end ? probe : end;   /* the first row not taken is in [lo, hi] */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (TAKES(mid)) lo = mid + 1;
                else hi = mid;
            }
            break;
        }
        lo = probe + 1;
        step *= 2;
    }
#undef TAKES
    return lo - b->row;
}

static int kway(Source *src, int n, QueryCtx *q, Expr **key, int nkeys, Output *out, volatile bool *stop, Err *err)
{
    int rc = 0;
    for (int guard = 0; !rc; guard++) {
        if (stop && *stop && !(guard & 63)) return err_set(err, ERR_ABORTED, "Merge cancelled");
        int second, b = pick(src, n, nkeys, &second);
        if (b < 0) break;
        Source *s = &src[b];
        if (out->collapse) {
            rc = mt_collapse_row(out->collapse, s->ch, s->row, s->keys, out->block, out->pk, err);
            if (!rc && out->block->cols[0]->rows >= MERGE_BLOCK_ROWS) rc = out_flush(out, err);
            s->row++;
        } else {
            size_t k = run_length(s, second >= 0 ? &src[second] : NULL, nkeys);
            rc = out_rows(out, s, s->row, k, err);
            s->row += k;
        }
        if (!rc && s->row >= s->ch->rows) {
            out_materialize(out);   /* runs still point into this chunk */
            rc = source_next(s, q, key, nkeys, err);
        }
    }
    if (!rc && out->collapse) rc = mt_collapse_finish(out->collapse, out->block, out->pk, err);
    return rc;
}

/* ---- merging a run of parts ---- */

static int *all_columns(Table *t, QueryCtx *q, int *n)
{
    int *cols = arena_alloc(&q->arena, sizeof *cols * (size_t)(t->ncols + 1));
    *n = 0;
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].default_kind != CD_ALIAS && t->cols[i].default_kind != CD_EPHEMERAL) cols[(*n)++] = i;
    return cols;
}

int mt_merge_read(MtTable *mt, Table *t, QueryCtx *q, MtPart **parts, int n, bool final, volatile bool *stop,
                  int (*emit)(void *ctx, Chunk *block, Column **pk, Err *err), void *ctx, Err *err)
{
    int ncols, rc = 0;
    int *cols = all_columns(t, q, &ncols);
    if (ncols != t->ncols)
        return err_set(err, ERR_NOT_IMPLEMENTED, "Merging tables with ALIAS or EPHEMERAL columns is not supported yet");
    /* the sort key, bound over the table's columns */
    char **names = arena_alloc(&q->arena, sizeof *names * (size_t)(ncols + 1));
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(ncols + 1));
    for (int i = 0; i < ncols; i++) names[i] = t->cols[i].name, types[i] = t->cols[i].type;
    Expr **key = NULL;
    int nkeys = 0;
    if (mt->sort.n && (rc = storage_bind(q, ncols, names, types, mt->sort.sql, &key, &nkeys, err))) return rc;
    Source *src = xcalloc((size_t)n + 1, sizeof *src);
    for (int i = 0; i < n && !rc; i++) {
        src[i].op = mt_scan_part(t, q, parts[i], cols, ncols);
        src[i].index = i;
        rc = source_next(&src[i], q, key, nkeys, err);
    }
    Output out = {.emit = emit, .ctx = ctx, .src = src, .nsrc = n, .ncols = ncols, .npk = mt->primary.n, .types = types,
                  .pk_types = mt->primary.types};
    out.cols = xcalloc((size_t)n + 1, sizeof *out.cols);
    out.pk = xcalloc((size_t)out.npk + 1, sizeof *out.pk);
    if (!rc) rc = mt_collapse_new(mt, t, q, &out.collapse, err);
    if (!rc && final) mt_collapse_set_final(out.collapse);
    if (!rc) {
        out_reset(&out);
        rc = kway(src, n, q, key, nkeys, &out, stop, err);
        if (!rc) rc = out_flush(&out, err);
        chunk_free(out.block);
        for (int k = 0; k < out.npk; k++) col_unref(out.pk[k]);
    }
    free(out.runs);
    free(out.cols);
    mt_collapse_free(out.collapse);
    free(out.pk);
    for (int i = 0; i < n; i++) {
        source_free(&src[i], nkeys);
        op_close(src[i].op);
    }
    free(src);
    return rc;
}

/* ---- merges in progress ---- */

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

MtRunning *mt_running_add(MtTable *mt, MtPart **parts, int n, const MtPartName *result, bool is_mutation)
{
    MtRunning *r = xcalloc(1, sizeof *r);
    mt_part_name_format(result, r->result, sizeof r->result);
    snprintf(r->partition_id, sizeof r->partition_id, "%s", result->partition_id);
    r->sources = xcalloc((size_t)n + 1, sizeof *r->sources);
    r->nsources = n;
    for (int i = 0; i < n; i++) {
        r->sources[i] = xstrdup(parts[i]->name);
        r->total_rows += parts[i]->meta.rows;
        r->total_bytes += parts[i]->compressed_bytes;
        r->total_uncompressed += parts[i]->uncompressed_bytes;
        r->total_marks += parts[i]->meta.marks;
    }
    r->is_mutation = is_mutation;
    r->start_ns = now_ns();
    pthread_mutex_lock(&mt->lock);
    r->next = mt->running;
    mt->running = r;
    pthread_mutex_unlock(&mt->lock);
    return r;
}

void mt_running_remove(MtTable *mt, MtRunning *r)
{
    pthread_mutex_lock(&mt->lock);
    for (MtRunning **pp = &mt->running; *pp; pp = &(*pp)->next)
        if (*pp == r) {
            *pp = r->next;
            break;
        }
    pthread_mutex_unlock(&mt->lock);
    for (int i = 0; i < r->nsources; i++) free(r->sources[i]);
    free(r->sources);
    free(r);
}

void mt_running_progress(MtRunning *r, uint64_t rows, uint64_t bytes)
{
    __atomic_add_fetch(&r->rows_written, rows, __ATOMIC_RELAXED);
    __atomic_add_fetch(&r->bytes_written, bytes, __ATOMIC_RELAXED);
}

int mt_list_merges(Table *t, MtMergeInfo **out, int *n)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    int k = 0;
    for (MtRunning *r = mt->running; r; r = r->next) k++;
    MtMergeInfo *infos = xcalloc((size_t)k + 1, sizeof *infos);
    uint64_t now = now_ns();
    k = 0;
    for (MtRunning *r = mt->running; r; r = r->next, k++) {
        MtMergeInfo *x = &infos[k];
        snprintf(x->result, sizeof x->result, "%s", r->result);
        snprintf(x->partition_id, sizeof x->partition_id, "%s", r->partition_id);
        Buf b = {0};
        for (int i = 0; i < r->nsources; i++) buf_put(&b, r->sources[i], strlen(r->sources[i]) + 1);
        x->sources = xmalloc(b.len + 1);
        memcpy(x->sources, b.data ? b.data : "", b.len);
        buf_free(&b);
        x->nsources = r->nsources;
        x->is_mutation = r->is_mutation;
        x->elapsed = (double)(now - r->start_ns) / 1e9;
        uint64_t done = __atomic_load_n(&r->rows_written, __ATOMIC_RELAXED);
        x->progress = r->total_rows ? (double)done / (double)r->total_rows : 0;
        if (x->progress > 1) x->progress = 1;
        x->rows_written = done;
        x->bytes_written = __atomic_load_n(&r->bytes_written, __ATOMIC_RELAXED);
        x->total_bytes = r->total_bytes;
        x->total_uncompressed = r->total_uncompressed;
        x->total_marks = r->total_marks;
    }
    pthread_mutex_unlock(&mt->lock);
    *out = infos;
    *n = k;
    return 0;
}

void mt_free_merge_infos(MtMergeInfo *infos, int n)
{
    for (int i = 0; i < n; i++) free(infos[i].sources);
    free(infos);
}

/* Test hook: BASALT_TEST_MERGE_SLEEP_MS slows every merged block, so a
 * test can watch a merge in system.merges. */
static void test_sleep(void)
{
    const char *e = getenv("BASALT_TEST_MERGE_SLEEP_MS");
    if (e && *e) usleep((useconds_t)atoi(e) * 1000);
}

typedef struct MergeSink {
    MtPartWriter *w;
    MtRunning *r;
    MtTable *mt;
    Table *t;
    QueryCtx *q;
    bool ttl;          /* drop expired rows (TTL merges not stopped) */
    uint32_t now;
    MtSkipBuilder *skip;   /* the new part's data-skipping indexes */
} MergeSink;

static int to_writer(void *ctx, Chunk *block, Column **pk, Err *err)
{
    MergeSink *m = ctx;
    test_sleep();
    uint64_t rows = block->rows;
    int rc = m->ttl ? mt_ttl_filter(m->mt, m->t, m->q, block, pk, m->mt->primary.n, m->now, err) : 0;
    if (!rc && block->rows) rc = mt_ttl_note(m->mt, m->t, m->q, block, m->w, err);
    if (!rc && block->rows) rc = mt_writer_write(m->w, block, pk, err);
    if (!rc && block->rows && m->skip) {
        uint32_t ng;
        const uint32_t *gs = mt_writer_granules(m->w, &ng);
        rc = mt_skip_builder_add(m->skip, m->t, m->q, block, gs, ng, err);
    }
    mt_running_progress(m->r, rows, chunk_bytes(block));
    return rc;
}

/* The writing side of a merge on a thread of its own: the merging thread
 * reads, decompresses and merges block N+1 while this one compresses and
 * writes block N (through to_writer, with its own QueryCtx). One block
 * waits at most; the first failure on either side stops both. */
typedef struct WriteThread {
    MergeSink *sink;
    pthread_t th;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    Chunk *block;        /* the next block (references), or NULL */
    Column **pk;
    int npk;
    bool done;
    int rc;
    Err err;
} WriteThread;

static void *write_main(void *arg)
{
    WriteThread *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->block && !w->done) pthread_cond_wait(&w->cond, &w->lock);
        if (!w->block) break;
        Chunk *b = w->block;
        Column **pk = w->pk;
        w->block = NULL;
        w->pk = NULL;
        pthread_cond_broadcast(&w->cond);
        int failed = w->rc;
        pthread_mutex_unlock(&w->lock);
        Err e;
        int rc = failed ? 0 : to_writer(w->sink, b, pk, &e);
        chunk_free(b);
        for (int k = 0; k < w->npk; k++) col_unref(pk[k]);
        free(pk);
        pthread_mutex_lock(&w->lock);
        if (rc && !w->rc) w->rc = rc, w->err = e;
        pthread_cond_broadcast(&w->cond);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* The merge's emit: hands the block (new references) to the writing thread. */
static int to_write_thread(void *ctx, Chunk *block, Column **pk, Err *err)
{
    WriteThread *w = ctx;
    Chunk *b = chunk_new(block->ncols, block->rows);
    for (int i = 0; i < block->ncols; i++) b->cols[i] = col_ref(block->cols[i]);
    Column **p = xcalloc((size_t)w->npk + 1, sizeof *p);
    for (int k = 0; k < w->npk; k++) p[k] = col_ref(pk[k]);
    pthread_mutex_lock(&w->lock);
    while (w->block && !w->rc) pthread_cond_wait(&w->cond, &w->lock);
    int rc = w->rc;
    if (rc) {
        *err = w->err;
    } else {
        w->block = b, w->pk = p;
        pthread_cond_broadcast(&w->cond);
    }
    pthread_mutex_unlock(&w->lock);
    if (rc) {
        chunk_free(b);
        for (int k = 0; k < w->npk; k++) col_unref(p[k]);
        free(p);
    }
    return rc;
}

/* Waits for the writing thread to write what it was given; its first failure. */
static int write_thread_finish(WriteThread *w, Err *err)
{
    pthread_mutex_lock(&w->lock);
    w->done = true;
    pthread_cond_broadcast(&w->cond);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->th, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->cond);
    if (w->rc) *err = w->err;
    return w->rc;
}

/* Merges parts[0 .. n) (adjacent, one partition) into one part and swaps it in. */
static int merge_parts(MtTable *mt, MtPart **parts, int n, volatile bool *stop, Err *err)
{
    Table *t = mt->table;
    QueryCtx q;
    qctx_init(&q);
    pthread_rwlock_rdlock(&t->lock);
    MtPartName pn = {0};
    snprintf(pn.partition_id, sizeof pn.partition_id, "%s", parts[0]->info.partition_id);
    pn.min_block = parts[0]->info.min_block;
    pn.max_block = parts[n - 1]->info.max_block;
    for (int i = 0; i < n; i++) {
        if (parts[i]->info.level + 1 > pn.level) pn.level = parts[i]->info.level + 1;
        if (parts[i]->info.mutation > pn.mutation) pn.mutation = parts[i]->info.mutation;
    }
    MtWriteSpec spec;
    mt_write_spec(mt, t, &q, parts[0]->meta.partition, &spec);
    spec.sync = true;
    uint64_t bytes = 0, rows = 0;
    for (int i = 0; i < n; i++) bytes += parts[i]->bytes_on_disk, rows += parts[i]->meta.rows;
    spec.compact = mt_compact_part(mt, bytes, rows);
    MtPartWriter *w = NULL;
    int rc = mt_writer_open(&spec, &pn, "merge", &w, err);
    QueryCtx wq;   /* the writing thread's */
    qctx_init(&wq);
    MergeSink sink = {.w = w, .r = mt_running_add(mt, parts, n, &pn, false), .mt = mt, .t = t, .q = &wq,
                      .ttl = mt->ttl_sql && !mt->ttl_merges_stopped, .now = (uint32_t)time(NULL),
                      .skip = mt_skip_builder_new(mt)};
    WriteThread wt = {.sink = &sink, .npk = mt->primary.n};
    pthread_mutex_init(&wt.lock, NULL);
    pthread_cond_init(&wt.cond, NULL);
    bool threaded = !rc && thread_start(&wt.th, write_main, &wt, false) == 0;
    if (!rc) rc = threaded ? mt_merge_read(mt, t, &q, parts, n, false, stop, to_write_thread, &wt, err)
                           : mt_merge_read(mt, t, &q, parts, n, false, stop, to_writer, &sink, err);
    if (threaded) {
        Err werr;
        int wrc = write_thread_finish(&wt, &werr);
        if (!rc && wrc) rc = wrc, *err = werr;
    } else {
        pthread_mutex_destroy(&wt.lock);
        pthread_cond_destroy(&wt.cond);
    }
    mt_running_remove(mt, sink.r);
    if (!rc && w && mt_writer_rows(w)) rc = mt_skip_builder_finish(sink.skip, w, err);
    else mt_skip_builder_free(sink.skip);
    char tmp[4096];
    MtPart *merged = NULL;
    if (w && (rc || !mt_writer_rows(w))) mt_writer_abort(w);   /* failed, or every row collapsed away */
    else if (w && (rc = mt_writer_finish(w, tmp, sizeof tmp, err)) == 0) rc = mt_commit_new_part(mt, tmp, &pn, &merged, err);
    if (!rc) mt_replace_parts(mt, parts, n, merged);
    pthread_rwlock_unlock(&t->lock);
    qctx_finish(&wq);
    qctx_finish(&q);
    return rc;
}

/* ---- choosing what to merge ---- */

static uint64_t now_s(void) { return (uint64_t)time(NULL); }

/* The best run of adjacent parts to merge, ClickHouse's simple selector:
 * a run is allowed when (sum + n*C) / (max + C) reaches a base of 5, lowered
 * towards 2 as the partition fills up or its parts age; among allowed runs the
 * lowest (sum + n*C) / (n - 1.9) wins. aggressive: any run of 2 or more. */
static bool select_run(MtTable *mt, bool aggressive, int *begin, int *end)
{
    double best = 0;
    bool found = false;
    uint64_t now = now_s();
    for (int i = 0; i < mt->nparts;) {
        int j = i;
        while (j < mt->nparts && !strcmp(mt->parts[j]->info.partition_id, mt->parts[i]->info.partition_id)) j++;
        int nparts = j - i;
        if (mt->bulk_inserts > 0 && !aggressive && nparts < MT_BULK_MERGE_PARTS) {   /* a bulk load is adding parts */
            i = j;
            continue;
        }
        double lowered = 5.0;
        if (nparts > 10) lowered -= 3.0 * (nparts - 10 > 40 ? 40 : nparts - 10) / 40.0;
        for (int b = i; b < j; b++) {
            uint64_t sum = 0, max = 0, newest = 0;
            for (int e = b; e < j && e - b < (int)mt->settings.max_parts_to_merge_at_once; e++) {
                MtPart *p = mt->parts[e];
                if (p->merging) break;
                sum += p->bytes_on_disk;
                if (p->bytes_on_disk > max) max = p->bytes_on_disk;
                if (p->meta.create_time > newest) newest = p->meta.create_time;
                if (sum > mt->settings.max_bytes_to_merge_at_max_space_in_pool) break;
                int n = e - b + 1;
                if (n < 2) continue;
                double base = now > newest + 60 ? 2.0 : lowered;
                bool allowed = aggressive || (double)(sum + (uint64_t)n * FIXED_COST) / (double)(max + FIXED_COST) >= base;
                if (!allowed) continue;
                double score = (double)(sum + (uint64_t)n * FIXED_COST) / (n - 1.9);
                if (!found || score < best) {
                    best = score;
                    *begin = b;
                    *end = e + 1;
                    found = true;
                }
            }
        }
        i = j;
    }
    return found;
}

/* Takes references to parts [b, e) and marks them as merging. Lock held. */
static MtPart **claim(MtTable *mt, int b, int e)
{
    MtPart **ps = xcalloc((size_t)(e - b) + 1, sizeof *ps);
    for (int i = b; i < e; i++) {
        mt->parts[i]->merging = true;
        ps[i - b] = mt_part_ref(mt->parts[i]);
    }
    return ps;
}

static void release(MtTable *mt, MtPart **ps, int n)
{
    pthread_mutex_lock(&mt->lock);
    for (int i = 0; i < n; i++) ps[i]->merging = false;
    pthread_mutex_unlock(&mt->lock);
    mt_parts_release(ps, n);
}

/* ---- the background merger ---- */

static void cleanup_outdated(MtTable *mt, bool all)
{
    uint64_t now = now_s();
    pthread_mutex_lock(&mt->lock);
    int k = 0;
    for (int i = 0; i < mt->noutdated; i++) {
        MtPart *p = mt->outdated[i];
        if (all || now >= p->outdated_at + OLD_PARTS_LIFETIME) mt_part_unref(p);
        else mt->outdated[k++] = p;
    }
    mt->noutdated = k;
    pthread_mutex_unlock(&mt->lock);
}

/* A part whose TTL has passed, in a partition not TTL-merged lately: it is
 * merged alone, which drops its expired rows. Lock held. */
static bool select_ttl(MtTable *mt, int *begin, int *end)
{
    if (!mt->ttl_sql || mt->ttl_merges_stopped) return false;
    uint64_t now = now_s();
    for (int i = 0; i < mt->nparts; i++) {
        MtPart *p = mt->parts[i];
        if (p->merging || !mt_ttl_part_expired(p, (uint32_t)now) || !mt_ttl_partition_due(mt, p->info.partition_id, now)) continue;
        mt_ttl_partition_merged(mt, p->info.partition_id, now);
        *begin = i;
        *end = i + 1;
        return true;
    }
    return false;
}

static void *merger_main(void *arg)
{
    MtTable *mt = arg;
    pthread_mutex_lock(&mt->lock);
    while (!mt->stop) {
        int b, e;
        if (!mt->merges_stopped && !mt->mutating && !mt->schema_changing && (select_run(mt, false, &b, &e) || select_ttl(mt, &b, &e))) {
            MtPart **ps = claim(mt, b, e);
            mt->merges_running++;
            pthread_mutex_unlock(&mt->lock);
            Err err;
            if (merge_parts(mt, ps, e - b, &mt->stop, &err) != 0 && err.code != ERR_ABORTED)
                fprintf(stderr, "basalt: merge in %s failed: %s\n", mt->dir, err.msg);
            release(mt, ps, e - b);
            cleanup_outdated(mt, false);
            pthread_mutex_lock(&mt->lock);
            mt->merges_running--;
            pthread_cond_broadcast(&mt->wake);
            continue;
        }
        pthread_mutex_unlock(&mt->lock);
        mt_clear_empty_parts(mt);
        pthread_mutex_lock(&mt->lock);
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 2;
        pthread_cond_timedwait(&mt->wake, &mt->lock, &ts);
    }
    pthread_mutex_unlock(&mt->lock);
    return NULL;
}

void mt_merger_start(MtTable *mt)
{
    if (mt->merger_running) return;
    if (thread_start(&mt->merger, merger_main, mt, false) == 0) mt->merger_running = true;
}

void mt_merger_stop(MtTable *mt)
{
    if (mt->merger_running) {
        pthread_mutex_lock(&mt->lock);
        mt->stop = true;
        pthread_cond_broadcast(&mt->wake);
        pthread_mutex_unlock(&mt->lock);
        pthread_join(mt->merger, NULL);
        mt->merger_running = false;
    }
    cleanup_outdated(mt, true);
}

void mt_merger_wake(MtTable *mt)
{
    pthread_mutex_lock(&mt->lock);
    pthread_cond_broadcast(&mt->wake);
    pthread_mutex_unlock(&mt->lock);
}

/* ---- OPTIMIZE ---- */

/* Waits until no part in [the partition's parts] is being merged. Lock held. */
static void wait_idle(MtTable *mt)
{
    while (mt->merges_running) pthread_cond_wait(&mt->wake, &mt->lock);
}

/* Merges parts [b, e) for OPTIMIZE: claimed under the lock, merged without
 * it, released; the lock is held again on return. */
static int optimize_run(MtTable *mt, int b, int e, Err *err)
{
    MtPart **ps = claim(mt, b, e);
    mt->merges_running++;
    pthread_mutex_unlock(&mt->lock);
    int rc = merge_parts(mt, ps, e - b, NULL, err);
    release(mt, ps, e - b);
    pthread_mutex_lock(&mt->lock);
    mt->merges_running--;
    pthread_cond_broadcast(&mt->wake);
    return rc;
}

int mt_optimize(Table *t, QueryCtx *q, const char *partition_id, bool final, Err *err)
{
    MtTable *mt = t->impl;
    int rc = 0;
    pthread_mutex_lock(&mt->lock);
    wait_idle(mt);
    if (!final) {
        /* one merge, of the best run there is */
        int b, e;
        bool found = false;
        if (partition_id) {
            /* restrict to the partition: look at it alone */
            for (int i = 0; i < mt->nparts && !found; i++) {
                if (strcmp(mt->parts[i]->info.partition_id, partition_id)) continue;
                int j = i;
                while (j < mt->nparts && !strcmp(mt->parts[j]->info.partition_id, partition_id)) j++;
                if (j - i >= 2) {
                    b = i, e = j;
                    found = true;
                }
                break;
            }
        } else {
            found = select_run(mt, true, &b, &e);
        }
        if (found) rc = optimize_run(mt, b, e, err);
        pthread_mutex_unlock(&mt->lock);
        return rc;
    }
    /* FINAL: every partition (or the one given) into a single part, even one already alone */
    char pid[128] = {0};
    for (;;) {
        wait_idle(mt);   /* a background merge may have started while the lock was released */
        int b = -1, e = -1;
        for (int i = 0; i < mt->nparts && b < 0; i++) {
            const char *p = mt->parts[i]->info.partition_id;
            if ((partition_id && strcmp(p, partition_id)) || (pid[0] && strcmp(p, pid) <= 0)) continue;
            b = i;
            e = i;
            while (e < mt->nparts && !strcmp(mt->parts[e]->info.partition_id, p)) e++;
        }
        if (b < 0) break;
        snprintf(pid, sizeof pid, "%s", mt->parts[b]->info.partition_id);
        if ((rc = optimize_run(mt, b, e, err))) break;
    }
    pthread_mutex_unlock(&mt->lock);
    return rc;
}

void mt_bulk_insert(Table *t, int delta)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    mt->bulk_inserts += delta;
    pthread_cond_broadcast(&mt->wake);
    pthread_mutex_unlock(&mt->lock);
}

void mt_schema_change_begin(Table *t)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    mt->schema_changing++;
    while (mt->merges_running) pthread_cond_wait(&mt->wake, &mt->lock);
    pthread_mutex_unlock(&mt->lock);
}

int64_t mt_last_block(Table *t)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    int64_t b = mt->block_counter;
    pthread_mutex_unlock(&mt->lock);
    return b;
}

void mt_schema_change_end(Table *t)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    mt->schema_changing--;
    pthread_cond_broadcast(&mt->wake);
    pthread_mutex_unlock(&mt->lock);
}

void mt_set_merges_stopped(Table *t, bool stopped)
{
    MtTable *mt = t->impl;
    pthread_mutex_lock(&mt->lock);
    mt->merges_stopped = stopped;
    pthread_cond_broadcast(&mt->wake);
    pthread_mutex_unlock(&mt->lock);
}
