/* text_in.c — parses text into column values; see text.h.
 *
 * Three entry points share the scalar readers here: text_read_whole (a whole
 * string is one value: CAST from String, TSV and CSV fields), text_read_quoted
 * (SQL literals: Values, elements of arrays/tuples/maps) and text_read_json.
 * Input is untrusted: every reader checks bounds against `end`, never assumes
 * NUL termination, and fails with a ClickHouse parse error code.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "text.h"

typedef struct { const char *p, *end; } Cur;

bool text_is_string_like(const DataType *t)
{
    t = type_strip(t);
    return t->kind == TYPE_STRING || t->kind == TYPE_FIXEDSTRING || type_is_enum(t);
}

/* ---- numbers ---- */

static int read_u64(Cur *c, uint64_t *out, bool allow_minus, bool *neg)
{
    const char *p = c->p;
    *neg = false;
    if (p < c->end && (*p == '+' || *p == '-')) {
        if (*p == '-') {
            if (!allow_minus) return ERR_CANNOT_PARSE_NUMBER;
            *neg = true;
        }
        p++;
    }
    if (p >= c->end || !isdigit((unsigned char)*p)) return ERR_CANNOT_PARSE_TEXT;
    uint64_t v = 0;
    bool over = false;
    while (p < c->end && isdigit((unsigned char)*p)) {
        uint64_t d = (uint64_t)(*p++ - '0');
        if (v > (UINT64_MAX - d) / 10) over = true;
        v = v * 10 + d;
    }
    *out = v;
    c->p = p;
    return over ? ERR_VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE : 0;
}

/* In strict mode (to*OrNull / to*OrZero) a value outside [lo, hi] fails. */
static bool int_fits(uint64_t u, bool neg, int64_t lo, uint64_t hi)
{
    return neg ? u <= (uint64_t)(-(lo + 1)) + 1 : u <= hi;
}

static int read_u128(Cur *c, u128 *out, bool *neg)
{
    const char *p = c->p;
    *neg = false;
    if (p < c->end && (*p == '+' || *p == '-')) *neg = *p++ == '-';
    if (p >= c->end || !isdigit((unsigned char)*p)) return ERR_CANNOT_PARSE_TEXT;
    u128 v = 0;
    while (p < c->end && isdigit((unsigned char)*p)) v = v * 10 + (u128)(*p++ - '0');
    *out = v;
    c->p = p;
    return 0;
}

/* Scans a float token: [+-](digits[.digits]|.digits)[e[+-]digits] | inf | infinity | nan */
static int read_f64(Cur *c, double *out)
{
    const char *p = c->p, *s = p;
    if (p < c->end && (*p == '+' || *p == '-')) p++;
    size_t rest = (size_t)(c->end - p);
    if (rest >= 3 && (strncasecmp(p, "inf", 3) == 0 || strncasecmp(p, "nan", 3) == 0)) {
        bool is_nan = (p[0] | 32) == 'n';
        p += 3;
        if (!is_nan && (size_t)(c->end - p) >= 5 && strncasecmp(p, "inity", 5) == 0) p += 5;
        *out = is_nan ? NAN : INFINITY;
        if (*s == '-') *out = -*out;
        c->p = p;
        return 0;
    }
    int digits = 0;
    while (p < c->end && isdigit((unsigned char)*p)) p++, digits++;
    if (p < c->end && *p == '.') {
        p++;
        while (p < c->end && isdigit((unsigned char)*p)) p++, digits++;
    }
    if (!digits) return ERR_CANNOT_PARSE_NUMBER;
    if (p < c->end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        if (q < c->end && (*q == '+' || *q == '-')) q++;
        if (q < c->end && isdigit((unsigned char)*q)) {
            while (q < c->end && isdigit((unsigned char)*q)) q++;
            p = q;
        }
    }
    char tmp[512];
    size_t n = (size_t)(p - s);
    if (n >= sizeof tmp) return ERR_CANNOT_PARSE_NUMBER;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    *out = strtod(tmp, NULL);
    c->p = p;
    return 0;
}

/* Decimal: [+-]digits[.digits][e[+-]n] scaled to `scale`, extra digits truncated. */
static int read_decimal(Cur *c, int scale, int precision, i128 *out)
{
    const char *p = c->p;
    bool neg = false;
    if (p < c->end && (*p == '+' || *p == '-')) neg = *p++ == '-';
    i128 v = 0;
    int digits = 0, frac = 0, sig = 0;
    bool dot = false;
    for (; p < c->end; p++) {
        if (*p == '.' && !dot) {
            dot = true;
            continue;
        }
        if (!isdigit((unsigned char)*p)) break;
        digits++;
        if (dot) {
            if (frac >= scale) continue;
            frac++;
        }
        if (sig || *p != '0') sig++;
        if (sig > 38) return ERR_ARGUMENT_OUT_OF_BOUND;
        v = v * 10 + (*p - '0');
    }
    if (!digits) return ERR_CANNOT_PARSE_TEXT;
    int exp = 0;
    if (p < c->end && (*p == 'e' || *p == 'E')) {
        Cur e = {p + 1, c->end};
        uint64_t ev;
        bool eneg;
        if (read_u64(&e, &ev, true, &eneg) == 0 && ev < 100) {
            exp = eneg ? -(int)ev : (int)ev;
            p = e.p;
        }
    }
    int shift = scale - frac + exp;
    for (; shift > 0; shift--) {
        v *= 10;
        if (++sig > 38) return ERR_ARGUMENT_OUT_OF_BOUND;
    }
    for (; shift < 0; shift++) v /= 10;
    i128 lim = 1;
    for (int i = 0; i < precision; i++) lim *= 10;
    if (v >= lim) return ERR_ARGUMENT_OUT_OF_BOUND;
    *out = neg ? -v : v;
    c->p = p;
    return 0;
}

