/* uniq_key.c — how ClickHouse's distinct counters (uniq, uniqHLL12,
 * uniqCombined) turn a row into the 64-bit key they hash; see uniq_key.h. */
#include "uniq_key.h"

#include <string.h>

#include "../base/hash.h"

static const Column *plain(const Column *c)
{
    return c->type->kind == TYPE_LOWCARDINALITY ? c->sub[0] : c;
}

/* True for types whose values all have one byte width (an array of them is
 * one flat run of bytes). */
static bool fixed_type(const DataType *t)
{
    return t->kind != TYPE_LOWCARDINALITY && t->size > 0 && t->kind != TYPE_NOTHING;
}

/* True if a value of t is one flat run of bytes (ClickHouse's
 * isValueUnambiguouslyRepresentedInContiguousMemoryRegion). */
static bool flat_type(const DataType *t)
{
    t = type_strip_lc(t);
    switch (t->kind) {
    case TYPE_ARRAY: return fixed_type(t->sub[0]);
    case TYPE_NULLABLE: case TYPE_TUPLE: case TYPE_MAP: case TYPE_NOTHING: return false;
    default: return true;
    }
}

UniqKeyKind uniq_key_kind(const DataType **types, int n)
{
    if (n == 1) {
        const DataType *t = type_strip_lc(types[0]);
        switch (t->kind) {
        case TYPE_UINT8: case TYPE_UINT16: case TYPE_UINT32: case TYPE_UINT64:
        case TYPE_INT8: case TYPE_INT16: case TYPE_INT32: case TYPE_INT64:
        case TYPE_FLOAT32: case TYPE_FLOAT64: case TYPE_BOOL:
        case TYPE_DATE: case TYPE_DATE32: case TYPE_DATETIME: case TYPE_IPV4:
            return KEY_NUMBER;
        case TYPE_UINT128: case TYPE_INT128: case TYPE_UUID: return KEY_WIDE;
        case TYPE_STRING: case TYPE_FIXEDSTRING: case TYPE_IPV6: return KEY_BYTES;
        case TYPE_TUPLE:
            for (int i = 0; i < t->nsub; i++)
                if (!flat_type(t->sub[i])) return KEY_SIP;
            return KEY_CITY_CHAIN;
        default: break;
        }
    }
    for (int i = 0; i < n; i++)
        if (!flat_type(types[i])) return KEY_SIP;
    return KEY_CITY_CHAIN;
}

/* The bytes ClickHouse's getDataAt gives for a flat value. */
const char *uniq_flat_bytes(const Column *c, size_t row, size_t *len)
{
    c = plain(c);
    if (c->type->kind == TYPE_STRING || c->type->kind == TYPE_FIXEDSTRING) return col_str(c, row, len);
    if (c->type->kind == TYPE_ARRAY) {
        size_t r = col_phys(c, row), w = c->sub[0]->type->size;
        uint64_t b = col_off_begin(c, r);
        *len = (COL_OFFS(c)[r] - b) * w;
        return c->sub[0]->data.data + b * w;
    }
    *len = c->type->size;
    return c->data.data + col_phys(c, row) * c->type->size;
}

uint64_t uniq_number_key(const Column *c, size_t row)
{
    const char *p = c->data.data + col_phys(c, row) * c->type->size;
    switch (c->type->kind) {
    case TYPE_INT8: case TYPE_ENUM8: return (uint64_t)(int64_t)*(const int8_t *)p;
    case TYPE_INT16: case TYPE_ENUM16: { int16_t v; memcpy(&v, p, 2); return (uint64_t)(int64_t)v; }
    case TYPE_INT32: case TYPE_DATE32: { int32_t v; memcpy(&v, p, 4); return (uint64_t)(int64_t)v; }
    default: { /* floats by bit pattern: -0 and 0 are two values, as in ClickHouse */
        uint64_t v = 0;
        memcpy(&v, p, c->type->size); /* unsigned: zero-extended (little-endian) */
        return v;
    }
    }
}

/* Appends the stream ClickHouse's IColumn::updateHashWithValue feeds SipHash. */
static void sip_stream(const Column *c, size_t row, Buf *out)
{
    c = plain(c);
    size_t r = col_phys(c, row);
    switch (c->type->kind) {
    case TYPE_NULLABLE: {
        uint8_t is_null = COL_NULLS(c)[r];
        buf_put(out, &is_null, 1);
        if (!is_null) sip_stream(c->sub[0], r, out);
        return;
    }
    case TYPE_ARRAY: case TYPE_MAP: {
        uint64_t b = col_off_begin(c, r), e = COL_OFFS(c)[r], n = e - b;
        buf_put(out, &n, 8);
        for (uint64_t i = b; i < e; i++)
            for (int k = 0; k < c->nsub; k++) sip_stream(c->sub[k], i, out);
        return;
    }
    case TYPE_TUPLE:
        for (int k = 0; k < c->nsub; k++) sip_stream(c->sub[k], r, out);
        return;
    case TYPE_STRING: {
        size_t n;
        const char *s = col_str(c, r, &n);
        uint64_t n64 = n + 1; /* ClickHouse hashes the terminating zero too */
        buf_put(out, &n64, 8);
        buf_put(out, s, n);
        buf_put(out, "", 1);
        return;
    }
    default: {
        size_t n;
        const char *s = uniq_flat_bytes(c, r, &n);
        buf_put(out, s, n);
        return;
    }
    }
}

/* The arguments of one row: the columns given, or a tuple's elements. */
static int row_parts(Column **args, int nargs, const Column **parts)
{
    const Column *a = plain(args[0]);
    if (nargs == 1 && a->type->kind == TYPE_TUPLE) {
        for (int i = 0; i < a->nsub && i < 64; i++) parts[i] = a->sub[i];
        return a->nsub < 64 ? a->nsub : 64;
    }
    int n = nargs < 64 ? nargs : 64;
    for (int i = 0; i < n; i++) parts[i] = args[i];
    return n;
}

uint64_t uniq_variadic_key(UniqKeyKind kind, Column **args, int nargs, size_t row)
{
    const Column *parts[64];
    int np = row_parts(args, nargs, parts);
    if (kind == KEY_CITY_CHAIN) {
        uint64_t h = 0;
        for (int i = 0; i < np; i++) {
            size_t n;
            const char *s = uniq_flat_bytes(parts[i], row, &n);
            uint64_t v = cityhash64(s, n);
            h = i == 0 ? v : cityhash_128to64(v, h);
        }
        return h;
    }
    Buf b = {0};
    for (int i = 0; i < np; i++) sip_stream(parts[i], row, &b);
    U128 h = siphash128(b.data, b.len);
    buf_free(&b);
    return h.lo;
}
