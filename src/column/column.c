/* column.c — column construction, row copies, gather/filter/slice, chunks.
 *
 * Generic code over the layouts described in column.h. Fixed-width columns
 * take memcpy paths; composites recurse into their sub-columns. Nothing here
 * interprets values beyond their layout; comparison and hashing live in
 * column_cmp.c.
 */
#include "column.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"

Column *col_new(const DataType *t)
{
    Column *c = mem_calloc(sizeof *c);
    c->refs = 1;
    c->type = t;
    switch (t->kind) {
    case TYPE_NULLABLE: case TYPE_ARRAY: case TYPE_LOWCARDINALITY: case TYPE_MAP: case TYPE_TUPLE:
        c->nsub = t->nsub;
        c->sub = mem_calloc(sizeof *c->sub * (size_t)(t->nsub ? t->nsub : 1));
        for (int i = 0; i < t->nsub; i++) c->sub[i] = col_new(t->sub[i]);
        break;
    default:
        break;
    }
    return c;
}

Column *col_ref(Column *c)
{
    __atomic_add_fetch(&c->refs, 1, __ATOMIC_RELAXED);
    return c;
}

void col_unref(Column *c)
{
    if (!c) return;
    if (__atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL) > 0) return;
    buf_free(&c->data);
    buf_free(&c->offs);
    buf_free(&c->nulls);
    for (int i = 0; i < c->nsub; i++) col_unref(c->sub[i]);
    if (c->sub) mem_free(c->sub, sizeof *c->sub * (size_t)(c->nsub ? c->nsub : 1));
    mem_free(c, sizeof *c);
}

Column *col_clone_empty(const Column *c)
{
    return col_new(c->type);
}

static void push_off(Buf *offs, uint64_t v)
{
    *(uint64_t *)buf_extend(offs, 8) = v;
}

void col_push_str(Column *c, const char *s, size_t n)
{
    if (c->type->kind == TYPE_FIXEDSTRING) {
        size_t w = (size_t)c->type->p1;
        char *d = buf_extend(&c->data, w);
        size_t k = n < w ? n : w;
        if (k) memcpy(d, s, k);
        memset(d + k, 0, w - k);
    } else {
        buf_put(&c->data, s, n);
        push_off(&c->offs, c->data.len);
    }
    c->rows++;
}

void col_push_fixed(Column *c, const void *v)
{
    buf_put(&c->data, v, (size_t)c->type->size);
    c->rows++;
}

void col_close_array(Column *c)
{
    push_off(&c->offs, c->sub[0]->rows);
    c->rows++;
}

void col_nullable_commit(Column *c, bool is_null)
{
    buf_putc(&c->nulls, is_null ? 1 : 0);
    c->rows++;
}

void col_push_null(Column *c)
{
    col_push_default(c->sub[0]);
    col_nullable_commit(c, true);
}

void col_push_default(Column *c)
{
    const DataType *t = c->type;
    switch (t->kind) {
    case TYPE_STRING: case TYPE_AGGSTATE:
        col_push_str(c, "", 0);
        return;
    case TYPE_FIXEDSTRING:
        col_push_str(c, "", 0);
        return;
    case TYPE_NULLABLE:
        col_push_null(c);
        return;
    case TYPE_ARRAY:
        col_close_array(c);
        return;
    case TYPE_MAP:
        push_off(&c->offs, c->sub[0]->rows);
        c->rows++;
        return;
    case TYPE_TUPLE:
        for (int i = 0; i < c->nsub; i++) col_push_default(c->sub[i]);
        c->rows++;
        return;
    case TYPE_LOWCARDINALITY:
        col_push_default(c->sub[0]);
        c->rows++;
        return;
    case TYPE_ENUM8: {
        int8_t v = t->nenum ? (int8_t)t->enum_values[0] : 0;
        col_push_fixed(c, &v);
        return;
    }
    case TYPE_ENUM16: {
        int16_t v = t->nenum ? t->enum_values[0] : 0;
        col_push_fixed(c, &v);
        return;
    }
    default: {
        char *d = buf_extend(&c->data, (size_t)t->size);
        memset(d, 0, (size_t)t->size);
        c->rows++;
        return;
    }
    }
}

/* buf_put for the short copies merges make run after run (no libc call
 * below 16 bytes: overlapping fixed-size moves). */