/* ---- dates ---- */

static int read_digits(Cur *c, int max, int *out)
{
    int n = 0, v = 0;
    while (c->p < c->end && n < max && isdigit((unsigned char)*c->p)) v = v * 10 + (*c->p++ - '0'), n++;
    *out = v;
    return n;
}

/* YYYY-MM-DD (1-2 digit month/day, any one separator) or YYYYMMDD; days since epoch. */
static int read_date(Cur *c, int64_t *days)
{
    Cur s = *c;
    int y, m, d;
    int ny = read_digits(&s, 4, &y);
    if (ny != 4) return ERR_CANNOT_PARSE_DATE;
    if (s.p < s.end && isdigit((unsigned char)*s.p)) {
        if (read_digits(&s, 2, &m) != 2 || read_digits(&s, 2, &d) != 2) return ERR_CANNOT_PARSE_DATE;
    } else {
        if (s.p >= s.end) return ERR_CANNOT_PARSE_DATE;
        s.p++;
        if (!read_digits(&s, 2, &m)) return ERR_CANNOT_PARSE_DATE;
        if (s.p >= s.end) return ERR_CANNOT_PARSE_DATE;
        s.p++;
        if (!read_digits(&s, 2, &d)) return ERR_CANNOT_PARSE_DATE;
    }
    /* As ClickHouse: an impossible month gives day 0 (1970-01-01); a day past
     * the month's end rolls over into the next month. */
    *days = m < 1 || m > 12 ? 0 : days_from_civil(y, (unsigned)m, 1) + d - 1;
    *c = s;
    return 0;
}

/* Date[ T]hh:mm:ss[.frac] or a unix timestamp; returns UTC seconds and fraction ticks,
 * to be added: a date before 1970 has floor seconds and a positive fraction, a
 * negative timestamp (-1.95) both negative. */
static int read_datetime(Cur *c, const Tz *tz, int scale, int64_t *secs, int64_t *frac)
{
    *frac = 0;
    bool neg_ts = false;
    const char *q = c->p;
    while (q < c->end && isdigit((unsigned char)*q)) q++;
    size_t nd = (size_t)(q - c->p);
    bool ts = nd > 0 && (q == c->end || *q == '.') && nd != 8;
    if (ts || (nd > 0 && c->p[0] == '-')) {
        uint64_t v;
        bool neg;
        if (read_u64(c, &v, true, &neg)) return ERR_CANNOT_PARSE_DATETIME;
        *secs = neg ? -(int64_t)v : (int64_t)v;
        neg_ts = neg;
        /* An integer of at least 1e9 seconds' worth of ticks is taken as
         * already scaled (ClickHouse's disambiguation for DateTime64). */
        int64_t mul = 1;
        for (int i = 0; i < scale; i++) mul *= 10;
        if (scale > 0 && !neg && (c->p == c->end || *c->p != '.') && v / (uint64_t)mul >= 1000000000ull) {
            *secs = (int64_t)(v / (uint64_t)mul);
            *frac = (int64_t)(v % (uint64_t)mul);
            return 0;
        }
    } else {
        int64_t days;
        if (read_date(c, &days)) return ERR_CANNOT_PARSE_DATETIME;
        int h = 0, mi = 0, se = 0;
        if (c->p < c->end && (*c->p == ' ' || *c->p == 'T') && c->end - c->p > 1 && !isdigit((unsigned char)c->p[1]) &&
            c->p[1] != ' ')
            return ERR_CANNOT_PARSE_DATETIME;   /* "2024-05-17 xx": a time was expected */
        if (c->end - c->p == 1 && (*c->p == ' ' || *c->p == 'T')) c->p++;   /* "2024-05-17 " */
        if (c->p < c->end && (*c->p == ' ' || *c->p == 'T') && c->end - c->p > 1 && isdigit((unsigned char)c->p[1])) {
            c->p++;
            if (!read_digits(c, 2, &h) || c->p >= c->end || *c->p++ != ':' || !read_digits(c, 2, &mi))
                return ERR_CANNOT_PARSE_DATETIME;
            if (c->p < c->end && *c->p == ':') {
                c->p++;
                if (!read_digits(c, 2, &se)) return ERR_CANNOT_PARSE_DATETIME;
            }
        }
        *secs = tz_local_to_utc(tz, days * 86400 + h * 3600 + mi * 60 + se);
    }
    if (c->p < c->end && *c->p == '.') {
        const char *s = ++c->p;
        int64_t f = 0;
        int n = 0;
        while (c->p < c->end && isdigit((unsigned char)*c->p)) {
            if (n < scale) f = f * 10 + (*c->p - '0'), n++;
            c->p++;
        }
        if (c->p == s) return ERR_CANNOT_PARSE_DATETIME;
        for (; n < scale; n++) f *= 10;
        *frac = neg_ts ? -f : f;
    }
    if (c->p < c->end && *c->p == 'Z') c->p++;
    return 0;
}

