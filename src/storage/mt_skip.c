/* mt_skip.c — data-skipping indexes: definitions, the bloom filter and
 * token hashing ClickHouse uses, building each part's index files while the
 * part is written, and reading them back; see mt_skip.h.
 *
 * File `skp_idx_<name>.idx`: compressed frames (LZ4, the codec layer of the
 * .bin files) of at most 1 MiB each, holding: magic "BSKIPIDX", u32 kind, u32 keys, u64 index
 * granules, then
 *   minmax   per granule one byte per key (bit 0: some non-NULL value, bit
 *            1: some NULL), then per key the min column and the max column
 *            of the non-NULL values (column blobs, Nullable stripped);
 *   set      per granule its distinct row count (0: more than N, keep it),
 *            then per key one column of all granules' values;
 *   bloom    per granule u64 bytes of each filter, then one filter per key;
 *   tokenbf  per granule one filter of bf_bytes per key.
 */
#include "mt_skip.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/mem.h"
#include "../compress/codec.h"
#include "../exec/expr.h"
#include "fs.h"
#include "mt_serial.h"
#include "mt_write.h"
#include "mtree.h"

#define SKIP_MAGIC "BSKIPIDX"
#define SKIP_FRAME (1u << 20)
#define SKIP_MAX_BYTES (1u << 30)

/* ---- bloom_filter parameters (ClickHouse's BloomFilterHash tables) ---- */

static const double PROB[21][15] = {
    {1.0},
    {1.0, 1.0},
    {1.0, .393, .400},
    {1.0, .283, .237, .253},
    {1.0, .221, .155, .147, .160},
    {1.0, .181, .109, .092, .092, .101},
    {1.0, .154, .0804, .0609, .0561, .0578, .0638},
    {1.0, .133, .0618, .0423, .0359, .0347, .0364},
    {1.0, .118, .0489, .0306, .024, .0217, .0216, .0229},
    {1.0, .105, .0397, .0228, .0166, .0141, .0133, .0135, .0145},
    {1.0, .0952, .0329, .0174, .0118, .00943, .00844, .00819, .00846},
    {1.0, .0869, .0276, .0136, .00864, .0065, .00552, .00513, .00509},
    {1.0, .08, .0236, .0108, .00646, .00459, .00371, .00329, .00314},
    {1.0, .074, .0203, .00875, .00492, .00332, .00255, .00217, .00199, .00194},
    {1.0, .0689, .0177, .00718, .00381, .00244, .00179, .00146, .00129, .00121, .0012},
    {1.0, .0645, .0156, .00596, .003, .00183, .00128, .001, .000852, .000775, .000744},
    {1.0, .0606, .0138, .005, .00239, .00139, .000935, .000702, .000574, .000505, .00047, .000459},
    {1.0, .0571, .0123, .00423, .00193, .00107, .000692, .000499, .000394, .000335, .000302, .000287, .000284},
    {1.0, .054, .0111, .00362, .00158, .000839, .000519, .00036, .000275, .000226, .000198, .000183, .000176},
    {1.0, .0513, .00998, .00312, .0013, .000663, .000394, .000264, .000194, .000155, .000132, .000118, .000111, .000109},
    {1.0, .0488, .00906, .0027, .00108, .00053, .000303, .000196, .00014, .000108, 8.89e-5, 7.77e-5, 7.12e-5, 6.79e-5, 6.71e-5},
};
static const int BEST_K[21] = {0, 0, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 8, 9, 10, 10, 11, 12, 12, 13, 14};

static void bloom_params(double p, uint32_t *bits, uint32_t *k)
{
    if (p >= 0.283) {
        *bits = 2, *k = 2;
        return;
    }
    for (int b = 1; b < 20; b++) {
        if (PROB[b][BEST_K[b]] > p) continue;
        for (int j = BEST_K[b]; j >= 1; j--)
            if (PROB[b][j] > p) {
                *bits = (uint32_t)b, *k = (uint32_t)j + 1;
                return;
            }
        *bits = (uint32_t)b, *k = 1;
        return;
    }
    *bits = 19, *k = (uint32_t)BEST_K[19];
}

static const uint64_t SEEDS[15] = {
    13635471485423070496ull, 10336109063487487899ull, 17779957404565211594ull, 8988612159822229247ull, 4954614162757618085ull,
    12980113590177089081ull, 9263883436177860930ull, 3656772712723269762ull, 10362091744962961274ull, 7582936617938287249ull,
    15033938188484401405ull, 18286745649494826751ull, 6852245486148412312ull, 8886056245089344681ull, 10151472371158292780ull,
};

static void set_bit(uint8_t *f, uint64_t pos) { f[pos / 8] |= (uint8_t)(1u << (pos % 8)); }
static bool get_bit(const uint8_t *f, uint64_t pos) { return (f[pos / 8] >> (pos % 8)) & 1; }

