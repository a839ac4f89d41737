/* native.c — the Native block format (see native.h). */
#include "native.h"

#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"

#define MAX_STRING ((uint64_t)1 << 30)   /* one value */
#define READ_STEP ((size_t)1 << 20)       /* memory follows the bytes that arrive */

/* ---- writing ---- */

static void put_u64(Buf *b, uint64_t v) { buf_put(b, &v, 8); }

static void put_str(Buf *b, const char *s, size_t n)
{
    buf_put_varint(b, n);
    buf_put(b, s, n);
}

/* LowCardinality key versions, depth first, before any data. */
static void write_prefix(Buf *b, const DataType *t)
{
    switch (t->kind) {
    case TYPE_LOWCARDINALITY: put_u64(b, 1); break;
    case TYPE_NULLABLE: case TYPE_ARRAY: case TYPE_MAP: case TYPE_TUPLE:
        for (int i = 0; i < t->nsub; i++) write_prefix(b, t->sub[i]);
        break;
    default: break;
    }
}

static void write_data(Buf *b, const Column *c);

/* LowCardinality: a dictionary holding the default first (for
 * LowCardinality(Nullable(T)): NULL, then the default), then every value
 * in row order; the indexes point at them. */
static void write_lowcard(Buf *b, const Column *c)
{
    const Column *full = c->sub[0];
    bool nullable = full->type->kind == TYPE_NULLABLE;
    const Column *vals = nullable ? full->sub[0] : full;
    size_t n = c->rows, first = nullable ? 2 : 1, keys = n + first;
    int width = keys <= 0x100 ? 0 : keys <= 0x10000 ? 1 : 2;
    put_u64(b, 0x600u | (unsigned)width);
    put_u64(b, keys);
    Column *dict = col_new(vals->type);
    for (size_t i = 0; i < first; i++) col_push_default(dict);
    col_push_range(dict, vals, 0, n);
    write_data(b, dict);
    col_unref(dict);
    put_u64(b, n);
    for (size_t i = 0; i < n; i++) {
        uint64_t idx = nullable && COL_NULLS(full)[i] ? 0 : i + first;
        if (width == 0) buf_putc(b, (char)idx);
        else if (width == 1) {
            uint16_t v = (uint16_t)idx;
            buf_put(b, &v, 2);
        } else {
            uint32_t v = (uint32_t)idx;
            buf_put(b, &v, 4);
        }
    }
}

static void write_data(Buf *b, const Column *c)
{
    const DataType *t = c->type;
    size_t n = c->rows;
    switch (t->kind) {
    case TYPE_STRING: case TYPE_AGGSTATE:
        for (size_t i = 0; i < n; i++) {
            size_t len;
            const char *s = col_str(c, i, &len);
            put_str(b, s, len);
        }
        return;
    case TYPE_FIXEDSTRING: buf_put(b, c->data.data, n * (size_t)t->p1); return;
    case TYPE_NULLABLE:
        buf_put(b, c->nulls.data, n);
        write_data(b, c->sub[0]);
        return;
    case TYPE_ARRAY: case TYPE_MAP:
        buf_put(b, c->offs.data, 8 * n);
        for (int k = 0; k < c->nsub; k++) write_data(b, c->sub[k]);
        return;
    case TYPE_TUPLE:
        for (int k = 0; k < c->nsub; k++) write_data(b, c->sub[k]);
        return;
    case TYPE_LOWCARDINALITY: write_lowcard(b, c); return;
    case TYPE_NOTHING:
        for (size_t i = 0; i < n; i++) buf_putc(b, '0');
        return;
    default: buf_put(b, c->data.data, n * (size_t)t->size); return;
    }
}

void native_write_block(Buf *out, int ncols, char **names, const DataType **types, const Chunk *ch)
{
    static const char INFO[] = {1, 0, 2, (char)0xff, (char)0xff, (char)0xff, (char)0xff, 0};
    buf_put(out, INFO, sizeof INFO);
    if (!ch) {
        buf_put_varint(out, 0);
        buf_put_varint(out, 0);
        return;
    }
    buf_put_varint(out, (uint64_t)ncols);
    buf_put_varint(out, ch->rows);
    for (int i = 0; i < ncols; i++) {
        put_str(out, names[i], strlen(names[i]));
        put_str(out, types[i]->name, strlen(types[i]->name));
        if (!ch->rows) continue;
        Column *c = col_materialize(ch->cols[i]);
        write_prefix(out, c->type);
        write_data(out, c);
        col_unref(c);
    }
}

