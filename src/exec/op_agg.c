/* op_agg.c — hash aggregation (GROUP BY) and aggregation without keys.
 *
 * Each row's keys find their group in a GroupSet (agg_groups.c: a hash
 * table by key shape, the groups' key values and their blocks of aggregate
 * states). Without keys there is a single block and rows go through
 * agg_add_batch (vectorised paths). The output comes after the input is
 * exhausted: key columns followed by finalised aggregates, in chunks of
 * max_block_size rows. WITH TOTALS merges every group into one more state.
 * Keys that are functions of other keys are not hashed at all
 * (op_aggregate_set_dependent). count() and integer sum / avg update every
 * row's state in one loop (AggDef.add_scatter).
 *
 * When the input chain can be cloned (op_parallel.c: a large MergeTree read
 * under filters and expressions), each clone feeds a partial aggregation of
 * its own on its own thread, its groups split over PARTS partitions by key
 * hash; the threads then merge partition by partition in parallel (a group
 * new to this operator takes the partial's states whole), as output reaches
 * them: a LIMIT without ORDER BY merges only the first partitions. Tables
 * start at the size the same aggregation reached last time (agg_hints.c).
 */
#include <string.h>

#include "../base/mem.h"
#include "agg_groups.h"
#include "agg_hints.h"

#define HINT_MIN 4096   /* smaller tables grow cheaply: not worth remembering */

#define PARTS 16          /* partitions of a parallel GROUP BY */

typedef struct AggOp {
    Op base;
    Op *in;
    int *keys;
    AggSpec *aggs;
    bool totals;
    AggShape sh;
    GroupSet *parts;         /* nparts partitions (1 unless parallel) */
    int nparts;
    size_t *offs;
    bool trivial;            /* count() only, answered from trivial_rows */
    uint64_t trivial_rows;
    Op *prepared;            /* EXPLAIN: ReadFromPreparedSource (Optimized trivial count) */
    bool done;
    int emit_part;           /* output position: partition, group in it */
    size_t emit_pos;
    Expr **dep_expr;         /* per key: computed from the other keys (sh.dep), or NULL */
    struct AggOp **workers;  /* parallel: [0] = this, then the partials still to merge */
    int nworkers;
    int merged;              /* partitions below this are merged */
    bool destroy_states;     /* some aggregate's states need agg_destroy */
} AggOp;

static void ensure_parts(AggOp *a, int n)
{
    if (a->parts) return;
    a->nparts = n;
    a->parts = mem_calloc(sizeof *a->parts * (size_t)n);
    for (int p = 0; p < n; p++) groupset_init(&a->parts[p], &a->sh);
}

static size_t total_groups(const AggOp *a)
{
    size_t n = 0;
    for (int p = 0; p < a->nparts; p++) n += a->parts[p].n;
    return n;
}

/* Materialised argument columns of aggregate i for this chunk. */
static void agg_args(AggOp *a, int i, Chunk *in, Column **out)
{
    for (int k = 0; k < a->aggs[i].nargs; k++) out[k] = col_materialize(in->cols[a->aggs[i].args[k]]);
}

static int consume_no_keys(AggOp *a, Chunk *in)
{
    if (a->parts[0].n == 0) groupset_add(&a->parts[0], &a->sh, true);
    char *blk = a->parts[0].states[0];
    for (int i = 0; i < a->sh.naggs; i++) {
        Column *args[AGG_MAX_ARGS];   /* agg_resolve refuses more */
        agg_args(a, i, in, args);
        agg_add_batch(a->aggs[i].call, blk + a->offs[i], args, in->rows, NULL);
        for (int k = 0; k < a->aggs[i].nargs; k++) col_unref(args[k]);
    }
    return 0;
}

/* Rows [from, to) of aggregate i into the states rs[r]: a plain counter
 * inline, typed loops where the function has them, else row by row. The
 * first aggregate's loop prefetches the states; the others find them cached. */
