/* f_conv.c — type conversion functions: toT / toTOrZero / toTOrNull /
 * toTOrDefault for every number type, toString, toFixedString, toDate(32),
 * toDateTime(64), toDecimal*, toBool, toUUID, toIPv4/6, CAST / _CAST /
 * accurateCast(OrNull), and parseDateTime(64)BestEffort(OrNull|OrZero).
 * All go through col_cast (column/cast.c), which owns the semantics.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "func.h"

typedef struct ConvState { const DataType *to; CastMode mode; } ConvState;

static const struct { const char *name; TypeKind kind; } TARGETS[] = {
    {"UInt8", TYPE_UINT8}, {"UInt16", TYPE_UINT16}, {"UInt32", TYPE_UINT32}, {"UInt64", TYPE_UINT64},
    {"UInt128", TYPE_UINT128}, {"Int8", TYPE_INT8}, {"Int16", TYPE_INT16}, {"Int32", TYPE_INT32},
    {"Int64", TYPE_INT64}, {"Int128", TYPE_INT128}, {"Float32", TYPE_FLOAT32}, {"Float64", TYPE_FLOAT64},
    {"Date", TYPE_DATE}, {"Date32", TYPE_DATE32}, {"UUID", TYPE_UUID}, {"IPv4", TYPE_IPV4}, {"IPv6", TYPE_IPV6},
    {"Bool", TYPE_BOOL}, {"String", TYPE_STRING},
};

/* Splits "toUInt8OrNull" into target kind and mode. */
static bool parse_conv_name(const char *name, TypeKind *kind, CastMode *mode)
{
    if (strncmp(name, "to", 2) != 0) return false;
    const char *rest = name + 2;
    for (size_t i = 0; i < sizeof TARGETS / sizeof TARGETS[0]; i++) {
        size_t n = strlen(TARGETS[i].name);
        if (strncmp(rest, TARGETS[i].name, n) != 0) continue;
        const char *suffix = rest + n;
        CastMode m;
        if (!*suffix) m = CAST_THROW;
        else if (!strcmp(suffix, "OrZero")) m = CAST_OR_ZERO;
        else if (!strcmp(suffix, "OrNull")) m = CAST_OR_NULL;
        else if (!strcmp(suffix, "OrDefault")) m = CAST_OR_DEFAULT;
        else continue;
        *kind = TARGETS[i].kind;
        *mode = m;
        return true;
    }
    return false;
}

static int conv_resolve(FuncCall *fc, Err *err)
{
    ConvState *st = arena_alloc(&fc->q->arena, sizeof *st);
    TypeKind kind;
    if (!parse_conv_name(fc->def->name, &kind, &st->mode))
        return err_set(err, ERR_LOGICAL_ERROR, "bad conversion function %s", fc->def->name);
    const DataType *to = type_basic(kind);
    const DataType *from = fc->types[0];
    if (fc->nargs == 2 && st->mode != CAST_OR_DEFAULT && (kind == TYPE_DATE || kind == TYPE_DATE32) &&
        !(from->kind == TYPE_DATETIME || from->kind == TYPE_DATETIME64))
        return fn_err_arg_type(fc, 1, err);
    if ((kind == TYPE_STRING || kind == TYPE_DATE || kind == TYPE_DATE32) && fc->nargs == 2 && type_is_date_or_time(from)) {
        /* toString(datetime, 'tz'), toDate(datetime, 'tz') */
        const char *tz;
        size_t n;
        if (!fn_const_str(fc, 1, &tz, &n)) return fn_err_const(fc, 1, err);
    }
    if (!cast_supported(from, to) && from->kind != TYPE_NOTHING)
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of argument of function %s", from->name, fc->name);
    if (st->mode == CAST_OR_DEFAULT && fc->nargs == 2) {
        if (type_strip(fc->types[1]) != to)
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Default value type %s should be %s in function %s", fc->types[1]->name, to->name, fc->name);
    }
    st->to = to;
    fc->ret = st->mode == CAST_OR_NULL ? type_nullable(to) : to;
    fc->state = st;
    return 0;
}