/* ---- other scalars ---- */

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    ch = (char)(ch | 32);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

static int read_uuid(Cur *c, uint64_t hl[2])
{
    unsigned char b[16];
    int k = 0;
    const char *p = c->p;
    while (k < 32 && p < c->end) {
        if (*p == '-' && (k == 8 || k == 12 || k == 16 || k == 20)) {
            p++;
            continue;
        }
        int h = hexval(*p);
        if (h < 0) return ERR_CANNOT_PARSE_UUID;
        if (k % 2 == 0) b[k / 2] = (unsigned char)(h << 4);
        else b[k / 2] |= (unsigned char)h;
        k++;
        p++;
    }
    if (k != 32) return ERR_CANNOT_PARSE_UUID;
    hl[0] = hl[1] = 0;
    for (int i = 0; i < 8; i++) {
        hl[0] = hl[0] << 8 | b[i];
        hl[1] = hl[1] << 8 | b[8 + i];
    }
    c->p = p;
    return 0;
}

static int read_ipv4(Cur *c, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int part;
        if (i && (c->p >= c->end || *c->p++ != '.')) return ERR_CANNOT_PARSE_IPV4;
        if (!read_digits(c, 3, &part) || part > 255) return ERR_CANNOT_PARSE_IPV4;
        v = v << 8 | (uint32_t)part;
    }
    *out = v;
    return 0;
}

static int read_ipv6(Cur *c, unsigned char out[16])
{
    unsigned w[8] = {0};
    int n = 0, gap = -1;
    const char *p = c->p;
    if (p + 1 < c->end && p[0] == ':' && p[1] == ':') {
        gap = 0;
        p += 2;
    }
    while (p < c->end && n < 8) {
        const char *s = p;
        unsigned v = 0;
        int digits = 0;
        while (p < c->end && hexval(*p) >= 0 && digits < 4) v = v * 16 + (unsigned)hexval(*p++), digits++;
        if (p < c->end && *p == '.' && n <= 6) {
            Cur sub = {s, c->end};
            uint32_t v4;
            if (read_ipv4(&sub, &v4)) return ERR_CANNOT_PARSE_IPV6;
            w[n++] = v4 >> 16;
            w[n++] = v4 & 0xffff;
            p = sub.p;
            break;
        }
        if (!digits) break;
        w[n++] = v;
        if (p + 1 < c->end && p[0] == ':' && p[1] == ':' && gap < 0) {
            gap = n;
            p += 2;
        } else if (p < c->end && *p == ':' && p + 1 < c->end && hexval(p[1]) >= 0) {
            p++;
        } else {
            break;
        }
    }
    if (gap < 0 && n != 8) return ERR_CANNOT_PARSE_IPV6;
    unsigned full[8] = {0};
    if (gap >= 0) {
        for (int i = 0; i < gap; i++) full[i] = w[i];
        for (int i = gap; i < n; i++) full[8 - (n - i)] = w[i];
    } else {
        memcpy(full, w, sizeof full);
    }
    for (int i = 0; i < 8; i++) {
        out[2 * i] = (unsigned char)(full[i] >> 8);
        out[2 * i + 1] = (unsigned char)full[i];
    }
    c->p = p;
    return 0;
}

static int read_bool(Cur *c, uint8_t *out)
{
    static const struct { const char *s; uint8_t v; } W[] = {
        {"true", 1}, {"false", 0}, {"yes", 1}, {"no", 0}, {"on", 1}, {"off", 0}, {"enable", 1},
        {"disable", 0}, {"1", 1}, {"0", 0}, {"t", 1}, {"f", 0}, {"y", 1}, {"n", 0}};
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++) {
        size_t n = strlen(W[i].s);
        if ((size_t)(c->end - c->p) >= n && strncasecmp(c->p, W[i].s, n) == 0 &&
            (c->p + n == c->end || !isalnum((unsigned char)c->p[n]))) {
            *out = W[i].v;
            c->p += n;
            return 0;
        }
    }
    return ERR_CANNOT_PARSE_BOOL;
}

