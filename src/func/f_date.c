/* f_date.c — date and time functions: components (toYear ... toSecond,
 * toDayOfWeek, toISOWeek, toYYYYMM...), truncation (toStartOfDay ...
 * toStartOfInterval, date_trunc), arithmetic (addDays ... subtractYears),
 * dateDiff, toUnixTimestamp, fromUnixTimestamp, formatDateTime, toTimeZone.
 *
 * DateTime values are UTC instants shown in a zone (the type's, else the
 * session's); calendar work happens on the local civil time of that zone.
 * Date/Date32 values are day numbers. An optional trailing time zone argument
 * overrides the zone, as in ClickHouse.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../base/mem.h"
#include "func.h"

typedef struct DateState {
    const Tz *tz;          /* zone to interpret the argument in */
    int mode;              /* toDayOfWeek / toWeek / toStartOfWeek mode */
    IntervalUnit unit;     /* toStartOfInterval / date_trunc / add* */
    int64_t amount;
    const char *fmt;       /* formatDateTime */
    size_t fmtlen;
} DateState;

static bool is_date(const DataType *t) { return t->kind == TYPE_DATE || t->kind == TYPE_DATE32; }
static bool is_time(const DataType *t) { return t->kind == TYPE_DATETIME || t->kind == TYPE_DATETIME64; }

static int64_t pow10i(int n)
{
    int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

static DateState *new_state(FuncCall *fc) { return fc->state = arena_alloc(&fc->q->arena, sizeof(DateState)); }

/* Zone: explicit constant argument i (if present), else the type's, else the session's. */
static int zone_of(FuncCall *fc, int i, const DataType *t, const Tz **out, Err *err)
{
    if (i >= 0 && i < fc->nargs) {
        const char *s;
        size_t n;
        if (!fn_const_str(fc, i, &s, &n)) return fn_err_const(fc, i, err);
        return tz_get(arena_strndup(&fc->q->arena, s, n), out, err);
    }
    if (t && t->tz) return tz_get(t->tz, out, err);
    *out = fc->q->tz;
    return 0;
}

/* Local civil time of row i. */
static void civil_of(const Column *c, size_t i, const Tz *tz, CivilTime *ct, int64_t *frac, int *scale)
{
    *frac = 0;
    *scale = 0;
    switch (c->type->kind) {
    case TYPE_DATE: case TYPE_DATE32: {
        int64_t d = col_get_i64(c, i);
        civil_from_days(d, &ct->year, &ct->month, &ct->day);
        ct->days = d;
        ct->hour = ct->minute = ct->second = 0;
        return;
    }
    case TYPE_DATETIME64: {
        int s = c->type->p1;
        int64_t mul = pow10i(s), v = col_get_i64(c, i);
        int64_t secs = floor_div(v, mul);
        *frac = v - secs * mul;
        *scale = s;
        tz_civil(tz, secs, ct);
        return;
    }
    default:
        tz_civil(tz, col_get_i64(c, i), ct);
        return;
    }
}

static int64_t seconds_of(const Column *c, size_t i, const Tz *tz)
{
    switch (c->type->kind) {
    case TYPE_DATE: case TYPE_DATE32: return tz_local_to_utc(tz, col_get_i64(c, i) * 86400);
    case TYPE_DATETIME64: return floor_div(col_get_i64(c, i), pow10i(c->type->p1));
    default: return col_get_i64(c, i);
    }
}

/* ---- components ---- */

typedef enum { C_YEAR, C_MONTH, C_DAY, C_DOW, C_DOY, C_HOUR, C_MINUTE, C_SECOND, C_QUARTER, C_YYYYMM, C_YYYYMMDD,
               C_YYYYMMDDHHMMSS, C_ISOWEEK, C_ISOYEAR, C_WEEK, C_MILLISECOND, C_RELDAY, C_RELMONTH, C_RELYEAR,
               C_RELHOUR, C_RELMINUTE, C_RELSECOND, C_RELWEEK, C_RELQUARTER, C_YEARWEEK } Component;

static const struct { const char *name; Component c; TypeKind ret; } COMPONENTS[] = {
    {"toYear", C_YEAR, TYPE_UINT16}, {"toMonth", C_MONTH, TYPE_UINT8}, {"toDayOfMonth", C_DAY, TYPE_UINT8},
    {"toDayOfWeek", C_DOW, TYPE_UINT8}, {"toDayOfYear", C_DOY, TYPE_UINT16}, {"toHour", C_HOUR, TYPE_UINT8},
    {"toMinute", C_MINUTE, TYPE_UINT8}, {"toSecond", C_SECOND, TYPE_UINT8}, {"toQuarter", C_QUARTER, TYPE_UINT8},
    {"toYYYYMM", C_YYYYMM, TYPE_UINT32}, {"toYYYYMMDD", C_YYYYMMDD, TYPE_UINT32},
    {"toYYYYMMDDhhmmss", C_YYYYMMDDHHMMSS, TYPE_UINT64}, {"toISOWeek", C_ISOWEEK, TYPE_UINT8},
    {"toISOYear", C_ISOYEAR, TYPE_UINT16}, {"toWeek", C_WEEK, TYPE_UINT8}, {"toYearWeek", C_YEARWEEK, TYPE_UINT32},
    {"YEARWEEK", C_YEARWEEK, TYPE_UINT32}, {"WEEK", C_WEEK, TYPE_UINT8}, {"toMillisecond", C_MILLISECOND, TYPE_UINT16},
    {"toRelativeDayNum", C_RELDAY, TYPE_UINT32}, {"toRelativeMonthNum", C_RELMONTH, TYPE_UINT32},
    {"toRelativeYearNum", C_RELYEAR, TYPE_UINT16}, {"toRelativeHourNum", C_RELHOUR, TYPE_UINT32},
    {"toRelativeMinuteNum", C_RELMINUTE, TYPE_UINT32}, {"toRelativeSecondNum", C_RELSECOND, TYPE_UINT32},
    {"toRelativeWeekNum", C_RELWEEK, TYPE_UINT32}, {"toRelativeQuarterNum", C_RELQUARTER, TYPE_UINT32},
    {"YEAR", C_YEAR, TYPE_UINT16}, {"MONTH", C_MONTH, TYPE_UINT8}, {"DAY", C_DAY, TYPE_UINT8},
    {"DAYOFMONTH", C_DAY, TYPE_UINT8}, {"DAYOFWEEK", C_DOW, TYPE_UINT8}, {"DAYOFYEAR", C_DOY, TYPE_UINT16},
    {"HOUR", C_HOUR, TYPE_UINT8}, {"MINUTE", C_MINUTE, TYPE_UINT8}, {"SECOND", C_SECOND, TYPE_UINT8},
    {"QUARTER", C_QUARTER, TYPE_UINT8},
};

static int component_index(const char *name)
{
    for (size_t i = 0; i < sizeof COMPONENTS / sizeof COMPONENTS[0]; i++)
        if (!strcasecmp(COMPONENTS[i].name, name)) return (int)i;
    return -1;
}

static int comp_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!is_date(t) && !is_time(t)) return fn_err_arg_type(fc, 0, err);
    int ci = component_index(fc->def->name);
    DateState *st = new_state(fc);
    Component c = COMPONENTS[ci].c;
    int tz_arg = 1;
    if (c == C_DOW || c == C_WEEK || c == C_YEARWEEK) {
        if (fc->nargs >= 2 && type_is_int(fc->types[1])) {
            int64_t m;
            if (!fn_const_int(fc, 1, &m)) return fn_err_const(fc, 1, err);
            st->mode = (int)m;
            tz_arg = 2;
        }
    }
    if (is_date(t) && (c == C_HOUR || c == C_MINUTE || c == C_SECOND))
        return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type Date of argument for function %s", fc->name);
    int rc = zone_of(fc, fc->nargs > tz_arg ? tz_arg : -1, t, &st->tz, err);
    if (rc) return rc;
    fc->ret = type_basic(COMPONENTS[ci].ret);
    return 0;
}

