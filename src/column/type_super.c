/* type_super.c — least common supertype (ClickHouse's getLeastSupertype).
 *
 * Used wherever values of different types meet in one column: array
 * literals, if/multiIf/CASE branches, coalesce, UNION, IN lists. Rules:
 * Nothing is neutral, Nullable is contagious, LowCardinality survives only if
 * every input has it, composites recurse, integers widen to the smallest type
 * holding both ranges (UInt64 with a signed type has none), floats absorb
 * integers (Float32 only up to 16-bit integers), dates widen to DateTime.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/mem.h"
#include "cast.h"

static int no_common(Err *err, const DataType *const *types, int n)
{
    char list[512] = "";
    size_t used = 0;
    for (int i = 0; i < n && used < sizeof list - 64; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", types[i]->name);
        if (w > 0) used += (size_t)w;
    }
    return err_set(err, ERR_NO_COMMON_TYPE, "There is no supertype for types %s because some of them are not compatible", list);
}

static int int_bits(TypeKind k)
{
    switch (k) {
    case TYPE_UINT8: case TYPE_INT8: case TYPE_BOOL: return 8;
    case TYPE_UINT16: case TYPE_INT16: return 16;
    case TYPE_UINT32: case TYPE_INT32: return 32;
    case TYPE_UINT64: case TYPE_INT64: return 64;
    default: return 128;
    }
}

static TypeKind sint_of_bits(int bits)
{
    return bits <= 8 ? TYPE_INT8 : bits <= 16 ? TYPE_INT16 : bits <= 32 ? TYPE_INT32 : bits <= 64 ? TYPE_INT64 : TYPE_INT128;
}

static TypeKind uint_of_bits(int bits)
{
    return bits <= 8 ? TYPE_UINT8 : bits <= 16 ? TYPE_UINT16 : bits <= 32 ? TYPE_UINT32 : bits <= 64 ? TYPE_UINT64 : TYPE_UINT128;
}

static int numeric_super(const DataType *const *types, int n, const DataType **out, Err *err)
{
    int max_u = 0, max_s = 0, max_f = 0;
    bool all_bool = true;
    for (int i = 0; i < n; i++) {
        const DataType *t = types[i];
        if (t->kind != TYPE_BOOL) all_bool = false;
        if (type_is_float(t)) max_f = t->kind == TYPE_FLOAT32 ? (max_f > 32 ? max_f : 32) : 64;
        else if (type_is_sint(t)) max_s = int_bits(t->kind) > max_s ? int_bits(t->kind) : max_s;
        else max_u = int_bits(t->kind) > max_u ? int_bits(t->kind) : max_u;
    }
    if (all_bool) {
        *out = type_basic(TYPE_BOOL);
        return 0;
    }
    if (max_f) {
        int need = max_u > max_s ? max_u : max_s;
        if (max_f == 64 || need >= 32) *out = type_basic(TYPE_FLOAT64);
        else *out = type_basic(TYPE_FLOAT32);
        return 0;
    }
    if (!max_s) {
        *out = type_basic(uint_of_bits(max_u));
        return 0;
    }
    if (max_u >= max_s) {
        if (max_u >= 64) return no_common(err, types, n);
        *out = type_basic(sint_of_bits(max_u * 2));
        return 0;
    }
    *out = type_basic(sint_of_bits(max_s));
    return 0;
}

static int decimal_super(const DataType *const *types, int n, const DataType **out, Err *err)
{
    int int_digits = 0, scale = 0;
    for (int i = 0; i < n; i++) {
        const DataType *t = types[i];
        int id, s;
        if (type_is_decimal(t)) {
            id = t->p1 - t->p2;
            s = t->p2;
        } else if (type_is_int(t) || t->kind == TYPE_BOOL) {
            static const int D[] = {3, 5, 10, 20, 39};
            int b = int_bits(t->kind);
            id = D[b == 8 ? 0 : b == 16 ? 1 : b == 32 ? 2 : b == 64 ? 3 : 4];
            s = 0;
        } else {
            return no_common(err, types, n);
        }
        if (id > int_digits) int_digits = id;
        if (s > scale) scale = s;
    }
    int prec = int_digits + scale;
    if (prec > 38) prec = 38;
    /* ClickHouse keeps the widest storage: precision is that storage's maximum. */
    int max_kind_prec = 9;
    for (int i = 0; i < n; i++)
        if (type_is_decimal(types[i])) {
            int mp = decimal_max_precision(types[i]->kind);
            if (mp > max_kind_prec) max_kind_prec = mp;
        }
    if (prec < max_kind_prec) prec = max_kind_prec;
    *out = type_decimal(prec, scale);
    return 0;
}