static int conv_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    ConvState *st = fc->state;
    FormatSettings fs;
    fn_format_settings(fc->q, &fs);
    Column *src = args[0];
    if ((st->to->kind == TYPE_STRING || st->to->kind == TYPE_DATE || st->to->kind == TYPE_DATE32) && fc->nargs == 2 &&
        type_is_date_or_time(src->type) && st->mode != CAST_OR_DEFAULT) {
        const char *tz;
        size_t n;
        fn_const_str(fc, 1, &tz, &n);
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)n, tz);
        const Tz *z;
        int rc = tz_get(name, &z, err);
        if (rc) return rc;
        fs.tz = z;
        Column *re = col_retag(src, src->type->kind == TYPE_DATETIME64 ? type_datetime64(src->type->p1, NULL) : type_datetime(NULL));
        rc = col_cast(re, st->to, CAST_THROW, &fs, out, err);
        col_unref(re);
        return rc;
    }
    if (st->mode == CAST_OR_DEFAULT) {
        Column *r;
        int rc = col_cast(src, type_nullable(st->to), CAST_OR_NULL, &fs, &r, err);
        if (rc) return rc;
        Column *res = col_new(st->to);
        for (size_t i = 0; i < rows; i++) {
            if (col_is_null(r, i)) {
                if (fc->nargs == 2) {
                    Column *d = args[1];
                    if (d->type->kind == TYPE_NULLABLE) d = d->sub[0];
                    col_push_from(res, d, col_phys(args[1], i));
                } else {
                    col_push_default(res);
                }
            } else {
                col_push_from(res, r->sub[0], col_phys(r, i));
            }
        }
        col_unref(r);
        *out = res;
        return 0;
    }
    return col_cast(src, fc->ret, st->mode, &fs, out, err);
}

/* ---- CAST ---- */