/* Reads a fixed-width scalar (not String) from c and appends it to col. */
static int read_fixed_scalar(Cur *c, Column *col, const FormatSettings *fs)
{
    const DataType *t = col->type;
    uint64_t u;
    bool neg;
    int rc;
    switch (t->kind) {
    case TYPE_UINT8: case TYPE_UINT16: case TYPE_UINT32: case TYPE_UINT64:
        rc = read_u64(c, &u, false, &neg);
        if (rc && (rc != ERR_VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE || fs->strict_numbers)) return rc;
        if (fs->strict_numbers && !int_fits(u, false, 0, t->kind == TYPE_UINT64 ? UINT64_MAX : (1ull << (8 * t->size)) - 1))
            return ERR_VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE;
        if (t->kind == TYPE_UINT8) COL_PUSH(col, uint8_t, (uint8_t)u);
        else if (t->kind == TYPE_UINT16) COL_PUSH(col, uint16_t, (uint16_t)u);
        else if (t->kind == TYPE_UINT32) COL_PUSH(col, uint32_t, (uint32_t)u);
        else COL_PUSH(col, uint64_t, u);
        return 0;
    case TYPE_INT8: case TYPE_INT16: case TYPE_INT32: case TYPE_INT64: case TYPE_INTERVAL: {
        rc = read_u64(c, &u, true, &neg);
        if (rc && (rc != ERR_VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE || fs->strict_numbers)) return rc;
        if (fs->strict_numbers) {
            int bits = 8 * t->size;
            int64_t lo = bits == 64 ? INT64_MIN : -(1ll << (bits - 1));
            uint64_t hi = bits == 64 ? (uint64_t)INT64_MAX : (1ull << (bits - 1)) - 1;
            if (!int_fits(u, neg, lo, hi)) return ERR_VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE;
        }
        int64_t v = neg ? (int64_t)(0 - u) : (int64_t)u;
        if (t->kind == TYPE_INT8) COL_PUSH(col, int8_t, (int8_t)v);
        else if (t->kind == TYPE_INT16) COL_PUSH(col, int16_t, (int16_t)v);
        else if (t->kind == TYPE_INT32) COL_PUSH(col, int32_t, (int32_t)v);
        else COL_PUSH(col, int64_t, v);
        return 0;
    }
    case TYPE_UINT128: case TYPE_INT128: {
        u128 v;
        if ((rc = read_u128(c, &v, &neg))) return rc;
        if (neg) v = 0 - v;
        col_push_fixed(col, &v);
        return 0;
    }
    case TYPE_FLOAT32: case TYPE_FLOAT64: {
        double d;
        if ((rc = read_f64(c, &d))) return rc;
        if (t->kind == TYPE_FLOAT32) COL_PUSH(col, float, (float)d);
        else COL_PUSH(col, double, d);
        return 0;
    }
    case TYPE_BOOL: {
        uint8_t b;
        if ((rc = read_bool(c, &b))) return rc;
        COL_PUSH(col, uint8_t, b);
        return 0;
    }
    case TYPE_DATE: case TYPE_DATE32: {
        int64_t d;
        if ((rc = read_date(c, &d))) return rc;
        if (t->kind == TYPE_DATE) COL_PUSH(col, uint16_t, (uint16_t)(d < 0 ? 0 : d > 65535 ? 65535 : d));
        else COL_PUSH(col, int32_t, (int32_t)(d < DATE32_MIN ? DATE32_MIN : d > DATE32_MAX ? DATE32_MAX : d));
        return 0;
    }
    case TYPE_DATETIME: case TYPE_DATETIME64: {
        int64_t s, f;
        int scale = t->kind == TYPE_DATETIME64 ? t->p1 : 0;
        if ((rc = read_datetime(c, text_type_tz(t, fs), scale, &s, &f))) return rc;
        if (t->kind == TYPE_DATETIME) {
            COL_PUSH(col, uint32_t, (uint32_t)(s < 0 ? 0 : s > 4294967295LL ? 4294967295LL : s));
        } else {
            int64_t mul = 1;
            for (int i = 0; i < scale; i++) mul *= 10;
            /* out of range wraps (no signed overflow) */
            COL_PUSH(col, int64_t, (int64_t)((uint64_t)s * (uint64_t)mul + (uint64_t)f));
        }
        return 0;
    }
    case TYPE_DECIMAL32: case TYPE_DECIMAL64: case TYPE_DECIMAL128: {
        i128 v;
        if ((rc = read_decimal(c, t->p2, t->p1, &v))) return rc;
        if (t->kind == TYPE_DECIMAL32) COL_PUSH(col, int32_t, (int32_t)v);
        else if (t->kind == TYPE_DECIMAL64) COL_PUSH(col, int64_t, (int64_t)v);
        else COL_PUSH(col, i128, v);
        return 0;
    }
    case TYPE_UUID: {
        uint64_t hl[2];
        if ((rc = read_uuid(c, hl))) return rc;
        col_push_fixed(col, hl);
        return 0;
    }
    case TYPE_IPV4: {
        uint32_t v;
        if ((rc = read_ipv4(c, &v))) return rc;
        COL_PUSH(col, uint32_t, v);
        return 0;
    }
    case TYPE_IPV6: {
        unsigned char v[16];
        if ((rc = read_ipv6(c, v))) return rc;
        col_push_fixed(col, v);
        return 0;
    }
    case TYPE_NOTHING:
        return ERR_CANNOT_PARSE_TEXT;
    default:
        return ERR_CANNOT_PARSE_TEXT;
    }
}

static int push_enum(Column *col, const char *s, size_t n, Err *err)
{
    int v;
    if (!type_enum_value(col->type, s, n, &v)) {
        /* A number naming an existing value is accepted too. */
        char tmp[16];
        if (n == 0 || n >= sizeof tmp) goto bad;
        memcpy(tmp, s, n);
        tmp[n] = 0;
        char *e;
        long x = strtol(tmp, &e, 10);
        if (*e || !type_enum_name(col->type, (int)x)) goto bad;
        v = (int)x;
    }
    if (col->type->kind == TYPE_ENUM8) COL_PUSH(col, int8_t, (int8_t)v);
    else COL_PUSH(col, int16_t, (int16_t)v);
    return 0;
bad:
    return err_set(err, ERR_UNKNOWN_ELEMENT_OF_ENUM, "Unknown element '%.*s' for enum", (int)(n > 200 ? 200 : n), s);
}

