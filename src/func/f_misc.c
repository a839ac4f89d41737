/* f_misc.c — toTypeName, version, currentDatabase, getSetting, ignore,
 * materialize, identity, rand/rand64/randCanonical, generateUUIDv4, now,
 * now64, today, yesterday, timezone, toInterval*, in/notIn over constant
 * sets, isFinite/isNaN/isInfinite, least/greatest, bar, throwIf,
 * defaultValueOfArgumentType, dumpColumnStructure, blockSize.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/mem.h"
#include "../base/version.h"
#include "func.h"

static Column *const_string(const char *s, size_t rows)
{
    Column *c = col_new(type_basic(TYPE_STRING));
    col_push_str(c, s, strlen(s));
    c->is_const = true;
    c->rows = rows;
    return c;
}

static int string_ret(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int typename_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    /* toTypeName prints named tuples over several lines (ClickHouse 25+). */
    const DataType *t = fc->types[0];
    Buf b = {0};
    type_pretty_name(t, &b, 0);
    *out = const_string(buf_cstr(&b), rows);
    buf_free(&b);
    return 0;
}

static int version_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    *out = const_string(BASALT_CH_VERSION, rows);
    return 0;
}

static int curdb_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    *out = const_string(fc->q->database, rows);
    return 0;
}

static int timezone_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    *out = const_string(tz_name(fc->q->tz), rows);
    return 0;
}

static int getsetting_resolve(FuncCall *fc, Err *err)
{
    const char *s;
    size_t n;
    if (!fn_const_str(fc, 0, &s, &n)) return fn_err_const(fc, 0, err);
    char *name = arena_strndup(&fc->q->arena, s, n);
    int id = settings_find(name);
    if (id < 0) return err_set(err, ERR_UNKNOWN_SETTING, "Unknown setting '%s'", name);
    fc->state = (void *)(intptr_t)id;
    const char *ty = settings_type((SettingId)id);
    if (!strcmp(ty, "Bool")) fc->ret = type_basic(TYPE_BOOL);
    else if (!strcmp(ty, "UInt64") || !strcmp(ty, "NonZeroUInt64") || !strcmp(ty, "MaxThreads") || !strcmp(ty, "Seconds") ||
             !strcmp(ty, "Milliseconds") || !strcmp(ty, "UInt64Auto"))
        fc->ret = type_basic(TYPE_UINT64);
    else if (!strcmp(ty, "Int64") || !strcmp(ty, "Int32")) fc->ret = type_basic(TYPE_INT64);
    else if (!strcmp(ty, "Float") || !strcmp(ty, "Double")) fc->ret = type_basic(TYPE_FLOAT64);
    else fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static int getsetting_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    SettingId id = (SettingId)(intptr_t)fc->state;
    Column *c = col_new(fc->ret);
    const Settings *s = &fc->q->settings;
    switch (fc->ret->kind) {
    case TYPE_BOOL: COL_PUSH(c, uint8_t, settings_bool(s, id)); break;
    case TYPE_UINT64:
        if (id == SET_max_threads && !s->v[id].changed) COL_PUSH(c, uint64_t, 2);
        else COL_PUSH(c, uint64_t, (uint64_t)settings_int(s, id));
        break;
    case TYPE_INT64: COL_PUSH(c, int64_t, settings_int(s, id)); break;
    case TYPE_FLOAT64: COL_PUSH(c, double, settings_float(s, id)); break;
    default: {
        const char *v = settings_str(s, id);
        col_push_str(c, v, strlen(v));
    }
    }
    c->is_const = true;
    c->rows = rows;
    *out = c;
    return 0;
}

static int ignore_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int ignore_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = fn_fixed(type_basic(TYPE_UINT8), rows);
    memset(c->data.data, 0, rows);
    *out = c;
    return 0;
}

static int same_resolve(FuncCall *fc, Err *err)
{
    fc->ret = fc->types[0];
    return 0;
}

static int materialize_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    *out = col_materialize(args[0]);
    return 0;
}

static int identity_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    *out = col_ref(args[0]);
    return 0;
}