static int cast_resolve(FuncCall *fc, Err *err)
{
    const char *s;
    size_t n;
    if (!fn_const_str(fc, 1, &s, &n))
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Second argument to CAST must be a constant string describing type");
    const DataType *to;
    int rc = type_parse_n(s, n, &to, err);
    if (rc) return rc;
    const DataType *from = fc->types[0];
    if (!cast_supported(from, to))
        return err_set(err, ERR_CANNOT_CONVERT_TYPE, "Conversion from %s to %s is not supported", from->name, to->name);
    ConvState *st = arena_alloc(&fc->q->arena, sizeof *st);
    st->to = to;
    st->mode = CAST_THROW;
    if (!strcmp(fc->def->name, "accurateCastOrDefault")) {
        if (fc->nargs < 3) return err_set(err, ERR_NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function accurateCastOrDefault needs 3 arguments");
        if (fc->types[2] != to)
            return err_set(err, ERR_BAD_ARGUMENTS, "Default value type should be same as cast type. Expected %s. Actual %s",
                           to->name, fc->types[2]->name);
    }
    if (strncmp(fc->def->name, "accurateCastOrNull", 18) == 0) {
        st->mode = CAST_OR_NULL;
        if (type_can_be_nullable(to)) to = type_nullable(to);
        st->to = to;
    }
    fc->state = st;
    fc->ret = to;
    return 0;
}

static bool plain_number(const DataType *t) { return type_is_number(t) || t->kind == TYPE_BOOL; }

/* accurateCast*: a number must survive the conversion exactly (no overflow,
 * no lost fraction); returns a 0/1 mask of rows that did not. */
static uint8_t *inexact_rows(Column *src, Column *dst, size_t rows)
{
    Column *d = dst->type->kind == TYPE_NULLABLE ? dst->sub[0] : dst;
    uint8_t *bad = mem_calloc(rows ? rows : 1);
    bool float_src = type_is_float(src->type), float_dst = type_is_float(d->type);
    for (size_t i = 0; i < rows; i++) {
        if (col_is_null(src, i)) continue;
        if (float_src || float_dst) {
            double x = col_get_f64(src, i);
            double y = col_get_f64(d, i);
            bad[i] = !(x == y || (x != x && y != y));
            if (!float_dst && !bad[i]) bad[i] = (double)col_get_i128(d, i) != x;
        } else {
            bad[i] = col_get_i128(src, i) != col_get_i128(d, i);
        }
    }
    return bad;
}

static int cast_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    ConvState *st = fc->state;
    FormatSettings fs;
    fn_format_settings(fc->q, &fs);
    const DataType *to = st->mode == CAST_OR_NULL && fc->ret->kind == TYPE_NULLABLE ? fc->ret : st->to;
    const char *n = fc->def->name;
    bool accurate = !strncmp(n, "accurateCast", 12);
    Column *src = args[0];
    const DataType *target = type_strip_nullable(to);
    if (!accurate || !plain_number(type_strip_nullable(src->type)) || !plain_number(target))
        return col_cast(src, to, st->mode, &fs, out, err);
    Column *res;
    int rc = col_cast(src, to, CAST_THROW, &fs, &res, err);
    if (rc) return rc;
    Column *s0 = src->type->kind == TYPE_NULLABLE ? src->sub[0] : src;
    Column *full = col_materialize(s0);
    uint8_t *bad = inexact_rows(full, res, rows);
    col_unref(full);
    bool any = false;
    for (size_t i = 0; i < rows; i++) any |= bad[i] && !col_is_null(src, i);
    if (any) {
        if (!strcmp(n, "accurateCast")) {
            mem_free(bad, rows ? rows : 1);
            col_unref(res);
            return err_set(err, ERR_CANNOT_CONVERT_TYPE, "Value in column %s cannot be safely converted into type %s",
                           type_strip_nullable(src->type)->name, target->name);
        }
        Column *r = col_new(fc->ret);
        for (size_t i = 0; i < rows; i++) {
            if (!bad[i]) col_push_from(r, res, i);
            else if (fc->ret->kind == TYPE_NULLABLE) col_push_null(r);
            else col_push_from(r, args[2], i);   /* accurateCastOrDefault */
        }
        col_unref(res);
        res = r;
    }
    mem_free(bad, rows ? rows : 1);
    *out = res;
    return 0;
}

/* ---- toFixedString(s, N) ---- */

static int fixed_resolve(FuncCall *fc, Err *err)
{
    int64_t n;
    if (!fn_const_int(fc, 1, &n)) return fn_err_const(fc, 1, err);
    if (n <= 0 || n > (1 << 24)) return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "FixedString size is out of bounds");
    if (!type_is_stringy(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_fixedstring((int)n);
    return 0;
}

static int fixed_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    return fn_cast(fc, args[0], fc->ret, out, err);
}

/* ---- toDate/toDateTime with a zone, toDateTime64, toDecimal ---- */

static int tz_arg(FuncCall *fc, int i, const char **tz, Err *err)
{
    *tz = NULL;
    if (fc->nargs <= i) return 0;
    const char *s;
    size_t n;
    if (!fn_const_str(fc, i, &s, &n)) return fn_err_const(fc, i, err);
    char *name = arena_strndup(&fc->q->arena, s, n);
    const Tz *z;
    int rc = tz_get(name, &z, err);
    if (rc) return rc;
    *tz = *name ? name : NULL;
    return 0;
}

static int todt_resolve(FuncCall *fc, Err *err)
{
    const char *tz;
    int rc = tz_arg(fc, 1, &tz, err);
    if (rc) return rc;
    ConvState *st = arena_alloc(&fc->q->arena, sizeof *st);
    const char *n = fc->def->name;
    st->mode = strstr(n, "OrNull") ? CAST_OR_NULL : strstr(n, "OrZero") ? CAST_OR_ZERO : CAST_THROW;
    st->to = type_datetime(tz);
    if (!cast_supported(fc->types[0], st->to)) return fn_err_arg_type(fc, 0, err);
    fc->ret = st->mode == CAST_OR_NULL ? type_nullable(st->to) : st->to;
    fc->state = st;
    return 0;
}