/* ---- quoted (SQL literal) values ---- */

/* Reads '...' at in->p into out (unescaped). */
static int read_quoted_string(TextIn *in, Buf *out, char q)
{
    if (in->p >= in->end || *in->p != q) return ERR_CANNOT_PARSE_QUOTED_STRING;
    const char *p = in->p + 1;
    for (;;) {
        if (p >= in->end) return ERR_CANNOT_PARSE_QUOTED_STRING;
        char ch = *p++;
        if (ch == q) {
            if (p < in->end && *p == q) {
                buf_putc(out, q);
                p++;
                continue;
            }
            break;
        }
        if (ch == '\\' && p < in->end) {
            ch = *p++;
            switch (ch) {
            case 'n': ch = '\n'; break;
            case 't': ch = '\t'; break;
            case 'r': ch = '\r'; break;
            case 'b': ch = '\b'; break;
            case 'f': ch = '\f'; break;
            case '0': ch = '\0'; break;
            case 'a': ch = '\a'; break;
            case 'v': ch = '\v'; break;
            case 'e': ch = 27; break;
            case 'x':
                if (p + 1 < in->end && hexval(p[0]) >= 0 && hexval(p[1]) >= 0) {
                    ch = (char)(hexval(p[0]) * 16 + hexval(p[1]));
                    p += 2;
                } else {
                    buf_putc(out, '\\');
                }
                break;
            default: break;
            }
        }
        buf_putc(out, ch);
    }
    in->p = p;
    return 0;
}

static bool match_word(TextIn *in, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(in->end - in->p) >= n && strncasecmp(in->p, w, n) == 0 &&
        (in->p + n == in->end || !(isalnum((unsigned char)in->p[n]) || in->p[n] == '_'))) {
        in->p += n;
        return true;
    }
    return false;
}

static int parse_err(Err *err, int code, const TextIn *in, const DataType *t)
{
    int n = (int)(in->end - in->p);
    if (n > 40) n = 40;
    return err_set(err, code ? code : ERR_CANNOT_PARSE_TEXT, "Cannot parse input: expected a value of type %s before: '%.*s'",
                   t->name, n, in->p);
}

static int read_quoted_composite(TextIn *in, Column *c, const FormatSettings *fs, Err *err);

int text_read_quoted(TextIn *in, Column *c, const FormatSettings *fs, Err *err)
{
    text_skip_ws(in);
    const DataType *t = c->type;
    switch (t->kind) {
    case TYPE_NULLABLE:
        if (match_word(in, "NULL")) {
            col_push_null(c);
            return 0;
        } else {
            int rc = text_read_quoted(in, c->sub[0], fs, err);
            if (rc) return rc;
            col_nullable_commit(c, false);
            return 0;
        }
    case TYPE_LOWCARDINALITY: {
        int rc = text_read_quoted(in, c->sub[0], fs, err);
        if (!rc) c->rows++;
        return rc;
    }
    case TYPE_ARRAY: case TYPE_TUPLE: case TYPE_MAP:
        return read_quoted_composite(in, c, fs, err);
    case TYPE_STRING: case TYPE_FIXEDSTRING: case TYPE_ENUM8: case TYPE_ENUM16: {
        Buf s = {0};
        int rc = read_quoted_string(in, &s, '\'');
        if (rc) {
            buf_free(&s);
            return parse_err(err, rc, in, t);
        }
        if (type_is_enum(t)) rc = push_enum(c, s.data, s.len, err);
        else if (t->kind == TYPE_FIXEDSTRING && s.len > (size_t)t->p1)
            rc = err_set(err, ERR_TOO_LARGE_STRING_SIZE, "Too large value for FixedString(%d)", t->p1);
        else col_push_str(c, s.data, s.len);
        buf_free(&s);
        return rc;
    }
    default: {
        if (in->p < in->end && *in->p == '\'') {
            Buf s = {0};
            int rc = read_quoted_string(in, &s, '\'');
            if (!rc) rc = text_read_whole(s.data, s.len, c, fs, err);
            else rc = parse_err(err, rc, in, t);
            buf_free(&s);
            return rc;
        }
        if (t->kind == TYPE_BOOL || type_is_number(t) || type_is_decimal(t) || t->kind == TYPE_NOTHING) {
            Cur cur = {in->p, in->end};
            int rc = read_fixed_scalar(&cur, c, fs);
            if (rc) return parse_err(err, rc, in, t);
            in->p = cur.p;
            return 0;
        }
        Cur cur = {in->p, in->end};
        int rc = read_fixed_scalar(&cur, c, fs);
        if (rc) return parse_err(err, rc, in, t);
        in->p = cur.p;
        return 0;
    }
    }
}

static int expect(TextIn *in, char ch, Err *err)
{
    text_skip_ws(in);
    if (in->p < in->end && *in->p == ch) {
        in->p++;
        return 0;
    }
    int n = (int)(in->end - in->p);
    if (n > 40) n = 40;
    return err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse input: expected '%c' before: '%.*s'", ch, n, in->p);
}

