/* op_agg.c — hash aggregation (GROUP BY) and aggregation without keys.
 *
 * Keys are encoded per row into bytes (col_serialize_key) and looked up in an
 * open-addressing table that maps them to a group number; each group has one
 * state per aggregate, carved from the operator's arena. Without keys there
 * is a single state and rows go through agg_add_batch (vectorised paths).
 * The output is produced after the input is exhausted: key columns followed by
 * finalised aggregates, in chunks of max_block_size rows. WITH TOTALS merges
 * every group into one more state.
 *
 * Key shapes that skip the byte encoding: one integer-like key (up to 8
 * bytes) in a table of 64-bit keys; two to eight of them (16 bytes in all)
 * packed into a 128-bit key. Keys that are functions of other keys are not
 * hashed at all (op_aggregate_set_dependent). count() and integer sum / avg
 * update every row's state in one loop (AggDef.add_scatter).
 *
 * When the input chain can be cloned (op_parallel.c: a large MergeTree read
 * under filters and expressions), each clone feeds a partial aggregation of
 * its own on its own thread; the partials are merged into this operator
 * before output (a group new here takes the partial's states whole).
 */
#include <string.h>

#include "../base/mem.h"
#include "op.h"

/* One slot: what a probe compares and returns, in one cache line. */
typedef struct GroupSlot {
    uint64_t hash;         /* 0 = empty slot */
    uint64_t key_off;
    uint32_t key_len;
    uint32_t group;
} GroupSlot;

typedef struct GroupTable {
    size_t cap, n;
    GroupSlot *slot;
    Buf keys;
} GroupTable;

/* One integer-like key: value -> group (group + 1 stored, 0 = empty slot);
 * key and group side by side, so a probe touches one cache line. */
typedef struct NumSlot {
    uint64_t key;
    uint64_t group;
} NumSlot;

typedef struct NumTable {
    size_t cap, n;
    NumSlot *slot;
} NumTable;

/* Several integer-like keys packed into 16 bytes: (lo, hi) -> group + 1. */
typedef struct PackSlot {
    uint64_t lo, hi;
    uint32_t group;
} PackSlot;

typedef struct PackTable {
    size_t cap, n;
    PackSlot *slot;
} PackTable;

typedef struct AggOp {
    Op base;
    Op *in;
    int *keys, nkeys;
    AggSpec *aggs;
    int naggs;
    bool totals;
    Arena states;            /* per-group states */
    char **group_states;     /* one block of all aggregate states per group */
    size_t ngroups, capgroups;
    size_t *offs;            /* offset of aggregate i inside a group block */
    size_t block_size;
    Column **key_cols;       /* distinct key values, one row per group */
    GroupTable table;
    NumTable num;
    int num_w;               /* width of the one hashed integer-like key, or 0 */
    int num_key;             /* which key that is */
    bool *dep;               /* keys not hashed (functions of the others), or NULL */
    PackTable pack;
    int pack_w[8];           /* widths of the packed keys (0: key not hashed) */
    bool packed;
    bool str_key;            /* one String key: its bytes are the table key */
    bool trivial;            /* count() only, answered from trivial_rows */
    uint64_t trivial_rows;
    Op *prepared;            /* EXPLAIN: ReadFromPreparedSource (Optimized trivial count) */
    bool done;
    size_t emitted;
} AggOp;

static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    for (; i < n; i++) h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
    h ^= h >> 29;
    return h | 1;
}

static void table_grow(GroupTable *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 256;
    GroupSlot *ns = mem_calloc(ncap * sizeof *ns);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slot[i].hash) continue;
        size_t j = t->slot[i].hash & (ncap - 1);
        while (ns[j].hash) j = (j + 1) & (ncap - 1);
        ns[j] = t->slot[i];
    }
    if (t->cap) mem_free(t->slot, t->cap * sizeof *t->slot);
    t->slot = ns, t->cap = ncap;
}

static void table_free(GroupTable *t)
{
    if (t->cap) mem_free(t->slot, t->cap * sizeof *t->slot);
    buf_free(&t->keys);
    memset(t, 0, sizeof *t);
}

/* Finds or inserts key k (hash h = hash_bytes(k, n)); *fresh = true when
 * inserted with group number g_new. */