static int todt64_resolve(FuncCall *fc, Err *err)
{
    int64_t scale = 3;
    if (fc->nargs >= 2 && !fn_const_int(fc, 1, &scale)) return fn_err_const(fc, 1, err);
    if (scale < 0 || scale > 9) return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "Scale %lld is out of bounds (max scale: 9)", (long long)scale);
    const char *tz;
    int rc = tz_arg(fc, 2, &tz, err);
    if (rc) return rc;
    ConvState *st = arena_alloc(&fc->q->arena, sizeof *st);
    const char *n = fc->def->name;
    st->mode = strstr(n, "OrNull") ? CAST_OR_NULL : strstr(n, "OrZero") ? CAST_OR_ZERO : CAST_THROW;
    st->to = type_datetime64((int)scale, tz);
    fc->ret = st->mode == CAST_OR_NULL ? type_nullable(st->to) : st->to;
    fc->state = st;
    return 0;
}

static int todec_resolve(FuncCall *fc, Err *err)
{
    int64_t scale;
    if (!fn_const_int(fc, 1, &scale)) return fn_err_const(fc, 1, err);
    const char *n = fc->def->name;
    int prec = strncmp(n, "toDecimal32", 11) == 0 ? 9 : strncmp(n, "toDecimal64", 11) == 0 ? 18 : 38;
    if (scale < 0 || scale > prec)
        return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "Decimal scale %lld is out of bounds (max: %d)", (long long)scale, prec);
    ConvState *st = arena_alloc(&fc->q->arena, sizeof *st);
    st->mode = strstr(n, "OrNull") ? CAST_OR_NULL : strstr(n, "OrZero") ? CAST_OR_ZERO : CAST_THROW;
    st->to = type_decimal(prec, (int)scale);
    fc->ret = st->mode == CAST_OR_NULL ? type_nullable(st->to) : st->to;
    fc->state = st;
    return 0;
}

/* ---- parseDateTimeBestEffort ---- */

static const char *MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

static int read_num(const char **p, const char *e, int max, int *v)
{
    int n = 0;
    *v = 0;
    while (*p < e && n < max && isdigit((unsigned char)**p)) *v = *v * 10 + (*(*p)++ - '0'), n++;
    return n;
}

