/* column_cmp.c — three-way comparison, equality and key encoding of column rows.
 *
 * Used by ORDER BY, GROUP BY / DISTINCT / JOIN keys and IN sets. Comparison
 * follows ClickHouse: numbers by value, strings by bytes, arrays and tuples
 * lexicographically, NaN and NULL placed by `nan_direction` (1 = greater than
 * everything, -1 = less). Key encoding makes equal values equal byte strings
 * so hash tables can work on bytes.
 */
#include <math.h>
#include <string.h>

#include "column.h"

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

static int cmp_float(double x, double y, int nan_direction)
{
    int xn = isnan(x), yn = isnan(y);
    if (xn || yn) {
        if (xn && yn) return 0;
        return xn ? nan_direction : -nan_direction;
    }
    return CMP(x, y);
}

static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
    int r = memcmp(a, b, an < bn ? an : bn);
    if (r) return r < 0 ? -1 : 1;
    return CMP(an, bn);
}

static int cmp_fixed(const Column *a, size_t i, const Column *b, size_t j, int nan_direction)
{
    const char *pa = a->data.data, *pb = b->data.data;
    switch (a->type->kind) {
    case TYPE_UINT8: case TYPE_BOOL: return CMP(((const uint8_t *)pa)[i], ((const uint8_t *)pb)[j]);
    case TYPE_UINT16: case TYPE_DATE: return CMP(((const uint16_t *)(const void *)pa)[i], ((const uint16_t *)(const void *)pb)[j]);
    case TYPE_UINT32: case TYPE_DATETIME: case TYPE_IPV4:
        return CMP(((const uint32_t *)(const void *)pa)[i], ((const uint32_t *)(const void *)pb)[j]);
    case TYPE_UINT64: return CMP(((const uint64_t *)(const void *)pa)[i], ((const uint64_t *)(const void *)pb)[j]);
    case TYPE_UINT128: {
        u128 x, y;
        memcpy(&x, pa + 16 * i, 16);
        memcpy(&y, pb + 16 * j, 16);
        return CMP(x, y);
    }
    case TYPE_INT8: case TYPE_ENUM8: return CMP(((const int8_t *)pa)[i], ((const int8_t *)pb)[j]);
    case TYPE_INT16: case TYPE_ENUM16: return CMP(((const int16_t *)(const void *)pa)[i], ((const int16_t *)(const void *)pb)[j]);
    case TYPE_INT32: case TYPE_DATE32: case TYPE_DECIMAL32:
        return CMP(((const int32_t *)(const void *)pa)[i], ((const int32_t *)(const void *)pb)[j]);
    case TYPE_INT64: case TYPE_DATETIME64: case TYPE_DECIMAL64: case TYPE_INTERVAL:
        return CMP(((const int64_t *)(const void *)pa)[i], ((const int64_t *)(const void *)pb)[j]);
    case TYPE_INT128: case TYPE_DECIMAL128: {
        i128 x, y;   /* buffers are not always 16-byte aligned */
        memcpy(&x, pa + 16 * i, 16);
        memcpy(&y, pb + 16 * j, 16);
        return CMP(x, y);
    }
    case TYPE_FLOAT32: return cmp_float(((const float *)(const void *)pa)[i], ((const float *)(const void *)pb)[j], nan_direction);
    case TYPE_FLOAT64: return cmp_float(((const double *)(const void *)pa)[i], ((const double *)(const void *)pb)[j], nan_direction);
    case TYPE_UUID: {
        const uint64_t *x = (const uint64_t *)(const void *)pa + 2 * i, *y = (const uint64_t *)(const void *)pb + 2 * j;
        /* ClickHouse orders UUIDs as UInt128 whose upper half is the second 8 bytes */
        return x[1] != y[1] ? CMP(x[1], y[1]) : CMP(x[0], y[0]);
    }
    case TYPE_IPV6: return cmp_bytes(pa + 16 * i, 16, pb + 16 * j, 16);
    default: return 0;
    }
}