static int rand_resolve(FuncCall *fc, Err *err)
{
    const char *n = fc->def->name;
    fc->ret = !strcmp(n, "rand64") ? type_basic(TYPE_UINT64) : !strcmp(n, "randCanonical") ? type_basic(TYPE_FLOAT64) : type_basic(TYPE_UINT32);
    return 0;
}

static int rand_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        uint64_t v = qctx_rand(fc->q);
        if (fc->ret->kind == TYPE_UINT32) COL_DATA(c, uint32_t)[i] = (uint32_t)(v >> 32);
        else if (fc->ret->kind == TYPE_UINT64) COL_DATA(c, uint64_t)[i] = v;
        else COL_DATA(c, double)[i] = (double)(v >> 11) / 9007199254740992.0;
    }
    *out = c;
    return 0;
}

static int uuid_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_UUID);
    return 0;
}

static int uuid_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = fn_fixed(type_basic(TYPE_UUID), rows);
    for (size_t i = 0; i < rows; i++) {
        uint64_t hi = qctx_rand(fc->q), lo = qctx_rand(fc->q);
        hi = (hi & ~0xF000ull) | 0x4000ull;                /* version 4 */
        lo = (lo & ~(0xC000ull << 48)) | (0x8000ull << 48); /* variant 10 */
        COL_DATA(c, uint64_t)[2 * i] = hi;
        COL_DATA(c, uint64_t)[2 * i + 1] = lo;
    }
    *out = c;
    return 0;
}

/* ---- now / today ---- */

static int now_resolve(FuncCall *fc, Err *err)
{
    const char *tz = NULL;
    int tzi = !strcmp(fc->def->name, "now64") ? 1 : 0;
    int64_t scale = 3;
    if (tzi == 1 && fc->nargs >= 1 && !fn_const_int(fc, 0, &scale)) return fn_err_const(fc, 0, err);
    if (fc->nargs > tzi) {
        const char *s;
        size_t n;
        if (!fn_const_str(fc, tzi, &s, &n)) return fn_err_const(fc, tzi, err);
        char *name = arena_strndup(&fc->q->arena, s, n);
        const Tz *z;
        int rc = tz_get(name, &z, err);
        if (rc) return rc;
        tz = name;
    }
    fc->ret = tzi ? type_datetime64((int)scale, tz) : type_datetime(tz);
    return 0;
}

static int now_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = col_new(fc->ret);
    int64_t us = fc->q->now_us;
    if (fc->ret->kind == TYPE_DATETIME) {
        COL_PUSH(c, uint32_t, (uint32_t)(us / 1000000));
    } else {
        int64_t v = us;
        int s = fc->ret->p1;
        for (int i = s; i < 6; i++) v /= 10;
        for (int i = 6; i < s; i++) v *= 10;
        COL_PUSH(c, int64_t, v);
    }
    c->is_const = true;
    c->rows = rows;
    *out = c;
    return 0;
}

static int today_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_DATE);
    return 0;
}

static int today_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    int64_t s = fc->q->now_us / 1000000;
    int64_t d = floor_div(s + tz_offset(fc->q->tz, s), 86400);
    if (!strcmp(fc->def->name, "yesterday")) d -= 1;
    Column *c = col_new(fc->ret);
    COL_PUSH(c, uint16_t, (uint16_t)d);
    c->is_const = true;
    c->rows = rows;
    *out = c;
    return 0;
}

/* ---- toInterval* ---- */

static int interval_resolve(FuncCall *fc, Err *err)
{
    const char *unit = fc->def->name + 10;
    for (int u = 0; u < IU_COUNT; u++)
        if (!strcmp(unit, interval_unit_name((IntervalUnit)u))) {
            const DataType *t = fc->types[0];
            if (!(type_is_number(t) || type_is_stringy(t) || type_is_decimal(t))) return fn_err_arg_type(fc, 0, err);
            fc->ret = type_interval((IntervalUnit)u);
            return 0;
        }
    return err_set(err, ERR_LOGICAL_ERROR, "bad interval function");
}