static void update(AggOp *a, int i, char **rs, Column **args, size_t from, size_t to)
{
    AggCall *call = a->aggs[i].call;
    size_t off = a->offs[i];
    if (call->def && !strcmp(call->name, "count")) {
        for (size_t r = from; r < to; r++) {
            if (r + AGG_SCATTER_AHEAD < to) __builtin_prefetch(rs[r + AGG_SCATTER_AHEAD] + off, 1);
            (*(uint64_t *)(void *)(rs[r] + off))++;
        }
    } else if (!(call->def && call->def->add_scatter && call->def->add_scatter(call, rs, off, args, from, to))) {
        for (size_t r = from; r < to; r++) agg_add(call, rs[r] + off, args, r);
    }
}

#define UPDATE_BATCH 1024

static int consume(AggOp *a, Chunk *in, Err *err)
{
    if (a->sh.nkeys == 0) return consume_no_keys(a, in);
    size_t rows = in->rows;
    if (!rows) return 0;
    Column **kc = mem_alloc(sizeof *kc * (size_t)a->sh.nkeys);
    for (int k = 0; k < a->sh.nkeys; k++) kc[k] = in->cols[a->keys[k]];
    char **rs = mem_alloc(sizeof *rs * rows);
    groups_assign(&a->sh, a->parts, a->nparts, -1, kc, rows, rs, NULL, true, NULL);
    int na = a->sh.naggs;
    size_t nargs = 1;   /* every aggregate's arguments, one after the other */
    for (int i = 0; i < na; i++) nargs += (size_t)a->aggs[i].nargs;
    Column **args = mem_alloc(sizeof *args * nargs), **at_arg = args;
    for (int i = 0; i < na; i++, at_arg += a->aggs[i - 1].nargs) agg_args(a, i, in, at_arg);
    for (size_t at = 0; at < rows; at += UPDATE_BATCH) {   /* all aggregates per batch: its states stay in cache */
        size_t to = at + UPDATE_BATCH < rows ? at + UPDATE_BATCH : rows;
        at_arg = args;
        for (int i = 0; i < na; at_arg += a->aggs[i].nargs, i++) update(a, i, rs, at_arg, at, to);
    }
    for (size_t k = 0; k + 1 < nargs; k++) col_unref(args[k]);
    mem_free(args, sizeof *args * nargs);
    mem_free(rs, sizeof *rs * rows);
    mem_free(kc, sizeof *kc * (size_t)a->sh.nkeys);
    return mem_check(err);
}

static int drain_one(AggOp *a, Err *err)
{
    for (;;) {
        Chunk *in;
        int rc = op_next(a->in, &in, err);
        if (rc || !in) return rc;
        rc = consume(a, in, err);
        chunk_free(in);
        if (rc) return rc;
    }
}

static Op *agg_new(Op *in, int *keys, int nkeys, AggSpec *aggs, int naggs, bool totals, char **names);

/* A partial aggregation like a over another input (a clone of its chain). */
static AggOp *agg_worker(AggOp *a, Op *in)
{
    AggOp *w = (AggOp *)agg_new(in, a->keys, a->sh.nkeys, a->aggs, a->sh.naggs, false, a->base.names);
    w->sh = a->sh;
    ensure_parts(w, a->nparts);
    return w;
}

/* Merges partition p of partial w into a's, the smaller set into the
 * bigger: a group new to the bigger set adopts the smaller one's block
 * whole (its arena changes hands), others merge state by state. The table
 * grows only as new keys need (the sets often share most keys). */
static void merge_part(AggOp *a, AggOp *w, int p)
{
    GroupSet *src = &w->parts[p], *dst = &a->parts[p];
    const AggShape *sh = &a->sh;
    if (sh->nkeys && src->n > dst->n) {
        GroupSet t = *src;
        *src = *dst;
        *dst = t;
    }
    size_t n = src->n;
    if (!n) return;
    if (sh->nkeys == 0) {
        if (!dst->n) groupset_add(dst, sh, true);
        for (int i = 0; i < sh->naggs; i++) agg_merge(a->aggs[i].call, dst->states[0] + a->offs[i], src->states[0] + a->offs[i]);
        return;
    }
    char **rs = mem_alloc(sizeof *rs * n);
    uint8_t *fresh = mem_alloc(n);
    groups_assign(sh, a->parts, a->nparts, p, src->key_cols, n, rs, fresh, false, src->states);
    for (size_t r = 0; r < n; r++) {
        if (fresh[r]) {
            src->states[r] = NULL;   /* dst's now */
            continue;
        }
        for (int i = 0; i < sh->naggs; i++) agg_merge(a->aggs[i].call, rs[r] + a->offs[i], src->states[r] + a->offs[i]);
    }
    arena_adopt(&dst->arena, &src->arena);   /* the states left in src are destroyed with src, still in memory */
    mem_free(rs, sizeof *rs * n);
    mem_free(fresh, n);
}

