/* column.h — columns and chunks: the unit of data that flows between operators.
 *
 * Layout follows ClickHouse, because the Native format and MergeTree files use it:
 *   fixed-width scalars (numbers, Bool, Date*, DateTime*, Decimal*, UUID, IPv*,
 *     Enum*, Interval, Nothing): `data` holds rows * type->size bytes;
 *   String: `data` holds the bytes back to back, `offs` the uint64 end offset of
 *     each row (row i is data[offs[i-1] .. offs[i]));
 *   FixedString(N): `data` holds rows * N bytes;
 *   Nullable(T): `nulls` holds one byte per row (1 = NULL), sub[0] is the T
 *     column with a default value at NULL rows;
 *   Array(T): `offs` holds end offsets into sub[0];
 *   Map(K, V): `offs` as Array, sub[0] keys and sub[1] values;
 *   Tuple(...): sub[i] per element, each with `rows` rows;
 *   LowCardinality(T): sub[0] is the full T column (the dictionary encoding is
 *     a storage/wire concern; in memory it is transparent).
 * A constant column (`is_const`) holds one physical row standing for `rows`
 * logical rows. Columns are reference-counted and immutable once handed to
 * another operator; buffers are charged to the current query's MemTracker.
 */
#ifndef BASALT_COLUMN_H
#define BASALT_COLUMN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/err.h"
#include "type.h"

typedef unsigned __int128 u128;
typedef __int128 i128;

typedef struct Column Column;
struct Column {
    int refs;
    bool is_const;
    const DataType *type;
    size_t rows;
    Buf data;
    Buf offs;      /* uint64 end offsets: String, Array, Map */
    Buf nulls;     /* uint8 per row: Nullable */
    int nsub;
    Column **sub;
};

typedef struct Chunk {
    int ncols;
    size_t rows;
    Column **cols;
} Chunk;

/* ---- lifetime ---- */
Column *col_new(const DataType *t);                 /* empty, refs = 1 */
Column *col_ref(Column *c);                        /* returns c */
void col_unref(Column *c);                         /* NULL-safe */
Column *col_clone_empty(const Column *c);          /* same type, no rows */

/* ---- typed access (no bounds checks; callers own the indexes) ---- */
#define COL_DATA(c, T) ((T *)(void *)(c)->data.data)
#define COL_OFFS(c) ((uint64_t *)(void *)(c)->offs.data)
#define COL_NULLS(c) ((uint8_t *)(c)->nulls.data)

static inline size_t col_phys(const Column *c, size_t row) { return c->is_const ? 0 : row; }
static inline uint64_t col_off_begin(const Column *c, size_t i) { return i ? COL_OFFS(c)[i - 1] : 0; }
static inline uint64_t col_off_end(const Column *c, size_t i) { return COL_OFFS(c)[i]; }

/* String / FixedString value of logical row i. */
static inline const char *col_str(const Column *c, size_t i, size_t *len)
{
    i = col_phys(c, i);
    if (c->type->kind == TYPE_FIXEDSTRING) {
        *len = (size_t)c->type->p1;
        return c->data.data + i * (size_t)c->type->p1;
    }
    uint64_t b = col_off_begin(c, i);
    *len = (size_t)(COL_OFFS(c)[i] - b);
    return c->data.data + b;
}

/* True if logical row i of a Nullable column is NULL (false for non-Nullable). */
static inline bool col_is_null(const Column *c, size_t i)
{
    return c->type->kind == TYPE_NULLABLE && COL_NULLS(c)[col_phys(c, i)];
}

/* ---- building ---- */
void col_push_str(Column *c, const char *s, size_t n);    /* String or FixedString (padded) */
void col_push_fixed(Column *c, const void *v);             /* one value of type->size bytes */
void col_push_default(Column *c);                          /* 0, '', [], (defaults), NULL->not null default */
void col_push_null(Column *c);                             /* Nullable only: NULL */
void col_push_from(Column *dst, const Column *src, size_t row);   /* same type; src may be const */
void col_push_range(Column *dst, const Column *src, size_t from, size_t n);
/* Closes a row of an Array/Map whose elements were pushed into sub[]. */
void col_close_array(Column *c);
/* Marks the last pushed Nullable row (pushed into sub[0]) as not null / null. */
void col_nullable_commit(Column *c, bool is_null);
void col_reserve(Column *c, size_t rows);
/* Removes the last row (used by parsers on failure). */
void col_pop(Column *c);
void col_truncate(Column *c, size_t rows);