int col_compare(const Column *a, size_t i, const Column *b, size_t j, int nan_direction)
{
    i = col_phys(a, i);
    j = col_phys(b, j);
    const DataType *t = a->type;
    if (t->size > 0) return cmp_fixed(a, i, b, j, nan_direction);
    switch (t->kind) {
    case TYPE_STRING: case TYPE_FIXEDSTRING: case TYPE_AGGSTATE: {
        size_t an, bn;
        const char *x = col_str(a, i, &an), *y = col_str(b, j, &bn);
        return cmp_bytes(x, an, y, bn);
    }
    case TYPE_NULLABLE: {
        int xn = COL_NULLS(a)[i], yn = COL_NULLS(b)[j];
        if (xn || yn) return xn && yn ? 0 : xn ? nan_direction : -nan_direction;
        return col_compare(a->sub[0], i, b->sub[0], j, nan_direction);
    }
    case TYPE_LOWCARDINALITY:
        return col_compare(a->sub[0], i, b->sub[0], j, nan_direction);
    case TYPE_TUPLE:
        for (int k = 0; k < a->nsub; k++) {
            int r = col_compare(a->sub[k], i, b->sub[k], j, nan_direction);
            if (r) return r;
        }
        return 0;
    case TYPE_ARRAY: case TYPE_MAP: {
        uint64_t ab = col_off_begin(a, i), ae = COL_OFFS(a)[i];
        uint64_t bb = col_off_begin(b, j), be = COL_OFFS(b)[j];
        for (; ab < ae && bb < be; ab++, bb++)
            for (int k = 0; k < a->nsub; k++) {
                int r = col_compare(a->sub[k], ab, b->sub[k], bb, nan_direction);
                if (r) return r;
            }
        return CMP(ae - ab, be - bb);
    }
    default:
        return 0;
    }
}

bool col_equal_rows(const Column *a, size_t i, const Column *b, size_t j)
{
    return col_compare(a, i, b, j, 1) == 0;
}

void col_serialize_key(const Column *c, size_t i, Buf *out)
{
    i = col_phys(c, i);
    const DataType *t = c->type;
    if (t->size > 0) {
        buf_put(out, c->data.data + i * (size_t)t->size, (size_t)t->size);
        return;
    }
    switch (t->kind) {
    case TYPE_STRING: case TYPE_FIXEDSTRING: case TYPE_AGGSTATE: {
        size_t n;
        const char *s = col_str(c, i, &n);
        uint64_t len = n;
        buf_put(out, &len, 8);
        buf_put(out, s, n);
        return;
    }
    case TYPE_NULLABLE:
        buf_putc(out, (char)COL_NULLS(c)[i]);
        if (!COL_NULLS(c)[i]) col_serialize_key(c->sub[0], i, out);
        return;
    case TYPE_LOWCARDINALITY:
        col_serialize_key(c->sub[0], i, out);
        return;
    case TYPE_TUPLE:
        for (int k = 0; k < c->nsub; k++) col_serialize_key(c->sub[k], i, out);
        return;
    case TYPE_ARRAY: case TYPE_MAP: {
        uint64_t b = col_off_begin(c, i), e = COL_OFFS(c)[i];
        uint64_t n = e - b;
        buf_put(out, &n, 8);
        for (; b < e; b++)
            for (int k = 0; k < c->nsub; k++) col_serialize_key(c->sub[k], b, out);
        return;
    }
    default:
        return;
    }
}

uint64_t col_hash_row(const Column *c, size_t i, uint64_t seed)
{
    Buf b = {0};
    col_serialize_key(c, i, &b);
    uint64_t h = seed ^ 0x9E3779B97F4A7C15ull;
    for (size_t k = 0; k < b.len; k++) h = (h ^ (unsigned char)b.data[k]) * 0x100000001B3ull;
    buf_free(&b);
    return h;
}