static int interval_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *n;
    int rc = fn_cast(fc, args[0], type_basic(TYPE_INT64), &n, err);
    if (rc) return rc;
    *out = col_retag(n, fc->ret);
    col_unref(n);
    return 0;
}

/* ---- isFinite / isNaN / isInfinite ---- */

static int fpclass_resolve(FuncCall *fc, Err *err)
{
    if (!(type_is_number(fc->types[0]) || type_is_decimal(fc->types[0]))) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int fpclass_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(type_basic(TYPE_UINT8), rows);
    const char *n = fc->def->name;
    for (size_t i = 0; i < rows; i++) {
        double x = col_get_f64(args[0], i);
        COL_DATA(r, uint8_t)[i] = !strcmp(n, "isNaN") ? isnan(x) != 0 : !strcmp(n, "isInfinite") ? isinf(x) != 0 : isfinite(x) != 0;
    }
    *out = r;
    return 0;
}

/* ---- least / greatest ---- */

static int lg_resolve(FuncCall *fc, Err *err)
{
    return type_supertype(fc->types, fc->nargs, &fc->ret, err);
}

static int lg_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    bool least = !strcmp(fc->def->name, "least");
    Column **c = mem_calloc(sizeof *c * (size_t)fc->nargs);
    int rc = 0;
    for (int i = 0; i < fc->nargs && !rc; i++) rc = fn_cast(fc, args[i], fc->ret, &c[i], err);
    if (!rc) {
        Column *r = col_new(fc->ret);
        for (size_t row = 0; row < rows; row++) {
            /* NULL arguments are skipped; all NULL gives NULL (ClickHouse 24+). */
            int best = -1;
            for (int i = 0; i < fc->nargs; i++) {
                if (col_is_null(c[i], row)) continue;
                int cmp = best < 0 ? 0 : col_compare(c[i], row, c[best], row, least ? 1 : -1);
                if (best < 0 || (least ? cmp < 0 : cmp > 0)) best = i;
            }
            if (best < 0) col_push_null(r);
            else col_push_from(r, c[best], row);
        }
        *out = r;
    }
    for (int i = 0; i < fc->nargs; i++) col_unref(c[i]);
    mem_free(c, sizeof *c * (size_t)fc->nargs);
    return rc;
}

/* ---- throwIf ---- */

static int throwif_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_UINT8);
    return 0;
}

static int throwif_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    for (size_t i = 0; i < rows; i++)
        if (col_get_f64(args[0], i) != 0) {
            const char *msg = "Value passed to 'throwIf' function is non-zero";
            size_t n = strlen(msg);
            if (fc->nargs >= 2) fn_const_str(fc, 1, &msg, &n);
            int code = ERR_FUNCTION_THROW_IF_VALUE_IS_NON_ZERO;
            int64_t c;
            if (fc->nargs >= 3 && fn_const_int(fc, 2, &c)) code = (int)c;
            return err_set(err, code, "%.*s", (int)n, msg);
        }
    Column *r = fn_fixed(type_basic(TYPE_UINT8), rows);
    memset(r->data.data, 0, rows);
    *out = r;
    return 0;
}

static int defval_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *c = col_new(fc->ret);
    col_push_default(c);
    c->is_const = true;
    c->rows = rows;
    *out = c;
    return 0;
}

static int bar_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

/* bar(x, min, max, width): a Unicode bar of eighth-blocks. */
static int bar_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    static const char *PARTS[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    Column *r = col_new(type_basic(TYPE_STRING));
    for (size_t i = 0; i < rows; i++) {
        double x = col_get_f64(args[0], i), lo = col_get_f64(args[1], i), hi = col_get_f64(args[2], i);
        double w = fc->nargs > 3 ? col_get_f64(args[3], i) : 80;
        double frac = hi > lo ? (x - lo) / (hi - lo) : 0;
        if (frac < 0) frac = 0;
        if (frac > 1) frac = 1;
        long eighths = (long)(frac * w * 8);
        Buf b = {0};
        for (long k = 0; k < eighths / 8; k++) buf_puts(&b, "█");
        buf_puts(&b, PARTS[eighths % 8]);
        col_push_str(r, b.data, b.len);
        buf_free(&b);
    }
    *out = r;
    return 0;
}