/* Parses many textual date-time shapes; returns false if nothing sensible. */
static bool best_effort(const char *s, size_t len, const Tz *tz, int scale, int64_t *secs, int64_t *frac)
{
    const char *p = s, *e = s + len;
    while (p < e && isspace((unsigned char)*p)) p++;
    while (e > p && isspace((unsigned char)e[-1])) e--;
    if (p == e) return false;
    /* all digits: unix timestamp, or YYYYMMDD[hhmmss] */
    const char *q = p;
    while (q < e && isdigit((unsigned char)*q)) q++;
    if (q == e && (e - p == 8 || e - p == 14)) {
        int y, mo, d, h = 0, mi = 0, se = 0;
        read_num(&p, e, 4, &y), read_num(&p, e, 2, &mo), read_num(&p, e, 2, &d);
        if (e - p == 6) read_num(&p, e, 2, &h), read_num(&p, e, 2, &mi), read_num(&p, e, 2, &se);
        if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
        *secs = tz_local_to_utc(tz, days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se);
        *frac = 0;
        return true;
    }
    if (q == e && e - p >= 5 && e - p <= 10) {
        *secs = strtoll(p, NULL, 10);
        *frac = 0;
        return true;
    }
    int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0;
    int64_t fr = 0;
    bool have_tz = false, pm = false, am = false;
    int tz_off = 0;
    int nums[3], nnum = 0;
    while (p < e) {
        unsigned char c = (unsigned char)*p;
        if (isdigit(c)) {
            const char *st = p;
            int v;
            int nd = read_num(&p, e, 4, &v);
            if (p < e && *p == ':' && nd <= 2) {
                /* time hh:mm[:ss[.frac]] */
                hour = v;
                p++;
                if (!read_num(&p, e, 2, &minute)) return false;
                if (p < e && *p == ':') {
                    p++;
                    if (!read_num(&p, e, 2, &second)) return false;
                }
                if (p < e && (*p == '.' || *p == ',')) {
                    p++;
                    int k = 0;
                    fr = 0;
                    while (p < e && isdigit((unsigned char)*p)) {
                        if (k < scale) fr = fr * 10 + (*p - '0'), k++;
                        p++;
                    }
                    for (; k < scale; k++) fr *= 10;
                }
                continue;
            }
            if (nd == 4 && year < 0 && p < e && (*p == '-' || *p == '/' || *p == '.')) {
                /* YYYY-MM-DD */
                year = v;
                p++;
                if (!read_num(&p, e, 2, &month)) return false;
                if (p < e && (*p == '-' || *p == '/' || *p == '.')) {
                    p++;
                    if (!read_num(&p, e, 2, &day)) return false;
                } else {
                    day = 1;
                }
                continue;
            }
            if (nd <= 2 && p < e && (*p == '/' || *p == '-' || *p == '.') && year < 0) {
                /* DD/MM/YYYY or MM/DD/YYYY */
                int a = v, b, c2;
                p++;
                if (!read_num(&p, e, 2, &b)) return false;
                if (p < e && (*p == '/' || *p == '-' || *p == '.')) {
                    p++;
                    int ny = read_num(&p, e, 4, &c2);
                    if (!ny) return false;
                    year = ny == 2 ? 2000 + c2 : c2;
                } else {
                    return false;
                }
                if (b > 12) { month = a; day = b; }
                else { day = a; month = b; }
                continue;
            }
            if (nd == 4 && year < 0) year = v;
            else if (nnum < 3) nums[nnum++] = v;
            (void)st;
            continue;
        }
        if (isalpha(c)) {
            const char *st = p;
            while (p < e && isalpha((unsigned char)*p)) p++;
            size_t wl = (size_t)(p - st);
            if (wl >= 3) {
                for (int m = 0; m < 12; m++)
                    if (strncasecmp(st, MONTHS[m], 3) == 0) month = m + 1;
            }
            if (wl == 2 && strncasecmp(st, "PM", 2) == 0) pm = true;
            if (wl == 2 && strncasecmp(st, "AM", 2) == 0) am = true;
            if ((wl == 1 && (*st == 'Z' || *st == 'z')) || (wl == 3 && (strncasecmp(st, "UTC", 3) == 0 || strncasecmp(st, "GMT", 3) == 0))) {
                have_tz = true;
                tz_off = 0;
            }
            continue;
        }
        if ((c == '+' || c == '-') && hour >= 0 && (year >= 0 || month >= 0) && p + 1 < e && isdigit((unsigned char)p[1])) {
            int sign = c == '-' ? -1 : 1;
            p++;
            int hh, mm = 0;
            int nd = read_num(&p, e, 2, &hh);
            if (!nd) return false;
            if (p < e && *p == ':') p++;
            read_num(&p, e, 2, &mm);
            have_tz = true;
            tz_off = sign * (hh * 3600 + mm * 60);
            continue;
        }
        p++;
    }
    for (int i = 0; i < nnum; i++) {
        if (day < 0 && nums[i] >= 1 && nums[i] <= 31) day = nums[i];
        else if (year < 0) year = nums[i] < 100 ? 2000 + nums[i] : nums[i];
    }
    if (year < 0 || month < 1 || month > 12) return false;
    if (day < 0) day = 1;
    if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return false;
    if (pm && hour < 12) hour += 12;
    if (am && hour == 12) hour = 0;
    int64_t local = days_from_civil(year, (unsigned)month, (unsigned)day) * 86400 + hour * 3600 + minute * 60 + second;
    *secs = have_tz ? local - tz_off : tz_local_to_utc(tz, local);
    *frac = fr;
    return true;
}