static uint32_t table_find(GroupTable *t, const char *k, size_t n, uint64_t h, uint32_t g_new, bool *fresh)
{
    if ((t->n + 1) * 4 > t->cap * 3) table_grow(t);
    size_t j = h & (t->cap - 1);
    while (t->slot[j].hash) {
        GroupSlot *x = &t->slot[j];
        if (x->hash == h && x->key_len == n && memcmp(t->keys.data + x->key_off, k, n) == 0) {
            *fresh = false;
            return x->group;
        }
        j = (j + 1) & (t->cap - 1);
    }
    t->slot[j] = (GroupSlot){h, t->keys.len, (uint32_t)n, g_new};
    buf_put(&t->keys, k, n);
    t->n++;
    *fresh = true;
    return g_new;
}

#define PREFETCH 8   /* rows a probe looks ahead */

static inline size_t num_slot(uint64_t v, size_t cap) { return (size_t)((v * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1); }

static void num_grow(NumTable *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 256;
    NumSlot *ns = mem_calloc(ncap * sizeof *ns);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slot[i].group) continue;
        size_t j = num_slot(t->slot[i].key, ncap);
        while (ns[j].group) j = (j + 1) & (ncap - 1);
        ns[j] = t->slot[i];
    }
    if (t->cap) mem_free(t->slot, t->cap * sizeof *t->slot);
    t->slot = ns, t->cap = ncap;
}

static void num_free(NumTable *t)
{
    if (t->cap) mem_free(t->slot, t->cap * sizeof *t->slot);
    memset(t, 0, sizeof *t);
}

static inline uint32_t num_find(NumTable *t, uint64_t v, uint32_t g_new, bool *fresh)
{
    if ((t->n + 1) * 4 > t->cap * 3) num_grow(t);   /* load up to 3/4: big GROUP BYs keep half the memory */
    size_t j = num_slot(v, t->cap);
    while (t->slot[j].group) {
        if (t->slot[j].key == v) {
            *fresh = false;
            return (uint32_t)t->slot[j].group - 1;
        }
        j = (j + 1) & (t->cap - 1);
    }
    t->slot[j].key = v;
    t->slot[j].group = (uint64_t)g_new + 1;
    t->n++;
    *fresh = true;
    return g_new;
}

