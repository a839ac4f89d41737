/* op_misc.c — DISTINCT, LIMIT BY and ARRAY JOIN operators.
 *
 * DISTINCT and LIMIT BY keep a hash set (count per key) of row keys encoded
 * with col_serialize_key and pass rows through in input order. ARRAY JOIN
 * replaces each listed array column by its elements and repeats the other
 * columns once per element (LEFT ARRAY JOIN keeps empty arrays as one row with
 * default values).
 */
#include <string.h>

#include "../base/mem.h"
#include "op.h"

typedef struct KeyCounter {
    size_t cap, n;
    uint64_t *hash;
    uint64_t *off;
    uint32_t *len;
    uint64_t *count;
    Buf keys;
} KeyCounter;

static uint64_t hash_key(const char *p, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return h | 1;
}

static void kc_grow(KeyCounter *k)
{
    size_t ncap = k->cap ? k->cap * 2 : 256;
    uint64_t *nh = mem_calloc(ncap * 8), *no = mem_alloc(ncap * 8), *nc = mem_alloc(ncap * 8);
    uint32_t *nl = mem_alloc(ncap * 4);
    for (size_t i = 0; i < k->cap; i++) {
        if (!k->hash[i]) continue;
        size_t j = k->hash[i] & (ncap - 1);
        while (nh[j]) j = (j + 1) & (ncap - 1);
        nh[j] = k->hash[i], no[j] = k->off[i], nl[j] = k->len[i], nc[j] = k->count[i];
    }
    if (k->cap) {
        mem_free(k->hash, k->cap * 8);
        mem_free(k->off, k->cap * 8);
        mem_free(k->count, k->cap * 8);
        mem_free(k->len, k->cap * 4);
    }
    k->hash = nh, k->off = no, k->len = nl, k->count = nc, k->cap = ncap;
}

/* Increments the count of key and returns the count before incrementing. */
static uint64_t kc_bump(KeyCounter *k, const char *key, size_t n)
{
    if ((k->n + 1) * 2 > k->cap) kc_grow(k);
    uint64_t h = hash_key(key, n);
    size_t j = h & (k->cap - 1);
    while (k->hash[j]) {
        if (k->hash[j] == h && k->len[j] == n && memcmp(k->keys.data + k->off[j], key, n) == 0) return k->count[j]++;
        j = (j + 1) & (k->cap - 1);
    }
    k->hash[j] = h, k->off[j] = k->keys.len, k->len[j] = (uint32_t)n, k->count[j] = 1;
    buf_put(&k->keys, key, n);
    k->n++;
    return 0;
}

static void kc_free(KeyCounter *k)
{
    if (k->cap) {
        mem_free(k->hash, k->cap * 8);
        mem_free(k->off, k->cap * 8);
        mem_free(k->count, k->cap * 8);
        mem_free(k->len, k->cap * 4);
    }
    buf_free(&k->keys);
    memset(k, 0, sizeof *k);
}

typedef struct KeyFilterOp {
    Op base;
    Op *in;
    int *keys, nkeys;
    uint64_t limit, offset;   /* DISTINCT: limit 1 offset 0 */
    KeyCounter seen;
} KeyFilterOp;

static int keyfilter_next(Op *op, Chunk **out, Err *err)
{
    KeyFilterOp *f = (KeyFilterOp *)op;
    for (;;) {
        Chunk *in;
        int rc = op_next(f->in, &in, err);
        if (rc || !in) {
            *out = NULL;
            return rc;
        }
        uint8_t *mask = mem_alloc(in->rows ? in->rows : 1);
        size_t kept = 0;
        Buf key = {0};
        for (size_t r = 0; r < in->rows; r++) {
            key.len = 0;
            for (int k = 0; k < f->nkeys; k++) col_serialize_key(in->cols[f->keys[k]], r, &key);
            uint64_t before = kc_bump(&f->seen, key.data, key.len);
            mask[r] = before >= f->offset && before < f->offset + f->limit;
            kept += mask[r];
        }
        buf_free(&key);
        if (kept == 0) {
            mem_free(mask, in->rows ? in->rows : 1);
            chunk_free(in);
            continue;
        }
        Chunk *res = chunk_new(in->ncols, kept);
        for (int i = 0; i < in->ncols; i++) res->cols[i] = col_filter(in->cols[i], mask, kept);
        mem_free(mask, in->rows ? in->rows : 1);
        chunk_free(in);
        *out = res;
        return mem_check(err);
    }
}

