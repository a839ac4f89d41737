/* cast.c — CAST between types; see cast.h.
 *
 * Structure: col_cast() peels the wrappers (const, Nullable, LowCardinality,
 * Array, Tuple, Map) and converts scalars with cast_scalar(), which reads each
 * source value into a wide intermediate (int64/uint64/i128/double, or text)
 * and writes it in the target width. Float-to-integer conversion reproduces
 * the x86 results ClickHouse returns (out of range -> the "indefinite" value)
 * without undefined behaviour.
 */
#include "cast.h"

#include <math.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/tz.h"

/* ---- scalar reads ---- */

static int64_t pow10_i64(int n)
{
    int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

static i128 pow10_i128(int n)
{
    i128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

i128 col_get_i128(const Column *c, size_t i)
{
    i = col_phys(c, i);
    const char *d = c->data.data;
    switch (c->type->kind) {
    case TYPE_UINT8: case TYPE_BOOL: return ((const uint8_t *)d)[i];
    case TYPE_UINT16: case TYPE_DATE: return ((const uint16_t *)(const void *)d)[i];
    case TYPE_UINT32: case TYPE_DATETIME: case TYPE_IPV4: return ((const uint32_t *)(const void *)d)[i];
    case TYPE_UINT64: return (i128)((const uint64_t *)(const void *)d)[i];
    case TYPE_UINT128: {
        u128 v;
        memcpy(&v, d + 16 * i, 16);   /* 128-bit values may sit at 8-byte offsets */
        return (i128)v;
    }
    case TYPE_INT8: case TYPE_ENUM8: return ((const int8_t *)d)[i];
    case TYPE_INT16: case TYPE_ENUM16: return ((const int16_t *)(const void *)d)[i];
    case TYPE_INT32: case TYPE_DATE32: case TYPE_DECIMAL32: return ((const int32_t *)(const void *)d)[i];
    case TYPE_INT64: case TYPE_DATETIME64: case TYPE_DECIMAL64: case TYPE_INTERVAL:
        return ((const int64_t *)(const void *)d)[i];
    case TYPE_INT128: case TYPE_DECIMAL128: {
        i128 v;
        memcpy(&v, d + 16 * i, 16);
        return v;
    }
    case TYPE_FLOAT32: return (i128)((const float *)(const void *)d)[i];
    case TYPE_FLOAT64: return (i128)((const double *)(const void *)d)[i];
    default: return 0;
    }
}

int64_t col_get_i64(const Column *c, size_t i) { return (int64_t)col_get_i128(c, i); }
uint64_t col_get_u64(const Column *c, size_t i) { return (uint64_t)col_get_i128(c, i); }

double col_get_f64(const Column *c, size_t i)
{
    size_t k = col_phys(c, i);
    switch (c->type->kind) {
    case TYPE_FLOAT32: return COL_DATA(c, float)[k];
    case TYPE_FLOAT64: return COL_DATA(c, double)[k];
    case TYPE_UINT64: return (double)COL_DATA(c, uint64_t)[k];
    case TYPE_UINT128: return (double)COL_DATA(c, u128)[k];
    case TYPE_DECIMAL32: case TYPE_DECIMAL64: case TYPE_DECIMAL128:
        return (double)col_get_i128(c, i) / (double)pow10_i128(c->type->p2);
    default: return (double)col_get_i128(c, i);
    }
}

const DataType *type_for_uint(uint64_t v)
{
    return type_basic(v <= 0xFF ? TYPE_UINT8 : v <= 0xFFFF ? TYPE_UINT16 : v <= 0xFFFFFFFFull ? TYPE_UINT32 : TYPE_UINT64);
}

const DataType *type_for_int(int64_t v)
{
    if (v >= 0) return type_for_uint((uint64_t)v);
    return type_basic(v >= -128 ? TYPE_INT8 : v >= -32768 ? TYPE_INT16 : v >= INT32_MIN ? TYPE_INT32 : TYPE_INT64);
}

/* ---- float -> integer with x86 semantics ---- */

static int32_t cvt32(double x) { return (x > -2147483649.0 && x < 2147483648.0) ? (int32_t)x : INT32_MIN; }
static int64_t cvt64(double x) { return (x > -9223372036854775809.0 && x < 9223372036854775808.0) ? (int64_t)x : INT64_MIN; }

static i128 float_to_int(double x, TypeKind to)
{
    switch (to) {
    case TYPE_INT8: case TYPE_INT16: case TYPE_UINT8: case TYPE_UINT16: case TYPE_INT32:
        return cvt32(x);
    case TYPE_UINT32: case TYPE_INT64:
        return cvt64(x);
    case TYPE_UINT64:
        if (x < 9223372036854775808.0) return (i128)(uint64_t)cvt64(x);
        return (i128)((uint64_t)cvt64(x - 9223372036854775808.0) ^ (1ull << 63));
    default:
        if (x > -1.7e38 && x < 1.7e38) return (i128)x;
        return 0;
    }
}

/* ---- writes ---- */

static void put_int(Column *dst, i128 v)
{
    switch (dst->type->kind) {
    case TYPE_UINT8: COL_PUSH(dst, uint8_t, (uint8_t)v); break;
    case TYPE_UINT16: COL_PUSH(dst, uint16_t, (uint16_t)v); break;
    case TYPE_UINT32: case TYPE_IPV4: COL_PUSH(dst, uint32_t, (uint32_t)v); break;
    case TYPE_UINT64: COL_PUSH(dst, uint64_t, (uint64_t)v); break;
    case TYPE_UINT128: COL_PUSH(dst, u128, (u128)v); break;
    case TYPE_INT8: case TYPE_ENUM8: COL_PUSH(dst, int8_t, (int8_t)v); break;
    case TYPE_INT16: case TYPE_ENUM16: COL_PUSH(dst, int16_t, (int16_t)v); break;
    case TYPE_INT32: COL_PUSH(dst, int32_t, (int32_t)v); break;
    case TYPE_INT64: case TYPE_INTERVAL: COL_PUSH(dst, int64_t, (int64_t)v); break;
    case TYPE_INT128: COL_PUSH(dst, i128, v); break;
    case TYPE_FLOAT32: COL_PUSH(dst, float, (float)v); break;
    case TYPE_FLOAT64: COL_PUSH(dst, double, (double)v); break;
    case TYPE_BOOL: COL_PUSH(dst, uint8_t, v != 0); break;
    default: col_push_default(dst); break;
    }
}

static bool is_intlike(TypeKind k)
{
    return (k >= TYPE_UINT8 && k <= TYPE_INT128) || k == TYPE_BOOL || k == TYPE_ENUM8 || k == TYPE_ENUM16 ||
           k == TYPE_INTERVAL || k == TYPE_IPV4;
}

static bool is_numlike(TypeKind k) { return is_intlike(k) || k == TYPE_FLOAT32 || k == TYPE_FLOAT64; }

static int overflow(Err *err, const char *what)
{
    return err_set(err, ERR_DECIMAL_OVERFLOW, "Decimal convert overflow. %s is out of Decimal range", what);
}

static void put_decimal(Column *dst, i128 v)
{
    switch (dst->type->kind) {
    case TYPE_DECIMAL32: COL_PUSH(dst, int32_t, (int32_t)v); break;
    case TYPE_DECIMAL64: COL_PUSH(dst, int64_t, (int64_t)v); break;
    default: COL_PUSH(dst, i128, v); break;
    }
}

static int to_decimal(const Column *src, size_t i, Column *dst, Err *err)
{
    const DataType *st = src->type, *dt = dst->type;
    i128 lim = pow10_i128(dt->p1);
    i128 v;
    if (st->kind == TYPE_FLOAT32 || st->kind == TYPE_FLOAT64) {
        double x = col_get_f64(src, i);
        if (isnan(x) || isinf(x)) return err_set(err, ERR_DECIMAL_OVERFLOW, "Decimal convert overflow. Cannot convert infinity or NaN to decimal");
        double scaled = x * (double)pow10_i128(dt->p2);
        if (fabs(scaled) >= (double)lim) return overflow(err, "Float");
        v = (i128)scaled;
    } else if (type_is_decimal(st)) {
        v = col_get_i128(src, i);
        int ds = dt->p2 - st->p2;
        if (ds >= 0) v *= pow10_i128(ds);
        else v /= pow10_i128(-ds);
    } else {
        v = col_get_i128(src, i);
        if (st->kind == TYPE_UINT64 && (uint64_t)v > (uint64_t)INT64_MAX) v = (i128)(uint64_t)v;
        v *= pow10_i128(dt->p2);
    }
    if (v >= lim || v <= -lim) return overflow(err, "Number");
    put_decimal(dst, v);
    return 0;
}

static int from_decimal(const Column *src, size_t i, Column *dst, Err *err)
{
    TypeKind k = dst->type->kind;
    if (k == TYPE_FLOAT32 || k == TYPE_FLOAT64) {
        double x = col_get_f64(src, i);
        if (k == TYPE_FLOAT32) COL_PUSH(dst, float, (float)x);
        else COL_PUSH(dst, double, x);
        return 0;
    }
    put_int(dst, col_get_i128(src, i) / pow10_i128(src->type->p2));
    return 0;
}

/* Seconds since epoch of a Date/Date32/DateTime/DateTime64 value (local midnight for dates). */
static int64_t time_seconds(const Column *src, size_t i, const Tz *tz_to, int64_t *frac_ticks, int to_scale)
{
    *frac_ticks = 0;
    switch (src->type->kind) {
    case TYPE_DATE: case TYPE_DATE32:
        return tz_local_to_utc(tz_to, col_get_i64(src, i) * 86400);
    case TYPE_DATETIME:
        return col_get_i64(src, i);
    case TYPE_DATETIME64: {
        int64_t mul = pow10_i64(src->type->p1);
        int64_t v = col_get_i64(src, i);
        int64_t s = floor_div(v, mul);
        int64_t f = v - s * mul;
        int ds = to_scale - src->type->p1;
        *frac_ticks = ds >= 0 ? f * pow10_i64(ds) : f / pow10_i64(-ds);
        return s;
    }
    default:
        return 0;
    }
}

static const Tz *type_zone(const DataType *t, const FormatSettings *fs)
{
    return text_type_tz(t, fs);
}

static int to_datetime_like(const Column *src, size_t i, Column *dst, const FormatSettings *fs, Err *err)
{
    const DataType *st = src->type, *dt = dst->type;
    TypeKind sk = st->kind, dk = dt->kind;
    if (dk == TYPE_DATE || dk == TYPE_DATE32) {
        int64_t days;
        if (sk == TYPE_DATE || sk == TYPE_DATE32) {
            days = col_get_i64(src, i);
        } else if (sk == TYPE_DATETIME || sk == TYPE_DATETIME64) {
            int64_t f;
            int64_t s = time_seconds(src, i, tz_utc(), &f, 0);
            const Tz *tz = type_zone(st, fs);
            days = floor_div(s + tz_offset(tz, s), 86400);
        } else if (sk == TYPE_FLOAT32 || sk == TYPE_FLOAT64) {
            double x = col_get_f64(src, i);
            if (isnan(x) || isinf(x)) return err_set(err, ERR_CANNOT_CONVERT_TYPE, "Unexpected inf or nan to Date conversion");
            days = (int64_t)floor(x);
            if (dk == TYPE_DATE && days > 65535) days = floor_div(days, 86400);
        } else {
            i128 v = col_get_i128(src, i);
            if (dk == TYPE_DATE && v > 65535) {
                const Tz *tz = fs && fs->tz ? fs->tz : tz_default();
                int64_t s = (int64_t)v;
                days = floor_div(s + tz_offset(tz, s), 86400);
            } else {
                days = (int64_t)v;
            }
        }
        if (dk == TYPE_DATE) COL_PUSH(dst, uint16_t, (uint16_t)(days < 0 ? 0 : days > 65535 ? 65535 : days));
        else COL_PUSH(dst, int32_t, (int32_t)days);
        return 0;
    }
    /* DateTime / DateTime64 */
    int scale = dk == TYPE_DATETIME64 ? dt->p1 : 0;
    int64_t secs, frac = 0;
    if (sk == TYPE_DATE || sk == TYPE_DATE32 || sk == TYPE_DATETIME || sk == TYPE_DATETIME64) {
        secs = time_seconds(src, i, type_zone(dt, fs), &frac, scale);
    } else if (sk == TYPE_FLOAT32 || sk == TYPE_FLOAT64 || type_is_decimal(st)) {
        double x = col_get_f64(src, i);
        if (isnan(x) || isinf(x)) return err_set(err, ERR_CANNOT_CONVERT_TYPE, "Unexpected inf or nan to DateTime conversion");
        secs = (int64_t)floor(x);
        frac = (int64_t)llround((x - (double)secs) * (double)pow10_i64(scale));
        if (type_is_decimal(st) && scale) {
            i128 v = col_get_i128(src, i);
            i128 m = pow10_i128(st->p2);
            secs = (int64_t)(v / m);
            i128 f = v % m;
            int ds = scale - st->p2;
            frac = (int64_t)(ds >= 0 ? f * pow10_i128(ds) : f / pow10_i128(-ds));
        }
    } else {
        secs = (int64_t)col_get_i128(src, i);
    }
    if (dk == TYPE_DATETIME) {
        COL_PUSH(dst, uint32_t, (uint32_t)(secs < 0 ? 0 : secs > 4294967295LL ? 4294967295LL : secs));
    } else {
        COL_PUSH(dst, int64_t, secs * pow10_i64(scale) + frac);
    }
    return 0;
}

static int cast_to_string(const Column *src, size_t i, Column *dst, const FormatSettings *fs, Err *err)
{
    Buf b = {0};
    text_write(&b, src, i, TS_PLAIN, fs);
    int rc = 0;
    if (dst->type->kind == TYPE_FIXEDSTRING && b.len > (size_t)dst->type->p1)
        rc = err_set(err, ERR_TOO_LARGE_STRING_SIZE, "String too long for type FixedString(%d)", dst->type->p1);
    else
        col_push_str(dst, b.data, b.len);
    buf_free(&b);
    return rc;
}

/* Converts row i of a scalar column into dst (a scalar column). */
static int cast_scalar(const Column *src, size_t i, Column *dst, const FormatSettings *fs, Err *err)
{
    const DataType *st = src->type, *dt = dst->type;
    TypeKind sk = st->kind, dk = dt->kind;
    if (st == dt) {
        col_push_from(dst, src, i);
        return 0;
    }
    if (dk == TYPE_STRING || dk == TYPE_FIXEDSTRING) {
        if (sk == TYPE_STRING || sk == TYPE_FIXEDSTRING) {
            size_t n;
            const char *s = col_str(src, i, &n);
            if (sk == TYPE_FIXEDSTRING && dk == TYPE_STRING) {
                while (n > 0 && s[n - 1] == 0) n--;   /* trailing padding is dropped */
                col_push_str(dst, s, n);
                return 0;
            }
            if (dk == TYPE_FIXEDSTRING && n > (size_t)dt->p1)
                return err_set(err, ERR_TOO_LARGE_STRING_SIZE, "String too long for type FixedString(%d)", dt->p1);
            col_push_str(dst, s, n);
            return 0;
        }
        return cast_to_string(src, i, dst, fs, err);
    }
    if (sk == TYPE_STRING || sk == TYPE_FIXEDSTRING) {
        size_t n;
        const char *s = col_str(src, i, &n);
        if (sk == TYPE_FIXEDSTRING)
            while (n > 0 && s[n - 1] == 0) n--;
        return text_read_whole(s, n, dst, fs, err);
    }
    if (sk == TYPE_NOTHING) {
        col_push_default(dst);
        return 0;
    }
    if (type_is_decimal(dt)) return to_decimal(src, i, dst, err);
    if (type_is_decimal(st) && (is_numlike(dk))) return from_decimal(src, i, dst, err);
    if (type_is_date_or_time(dt)) return to_datetime_like(src, i, dst, fs, err);
    if (type_is_enum(dt)) {
        i128 v = col_get_i128(src, i);
        if (!type_enum_name(dt, (int)v))
            return err_set(err, ERR_UNKNOWN_ELEMENT_OF_ENUM, "Unexpected value %d in enum", (int)v);
        put_int(dst, v);
        return 0;
    }
    if (sk == TYPE_DATETIME64 && is_numlike(dk)) {
        int64_t v = col_get_i64(src, i);
        if (dk == TYPE_FLOAT32 || dk == TYPE_FLOAT64) {
            double x = (double)v / (double)pow10_i64(st->p1);
            if (dk == TYPE_FLOAT32) COL_PUSH(dst, float, (float)x);
            else COL_PUSH(dst, double, x);
        } else {
            put_int(dst, floor_div(v, pow10_i64(st->p1)));
        }
        return 0;
    }
    if ((sk == TYPE_FLOAT32 || sk == TYPE_FLOAT64) && is_intlike(dk)) {
        double x = col_get_f64(src, i);
        if (isnan(x) || isinf(x)) {
            if (dk == TYPE_BOOL) {
                COL_PUSH(dst, uint8_t, 1);
                return 0;
            }
            return err_set(err, ERR_CANNOT_CONVERT_TYPE, "Unexpected inf or nan to integer conversion");
        }
        if (dk == TYPE_BOOL) {
            COL_PUSH(dst, uint8_t, x != 0);
            return 0;
        }
        put_int(dst, float_to_int(x, dk));
        return 0;
    }
    if (dk == TYPE_FLOAT32 || dk == TYPE_FLOAT64) {
        double x = col_get_f64(src, i);
        if (dk == TYPE_FLOAT32) COL_PUSH(dst, float, (float)x);
        else COL_PUSH(dst, double, x);
        return 0;
    }
    if ((is_numlike(sk) || type_is_date_or_time(st)) && is_intlike(dk)) {
        put_int(dst, col_get_i128(src, i));
        return 0;
    }
    if (sk == TYPE_UUID && dk == TYPE_UINT128) {
        const uint64_t *hl = COL_DATA(src, uint64_t) + 2 * col_phys(src, i);
        COL_PUSH(dst, u128, ((u128)hl[0] << 64) | hl[1]);
        return 0;
    }
    if (sk == TYPE_IPV4 && dk == TYPE_IPV6) {
        unsigned char b[16] = {0};
        uint32_t v = COL_DATA(src, uint32_t)[col_phys(src, i)];
        b[10] = b[11] = 0xff;
        b[12] = (unsigned char)(v >> 24), b[13] = (unsigned char)(v >> 16), b[14] = (unsigned char)(v >> 8), b[15] = (unsigned char)v;
        col_push_fixed(dst, b);
        return 0;
    }
    return err_set(err, ERR_CANNOT_CONVERT_TYPE, "Conversion from %s to %s is not supported", st->name, dt->name);
}

/* ---- composite recursion ---- */

static int cast_full(Column *src, const DataType *to, CastMode mode, const FormatSettings *fs, Column **out, Err *err);

static int cast_rowwise(Column *src, const DataType *to, CastMode mode, const FormatSettings *fs_in, Column **out, Err *err)
{
    FormatSettings strict = *fs_in;
    strict.strict_numbers = mode != CAST_THROW;
    const FormatSettings *fs = &strict;
    Column *dst = col_new(to);
    col_reserve(dst, src->rows);
    Column *target = to->kind == TYPE_NULLABLE ? dst->sub[0] : dst;
    for (size_t i = 0; i < src->rows; i++) {
        int rc = cast_scalar(src, i, target, fs, err);
        if (rc) {
            if (mode == CAST_THROW) {
                col_unref(dst);
                return rc;
            }
            col_truncate(target, to->kind == TYPE_NULLABLE ? dst->rows : i);
            if (mode == CAST_OR_NULL && to->kind == TYPE_NULLABLE) {
                col_push_null(dst);
                continue;
            }
            col_push_default(target);
        }
        if (to->kind == TYPE_NULLABLE) col_nullable_commit(dst, false);
    }
    *out = dst;
    return 0;
}

/* Integer to integer or float, a whole column in one typed loop: the same
 * values as put_int / col_get_f64 row by row (wrapping, through double). */
#define CAST_LOOP(ST, DT, CONV)                                      \
    {                                                                \
        const ST *in = (const ST *)(const void *)src->data.data;     \
        DT *o = (DT *)(void *)d->data.data;                          \
        for (size_t i = 0; i < n; i++) o[i] = CONV(in[i]);           \
    }
#define TO_DOUBLE(x) ((double)(x))
#define TO_FLOAT(x) ((float)(double)(x))
#define DST_CASES(ST)                                                           \
    switch (to->kind) {                                                         \
    case TYPE_UINT8: CAST_LOOP(ST, uint8_t, (uint8_t)) break;                  \
    case TYPE_UINT16: CAST_LOOP(ST, uint16_t, (uint16_t)) break;               \
    case TYPE_UINT32: CAST_LOOP(ST, uint32_t, (uint32_t)) break;               \
    case TYPE_UINT64: CAST_LOOP(ST, uint64_t, (uint64_t)) break;               \
    case TYPE_INT8: CAST_LOOP(ST, int8_t, (int8_t)) break;                     \
    case TYPE_INT16: CAST_LOOP(ST, int16_t, (int16_t)) break;                  \
    case TYPE_INT32: CAST_LOOP(ST, int32_t, (int32_t)) break;                  \
    case TYPE_INT64: CAST_LOOP(ST, int64_t, (int64_t)) break;                  \
    case TYPE_FLOAT32: CAST_LOOP(ST, float, TO_FLOAT) break;                   \
    case TYPE_FLOAT64: CAST_LOOP(ST, double, TO_DOUBLE) break;                 \
    default: break;                                                             \
    }

static bool cast_numeric(Column *src, const DataType *to, Column **out)
{
    TypeKind sk = src->type->kind, dk = to->kind;
    static const TypeKind ints[] = {TYPE_UINT8, TYPE_UINT16, TYPE_UINT32, TYPE_UINT64, TYPE_INT8, TYPE_INT16, TYPE_INT32, TYPE_INT64};
    bool s_ok = false, d_ok = dk == TYPE_FLOAT32 || dk == TYPE_FLOAT64;
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        s_ok |= sk == ints[i];
        d_ok |= dk == ints[i];
    }
    if (!s_ok || !d_ok || src->is_const) return false;
    size_t n = src->rows;
    Column *d = col_new(to);
    buf_extend(&d->data, n * (size_t)to->size);
    d->rows = n;
    switch (sk) {
    case TYPE_UINT8: DST_CASES(uint8_t) break;
    case TYPE_UINT16: DST_CASES(uint16_t) break;
    case TYPE_UINT32: DST_CASES(uint32_t) break;
    case TYPE_UINT64: DST_CASES(uint64_t) break;
    case TYPE_INT8: DST_CASES(int8_t) break;
    case TYPE_INT16: DST_CASES(int16_t) break;
    case TYPE_INT32: DST_CASES(int32_t) break;
    case TYPE_INT64: DST_CASES(int64_t) break;
    default: break;
    }
    *out = d;
    return true;
}

static int cast_full(Column *src, const DataType *to, CastMode mode, const FormatSettings *fs, Column **out, Err *err)
{
    const DataType *from = src->type;
    if (from == to) {
        *out = col_ref(src);
        return 0;
    }
    if (cast_numeric(src, to, out)) return 0;
    int rc;
    /* LowCardinality is a tag over the same layout here. */
    if (from->kind == TYPE_LOWCARDINALITY) {
        Column *inner;
        if ((rc = cast_full(src->sub[0], to, mode, fs, &inner, err))) return rc;
        *out = inner;
        return 0;
    }
    if (to->kind == TYPE_LOWCARDINALITY) {
        Column *inner;
        if ((rc = cast_full(src, to->sub[0], mode, fs, &inner, err))) return rc;
        Column *lc = col_new(to);
        col_unref(lc->sub[0]);
        lc->sub[0] = inner;
        lc->rows = inner->rows;
        *out = lc;
        return 0;
    }
    if (from->kind == TYPE_NULLABLE) {
        Column *inner;
        const DataType *inner_to = type_strip_nullable(to);
        if (from->sub[0]->kind == TYPE_NOTHING) {
            Column *d = col_new(to);
            for (size_t i = 0; i < src->rows; i++) {
                if (to->kind != TYPE_NULLABLE)
                    return col_unref(d), err_set(err, ERR_CANNOT_CONVERT_TYPE,
                                                "Cannot convert NULL to a non-nullable type");
                col_push_null(d);
            }
            *out = d;
            return 0;
        }
        if (to->kind != TYPE_NULLABLE) {
            for (size_t i = 0; i < src->rows; i++)
                if (COL_NULLS(src)[i])
                    return err_set(err, ERR_CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN,
                                   "Cannot convert NULL value to non-Nullable type %s", to->name);
        }
        /* Convert only non-null rows; NULL rows get defaults. */
        Column *nested = src->sub[0];
        Column *dst_nested = col_new(inner_to);
        uint8_t *nulls = mem_alloc(src->rows ? src->rows : 1);
        memcpy(nulls, src->nulls.data, src->rows);
        for (size_t i = 0; i < src->rows; i++) {
            if (nulls[i]) {
                col_push_default(dst_nested);
                continue;
            }
            Column *one = col_slice(nested, i, 1);
            rc = cast_full(one, inner_to, mode == CAST_OR_NULL ? CAST_THROW : mode, fs, &inner, err);
            col_unref(one);
            if (rc) {
                if (mode == CAST_THROW) {
                    col_unref(dst_nested);
                    mem_free(nulls, src->rows ? src->rows : 1);
                    return rc;
                }
                col_push_default(dst_nested);
                if (mode == CAST_OR_NULL) nulls[i] = 1;
                continue;
            }
            col_push_from(dst_nested, inner, 0);
            col_unref(inner);
        }
        if (to->kind == TYPE_NULLABLE) *out = col_wrap_nullable(dst_nested, nulls);
        else *out = col_ref(dst_nested);
        col_unref(dst_nested);
        mem_free(nulls, src->rows ? src->rows : 1);
        return 0;
    }
    if (to->kind == TYPE_NULLABLE && type_is_null_only(to) == false && from->kind != TYPE_NULLABLE) {
        if (mode == CAST_OR_NULL || !(from->kind == TYPE_ARRAY || from->kind == TYPE_TUPLE || from->kind == TYPE_MAP)) {
            if (from->kind == TYPE_ARRAY || from->kind == TYPE_TUPLE || from->kind == TYPE_MAP)
                return err_set(err, ERR_CANNOT_CONVERT_TYPE, "Cannot convert %s to %s", from->name, to->name);
            return cast_rowwise(src, to, mode, fs, out, err);
        }
    }
    if (from->kind == TYPE_ARRAY && to->kind == TYPE_ARRAY) {
        Column *inner;
        if ((rc = cast_full(src->sub[0], to->sub[0], mode, fs, &inner, err))) return rc;
        Column *d = col_new(to);
        col_unref(d->sub[0]);
        d->sub[0] = inner;
        buf_put(&d->offs, src->offs.data, src->offs.len);
        d->rows = src->rows;
        *out = d;
        return 0;
    }
    if (from->kind == TYPE_MAP && to->kind == TYPE_MAP) {
        Column *k, *v;
        if ((rc = cast_full(src->sub[0], to->sub[0], mode, fs, &k, err))) return rc;
        if ((rc = cast_full(src->sub[1], to->sub[1], mode, fs, &v, err))) {
            col_unref(k);
            return rc;
        }
        Column *d = col_new(to);
        col_unref(d->sub[0]);
        col_unref(d->sub[1]);
        d->sub[0] = k;
        d->sub[1] = v;
        buf_put(&d->offs, src->offs.data, src->offs.len);
        d->rows = src->rows;
        *out = d;
        return 0;
    }
    if (from->kind == TYPE_TUPLE && to->kind == TYPE_TUPLE) {
        if (from->nsub != to->nsub)
            return err_set(err, ERR_TYPE_MISMATCH, "CAST AS Tuple can only be performed between tuple types with the same number of elements");
        Column *d = col_new(to);
        for (int k = 0; k < to->nsub; k++) {
            Column *e;
            if ((rc = cast_full(src->sub[k], to->sub[k], mode, fs, &e, err))) {
                col_unref(d);
                return rc;
            }
            col_unref(d->sub[k]);
            d->sub[k] = e;
        }
        d->rows = src->rows;
        *out = d;
        return 0;
    }
    if ((from->kind == TYPE_ARRAY || from->kind == TYPE_TUPLE || from->kind == TYPE_MAP) && to->kind != TYPE_STRING &&
        to->kind != TYPE_NULLABLE)
        return err_set(err, ERR_TYPE_MISMATCH, "CAST AS %s is only possible from compatible types. Left type: %s, right type: %s",
                       type_kind_name(to->kind), from->name, to->name);
    if (from->kind == TYPE_STRING && to->kind == TYPE_MAP)
        return err_set(err, ERR_TYPE_MISMATCH, "Unsupported types to CAST AS Map. Left type: String, right type: %s", to->name);
    return cast_rowwise(src, to, mode, fs, out, err);
}

static int cast_any(Column *src, const DataType *to, CastMode mode, const FormatSettings *fs, Column **out, Err *err);

int col_cast(Column *src, const DataType *to, CastMode mode, const FormatSettings *fs, Column **out, Err *err)
{
    int rc = cast_any(src, to, mode, fs, out, err);
    /* SimpleAggregateFunction(f, T): T's values under the wrapper's name
     * (a composite cast builds T from its parts) */
    if (!rc && to->simple_agg && (*out)->type != to) {
        if (*out == src) {
            Column *c = col_slice(src, 0, src->rows);
            col_unref(*out);
            *out = c;
        }
        (*out)->type = to;
    }
    return rc;
}

static int cast_any(Column *src, const DataType *to, CastMode mode, const FormatSettings *fs, Column **out, Err *err)
{
    if (src->type == to) {
        *out = col_ref(src);
        return 0;
    }
    if (src->is_const) {
        Column *one = col_slice(src, 0, 1);
        one->is_const = false;
        one->rows = 1;
        Column *r;
        int rc = cast_full(one, to, mode, fs, &r, err);
        col_unref(one);
        if (rc) return rc;
        r->is_const = true;
        r->rows = src->rows;
        *out = r;
        return 0;
    }
    return cast_full(src, to, mode, fs, out, err);
}

bool cast_supported(const DataType *from, const DataType *to)
{
    from = type_strip(from);
    to = type_strip(to);
    if (from == to || from->kind == TYPE_NOTHING) return true;
    if (to->kind == TYPE_STRING || to->kind == TYPE_FIXEDSTRING) return true;
    if (from->kind == TYPE_STRING || from->kind == TYPE_FIXEDSTRING) return to->kind != TYPE_MAP;
    if (from->kind == TYPE_ARRAY) return to->kind == TYPE_ARRAY && cast_supported(from->sub[0], to->sub[0]);
    if (from->kind == TYPE_MAP) return to->kind == TYPE_MAP;
    if (from->kind == TYPE_TUPLE) return to->kind == TYPE_TUPLE && from->nsub == to->nsub;
    if (to->kind == TYPE_ARRAY || to->kind == TYPE_MAP || to->kind == TYPE_TUPLE) return false;
    if (from->kind == TYPE_UUID) return to->kind == TYPE_UUID || to->kind == TYPE_UINT128;
    if (to->kind == TYPE_UUID) return false;
    return true;
}