static bool peek(TextIn *in, char ch)
{
    text_skip_ws(in);
    return in->p < in->end && *in->p == ch;
}

static int read_quoted_composite(TextIn *in, Column *c, const FormatSettings *fs, Err *err)
{
    size_t rows0 = c->rows;
    int rc;
    const DataType *t = c->type;
    if (t->kind == TYPE_TUPLE) {
        if ((rc = expect(in, '(', err))) return rc;
        for (int k = 0; k < c->nsub; k++) {
            if (k && (rc = expect(in, ',', err))) goto fail;
            if ((rc = text_read_quoted(in, c->sub[k], fs, err))) goto fail;
        }
        if ((rc = expect(in, ')', err))) goto fail;
        c->rows++;
        return 0;
    }
    char open = t->kind == TYPE_ARRAY ? '[' : '{', close = t->kind == TYPE_ARRAY ? ']' : '}';
    if ((rc = expect(in, open, err))) return rc;
    if (!peek(in, close)) {
        for (;;) {
            if ((rc = text_read_quoted(in, c->sub[0], fs, err))) goto fail;
            if (t->kind == TYPE_MAP) {
                if ((rc = expect(in, ':', err))) goto fail;
                if ((rc = text_read_quoted(in, c->sub[1], fs, err))) goto fail;
            }
            if (!peek(in, ',')) break;
            in->p++;
        }
    }
    if ((rc = expect(in, close, err))) goto fail;
    col_close_array(c);
    return 0;
fail:
    col_truncate(c, rows0);
    if (t->kind == TYPE_TUPLE)
        for (int k = 0; k < c->nsub; k++) col_truncate(c->sub[k], rows0);
    else
        for (int k = 0; k < c->nsub; k++) col_truncate(c->sub[k], rows0 ? COL_OFFS(c)[rows0 - 1] : 0);
    return rc;
}

/* ---- whole-string values ---- */

int text_read_whole(const char *s, size_t n, Column *c, const FormatSettings *fs, Err *err)
{
    if (!s) s = "";   /* an empty value from an empty buffer */
    const DataType *t = c->type;
    switch (t->kind) {
    case TYPE_STRING:
        col_push_str(c, s, n);
        return 0;
    case TYPE_FIXEDSTRING:
        if (n > (size_t)t->p1) return err_set(err, ERR_TOO_LARGE_STRING_SIZE, "Too large value for FixedString(%d)", t->p1);
        col_push_str(c, s, n);
        return 0;
    case TYPE_ENUM8: case TYPE_ENUM16:
        return push_enum(c, s, n, err);
    case TYPE_NULLABLE: {
        if ((n == 2 && s[0] == '\\' && s[1] == 'N')) {
            col_push_null(c);
            return 0;
        }
        int rc = text_read_whole(s, n, c->sub[0], fs, err);
        if (rc) return rc;
        col_nullable_commit(c, false);
        return 0;
    }
    case TYPE_LOWCARDINALITY: {
        int rc = text_read_whole(s, n, c->sub[0], fs, err);
        if (!rc) c->rows++;
        return rc;
    }
    case TYPE_ARRAY: case TYPE_TUPLE: case TYPE_MAP: {
        TextIn in = {s, s + n};
        size_t rows0 = c->rows;
        int rc = read_quoted_composite(&in, c, fs, err);
        if (rc) return rc;
        text_skip_ws(&in);
        if (in.p != in.end) {
            col_truncate(c, rows0);
            return err_set(err, ERR_CANNOT_PARSE_TEXT, "Cannot parse string '%.*s' as %s: syntax error at position %d",
                           (int)(n > 200 ? 200 : n), s, t->name, (int)(in.p - s));
        }
        return 0;
    }
    default: {
        Cur cur = {s, s + n};
        int rc = read_fixed_scalar(&cur, c, fs);
        if (rc == ERR_CANNOT_PARSE_TEXT && n == 0)
            return err_set(err, ERR_ATTEMPT_TO_READ_AFTER_EOF,
                           "Attempt to read after eof: Cannot parse %s from String, because value is too short", t->name);
        if (rc == ERR_CANNOT_PARSE_NUMBER && n && s[0] == '-' && type_is_uint(t))
            return err_set(err, rc, "Unsigned type must not contain '-' symbol: Cannot parse %s from String", t->name);
        if (rc)
            return err_set(err, rc, "Cannot parse string '%.*s' as %s: syntax error at begin of string",
                           (int)(n > 200 ? 200 : n), s, t->name);
        if (cur.p != cur.end) {
            col_pop(c);
            return err_set(err, ERR_CANNOT_PARSE_TEXT,
                           "Cannot parse string '%.*s' as %s: syntax error at position %d (parsed just '%.*s')",
                           (int)(n > 200 ? 200 : n), s, t->name, (int)(cur.p - s), (int)(cur.p - s), s);
        }
        return 0;
    }
    }
}