typedef struct ParAgg { AggOp **w; int n; int first; } ParAgg;

static int par_drain(void *ctx, int i, Err *err) { return drain_one(((ParAgg *)ctx)->w[i], err); }

/* Thread i merges partition first + i of every partial into w[0]. */
static int par_merge(void *ctx, int i, Err *err)
{
    ParAgg *c = ctx;
    AggOp *a = c->w[0];
    int p = c->first + i;
    if (p >= a->nparts) return 0;
    for (int k = 1; k < c->n; k++) {
        merge_part(a, c->w[k], p);
        groupset_free(&c->w[k]->parts[p], &a->sh);   /* merged: its memory goes now, not at the end */
        groupset_init(&c->w[k]->parts[p], &a->sh);
    }
    return 0;
}

/* Partitions below upto merged from the partials, n at a time on n
 * threads: output asks for them in order, so a LIMIT that stops early
 * leaves the rest unmerged. */
static int merge_upto(AggOp *a, int upto, Err *err)
{
    while (a->nworkers > 1 && a->merged < upto && a->merged < a->nparts) {
        ParAgg ctx = {a->workers, a->nworkers, a->merged};
        int rc = par_run(a->nworkers, par_merge, &ctx, err);
        if (rc) return rc;
        a->merged += a->nworkers;
    }
    return 0;
}

static void close_workers(AggOp *a)
{
    for (int i = 1; i < a->nworkers; i++) op_close(&a->workers[i]->base);
    a->nworkers = 0;
}

/* min(x) / max(x) only, over columns a scan knows the range of (parts'
 * column stats): the states take the range's values, nothing is read. */
static bool from_stats(AggOp *a)
{
    if (a->sh.nkeys || !a->sh.naggs || !a->in->vt->column_range) return false;
    for (int i = 0; i < a->sh.naggs; i++) {
        AggCall *c = a->aggs[i].call;
        if (!c->def || a->aggs[i].nargs != 1 || (strcmp(c->def->name, "min") && strcmp(c->def->name, "max"))) return false;
    }
    Column **mm = mem_calloc(sizeof *mm * (size_t)a->sh.naggs);
    bool ok = true;
    for (int i = 0; i < a->sh.naggs && ok; i++) ok = a->in->vt->column_range(a->in, a->aggs[i].args[0], &mm[i]);
    if (ok) {
        ensure_parts(a, 1);
        char *blk = groupset_add(&a->parts[0], &a->sh, true);
        for (int i = 0; i < a->sh.naggs; i++)
            agg_add(a->aggs[i].call, blk + a->offs[i], &mm[i], strcmp(a->aggs[i].call->def->name, "min") ? 1 : 0);
    }
    for (int i = 0; i < a->sh.naggs; i++) col_unref(mm[i]);
    mem_free(mm, sizeof *mm * (size_t)a->sh.naggs);
    return ok;
}

/* Reads the whole input: one partial aggregation per clone of the input
 * chain, on its own thread, merged into this one; or alone. */