/* ISO 8601 week number and week-year. */
static void iso_week(int64_t days, int *week, int *year)
{
    int y;
    unsigned m, d;
    int dow = day_of_week(days);                 /* 1 = Monday */
    int64_t thursday = days - dow + 4;
    civil_from_days(thursday, &y, &m, &d);
    int64_t jan1 = days_from_civil(y, 1, 1);
    *week = (int)((thursday - jan1) / 7) + 1;
    *year = y;
}

/* MySQL's calc_week (toWeek / toStartOfWeek modes 0..7; ClickHouse follows it). */
static int week_mode(int64_t days, int mode, int *year_out)
{
    bool monday_first = mode & 1, week_year = (mode & 2) != 0, first_weekday = (mode & 4) != 0;
    if (!monday_first) first_weekday = !first_weekday;
    int y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    int64_t first = days_from_civil(y, 1, 1);
    int weekday = monday_first ? day_of_week(first) - 1 : day_of_week(first) % 7;
    *year_out = y;
    if (m == 1 && (int)d <= 7 - weekday) {
        if (!week_year && ((first_weekday && weekday != 0) || (!first_weekday && weekday >= 4))) return 0;
        week_year = true;
        (*year_out)--;
        int64_t len = is_leap_year(*year_out) ? 366 : 365;
        first -= len;
        weekday = (int)((weekday + 53 * 7 - len) % 7);
    }
    int64_t diff;
    if ((first_weekday && weekday != 0) || (!first_weekday && weekday >= 4)) diff = days - (first + (7 - weekday));
    else diff = days - (first - weekday);
    if (week_year && diff >= 52 * 7) {
        int64_t len = is_leap_year(*year_out) ? 366 : 365;
        int wd = (int)((weekday + len) % 7);
        if ((!first_weekday && wd < 4) || (first_weekday && wd == 0)) {
            (*year_out)++;
            return 1;
        }
    }
    return (int)(diff / 7) + 1;
}

static int comp_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    DateState *st = fc->state;
    Component c = COMPONENTS[component_index(fc->def->name)].c;
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        CivilTime ct;
        int64_t frac;
        int scale;
        civil_of(args[0], i, st->tz, &ct, &frac, &scale);
        uint64_t v = 0;
        switch (c) {
        case C_YEAR: v = (uint64_t)ct.year; break;
        case C_MONTH: v = ct.month; break;
        case C_DAY: v = ct.day; break;
        case C_DOW: {
            int dow = day_of_week(ct.days); /* 1..7 Monday first */
            switch (st->mode) {
            case 1: v = (uint64_t)dow - 1; break;
            case 2: v = (uint64_t)dow % 7; break;        /* Sunday first, 0..6 */
            case 3: v = (uint64_t)dow % 7 + 1; break;    /* Sunday first, 1..7 */
            default: v = (uint64_t)dow; break;
            }
            break;
        }
        case C_DOY: v = (uint64_t)(ct.days - days_from_civil(ct.year, 1, 1) + 1); break;
        case C_HOUR: v = ct.hour; break;
        case C_MINUTE: v = ct.minute; break;
        case C_SECOND: v = ct.second; break;
        case C_MILLISECOND: v = scale >= 3 ? (uint64_t)(frac / pow10i(scale - 3)) : (uint64_t)(frac * pow10i(3 - scale)); break;
        case C_QUARTER: v = (ct.month - 1) / 3 + 1; break;
        case C_YYYYMM: v = (uint64_t)ct.year * 100 + ct.month; break;
        case C_YYYYMMDD: v = (uint64_t)ct.year * 10000 + ct.month * 100 + ct.day; break;
        case C_YYYYMMDDHHMMSS:
            v = ((uint64_t)ct.year * 10000 + ct.month * 100 + ct.day) * 1000000 + ct.hour * 10000 + ct.minute * 100 + ct.second;
            break;
        case C_ISOWEEK: case C_ISOYEAR: {
            int w, y;
            iso_week(ct.days, &w, &y);
            v = c == C_ISOWEEK ? (uint64_t)w : (uint64_t)y;
            break;
        }
        case C_WEEK: {
            int y;
            v = (uint64_t)week_mode(ct.days, st->mode, &y);
            break;
        }
        case C_YEARWEEK: {
            int y;
            int w = week_mode(ct.days, st->mode | 2, &y);   /* the week's own year */
            v = (uint64_t)y * 100 + (uint64_t)w;
            break;
        }
        case C_RELDAY: v = ct.days < 0 ? 0 : (uint64_t)ct.days; break;   /* before 1970: 0 */
        case C_RELMONTH: v = (uint64_t)ct.year * 12 + ct.month; break;
        case C_RELQUARTER: v = (uint64_t)ct.year * 4 + (ct.month - 1) / 3; break;
        case C_RELYEAR: v = (uint64_t)ct.year; break;
        case C_RELWEEK: v = ct.days + 3 < 0 ? 0 : (uint64_t)((ct.days + 3) / 7); break;
        case C_RELHOUR: v = (uint64_t)floor_div(seconds_of(args[0], i, st->tz) + tz_offset(st->tz, seconds_of(args[0], i, st->tz)), 3600); break;
        case C_RELMINUTE: v = (uint64_t)floor_div(seconds_of(args[0], i, st->tz), 60); break;
        case C_RELSECOND: v = (uint64_t)seconds_of(args[0], i, st->tz); break;
        }
        switch (fc->ret->kind) {
        case TYPE_UINT8: COL_DATA(r, uint8_t)[i] = (uint8_t)v; break;
        case TYPE_UINT16: COL_DATA(r, uint16_t)[i] = (uint16_t)v; break;
        case TYPE_UINT32: COL_DATA(r, uint32_t)[i] = (uint32_t)v; break;
        default: COL_DATA(r, uint64_t)[i] = v; break;
        }
    }
    *out = r;
    return 0;
}

