/* type.c — type construction, interning by canonical name, and type-name parsing.
 *
 * Every constructor builds the canonical name, then looks it up in a global
 * table under a mutex; a miss copies the type into process-lifetime memory.
 * The parser reads ClickHouse's type syntax including the SQL-standard aliases
 * of system.data_type_families (INT UNSIGNED, DOUBLE PRECISION, VARCHAR, ...).
 */
#include "type.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/limits.h"
#include "../base/mem.h"

static const struct { const char *name; int size; } KINDS[] = {
#define TYPE(kind, name, size) {name, size},
#include "types.def"
#undef TYPE
};

static const char *UNIT_NAMES[IU_COUNT] = {
    "Nanosecond", "Microsecond", "Millisecond", "Second", "Minute", "Hour",
    "Day", "Week", "Month", "Quarter", "Year"};

const char *type_kind_name(TypeKind kind) { return KINDS[kind].name; }
const char *interval_unit_name(IntervalUnit u) { return UNIT_NAMES[u]; }

/* ---- interning ---------------------------------------------------------- */

#define INTERN_BUCKETS 4096
typedef struct InternEntry { struct InternEntry *next; DataType *type; } InternEntry;
static InternEntry *g_buckets[INTERN_BUCKETS];
static size_t g_interned;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static const char **dup_strs(int n, const char **src)
{
    if (!src) return NULL;
    const char **d = xcalloc((size_t)n, sizeof *d);
    for (int i = 0; i < n; i++) d[i] = xstrdup(src[i] ? src[i] : "");
    return d;
}

/* Returns the interned equal of proto (whose name is set); proto is a stack value. */
static const DataType *intern(const DataType *proto)
{
    uint64_t h = name_hash(proto->name) % INTERN_BUCKETS;
    pthread_mutex_lock(&g_lock);
    for (InternEntry *e = g_buckets[h]; e; e = e->next)
        if (strcmp(e->type->name, proto->name) == 0) {
            pthread_mutex_unlock(&g_lock);
            return e->type;
        }
    DataType *t = xmalloc(sizeof *t);
    *t = *proto;
    t->name = xstrdup(proto->name);
    t->tz = proto->tz ? xstrdup(proto->tz) : NULL;
    t->agg = proto->agg ? xstrdup(proto->agg) : NULL;
    t->simple_agg = proto->simple_agg ? xstrdup(proto->simple_agg) : NULL;
    if (proto->nsub) {
        t->sub = xcalloc((size_t)proto->nsub, sizeof *t->sub);
        memcpy(t->sub, proto->sub, sizeof *t->sub * (size_t)proto->nsub);
    }
    t->names = dup_strs(proto->nsub, proto->names);
    if (proto->nenum) {
        t->enum_names = dup_strs(proto->nenum, proto->enum_names);
        t->enum_values = xcalloc((size_t)proto->nenum, sizeof *t->enum_values);
        memcpy(t->enum_values, proto->enum_values, sizeof *t->enum_values * (size_t)proto->nenum);
    }
    InternEntry *e = xmalloc(sizeof *e);
    e->type = t;
    e->next = g_buckets[h];
    g_buckets[h] = e;
    g_interned++;
    pthread_mutex_unlock(&g_lock);
    return t;
}

static const DataType *finish(DataType *proto, Buf *name)
{
    proto->name = buf_cstr(name);
    const DataType *t = intern(proto);
    buf_free(name);
    return t;
}

static void put_quoted(Buf *b, const char *s)
{
    buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\') buf_putc(b, '\\');
        buf_putc(b, *s);
    }
    buf_putc(b, '\'');
}

/* ---- constructors ------------------------------------------------------- */

const DataType *type_basic(TypeKind kind)
{
    static const DataType *cache[TYPE_KIND_COUNT];
    const DataType *c = __atomic_load_n(&cache[kind], __ATOMIC_ACQUIRE);
    if (c) return c;
    DataType p = {.kind = kind, .size = KINDS[kind].size};
    Buf b = {0};
    buf_puts(&b, KINDS[kind].name);
    c = finish(&p, &b);
    __atomic_store_n(&cache[kind], c, __ATOMIC_RELEASE);
    return c;
}