/* Bits live in little-endian 64-bit words: bit pos of word pos/64 is byte pos/8, bit pos%8. */
static void bloom_add_hash(uint8_t *f, uint64_t bytes, uint64_t h, uint32_t k)
{
    for (uint32_t i = 0; i < k; i++) set_bit(f, cityhash_128to64(h, SEEDS[i]) % (8 * bytes));
}

bool mt_bloom_has_hash(const uint8_t *f, uint64_t bytes, uint64_t h, uint32_t k)
{
    for (uint32_t i = 0; i < k; i++)
        if (!get_bit(f, cityhash_128to64(h, SEEDS[i]) % (8 * bytes))) return false;
    return true;
}

/* The hash ClickHouse's bloom_filter index takes of one value: intHash64 of
 * the zero-extended bits of a number (floats as Float64), CityHash64 of a
 * string, the XOR of the halves of a 128-bit value. NULL hashes as the
 * default value. */
uint64_t mt_bloom_value_hash(const Column *c, size_t row)
{
    const DataType *t = c->type;
    if (t->kind == TYPE_NULLABLE) {
        if (col_is_null(c, row)) {
            Column *d = col_new(c->sub[0]->type);
            col_push_default(d);
            uint64_t h = mt_bloom_value_hash(d, 0);
            col_unref(d);
            return h;
        }
        return mt_bloom_value_hash(c->sub[0], row);
    }
    if (t->kind == TYPE_LOWCARDINALITY) return mt_bloom_value_hash(c->sub[0], row);
    size_t pr = col_phys(c, row);
    if (t->kind == TYPE_STRING) {
        size_t n;
        const char *s = col_str(c, row, &n);
        return cityhash64(s, n);
    }
    if (t->kind == TYPE_FIXEDSTRING) return cityhash64(c->data.data + pr * (size_t)t->p1, (size_t)t->p1);
    if (t->kind == TYPE_FLOAT32 || t->kind == TYPE_FLOAT64) {
        double d = t->kind == TYPE_FLOAT32 ? (double)((const float *)c->data.data)[pr] : ((const double *)c->data.data)[pr];
        uint64_t bits;
        memcpy(&bits, &d, 8);
        return int_hash64_raw(bits);
    }
    size_t w = (size_t)t->size;
    const unsigned char *p = (const unsigned char *)c->data.data + pr * w;
    uint64_t x = 0, part;
    if (w <= 8) {
        memcpy(&x, p, w);
        return int_hash64_raw(x);
    }
    for (size_t off = 0; off + 8 <= w; off += 8) {
        memcpy(&part, p + off, 8);
        x ^= part;
    }
    return int_hash64_raw(x);
}

/* ---- tokenbf_v1 ---- */

static bool token_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void mt_tokens(const char *s, size_t n, void (*fn)(void *ctx, const char *tok, size_t len, size_t at), void *ctx)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && !token_byte((unsigned char)s[i])) i++;
        size_t b = i;
        while (i < n && token_byte((unsigned char)s[i])) i++;
        if (i > b) fn(ctx, s + b, i - b, b);
    }
}

void mt_tokenbf_add(uint8_t *f, const MtSkipIndex *ix, const char *tok, size_t n)
{
    uint64_t h1 = cityhash64_with_seed(tok, n, ix->bf_seed);
    uint64_t h2 = cityhash64_with_seed(tok, n, 845897321ull * ix->bf_seed + 217728422ull);
    uint64_t bits = 8 * ix->bf_bytes;
    for (uint64_t i = 0; i < ix->bf_hashes; i++) set_bit(f, (h1 + i * h2 + i * i) % bits);
}

/* ---- definitions ---- */

static int literal_u64(const char *s, uint64_t *out)
{
    char *e;
    unsigned long long v = strtoull(s, &e, 10);
    if (e == s || *e || s[0] == '-') return -1;
    *out = v;
    return 0;
}