/* ---- truncation ---- */

typedef enum { T_YEAR, T_QUARTER, T_MONTH, T_WEEK, T_MONDAY, T_DAY, T_HOUR, T_MINUTE, T_5MIN, T_10MIN, T_15MIN,
               T_SECOND, T_INTERVAL, T_TRUNC, T_LAST_MONTH, T_LAST_WEEK } Trunc;

static const struct { const char *name; Trunc t; } TRUNCS[] = {
    {"toStartOfYear", T_YEAR}, {"toStartOfQuarter", T_QUARTER}, {"toStartOfMonth", T_MONTH}, {"toStartOfWeek", T_WEEK},
    {"toMonday", T_MONDAY}, {"toStartOfDay", T_DAY}, {"toStartOfHour", T_HOUR}, {"toStartOfMinute", T_MINUTE},
    {"toStartOfFiveMinutes", T_5MIN}, {"toStartOfFiveMinute", T_5MIN}, {"toStartOfTenMinutes", T_10MIN},
    {"toStartOfFifteenMinutes", T_15MIN}, {"toStartOfSecond", T_SECOND}, {"toStartOfMillisecond", T_SECOND},
    {"toStartOfMicrosecond", T_SECOND}, {"toStartOfNanosecond", T_SECOND}, {"toStartOfInterval", T_INTERVAL},
    {"toLastDayOfMonth", T_LAST_MONTH}, {"LAST_DAY", T_LAST_MONTH}, {"toLastDayOfWeek", T_LAST_WEEK},
    {"date_trunc", T_TRUNC}, {"dateTrunc", T_TRUNC}, {"DATE_TRUNC", T_TRUNC},
};

static Trunc trunc_of(const char *name)
{
    for (size_t i = 0; i < sizeof TRUNCS / sizeof TRUNCS[0]; i++)
        if (!strcasecmp(TRUNCS[i].name, name)) return TRUNCS[i].t;
    return T_DAY;
}

static bool date_result(IntervalUnit u) { return u == IU_YEAR || u == IU_QUARTER || u == IU_MONTH || u == IU_WEEK; }