const DataType *type_fixedstring(int n)
{
    DataType p = {.kind = TYPE_FIXEDSTRING, .size = 0, .p1 = n};
    Buf b = {0};
    buf_printf(&b, "FixedString(%d)", n);
    return finish(&p, &b);
}

TypeKind decimal_kind_for_precision(int prec)
{
    return prec <= 9 ? TYPE_DECIMAL32 : prec <= 18 ? TYPE_DECIMAL64 : TYPE_DECIMAL128;
}

int decimal_max_precision(TypeKind kind)
{
    return kind == TYPE_DECIMAL32 ? 9 : kind == TYPE_DECIMAL64 ? 18 : 38;
}

const DataType *type_decimal(int precision, int scale)
{
    TypeKind k = decimal_kind_for_precision(precision);
    DataType p = {.kind = k, .size = KINDS[k].size, .p1 = precision, .p2 = scale};
    Buf b = {0};
    buf_printf(&b, "Decimal(%d, %d)", precision, scale);
    return finish(&p, &b);
}

const DataType *type_datetime(const char *tz)
{
    if (!tz) return type_basic(TYPE_DATETIME);
    DataType p = {.kind = TYPE_DATETIME, .size = 4, .tz = tz};
    Buf b = {0};
    buf_puts(&b, "DateTime(");
    put_quoted(&b, tz);
    buf_putc(&b, ')');
    return finish(&p, &b);
}

const DataType *type_datetime64(int scale, const char *tz)
{
    DataType p = {.kind = TYPE_DATETIME64, .size = 8, .p1 = scale, .tz = tz};
    Buf b = {0};
    buf_printf(&b, "DateTime64(%d", scale);
    if (tz) {
        buf_puts(&b, ", ");
        put_quoted(&b, tz);
    }
    buf_putc(&b, ')');
    return finish(&p, &b);
}

const DataType *type_interval(IntervalUnit unit)
{
    DataType p = {.kind = TYPE_INTERVAL, .size = 8, .p1 = (int)unit};
    Buf b = {0};
    buf_printf(&b, "Interval%s", UNIT_NAMES[unit]);
    return finish(&p, &b);
}

static const DataType *wrap1(TypeKind kind, const DataType *t)
{
    const DataType *subs[1] = {t};
    DataType p = {.kind = kind, .nsub = 1, .sub = subs};
    Buf b = {0};
    buf_printf(&b, "%s(%s)", KINDS[kind].name, t->name);
    return finish(&p, &b);
}

const DataType *type_nullable(const DataType *t)
{
    if (t->kind == TYPE_NULLABLE) return t;
    if (t->kind == TYPE_LOWCARDINALITY)
        return type_lowcard(type_nullable(t->sub[0]));
    return wrap1(TYPE_NULLABLE, t);
}

const DataType *type_array(const DataType *t) { return wrap1(TYPE_ARRAY, t); }

const DataType *type_simple_agg(const char *f, const DataType *t)
{
    DataType p = *t;
    p.simple_agg = f;
    Buf b = {0};
    buf_printf(&b, "SimpleAggregateFunction(%s, %s)", f, t->name);
    return finish(&p, &b);
}

const DataType *type_lowcard(const DataType *t)
{
    if (t->kind == TYPE_LOWCARDINALITY) return t;
    return wrap1(TYPE_LOWCARDINALITY, t);
}

const DataType *type_map(const DataType *k, const DataType *v)
{
    const DataType *subs[2] = {k, v};
    DataType p = {.kind = TYPE_MAP, .nsub = 2, .sub = subs};
    Buf b = {0};
    buf_printf(&b, "Map(%s, %s)", k->name, v->name);
    return finish(&p, &b);
}

const DataType *type_tuple(int n, const DataType **subs, const char **names)
{
    DataType p = {.kind = TYPE_TUPLE, .nsub = n, .sub = subs, .names = names};
    Buf b = {0};
    buf_puts(&b, "Tuple(");
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(&b, ", ");
        if (names) buf_printf(&b, "%s ", names[i]);
        buf_puts(&b, subs[i]->name);
    }
    buf_putc(&b, ')');
    return finish(&p, &b);
}