static int parse_type(MtSkipIndex *ix, const MtIndexDef *d, Err *err)
{
    const char *t = d->type_name;
    int n = d->ntype_args;
    if (!strcmp(t, "minmax")) {
        ix->kind = SKIP_MINMAX;
        if (n) return err_set(err, ERR_INCORRECT_QUERY, "MinMax index cannot have parameters");
    } else if (!strcmp(t, "set")) {
        ix->kind = SKIP_SET;
        if (n != 1 || literal_u64(d->type_args[0], &ix->set_max))
            return err_set(err, ERR_INCORRECT_QUERY, "Set index must have exactly one argument.");
    } else if (!strcmp(t, "bloom_filter")) {
        ix->kind = SKIP_BLOOM;
        double p = 0.025;
        if (n > 1) return err_set(err, ERR_INCORRECT_QUERY, "BloomFilter index cannot have more than one parameter.");
        if (n == 1) {
            char *e;
            p = strtod(d->type_args[0], &e);
            if (*e || !strchr(d->type_args[0], '.') || p < 0 || p > 1)
                return err_set(err, ERR_BAD_ARGUMENTS, "The parameter of BloomFilter index (false positive rate) must be a Float64 between 0 and 1");
        }
        bloom_params(p, &ix->bits_per_row, &ix->nhashes);
    } else if (!strcmp(t, "tokenbf_v1")) {
        ix->kind = SKIP_TOKENBF;
        if (n != 3 || literal_u64(d->type_args[0], &ix->bf_bytes) || literal_u64(d->type_args[1], &ix->bf_hashes) ||
            literal_u64(d->type_args[2], &ix->bf_seed))
            return err_set(err, ERR_INCORRECT_QUERY, "`tokenbf` index must have exactly 3 arguments.");
        if (ix->bf_bytes < 1 || ix->bf_bytes > (1u << 30) || ix->bf_hashes < 1)
            return err_set(err, ERR_BAD_ARGUMENTS, "Bad parameters of tokenbf_v1 index");
    } else {
        return err_set(err, ERR_INCORRECT_QUERY, "Unknown Index type '%s'. Available index types: annoy, bloom_filter, minmax, ngrambf_v1, set, "
                       "text, tokenbf_v1, usearch, vector_similarity", t);
    }
    Buf b = {0};
    buf_puts(&b, t);
    if (n) {
        buf_putc(&b, '(');
        for (int i = 0; i < n; i++) buf_printf(&b, "%s%s", i ? ", " : "", d->type_args[i]);
        buf_putc(&b, ')');
    }
    ix->type_full = xstrndup(b.data, b.len);
    buf_free(&b);
    ix->type_name = xstrdup(t);
    return 0;
}

static bool string_like(const DataType *t)
{
    t = type_strip_lc(t);
    if (t->kind == TYPE_NULLABLE) t = type_strip_lc(t->sub[0]);
    if (t->kind == TYPE_ARRAY) t = type_strip_lc(t->sub[0]);
    return t->kind == TYPE_STRING || t->kind == TYPE_FIXEDSTRING;
}

static int check_types(const MtSkipIndex *ix, Err *err)
{
    for (int k = 0; k < ix->key.n; k++) {
        const DataType *t = ix->key.types[k];
        if (ix->kind == SKIP_TOKENBF && !string_like(t))
            return err_set(err, ERR_BAD_ARGUMENTS, "Ngram and token bloom filter indexes can only be used with column types `String`, "
                           "`FixedString`, `LowCardinality(String)`, `LowCardinality(FixedString)`, `Array(String)` or `Array(FixedString)`: "
                           "When validating secondary index `%s`", ix->name);
        if (ix->kind == SKIP_BLOOM) {
            const DataType *b = type_strip_lc(t);
            if (b->kind == TYPE_ARRAY) {
                b = type_strip_lc(b->sub[0]);
                if (b->kind == TYPE_NULLABLE || b->kind == TYPE_ARRAY)
                    return err_set(err, ERR_BAD_ARGUMENTS, "Unexpected type %s of bloom filter index.", t->name);
            }
            if (b->kind == TYPE_NULLABLE) b = type_strip_lc(b->sub[0]);
            if (!(type_is_number(b) || b->kind == TYPE_STRING || b->kind == TYPE_FIXEDSTRING || type_is_date_or_time(b) ||
                  type_is_enum(b) || b->kind == TYPE_UUID || b->kind == TYPE_IPV4 || b->kind == TYPE_IPV6))
                return err_set(err, ERR_ILLEGAL_COLUMN, "Unexpected type %s of bloom filter index.", t->name);
        }
    }
    return 0;
}

int mt_skip_init(MtTable *mt, Table *t, QueryCtx *q, const MtDef *d, Err *err)
{
    mt->skip = xcalloc((size_t)d->nindexes + 1, sizeof *mt->skip);
    for (int i = 0; i < d->nindexes; i++) {
        const MtIndexDef *x = &d->indexes[i];
        for (int j = 0; j < i; j++)
            if (!strcmp(d->indexes[j].name, x->name)) return err_set(err, ERR_ILLEGAL_INDEX, "Duplicated index name %s is not allowed. Please use different index names.", x->name);
        MtSkipIndex *ix = &mt->skip[mt->nskip++];
        ix->name = xstrdup(x->name);
        /* a tuple of expressions is listed without its parentheses, as ClickHouse does */
        size_t el = strlen(x->expr);
        if (x->nexpr_items > 1 && el >= 2 && x->expr[0] == '(' && x->expr[el - 1] == ')') ix->expr = xstrndup(x->expr + 1, el - 2);
        else ix->expr = xstrdup(x->expr);
        ix->granularity = x->granularity;
        int rc = parse_type(ix, x, err);
        if (!rc) rc = mt_key_bind(&ix->key, t, q, x->expr_items, x->nexpr_items, err);
        if (!rc) rc = check_types(ix, err);
        if (rc) return rc;
    }
    return 0;
}