static int trunc_resolve(FuncCall *fc, Err *err)
{
    Trunc k = trunc_of(fc->def->name);
    DateState *st = new_state(fc);
    int targ = k == T_TRUNC ? 1 : 0;
    const DataType *t = fc->types[targ];
    if (!is_date(t) && !is_time(t)) return fn_err_arg_type(fc, targ, err);
    int tz_i = -1;
    switch (k) {
    case T_YEAR: st->unit = IU_YEAR; break;
    case T_QUARTER: st->unit = IU_QUARTER; break;
    case T_MONTH: case T_LAST_MONTH: st->unit = IU_MONTH; break;
    case T_WEEK: case T_MONDAY: case T_LAST_WEEK: st->unit = IU_WEEK; break;
    case T_DAY: st->unit = IU_DAY; break;
    case T_HOUR: st->unit = IU_HOUR; break;
    case T_MINUTE: case T_5MIN: case T_10MIN: case T_15MIN: st->unit = IU_MINUTE; break;
    case T_SECOND: st->unit = IU_SECOND; break;
    case T_INTERVAL: {
        const DataType *iv = fc->types[1];
        if (iv->kind != TYPE_INTERVAL) return fn_err_arg_type(fc, 1, err);
        int64_t n;
        if (!fn_const_int(fc, 1, &n)) {
            Column *c = fc->consts[1];
            if (!c) return fn_err_const(fc, 1, err);
            n = col_get_i64(c, 0);
        }
        if (n <= 0) return err_set(err, ERR_ARGUMENT_OUT_OF_BOUND, "Value for second argument of function toStartOfInterval should be greater than zero");
        st->unit = (IntervalUnit)iv->p1;
        st->amount = n;
        tz_i = fc->nargs > 2 ? 2 : -1;
        break;
    }
    case T_TRUNC: {
        const char *u;
        size_t n;
        if (!fn_const_str(fc, 0, &u, &n)) return fn_err_const(fc, 0, err);
        static const struct { const char *n; IntervalUnit u; } U[] = {{"year", IU_YEAR}, {"quarter", IU_QUARTER}, {"month", IU_MONTH},
            {"week", IU_WEEK}, {"day", IU_DAY}, {"hour", IU_HOUR}, {"minute", IU_MINUTE}, {"second", IU_SECOND}};
        bool ok = false;
        for (size_t i = 0; i < sizeof U / sizeof U[0]; i++)
            if (strlen(U[i].n) == n && !strncasecmp(U[i].n, u, n)) st->unit = U[i].u, ok = true;
        if (!ok) return err_set(err, ERR_BAD_ARGUMENTS, "Invalid unit '%.*s' for function date_trunc", (int)n, u);
        if (is_date(t) && !date_result(st->unit) && st->unit != IU_DAY)
            return err_set(err, ERR_ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type %s of argument for function dateTrunc", t->name);
        st->amount = 1;
        tz_i = fc->nargs > 2 ? 2 : -1;
        break;
    }
    }
    if (k == T_5MIN) st->amount = 5;
    else if (k == T_10MIN) st->amount = 10;
    else if (k == T_15MIN) st->amount = 15;
    else if (!st->amount) st->amount = 1;
    if ((k == T_WEEK || k == T_LAST_WEEK) && fc->nargs >= 2 && type_is_int(fc->types[1])) {
        int64_t m;
        if (!fn_const_int(fc, 1, &m)) return fn_err_const(fc, 1, err);
        st->mode = (int)m;
        tz_i = fc->nargs > 2 ? 2 : -1;
    } else if (k == T_MONDAY) {
        st->mode = 1;
        tz_i = fc->nargs > 1 ? 1 : -1;
    } else if (k != T_INTERVAL && k != T_TRUNC) {
        tz_i = fc->nargs > 1 ? 1 : -1;
    }
    int rc = zone_of(fc, tz_i, t, &st->tz, err);
    if (rc) return rc;
    if (k == T_SECOND) {
        if (t->kind != TYPE_DATETIME64) return fn_err_arg_type(fc, 0, err);
        const char *nm = fc->def->name;
        st->amount = strstr(nm, "Milli") ? 3 : strstr(nm, "Micro") ? 6 : strstr(nm, "Nano") ? 9 : 0;
        fc->ret = t;
    } else if (date_result(st->unit)) {
        fc->ret = type_basic(TYPE_DATE);
    } else {
        const char *tz = t->tz;
        if (tz_i >= 0) tz = tz_name(st->tz);
        int us = st->unit == IU_MILLISECOND ? 3 : st->unit == IU_MICROSECOND ? 6 : 9;   /* the interval's own scale */
        if (st->unit < IU_SECOND && t->kind == TYPE_DATETIME64) fc->ret = type_datetime64(us, tz);
        else fc->ret = type_datetime(tz);
    }
    return 0;
}

static int trunc_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    DateState *st = fc->state;
    Trunc k = trunc_of(fc->def->name);
    Column *src = args[k == T_TRUNC ? 1 : 0];
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        CivilTime ct;
        int64_t frac;
        int scale;
        civil_of(src, i, st->tz, &ct, &frac, &scale);
        int64_t days = ct.days, n = st->amount;
        if (fc->ret->kind == TYPE_DATETIME64 && k == T_SECOND) {
            /* keep `amount` fraction digits of the `scale` ones */
            int64_t v = col_get_i64(src, i), unit = scale > n ? pow10i(scale - (int)n) : 1;
            COL_DATA(r, int64_t)[i] = v - (((v % unit) + unit) % unit);
            continue;
        }
        if (st->unit < IU_SECOND && fc->ret->kind == TYPE_DATETIME64) {
            /* INTERVAL n MILLI/MICRO/NANOSECOND: buckets of the ticks since the epoch */
            int64_t v = col_get_i64(src, i);
            int us = fc->ret->p1;   /* the interval's scale, the result's too */
            int64_t t = scale >= us ? floor_div(v, pow10i(scale - us)) : v * pow10i(us - scale);
            COL_DATA(r, int64_t)[i] = t - (((t % n) + n) % n);
            continue;
        }
        if (date_result(st->unit)) {
            int y = ct.year, m = (int)ct.month;
            switch (st->unit) {
            case IU_YEAR: days = days_from_civil(y - (int)((y % n + n) % n), 1, 1); break;
            case IU_QUARTER: {
                int64_t q = (int64_t)y * 4 + (m - 1) / 3;
                q -= ((q % n) + n) % n;
                days = days_from_civil(q / 4, (unsigned)(q % 4) * 3 + 1, 1);
                break;
            }
            case IU_MONTH: {
                int64_t mm = (int64_t)y * 12 + m - 1;
                mm -= ((mm % n) + n) % n;
                if (k == T_LAST_MONTH) mm++;
                days = days_from_civil(mm / 12, (unsigned)(mm % 12) + 1, 1) - (k == T_LAST_MONTH);
                break;
            }
            default: {
                int dow = day_of_week(days);   /* Monday = 1 */
                bool monday = st->mode & 1;
                if (k == T_INTERVAL || k == T_TRUNC) monday = true;
                int back = monday ? dow - 1 : dow % 7;
                days -= back;
                if (k == T_LAST_WEEK) days += 6;
                if (n > 1) {   /* ClickHouse's buckets of n weeks: from Monday 1970-01-05 (day 4), C division */
                    int64_t span = 7 * n;
                    days = 4 + (ct.days - 4) / span * span;
                }
                break;
            }
            }
            /* the result is a Date even for Date32 input: out-of-range days clamp
             * (toLastDayOfMonth wraps around instead, as ClickHouse computes it) */
            if (fc->ret->kind == TYPE_DATE)
                COL_DATA(r, uint16_t)[i] = days < 0 ? 0 : k == T_LAST_MONTH ? (uint16_t)days : (uint16_t)(days > 65535 ? 65535 : days);
            else COL_DATA(r, int32_t)[i] = (int32_t)days;
            continue;
        }
        int64_t local_secs;
        int64_t sod = ct.hour * 3600 + ct.minute * 60 + ct.second;
        switch (st->unit) {
        case IU_DAY: local_secs = (days - (((days % n) + n) % n)) * 86400; break;
        case IU_HOUR: {
            int64_t h = days * 24 + ct.hour;
            local_secs = (h - (((h % n) + n) % n)) * 3600;
            if (n > 1 && st->unit == IU_HOUR) local_secs = days * 86400 + (ct.hour - ct.hour % n) * 3600;
            break;
        }
        case IU_MINUTE: {
            int64_t mnt = sod / 60;
            local_secs = days * 86400 + (mnt - mnt % n) * 60;
            break;
        }
        default: {
            int64_t s = sod;
            local_secs = days * 86400 + s - s % n;
            break;
        }
        }
        int64_t utc = tz_local_to_utc(st->tz, local_secs);
        if (fc->ret->kind == TYPE_DATETIME) COL_DATA(r, uint32_t)[i] = (uint32_t)(utc < 0 ? 0 : utc);
        else COL_DATA(r, int64_t)[i] = utc * pow10i(fc->ret->p1);
    }
    *out = r;
    return 0;
}

/* ---- add / subtract ---- */

static const char *ADD_UNITS[IU_COUNT] = {"Nanoseconds", "Microseconds", "Milliseconds", "Seconds", "Minutes", "Hours",
                                          "Days", "Weeks", "Months", "Quarters", "Years"};

static int unit_of_add(const char *name, IntervalUnit *u, bool *sub)
{
    const char *rest = !strncmp(name, "add", 3) ? name + 3 : name + 8;
    *sub = strncmp(name, "subtract", 8) == 0;
    for (int i = 0; i < IU_COUNT; i++)
        if (!strcmp(rest, ADD_UNITS[i])) {
            *u = (IntervalUnit)i;
            return 0;
        }
    return -1;
}