/* ---- reading ---- */

static int bad(Err *err, const char *what) { return err_set(err, ERR_INCORRECT_DATA, "Cannot read Native block: %s", what); }

static int get_u64(ByteSrc *s, uint64_t *v, Err *err) { return bs_read(s, v, 8, err); }

/* n bytes appended to b, a bounded step at a time. */
static int read_bytes(ByteSrc *s, Buf *b, size_t n, Err *err)
{
    while (n) {
        size_t k = n < READ_STEP ? n : READ_STEP;
        buf_reserve(b, k);
        int rc = bs_read(s, b->data + b->len, k, err);
        if (rc) return rc;
        b->len += k;
        n -= k;
    }
    return 0;
}

static int read_prefix(ByteSrc *s, const DataType *t, Err *err)
{
    switch (t->kind) {
    case TYPE_LOWCARDINALITY: {
        uint64_t v;
        int rc = get_u64(s, &v, err);
        if (rc) return rc;
        return v == 1 ? 0 : bad(err, "unknown LowCardinality key serialization version");
    }
    case TYPE_NULLABLE: case TYPE_ARRAY: case TYPE_MAP: case TYPE_TUPLE:
        for (int i = 0; i < t->nsub; i++) {
            int rc = read_prefix(s, t->sub[i], err);
            if (rc) return rc;
        }
        return 0;
    default: return 0;
    }
}

static int read_data(ByteSrc *s, Column *c, size_t n, int depth, Err *err);

static int read_lowcard(ByteSrc *s, Column *c, size_t n, int depth, Err *err)
{
    uint64_t flags, keys, rows;
    int rc = get_u64(s, &flags, err);
    if (!rc) rc = get_u64(s, &keys, err);
    if (rc) return rc;
    unsigned width = (unsigned)(flags & 0xff);
    if (width > 3 || (flags & ~(uint64_t)0x7ff)) return bad(err, "bad LowCardinality flags");
    if (keys > NATIVE_MAX_ROWS) return bad(err, "too many LowCardinality keys");
    Column *full = c->sub[0];
    bool nullable = full->type->kind == TYPE_NULLABLE;
    Column *dict = col_new(nullable ? full->type->sub[0] : full->type);
    if ((rc = read_data(s, dict, (size_t)keys, depth + 1, err)) || (rc = get_u64(s, &rows, err))) goto done;
    if (rows != n) {
        rc = bad(err, "LowCardinality row count differs from the block's");
        goto done;
    }
    size_t w = (size_t)1 << width;
    for (size_t i = 0; i < n && !rc; i++) {
        uint64_t idx = 0;
        if ((rc = bs_read(s, &idx, w, err))) break;
        if (idx >= keys) {
            rc = bad(err, "LowCardinality index out of range");
            break;
        }
        if (nullable && idx == 0) {
            col_push_null(full);
        } else if (nullable) {
            col_push_from(full->sub[0], dict, (size_t)idx);
            col_nullable_commit(full, false);
        } else {
            col_push_from(full, dict, (size_t)idx);
        }
    }
    if (!rc) c->rows += n;
done:
    col_unref(dict);
    return rc;
}