void mt_skip_free(MtTable *mt)
{
    for (int i = 0; i < mt->nskip; i++) {
        MtSkipIndex *ix = &mt->skip[i];
        free(ix->name);
        free(ix->expr);
        free(ix->type_name);
        free(ix->type_full);
        mt_key_release(&ix->key);
    }
    free(mt->skip);
    mt->skip = NULL;
    mt->nskip = 0;
}

void mt_skip_file_name(const MtSkipIndex *ix, char *out, size_t cap)
{
    Buf b = {0};
    mt_escape_name(ix->name, &b);
    snprintf(out, cap, "skp_idx_%.*s.idx", (int)b.len, b.data ? b.data : "");
    buf_free(&b);
}

bool mt_skip_reads_columns(MtTable *mt, Table *t, QueryCtx *q, const bool *cols)
{
    if (!mt->nskip) return false;
    char **names;
    const DataType **types;
    table_header(t, q, &names, &types);
    bool *used = arena_alloc(&q->arena, (size_t)t->ncols + 1);
    for (int i = 0; i < mt->nskip; i++) {
        Expr **e;
        int n;
        Err err;
        if (storage_bind(q, t->ncols, names, types, mt->skip[i].key.sql, &e, &n, &err) != 0) return true;
        for (int k = 0; k < n; k++) expr_mark_inputs(e[k], used, t->ncols);
    }
    for (int c = 0; c < t->ncols; c++)
        if (used[c] && cols[c]) return true;
    return false;
}

int mt_list_skip_indexes(Table *t, MtSkipInfo **out, int *n)
{
    MtTable *mt = t->impl;
    MtSkipInfo *r = xcalloc((size_t)mt->nskip + 1, sizeof *r);
    pthread_mutex_lock(&mt->lock);
    for (int i = 0; i < mt->nskip; i++) {
        const MtSkipIndex *ix = &mt->skip[i];
        char name[512];
        mt_skip_file_name(ix, name, sizeof name);
        r[i] = (MtSkipInfo){ix->name, ix->type_name, ix->type_full, ix->expr, ix->granularity, 0};
        for (int k = 0; k < mt->nparts; k++) {
            const MtFileSum *f = mt_part_file(mt->parts[k], name);
            if (f) r[i].bytes += f->size;
        }
    }
    pthread_mutex_unlock(&mt->lock);
    *out = r;
    *n = mt->nskip;
    return 0;
}

/* ---- building ---- */

typedef struct HashSet {   /* open addressing over u64 keys (0 stored aside) */
    uint64_t *slots;
    size_t cap, n;
    bool has_zero;
} HashSet;

static bool hs_add(HashSet *s, uint64_t h)
{
    if (!h) {
        bool fresh = !s->has_zero;
        s->has_zero = true;
        return fresh;
    }
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        uint64_t *ns = xcalloc(cap, sizeof *ns);
        for (size_t i = 0; i < s->cap; i++) {
            uint64_t v = s->slots[i];
            if (!v) continue;
            size_t j = (size_t)(v * 0x9E3779B97F4A7C15ull >> 7) & (cap - 1);
            while (ns[j]) j = (j + 1) & (cap - 1);
            ns[j] = v;
        }
        free(s->slots);
        s->slots = ns;
        s->cap = cap;
    }
    size_t j = (size_t)(h * 0x9E3779B97F4A7C15ull >> 7) & (s->cap - 1);
    while (s->slots[j]) {
        if (s->slots[j] == h) return false;
        j = (j + 1) & (s->cap - 1);
    }
    s->slots[j] = h;
    s->n++;
    return true;
}

static size_t hs_count(const HashSet *s) { return s->n + s->has_zero; }

static void hs_clear(HashSet *s)
{
    if (s->slots) memset(s->slots, 0, s->cap * sizeof *s->slots);
    s->n = 0;
    s->has_zero = false;
}

typedef struct IdxState {
    const MtSkipIndex *ix;
    int64_t cur;                 /* index granule being filled, -1 before the first */
    uint64_t done;               /* index granules closed */
    Buf out;                     /* the file body after the header */
    /* minmax */
    Column **lo, **hi;           /* finished granules */
    Column **cur_lo, **cur_hi;   /* running (1 row) */
    uint8_t *cur_flags;          /* running: per key, bit 0 value seen, bit 1 NULL seen */
    Buf flags;
    /* set */
    Buf counts;
    Column **vals;
    size_t cur_start;            /* first value row of the granule */
    HashSet seen;                /* hashes of the granule's distinct rows */
    Buf keybuf;
    uint64_t distinct;
    bool overflow;
    /* bloom: distinct value hashes per key */
    HashSet *hashes;
    /* tokenbf: the granule's filter per key */
    uint8_t *tok;
} IdxState;