static int add_resolve(FuncCall *fc, Err *err)
{
    DateState *st = new_state(fc);
    bool sub;
    unit_of_add(fc->def->name, &st->unit, &sub);
    const DataType *t = fc->types[0];
    if (!is_date(t) && !is_time(t)) return fn_err_arg_type(fc, 0, err);
    if (!type_is_number(fc->types[1]) && fc->types[1]->kind != TYPE_INTERVAL) return fn_err_arg_type(fc, 1, err);
    int rc = zone_of(fc, -1, t, &st->tz, err);
    if (rc) return rc;
    IntervalUnit u = st->unit;
    if (u < IU_SECOND) {
        int scale = u == IU_MILLISECOND ? 3 : u == IU_MICROSECOND ? 6 : 9;
        if (t->kind == TYPE_DATETIME64 && t->p1 > scale) scale = t->p1;
        fc->ret = type_datetime64(scale, t->tz);
    } else if (is_date(t) && u <= IU_HOUR) {
        fc->ret = type_datetime(NULL);
    } else {
        fc->ret = t;
    }
    return 0;
}

static int64_t add_months_days(int64_t days, int64_t months)
{
    int y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    int64_t total = (int64_t)y * 12 + (m - 1) + months;
    int64_t ny = floor_div(total, 12);
    unsigned nm = (unsigned)(total - ny * 12) + 1;
    unsigned dim = days_in_month(ny, nm);
    return days_from_civil(ny, nm, d > dim ? dim : d);
}

static int add_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    DateState *st = fc->state;
    bool sub;
    unit_of_add(fc->def->name, &st->unit, &sub);
    IntervalUnit u = st->unit;
    Column *src = args[0];
    const DataType *t = src->type;
    Column *r = fn_fixed(fc->ret, rows);
    static const int64_t SECS[IU_COUNT] = {0, 0, 0, 1, 60, 3600, 86400, 604800, 0, 0, 0};
    for (size_t i = 0; i < rows; i++) {
        int64_t n = type_is_float(args[1]->type) ? (int64_t)col_get_f64(args[1], i) : col_get_i64(args[1], i);
        if (sub) n = -n;
        if (fc->ret->kind == TYPE_DATE || fc->ret->kind == TYPE_DATE32) {
            int64_t days = col_get_i64(src, i);
            if (u == IU_DAY) days += n;
            else if (u == IU_WEEK) days += 7 * n;
            else days = add_months_days(days, u == IU_MONTH ? n : u == IU_QUARTER ? 3 * n : 12 * n);
            if (fc->ret->kind == TYPE_DATE) COL_DATA(r, uint16_t)[i] = (uint16_t)days;
            else COL_DATA(r, int32_t)[i] = (int32_t)days;
            continue;
        }
        /* time results: work in ticks of the result scale */
        int rs = fc->ret->kind == TYPE_DATETIME64 ? fc->ret->p1 : 0;
        int64_t mul = pow10i(rs);
        int64_t ticks, frac_src = 0;
        if (t->kind == TYPE_DATETIME64) {
            int64_t v = col_get_i64(src, i);
            int ss = t->p1;
            ticks = rs >= ss ? v * pow10i(rs - ss) : v / pow10i(ss - rs);
            frac_src = ticks - floor_div(ticks, mul) * mul;
        } else {
            ticks = seconds_of(src, i, st->tz) * mul;
        }
        if (u >= IU_MONTH) {
            int64_t secs = floor_div(ticks, mul);
            int64_t local = secs + tz_offset(st->tz, secs);
            int64_t days = floor_div(local, 86400), sod = local - days * 86400;
            days = add_months_days(days, u == IU_MONTH ? n : u == IU_QUARTER ? 3 * n : 12 * n);
            ticks = tz_local_to_utc(st->tz, days * 86400 + sod) * mul + frac_src;
        } else if (u >= IU_SECOND) {
            ticks += n * SECS[u] * mul;
        } else {
            int us = u == IU_MILLISECOND ? 3 : u == IU_MICROSECOND ? 6 : 9;
            ticks += rs >= us ? n * pow10i(rs - us) : n / pow10i(us - rs);
        }
        if (fc->ret->kind == TYPE_DATETIME) COL_DATA(r, uint32_t)[i] = (uint32_t)ticks;
        else COL_DATA(r, int64_t)[i] = ticks;
    }
    *out = r;
    return 0;
}

/* ---- dateDiff ---- */

static int diff_resolve(FuncCall *fc, Err *err)
{
    const char *u;
    size_t n;
    if (!fn_const_str(fc, 0, &u, &n)) return fn_err_const(fc, 0, err);
    DateState *st = new_state(fc);
    static const struct { const char *n; IntervalUnit u; } U[] = {
        {"nanosecond", IU_NANOSECOND}, {"ns", IU_NANOSECOND}, {"microsecond", IU_MICROSECOND}, {"us", IU_MICROSECOND},
        {"u", IU_MICROSECOND}, {"millisecond", IU_MILLISECOND}, {"ms", IU_MILLISECOND}, {"second", IU_SECOND},
        {"ss", IU_SECOND}, {"s", IU_SECOND}, {"minute", IU_MINUTE}, {"mi", IU_MINUTE}, {"n", IU_MINUTE},
        {"hour", IU_HOUR}, {"hh", IU_HOUR}, {"h", IU_HOUR}, {"day", IU_DAY}, {"dd", IU_DAY}, {"d", IU_DAY},
        {"week", IU_WEEK}, {"wk", IU_WEEK}, {"ww", IU_WEEK}, {"month", IU_MONTH}, {"mm", IU_MONTH}, {"m", IU_MONTH},
        {"quarter", IU_QUARTER}, {"qq", IU_QUARTER}, {"q", IU_QUARTER}, {"year", IU_YEAR}, {"yyyy", IU_YEAR}, {"yy", IU_YEAR}};
    bool ok = false;
    for (size_t i = 0; i < sizeof U / sizeof U[0]; i++)
        if (strlen(U[i].n) == n && !strncasecmp(U[i].n, u, n)) st->unit = U[i].u, ok = true;
    if (!ok) return err_set(err, ERR_BAD_ARGUMENTS, "Function dateDiff does not support '%.*s' unit", (int)n, u);
    for (int i = 1; i <= 2; i++)
        if (!is_date(fc->types[i]) && !is_time(fc->types[i])) return fn_err_arg_type(fc, i, err);
    int rc = zone_of(fc, fc->nargs > 3 ? 3 : -1, fc->types[1]->tz ? fc->types[1] : fc->types[2], &st->tz, err);
    if (rc) return rc;
    fc->ret = type_basic(TYPE_INT64);
    return 0;
}