static inline void buf_put_short(Buf *b, const void *src, size_t n)
{
    if (n > 16) {
        buf_put(b, src, n);
        return;
    }
    buf_reserve(b, 16);
    char *d = b->data + b->len;
    const char *s = src;
    if (n >= 8) {
        uint64_t x, y;
        memcpy(&x, s, 8);
        memcpy(&y, s + n - 8, 8);
        memcpy(d, &x, 8);
        memcpy(d + n - 8, &y, 8);
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        memcpy(d, &x, 4);
        memcpy(d + n - 4, &y, 4);
    } else {
        for (size_t i = 0; i < n; i++) d[i] = s[i];
    }
    b->len += n;
}

void col_push_range(Column *dst, const Column *src, size_t from, size_t n)
{
    if (n == 0) return;
    if (src->is_const) {
        for (size_t i = 0; i < n; i++) col_push_from(dst, src, 0);
        return;
    }
    const DataType *t = src->type;
    switch (t->kind) {
    case TYPE_STRING: case TYPE_AGGSTATE: {
        uint64_t b = col_off_begin(src, from), e = COL_OFFS(src)[from + n - 1];
        uint64_t base = dst->data.len;
        buf_put_short(&dst->data, src->data.data + b, e - b);
        uint64_t *o = buf_extend(&dst->offs, 8 * n);
        for (size_t i = 0; i < n; i++) o[i] = COL_OFFS(src)[from + i] - b + base;
        break;
    }
    case TYPE_FIXEDSTRING:
        buf_put_short(&dst->data, src->data.data + from * (size_t)t->p1, n * (size_t)t->p1);
        break;
    case TYPE_NULLABLE:
        buf_put_short(&dst->nulls, src->nulls.data + from, n);
        col_push_range(dst->sub[0], src->sub[0], from, n);
        break;
    case TYPE_ARRAY: case TYPE_MAP: {
        uint64_t b = col_off_begin(src, from), e = COL_OFFS(src)[from + n - 1];
        uint64_t base = dst->sub[0]->rows;
        for (int k = 0; k < src->nsub; k++) col_push_range(dst->sub[k], src->sub[k], b, e - b);
        uint64_t *o = buf_extend(&dst->offs, 8 * n);
        for (size_t i = 0; i < n; i++) o[i] = COL_OFFS(src)[from + i] - b + base;
        break;
    }
    case TYPE_TUPLE: case TYPE_LOWCARDINALITY:
        for (int k = 0; k < src->nsub; k++) col_push_range(dst->sub[k], src->sub[k], from, n);
        break;
    default:
        buf_put_short(&dst->data, src->data.data + from * (size_t)t->size, n * (size_t)t->size);
        break;
    }
    dst->rows += n;
}

void col_push_from(Column *dst, const Column *src, size_t row)
{
    row = col_phys(src, row);
    const DataType *t = src->type;
    switch (t->kind) {
    case TYPE_STRING: case TYPE_AGGSTATE: {
        size_t n;
        const char *s = col_str(src, row, &n);
        col_push_str(dst, s, n);
        return;
    }
    case TYPE_NULLABLE:
        col_push_from(dst->sub[0], src->sub[0], row);
        col_nullable_commit(dst, COL_NULLS(src)[row] != 0);
        return;
    case TYPE_ARRAY: case TYPE_MAP: {
        uint64_t b = col_off_begin(src, row), e = COL_OFFS(src)[row];
        for (int k = 0; k < src->nsub; k++) col_push_range(dst->sub[k], src->sub[k], b, e - b);
        push_off(&dst->offs, dst->sub[0]->rows);
        dst->rows++;
        return;
    }
    case TYPE_TUPLE: case TYPE_LOWCARDINALITY:
        for (int k = 0; k < src->nsub; k++) col_push_from(dst->sub[k], src->sub[k], row);
        dst->rows++;
        return;
    case TYPE_FIXEDSTRING:
    default: {
        size_t w = t->kind == TYPE_FIXEDSTRING ? (size_t)t->p1 : (size_t)t->size;
        const char *v = src->data.data + row * w;
        buf_reserve(&dst->data, w);
        char *o = dst->data.data + dst->data.len;
        switch (w) {   /* constant sizes: inlined moves, not a memcpy call per value */
        case 1: *o = *v; break;
        case 2: memcpy(o, v, 2); break;
        case 4: memcpy(o, v, 4); break;
        case 8: memcpy(o, v, 8); break;
        case 16: memcpy(o, v, 16); break;
        default: memcpy(o, v, w); break;
        }
        dst->data.len += w;
        dst->rows++;
        return;
    }
    }
}