struct MtSkipBuilder {
    MtTable *mt;
    IdxState *st;
    int n;
    uint64_t rows;               /* rows seen */
    uint32_t granule;            /* table granule of the next row */
    uint64_t granule_start;      /* its first row */
};

MtSkipBuilder *mt_skip_builder_new(MtTable *mt)
{
    if (!mt->nskip) return NULL;
    MtSkipBuilder *b = xcalloc(1, sizeof *b);
    b->mt = mt;
    b->n = mt->nskip;
    b->st = xcalloc((size_t)b->n, sizeof *b->st);
    for (int i = 0; i < b->n; i++) {
        IdxState *s = &b->st[i];
        const MtSkipIndex *ix = &mt->skip[i];
        int nk = ix->key.n;
        s->ix = ix;
        s->cur = -1;
        s->lo = xcalloc((size_t)nk + 1, sizeof *s->lo);
        s->hi = xcalloc((size_t)nk + 1, sizeof *s->hi);
        s->cur_lo = xcalloc((size_t)nk + 1, sizeof *s->cur_lo);
        s->cur_hi = xcalloc((size_t)nk + 1, sizeof *s->cur_hi);
        s->cur_flags = xcalloc((size_t)nk + 1, 1);
        s->vals = xcalloc((size_t)nk + 1, sizeof *s->vals);
        s->hashes = xcalloc((size_t)nk + 1, sizeof *s->hashes);
        for (int k = 0; k < nk; k++) {
            s->lo[k] = col_new(mt_skip_box_type(ix->key.types[k]));
            s->hi[k] = col_new(mt_skip_box_type(ix->key.types[k]));
            s->vals[k] = col_new(ix->key.types[k]);
        }
        if (ix->kind == SKIP_TOKENBF) s->tok = xcalloc((size_t)(ix->bf_bytes * (uint64_t)nk) + 1, 1);
    }
    return b;
}

static void close_granule(IdxState *s)
{
    const MtSkipIndex *ix = s->ix;
    int nk = ix->key.n;
    switch (ix->kind) {
    case SKIP_MINMAX: {
        for (int k = 0; k < nk; k++) {
            buf_putc(&s->flags, (char)s->cur_flags[k]);
            s->cur_flags[k] = 0;
            if (s->cur_lo[k]) {
                col_push_from(s->lo[k], s->cur_lo[k], 0);
                col_push_from(s->hi[k], s->cur_hi[k], 0);
            } else {
                col_push_default(s->lo[k]);
                col_push_default(s->hi[k]);
            }
            col_unref(s->cur_lo[k]);
            col_unref(s->cur_hi[k]);
            s->cur_lo[k] = s->cur_hi[k] = NULL;
        }
        break;
    }
    case SKIP_SET: {
        uint64_t c = s->overflow ? 0 : s->distinct;
        if (s->overflow)
            for (int k = 0; k < nk; k++) col_truncate(s->vals[k], s->cur_start);
        buf_put(&s->counts, &c, 8);
        hs_clear(&s->seen);
        s->distinct = 0;
        s->overflow = false;
        s->cur_start = nk ? s->vals[0]->rows : 0;
        break;
    }
    case SKIP_BLOOM: {
        uint64_t d = 0;
        for (int k = 0; k < nk; k++)
            if (hs_count(&s->hashes[k]) > d) d = hs_count(&s->hashes[k]);
        uint64_t bytes = (ix->bits_per_row * d + 7) / 8;
        if (!bytes) bytes = 1;
        buf_put(&s->out, &bytes, 8);
        for (int k = 0; k < nk; k++) {
            uint8_t *f = xcalloc(bytes + 8, 1);
            HashSet *h = &s->hashes[k];
            if (h->has_zero) bloom_add_hash(f, bytes, 0, ix->nhashes);
            for (size_t i = 0; i < h->cap; i++)
                if (h->slots[i]) bloom_add_hash(f, bytes, h->slots[i], ix->nhashes);
            buf_put(&s->out, f, bytes);
            free(f);
            hs_clear(h);
        }
        break;
    }
    case SKIP_TOKENBF:
        buf_put(&s->out, s->tok, ix->bf_bytes * (uint64_t)nk);
        memset(s->tok, 0, ix->bf_bytes * (uint64_t)nk);
        break;
    }
    s->done++;
}

const DataType *mt_skip_box_type(const DataType *t) { return type_strip_lc(type_strip_nullable(type_strip_lc(t))); }