const DataType *type_aggstate(const char *func, int n, const DataType **args)
{
    DataType p = {.kind = TYPE_AGGSTATE, .nsub = n, .sub = args, .agg = func};
    Buf b = {0};
    buf_printf(&b, "AggregateFunction(%s", func);
    for (int i = 0; i < n; i++) buf_printf(&b, ", %s", args[i]->name);
    buf_putc(&b, ')');
    return finish(&p, &b);
}

const DataType *type_enum(TypeKind kind, int n, const char **names, const int16_t *values)
{
    /* Sort items by value, as ClickHouse prints them. */
    const char **sn = xcalloc((size_t)n, sizeof *sn);
    int16_t *sv = xcalloc((size_t)n, sizeof *sv);
    for (int i = 0; i < n; i++) {
        int j = i;
        while (j > 0 && sv[j - 1] > values[i]) {
            sv[j] = sv[j - 1];
            sn[j] = sn[j - 1];
            j--;
        }
        sv[j] = values[i];
        sn[j] = names[i];
    }
    DataType p = {.kind = kind, .size = KINDS[kind].size, .nenum = n, .enum_names = sn, .enum_values = sv};
    Buf b = {0};
    buf_printf(&b, "%s(", KINDS[kind].name);
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(&b, ", ");
        put_quoted(&b, sn[i]);
        buf_printf(&b, " = %d", sv[i]);
    }
    buf_putc(&b, ')');
    const DataType *t = finish(&p, &b);
    free(sn);
    free(sv);
    return t;
}

/* ---- classification helpers -------------------------------------------- */

const DataType *type_strip_nullable(const DataType *t)
{
    return t->kind == TYPE_NULLABLE ? t->sub[0] : t;
}

const DataType *type_strip_lc(const DataType *t)
{
    return t->kind == TYPE_LOWCARDINALITY ? t->sub[0] : t;
}

const DataType *type_strip(const DataType *t)
{
    return type_strip_nullable(type_strip_lc(t));
}

bool type_can_be_nullable(const DataType *t)
{
    switch (t->kind) {
    case TYPE_NULLABLE: case TYPE_ARRAY: case TYPE_TUPLE: case TYPE_MAP: case TYPE_LOWCARDINALITY: case TYPE_AGGSTATE:
        return false;
    default:
        return true;
    }
}

const char *type_enum_name(const DataType *t, int v)
{
    for (int i = 0; i < t->nenum; i++)
        if (t->enum_values[i] == v) return t->enum_names[i];
    return NULL;
}

bool type_enum_value(const DataType *t, const char *name, size_t len, int *out)
{
    for (int i = 0; i < t->nenum; i++)
        if (strlen(t->enum_names[i]) == len && memcmp(t->enum_names[i], name, len) == 0) {
            *out = t->enum_values[i];
            return true;
        }
    return false;
}

/* toTypeName()'s rendering: as the canonical name, except that named tuples
 * put each element on its own line, indented 4 spaces per named-tuple level. */
void type_pretty_name(const DataType *t, Buf *out, int indent)
{
    if (t->kind == TYPE_TUPLE && t->names) {
        buf_puts(out, "Tuple(");
        for (int i = 0; i < t->nsub; i++) {
            buf_puts(out, i ? ",\n" : "\n");
            for (int k = 0; k < (indent + 1) * 4; k++) buf_putc(out, ' ');
            buf_printf(out, "%s ", t->names[i]);
            type_pretty_name(t->sub[i], out, indent + 1);
        }
        buf_putc(out, ')');
        return;
    }
    switch (t->kind) {
    case TYPE_NULLABLE: case TYPE_ARRAY: case TYPE_LOWCARDINALITY: case TYPE_MAP: case TYPE_TUPLE:
        if (t->simple_agg) {   /* SimpleAggregateFunction(f, Map(...)): the wrapper, then the structure */
            DataType plain = *t;
            plain.simple_agg = NULL;
            buf_printf(out, "SimpleAggregateFunction(%s, ", t->simple_agg);
            type_pretty_name(&plain, out, indent);
            buf_putc(out, ')');
            return;
        }
        buf_printf(out, "%s(", type_kind_name(t->kind));
        for (int i = 0; i < t->nsub; i++) {
            if (i) buf_puts(out, ", ");
            type_pretty_name(t->sub[i], out, indent);
        }
        buf_putc(out, ')');
        return;
    default:
        buf_puts(out, t->name);
    }
}