static int drain_input(AggOp *a, Err *err)
{
    if (from_stats(a)) return 0;
    bool *used = arena_alloc(&a->base.q->arena, (size_t)a->in->ncols + 1);   /* what this reads: keys and arguments */
    for (int k = 0; k < a->sh.nkeys; k++) used[a->keys[k]] |= !a->sh.dep || !a->sh.dep[k];
    for (int i = 0; i < a->sh.naggs; i++)
        for (int k = 0; k < a->aggs[i].nargs; k++) used[a->aggs[i].args[k]] = true;
    op_prune_outputs(a->in, used);
    uint64_t hint_key = a->sh.nkeys ? agg_hint_key(a->in, a->keys, a->sh.nkeys) : 0;
    Op *chains[OP_MAX_WAYS];
    int n = op_clone_chains(a->in, chains, OP_MAX_WAYS);
    ensure_parts(a, n > 1 && a->sh.nkeys ? PARTS : 1);   /* partitions for a parallel merge */
    AggOp **w = arena_alloc(&a->base.q->arena, sizeof *w * (size_t)n);
    w[0] = a;
    for (int i = 1; i < n; i++) w[i] = agg_worker(a, chains[i]);
    size_t hint = hint_key ? agg_hint_get(hint_key, a->nparts) : 0;
    for (int i = 0; i < n && hint >= HINT_MIN; i++)
        for (int p = 0; p < a->nparts; p++) groupset_reserve(&w[i]->parts[p], &a->sh, hint);
    int rc;
    if (n == 1) {
        rc = drain_one(a, err);
    } else {
        a->workers = w;
        a->nworkers = n;
        ParAgg ctx = {w, n, 0};
        rc = par_run(n, par_drain, &ctx, err);
        if (!rc && !a->sh.nkeys) rc = merge_upto(a, a->nparts, err);   /* one state: merged now */
    }
    size_t most = 0;
    for (int i = 0; i < n && !rc && hint_key; i++)
        for (int p = 0; p < a->nparts; p++) most = w[i]->parts[p].n > most ? w[i]->parts[p].n : most;
    if (most >= HINT_MIN) agg_hint_put(hint_key, a->nparts, most);
    return rc ? rc : mem_check(err);
}

static int make_totals(AggOp *a, Err *err)
{
    int rc0 = merge_upto(a, a->nparts, err);
    if (rc0) return rc0;
    char *tot = arena_alloc(&a->parts[0].arena, a->sh.block_size);
    for (int i = 0; i < a->sh.naggs; i++) agg_init(a->aggs[i].call, tot + a->offs[i]);
    for (int p = 0; p < a->nparts; p++)
        for (size_t g = 0; g < a->parts[p].n; g++)
            for (int i = 0; i < a->sh.naggs; i++) agg_merge(a->aggs[i].call, tot + a->offs[i], a->parts[p].states[g] + a->offs[i]);
    Chunk *ch = chunk_new(a->base.ncols, 1);
    for (int k = 0; k < a->sh.nkeys; k++) {
        ch->cols[k] = col_new(a->base.types[k]);
        col_push_default(ch->cols[k]);
    }
    int rc = 0;
    for (int i = 0; i < a->sh.naggs; i++) {
        Column *c = col_new(a->aggs[i].call->ret);
        rc = agg_finalize(a->aggs[i].call, tot + a->offs[i], c, err);
        ch->cols[a->sh.nkeys + i] = c;
        agg_destroy(a->aggs[i].call, tot + a->offs[i]);
        if (rc) break;
    }
    if (rc) {
        chunk_free(ch);
        return rc;
    }
    if (a->base.q->totals) chunk_free(a->base.q->totals);
    a->base.q->totals = ch;
    return 0;
}

/* The next output chunk: up to max_block_size groups of one partition. */
static int emit(AggOp *a, Chunk **out, Err *err)
{
    for (;;) {
        int rc = merge_upto(a, a->emit_part + 1, err);
        if (rc) return rc;
        if (a->emit_part >= a->nparts || a->emit_pos < a->parts[a->emit_part].n) break;
        /* all of this partition is out (its keys live on in the chunks that
         * reference them): when its states hold no heap memory of their own
         * (count, sum, avg ...), its table and states go now, not at close;
         * states to destroy one by one (sets, arrays) wait for the close */
        if (!a->destroy_states) groupset_free(&a->parts[a->emit_part], &a->sh);
        a->emit_part++;
        a->emit_pos = 0;
    }
    if (a->emit_part >= a->nparts) return 0;
    GroupSet *g = &a->parts[a->emit_part];
    int64_t bs = settings_int(&a->base.q->settings, SET_max_block_size);
    size_t n = g->n - a->emit_pos;
    if (bs > 0 && n > (size_t)bs) n = (size_t)bs;
    Chunk *ch = chunk_new(a->base.ncols, n);
    for (int k = 0; k < a->sh.nkeys; k++)
        ch->cols[k] = a->sh.dep && a->sh.dep[k] ? col_const_default(a->base.types[k], n) : col_slice(g->key_cols[k], a->emit_pos, n);
    for (int k = 0; k < a->sh.nkeys; k++) {
        if (!a->sh.dep || !a->sh.dep[k]) continue;
        Chunk keys = {a->sh.nkeys, n, ch->cols};   /* the key columns, dependent ones not read */
        Column *v;
        int rc = expr_eval(a->dep_expr[k], &keys, &v, err);
        if (rc) {
            chunk_free(ch);
            return rc;
        }
        col_unref(ch->cols[k]);
        ch->cols[k] = v;
    }
    for (int i = 0; i < a->sh.naggs; i++) {
        Column *c = col_new(a->aggs[i].call->ret);
        col_reserve(c, n);
        for (size_t r = a->emit_pos; r < a->emit_pos + n; r++) {
            int rc = agg_finalize(a->aggs[i].call, g->states[r] + a->offs[i], c, err);
            if (rc) {
                col_unref(c);
                chunk_free(ch);
                return rc;
            }
        }
        ch->cols[a->sh.nkeys + i] = c;
    }
    a->emit_pos += n;
    *out = ch;
    return 0;
}