void text_unescape_tsv(const char *s, size_t n, Buf *out)
{
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '\\' && i + 1 < n) {
            ch = s[++i];
            switch (ch) {
            case 'n': ch = '\n'; break;
            case 't': ch = '\t'; break;
            case 'r': ch = '\r'; break;
            case 'b': ch = '\b'; break;
            case 'f': ch = '\f'; break;
            case '0': ch = '\0'; break;
            case 'a': ch = '\a'; break;
            case 'v': ch = '\v'; break;
            case 'e': ch = 27; break;
            case 'x':
                if (i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
                    ch = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
                    i += 2;
                }
                break;
            default: break;
            }
        }
        buf_putc(out, ch);
    }
}

/* ---- JSON ---- */

static void put_utf8(Buf *out, uint32_t cp)
{
    if (cp < 0x80) buf_putc(out, (char)cp);
    else if (cp < 0x800) {
        buf_putc(out, (char)(0xC0 | cp >> 6));
        buf_putc(out, (char)(0x80 | (cp & 63)));
    } else if (cp < 0x10000) {
        buf_putc(out, (char)(0xE0 | cp >> 12));
        buf_putc(out, (char)(0x80 | ((cp >> 6) & 63)));
        buf_putc(out, (char)(0x80 | (cp & 63)));
    } else {
        buf_putc(out, (char)(0xF0 | cp >> 18));
        buf_putc(out, (char)(0x80 | ((cp >> 12) & 63)));
        buf_putc(out, (char)(0x80 | ((cp >> 6) & 63)));
        buf_putc(out, (char)(0x80 | (cp & 63)));
    }
}

static int read_hex4(const char *p, const char *end, uint32_t *out)
{
    if (end - p < 4) return -1;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0) return -1;
        v = v * 16 + (uint32_t)h;
    }
    *out = v;
    return 0;
}