void col_reserve(Column *c, size_t rows)
{
    if (c->type->size > 0) buf_reserve(&c->data, rows * (size_t)c->type->size);
    if (type_is_bytes(c->type) || c->type->kind == TYPE_ARRAY || c->type->kind == TYPE_MAP)
        buf_reserve(&c->offs, rows * 8);
    if (c->type->kind == TYPE_NULLABLE) {
        buf_reserve(&c->nulls, rows);
        col_reserve(c->sub[0], rows);
    }
}

void col_truncate(Column *c, size_t rows)
{
    if (rows >= c->rows) return;
    const DataType *t = c->type;
    switch (t->kind) {
    case TYPE_STRING: case TYPE_AGGSTATE:
        c->data.len = rows ? COL_OFFS(c)[rows - 1] : 0;
        c->offs.len = rows * 8;
        break;
    case TYPE_FIXEDSTRING:
        c->data.len = rows * (size_t)t->p1;
        break;
    case TYPE_NULLABLE:
        c->nulls.len = rows;
        col_truncate(c->sub[0], rows);
        break;
    case TYPE_ARRAY: case TYPE_MAP: {
        uint64_t e = rows ? COL_OFFS(c)[rows - 1] : 0;
        for (int k = 0; k < c->nsub; k++) col_truncate(c->sub[k], e);
        c->offs.len = rows * 8;
        break;
    }
    case TYPE_TUPLE: case TYPE_LOWCARDINALITY:
        for (int k = 0; k < c->nsub; k++) col_truncate(c->sub[k], rows);
        break;
    default:
        c->data.len = rows * (size_t)t->size;
        break;
    }
    c->rows = rows;
}

void col_pop(Column *c)
{
    if (c->rows) col_truncate(c, c->rows - 1);
}

Column *col_const_of(const Column *one, size_t row, size_t rows)
{
    Column *c = col_new(one->type);
    col_push_from(c, one, row);
    c->is_const = true;
    c->rows = rows;
    return c;
}

Column *col_const_default(const DataType *t, size_t rows)
{
    Column *one = col_new(t);
    col_push_default(one);
    Column *c = col_const_of(one, 0, rows);
    col_unref(one);
    return c;
}

Column *col_materialize(Column *c)
{
    if (!c->is_const) return col_ref(c);
    Column *m = col_new(c->type);
    col_reserve(m, c->rows);
    for (size_t i = 0; i < c->rows; i++) col_push_from(m, c, 0);
    return m;
}

Column *col_gather(const Column *c, const uint32_t *idx, size_t n)
{
    Column *d = col_new(c->type);
    if (c->is_const) {
        if (n) {
            col_push_from(d, c, 0);
            d->is_const = true;
        }
        d->rows = n;
        return d;
    }
    const DataType *t = c->type;
    if (t->size > 0 || t->kind == TYPE_FIXEDSTRING) {
        size_t w = t->kind == TYPE_FIXEDSTRING ? (size_t)t->p1 : (size_t)t->size;
        char *out = buf_extend(&d->data, n * w);
        const char *in = c->data.data;
        switch (w) {
        case 1: for (size_t i = 0; i < n; i++) out[i] = in[idx[i]]; break;
        case 2: for (size_t i = 0; i < n; i++) ((uint16_t *)(void *)out)[i] = ((const uint16_t *)(const void *)in)[idx[i]]; break;
        case 4: for (size_t i = 0; i < n; i++) ((uint32_t *)(void *)out)[i] = ((const uint32_t *)(const void *)in)[idx[i]]; break;
        case 8: for (size_t i = 0; i < n; i++) ((uint64_t *)(void *)out)[i] = ((const uint64_t *)(const void *)in)[idx[i]]; break;
        default: for (size_t i = 0; i < n; i++) memcpy(out + i * w, in + idx[i] * w, w); break;
        }
        d->rows = n;
        return d;
    }
    if (t->kind == TYPE_NULLABLE) {
        uint8_t *nm = buf_extend(&d->nulls, n);
        for (size_t i = 0; i < n; i++) nm[i] = COL_NULLS(c)[idx[i]];
        col_unref(d->sub[0]);
        d->sub[0] = col_gather(c->sub[0], idx, n);
        d->rows = n;
        return d;
    }
    if (t->kind == TYPE_TUPLE || t->kind == TYPE_LOWCARDINALITY) {
        for (int k = 0; k < c->nsub; k++) {
            col_unref(d->sub[k]);
            d->sub[k] = col_gather(c->sub[k], idx, n);
        }
        d->rows = n;
        return d;
    }
    if (type_is_bytes(t)) {   /* sizes first, then one copy per row */
        const uint64_t *offs = COL_OFFS(c);
        uint64_t total = 0;
        for (size_t i = 0; i < n; i++) total += offs[idx[i]] - (idx[i] ? offs[idx[i] - 1] : 0);
        char *out = buf_extend(&d->data, (size_t)total);
        uint64_t *doffs = buf_extend(&d->offs, n * 8);
        uint64_t at = 0;
        for (size_t i = 0; i < n; i++) {
            uint64_t b = idx[i] ? offs[idx[i] - 1] : 0, len = offs[idx[i]] - b;
            if (len) memcpy(out + at, c->data.data + b, (size_t)len);
            at += len;
            doffs[i] = at;
        }
        d->rows = n;
        return d;
    }
    col_reserve(d, n);
    for (size_t i = 0; i < n; i++) col_push_from(d, c, idx[i]);
    return d;
}