/* Running min / max of column c's row r (non-NULL, Nullable stripped). */
static void minmax_row(Column **lo, Column **hi, const Column *c, size_t r)
{
    if (!*lo) {
        *lo = col_new(c->type);
        col_push_from(*lo, c, r);
        *hi = col_new(c->type);
        col_push_from(*hi, c, r);
        return;
    }
    if (col_compare(c, r, *lo, 0, 1) < 0) {
        col_truncate(*lo, 0);
        col_push_from(*lo, c, r);
    }
    if (col_compare(c, r, *hi, 0, -1) > 0) {
        col_truncate(*hi, 0);
        col_push_from(*hi, c, r);
    }
}

static bool null_at(const Column *c, size_t r)
{
    if (c->type->kind == TYPE_LOWCARDINALITY) return null_at(c->sub[0], r);
    return c->type->kind == TYPE_NULLABLE && col_is_null(c, r);
}

static void tok_add(void *ctx, const char *tok, size_t len, size_t at)
{
    void **a = ctx;
    mt_tokenbf_add(a[0], a[1], tok, len);
}

static void add_strings(IdxState *s, int k, const Column *c, size_t r)
{
    const Column *b = c;
    while (b->type->kind == TYPE_LOWCARDINALITY || b->type->kind == TYPE_NULLABLE) {
        if (col_is_null(b, r)) return;
        b = b->sub[0];
    }
    uint8_t *f = s->tok + (size_t)k * s->ix->bf_bytes;
    void *ctx[2] = {f, (void *)s->ix};
    if (b->type->kind == TYPE_ARRAY) {
        for (uint64_t e = col_off_begin(b, r); e < col_off_end(b, r); e++) add_strings(s, k, b->sub[0], (size_t)e);
        return;
    }
    size_t n;
    const char *str = col_str(b, r, &n);
    if (b->type->kind == TYPE_FIXEDSTRING) str = b->data.data + r * (size_t)b->type->p1, n = (size_t)b->type->p1;
    mt_tokens(str, n, tok_add, ctx);
}

static void add_hashes(HashSet *h, const Column *c, size_t r)
{
    const Column *b = c;
    if (b->type->kind == TYPE_LOWCARDINALITY) b = b->sub[0];
    if (b->type->kind == TYPE_ARRAY) {
        uint64_t e0 = col_off_begin(b, r), e1 = col_off_end(b, r);
        for (uint64_t e = e0; e < e1; e++) hs_add(h, mt_bloom_value_hash(b->sub[0], (size_t)e));
        return;
    }
    hs_add(h, mt_bloom_value_hash(b, r));
}

static void add_row(IdxState *s, Column **v, size_t r)
{
    const MtSkipIndex *ix = s->ix;
    int nk = ix->key.n;
    switch (ix->kind) {
    case SKIP_MINMAX:
        for (int k = 0; k < nk; k++) {
            if (null_at(v[k], r)) {
                s->cur_flags[k] |= 2;
                continue;
            }
            s->cur_flags[k] |= 1;
            const Column *c = v[k];
            if (c->type->kind == TYPE_LOWCARDINALITY) c = c->sub[0];
            if (c->type->kind == TYPE_NULLABLE) c = c->sub[0];
            minmax_row(&s->cur_lo[k], &s->cur_hi[k], c, r);
        }
        break;
    case SKIP_SET: {
        if (s->overflow) break;
        s->keybuf.len = 0;
        for (int k = 0; k < nk; k++) col_serialize_key(v[k], r, &s->keybuf);
        U128 h = cityhash128(s->keybuf.data ? s->keybuf.data : "", s->keybuf.len);
        if (!hs_add(&s->seen, h.lo ^ (h.hi * 31))) break;
        if (ix->set_max && ++s->distinct > ix->set_max) {
            s->overflow = true;
            break;
        }
        if (!ix->set_max) s->distinct++;
        for (int k = 0; k < nk; k++) col_push_from(s->vals[k], v[k], r);
        break;
    }
    case SKIP_BLOOM:
        for (int k = 0; k < nk; k++) add_hashes(&s->hashes[k], v[k], r);
        break;
    case SKIP_TOKENBF:
        for (int k = 0; k < nk; k++) add_strings(s, k, v[k], r);
        break;
    }
}

