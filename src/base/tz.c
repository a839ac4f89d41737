/* tz.c — TZif reader, POSIX TZ footer rules, civil date arithmetic; see tz.h.
 *
 * A zone is its transition list (UTC instants and the offset from each) plus
 * the footer rule that extends it past the last transition. Lookups binary
 * search the list. The TZif bytes come from the system, but are still parsed
 * defensively (sizes checked against the file before use). */
#include "tz.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "limits.h"
#include "mem.h"

typedef struct TzRule {          /* one POSIX rule date: Mm.w.d / Jn / n, at `secs` local */
    char kind;                   /* 'M', 'J', 'D' */
    int m, w, d, secs;
} TzRule;

struct Tz {
    char *name;
    int n;                       /* transitions */
    int64_t *at;                 /* UTC instants */
    int32_t *off;                /* offset in effect from at[i] */
    int32_t off_before;          /* before the first transition */
    bool has_rule;               /* footer */
    int32_t std_off, dst_off;    /* offsets (seconds east of UTC) */
    bool has_dst;
    TzRule start, end;
    struct Tz *next;
};

static Tz g_utc = {.name = "UTC"};
static const Tz *g_default = &g_utc;
static Tz *g_zones;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

const Tz *tz_utc(void) { return &g_utc; }
const char *tz_name(const Tz *tz) { return tz->name; }
const Tz *tz_default(void) { return g_default; }
void tz_set_default(const Tz *tz) { g_default = tz; }

bool is_leap_year(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int64_t y, unsigned m)
{
    static const unsigned D[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : D[m - 1];
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (*m <= 2));
}

/* ---- POSIX TZ footer ---------------------------------------------------- */

static const char *parse_name(const char *p)
{
    if (*p == '<') {
        while (*p && *p != '>') p++;
        return *p ? p + 1 : NULL;
    }
    const char *s = p;
    while (isalpha((unsigned char)*p)) p++;
    return p - s >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]] -> seconds */
static const char *parse_hms(const char *p, int *out)
{
    int sign = 1, h = 0, m = 0, s = 0;
    if (*p == '+' || *p == '-') sign = *p++ == '-' ? -1 : 1;
    if (!isdigit((unsigned char)*p)) return NULL;
    h = (int)strtol(p, (char **)&p, 10);
    if (*p == ':') {
        m = (int)strtol(p + 1, (char **)&p, 10);
        if (*p == ':') s = (int)strtol(p + 1, (char **)&p, 10);
    }
    *out = sign * (h * 3600 + m * 60 + s);
    return p;
}

static const char *parse_rule(const char *p, TzRule *r)
{
    if (*p == 'M') {
        r->kind = 'M';
        r->m = (int)strtol(p + 1, (char **)&p, 10);
        if (*p++ != '.') return NULL;
        r->w = (int)strtol(p, (char **)&p, 10);
        if (*p++ != '.') return NULL;
        r->d = (int)strtol(p, (char **)&p, 10);
        if (r->m < 1 || r->m > 12 || r->w < 1 || r->w > 5 || r->d < 0 || r->d > 6) return NULL;
    } else if (*p == 'J') {
        r->kind = 'J';
        r->d = (int)strtol(p + 1, (char **)&p, 10);
    } else if (isdigit((unsigned char)*p)) {
        r->kind = 'D';
        r->d = (int)strtol(p, (char **)&p, 10);
    } else {
        return NULL;
    }
    r->secs = 7200;
    if (*p == '/') return parse_hms(p + 1, &r->secs);
    return p;
}

static bool parse_footer(Tz *z, const char *p)
{
    int off;
    if (!(p = parse_name(p)) || !(p = parse_hms(p, &off))) return false;
    z->std_off = -off;
    z->dst_off = z->std_off + 3600;
    z->has_rule = true;
    if (!*p) return true;
    if (!(p = parse_name(p))) return false;
    z->has_dst = true;
    if (*p && *p != ',') {
        if (!(p = parse_hms(p, &off))) return false;
        z->dst_off = -off;
    }
    if (*p++ != ',' || !(p = parse_rule(p, &z->start))) return false;
    if (*p++ != ',' || !(p = parse_rule(p, &z->end))) return false;
    return true;
}