/* Integer-like types (ints up to 64 bits, Bool, dates, DateTime, Enum,
 * IPv4) whose values a hash table can take as raw bits: their width, else 0. */
static inline int col_int_width(const DataType *t)
{
    switch (t->kind) {
    case TYPE_UINT8: case TYPE_UINT16: case TYPE_UINT32: case TYPE_UINT64: case TYPE_INT8: case TYPE_INT16: case TYPE_INT32:
    case TYPE_INT64: case TYPE_DATE: case TYPE_DATE32: case TYPE_DATETIME: case TYPE_BOOL: case TYPE_ENUM8: case TYPE_ENUM16:
    case TYPE_IPV4:
        return t->size;
    default:
        return 0;
    }
}

/* The bits of row `row` of such a column (width w), zero-extended. */
static inline uint64_t col_int_bits(const Column *c, size_t row, int w)
{
    const char *p = c->data.data + col_phys(c, row) * (size_t)w;
    switch (w) {
    case 1: return *(const uint8_t *)p;
    case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

/* Appends n bytes (n = the type's width) as one value: inlined, so hot
 * loops get a constant-size copy. */
static inline void col_push_n(Column *c, const void *v, size_t n)
{
    buf_reserve(&c->data, n);
    memcpy(c->data.data + c->data.len, v, n);
    c->data.len += n;
    c->rows++;
}
#define COL_PUSH(c, T, v)                                                                            \
    do {                                                                                             \
        Column *_c = (c);                                                                            \
        T _v = (v);                                                                                  \
        if (sizeof(T) == (size_t)_c->type->size) col_push_n(_c, &_v, sizeof(T));                    \
        else col_push_fixed(_c, &_v);                                                                \
    } while (0)

/* ---- derived columns (return a new column, refs = 1) ---- */
Column *col_const_of(const Column *one, size_t row, size_t rows);
/* A constant column of rows rows holding t's default value (a stand-in for a column nobody reads). */
Column *col_const_default(const DataType *t, size_t rows);   /* const column of src[row] */
Column *col_materialize(Column *c);        /* non-const column; returns a new ref if already full */
/* Takes ownership of c and returns a full column nobody else references
 * (c itself when unshared), safe to modify in place. */
Column *col_unshare(Column *c);
Column *col_gather(const Column *c, const uint32_t *idx, size_t n);
Column *col_filter(const Column *c, const uint8_t *mask, size_t kept);
/* mask[i] = d[i] != 0 (a UInt8 predicate's bytes as a col_filter mask); returns how many are set. */
size_t col_mask_from_bytes(const uint8_t *d, size_t rows, uint8_t *mask);
Column *col_slice(const Column *c, size_t from, size_t n);
Column *col_replicate(const Column *c, const uint64_t *end_offsets); /* row i repeated to offsets */
Column *col_concat(Column **parts, int n);   /* same type, full columns */
/* Makes a Nullable(T) column from a T column and a null map (copied); takes a ref on c. */
Column *col_wrap_nullable(Column *c, const uint8_t *nulls);
/* Changes the type tag of a column with an identical layout (e.g. LowCardinality(T) <-> T). */
Column *col_retag(Column *c, const DataType *t);

/* ---- comparison and hashing ---- */
/* Three-way compare of a[i] and b[j] (same type). nulls_first: NULL < all; nan handled like ClickHouse. */
int col_compare(const Column *a, size_t i, const Column *b, size_t j, int nan_direction);
/* Appends a canonical byte encoding of row i (equal values -> equal bytes). */
void col_serialize_key(const Column *c, size_t i, Buf *out);
uint64_t col_hash_row(const Column *c, size_t i, uint64_t seed);
bool col_equal_rows(const Column *a, size_t i, const Column *b, size_t j);

/* ---- chunks ---- */
Chunk *chunk_new(int ncols, size_t rows);      /* cols zeroed */
void chunk_free(Chunk *ch);                    /* unrefs columns; NULL-safe */
size_t chunk_bytes(const Chunk *ch);
size_t col_bytes(const Column *c);

#endif