int mt_skip_builder_add(MtSkipBuilder *b, Table *t, QueryCtx *q, const Chunk *rows, const uint32_t *granules, uint32_t ngranules,
                        Err *err)
{
    if (!b || !rows->rows) return 0;
    /* the table granule of each row (granules only grow at the end) */
    uint32_t *gof = xcalloc(rows->rows, sizeof *gof);
    for (size_t r = 0; r < rows->rows; r++) {
        uint64_t row = b->rows + r;
        while (b->granule < ngranules && row >= b->granule_start + granules[b->granule]) b->granule_start += granules[b->granule++];
        gof[r] = b->granule;
    }
    b->rows += rows->rows;
    int rc = 0;
    for (int i = 0; i < b->n && !rc; i++) {
        IdxState *s = &b->st[i];
        const MtSkipIndex *ix = s->ix;
        Column **v = xcalloc((size_t)ix->key.n + 1, sizeof *v);
        rc = mt_eval_key(q, t, &ix->key, (Chunk *)rows, v, err);
        for (size_t r = 0; r < rows->rows && !rc; r++) {
            int64_t ig = (int64_t)(gof[r] / ix->granularity);
            if (ig != s->cur) {
                if (s->cur >= 0) close_granule(s);
                s->cur = ig;
            }
            add_row(s, v, r);
        }
        for (int k = 0; k < ix->key.n; k++) col_unref(v[k]);
        free(v);
    }
    free(gof);
    return rc;
}

static void state_free(IdxState *s)
{
    int nk = s->ix->key.n;
    for (int k = 0; k < nk; k++) {
        col_unref(s->lo[k]);
        col_unref(s->hi[k]);
        col_unref(s->cur_lo[k]);
        col_unref(s->cur_hi[k]);
        col_unref(s->vals[k]);
        free(s->hashes[k].slots);
    }
    free(s->lo);
    free(s->hi);
    free(s->cur_lo);
    free(s->cur_hi);
    free(s->cur_flags);
    free(s->vals);
    free(s->hashes);
    free(s->tok);
    free(s->seen.slots);
    buf_free(&s->out);
    buf_free(&s->flags);
    buf_free(&s->counts);
    buf_free(&s->keybuf);
}

void mt_skip_builder_free(MtSkipBuilder *b)
{
    if (!b) return;
    for (int i = 0; i < b->n; i++) state_free(&b->st[i]);
    free(b->st);
    free(b);
}

int mt_skip_builder_finish(MtSkipBuilder *b, MtPartWriter *w, Err *err)
{
    if (!b) return 0;
    int rc = 0;
    for (int i = 0; i < b->n && !rc; i++) {
        IdxState *s = &b->st[i];
        const MtSkipIndex *ix = s->ix;
        if (s->cur >= 0) close_granule(s);
        Buf f = {0};
        buf_put(&f, SKIP_MAGIC, 8);
        uint32_t kind = (uint32_t)ix->kind, nk = (uint32_t)ix->key.n;
        buf_put(&f, &kind, 4);
        buf_put(&f, &nk, 4);
        buf_put(&f, &s->done, 8);
        if (ix->kind == SKIP_MINMAX) {
            buf_put(&f, s->flags.data ? s->flags.data : "", s->flags.len);
            for (int k = 0; k < ix->key.n; k++) {
                mt_blob_put(s->lo[k], &f);
                mt_blob_put(s->hi[k], &f);
            }
        } else if (ix->kind == SKIP_SET) {
            buf_put(&f, s->counts.data ? s->counts.data : "", s->counts.len);
            for (int k = 0; k < ix->key.n; k++) mt_blob_put(s->vals[k], &f);
        } else {
            buf_put(&f, s->out.data ? s->out.data : "", s->out.len);
        }
        CodecChain lz4;
        codec_chain_default(&lz4);
        Buf z = {0};
        for (size_t off = 0; off < f.len && !rc; off += SKIP_FRAME) {
            size_t n = f.len - off < SKIP_FRAME ? f.len - off : SKIP_FRAME;
            rc = codec_compress(&lz4, f.data + off, n, &z, err);
        }
        char name[512];
        mt_skip_file_name(ix, name, sizeof name);
        if (!rc) rc = mt_writer_add_file(w, name, z.data, z.len, err);
        buf_free(&z);
        buf_free(&f);
    }
    mt_skip_builder_free(b);
    return rc;
}

/* ---- reading ---- */

void mt_skip_data_free(MtSkipData *d)
{
    if (!d) return;
    for (int k = 0; k < d->nkeys; k++) {
        if (d->lo) col_unref(d->lo[k]);
        if (d->hi) col_unref(d->hi[k]);
        if (d->values) col_unref(d->values[k]);
    }
    free(d->lo);
    free(d->hi);
    free(d->values);
    free(d->flags);
    free(d->counts);
    free(d->starts);
    free(d->filter_off);
    free(d->filter_bytes);
    free(d->filters);
    free(d);
}

static int bad(Err *err) { return err_set(err, ERR_CORRUPTED_DATA, "Corrupted data skipping index file"); }