size_t col_mask_from_bytes(const uint8_t *restrict d, size_t rows, uint8_t *restrict mask)
{
    size_t kept = 0;
    for (size_t at = 0; at < rows; at += 255) {   /* blocks of 255: the count stays in byte lanes */
        size_t n = rows - at < 255 ? rows - at : 255;
        uint8_t block = 0;
        for (size_t i = 0; i < n; i++) {
            uint8_t m = d[at + i] != 0;
            mask[at + i] = m;
            block += m;
        }
        kept += block;
    }
    return kept;
}

/* Compaction of fixed-width values by a mask (nonzero: kept), eight rows at a time:
 * eight dropped rows cost one test, eight kept ones one copy, and mixed
 * ones are copied without branches (out needs room for 7 more values). */
#define FILTER_FIXED(NAME, T)                                                                   \
    static void NAME(const T *restrict in, size_t n, const uint8_t *restrict mask, T *restrict out) \
    {                                                                                           \
        size_t i = 0, k = 0;                                                                    \
        for (; i + 8 <= n; i += 8) {                                                            \
            uint64_t m;                                                                         \
            memcpy(&m, mask + i, 8);                                                            \
            if (m == 0) continue;                                                               \
            if (m == 0x0101010101010101ull) {                                                   \
                memcpy(out + k, in + i, 8 * sizeof(T));                                         \
                k += 8;                                                                         \
                continue;                                                                       \
            }                                                                                   \
            for (size_t j = 0; j < 8; j++) {                                                    \
                out[k] = in[i + j];                                                             \
                k += mask[i + j] != 0;                                                          \
            }                                                                                   \
        }                                                                                       \
        for (; i < n; i++)                                                                      \
            if (mask[i]) out[k++] = in[i];                                                      \
    }
FILTER_FIXED(filter_u8, uint8_t)
FILTER_FIXED(filter_u16, uint16_t)
FILTER_FIXED(filter_u32, uint32_t)
FILTER_FIXED(filter_u64, uint64_t)

Column *col_filter(const Column *c, const uint8_t *mask, size_t kept)
{
    if (c->is_const) return col_const_of(c, 0, kept);
    int w = c->type->size;
    if (!c->is_const && (w == 1 || w == 2 || w == 4 || w == 8) && c->type->kind != TYPE_NOTHING) {
        /* fixed-width values: compact in one pass, no index array */
        Column *d = col_new(c->type);
        buf_reserve(&d->data, (kept + 8) * (size_t)w);   /* the branch-free loop writes up to 7 past the end */
        d->data.len = kept * (size_t)w;
        switch (w) {
        case 1: filter_u8((const uint8_t *)c->data.data, c->rows, mask, (uint8_t *)d->data.data); break;
        case 2: filter_u16((const uint16_t *)(const void *)c->data.data, c->rows, mask, (uint16_t *)(void *)d->data.data); break;
        case 4: filter_u32((const uint32_t *)(const void *)c->data.data, c->rows, mask, (uint32_t *)(void *)d->data.data); break;
        default: filter_u64((const uint64_t *)(const void *)c->data.data, c->rows, mask, (uint64_t *)(void *)d->data.data); break;
        }
        d->rows = kept;
        return d;
    }
    uint32_t *idx = mem_alloc(sizeof *idx * (kept ? kept : 1));
    size_t k = 0;
    for (size_t i = 0; i < c->rows && k < kept; i++)
        if (mask[i]) idx[k++] = (uint32_t)i;
    Column *r = col_gather(c, idx, k);
    mem_free(idx, sizeof *idx * (kept ? kept : 1));
    return r;
}