#define IV(u) {"toInterval" u, 1, 1, FN_DEFAULT, interval_resolve, interval_exec, NULL}

const FuncDef FUNCS_misc[] = {
    {"toTypeName", 1, 1, FF_RAW_CONST | FF_NOTHING_OK, string_ret, typename_exec, NULL},
    {"version", 0, 0, FF_CI, string_ret, version_exec, NULL},
    {"currentDatabase", 0, 0, 0, string_ret, curdb_exec, NULL},
    {"DATABASE", 0, 0, FF_CI, string_ret, curdb_exec, "currentDatabase"},
    {"SCHEMA", 0, 0, FF_CI, string_ret, curdb_exec, "currentDatabase"},
    {"current_database", 0, 0, FF_CI, string_ret, curdb_exec, "currentDatabase"},
    {"timezone", 0, 0, FF_CI, string_ret, timezone_exec, NULL},
    {"timeZone", 0, 0, 0, string_ret, timezone_exec, "timezone"},
    {"serverTimezone", 0, 0, 0, string_ret, timezone_exec, NULL},
    {"getSetting", 1, 1, 0, getsetting_resolve, getsetting_exec, NULL},
    {"ignore", 0, -1, FF_RAW_CONST | FF_NOTHING_OK, ignore_resolve, ignore_exec, NULL},
    {"materialize", 1, 1, FF_RAW_CONST | FF_NONDET | FF_NOTHING_OK, same_resolve, materialize_exec, NULL},
    {"identity", 1, 1, FF_RAW_CONST | FF_NOTHING_OK, same_resolve, identity_exec, NULL},
    {"rand", 0, 1, FF_NONDET | FF_CI, rand_resolve, rand_exec, NULL},
    {"rand32", 0, 1, FF_NONDET, rand_resolve, rand_exec, "rand"},
    {"rand64", 0, 1, FF_NONDET, rand_resolve, rand_exec, NULL},
    {"randCanonical", 0, 1, FF_NONDET, rand_resolve, rand_exec, NULL},
    {"generateUUIDv4", 0, 1, FF_NONDET, uuid_resolve, uuid_exec, NULL},
    {"now", 0, 1, FF_CI, now_resolve, now_exec, NULL},
    {"current_timestamp", 0, 1, FF_CI, now_resolve, now_exec, "now"},
    {"now64", 0, 2, 0, now_resolve, now_exec, NULL},
    {"today", 0, 0, FF_CI, today_resolve, today_exec, NULL},
    {"curdate", 0, 0, FF_CI, today_resolve, today_exec, "today"},
    {"current_date", 0, 0, FF_CI, today_resolve, today_exec, "today"},
    {"yesterday", 0, 0, 0, today_resolve, today_exec, NULL},
    IV("Nanosecond"), IV("Microsecond"), IV("Millisecond"), IV("Second"), IV("Minute"), IV("Hour"),
    IV("Day"), IV("Week"), IV("Month"), IV("Quarter"), IV("Year"),
    {"isFinite", 1, 1, FN_DEFAULT, fpclass_resolve, fpclass_exec, NULL},
    {"isNaN", 1, 1, FN_DEFAULT, fpclass_resolve, fpclass_exec, NULL},
    {"isInfinite", 1, 1, FN_DEFAULT, fpclass_resolve, fpclass_exec, NULL},
    {"least", 1, -1, FF_LC | FF_NOTHING_OK | FF_RAW_CONST | FF_CI, lg_resolve, lg_exec, NULL},
    {"greatest", 1, -1, FF_LC | FF_NOTHING_OK | FF_RAW_CONST | FF_CI, lg_resolve, lg_exec, NULL},
    {"throwIf", 1, 3, FN_DEFAULT, throwif_resolve, throwif_exec, NULL},
    {"defaultValueOfArgumentType", 1, 1, FF_RAW_CONST | FF_NOTHING_OK, same_resolve, defval_exec, NULL},
    {"bar", 3, 4, FN_DEFAULT, bar_resolve, bar_exec, NULL},
    {0},
};