int mt_skip_decode(const MtSkipIndex *ix, const char *data, size_t len, MtSkipData **out, Err *err)
{
    ByteSrc s;
    bs_init_mem(&s, data, len);
    char magic[8];
    uint32_t kind, nk;
    uint64_t g;
    if (bs_read(&s, magic, 8, err) || memcmp(magic, SKIP_MAGIC, 8) || bs_read(&s, &kind, 4, err) || bs_read(&s, &nk, 4, err) ||
        bs_read(&s, &g, 8, err) || kind != (uint32_t)ix->kind || nk != (uint32_t)ix->key.n || g > len)
        return bad(err);
    MtSkipData *d = xcalloc(1, sizeof *d);
    d->kind = ix->kind;
    d->nkeys = (int)nk;
    d->ngranules = g;
    int rc = 0;
    if (ix->kind == SKIP_MINMAX) {
        if (nk && g > len / nk) return bad(err);
        d->flags = xcalloc(g * nk + 1, 1);
        d->lo = xcalloc(nk + 1, sizeof *d->lo);
        d->hi = xcalloc(nk + 1, sizeof *d->hi);
        rc = bs_read(&s, d->flags, g * nk, err);
        for (uint32_t k = 0; k < nk && !rc; k++) {
            const DataType *bt = mt_skip_box_type(ix->key.types[k]);
            rc = mt_blob_get(bt, &s, &d->lo[k], err);
            if (!rc) rc = mt_blob_get(bt, &s, &d->hi[k], err);
            if (!rc && (d->lo[k]->rows != g || d->hi[k]->rows != g)) rc = bad(err);
        }
    } else if (ix->kind == SKIP_SET) {
        if (g > len / 8) rc = bad(err);
        d->counts = xcalloc(g + 1, sizeof *d->counts);
        d->starts = xcalloc(g + 1, sizeof *d->starts);
        d->values = xcalloc(nk + 1, sizeof *d->values);
        if (!rc) rc = bs_read(&s, d->counts, g * 8, err);
        uint64_t total = 0;
        for (uint64_t i = 0; i < g && !rc; i++) {
            d->starts[i] = total;
            if (d->counts[i] > len) rc = bad(err);
            total += d->counts[i];
        }
        for (uint32_t k = 0; k < nk && !rc; k++) {
            rc = mt_blob_get(ix->key.types[k], &s, &d->values[k], err);
            if (!rc && d->values[k]->rows != total) rc = bad(err);
        }
    } else {
        d->filter_off = xcalloc(g + 1, sizeof *d->filter_off);
        d->filter_bytes = xcalloc(g + 1, sizeof *d->filter_bytes);
        d->filters = xmalloc(len + 1);
        for (uint64_t i = 0; i < g && !rc; i++) {
            uint64_t bytes = ix->bf_bytes;
            if (ix->kind == SKIP_BLOOM) rc = bs_read(&s, &bytes, 8, err);
            if (!rc && (bytes == 0 || bytes > len || bytes * nk > (uint64_t)(s.end - s.p))) rc = bad(err);
            if (rc) break;
            d->filter_off[i] = d->filters_len;
            d->filter_bytes[i] = bytes;
            rc = bs_read(&s, d->filters + d->filters_len, bytes * nk, err);
            d->filters_len += bytes * nk;
        }
    }
    if (!rc && s.p != s.end) rc = bad(err);
    if (rc) {
        mt_skip_data_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

int mt_skip_decode_file(const MtSkipIndex *ix, const char *data, size_t len, MtSkipData **out, Err *err)
{
    Buf raw = {0};
    int rc = 0;
    for (size_t off = 0; off < len && !rc;) {
        size_t flen;
        uint32_t dsize;
        if ((rc = codec_frame_sizes(data + off, len - off, &flen, &dsize, err))) break;
        if (flen > len - off || dsize > SKIP_FRAME || dsize > SKIP_MAX_BYTES - raw.len) {   /* frames are written at most SKIP_FRAME */
            rc = bad(err);
            break;
        }
        buf_reserve(&raw, (size_t)dsize + 1);
        if ((rc = codec_decompress(data + off, flen, raw.data + raw.len, dsize, 0, err))) break;
        raw.len += dsize;
        off += flen;
    }
    if (!rc) rc = mt_skip_decode(ix, raw.data ? raw.data : "", raw.len, out, err);
    buf_free(&raw);
    return rc;
}

int mt_skip_load(const MtSkipIndex *ix, const MtPart *p, MtSkipData **out, Err *err)
{
    *out = NULL;
    char name[512], path[4096];
    mt_skip_file_name(ix, name, sizeof name);
    if (!mt_part_file(p, name)) return 0;   /* written before the index existed */
    fs_path(path, sizeof path, "%s/%s", p->dir, name);
    Buf b = {0};
    int rc = fs_read_all(path, 1u << 30, &b, err);
    if (!rc) rc = mt_part_verify_bytes(p, name, b.data ? b.data : "", b.len, err);
    if (!rc) rc = mt_skip_decode_file(ix, b.data ? b.data : "", b.len, out, err);
    buf_free(&b);
    return rc;
}