static int agg_next(Op *op, Chunk **out, Err *err)
{
    AggOp *a = (AggOp *)op;
    *out = NULL;
    if (!a->done && a->trivial) {
        ensure_parts(a, 1);
        char *blk = groupset_add(&a->parts[0], &a->sh, true);
        for (int i = 0; i < a->sh.naggs; i++) *(uint64_t *)(void *)(blk + a->offs[i]) = a->trivial_rows;
        a->done = true;
    }
    if (!a->done) {
        int rc = drain_input(a, err);
        if (rc) return rc;
        a->done = true;
        if (a->sh.nkeys == 0 && total_groups(a) == 0) groupset_add(&a->parts[0], &a->sh, true);
        if (a->totals && (rc = make_totals(a, err))) return rc;
        if (!a->totals && op->q->totals) {   /* a subquery's WITH TOTALS does not survive aggregation */
            chunk_free(op->q->totals);
            op->q->totals = NULL;
        }
    }
    return emit(a, out, err);
}

static void agg_close(Op *op)
{
    AggOp *a = (AggOp *)op;
    close_workers(a);
    for (int p = 0; p < a->nparts; p++) groupset_free(&a->parts[p], &a->sh);
    if (a->parts) mem_free(a->parts, sizeof *a->parts * (size_t)a->nparts);
    a->parts = NULL;
    a->nparts = 0;
    op_close(a->in);
    a->in = NULL;
}

static void agg_describe(Op *op, PlanDesc *d)
{
    AggOp *a = (AggOp *)op;
    if (a->trivial) {
        d->name = "MergingAggregated";
        buf_puts(&d->details, "Keys:\nAggregates:");
        for (int i = 0; i < a->sh.naggs; i++) buf_printf(&d->details, "%s%s", i ? ", " : " ", op->names[i]);
        buf_putc(&d->details, '\n');
        d->children[d->nchildren++] = a->prepared;
        return;
    }
    buf_puts(&d->details, "Keys:");
    for (int k = 0; k < a->sh.nkeys; k++) {
        buf_puts(&d->details, k ? ", " : " ");
        op_column_sql(a->in, a->keys[k], &d->details);
    }
    buf_puts(&d->details, "\nAggregates:");
    for (int i = 0; i < a->sh.naggs; i++) buf_printf(&d->details, "%s%s", i ? ", " : " ", op->names[a->sh.nkeys + i]);
    buf_puts(&d->details, "\nSkip merging: 0\n");
    d->children[d->nchildren++] = a->in;
}

static bool agg_column_source(Op *op, int col, Op **in, int *in_col)
{
    AggOp *a = (AggOp *)op;
    if (col >= a->sh.nkeys) return false;
    *in = a->in;
    *in_col = a->keys[col];
    return true;
}

/* Without key statistics the groups are guessed as the input rows (one
 * group without keys), as ClickHouse's join planning does. */
static int agg_estimate(Op *op, uint64_t *n)
{
    AggOp *a = (AggOp *)op;
    if (op_rows_estimate(a->in, n) == EST_UNKNOWN) return EST_UNKNOWN;
    if (a->sh.nkeys == 0 && *n > 1) *n = 1;
    return EST_POINT;
}