static int read_data(ByteSrc *s, Column *c, size_t n, int depth, Err *err)
{
    if (depth > 32) return bad(err, "types nested too deeply");
    const DataType *t = c->type;
    int rc = 0;
    buf_reserve(&c->data, 1);   /* never a NULL buffer, even for empty values */
    buf_reserve(&c->offs, 8);
    switch (t->kind) {
    case TYPE_STRING:
        for (size_t i = 0; i < n && !rc; i++) {
            uint64_t len;
            if ((rc = bs_varint(s, &len, err))) break;
            if (len > MAX_STRING) return bad(err, "string too long");
            if ((rc = read_bytes(s, &c->data, (size_t)len, err))) break;
            uint64_t end = c->data.len;
            buf_put(&c->offs, &end, 8);
            c->rows++;
        }
        return rc;
    case TYPE_FIXEDSTRING:
        if ((rc = read_bytes(s, &c->data, n * (size_t)t->p1, err))) return rc;
        c->rows += n;
        return 0;
    case TYPE_NULLABLE:
        if ((rc = read_bytes(s, &c->nulls, n, err))) return rc;
        for (size_t i = 0; i < n; i++)
            if (c->nulls.data[c->nulls.len - n + i] > 1) return bad(err, "null map byte other than 0 or 1");
        if ((rc = read_data(s, c->sub[0], n, depth + 1, err))) return rc;
        c->rows += n;
        return 0;
    case TYPE_ARRAY: case TYPE_MAP: {
        size_t base = c->offs.len;
        if ((rc = read_bytes(s, &c->offs, 8 * n, err))) return rc;
        const uint64_t *o = (const uint64_t *)(const void *)(c->offs.data + base);
        uint64_t prev = 0;
        for (size_t i = 0; i < n; i++) {
            if (o[i] < prev) return bad(err, "array offsets go backwards");
            prev = o[i];
        }
        if (prev > NATIVE_MAX_ROWS) return bad(err, "too many array elements");
        for (int k = 0; k < c->nsub && !rc; k++) rc = read_data(s, c->sub[k], (size_t)prev, depth + 1, err);
        if (!rc) c->rows += n;
        return rc;
    }
    case TYPE_TUPLE:
        for (int k = 0; k < c->nsub && !rc; k++) rc = read_data(s, c->sub[k], n, depth + 1, err);
        if (!rc) c->rows += n;
        return rc;
    case TYPE_LOWCARDINALITY: return read_lowcard(s, c, n, depth, err);
    case TYPE_NOTHING: {
        Buf skip = {0};
        rc = read_bytes(s, &skip, n, err);
        buf_free(&skip);
        if (!rc) c->rows += n;
        return rc;
    }
    case TYPE_AGGSTATE: return err_set(err, ERR_NOT_IMPLEMENTED, "AggregateFunction columns are not supported in Native blocks yet");
    default:
        if (t->size <= 0) return bad(err, "unsupported type");
        if ((rc = read_bytes(s, &c->data, n * (size_t)t->size, err))) return rc;
        c->rows += n;
        return 0;
    }
}

static int read_string(ByteSrc *s, Arena *a, size_t max, char **out, Err *err)
{
    uint64_t len;
    int rc = bs_varint(s, &len, err);
    if (rc) return rc;
    if (len > max) return bad(err, "name too long");
    char *p = arena_alloc(a, (size_t)len + 1);
    if ((rc = bs_read(s, p, (size_t)len, err))) return rc;
    *out = p;
    return 0;
}

static int read_info(ByteSrc *s, Err *err)
{
    for (;;) {
        uint64_t field;
        int rc = bs_varint(s, &field, err);
        if (rc) return rc;
        if (field == 0) return 0;
        char skip[4];
        if (field == 1) rc = bs_read(s, skip, 1, err);
        else if (field == 2) rc = bs_read(s, skip, 4, err);
        else return bad(err, "unknown BlockInfo field");
        if (rc) return rc;
    }
}

int native_read_block(ByteSrc *src, Arena *a, Chunk **out, char ***names, const DataType ***types, Err *err)
{
    *out = NULL;
    uint64_t ncols, nrows;
    int rc = read_info(src, err);
    if (!rc) rc = bs_varint(src, &ncols, err);
    if (!rc) rc = bs_varint(src, &nrows, err);
    if (rc) return rc;
    if (ncols > NATIVE_MAX_COLUMNS || nrows > NATIVE_MAX_ROWS) return bad(err, "too many columns or rows");
    *names = arena_alloc(a, sizeof **names * (size_t)(ncols + 1));
    *types = arena_alloc(a, sizeof **types * (size_t)(ncols + 1));
    if (ncols == 0 && nrows != 0)   /* rows no column holds would be believed unchecked */
        return err_set(err, ERR_INCORRECT_DATA, "Zero columns but %llu rows in Native format.", (unsigned long long)nrows);
    if (ncols == 0) return 0;
    Chunk *ch = chunk_new((int)ncols, (size_t)nrows);
    for (size_t i = 0; i < ncols && !rc; i++) {
        char *tname;
        if ((rc = read_string(src, a, 1 << 20, &(*names)[i], err)) || (rc = read_string(src, a, 1 << 16, &tname, err))) break;
        if ((rc = type_parse(tname, &(*types)[i], err))) break;
        ch->cols[i] = col_new((*types)[i]);
        if (nrows && ((rc = read_prefix(src, (*types)[i], err)) || (rc = read_data(src, ch->cols[i], (size_t)nrows, 0, err)))) break;
    }
    if (rc) {
        for (size_t i = 0; i < ncols; i++)
            if (!ch->cols[i]) ch->cols[i] = col_new(type_basic(TYPE_UINT8));
        chunk_free(ch);
        return rc;
    }
    *out = ch;
    return 0;
}