static void keyfilter_close(Op *op)
{
    KeyFilterOp *f = (KeyFilterOp *)op;
    kc_free(&f->seen);
    op_close(f->in);
    f->in = NULL;
}

static void keys_line(Buf *b, KeyFilterOp *f, bool all)
{
    buf_puts(b, "Columns:");
    int n = all ? f->in->ncols : f->nkeys;
    for (int k = 0; k < n; k++) {
        buf_puts(b, k ? ", " : " ");
        op_column_sql(f->in, all || !f->keys ? k : f->keys[k], b);
    }
    buf_putc(b, '\n');
}

static void distinct_describe(Op *op, PlanDesc *d)
{
    KeyFilterOp *f = (KeyFilterOp *)op;
    d->name = "Distinct (DISTINCT)";
    keys_line(&d->details, f, false);
    d->inner_name = "Distinct (Preliminary DISTINCT)";
    keys_line(&d->inner_details, f, false);
    d->children[d->nchildren++] = f->in;
}

static void limitby_describe(Op *op, PlanDesc *d)
{
    KeyFilterOp *f = (KeyFilterOp *)op;
    keys_line(&d->details, f, false);
    buf_printf(&d->details, "Length %llu\nOffset %llu\n", (unsigned long long)f->limit, (unsigned long long)f->offset);
    d->children[d->nchildren++] = f->in;
}

static const OpVt DISTINCT_VT = {.name = "Distinct", .next = keyfilter_next, .close = keyfilter_close, .describe = distinct_describe};
static const OpVt LIMITBY_VT = {.name = "LimitBy", .next = keyfilter_next, .close = keyfilter_close, .describe = limitby_describe};

Op *op_distinct(Op *in, int nkeys)
{
    KeyFilterOp *f = op_alloc(in->q, sizeof *f, &DISTINCT_VT);
    f->in = in;
    f->nkeys = nkeys;
    f->keys = arena_alloc(&in->q->arena, sizeof *f->keys * (size_t)(nkeys ? nkeys : 1));
    for (int i = 0; i < nkeys; i++) f->keys[i] = i;
    f->limit = 1;
    op_set_header(&f->base, in->ncols, in->names, in->types);
    return &f->base;
}

Op *op_limit_by(Op *in, int *keys, int nkeys, uint64_t limit, uint64_t offset)
{
    KeyFilterOp *f = op_alloc(in->q, sizeof *f, &LIMITBY_VT);
    f->in = in;
    f->keys = keys;
    f->nkeys = nkeys;
    f->limit = limit;
    f->offset = offset;
    op_set_header(&f->base, in->ncols, in->names, in->types);
    return &f->base;
}

/* ---- ARRAY JOIN ---- */

typedef struct ArrayJoinOp {
    Op base;
    Op *in;
    int *cols, ncols;
    bool left;
} ArrayJoinOp;

static Column *strip_lc_col(Column *c) { return c->type->kind == TYPE_LOWCARDINALITY ? c->sub[0] : c; }