int text_read_json_string(TextIn *in, Buf *out, Err *err)
{
    text_skip_ws(in);
    if (in->p >= in->end || *in->p != '"')
        return err_set(err, ERR_CANNOT_PARSE_QUOTED_STRING, "Cannot parse JSON string: expected opening quote");
    const char *p = in->p + 1;
    while (p < in->end && *p != '"') {
        char ch = *p++;
        if (ch != '\\') {
            buf_putc(out, ch);
            continue;
        }
        if (p >= in->end) break;
        ch = *p++;
        switch (ch) {
        case 'n': buf_putc(out, '\n'); break;
        case 't': buf_putc(out, '\t'); break;
        case 'r': buf_putc(out, '\r'); break;
        case 'b': buf_putc(out, '\b'); break;
        case 'f': buf_putc(out, '\f'); break;
        case 'u': {
            uint32_t cp;
            if (read_hex4(p, in->end, &cp)) return err_set(err, ERR_CANNOT_PARSE_ESCAPE_SEQUENCE, "Cannot parse escape sequence");
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && in->end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                uint32_t lo;
                if (read_hex4(p + 2, in->end, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            put_utf8(out, cp);
            break;
        }
        default: buf_putc(out, ch); break;
        }
    }
    if (p >= in->end) return err_set(err, ERR_CANNOT_PARSE_QUOTED_STRING, "Cannot parse JSON string: expected closing quote");
    in->p = p + 1;
    return 0;
}

int text_skip_json(TextIn *in, Err *err)
{
    text_skip_ws(in);
    if (in->p >= in->end) return err_set(err, ERR_INCORRECT_DATA, "Unexpected end of JSON");
    char ch = *in->p;
    if (ch == '"') {
        Buf tmp = {0};
        int rc = text_read_json_string(in, &tmp, err);
        buf_free(&tmp);
        return rc;
    }
    if (ch == '[' || ch == '{') {
        char close = ch == '[' ? ']' : '}';
        in->p++;
        if (peek(in, close)) {
            in->p++;
            return 0;
        }
        for (;;) {
            int rc;
            if (ch == '{') {
                Buf tmp = {0};
                rc = text_read_json_string(in, &tmp, err);
                buf_free(&tmp);
                if (rc || (rc = expect(in, ':', err))) return rc;
            }
            if ((rc = text_skip_json(in, err))) return rc;
            if (peek(in, ',')) {
                in->p++;
                continue;
            }
            return expect(in, close, err);
        }
    }
    const char *s = in->p;
    while (in->p < in->end && (isalnum((unsigned char)*in->p) || *in->p == '-' || *in->p == '+' || *in->p == '.')) in->p++;
    if (in->p == s) return err_set(err, ERR_INCORRECT_DATA, "Cannot parse JSON value at '%c'", ch);
    return 0;
}

static int read_json_composite(TextIn *in, Column *c, const FormatSettings *fs, Err *err)
{
    const DataType *t = c->type;
    int rc;
    if (t->kind == TYPE_ARRAY || (t->kind == TYPE_TUPLE && peek(in, '['))) {
        if ((rc = expect(in, '[', err))) return rc;
        if (t->kind == TYPE_TUPLE) {
            for (int k = 0; k < c->nsub; k++) {
                if (k && (rc = expect(in, ',', err))) return rc;
                if ((rc = text_read_json(in, c->sub[k], fs, err))) return rc;
            }
            if ((rc = expect(in, ']', err))) return rc;
            c->rows++;
            return 0;
        }
        if (!peek(in, ']'))
            for (;;) {
                if ((rc = text_read_json(in, c->sub[0], fs, err))) return rc;
                if (!peek(in, ',')) break;
                in->p++;
            }
        if ((rc = expect(in, ']', err))) return rc;
        col_close_array(c);
        return 0;
    }
    if ((rc = expect(in, '{', err))) return rc;
    if (t->kind == TYPE_TUPLE) {
        /* Named tuple from an object: elements by name, missing ones default. */
        size_t r0 = c->rows;
        uint8_t seen[256] = {0};
        if (!peek(in, '}'))
            for (;;) {
                Buf key = {0};
                if ((rc = text_read_json_string(in, &key, err)) || (rc = expect(in, ':', err))) {
                    buf_free(&key);
                    return rc;
                }
                int k = -1;
                for (int i = 0; t->names && i < c->nsub; i++)
                    if (strlen(t->names[i]) == key.len && memcmp(t->names[i], key.data, key.len) == 0) k = i;
                buf_free(&key);
                if (k >= 0 && k < 256 && !seen[k]) {
                    seen[k] = 1;
                    if ((rc = text_read_json(in, c->sub[k], fs, err))) return rc;
                } else if ((rc = text_skip_json(in, err))) {
                    return rc;
                }
                if (!peek(in, ',')) break;
                in->p++;
            }
        if ((rc = expect(in, '}', err))) return rc;
        for (int k = 0; k < c->nsub; k++)
            if (c->sub[k]->rows == r0) col_push_default(c->sub[k]);
        c->rows++;
        return 0;
    }
    if (!peek(in, '}'))
        for (;;) {
            Buf key = {0};
            if ((rc = text_read_json_string(in, &key, err))) {
                buf_free(&key);
                return rc;
            }
            rc = text_read_whole(key.data, key.len, c->sub[0], fs, err);
            buf_free(&key);
            if (rc || (rc = expect(in, ':', err)) || (rc = text_read_json(in, c->sub[1], fs, err))) return rc;
            if (!peek(in, ',')) break;
            in->p++;
        }
    if ((rc = expect(in, '}', err))) return rc;
    col_close_array(c);
    return 0;
}

int text_read_json(TextIn *in, Column *c, const FormatSettings *fs, Err *err)
{
    text_skip_ws(in);
    const DataType *t = c->type;
    if (in->p >= in->end) return err_set(err, ERR_INCORRECT_DATA, "Unexpected end of JSON data");
    if (match_word(in, "null")) {
        if (t->kind == TYPE_NULLABLE || (t->kind == TYPE_LOWCARDINALITY && t->sub[0]->kind == TYPE_NULLABLE)) {
            if (t->kind == TYPE_NULLABLE) col_push_null(c);
            else {
                col_push_null(c->sub[0]);
                c->rows++;
            }
        } else {
            col_push_default(c);
        }
        return 0;
    }
    switch (t->kind) {
    case TYPE_NULLABLE: {
        int rc = text_read_json(in, c->sub[0], fs, err);
        if (!rc) col_nullable_commit(c, false);
        return rc;
    }
    case TYPE_LOWCARDINALITY: {
        int rc = text_read_json(in, c->sub[0], fs, err);
        if (!rc) c->rows++;
        return rc;
    }
    case TYPE_ARRAY: case TYPE_TUPLE: case TYPE_MAP:
        return read_json_composite(in, c, fs, err);
    default:
        break;
    }
    if (*in->p == '"') {
        Buf s = {0};
        int rc = text_read_json_string(in, &s, err);
        if (!rc) rc = text_read_whole(s.data, s.len, c, fs, err);
        buf_free(&s);
        return rc;
    }
    const char *start = in->p;
    if (match_word(in, "true") || match_word(in, "false")) {
        bool v = (*start | 32) == 't';
        if (t->kind == TYPE_STRING) {
            col_push_str(c, start, (size_t)(in->p - start));
            return 0;
        }
        if (t->kind == TYPE_BOOL || type_is_number(t)) return text_read_whole(v ? "1" : "0", 1, c, fs, err);
        return err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse %s from JSON boolean", t->name);
    }
    while (in->p < in->end && (isalnum((unsigned char)*in->p) || *in->p == '-' || *in->p == '+' || *in->p == '.')) in->p++;
    if (in->p == start) return err_set(err, ERR_CANNOT_PARSE_INPUT_ASSERTION_FAILED, "Cannot parse JSON value of type %s at '%c'", t->name, *start);
    if ((t->kind == TYPE_DATE || t->kind == TYPE_DATE32) && (isdigit((unsigned char)*start) || *start == '-')) {
        /* a JSON number for a date is a day number */
        char *e;
        char tmp[32];
        size_t n = (size_t)(in->p - start);
        if (n < sizeof tmp) {
            memcpy(tmp, start, n);
            tmp[n] = 0;
            long long d = strtoll(tmp, &e, 10);
            if (*e == 0) {
                if (t->kind == TYPE_DATE) COL_PUSH(c, uint16_t, (uint16_t)(d < 0 ? 0 : d > 65535 ? 65535 : d));
                else COL_PUSH(c, int32_t, (int32_t)(d < DATE32_MIN ? DATE32_MIN : d > DATE32_MAX ? DATE32_MAX : d));
                return 0;
            }
        }
    }
    return text_read_whole(start, (size_t)(in->p - start), c, fs, err);
}