Column *col_unshare(Column *c)
{
    if (!c->is_const && c->refs == 1) return c;
    Column *d;
    if (c->is_const) {
        d = col_materialize(c);
    } else {
        d = col_new(c->type);
        col_push_range(d, c, 0, c->rows);
    }
    col_unref(c);
    return d;
}

Column *col_slice(const Column *c, size_t from, size_t n)
{
    if (c->is_const) {
        Column *d = col_const_of(c, 0, n);
        return d;
    }
    Column *d = col_new(c->type);
    col_push_range(d, c, from, n);
    return d;
}

Column *col_replicate(const Column *c, const uint64_t *end_offsets)
{
    size_t total = c->rows ? end_offsets[c->rows - 1] : 0;
    if (c->is_const) return col_const_of(c, 0, total);
    uint32_t *idx = mem_alloc(sizeof *idx * (total ? total : 1));
    size_t k = 0;
    for (size_t i = 0; i < c->rows; i++)
        for (uint64_t j = i ? end_offsets[i - 1] : 0; j < end_offsets[i]; j++) idx[k++] = (uint32_t)i;
    Column *r = col_gather(c, idx, total);
    mem_free(idx, sizeof *idx * (total ? total : 1));
    return r;
}

Column *col_concat(Column **parts, int n)
{
    Column *d = col_new(parts[0]->type);
    for (int i = 0; i < n; i++) col_push_range(d, parts[i], 0, parts[i]->rows);
    return d;
}

Column *col_wrap_nullable(Column *c, const uint8_t *nulls)
{
    Column *d = col_new(type_nullable(c->type));
    col_unref(d->sub[0]);
    d->sub[0] = col_materialize(c);
    d->rows = c->rows;
    uint8_t *nm = buf_extend(&d->nulls, c->rows);
    if (nulls) memcpy(nm, nulls, c->rows);
    else memset(nm, 0, c->rows);
    return d;
}

Column *col_retag(Column *c, const DataType *t)
{
    Column *d = mem_calloc(sizeof *d);
    d->refs = 1;
    d->type = t;
    d->rows = c->rows;
    d->is_const = c->is_const;
    /* Share nothing: copy buffers (retagging is rare and off the hot path). */
    buf_put(&d->data, c->data.data, c->data.len);
    buf_put(&d->offs, c->offs.data, c->offs.len);
    buf_put(&d->nulls, c->nulls.data, c->nulls.len);
    d->nsub = t->nsub;
    if (d->nsub) {
        d->sub = mem_calloc(sizeof *d->sub * (size_t)d->nsub);
        for (int i = 0; i < d->nsub; i++) d->sub[i] = col_retag(c->sub[i], t->sub[i]);
    }
    return d;
}

size_t col_bytes(const Column *c)
{
    size_t n = c->data.len + c->offs.len + c->nulls.len;
    for (int i = 0; i < c->nsub; i++) n += col_bytes(c->sub[i]);
    return n;
}

Chunk *chunk_new(int ncols, size_t rows)
{
    Chunk *ch = mem_calloc(sizeof *ch);
    ch->ncols = ncols;
    ch->rows = rows;
    ch->cols = mem_calloc(sizeof *ch->cols * (size_t)(ncols ? ncols : 1));
    return ch;
}

void chunk_free(Chunk *ch)
{
    if (!ch) return;
    for (int i = 0; i < ch->ncols; i++) col_unref(ch->cols[i]);
    mem_free(ch->cols, sizeof *ch->cols * (size_t)(ch->ncols ? ch->ncols : 1));
    mem_free(ch, sizeof *ch);
}

size_t chunk_bytes(const Chunk *ch)
{
    size_t n = 0;
    for (int i = 0; i < ch->ncols; i++) n += col_bytes(ch->cols[i]);
    return n;
}