static int arrayjoin_next(Op *op, Chunk **out, Err *err)
{
    ArrayJoinOp *a = (ArrayJoinOp *)op;
    for (;;) {
        Chunk *in;
        int rc = op_next(a->in, &in, err);
        if (rc || !in) {
            *out = NULL;
            return rc;
        }
        size_t rows = in->rows;
        Column **arrs = mem_alloc(sizeof *arrs * (size_t)a->ncols);
        for (int k = 0; k < a->ncols; k++) arrs[k] = col_materialize(strip_lc_col(in->cols[a->cols[k]]));
        /* rows out per input row: the size of the first array (all must agree) */
        uint64_t *ends = mem_alloc(sizeof *ends * (rows ? rows : 1));
        uint64_t total = 0;
        for (size_t r = 0; r < rows; r++) {
            uint64_t n = COL_OFFS(arrs[0])[r] - col_off_begin(arrs[0], r);
            for (int k = 1; k < a->ncols; k++) {
                uint64_t m = COL_OFFS(arrs[k])[r] - col_off_begin(arrs[k], r);
                if (m != n) {
                    for (int j = 0; j < a->ncols; j++) col_unref(arrs[j]);
                    mem_free(arrs, sizeof *arrs * (size_t)a->ncols);
                    mem_free(ends, sizeof *ends * (rows ? rows : 1));
                    chunk_free(in);
                    return err_set(err, ERR_SIZES_OF_ARRAYS_DONT_MATCH, "Sizes of ARRAY-JOIN-ed arrays do not match");
                }
            }
            if (n == 0 && a->left) n = 1;
            total += n;
            ends[r] = total;
        }
        Chunk *res = chunk_new(in->ncols, (size_t)total);
        for (int i = 0; i < in->ncols; i++) {
            int which = -1;
            for (int k = 0; k < a->ncols; k++)
                if (a->cols[k] == i) which = k;
            if (which < 0) {
                res->cols[i] = col_replicate(in->cols[i], ends);
                continue;
            }
            Column *arr = arrs[which];
            Column *el = col_new(op->types[i]);
            col_reserve(el, (size_t)total);
            for (size_t r = 0; r < rows; r++) {
                uint64_t b = col_off_begin(arr, r), e = COL_OFFS(arr)[r];
                if (b == e && a->left) col_push_default(el);
                else col_push_range(el, arr->sub[0], (size_t)b, (size_t)(e - b));
            }
            res->cols[i] = el;
        }
        for (int k = 0; k < a->ncols; k++) col_unref(arrs[k]);
        mem_free(arrs, sizeof *arrs * (size_t)a->ncols);
        mem_free(ends, sizeof *ends * (rows ? rows : 1));
        chunk_free(in);
        if (total == 0) {
            chunk_free(res);
            continue;
        }
        *out = res;
        return mem_check(err);
    }
}

static void arrayjoin_close(Op *op) { op_close(((ArrayJoinOp *)op)->in); }

static void arrayjoin_describe(Op *op, PlanDesc *d)
{
    ArrayJoinOp *a = (ArrayJoinOp *)op;
    d->name = a->left ? "ArrayJoin (LEFT ARRAY JOIN)" : "ArrayJoin (ARRAY JOIN)";
    buf_puts(&d->details, "Columns:");
    for (int k = 0; k < a->ncols; k++) buf_printf(&d->details, "%s%s", k ? ", " : " ", op->names[a->cols[k]]);
    buf_putc(&d->details, '\n');
    d->children[d->nchildren++] = a->in;
}

static const OpVt ARRAYJOIN_VT = {.name = "ArrayJoin", .next = arrayjoin_next, .close = arrayjoin_close, .describe = arrayjoin_describe};

Op *op_array_join(Op *in, int *cols, int ncols, bool left)
{
    ArrayJoinOp *a = op_alloc(in->q, sizeof *a, &ARRAYJOIN_VT);
    a->in = in;
    a->cols = cols;
    a->ncols = ncols;
    a->left = left;
    const DataType **types = arena_alloc(&in->q->arena, sizeof *types * (size_t)(in->ncols ? in->ncols : 1));
    for (int i = 0; i < in->ncols; i++) {
        types[i] = in->types[i];
        for (int k = 0; k < ncols; k++)
            if (cols[k] == i) types[i] = type_strip_lc(in->types[i])->sub[0];
    }
    op_set_header(&a->base, in->ncols, in->names, types);
    return &a->base;
}