static const OpVt AGG_VT = {.name = "Aggregating", .next = agg_next, .close = agg_close, .describe = agg_describe, .column_source = agg_column_source,
                            .rows_estimate = agg_estimate};

/* Two to eight hashed integer-like keys of 16 bytes in all: pack them. */
static void choose_packing(AggShape *sh)
{
    sh->packed = false;
    if (sh->num_w || sh->nkeys < 2 || sh->nkeys > 8) return;
    int total = 0, hashed = 0;
    for (int k = 0; k < sh->nkeys; k++) {
        sh->pack_w[k] = 0;
        if (sh->dep && sh->dep[k]) continue;
        int w = col_int_width(type_strip_lc(sh->key_types[k]));
        if (!w) return;
        sh->pack_w[k] = w;
        total += w;
        hashed++;
    }
    sh->packed = hashed >= 2 && total <= 16;
}

void op_aggregate_set_dependent(Op *agg, const bool *dep, Expr **dep_expr)
{
    AggOp *a = (AggOp *)agg;
    AggShape *sh = &a->sh;
    int hashed = -1, nhashed = 0;
    bool *d = arena_alloc(&agg->q->arena, (size_t)sh->nkeys + 1);
    for (int k = 0; k < sh->nkeys; k++) {
        d[k] = dep[k];
        if (!dep[k]) hashed = k, nhashed++;
    }
    sh->dep = d;
    ((AggOp *)agg)->dep_expr = dep_expr;
    sh->num_w = 0;
    if (nhashed == 1) {
        sh->num_key = hashed;
        sh->num_w = col_int_width(type_strip_lc(sh->key_types[hashed]));
    }
    choose_packing(sh);
}

static void prepared_describe(Op *op, PlanDesc *d) { d->name = "ReadFromPreparedSource (Optimized trivial count)"; }
static int prepared_next(Op *op, Chunk **out, Err *err)
{
    *out = NULL;
    return 0;
}
static const OpVt PREPARED_VT = {.name = "ReadFromPreparedSource", .next = prepared_next, .describe = prepared_describe};

void op_aggregate_set_trivial_count(Op *agg, uint64_t n)
{
    AggOp *a = (AggOp *)agg;
    a->trivial = true;
    a->trivial_rows = n;
    a->prepared = op_alloc(agg->q, sizeof(Op), &PREPARED_VT);
}

Op *op_aggregate(Op *in, int *keys, int nkeys, AggSpec *aggs, int naggs, bool totals, char **names)
{
    return agg_new(in, keys, nkeys, aggs, naggs, totals, names);
}

static Op *agg_new(Op *in, int *keys, int nkeys, AggSpec *aggs, int naggs, bool totals, char **names)
{
    QueryCtx *q = in->q;
    AggOp *a = op_alloc(q, sizeof *a, &AGG_VT);
    a->in = in;
    a->keys = keys;
    a->aggs = aggs;
    a->totals = totals;
    a->offs = arena_alloc(&q->arena, sizeof *a->offs * (size_t)(naggs ? naggs : 1));
    size_t off = 0;
    for (int i = 0; i < naggs; i++) {
        a->offs[i] = off;
        off += (aggs[i].call->state_size + 15) & ~(size_t)15;
        a->destroy_states |= agg_has_destroy(aggs[i].call);
    }
    int n = nkeys + naggs;
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(n ? n : 1));
    for (int k = 0; k < nkeys; k++) types[k] = in->types[keys[k]];
    for (int i = 0; i < naggs; i++) types[nkeys + i] = aggs[i].call->ret;
    op_set_header(&a->base, n, names, types);
    AggShape *sh = &a->sh;
    sh->nkeys = nkeys;
    sh->key_types = a->base.types;
    sh->aggs = aggs;
    sh->naggs = naggs;
    sh->offs = a->offs;
    sh->block_size = off ? off : 16;
    if (nkeys == 1) sh->num_w = col_int_width(type_strip_lc(types[0]));
    sh->str_key = nkeys == 1 && type_strip_lc(types[0])->kind == TYPE_STRING;
    choose_packing(sh);
    return &a->base;
}