typedef struct BestState { const DataType *to; int mode; } BestState;

static int best_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_stringy(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    const char *n = fc->def->name;
    bool is64 = strstr(n, "64") != NULL;
    int64_t scale = 3;
    int tz_i = 1;
    if (is64 && fc->nargs >= 2) {
        if (!fn_const_int(fc, 1, &scale)) return fn_err_const(fc, 1, err);
        tz_i = 2;
    }
    const char *tz;
    int rc = tz_arg(fc, tz_i, &tz, err);
    if (rc) return rc;
    BestState *st = arena_alloc(&fc->q->arena, sizeof *st);
    st->to = is64 ? type_datetime64((int)scale, tz) : type_datetime(tz);
    st->mode = strstr(n, "OrNull") ? 2 : strstr(n, "OrZero") ? 1 : 0;
    fc->ret = st->mode == 2 ? type_nullable(st->to) : st->to;
    fc->state = st;
    return 0;
}

static int best_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    BestState *st = fc->state;
    FormatSettings fs;
    fn_format_settings(fc->q, &fs);
    const Tz *tz = text_type_tz(st->to, &fs);
    int scale = st->to->kind == TYPE_DATETIME64 ? st->to->p1 : 0;
    int64_t mul = 1;
    for (int i = 0; i < scale; i++) mul *= 10;
    Column *r = col_new(fc->ret);
    Column *v = fc->ret->kind == TYPE_NULLABLE ? r->sub[0] : r;
    for (size_t i = 0; i < rows; i++) {
        size_t n;
        const char *s = col_str(args[0], i, &n);
        int64_t secs, frac;
        bool ok = best_effort(s, n, tz, scale, &secs, &frac);
        if (!ok) {
            if (st->mode == 0) {
                col_unref(r);
                return err_set(err, ERR_CANNOT_PARSE_DATETIME, "Cannot read DateTime: unexpected input '%.*s'", (int)(n > 100 ? 100 : n), s);
            }
            if (st->mode == 2) {
                col_push_null(r);
                continue;
            }
            secs = frac = 0;
        }
        if (scale) COL_PUSH(v, int64_t, secs * mul + frac);
        else COL_PUSH(v, uint32_t, (uint32_t)(secs < 0 ? 0 : secs > 4294967295LL ? 4294967295LL : secs));
        if (fc->ret->kind == TYPE_NULLABLE) col_nullable_commit(r, false);
    }
    *out = r;
    return 0;
}

#define CONV(name) {name, 1, 1, FN_DEFAULT, conv_resolve, conv_exec, NULL}
#define CONV_Z(name) {name, 1, 1, FN_DEFAULT, conv_resolve, conv_exec, NULL}
#define CONV_D(name) {name, 1, 2, FN_DEFAULT, conv_resolve, conv_exec, NULL}
#define NUMCONV(T) CONV("to" T), CONV_Z("to" T "OrZero"), CONV_Z("to" T "OrNull"), CONV_D("to" T "OrDefault")

