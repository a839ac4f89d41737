/* type.h — data types: the registry (types.def), construction, names, parsing.
 *
 * A DataType is immutable and interned: constructing the same type twice gives
 * the same pointer, so types compare with ==, live for the whole process and
 * need no ownership rules. Interning is keyed by the canonical name, which is
 * exactly what ClickHouse prints in toTypeName(), JSON `meta` and
 * ...WithNamesAndTypes headers (`Decimal(9, 2)`, `DateTime('UTC')`,
 * `Enum8('a' = 1)`, `Tuple(a Int32, b String)`). Thread-safe.
 *
 * Physical layout per kind is documented in column.h.
 */
#ifndef BASALT_TYPE_H
#define BASALT_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"
#include "../base/err.h"

typedef enum TypeKind {
#define TYPE(kind, name, size) TYPE_##kind,
#include "types.def"
#undef TYPE
    TYPE_KIND_COUNT
} TypeKind;

typedef enum IntervalUnit {
    IU_NANOSECOND, IU_MICROSECOND, IU_MILLISECOND, IU_SECOND, IU_MINUTE, IU_HOUR,
    IU_DAY, IU_WEEK, IU_MONTH, IU_QUARTER, IU_YEAR, IU_COUNT
} IntervalUnit;

typedef struct DataType DataType;

struct DataType {
    TypeKind kind;
    int size;               /* bytes per value in the data buffer (0: elsewhere) */
    int p1;                 /* FixedString N, Decimal precision, DateTime64 scale, interval unit */
    int p2;                 /* Decimal scale */
    const char *tz;         /* DateTime/DateTime64 explicit zone, or NULL */
    int nsub;               /* Nullable/Array/LowCardinality 1, Map 2 (key, value), Tuple n */
    const DataType **sub;
    const char **names;     /* Tuple element names, or NULL if unnamed */
    int nenum;              /* Enum items, sorted by value */
    const char **enum_names;
    int16_t *enum_values;
    const char *agg;        /* AggregateFunction: the function ("sum", "quantiles(0.5, 0.9)"); sub: its argument types */
    const char *simple_agg; /* SimpleAggregateFunction(f, T): f; the rest is T's (values are plain T) */
    const char *name;       /* canonical name */
};

/* Constructors; all return interned types and never fail. */
const DataType *type_basic(TypeKind kind);   /* parameterless kinds */
const DataType *type_fixedstring(int n);
const DataType *type_decimal(int precision, int scale);
const DataType *type_datetime(const char *tz);
const DataType *type_datetime64(int scale, const char *tz);
const DataType *type_interval(IntervalUnit unit);
const DataType *type_nullable(const DataType *t);  /* idempotent */
/* SimpleAggregateFunction(f, t): t's values, merged with f by AggregatingMergeTree. */
const DataType *type_simple_agg(const char *f, const DataType *t);
const DataType *type_array(const DataType *t);
const DataType *type_lowcard(const DataType *t);
const DataType *type_map(const DataType *k, const DataType *v);
const DataType *type_tuple(int n, const DataType **subs, const char **names);
const DataType *type_enum(TypeKind kind, int n, const char **names, const int16_t *values);
/* AggregateFunction(func, args...): states of an aggregate (-State results). */
const DataType *type_aggstate(const char *func, int n, const DataType **args);

/* Parses a type name ("Nullable(Decimal(9, 2))", "INT UNSIGNED", ...). */
int type_parse(const char *text, const DataType **out, Err *err);
/* As type_parse, for the prefix text[0..len) */
int type_parse_n(const char *text, size_t len, const DataType **out, Err *err);

const char *type_kind_name(TypeKind kind);
const char *interval_unit_name(IntervalUnit u);   /* "Day" */

/* Classification. */
static inline bool type_is_uint(const DataType *t)
{ return t->kind >= TYPE_UINT8 && t->kind <= TYPE_UINT128; }
static inline bool type_is_sint(const DataType *t)
{ return t->kind >= TYPE_INT8 && t->kind <= TYPE_INT128; }
static inline bool type_is_int(const DataType *t)
{ return type_is_uint(t) || type_is_sint(t); }
static inline bool type_is_float(const DataType *t)
{ return t->kind == TYPE_FLOAT32 || t->kind == TYPE_FLOAT64; }
static inline bool type_is_number(const DataType *t)     /* ints, floats (not Bool) */
{ return type_is_int(t) || type_is_float(t); }
static inline bool type_is_decimal(const DataType *t)
{ return t->kind == TYPE_DECIMAL32 || t->kind == TYPE_DECIMAL64 || t->kind == TYPE_DECIMAL128; }
static inline bool type_is_enum(const DataType *t)
{ return t->kind == TYPE_ENUM8 || t->kind == TYPE_ENUM16; }
static inline bool type_is_date_or_time(const DataType *t)
{ return t->kind == TYPE_DATE || t->kind == TYPE_DATE32 || t->kind == TYPE_DATETIME || t->kind == TYPE_DATETIME64; }
/* Values stored as byte strings (data + offsets): String and aggregate states. */
static inline bool type_is_bytes(const DataType *t) { return t->kind == TYPE_STRING || t->kind == TYPE_AGGSTATE; }
static inline bool type_is_stringy(const DataType *t)
{ return t->kind == TYPE_STRING || t->kind == TYPE_FIXEDSTRING; }
static inline bool type_is_nullable(const DataType *t) { return t->kind == TYPE_NULLABLE; }
static inline bool type_is_lc(const DataType *t) { return t->kind == TYPE_LOWCARDINALITY; }
static inline bool type_is_nothing(const DataType *t) { return t->kind == TYPE_NOTHING; }
/* Nullable(Nothing): the type of a bare NULL. */
static inline bool type_is_null_only(const DataType *t)
{ return t->kind == TYPE_NULLABLE && t->sub[0]->kind == TYPE_NOTHING; }
/* Fixed-width scalar stored in the data buffer (numbers, dates, decimals, UUID, enums ...). */
static inline bool type_is_fixed(const DataType *t) { return t->size > 0; }

const DataType *type_strip_nullable(const DataType *t);
const DataType *type_strip_lc(const DataType *t);
/* Strips LowCardinality and Nullable (in that order, as they nest). */
const DataType *type_strip(const DataType *t);
/* True if values of this type may be wrapped in Nullable(). */
bool type_can_be_nullable(const DataType *t);

/* Decimal helpers. */
int decimal_max_precision(TypeKind kind);      /* 9, 18, 38 */
TypeKind decimal_kind_for_precision(int p);

/* Enum lookup: name for a value (NULL if none), value for a name (-1 if none). */
const char *type_enum_name(const DataType *t, int v);
bool type_enum_value(const DataType *t, const char *name, size_t len, int *out);

/* toTypeName() rendering (multi-line named tuples). */
void type_pretty_name(const DataType *t, Buf *out, int indent);

/* Time zone used when displaying t (explicit zone or NULL for the session zone). */
static inline const char *type_tz(const DataType *t) { return t->tz; }

#endif