static int time_super(const DataType *const *types, int n, const DataType **out, Err *err)
{
    bool has_dt = false, has_dt64 = false, has_d32 = false;
    int scale = 0;
    const char *tz = NULL;
    for (int i = 0; i < n; i++) {
        const DataType *t = types[i];
        if (t->kind == TYPE_DATETIME64) {
            has_dt64 = true;
            if (t->p1 > scale) scale = t->p1;
        }
        if (t->kind == TYPE_DATETIME) has_dt = true;
        if (t->kind == TYPE_DATE32) has_d32 = true;
        if (t->tz && !tz) tz = t->tz;
    }
    if (has_dt64) *out = type_datetime64(scale, tz);
    else if (has_dt) *out = type_datetime(tz);
    else if (has_d32) *out = type_basic(TYPE_DATE32);
    else *out = type_basic(TYPE_DATE);
    (void)err;
    return 0;
}

int type_supertype(const DataType *const *types, int n, const DataType **out, Err *err)
{
    if (n == 0) {
        *out = type_basic(TYPE_NOTHING);
        return 0;
    }
    bool same = true;
    for (int i = 1; i < n; i++) same &= types[i] == types[0];
    if (same) {
        *out = types[0];
        return 0;
    }
    const DataType **ts = xcalloc((size_t)n, sizeof *ts);
    int m = 0, rc = 0;
    bool nullable = false, all_lc = true;
    for (int i = 0; i < n; i++) {
        const DataType *t = types[i];
        if (t->kind != TYPE_LOWCARDINALITY) all_lc = false;
        t = type_strip_lc(t);
        if (t->kind == TYPE_NULLABLE) {
            nullable = true;
            t = t->sub[0];
        }
        if (t->kind == TYPE_NOTHING) continue;
        ts[m++] = t;
    }
    const DataType *r = NULL;
    if (m == 0) {
        r = type_basic(TYPE_NOTHING);
        goto wrap;
    }
    bool same2 = true;
    for (int i = 1; i < m; i++) same2 &= ts[i] == ts[0];
    if (same2) {
        r = ts[0];
        goto wrap;
    }
    TypeKind k0 = ts[0]->kind;
    bool all_array = true, all_tuple = true, all_map = true, all_str = true, all_num = true, any_dec = false, all_time = true;
    for (int i = 0; i < m; i++) {
        TypeKind k = ts[i]->kind;
        all_array &= k == TYPE_ARRAY;
        all_tuple &= k == TYPE_TUPLE && ts[i]->nsub == ts[0]->nsub;
        all_map &= k == TYPE_MAP;
        all_str &= k == TYPE_STRING || k == TYPE_FIXEDSTRING;
        all_num &= type_is_number(ts[i]) || k == TYPE_BOOL || type_is_decimal(ts[i]);
        any_dec |= type_is_decimal(ts[i]);
        all_time &= type_is_date_or_time(ts[i]);
    }
    (void)k0;
    if (all_array || all_map) {
        int ns = all_map ? 2 : 1;
        const DataType *subs[2];
        const DataType **inner = xcalloc((size_t)m, sizeof *inner);
        for (int s = 0; s < ns && !rc; s++) {
            for (int i = 0; i < m; i++) inner[i] = ts[i]->sub[s];
            rc = type_supertype(inner, m, &subs[s], err);
        }
        free(inner);
        if (rc) goto done;
        r = all_map ? type_map(subs[0], subs[1]) : type_array(subs[0]);
    } else if (all_tuple) {
        int ns = ts[0]->nsub;
        const DataType **subs = xcalloc((size_t)ns, sizeof *subs);
        const DataType **inner = xcalloc((size_t)m, sizeof *inner);
        for (int s = 0; s < ns && !rc; s++) {
            for (int i = 0; i < m; i++) inner[i] = ts[i]->sub[s];
            rc = type_supertype(inner, m, &subs[s], err);
        }
        if (!rc) r = type_tuple(ns, subs, ts[0]->names);
        free(inner);
        free(subs);
        if (rc) goto done;
    } else if (all_str) {
        r = type_basic(TYPE_STRING);
    } else if (all_num && any_dec) {
        bool any_float = false;
        for (int i = 0; i < m; i++) any_float |= type_is_float(ts[i]);
        if (any_float) {
            rc = no_common(err, types, n);
            goto done;
        }
        if ((rc = decimal_super(ts, m, &r, err))) goto done;
    } else if (all_num) {
        if ((rc = numeric_super(ts, m, &r, err))) goto done;
    } else if (all_time) {
        if ((rc = time_super(ts, m, &r, err))) goto done;
    } else {
        rc = no_common(err, types, n);
        goto done;
    }
wrap:
    if (nullable && type_can_be_nullable(r)) r = type_nullable(r);
    if (all_lc && r->kind != TYPE_ARRAY) r = type_lowcard(r);
    *out = r;
done:
    free(ts);
    return rc;
}