const FuncDef FUNCS_conv[] = {
    NUMCONV("UInt8"), NUMCONV("UInt16"), NUMCONV("UInt32"), NUMCONV("UInt64"), NUMCONV("UInt128"),
    NUMCONV("Int8"), NUMCONV("Int16"), NUMCONV("Int32"), NUMCONV("Int64"), NUMCONV("Int128"),
    NUMCONV("Float32"), NUMCONV("Float64"), NUMCONV("UUID"),
    /* toDate(datetime, 'zone'): the date in that zone */
    {"toDate", 1, 2, FN_DEFAULT, conv_resolve, conv_exec, NULL}, CONV_Z("toDateOrZero"), CONV_Z("toDateOrNull"),
    CONV_D("toDateOrDefault"),
    {"toDate32", 1, 2, FN_DEFAULT, conv_resolve, conv_exec, NULL}, CONV_Z("toDate32OrZero"), CONV_Z("toDate32OrNull"),
    CONV_D("toDate32OrDefault"),
    NUMCONV("IPv4"), NUMCONV("IPv6"), CONV("toBool"),
    {"DATE", 1, 1, FN_DEFAULT | FF_CI, conv_resolve, conv_exec, "toDate"},
    {"toString", 1, 2, FN_DEFAULT, conv_resolve, conv_exec, NULL},
    {"toFixedString", 2, 2, FN_DEFAULT, fixed_resolve, fixed_exec, NULL},
    {"toDateTime", 1, 2, FN_DEFAULT, todt_resolve, cast_exec, NULL},
    {"toDateTimeOrZero", 1, 2, FN_DEFAULT, todt_resolve, cast_exec, NULL},
    {"toDateTimeOrNull", 1, 2, FN_DEFAULT, todt_resolve, cast_exec, NULL},
    {"toDateTime64", 2, 3, FN_DEFAULT, todt64_resolve, cast_exec, NULL},
    {"toDateTime64OrZero", 2, 3, FN_DEFAULT, todt64_resolve, cast_exec, NULL},
    {"toDateTime64OrNull", 2, 3, FN_DEFAULT, todt64_resolve, cast_exec, NULL},
    {"toDecimal32", 2, 2, FN_DEFAULT, todec_resolve, cast_exec, NULL},
    {"toDecimal64", 2, 2, FN_DEFAULT, todec_resolve, cast_exec, NULL},
    {"toDecimal128", 2, 2, FN_DEFAULT, todec_resolve, cast_exec, NULL},
    {"toDecimal32OrZero", 2, 2, FN_DEFAULT, todec_resolve, cast_exec, NULL},
    {"toDecimal64OrZero", 2, 2, FN_DEFAULT, todec_resolve, cast_exec, NULL},
    {"toDecimal128OrZero", 2, 2, FN_DEFAULT, todec_resolve, cast_exec, NULL},
    {"toDecimal32OrNull", 2, 2, FN_DEFAULT, todec_resolve, cast_exec, NULL},
    {"toDecimal64OrNull", 2, 2, FN_DEFAULT, todec_resolve, cast_exec, NULL},
    {"toDecimal128OrNull", 2, 2, FN_DEFAULT, todec_resolve, cast_exec, NULL},
    {"CAST", 2, 2, FF_CI | FF_NOTHING_OK, cast_resolve, cast_exec, NULL},
    {"_CAST", 2, 2, FF_NOTHING_OK, cast_resolve, cast_exec, NULL},
    {"accurateCast", 2, 2, FF_NOTHING_OK, cast_resolve, cast_exec, NULL},
    {"accurateCastOrNull", 2, 2, FF_NOTHING_OK, cast_resolve, cast_exec, NULL},
    {"accurateCastOrDefault", 2, 3, FF_NOTHING_OK, cast_resolve, cast_exec, NULL},
    {"parseDateTimeBestEffort", 1, 2, FN_DEFAULT, best_resolve, best_exec, NULL},
    {"parseDateTimeBestEffortOrNull", 1, 2, FN_DEFAULT, best_resolve, best_exec, NULL},
    {"parseDateTimeBestEffortOrZero", 1, 2, FN_DEFAULT, best_resolve, best_exec, NULL},
    {"parseDateTime64BestEffort", 1, 3, FN_DEFAULT, best_resolve, best_exec, NULL},
    {"parseDateTime64BestEffortOrNull", 1, 3, FN_DEFAULT, best_resolve, best_exec, NULL},
    {"parseDateTime64BestEffortOrZero", 1, 3, FN_DEFAULT, best_resolve, best_exec, NULL},
    {"parseDateTimeBestEffortUS", 1, 2, FN_DEFAULT, best_resolve, best_exec, NULL},
    {0},
};