static int64_t rel_num(const Column *c, size_t i, const Tz *tz, IntervalUnit u)
{
    CivilTime ct;
    int64_t frac;
    int scale;
    civil_of(c, i, tz, &ct, &frac, &scale);
    int64_t secs = seconds_of(c, i, tz);
    switch (u) {
    case IU_YEAR: return ct.year;
    case IU_QUARTER: return (int64_t)ct.year * 4 + (ct.month - 1) / 3;
    case IU_MONTH: return (int64_t)ct.year * 12 + ct.month - 1;
    case IU_WEEK: return floor_div(ct.days + 3, 7);
    case IU_DAY: return ct.days;
    case IU_HOUR: return floor_div(secs + tz_offset(tz, secs), 3600);
    case IU_MINUTE: return floor_div(secs, 60);
    case IU_SECOND: return secs;
    default: {
        int us = u == IU_MILLISECOND ? 3 : u == IU_MICROSECOND ? 6 : 9;
        int64_t f = scale >= us ? frac / pow10i(scale - us) : frac * pow10i(us - scale);
        return secs * pow10i(us) + f;
    }
    }
}

static int diff_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    DateState *st = fc->state;
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++)
        COL_DATA(r, int64_t)[i] = rel_num(args[2], i, st->tz, st->unit) - rel_num(args[1], i, st->tz, st->unit);
    *out = r;
    return 0;
}

/* age(unit, start, end): whole units elapsed (dateDiff counts boundaries
 * crossed instead). Calendar units compare the remainder (day of month,
 * time of day...); fixed-length units divide the local-time distance. */
static void age_key(const Column *c, size_t i, const Tz *tz, int to_scale, CivilTime *ct, int64_t *ticks)
{
    int64_t frac;
    int scale;
    civil_of(c, i, tz, ct, &frac, &scale);
    int64_t f = scale <= to_scale ? frac * pow10i(to_scale - scale) : frac / pow10i(scale - to_scale);
    int64_t tod = ct->hour * 3600 + ct->minute * 60 + ct->second;
    *ticks = (ct->days * 86400 + tod) * pow10i(to_scale) + f;
}

static int age_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    DateState *st = fc->state;
    IntervalUnit u = st->unit;
    int sa = args[1]->type->kind == TYPE_DATETIME64 ? args[1]->type->p1 : 0;
    int sb = args[2]->type->kind == TYPE_DATETIME64 ? args[2]->type->p1 : 0;
    int sc = sa > sb ? sa : sb;
    if (u <= IU_MILLISECOND) sc = u == IU_NANOSECOND ? 9 : u == IU_MICROSECOND ? 6 : 3;
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) {
        CivilTime a, b;
        int64_t ta, tb, d;
        age_key(args[1], i, st->tz, sc, &a, &ta);
        age_key(args[2], i, st->tz, sc, &b, &tb);
        if (u == IU_YEAR || u == IU_QUARTER || u == IU_MONTH) {
            int64_t ma = (int64_t)a.year * 12 + a.month - 1, mb = (int64_t)b.year * 12 + b.month - 1;
            int64_t months = mb - ma;
            /* remainder within the month: day, then time of day */
            int64_t ra = ta - a.days * 86400 * pow10i(sc) + (int64_t)a.day * 86400 * pow10i(sc);
            int64_t rb = tb - b.days * 86400 * pow10i(sc) + (int64_t)b.day * 86400 * pow10i(sc);
            if (months > 0 && rb < ra) months--;
            else if (months < 0 && rb > ra) months++;
            d = u == IU_MONTH ? months : u == IU_QUARTER ? months / 3 : months / 12;
        } else {
            int64_t unit = u == IU_WEEK ? 7 * 86400 : u == IU_DAY ? 86400 : u == IU_HOUR ? 3600 : u == IU_MINUTE ? 60 : 1;
            d = (tb - ta) / (unit * (u >= IU_SECOND ? pow10i(sc) : 1));
        }
        COL_DATA(r, int64_t)[i] = d;
    }
    *out = r;
    return 0;
}

/* ---- unix timestamps ---- */

static int tounix_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!is_date(t) && !is_time(t) && !type_is_stringy(t)) return fn_err_arg_type(fc, 0, err);
    DateState *st = new_state(fc);
    int rc = zone_of(fc, fc->nargs > 1 ? 1 : -1, t, &st->tz, err);
    if (rc) return rc;
    fc->ret = type_basic(TYPE_UINT32);
    return 0;
}

static int tounix_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    DateState *st = fc->state;
    Column *src = args[0];
    Column *tmp = NULL;
    if (type_is_stringy(src->type)) {
        FormatSettings fs;
        fn_format_settings(fc->q, &fs);
        fs.tz = st->tz;
        int rc = col_cast(src, type_datetime(NULL), CAST_THROW, &fs, &tmp, err);
        if (rc) return rc;
        src = tmp;
    }
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) COL_DATA(r, uint32_t)[i] = (uint32_t)seconds_of(src, i, st->tz);
    col_unref(tmp);
    *out = r;
    return 0;
}

/* ---- toUnixTimestamp64Milli & co, fromUnixTimestamp64Milli & co ---- */

static int unit_scale(const char *name)
{
    if (strstr(name, "Milli")) return 3;
    if (strstr(name, "Micro")) return 6;
    if (strstr(name, "Nano")) return 9;
    return 0;
}

static int64_t pow10s(int n)
{
    int64_t m = 1;
    while (n-- > 0) m *= 10;
    return m;
}

static int tounix64_resolve(FuncCall *fc, Err *err)
{
    if (fc->types[0]->kind != TYPE_DATETIME64) return fn_err_arg_type(fc, 0, err);
    fc->ret = type_basic(TYPE_INT64);
    return 0;
}

static int tounix64_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    int from = fc->types[0]->p1, to = unit_scale(fc->def->name);
    Column *r = fn_fixed(fc->ret, rows);
    const int64_t *v = COL_DATA(args[0], int64_t);
    for (size_t i = 0; i < rows; i++) {
        int64_t x = v[col_phys(args[0], i)];
        COL_DATA(r, int64_t)[i] = to >= from ? x * pow10s(to - from) : x / pow10s(from - to);
    }
    *out = r;
    return 0;
}

static int fromunix64_resolve(FuncCall *fc, Err *err)
{
    if (!type_is_int(fc->types[0])) return fn_err_arg_type(fc, 0, err);
    const char *tz = NULL;
    size_t n = 0;
    if (fc->nargs > 1) {
        if (!fn_const_str(fc, 1, &tz, &n)) return fn_err_const(fc, 1, err);
        char *z = arena_strndup(&fc->q->arena, tz, n);
        const Tz *zone;
        if (tz_get(z, &zone, err)) return -1;
        tz = z;
    }
    fc->ret = type_datetime64(unit_scale(fc->def->name), tz);
    return 0;
}

