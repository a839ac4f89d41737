/* tz.h — time zones: civil calendar arithmetic and UTC offsets.
 *
 * Zones are read from the system tzdata (TZif files under /usr/share/zoneinfo,
 * or $BASALT_TZDIR) on first use and cached for the process. UTC and fixed
 * offsets ("UTC", "Etc/GMT+3" via tzdata) need no file. A zone name is checked
 * before it touches the file system (no "..", letters/digits/_/+/-// only).
 * Hardening (issue 7) may embed the zone data instead; this interface stays.
 */
#ifndef BASALT_TZ_H
#define BASALT_TZ_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

typedef struct Tz Tz;

/* Finds (and caches) a zone; NULL name or "" = the default zone (UTC). */
int tz_get(const char *name, const Tz **out, Err *err);
const Tz *tz_utc(void);
const char *tz_name(const Tz *tz);
/* The process default zone (UTC unless set by tz_set_default). */
const Tz *tz_default(void);
void tz_set_default(const Tz *tz);

/* Offset of local time from UTC, in seconds, at UTC instant t. */
int32_t tz_offset(const Tz *tz, int64_t t);
/* UTC instant of a local wall-clock time given as seconds since 1970 "local epoch". */
int64_t tz_local_to_utc(const Tz *tz, int64_t local);

/* Civil calendar (proleptic Gregorian). */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
/* Range of Date32: 1900-01-01 .. 2299-12-31 as days since 1970-01-01. */
#define DATE32_MIN (-25567)
#define DATE32_MAX 120529
void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d);
static inline int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
/* 1 = Monday ... 7 = Sunday, for days since 1970-01-01. */
static inline int day_of_week(int64_t days)
{
    int64_t r = (days + 3) % 7;
    if (r < 0) r += 7;
    return (int)r + 1;
}
bool is_leap_year(int64_t y);
unsigned days_in_month(int64_t y, unsigned m);

/* Broken-down local time of UTC instant t in tz. */
typedef struct CivilTime {
    int year;
    unsigned month, day, hour, minute, second;
    int64_t days;       /* local days since 1970-01-01 */
} CivilTime;
void tz_civil(const Tz *tz, int64_t t, CivilTime *out);

#endif