/* Local day (since epoch) of a rule date in year y. */
static int64_t rule_day(const TzRule *r, int y)
{
    if (r->kind == 'J') {
        int doy = r->d - 1;   /* Feb 29 never counted */
        if (is_leap_year(y) && doy >= 59) doy++;
        return days_from_civil(y, 1, 1) + doy;
    }
    if (r->kind == 'D') return days_from_civil(y, 1, 1) + r->d;
    int64_t first = days_from_civil(y, (unsigned)r->m, 1);
    int wd = day_of_week(first) % 7;  /* 0 = Sunday */
    int64_t day = first + ((r->d - wd + 7) % 7) + (int64_t)(r->w - 1) * 7;
    while (day >= first + days_in_month(y, (unsigned)r->m)) day -= 7;
    return day;
}

static int32_t rule_offset(const Tz *z, int64_t t)
{
    if (!z->has_dst) return z->std_off;
    int y;
    unsigned m, d;
    civil_from_days(floor_div(t + z->std_off, 86400), &y, &m, &d);
    int64_t s = rule_day(&z->start, y) * 86400 + z->start.secs - z->std_off;
    int64_t e = rule_day(&z->end, y) * 86400 + z->end.secs - z->dst_off;
    bool dst = s < e ? (t >= s && t < e) : !(t >= e && t < s);
    return dst ? z->dst_off : z->std_off;
}

/* ---- TZif --------------------------------------------------------------- */

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static int64_t be64(const unsigned char *p) { return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4)); }

static bool parse_tzif(Tz *z, const unsigned char *b, size_t n)
{
    if (n < 44 || memcmp(b, "TZif", 4) != 0) return false;
    int version = b[4] ? b[4] - '0' : 1;
    size_t hdr = 44;
    uint32_t cnt[6];
    for (int i = 0; i < 6; i++) cnt[i] = be32(b + 20 + 4 * i);
    size_t tsize = 4;
    const unsigned char *p = b + hdr;
    if (version >= 2) {
        size_t v1 = (size_t)cnt[3] * 5 + (size_t)cnt[4] * 6 + cnt[5] + (size_t)cnt[2] * 8 + cnt[1] + cnt[0];
        if (hdr + v1 + 44 > n) return false;
        p = b + hdr + v1;
        if (memcmp(p, "TZif", 4) != 0) return false;
        for (int i = 0; i < 6; i++) cnt[i] = be32(p + 20 + 4 * i);
        p += 44;
        tsize = 8;
    }
    uint32_t timecnt = cnt[3], typecnt = cnt[4];
    size_t body = (size_t)timecnt * (tsize + 1) + (size_t)typecnt * 6 + cnt[5] + (size_t)cnt[2] * (tsize + 4) + cnt[1] + cnt[0];
    if (typecnt == 0 || timecnt > 100000 || (size_t)(p - b) + body > n) return false;
    const unsigned char *times = p, *idx = p + (size_t)timecnt * tsize, *types = idx + timecnt;
    z->n = (int)timecnt;
    z->at = xcalloc(timecnt + 1, sizeof *z->at);
    z->off = xcalloc(timecnt + 1, sizeof *z->off);
    for (uint32_t i = 0; i < timecnt; i++) {
        z->at[i] = tsize == 8 ? be64(times + 8 * i) : (int32_t)be32(times + 4 * i);
        unsigned ti = idx[i];
        if (ti >= typecnt) return false;
        z->off[i] = (int32_t)be32(types + 6 * ti);
    }
    z->off_before = (int32_t)be32(types);
    if (version >= 2) {
        const unsigned char *f = p + body;
        if (f < b + n && *f == '\n') {
            const unsigned char *e = memchr(f + 1, '\n', (size_t)(b + n - f - 1));
            if (e && e > f + 1) {
                char rule[128];
                size_t len = (size_t)(e - f - 1);
                if (len < sizeof rule) {
                    memcpy(rule, f + 1, len);
                    rule[len] = 0;
                    parse_footer(z, rule);
                }
            }
        }
    }
    return true;
}

static bool valid_name(const char *name)
{
    if (!*name || name[0] == '/' || strstr(name, "..")) return false;
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '/' || *p == '_' || *p == '-' || *p == '+')) return false;
    return strlen(name) < 128;
}

/* The time zone database built into the binary (build/gen/tzdata.c, made
 * by tools/gen-tzdata.sh from Debian's tzdata): weak, so programs linked
 * without it read /usr/share/zoneinfo only. */
struct BasaltTzEntry { const char *name; unsigned off, len; };
extern const unsigned char basalt_tzdata_zst[] __attribute__((weak));
extern const size_t basalt_tzdata_zst_len __attribute__((weak));
extern const size_t basalt_tzdata_raw_len __attribute__((weak));
extern const struct BasaltTzEntry basalt_tz_index[] __attribute__((weak));
extern const size_t basalt_tz_count __attribute__((weak));