static int fromunix64_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    Column *r = fn_fixed(fc->ret, rows);
    for (size_t i = 0; i < rows; i++) COL_DATA(r, int64_t)[i] = col_get_i64(args[0], i);
    *out = r;
    return 0;
}

/* ---- formatDateTime ---- */

static const char *DAY_NAMES[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
static const char *MONTH_NAMES[] = {"January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"};

static int fmt_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!strcmp(fc->def->name, "FROM_UNIXTIME") || !strcmp(fc->def->name, "fromUnixTimestamp")) {
        if (fc->nargs == 1) {
            fc->ret = type_datetime(NULL);
            new_state(fc);
            return 0;
        }
    } else if (!is_date(t) && !is_time(t)) {
        return fn_err_arg_type(fc, 0, err);
    }
    DateState *st = new_state(fc);
    if (!fn_const_str(fc, 1, &st->fmt, &st->fmtlen)) return fn_err_const(fc, 1, err);
    int rc = zone_of(fc, fc->nargs > 2 ? 2 : -1, is_time(t) ? t : NULL, &st->tz, err);
    if (rc) return rc;
    fc->ret = type_basic(TYPE_STRING);
    return 0;
}

static void put_n(Buf *b, int64_t v, int width, char pad)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    for (int i = n; i < width; i++) buf_putc(b, pad);
    buf_put(b, tmp, (size_t)n);
}

static void format_one(Buf *b, const char *f, size_t fl, const Column *c, size_t i, const Tz *tz)
{
    CivilTime ct;
    int64_t frac;
    int scale;
    civil_of(c, i, tz, &ct, &frac, &scale);
    int dow = day_of_week(ct.days);
    int h12 = ct.hour % 12 == 0 ? 12 : (int)(ct.hour % 12);
    for (size_t k = 0; k < fl; k++) {
        if (f[k] != '%' || k + 1 >= fl) {
            buf_putc(b, f[k]);
            continue;
        }
        char s = f[++k];
        switch (s) {
        case 'Y': put_n(b, ct.year, 4, '0'); break;
        case 'y': put_n(b, ct.year % 100, 2, '0'); break;
        case 'C': put_n(b, ct.year / 100, 2, '0'); break;
        case 'm': put_n(b, ct.month, 2, '0'); break;
        case 'd': put_n(b, ct.day, 2, '0'); break;
        case 'e': put_n(b, ct.day, 1, ' '); break;
        case 'H': put_n(b, ct.hour, 2, '0'); break;
        case 'k': put_n(b, ct.hour, 2, '0'); break;
        case 'I': case 'h': put_n(b, h12, 2, '0'); break;
        case 'l': put_n(b, h12, 2, '0'); break;
        case 'i': put_n(b, ct.minute, 2, '0'); break;
        case 'S': case 's': put_n(b, ct.second, 2, '0'); break;
        case 'p': buf_puts(b, ct.hour < 12 ? "AM" : "PM"); break;
        case 'j': put_n(b, ct.days - days_from_civil(ct.year, 1, 1) + 1, 3, '0'); break;
        case 'a': buf_put(b, DAY_NAMES[dow - 1], 3); break;
        case 'W': buf_puts(b, DAY_NAMES[dow - 1]); break;
        case 'b': buf_put(b, MONTH_NAMES[ct.month - 1], 3); break;
        case 'M': buf_puts(b, MONTH_NAMES[ct.month - 1]); break;
        case 'c': put_n(b, ct.month, 2, '0'); break;
        case 'u': put_n(b, dow, 1, '0'); break;
        case 'w': put_n(b, dow % 7, 1, '0'); break;
        case 'Q': put_n(b, (ct.month - 1) / 3 + 1, 1, '0'); break;
        case 'V': case 'G': case 'g': {
            int w, y;
            iso_week(ct.days, &w, &y);
            if (s == 'V') put_n(b, w, 2, '0');
            else if (s == 'G') put_n(b, y, 4, '0');
            else put_n(b, y % 100, 2, '0');
            break;
        }
        case 'F':
            put_n(b, ct.year, 4, '0'), buf_putc(b, '-'), put_n(b, ct.month, 2, '0'), buf_putc(b, '-'), put_n(b, ct.day, 2, '0');
            break;
        case 'D':
            put_n(b, ct.month, 2, '0'), buf_putc(b, '/'), put_n(b, ct.day, 2, '0'), buf_putc(b, '/'), put_n(b, ct.year % 100, 2, '0');
            break;
        case 'T':
            put_n(b, ct.hour, 2, '0'), buf_putc(b, ':'), put_n(b, ct.minute, 2, '0'), buf_putc(b, ':'), put_n(b, ct.second, 2, '0');
            break;
        case 'R': put_n(b, ct.hour, 2, '0'), buf_putc(b, ':'), put_n(b, ct.minute, 2, '0'); break;
        case 'r':
            put_n(b, h12, 2, '0'), buf_putc(b, ':'), put_n(b, ct.minute, 2, '0'), buf_puts(b, ct.hour < 12 ? " AM" : " PM");
            break;
        case 'n': buf_putc(b, '\n'); break;
        case 't': buf_putc(b, '\t'); break;
        case '%': buf_putc(b, '%'); break;
        case 'z': {
            int64_t secs = seconds_of(c, i, tz);
            int32_t off = tz_offset(tz, secs);
            buf_putc(b, off < 0 ? '-' : '+');
            if (off < 0) off = -off;
            put_n(b, off / 3600, 2, '0');
            put_n(b, off / 60 % 60, 2, '0');
            break;
        }
        case 'f': {
            int64_t us = scale >= 6 ? frac / pow10i(scale - 6) : frac * pow10i(6 - scale);
            put_n(b, us, 6, '0');
            break;
        }
        default: buf_putc(b, '%'), buf_putc(b, s); break;
        }
    }
}

static int fmt_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    DateState *st = fc->state;
    Column *src = args[0], *tmp = NULL;
    if (!is_date(src->type) && !is_time(src->type)) {
        int rc = fn_cast(fc, src, type_datetime(NULL), &tmp, err);
        if (rc) return rc;
        src = tmp;
    }
    if (!st->fmt) {
        *out = tmp ? tmp : col_ref(src);
        return 0;
    }
    Column *r = col_new(type_basic(TYPE_STRING));
    Buf b = {0};
    for (size_t i = 0; i < rows; i++) {
        b.len = 0;
        format_one(&b, st->fmt, st->fmtlen, src, i, st->tz);
        col_push_str(r, b.data ? b.data : "", b.len);
    }
    buf_free(&b);
    col_unref(tmp);
    *out = r;
    return 0;
}