static inline size_t pack_slot(uint64_t lo, uint64_t hi, size_t cap)
{
    return (size_t)(((lo ^ (hi * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
}

static void pack_grow(PackTable *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 256;
    PackSlot *ns = mem_calloc(ncap * sizeof *ns);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slot[i].group) continue;
        size_t j = pack_slot(t->slot[i].lo, t->slot[i].hi, ncap);
        while (ns[j].group) j = (j + 1) & (ncap - 1);
        ns[j] = t->slot[i];
    }
    if (t->cap) mem_free(t->slot, t->cap * sizeof *t->slot);
    t->slot = ns, t->cap = ncap;
}

static void pack_free(PackTable *t)
{
    if (t->cap) mem_free(t->slot, t->cap * sizeof *t->slot);
    memset(t, 0, sizeof *t);
}

static inline uint32_t pack_find(PackTable *t, uint64_t lo, uint64_t hi, uint32_t g_new, bool *fresh)
{
    if ((t->n + 1) * 4 > t->cap * 3) pack_grow(t);
    size_t j = pack_slot(lo, hi, t->cap);
    while (t->slot[j].group) {
        if (t->slot[j].lo == lo && t->slot[j].hi == hi) {
            *fresh = false;
            return t->slot[j].group - 1;
        }
        j = (j + 1) & (t->cap - 1);
    }
    t->slot[j] = (PackSlot){lo, hi, g_new + 1};
    t->n++;
    *fresh = true;
    return g_new;
}

/* A new group's block of states; init false leaves them for the caller to
 * fill (a partial aggregation's states moved in whole). */
static char *new_group_ex(AggOp *a, bool init)
{
    if (a->ngroups == a->capgroups) {
        size_t cap = a->capgroups ? a->capgroups * 2 : 64;
        a->group_states = mem_realloc(a->group_states, a->capgroups * sizeof(char *), cap * sizeof(char *));
        a->capgroups = cap;
    }
    char *blk = arena_alloc(&a->states, a->block_size);
    for (int i = 0; i < a->naggs && init; i++) agg_init(a->aggs[i].call, blk + a->offs[i]);
    a->group_states[a->ngroups++] = blk;
    return blk;
}

static char *new_group(AggOp *a) { return new_group_ex(a, true); }

/* Materialised argument columns of aggregate i for this chunk. */
static void agg_args(AggOp *a, int i, Chunk *in, Column **out)
{
    for (int k = 0; k < a->aggs[i].nargs; k++) out[k] = col_materialize(in->cols[a->aggs[i].args[k]]);
}

static int consume_no_keys(AggOp *a, Chunk *in)
{
    if (a->ngroups == 0) new_group(a);
    char *blk = a->group_states[0];
    for (int i = 0; i < a->naggs; i++) {
        Column *args[16];
        agg_args(a, i, in, args);
        agg_add_batch(a->aggs[i].call, blk + a->offs[i], args, in->rows, NULL);
        for (int k = 0; k < a->aggs[i].nargs; k++) col_unref(args[k]);
    }
    return 0;
}

/* The group of each of rows rows of key columns kc (in key order), new
 * groups created (their states initialised when init) as keys first appear. */
static void assign_groups(AggOp *a, Column **kc, size_t rows, uint32_t *gidx, bool init)
{
    Buf key = {0};
    if (a->packed) {
        const Column *pc[8];
        for (int k = 0; k < a->nkeys; k++) pc[k] = kc[k]->type->kind == TYPE_LOWCARDINALITY ? kc[k]->sub[0] : kc[k];
        /* the packed keys of every row first, so each probe can prefetch
         * the slot of a row PREFETCH rows ahead (a big table misses cache) */
        uint64_t *klo = mem_alloc(sizeof *klo * (rows ? rows : 1) * 2), *khi = klo + rows;
        for (size_t r = 0; r < rows; r++) {
            unsigned char b[16] = {0};
            int at = 0;
            for (int k = 0; k < a->nkeys; k++) {
                if (!a->pack_w[k]) continue;
                uint64_t v = col_int_bits(pc[k], r, a->pack_w[k]);
                memcpy(b + at, &v, (size_t)a->pack_w[k]);
                at += a->pack_w[k];
            }
            memcpy(&klo[r], b, 8);
            memcpy(&khi[r], b + 8, 8);
        }
        for (size_t r = 0; r < rows; r++) {
            if (r + PREFETCH < rows && a->pack.cap) __builtin_prefetch(&a->pack.slot[pack_slot(klo[r + PREFETCH], khi[r + PREFETCH], a->pack.cap)]);
            bool fresh;
            uint32_t g = pack_find(&a->pack, klo[r], khi[r], (uint32_t)a->ngroups, &fresh);
            if (fresh) {
                new_group_ex(a, init);
                for (int k = 0; k < a->nkeys; k++) col_push_from(a->key_cols[k], kc[k], r);
            }
            gidx[r] = g;
        }
        mem_free(klo, sizeof *klo * (rows ? rows : 1) * 2);
        rows = 0;   /* keys done */
    } else if (a->num_w) {
        const Column *c = kc[a->num_key]->type->kind == TYPE_LOWCARDINALITY ? kc[a->num_key]->sub[0] : kc[a->num_key];
        int w = a->num_w;
        for (size_t r = 0; r < rows; r++) {
            if (r + PREFETCH < rows && a->num.cap) __builtin_prefetch(&a->num.slot[num_slot(col_int_bits(c, r + PREFETCH, w), a->num.cap)]);
            bool fresh;
            uint32_t g = num_find(&a->num, col_int_bits(c, r, w), (uint32_t)a->ngroups, &fresh);
            if (fresh) {
                new_group_ex(a, init);
                for (int k = 0; k < a->nkeys; k++) col_push_from(a->key_cols[k], kc[k], r);
            }
            gidx[r] = g;
        }
        rows = 0;   /* keys done */
    }
    if (!rows) return;
    /* every row's key bytes and hash first, then the probes, each
     * prefetching the slot of the row PREFETCH ahead */
    const char **kp = mem_alloc(sizeof *kp * rows);
    size_t *kn = mem_alloc(sizeof *kn * rows);
    uint64_t *kh = mem_alloc(sizeof *kh * rows);
    if (a->str_key) {
        const Column *c = kc[0]->type->kind == TYPE_LOWCARDINALITY ? kc[0]->sub[0] : kc[0];
        for (size_t r = 0; r < rows; r++) kp[r] = col_str(c, r, &kn[r]);
    } else {
        size_t *off = (size_t *)kn;
        for (size_t r = 0; r < rows; r++) {
            off[r] = key.len;
            for (int k = 0; k < a->nkeys; k++)
                if (!a->dep || !a->dep[k]) col_serialize_key(kc[k], r, &key);
        }
        for (size_t r = 0; r < rows; r++) {
            size_t end = r + 1 < rows ? off[r + 1] : key.len;
            kp[r] = key.data + off[r];
            kn[r] = end - off[r];
        }
    }
    for (size_t r = 0; r < rows; r++) kh[r] = hash_bytes(kp[r], kn[r]);
    for (size_t r = 0; r < rows; r++) {
        if (r + PREFETCH < rows && a->table.cap) __builtin_prefetch(&a->table.slot[kh[r + PREFETCH] & (a->table.cap - 1)]);
        bool fresh;
        uint32_t g = table_find(&a->table, kp[r], kn[r], kh[r], (uint32_t)a->ngroups, &fresh);
        if (fresh) {
            new_group_ex(a, init);
            for (int k = 0; k < a->nkeys; k++) col_push_from(a->key_cols[k], kc[k], r);
        }
        gidx[r] = g;
    }
    mem_free(kp, sizeof *kp * rows);
    mem_free(kn, sizeof *kn * rows);
    mem_free(kh, sizeof *kh * rows);
    buf_free(&key);
}

static int consume(AggOp *a, Chunk *in, Err *err)
{
    if (a->nkeys == 0) return consume_no_keys(a, in);
    size_t rows = in->rows;
    Column **kc = mem_alloc(sizeof *kc * (size_t)a->nkeys);
    for (int k = 0; k < a->nkeys; k++) kc[k] = in->cols[a->keys[k]];
    uint32_t *gidx = mem_alloc(sizeof *gidx * (rows ? rows : 1));
    assign_groups(a, kc, rows, gidx, true);
    rows = in->rows;
    for (int i = 0; i < a->naggs; i++) {
        Column *args[16];
        agg_args(a, i, in, args);
        AggCall *call = a->aggs[i].call;
        size_t off = a->offs[i];
        if (call->def && !strcmp(call->name, "count")) {   /* a plain counter: no call per row */
            for (size_t r = 0; r < rows; r++) (*(uint64_t *)(void *)(a->group_states[gidx[r]] + off))++;
        } else if (call->def && call->def->add_scatter && call->def->add_scatter(call, a->group_states, gidx, off, args, rows)) {
            /* typed loop over all rows' states */
        } else {
            for (size_t r = 0; r < rows; r++) agg_add(call, a->group_states[gidx[r]] + off, args, r);
        }
        for (int k = 0; k < a->aggs[i].nargs; k++) col_unref(args[k]);
    }
    mem_free(gidx, sizeof *gidx * (rows ? rows : 1));
    mem_free(kc, sizeof *kc * (size_t)a->nkeys);
    return mem_check(err);
}

static int make_totals(AggOp *a, Err *err)
{
    char *tot = arena_alloc(&a->states, a->block_size);
    for (int i = 0; i < a->naggs; i++) agg_init(a->aggs[i].call, tot + a->offs[i]);
    for (size_t g = 0; g < a->ngroups; g++)
        for (int i = 0; i < a->naggs; i++) agg_merge(a->aggs[i].call, tot + a->offs[i], a->group_states[g] + a->offs[i]);
    Chunk *ch = chunk_new(a->base.ncols, 1);
    for (int k = 0; k < a->nkeys; k++) {
        ch->cols[k] = col_new(a->base.types[k]);
        col_push_default(ch->cols[k]);
    }
    int rc = 0;
    for (int i = 0; i < a->naggs; i++) {
        Column *c = col_new(a->aggs[i].call->ret);
        rc = agg_finalize(a->aggs[i].call, tot + a->offs[i], c, err);
        ch->cols[a->nkeys + i] = c;
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
    AggOp *w = (AggOp *)agg_new(in, a->keys, a->nkeys, a->aggs, a->naggs, false, a->base.names);
    w->dep = a->dep;
    w->num_w = a->num_w;
    w->num_key = a->num_key;
    memcpy(w->pack_w, a->pack_w, sizeof w->pack_w);
    w->packed = a->packed;
    w->str_key = a->str_key;
    return w;
}

/* Merges partial aggregation w into a: a group new to a takes w's states
 * whole (w no longer destroys them), others are merged state by state. */
static void merge_partial(AggOp *a, AggOp *w)
{
    if (!w->ngroups) return;
    if (a->nkeys == 0) {
        if (!a->ngroups) new_group(a);
        for (int i = 0; i < a->naggs; i++) agg_merge(a->aggs[i].call, a->group_states[0] + a->offs[i], w->group_states[0] + a->offs[i]);
        return;
    }
    size_t n = w->ngroups, before = a->ngroups;
    uint32_t *gidx = mem_alloc(sizeof *gidx * n);
    assign_groups(a, w->key_cols, n, gidx, false);
    for (size_t r = 0; r < n; r++) {
        char *dst = a->group_states[gidx[r]], *src = w->group_states[r];
        if (gidx[r] >= before) {
            memcpy(dst, src, a->block_size);
            w->group_states[r] = NULL;
            continue;
        }
        for (int i = 0; i < a->naggs; i++) agg_merge(a->aggs[i].call, dst + a->offs[i], src + a->offs[i]);
    }
    mem_free(gidx, sizeof *gidx * n);
}

typedef struct ParAgg { AggOp **w; } ParAgg;

static int par_drain(void *ctx, int i, Err *err) { return drain_one(((ParAgg *)ctx)->w[i], err); }

/* Reads the whole input: one partial aggregation per clone of the input
 * chain, on its own thread, merged into this one; or alone. */
static int drain_input(AggOp *a, Err *err)
{
    Op *chains[64];
    int n = op_clone_chains(a->in, chains, 64);
    if (n == 1) return drain_one(a, err);
    AggOp *w[64];
    w[0] = a;
    for (int i = 1; i < n; i++) w[i] = agg_worker(a, chains[i]);
    ParAgg ctx = {w};
    int rc = par_run(n, par_drain, &ctx, err);
    for (int i = 1; i < n; i++) {
        if (!rc) merge_partial(a, w[i]);
        op_close(&w[i]->base);
    }
    return rc ? rc : mem_check(err);
}

static int agg_next(Op *op, Chunk **out, Err *err)
{
    AggOp *a = (AggOp *)op;
    *out = NULL;
    if (!a->done && a->trivial) {
        char *blk = new_group(a);
        for (int i = 0; i < a->naggs; i++) *(uint64_t *)(void *)(blk + a->offs[i]) = a->trivial_rows;
        a->done = true;
    }
    if (!a->done) {
        int rc = drain_input(a, err);
        if (rc) return rc;
        a->done = true;
        if (a->nkeys == 0 && a->ngroups == 0) new_group(a);
        if (a->totals) {
            rc = make_totals(a, err);
            if (rc) return rc;
        }
    }
    if (a->emitted >= a->ngroups) return 0;
    int64_t bs = settings_int(&op->q->settings, SET_max_block_size);
    size_t n = a->ngroups - a->emitted;
    if (bs > 0 && n > (size_t)bs) n = (size_t)bs;
    Chunk *ch = chunk_new(op->ncols, n);
    for (int k = 0; k < a->nkeys; k++) ch->cols[k] = col_slice(a->key_cols[k], a->emitted, n);
    for (int i = 0; i < a->naggs; i++) {
        Column *c = col_new(a->aggs[i].call->ret);
        col_reserve(c, n);
        for (size_t g = a->emitted; g < a->emitted + n; g++) {
            int rc = agg_finalize(a->aggs[i].call, a->group_states[g] + a->offs[i], c, err);
            if (rc) {
                col_unref(c);
                chunk_free(ch);
                return rc;
            }
        }
        ch->cols[a->nkeys + i] = c;
    }
    a->emitted += n;
    *out = ch;
    return 0;
}

static void agg_close(Op *op)
{
    AggOp *a = (AggOp *)op;
    for (size_t g = 0; g < a->ngroups; g++)
        for (int i = 0; i < a->naggs && a->group_states[g]; i++) agg_destroy(a->aggs[i].call, a->group_states[g] + a->offs[i]);
    if (a->group_states) mem_free(a->group_states, a->capgroups * sizeof(char *));
    a->group_states = NULL;
    a->ngroups = a->capgroups = 0;
    for (int k = 0; k < a->nkeys; k++) col_unref(a->key_cols[k]);
    a->nkeys = 0;
    table_free(&a->table);
    num_free(&a->num);
    pack_free(&a->pack);
    arena_free(&a->states);
    op_close(a->in);
    a->in = NULL;
}

static void agg_describe(Op *op, PlanDesc *d)
{
    AggOp *a = (AggOp *)op;
    if (a->trivial) {
        d->name = "MergingAggregated";
        buf_puts(&d->details, "Keys:\nAggregates:");
        for (int i = 0; i < a->naggs; i++) buf_printf(&d->details, "%s%s", i ? ", " : " ", op->names[i]);
        buf_putc(&d->details, '\n');
        d->children[d->nchildren++] = a->prepared;
        return;
    }
    buf_puts(&d->details, "Keys:");
    for (int k = 0; k < a->nkeys; k++) {
        buf_puts(&d->details, k ? ", " : " ");
        op_column_sql(a->in, a->keys[k], &d->details);
    }
    buf_puts(&d->details, "\nAggregates:");
    for (int i = 0; i < a->naggs; i++) buf_printf(&d->details, "%s%s", i ? ", " : " ", op->names[a->nkeys + i]);
    buf_puts(&d->details, "\nSkip merging: 0\n");
    d->children[d->nchildren++] = a->in;
}

static bool agg_column_source(Op *op, int col, Op **in, int *in_col)
{
    AggOp *a = (AggOp *)op;
    if (col >= a->nkeys) return false;
    *in = a->in;
    *in_col = a->keys[col];
    return true;
}

static const OpVt AGG_VT = {.name = "Aggregating", .next = agg_next, .close = agg_close, .describe = agg_describe, .column_source = agg_column_source};

/* Two to eight hashed integer-like keys of 16 bytes in all: pack them. */
static void choose_packing(AggOp *a)
{
    a->packed = false;
    if (a->num_w || a->nkeys < 2 || a->nkeys > 8) return;
    int total = 0, hashed = 0;
    for (int k = 0; k < a->nkeys; k++) {
        a->pack_w[k] = 0;
        if (a->dep && a->dep[k]) continue;
        int w = col_int_width(type_strip_lc(a->base.types[k]));
        if (!w) return;
        a->pack_w[k] = w;
        total += w;
        hashed++;
    }
    a->packed = hashed >= 2 && total <= 16;
}

void op_aggregate_set_dependent(Op *agg, const bool *dep)
{
    AggOp *a = (AggOp *)agg;
    int hashed = -1, nhashed = 0;
    a->dep = arena_alloc(&agg->q->arena, (size_t)a->nkeys + 1);
    for (int k = 0; k < a->nkeys; k++) {
        a->dep[k] = dep[k];
        if (!dep[k]) hashed = k, nhashed++;
    }
    a->num_w = 0;
    if (nhashed == 1) {
        a->num_key = hashed;
        a->num_w = col_int_width(type_strip_lc(a->base.types[hashed]));
    }
    choose_packing(a);
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
    a->nkeys = nkeys;
    a->aggs = aggs;
    a->naggs = naggs;
    a->totals = totals;
    arena_init(&a->states);
    a->offs = arena_alloc(&q->arena, sizeof *a->offs * (size_t)(naggs ? naggs : 1));
    size_t off = 0;
    for (int i = 0; i < naggs; i++) {
        a->offs[i] = off;
        off += (aggs[i].call->state_size + 15) & ~(size_t)15;
    }
    a->block_size = off ? off : 16;
    a->key_cols = arena_alloc(&q->arena, sizeof *a->key_cols * (size_t)(nkeys ? nkeys : 1));
    int n = nkeys + naggs;
    const DataType **types = arena_alloc(&q->arena, sizeof *types * (size_t)(n ? n : 1));
    for (int k = 0; k < nkeys; k++) {
        types[k] = in->types[keys[k]];
        a->key_cols[k] = col_new(types[k]);
    }
    if (nkeys == 1) a->num_w = col_int_width(type_strip_lc(types[0]));
    a->str_key = nkeys == 1 && type_strip_lc(types[0])->kind == TYPE_STRING;
    for (int i = 0; i < naggs; i++) types[nkeys + i] = aggs[i].call->ret;
    op_set_header(&a->base, n, names, types);
    choose_packing(a);
    return &a->base;
}