static unsigned char *g_embedded;   /* decompressed on first use (under g_lock) */

/* A copy of zone name's TZif bytes from the built-in database, or NULL. */
static unsigned char *embedded_zone(const char *name, size_t *n)
{
    if (!basalt_tz_index || !&basalt_tz_count) return NULL;
    size_t lo = 0, hi = basalt_tz_count;   /* the index is sorted by name */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(basalt_tz_index[mid].name, name);
        if (c == 0) {
            if (!g_embedded) {
                g_embedded = xmalloc(basalt_tzdata_raw_len);
                size_t got = ZSTD_decompress(g_embedded, basalt_tzdata_raw_len, basalt_tzdata_zst, basalt_tzdata_zst_len);
                if (ZSTD_isError(got) || got != basalt_tzdata_raw_len) {
                    free(g_embedded);
                    g_embedded = NULL;
                    return NULL;
                }
            }
            const struct BasaltTzEntry *e = &basalt_tz_index[mid];
            if ((size_t)e->off + e->len > basalt_tzdata_raw_len || e->len > LIMIT_TZ_FILE_BYTES) return NULL;
            unsigned char *b = xmalloc(e->len ? e->len : 1);
            memcpy(b, g_embedded + e->off, e->len);
            *n = e->len;
            return b;
        }
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* BASALT_TZDIR names a zoneinfo directory to read instead; else the
 * built-in database, then /usr/share/zoneinfo. */
static Tz *load_zone(const char *name)
{
    const char *dir = getenv("BASALT_TZDIR");
    size_t n = 0;
    unsigned char *b = dir ? NULL : embedded_zone(name, &n);
    if (!b) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir ? dir : "/usr/share/zoneinfo", name);
        FILE *f = fopen(path, "rb");
        if (!f) return NULL;
        b = xmalloc(LIMIT_TZ_FILE_BYTES);
        n = fread(b, 1, LIMIT_TZ_FILE_BYTES, f);
        fclose(f);
    }
    Tz *z = xcalloc(1, sizeof *z);
    if (!parse_tzif(z, b, n)) {
        free(z->at);
        free(z->off);
        free(z);
        z = NULL;
    } else {
        z->name = xstrdup(name);
    }
    free(b);
    return z;
}

int tz_get(const char *name, const Tz **out, Err *err)
{
    if (!name || !*name) {
        *out = g_default;
        return 0;
    }
    if (strcmp(name, "UTC") == 0) {
        *out = &g_utc;
        return 0;
    }
    if (!valid_name(name)) return err_set(err, ERR_BAD_ARGUMENTS, "Invalid time zone: %s", name);
    pthread_mutex_lock(&g_lock);
    Tz *z = g_zones;
    while (z && strcmp(z->name, name) != 0) z = z->next;
    if (!z && (z = load_zone(name))) {
        z->next = g_zones;
        g_zones = z;
    }
    pthread_mutex_unlock(&g_lock);
    if (!z) return err_set(err, ERR_BAD_ARGUMENTS, "Invalid time zone: %s", name);
    *out = z;
    return 0;
}

int32_t tz_offset(const Tz *z, int64_t t)
{
    if (z == &g_utc) return 0;
    if (z->n == 0 || t < z->at[0]) return z->n == 0 && z->has_rule ? rule_offset(z, t) : z->off_before;
    if (t >= z->at[z->n - 1] && z->has_rule) return rule_offset(z, t);
    int lo = 0, hi = z->n - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (z->at[mid] <= t) lo = mid;
        else hi = mid - 1;
    }
    return z->off[lo];
}

int64_t tz_local_to_utc(const Tz *z, int64_t local)
{
    if (z == &g_utc) return local;
    int32_t o1 = tz_offset(z, local);
    int64_t t = local - o1;
    int32_t o2 = tz_offset(z, t);
    if (o2 != o1) {
        int64_t t2 = local - o2;
        if (tz_offset(z, t2) == o2) t = t2;
    }
    return t;
}

void tz_civil(const Tz *z, int64_t t, CivilTime *out)
{
    int64_t local = t + tz_offset(z, t);
    int64_t days = floor_div(local, 86400);
    int64_t secs = local - days * 86400;
    civil_from_days(days, &out->year, &out->month, &out->day);
    out->days = days;
    out->hour = (unsigned)(secs / 3600);
    out->minute = (unsigned)(secs / 60 % 60);
    out->second = (unsigned)(secs % 60);
}