static int totz_resolve(FuncCall *fc, Err *err)
{
    const DataType *t = fc->types[0];
    if (!is_time(t)) return fn_err_arg_type(fc, 0, err);
    DateState *st = new_state(fc);
    int rc = zone_of(fc, 1, NULL, &st->tz, err);
    if (rc) return rc;
    fc->ret = t->kind == TYPE_DATETIME ? type_datetime(tz_name(st->tz)) : type_datetime64(t->p1, tz_name(st->tz));
    return 0;
}

static int totz_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    *out = col_retag(args[0], fc->ret);
    return 0;
}

#define COMP(name) {name, 1, 3, FN_DEFAULT, comp_resolve, comp_exec, NULL}
#define COMPCI(name, alias) {name, 1, 2, FN_DEFAULT | FF_CI, comp_resolve, comp_exec, alias}
#define TRUNC(name, max) {name, 1, max, FN_DEFAULT, trunc_resolve, trunc_exec, NULL}
#define ADD(u) {"add" u, 2, 2, FN_DEFAULT, add_resolve, add_exec, NULL}, {"subtract" u, 2, 2, FN_DEFAULT, add_resolve, add_exec, NULL}

const FuncDef FUNCS_date[] = {
    COMP("toYear"), COMP("toMonth"), COMP("toDayOfMonth"), COMP("toDayOfWeek"), COMP("toDayOfYear"), COMP("toHour"),
    COMP("toMinute"), COMP("toSecond"), COMP("toMillisecond"), COMP("toQuarter"), COMP("toYYYYMM"), COMP("toYYYYMMDD"),
    COMP("toYYYYMMDDhhmmss"), COMP("toISOWeek"), COMP("toISOYear"), COMP("toWeek"), COMP("toRelativeDayNum"),
    COMP("toRelativeMonthNum"), COMP("toRelativeYearNum"), COMP("toRelativeHourNum"), COMP("toRelativeMinuteNum"),
    COMP("toRelativeSecondNum"), COMP("toRelativeWeekNum"), COMP("toRelativeQuarterNum"), COMP("toYearWeek"),
    COMPCI("YEARWEEK", "toYearWeek"), COMPCI("WEEK", "toWeek"),
    COMPCI("YEAR", "toYear"), COMPCI("MONTH", "toMonth"), COMPCI("DAY", "toDayOfMonth"), COMPCI("DAYOFMONTH", "toDayOfMonth"),
    COMPCI("DAYOFWEEK", "toDayOfWeek"), COMPCI("DAYOFYEAR", "toDayOfYear"), COMPCI("HOUR", "toHour"),
    COMPCI("MINUTE", "toMinute"), COMPCI("SECOND", "toSecond"), COMPCI("QUARTER", "toQuarter"),
    TRUNC("toStartOfYear", 2), TRUNC("toStartOfQuarter", 2), TRUNC("toStartOfMonth", 2), TRUNC("toStartOfWeek", 3),
    TRUNC("toMonday", 2), TRUNC("toStartOfDay", 2), TRUNC("toStartOfHour", 2), TRUNC("toStartOfMinute", 2),
    TRUNC("toStartOfFiveMinutes", 2), TRUNC("toStartOfFiveMinute", 2), TRUNC("toStartOfTenMinutes", 2),
    TRUNC("toStartOfFifteenMinutes", 2), TRUNC("toStartOfSecond", 2), TRUNC("toStartOfInterval", 3),
    TRUNC("toStartOfMillisecond", 2), TRUNC("toStartOfMicrosecond", 2), TRUNC("toStartOfNanosecond", 2),
    TRUNC("toLastDayOfMonth", 2), {"LAST_DAY", 1, 2, FN_DEFAULT | FF_CI, trunc_resolve, trunc_exec, "toLastDayOfMonth"},
    TRUNC("toLastDayOfWeek", 3),
    {"date_trunc", 2, 3, FN_DEFAULT | FF_CI, trunc_resolve, trunc_exec, NULL},
    {"dateTrunc", 2, 3, FN_DEFAULT, trunc_resolve, trunc_exec, "date_trunc"},
    ADD("Nanoseconds"), ADD("Microseconds"), ADD("Milliseconds"), ADD("Seconds"), ADD("Minutes"), ADD("Hours"),
    ADD("Days"), ADD("Weeks"), ADD("Months"), ADD("Quarters"), ADD("Years"),
    {"dateDiff", 3, 4, FN_DEFAULT | FF_CI, diff_resolve, diff_exec, NULL},
    {"age", 3, 4, FN_DEFAULT, diff_resolve, age_exec, NULL},
    {"toUnixTimestamp", 1, 2, FN_DEFAULT, tounix_resolve, tounix_exec, NULL},
    {"toUnixTimestamp64Second", 1, 1, FN_DEFAULT, tounix64_resolve, tounix64_exec, NULL},
    {"toUnixTimestamp64Milli", 1, 1, FN_DEFAULT, tounix64_resolve, tounix64_exec, NULL},
    {"toUnixTimestamp64Micro", 1, 1, FN_DEFAULT, tounix64_resolve, tounix64_exec, NULL},
    {"toUnixTimestamp64Nano", 1, 1, FN_DEFAULT, tounix64_resolve, tounix64_exec, NULL},
    {"fromUnixTimestamp64Second", 1, 2, FN_DEFAULT, fromunix64_resolve, fromunix64_exec, NULL},
    {"fromUnixTimestamp64Milli", 1, 2, FN_DEFAULT, fromunix64_resolve, fromunix64_exec, NULL},
    {"fromUnixTimestamp64Micro", 1, 2, FN_DEFAULT, fromunix64_resolve, fromunix64_exec, NULL},
    {"fromUnixTimestamp64Nano", 1, 2, FN_DEFAULT, fromunix64_resolve, fromunix64_exec, NULL},
    {"fromUnixTimestamp", 1, 3, FN_DEFAULT, fmt_resolve, fmt_exec, NULL},
    {"FROM_UNIXTIME", 1, 3, FN_DEFAULT | FF_CI, fmt_resolve, fmt_exec, NULL},
    {"formatDateTime", 2, 3, FN_DEFAULT, fmt_resolve, fmt_exec, NULL},
    {"DATE_FORMAT", 2, 3, FN_DEFAULT | FF_CI, fmt_resolve, fmt_exec, "formatDateTime"},
    {"toTimeZone", 2, 2, FN_DEFAULT, totz_resolve, totz_exec, NULL},
    {"toTimezone", 2, 2, FN_DEFAULT, totz_resolve, totz_exec, "toTimeZone"},
    {0},
};
